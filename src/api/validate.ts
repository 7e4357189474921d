// Request validation against the op's schema (schema/): a missing field, an unknown or misspelt
// field, or a field of the wrong type is one clear error naming the field. `null` at the top
// level means "absent", as it always has (so does undefined, for library callers). Values inside
// a point, ranges or data rows that are not numbers are BAD_VALUE (a bad value, not a malformed
// request), as before the schemas.
import { ChainruleError } from '../errors.js';
import { fieldError } from './errors.js';
import { check, type Sch } from './schema/check.js';
import type { OpName, RequestOf } from './schema/index.js';
import { REQUEST_SCHEMAS } from './schema/requests.generated.js';

/** Fields whose inner values are user data: a wrong value inside them is BAD_VALUE. */
const VALUE_MAPS = new Set(['at', 'start', 'ranges', 'data']);

export function validateRequest<K extends OpName>(op: K, req: unknown): RequestOf<K> {
  if (typeof req !== 'object' || req === null || Array.isArray(req)) throw new ChainruleError('BAD_REQUEST', `A ${op} request is a JSON object of its fields.`);
  // null (and, from library callers, undefined) = absent; Object.fromEntries defines "__proto__"
  // as a plain key instead of setting the prototype
  const clean = Object.fromEntries(Object.entries(req).filter(([, v]) => v !== null && v !== undefined));
  const schema = REQUEST_SCHEMAS[op]!;
  const props = schema.properties as Record<string, Sch>;
  const known = Object.keys(props);
  for (const k of Object.keys(clean)) {
    if (!Object.hasOwn(props, k)) {
      const near = closest(k, known);
      throw fieldError(k, '', 'BAD_REQUEST', `Unknown field "${k}" for op ${op}${near ? `; did you mean "${near}"?` : '.'} Its fields are ${known.join(', ')}.`);
    }
  }
  for (const k of schema.required ?? []) if (!Object.hasOwn(clean, k)) throw fieldError(k, '', 'BAD_REQUEST', `The field "${k}" is missing.`);
  if (check(schema, clean)) return clean as RequestOf<K>;
  // the first field that does not match, and within a map or object the first key that does not
  const top = Object.keys(clean).find((k) => !check(props[k]!, clean[k]))!;
  const sub = props[top]!;
  const v = clean[top];
  const key = isObject(v) ? Object.keys(v as object).find((k) => !check(inner(sub, k), (v as Record<string, unknown>)[k])) : undefined;
  if (VALUE_MAPS.has(top) && key !== undefined && isObject(clean[top])) {
    throw fieldError(`${top}.${key}`, '', 'BAD_VALUE', `The value of ${key} in "${top}" must be ${describe(inner(sub, key))}.`);
  }
  // a nested object (verify's problem): name the inner field
  if (sub.type === 'object' && !sub.patternProperties && isObject(clean[top])) {
    const innerProps = (sub.properties ?? {}) as Record<string, Sch>;
    const obj = clean[top] as Record<string, unknown>;
    for (const k of Object.keys(obj)) if (!Object.hasOwn(innerProps, k)) throw fieldError(`${top}.${k}`, '', 'BAD_REQUEST', `Unknown field "${k}" in "${top}"; its fields are ${Object.keys(innerProps).join(', ')}.`);
    for (const k of (sub.required ?? []) as string[]) if (obj[k] === undefined || obj[k] === null) throw fieldError(`${top}.${k}`, '', 'BAD_REQUEST', `The field "${top}.${k}" is missing.`);
    if (key !== undefined && innerProps[key]) throw fieldError(`${top}.${key}`, '', 'BAD_REQUEST', `The field "${top}.${key}" must be ${describe(innerProps[key])}.`);
  }
  throw fieldError(top, '', 'BAD_REQUEST', `The field "${top}" must be ${describe(sub)}.`);
}

function isObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The schema of one entry of a record field (or of a union's record member). */
function inner(s: Sch, key: string): Sch {
  const members = (s.anyOf as Sch[] | undefined) ?? [s];
  for (const m of members) {
    if (m.patternProperties) return Object.values(m.patternProperties as Record<string, Sch>)[0]!;
    if (m.properties && (m.properties as Record<string, Sch>)[key]) return (m.properties as Record<string, Sch>)[key]!;
  }
  return s;
}

/** What a value of this schema is, in words: "a string", "true or false", "1 or 2", … */
export function describe(s: Sch): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.anyOf) {
    const parts = (s.anyOf as Sch[]).map(describe);
    return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
  }
  switch (s.type) {
    case 'string':
      return s.pattern ? 'a string of digits' : 'a string';
    case 'boolean':
      return 'true or false';
    case 'number':
      return 'a number';
    case 'integer':
      return s.minimum === 0 ? 'a whole number (0 or more)' : 'a whole number';
    case 'array': {
      const items = s.items as Sch | undefined;
      return items && !Array.isArray(items) ? `an array of ${plural(describe(items))}` : 'an array';
    }
    case 'object':
      if (s.patternProperties) return `an object such as {"x": 1}`;
      return `an object with the fields ${Object.keys((s.properties ?? {}) as object).map((k) => `"${k}"`).join(', ')}`;
    default:
      return 'a JSON value';
  }
}

function plural(d: string): string {
  if (d === 'a string') return 'strings';
  if (d === 'a number') return 'numbers';
  if (d.startsWith('a number or a string') || d === 'a number or a string') return 'numbers or strings';
  return `values (each ${d})`;
}

/** The known name nearest to a misspelt one (edit distance ≤ 2, or a transposition). */
function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const k of known) {
    const d = distance(name.toLowerCase(), k.toLowerCase());
    if (d < bestD) (best = k), (bestD = d);
  }
  return best;
}

/** Optimal string alignment distance (a swap of neighbours costs 1: "wtr" → "wrt"). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
