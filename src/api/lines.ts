// Reading JSON Lines with a byte cap, for the batch (batch.ts): a line longer than the cap is
// never held whole — its first bytes are kept (to find its id) and the rest is discarded up to
// the newline, so a 600 MB line costs a few MB, not V8's string limit. A UTF-8 BOM is dropped
// (TextDecoder does it at the start of each line) and a trailing CR removed.
import type { Readable } from 'node:stream';

/** Most bytes of one line held in memory: room for MAX_LINE characters of 4-byte UTF-8. */
export const MAX_LINE_BYTES = 4_000_016;
/** Bytes of an over-long line kept to answer it with its id. */
const PREFIX_BYTES = 4096;

export interface InputLine {
  readonly text: string;
  /** the line was longer than MAX_LINE_BYTES: `text` is its first PREFIX_BYTES only */
  readonly truncated: boolean;
}

const NL = 0x0a;

function decode(parts: Buffer[]): string {
  const s = new TextDecoder('utf-8').decode(Buffer.concat(parts));
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}

/** The lines of `input` (Buffers or strings), each at most MAX_LINE_BYTES held. */
export async function* readLines(input: Readable, maxBytes = MAX_LINE_BYTES): AsyncGenerator<InputLine> {
  let parts: Buffer[] = [];
  let held = 0;
  let truncated = false;
  for await (const chunk of input) {
    let buf: Buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    while (buf.length > 0) {
      const nl = buf.indexOf(NL);
      const piece = nl < 0 ? buf : buf.subarray(0, nl);
      if (!truncated) {
        if (held + piece.length > maxBytes) {
          // keep only the prefix; from here on, bytes up to the newline are dropped
          const all = Buffer.concat([...parts, piece]);
          parts = [Buffer.from(all.subarray(0, PREFIX_BYTES))];
          held = parts[0]!.length;
          truncated = true;
        } else {
          // copy: a chunk's buffer may be reused by the stream after we yield
          parts.push(Buffer.from(piece));
          held += piece.length;
        }
      }
      if (nl < 0) break;
      yield { text: decode(parts), truncated };
      parts = [];
      held = 0;
      truncated = false;
      buf = buf.subarray(nl + 1);
    }
  }
  if (held > 0 || truncated) yield { text: decode(parts), truncated };
}

/** The JSON text of the top-level field `key` of the object in `text`, when it is a scalar (a
 * number, a string, true/false/null) written out in full; undefined otherwise. Scans at most the
 * top level, iteratively, so a deep or cut-off line cannot hurt it. The last occurrence wins, as
 * in JSON.parse. */
export function rawTopLevel(text: string, key: string): string | undefined {
  let i = skipWs(text, 0);
  if (text[i] !== '{') return undefined;
  i++;
  let found: string | undefined;
  for (;;) {
    i = skipWs(text, i);
    if (text[i] !== '"') return found;
    const kEnd = stringEnd(text, i);
    if (kEnd < 0) return found;
    let k: unknown;
    try {
      k = JSON.parse(text.slice(i, kEnd));
    } catch {
      return found;
    }
    i = skipWs(text, kEnd);
    if (text[i] !== ':') return found;
    i = skipWs(text, i + 1);
    const vEnd = valueEnd(text, i);
    if (vEnd < 0) return found;
    if (k === key) {
      const raw = text.slice(i, vEnd);
      found = /^[[{]/.test(raw) ? undefined : raw;
    }
    i = skipWs(text, vEnd);
    if (text[i] === ',') i++;
    else return found;
  }
}

/** The JSON texts of the elements of the array in `text`, as written (so `rawTopLevel` can read
 * each element's id digit for digit); undefined when `text` is not a complete array. */
export function rawArrayItems(text: string): string[] | undefined {
  let i = skipWs(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (text[i] !== '[') return undefined;
  i = skipWs(text, i + 1);
  const out: string[] = [];
  if (text[i] === ']') return out;
  for (;;) {
    const end = valueEnd(text, i);
    if (end < 0) return undefined;
    out.push(text.slice(i, end));
    i = skipWs(text, end);
    if (text[i] === ']') return out;
    if (text[i] !== ',') return undefined;
    i = skipWs(text, i + 1);
  }
}

function skipWs(s: string, i: number): number {
  while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  return i;
}

/** Index after the closing quote of the string starting at `i`, or -1 if it is cut off. */
function stringEnd(s: string, i: number): number {
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === '"') return j + 1;
  }
  return -1;
}

/** Index after the value starting at `i`, or -1 if it is cut off. */
function valueEnd(s: string, i: number): number {
  if (s[i] === '"') return stringEnd(s, i);
  if (s[i] === '{' || s[i] === '[') {
    let depth = 0;
    for (let j = i; j < s.length; j++) {
      const c = s[j];
      if (c === '"') {
        j = stringEnd(s, j) - 1;
        if (j < 0) return -1;
      } else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return -1;
  }
  let j = i;
  while (j < s.length && /[-+.\w]/.test(s[j]!)) j++;
  return j === i || j === s.length ? -1 : j;
}
