// The batch protocol: JSON Lines in, one JSON line out per request, in order (docs/api.md).
// A bad line — invalid JSON, a missing field, an unknown op, a user error, even an internal
// fault — becomes `{"id", "ok": false, "error"}` and the batch goes on with the next line.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { ChainruleError } from '../errors.js';
import { fieldError, toApiError } from './errors.js';
import { jsonErrorOffset } from './json-position.js';
import { OPS, opNames, type Response } from './ops.js';

/** Longest request line accepted (bytes of JSON); far above any real expression request. */
export const MAX_LINE = 1_000_000;

/** Handle one request line; never throws. */
export async function handleLine(line: string): Promise<Response> {
  let id: unknown = null;
  try {
    if (line.length > MAX_LINE) throw new ChainruleError('INPUT_TOO_LONG', `A request line is limited to ${MAX_LINE} characters.`);
    let req: unknown;
    try {
      req = JSON.parse(line);
    } catch (e) {
      const msg = (e as Error).message;
      const at = /position (\d+)/.exec(msg);
      const start = at ? Number(at[1]) : jsonErrorOffset(line);
      const span = start === undefined ? undefined : { start, end: Math.min(start + 1, line.length) };
      throw fieldError('line', line, 'BAD_REQUEST', `The line is not valid JSON: ${msg}`, span);
    }
    if (typeof req !== 'object' || req === null || Array.isArray(req)) throw new ChainruleError('BAD_REQUEST', 'A request is a JSON object such as {"op": "evaluate", "expr": "x^2", "at": {"x": 3}}.');
    const r = req as Record<string, unknown>;
    id = r['id'] ?? null;
    if (!echoable(id)) {
      id = null;
      throw new ChainruleError('BAD_REQUEST', 'The field "id" is nested too deeply to echo back.');
    }
    const opName = r['op'];
    if (typeof opName !== 'string') throw new ChainruleError('BAD_REQUEST', 'The field "op" is missing.');
    const op = Object.hasOwn(OPS, opName) ? OPS[opName] : undefined;
    if (!op) throw new ChainruleError('UNKNOWN_OP', `Unknown op ${JSON.stringify(opName)}; the ops are ${opNames().join(', ')}.`);
    return { id, ok: true, ...(await op(r)) };
  } catch (e) {
    return { id, ok: false, error: toApiError(e) };
  }
}

/** JSON.parse reads any depth, but JSON.stringify overflows the stack on a deeply nested id;
 * such an id must fail its own line, not the batch. */
function echoable(id: unknown): boolean {
  if (typeof id !== 'object' || id === null) return true;
  try {
    JSON.stringify(id);
    return true;
  } catch {
    return false;
  }
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
