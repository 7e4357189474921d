// The ops as a table of functions from a whole batch request to its payload, for callers that
// hold one (benchmarks, tests): the envelope fields `id` and `op` are ignored, the rest is
// validated and run by runOp. The table itself lives in run.ts, which the batch dispatches by.
export { OPS, opNames, type Op } from './run.js';
export type Request = Readonly<Record<string, unknown>>;
export type Response = Record<string, unknown>;
