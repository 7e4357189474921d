// The plain JSON of the worksheet file schema, as the text of schema.generated.ts (written by
// `npm run docs:api`, compared by test/worksheet/read.test.ts), so reading a worksheet does not load
// typebox unless the file is invalid and its error has to be explained (read.ts).
import { WORKSHEET_FILE_SCHEMA } from './schema.js';

export function worksheetSchemaModule(): string {
  return `// GENERATED from src/worksheet/schema.ts by \`npm run docs:api\` — do not edit. The worksheet file
// schema as plain JSON, checked with src/api/schema/check.ts.
import type { Sch } from '../api/schema/check.js';

export const WORKSHEET_FILE_JSON: Sch = ${JSON.stringify(WORKSHEET_FILE_SCHEMA)};
`;
}
