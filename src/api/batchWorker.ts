// The batch's worker thread (isolate.ts): answers one request line at a time with handleLine, so
// that the main thread can stop a request that does not stop by itself (a single long numeric
// call between checkpoints) and survive one that runs out of memory.
import { parentPort, workerData } from 'node:worker_threads';
import { setDefaultBudgetMs } from '../ast/budget.js';
import { handleLine } from './batch.js';

const data = workerData as { defaultBudgetMs?: number } | undefined;
if (data?.defaultBudgetMs !== undefined) setDefaultBudgetMs(data.defaultBudgetMs);

parentPort?.on('message', (msg: { seq: number; line: string }) => {
  void handleLine(msg.line).then((res) => parentPort?.postMessage({ seq: msg.seq, res }));
});
