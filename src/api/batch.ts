// The batch protocol: JSON Lines in, one JSON line out per request, in order (docs/api.md).
// Each line is parsed as JSON and handed to handleRequest (run.ts). A bad line — invalid JSON, a
// missing or unknown field, an unknown op, a user error, even an internal fault — becomes
// `{"id", "ok": false, "error"}` and the batch goes on with the next line.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { ChainruleError } from '../errors.js';
import { fieldError, toApiError } from './errors.js';
import { jsonErrorOffset } from './json-position.js';
import { handleRequest } from './run.js';

type Response = Record<string, unknown>;

/** Longest request line accepted (bytes of JSON); far above any real expression request. */
export const MAX_LINE = 1_000_000;

/** Handle one request line; never throws. */
export async function handleLine(line: string): Promise<Response> {
  if (line.length > MAX_LINE) return { id: null, ok: false, error: toApiError(new ChainruleError('INPUT_TOO_LONG', `A request line is limited to ${MAX_LINE} characters.`)) };
  let req: unknown;
  try {
    req = JSON.parse(line);
  } catch (e) {
    const msg = (e as Error).message;
    const at = /position (\d+)/.exec(msg);
    const start = at ? Number(at[1]) : jsonErrorOffset(line);
    const span = start === undefined ? undefined : { start, end: Math.min(start + 1, line.length) };
    return { id: null, ok: false, error: toApiError(fieldError('line', line, 'BAD_REQUEST', `The line is not valid JSON: ${msg}`, span)) };
  }
  return handleRequest(req);
}

/** One response as a JSON line; never throws (a response that cannot be serialised becomes an
 * INTERNAL error line, so the batch still answers every line in order). */
function serialise(res: Response): string {
  try {
    return JSON.stringify(res) + '\n';
  } catch (e) {
    return JSON.stringify({ id: null, ok: false, error: toApiError(new Error(`a response could not be serialised (${e instanceof Error ? e.message : String(e)})`)) }) + '\n';
  }
}

/** Read JSON Lines from `input`, write one response line each to `output`, in order. */
export async function runBatch(input: Readable, output: Writable): Promise<{ ok: number; failed: number }> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let ok = 0;
  let failed = 0;
  for await (const line of rl) {
    if (line.trim() === '') continue;
    const res = await handleLine(line);
    if (res['ok']) ok++;
    else failed++;
    if (!output.write(serialise(res))) await new Promise((r) => output.once('drain', r));
  }
  return { ok, failed };
}
