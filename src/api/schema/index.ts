// One schema per op (TypeBox, plain JSON Schema): the request fields without the batch envelope
// (`id`, `op`), closed to unknown fields, and the success payload without `id`/`ok`. From these:
// request validation (validate.ts), the CLI's choices, the field tables of docs/api.md
// (scripts/gen-api-doc.mjs, kept current by test/api/schema.test.ts), and the TypeScript types
// that formatters, the HTTP server, playground and worksheets import.
import type { Static, TObject, TSchema } from 'typebox';
import { derive, simplify } from './derive.js';
import { descend, graph } from './graph.js';
import { evaluate, latex, parse } from './parse.js';
import { verify } from './verify.js';

import type { OpName } from './names.js';

export { OP_NAMES, isOpName, type OpName } from './names.js';

export interface OpSchema {
  readonly summary: string;
  readonly description: string;
  readonly request: TObject;
  readonly response: TSchema;
}

export const OP_SCHEMAS = { parse, evaluate, latex, derive, simplify, verify, graph, descend } as const satisfies { readonly [K in OpName]: OpSchema };

export { ERROR_SCHEMA } from './common.js';
export type RequestOf<K extends OpName> = Static<(typeof OP_SCHEMAS)[K]['request']>;
export type ResponseOf<K extends OpName> = Static<(typeof OP_SCHEMAS)[K]['response']>;
export type ApiErrorJson = Static<typeof import('./common.js').ERROR_SCHEMA>;
