// PROVISIONAL: replaced at merge by the restructure's version (issue: one typed schema per op).
// runOp validates a request against its op's schema and runs the op (throws ChainruleError on a
// user error); handleRequest answers one batch-envelope request {id, op, …} and never throws.
import { Value } from '@sinclair/typebox/value';
import { ChainruleError } from '../errors.js';
import { handleLine } from './batch.js';
import { OPS } from './ops.js';
import { OP_NAMES, OP_SCHEMAS, type OpName } from './schema/index.js';

/** Validate `req` against the op's request schema, then run the op. */
export async function runOp(op: OpName, req: unknown): Promise<Record<string, unknown>> {
  if (!(OP_NAMES as readonly string[]).includes(op)) throw new ChainruleError('UNKNOWN_OP', `Unknown op ${JSON.stringify(op)}; the ops are ${OP_NAMES.join(', ')}.`);
  if (typeof req !== 'object' || req === null || Array.isArray(req)) throw new ChainruleError('BAD_REQUEST', 'A request is a JSON object.');
  const schema = OP_SCHEMAS[op].request;
  if (!Value.Check(schema, req)) {
    const first = Value.Errors(schema, req).First();
    const field = first ? first.path.replace(/^\//, '').replace(/\//g, '.') : '';
    throw new ChainruleError('BAD_REQUEST', `The request does not match the ${op} schema${field ? ` at "${field}"` : ''}: ${first?.message ?? 'invalid'}.`);
  }
  return OPS[op]!(req as Record<string, unknown>);
}

/** One batch-envelope request → {id, ok, …}; never throws. */
export async function handleRequest(req: unknown): Promise<Record<string, unknown>> {
  let line: string;
  try {
    line = JSON.stringify(req) ?? 'null';
  } catch {
    return { id: null, ok: false, error: { code: 'BAD_REQUEST', message: 'The request is nested too deeply to read.' } };
  }
  return handleLine(line);
}
