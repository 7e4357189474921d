// The ops as a table of functions from a request object to its payload, for callers that hold a
// whole batch request (benchmarks, older tests): the envelope fields `id` and `op` are ignored,
// the rest is validated and run by runOp (run.ts).
import { OP_NAMES, type OpName } from './schema/index.js';
import { opNames, runOp } from './run.js';

export type Request = Readonly<Record<string, unknown>>;
export type Response = Record<string, unknown>;
export type Op = (req: Request) => Promise<Response>;

export const OPS: Readonly<Record<string, Op>> = Object.fromEntries(
  OP_NAMES.map((name: OpName) => [
    name,
    async (req: Request) => (await runOp(name, Object.fromEntries(Object.entries(req).filter(([k]) => k !== 'id' && k !== 'op')))) as Response,
  ]),
);

export { opNames };
