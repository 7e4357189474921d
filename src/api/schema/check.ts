// A small checker for the JSON Schema keywords the request and worksheet schemas use (type,
// const, enum, anyOf, properties/required/additionalProperties, patternProperties, items,
// minItems, minimum, exclusiveMinimum, maximum, minLength, pattern), run on
// the plain JSON copy of the request schemas (requests.generated.ts). Why not TypeBox's Value at
// run time: loading typebox costs several times what the whole `chainrule eval` start-up is
// allowed (docs/performance.md); the TypeBox schemas stay the source (types, docs, HTTP), and
// test/api/schema.test.ts checks the copy is current and that this checker agrees with Value.

/** The JSON Schema keywords read here. */
export interface Sch {
  readonly type?: string;
  readonly anyOf?: readonly Sch[];
  readonly properties?: Readonly<Record<string, Sch>>;
  readonly patternProperties?: Readonly<Record<string, Sch>>;
  readonly additionalProperties?: boolean;
  readonly required?: readonly string[];
  readonly const?: unknown;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly exclusiveMinimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly minItems?: number;
  readonly enum?: readonly unknown[];
  readonly items?: Sch;
  readonly description?: string;
}

const patterns = new Map<string, RegExp>();

export function check(s: Sch, v: unknown): boolean {
  if (s.const !== undefined && v !== s.const) return false;
  if (s.enum && !s.enum.includes(v)) return false;
  if (s.anyOf && !s.anyOf.some((m) => check(m, v))) return false;
  switch (s.type) {
    case undefined:
      return true;
    case 'string':
      if (typeof v !== 'string') return false;
      if (s.minLength !== undefined && [...v].length < s.minLength) return false;
      if (s.pattern !== undefined) {
        let re = patterns.get(s.pattern);
        if (!re) patterns.set(s.pattern, (re = new RegExp(s.pattern, 'u')));
        if (!re.test(v)) return false;
      }
      return true;
    case 'number':
    case 'integer':
      if (typeof v !== 'number' || !Number.isFinite(v) || (s.type === 'integer' && !Number.isInteger(v))) return false;
      return (s.minimum === undefined || v >= s.minimum) && (s.exclusiveMinimum === undefined || v > s.exclusiveMinimum) && (s.maximum === undefined || v <= s.maximum);
    case 'boolean':
      return typeof v === 'boolean';
    case 'null':
      return v === null;
    case 'array':
      return Array.isArray(v) && (s.minItems === undefined || v.length >= s.minItems) && (!s.items || v.every((x) => check(s.items!, x)));
    case 'object': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
      const o = v as Record<string, unknown>;
      for (const k of s.required ?? []) if (!Object.hasOwn(o, k)) return false;
      const pattern = s.patternProperties ? Object.values(s.patternProperties)[0] : undefined;
      for (const [k, x] of Object.entries(o)) {
        const p = s.properties && Object.hasOwn(s.properties, k) ? s.properties[k] : pattern;
        if (p) {
          if (!check(p, x)) return false;
        } else if (s.additionalProperties === false) return false;
      }
      return true;
    }
    default:
      return false;
  }
}
