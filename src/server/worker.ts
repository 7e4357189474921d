// The worker-thread side of the pool (piscina): runs one op or one batch-envelope request and
// returns plain data (class instances do not survive the thread boundary, so errors travel as
// the API's error object). The engine is imported up front so the first request is not slow.
import { toApiError, type ApiError } from '../api/errors.js';
import { handleRequest, runOp } from '../api/run.js';
import type { OpName } from '../api/schema/index.js';

import type { MessagePort } from 'node:worker_threads';

/** `started`: the pool's clock — the time budget runs from this message, not from queueing. */
export type Task = ({ readonly kind: 'op'; readonly op: OpName; readonly req: unknown } | { readonly kind: 'request'; readonly req: unknown }) & { readonly started?: MessagePort };
export type TaskResult = { readonly ok: true; readonly body: Record<string, unknown> } | { readonly ok: false; readonly error: ApiError };

// Warm the lazily loaded op modules (derive, verify, graph) before the first task arrives.
await Promise.all([import('../api/ops/derive.js'), import('../api/ops/verify.js'), import('../api/ops/graph.js')]);
// One request of each heavy kind loads the rest (a wrong answer loads diagnosis and the
// high-precision comparison): cold, the first verify takes seconds; warm, ~0.1 s.
await Promise.all([
  runOp('derive', { expr: 'z = w*x + b; y = sigmoid(z); L = BCE(y, t)', wrt: 'w' }),
  runOp('verify', { problem: { expr: 'BCE(sigmoid(w*x + b), t)', wrt: 'w' }, answer: 'sigmoid(w*x + b) - t' }),
  runOp('graph', { expr: 'p = sigmoid(w*x); L = BCE(p, t)', at: 'w=1, x=1, t=1', format: 'svg' }),
].map((p) => p.catch(() => undefined)));

export default async function run(task: Task): Promise<TaskResult> {
  task.started?.postMessage(0);
  task.started?.close();
  try {
    if (task.kind === 'request') return { ok: true, body: await handleRequest(task.req) };
    return { ok: true, body: await runOp(task.op, task.req) };
  } catch (e) {
    return { ok: false, error: toApiError(e) };
  }
}
