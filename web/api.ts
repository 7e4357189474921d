// The playground's calls to the HTTP API (same origin): POST /v1/<op> with JSON, and the error
// shape {"error": {code, message, field?, position?}} turned into an ApiFailure to show.
export interface ApiErrorBody {
  code: string;
  message: string;
  field?: string;
  position?: { line: number; column: number; offset: number; end: number };
}

export class ApiFailure extends Error {
  constructor(readonly error: ApiErrorBody, readonly status: number) {
    super(error.message);
  }
}

export type Json = Record<string, any>;

/** An API key, if the server wants one: ?key=… once, kept in localStorage. */
function apiKey(): string | null {
  const fromUrl = new URLSearchParams(location.search).get('key');
  if (fromUrl) localStorage.setItem('chainrule-api-key', fromUrl);
  return fromUrl ?? localStorage.getItem('chainrule-api-key');
}

export async function call(op: string, body: Json): Promise<Json> {
  const key = apiKey();
  const res = await fetch(`/v1/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
  const data = (await res.json().catch(() => ({ error: { code: 'INTERNAL', message: `HTTP ${res.status}` } }))) as Json;
  if (!res.ok) throw new ApiFailure(data['error'] as ApiErrorBody, res.status);
  return data;
}
