// The request-field tables of docs/api.md, generated from the op schemas so the docs cannot drift
// (test/api/schema.test.ts compares; `npm run docs:api` rewrites the generated block).
import { OP_NAMES, OP_SCHEMAS } from './index.js';

interface Sch {
  readonly type?: string;
  readonly anyOf?: readonly Sch[];
  readonly properties?: Readonly<Record<string, Sch>>;
  readonly patternProperties?: Readonly<Record<string, Sch>>;
  readonly required?: readonly string[];
  readonly const?: unknown;
  readonly items?: Sch;
  readonly minimum?: number;
  readonly pattern?: string;
  readonly description?: string;
}

/** A schema as a short type: `string`, `"auto" \| "text"`, `string[]`, `{name: number \| string}`. */
export function typeText(s: Sch): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.anyOf) return s.anyOf.map(typeText).join(' \\| ');
  switch (s.type) {
    case 'array':
      return s.items ? `${s.items.anyOf ? `(${typeText(s.items)})` : typeText(s.items)}[]` : 'array';
    case 'object':
      if (s.patternProperties) return `{name: ${typeText(Object.values(s.patternProperties)[0]!)}}`;
      return `{${Object.keys(s.properties ?? {}).join(', ')}}`;
    case 'integer':
      return s.minimum === 0 ? 'integer ≥ 0' : 'integer';
    case 'string':
      return s.pattern ? 'string of digits' : 'string';
    default:
      return s.type ?? 'any';
  }
}

const cell = (s: string) => s.replace(/\n/g, ' ');

/** The generated block: one table of request fields per op. */
export function requestFieldTables(): string {
  const out: string[] = [];
  for (const op of OP_NAMES) {
    const { summary, request } = OP_SCHEMAS[op];
    const r = request as unknown as Sch;
    out.push(`### \`${op}\` request`, '', `${summary[0]!.toUpperCase()}${summary.slice(1)}.`, '', '| field | type | required | meaning |', '|---|---|---|---|');
    for (const [k, s] of Object.entries(r.properties ?? {})) {
      out.push(`| \`${k}\` | ${cell(typeText(s))} | ${(r.required ?? []).includes(k) ? 'yes' : ''} | ${cell(s.description ?? '')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

export const BEGIN = '<!-- BEGIN GENERATED: request fields (src/api/schema; npm run docs:api) -->';
export const END = '<!-- END GENERATED: request fields -->';
