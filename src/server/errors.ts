// HTTP status for every error the server sends, and the server's own codes (beyond the engine's
// table in src/errors.ts). The rule (docs/deploy.md#errors): a user error is 400; a request the
// engine accepted but could not finish in its time budget is 422 TIMEOUT; 401/404/413/415/429/503
// for the transport's refusals; INTERNAL is 500 with a reference id and never a stack trace.
import type { FastifyReply, FastifySchemaValidationError } from 'fastify';
import { jsonErrorOffset } from '../api/json-position.js';

export const SERVER_ERRORS = {
  TIMEOUT: 'The request took longer than its time budget and was stopped.',
  UNAUTHORIZED: 'An API key is required: send "Authorization: Bearer <key>" or "X-API-Key: <key>".',
  NOT_FOUND: 'No such endpoint.',
  PAYLOAD_TOO_LARGE: 'The request body is larger than the limit.',
  UNSUPPORTED_MEDIA_TYPE: 'Send JSON (application/json), or JSON Lines (application/x-ndjson) to /v1/batch.',
  RATE_LIMITED: 'Too many requests; retry after the time in the Retry-After header.',
  OVERLOADED: 'The server is busy; retry shortly.',
} as const;

export interface HttpError {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  readonly position?: { line: number; column: number; offset: number; end: number };
  /** the request id, for INTERNAL: quote it when reporting the bug */
  readonly id?: string;
}

const STATUS: Record<string, number> = {
  INTERNAL: 500,
  TIMEOUT: 422,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  OVERLOADED: 503,
};

/** Every engine code other than INTERNAL is a user error: 400. */
export const statusOf = (code: string): number => STATUS[code] ?? 400;

/** A schema validation failure (ajv, from Fastify) as the API's error: the first problem, its
 * field in the batch protocol's dotted form (`problem.expr`). */
export function validationError(errors: readonly FastifySchemaValidationError[]): HttpError {
  const e = errors[0];
  if (!e) return { code: 'BAD_REQUEST', message: 'The request does not match the schema.' };
  const path = e.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties' && typeof params['additionalProperty'] === 'string') {
    const f = path ? `${path}.${params['additionalProperty']}` : params['additionalProperty'];
    return { code: 'BAD_REQUEST', message: `Unknown field "${f}".`, field: f };
  }
  if (e.keyword === 'required' && typeof params['missingProperty'] === 'string') {
    const f = path ? `${path}.${params['missingProperty']}` : params['missingProperty'];
    return { code: 'BAD_REQUEST', message: `The field "${f}" is missing.`, field: f };
  }
  if (!path) return { code: 'BAD_REQUEST', message: `The request body ${e.message ?? 'is invalid'}.` };
  // a choice (a union of constants) fails once per member: name the allowed values, as the batch
  // protocol's validator does ("must be "en" or "ko""), not ajv's "must be equal to constant"
  const allowed = errors.filter((x) => x.instancePath === e.instancePath && x.keyword === 'const').map((x) => JSON.stringify((x.params as Record<string, unknown>)['allowedValue']));
  if (e.keyword === 'const' && allowed.length) {
    const list = allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}` : allowed[0]!;
    return { code: 'BAD_REQUEST', message: `The field "${path}" must be ${list}.`, field: path };
  }
  return { code: 'BAD_REQUEST', message: `The field "${path}" ${e.message ?? 'is invalid'}.`, field: path };
}

/** Send an error in the API's shape with its status. */
export function sendError(reply: FastifyReply, error: HttpError): FastifyReply {
  return reply.code(statusOf(error.code)).type('application/json; charset=utf-8').send({ error });
}

/** JSON.parse with the batch protocol's error: BAD_REQUEST, field "body", the offending offset. */
/** The text of each parsed JSON array body (a batch), so its numeric ids can be echoed digit for
 * digit (12345678901234567890123, 1e400), as the batch protocol echoes them. */
export const rawBodies = new WeakMap<object, string>();

export function parseJson(text: string): unknown {
  // a UTF-8 byte order mark is accepted, as the batch protocol accepts it
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    const v: unknown = JSON.parse(text);
    if (Array.isArray(v)) rawBodies.set(v, text);
    return v;
  } catch (e) {
    const msg = (e as Error).message;
    const at = /position (\d+)/.exec(msg);
    const offset = at ? Number(at[1]) : (jsonErrorOffset(text) ?? 0);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - (before.lastIndexOf('\n') + 1) + 1;
    throw Object.assign(new Error(`The body is not valid JSON: ${msg}`), {
      statusCode: 400,
      apiError: { code: 'BAD_REQUEST', message: `The body is not valid JSON: ${msg}`, field: 'body', position: { line, column, offset, end: Math.min(offset + 1, text.length) } } satisfies HttpError,
    });
  }
}
