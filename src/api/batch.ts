// The batch protocol: JSON Lines in, one JSON line out per request, in order (docs/api.md).
// Each line is parsed as JSON and handed to handleRequest (run.ts). A bad line — invalid JSON, a
// missing or unknown field, an unknown op, a user error, even an internal fault — becomes
// `{"id", "ok": false, "error"}` and the batch goes on with the next line. The stream cannot die:
// lines are read with a byte cap (lines.ts), ids are echoed as sent, a closed output ends the
// batch quietly, and every request runs under its budget (src/ast/budget.ts).
import type { Readable, Writable } from 'node:stream';
import { ChainruleError } from '../errors.js';
import { fieldError, toApiError } from './errors.js';
import { jsonErrorOffset } from './json-position.js';
import { type InputLine, MAX_LINE_BYTES, rawTopLevel, readLines } from './lines.js';
import { handleRequest } from './run.js';

type Response = Record<string, unknown>;

/** Longest request line accepted (characters of JSON); far above any real expression request. */
export const MAX_LINE = 1_000_000;
export { MAX_LINE_BYTES };

function tooLong(id: unknown): Response {
  return { id, ok: false, error: toApiError(new ChainruleError('INPUT_TOO_LONG', `A request line is limited to ${MAX_LINE.toLocaleString('en')} characters; the rest of this line was not read.`)) };
}

/** Handle one request line; never throws. */
export async function handleLine(line: string): Promise<Response> {
  if (line.length > MAX_LINE) return tooLong(prefixId(line.slice(0, 4096)).value);
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

/** The id of a too-long line, when its prefix shows one (a string or a number, as sent). */
function prefixId(prefix: string): { value: unknown; raw?: string } {
  const raw = rawTopLevel(prefix, 'id');
  if (raw === undefined) return { value: null };
  try {
    return { value: JSON.parse(raw) as unknown, raw };
  } catch {
    return { value: null };
  }
}

/** One response as a JSON line; never throws (a response that cannot be serialised becomes an
 * INTERNAL error line, so the batch still answers every line in order). `rawId` is the id's JSON
 * text as the request sent it: a number is echoed digit for digit (1e400, 12345678901234567890). */
export function serialise(res: Response, rawId?: string): string {
  try {
    const json = JSON.stringify(res);
    if (rawId !== undefined && typeof res['id'] === 'number' && JSON.stringify(res['id']) !== rawId) {
      const rest = JSON.stringify({ ...res, id: 0 }).slice('{"id":0'.length);
      return `{"id":${rawId}${rest}\n`;
    }
    return json + '\n';
  } catch (e) {
    return JSON.stringify({ id: null, ok: false, error: toApiError(new Error(`a response could not be serialised (${e instanceof Error ? e.message : String(e)})`)) }) + '\n';
  }
}

/** Answers one line's text; handleLine in-process, or a worker (isolate.ts) in the CLI. */
export type LineHandler = (line: string) => Promise<Response>;

async function answer(line: InputLine, handle: LineHandler): Promise<{ res: Response; rawId?: string }> {
  if (line.truncated || line.text.length > MAX_LINE) {
    const id = prefixId(line.text.slice(0, 4096));
    return { res: tooLong(id.value), ...(id.raw !== undefined ? { rawId: id.raw } : {}) };
  }
  const res = await handle(line.text);
  const raw = typeof res['id'] === 'number' ? rawTopLevel(line.text, 'id') : undefined;
  return { res, ...(raw !== undefined ? { rawId: raw } : {}) };
}

/** Read JSON Lines from `input`, write one response line each to `output`, in order. A closed
 * output (EPIPE: `| head -1`) or a failing input ends the batch quietly after the lines answered. */
export async function runBatch(input: Readable, output: Writable, handle: LineHandler = handleLine): Promise<{ ok: number; failed: number }> {
  let ok = 0;
  let failed = 0;
  let closed = false;
  const onError = (): void => {
    closed = true;
  };
  output.on('error', onError);
  input.on('error', () => {});
  try {
    for await (const line of readLines(input)) {
      if (closed) break;
      if (line.text.trim() === '' && !line.truncated) continue;
      const { res, rawId } = await answer(line, handle);
      if (res['ok']) ok++;
      else failed++;
      if (closed || output.destroyed || output.writableEnded) break;
      if (!output.write(serialise(res, rawId))) {
        await new Promise<void>((r) => {
          const done = (): void => {
            output.off('drain', done);
            output.off('close', done);
            output.off('error', done);
            r();
          };
          output.once('drain', done);
          output.once('close', done);
          output.once('error', done);
        });
      }
    }
  } catch (e) {
    // a read error (stdin closed under us) ends the batch; everything read has been answered
    if (!isStreamError(e)) throw e;
  } finally {
    if (closed) input.destroy();
  }
  return { ok, failed };
}

function isStreamError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(EPIPE|ECONNRESET|EOF|ERR_STREAM_PREMATURE_CLOSE|ERR_STREAM_DESTROYED|EBADF)$/.test(code);
}
