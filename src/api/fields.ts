// Reading the fields the schemas have already type-checked into engine values: an expression
// with the request's names and notation, a point (object or "w=2, b=1/3" text), a variable name.
// Every error is tagged with the field (and position) it concerns.
import type { Span } from '../ast/spans.js';
import { ratToNumber } from '../numeric/number.js';
import { parseRational } from '../numeric/rational.js';
import { positionAt } from '../ast/spans.js';
import { canonicalSymbol, parseAsync, parsePoint, type Notation, type Parsed, type Reading as ParseReading } from '../parse/index.js';
import type { Static } from 'typebox';
import type { Reading as ReadingSchema } from './schema/common.js';
import { fieldError, inField, inFieldAsync } from './errors.js';

export interface Reading {
  readonly names?: readonly string[];
  readonly functions?: readonly string[];
  readonly notation?: Notation;
}

/** Parse the text of a request field, tagging errors with that field. */
export async function parseText(field: string, text: string, r: Reading): Promise<Parsed> {
  return inFieldAsync(field, text, () => parseAsync(text, { names: [...(r.names ?? [])], functions: [...(r.functions ?? [])], notation: r.notation ?? 'auto' }));
}

/** A variable name of a request field, canonical (`ŷ` → `y_hat`), read by the same rule as the
 * expression: with the request's declared names (`a2` = `a_2`, `yhat` one name when declared). */
export function symbolField(field: string, name: string, names: readonly string[] = []): string {
  return inField(field, name, () => canonicalSymbol(name, names));
}

/** The readings of a parsed field as the API returns them: each with its field and position. */
export function readingsJson(field: string, p: Parsed, extra: readonly ParseReading[] = []): ReadingJson[] {
  return [...p.readings, ...extra].map((r) => ({
    code: r.code,
    field,
    position: { ...positionAt(p.input, r.span.start), end: r.span.end },
    read: r.read,
    alternative: r.alternative,
    message: r.message,
  }));
}
export type ReadingJson = Static<typeof ReadingSchema>;

/** `readings` for a response: present only when there is at least one. */
export const withReadings = (rs: readonly ReadingJson[]): { readings?: ReadingJson[] } => (rs.length ? { readings: [...rs] } : {});

export interface PointEntry {
  /** as given: a JSON number, or the trimmed decimal/fraction text (kept exact) */
  readonly raw: number | string;
  readonly value: number;
  readonly exact?: { readonly n: bigint; readonly d: bigint };
  /** in text points: where the value is, and where the name is */
  readonly span?: Span;
  readonly nameSpan?: Span;
}

const VALUE = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?$|^[+-]?[0-9]{1,400}\/[0-9]{1,400}$/;

/** A point, from an object {"w": 2, "b": "1/3"} or text "w=2, b=1/3" (the one point reader of the
 * API: evaluate, graph and descend, and the CLI's --at). */
export function readPoint(field: string, v: string | Readonly<Record<string, number | string>> | undefined, names: readonly string[] = []): Map<string, PointEntry> {
  const out = new Map<string, PointEntry>();
  if (v === undefined) return out;
  const text = typeof v === 'string' ? v : '';
  const put = (name: string, given: string, raw: number | string, span?: Span, nameSpan?: Span): void => {
    if (out.has(name)) throw fieldError(field, text, 'BAD_REQUEST', `"${given}" names the symbol ${name} a second time in "${field}".`, span);
    const bad = (why: string) => fieldError(field, text, 'BAD_VALUE', `The value of ${given} ${why}`, span);
    if (typeof raw === 'number') {
      if (!Number.isFinite(raw)) throw bad('must be a finite number.');
      const q = parseRational(String(raw));
      out.set(name, { raw, value: raw, ...(q && q !== 'too-large' ? { exact: q } : {}), ...(span ? { span } : {}) });
      return;
    }
    const t = raw.trim();
    if (!VALUE.test(t)) throw bad('must be a number, or a string such as "1.5" or "1/3".');
    if (/\/\s*[+-]?0+$/.test(t)) throw bad('divides by zero; it must be a finite number.');
    const q = parseRational(t);
    if (q && q !== 'too-large' && q.d === 0n) throw bad('divides by zero; it must be a finite number.');
    out.set(name, { raw: t, value: toFloat(t), ...(q && q !== 'too-large' ? { exact: q } : {}), ...(span ? { span, nameSpan } : {}) });
  };
  if (typeof v === 'string') {
    for (const e of inField(field, v, () => parsePoint(v, names))) put(e.name, e.name, e.value, e.span, nameSpan(v, e.span));
  } else {
    for (const [k, x] of Object.entries(v)) put(inField(`${field}.${k}`, k, () => canonicalSymbol(k, names)), k, x);
  }
  return out;
}

/** The span of the name before a value's `=` in "w=2, b=1" (parsePoint gives the value's). */
function nameSpan(text: string, value: Span): Span {
  const eq = text.lastIndexOf('=', value.start);
  const from = Math.max(text.lastIndexOf(',', eq), text.lastIndexOf(';', eq)) + 1;
  const raw = text.slice(from, eq);
  const start = from + raw.length - raw.trimStart().length;
  return { start, end: Math.max(start + 1, from + raw.trimEnd().length) };
}

/** Number() of a decimal string is correctly rounded; a fraction goes through ratToNumber, as
 * Number(n)/Number(d) would round twice and give ∞/∞ = NaN for 400-digit integers. */
function toFloat(t: string): number {
  const [n, d] = t.split('/');
  return d === undefined ? Number(n) : ratToNumber(BigInt(n!.trim().replace(/^\+/, '')), BigInt(d.trim()));
}
