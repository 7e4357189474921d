// The plain JSON of the request schemas, as the text of requests.generated.ts (written by
// `npm run docs:api`, compared by test/api/schema.test.ts).
import { OP_NAMES, OP_SCHEMAS } from './index.js';

export function requestsModule(): string {
  const obj = Object.fromEntries(OP_NAMES.map((op) => [op, JSON.parse(JSON.stringify(OP_SCHEMAS[op].request)) as unknown]));
  return `// GENERATED from src/api/schema/*.ts by \`npm run docs:api\` — do not edit. The request schemas as
// plain JSON, so validating a request does not load typebox (see check.ts).
import type { Sch } from './check.js';

export const REQUEST_SCHEMAS: Readonly<Record<string, Sch & { readonly properties: Readonly<Record<string, Sch>> }>> = {
${Object.entries(obj).map(([k, v]) => `  ${k}: ${JSON.stringify(v)},`).join('\n')}
};
`;
}
