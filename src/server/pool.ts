// The worker pool: CPU-bound engine work runs in worker threads (piscina) so the HTTP thread stays
// responsive. Every task has a time budget; a task that exceeds it is aborted — piscina terminates
// that worker and starts a fresh one — and the caller gets a TIMEOUT error, so one pathological
// request never stalls the others. A full queue is OVERLOADED (HTTP 503), not an unbounded wait.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { ApiError } from '../api/errors.js';
import type { Task, TaskResult } from './worker.js';

/** An error the pool itself produces (the engine never sees the request). */
export interface PoolError {
  readonly code: 'TIMEOUT' | 'OVERLOADED' | 'INTERNAL';
  readonly message: string;
}
export type PoolResult = TaskResult | { readonly ok: false; readonly error: ApiError | PoolError };

/** The compiled worker: beside this file in dist/, or dist/ when this file runs as TypeScript
 * (vitest loads src/ directly, but worker threads need JavaScript). */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const beside = join(dirname(here), 'worker.js');
  if (!here.endsWith('.ts') && existsSync(beside)) return beside;
  const built = join(dirname(here), '..', '..', 'dist', 'src', 'server', 'worker.js');
  if (!existsSync(built)) throw new Error(`The worker ${built} is not built; run "npm run build".`);
  return built;
}

/** A task may wait for a worker at most this many (server) budgets before it is refused: enough
 * for a full queue to drain, short enough that a client is not left hanging. */
const QUEUE_WAIT_FACTOR = 10;
/** how long close() lets piscina stop its workers before terminating them itself */
const CLOSE_WAIT_MS = 5000;

export interface PoolOptions {
  readonly workers: number;
  readonly timeoutMs: number;
  /** heap limit per worker, MB: a request that would exhaust memory kills its worker only */
  readonly maxOldGenerationSizeMb?: number;
}

export class WorkerPool {
  private readonly piscina: Piscina<Task, TaskResult>;
  readonly timeoutMs: number;
  timeouts = 0;

  constructor(opts: PoolOptions) {
    this.timeoutMs = opts.timeoutMs;
    this.piscina = new Piscina<Task, TaskResult>({
      filename: workerFile(),
      minThreads: opts.workers,
      maxThreads: opts.workers,
      // queue 64 tasks per worker before refusing: at ~5 ms a derive, well under a second of work
      maxQueue: opts.workers * 64,
      idleTimeout: Infinity,
      resourceLimits: { maxOldGenerationSizeMb: opts.maxOldGenerationSizeMb ?? 512 },
    });
    // an error event from a dying worker must not crash the server; piscina replaces the worker
    this.piscina.on('error', () => undefined);
  }

  get threads(): number {
    return this.piscina.threads.length;
  }
  get queued(): number {
    return this.piscina.queueSize;
  }

  /** Run a task within `budgetMs` (capped at the pool's budget) of work; never throws. The
   * budget runs from the moment a worker starts the task (it says so on a MessagePort), so a
   * request waiting behind a slow one, or for a replaced worker to start, is not charged for it;
   * the wait itself is capped at QUEUE_WAIT_FACTOR budgets (then OVERLOADED). */
  async run(task: Task, budgetMs = this.timeoutMs): Promise<PoolResult> {
    const budget = Math.max(1, Math.min(budgetMs, this.timeoutMs));
    const ac = new AbortController();
    let timedOut = false;
    const { port1, port2 } = new MessageChannel();
    const abort = (why: 'timeout' | 'wait') => {
      timedOut = why === 'timeout';
      ac.abort();
    };
    let timer = setTimeout(() => abort('wait'), Math.max(budget, this.timeoutMs) * QUEUE_WAIT_FACTOR);
    port1.once('message', () => {
      clearTimeout(timer);
      timer = setTimeout(() => abort('timeout'), budget);
      port1.close();
    });
    try {
      return await this.piscina.run({ ...task, started: port2 }, { signal: ac.signal, transferList: [port2] as never });
    } catch (e) {
      if (ac.signal.aborted && timedOut) {
        this.timeouts++;
        return { ok: false, error: { code: 'TIMEOUT', message: `The request took longer than its time budget of ${budget} ms and was stopped.` } };
      }
      const msg = e instanceof Error ? e.message : String(e);
      if (ac.signal.aborted || /queue is at limit|maximum queue/i.test(msg)) return { ok: false, error: { code: 'OVERLOADED', message: 'The server is busy; retry shortly.' } };
      return { ok: false, error: { code: 'INTERNAL', message: `Internal error (a bug in chainrule): a worker failed (${msg}).` } };
    } finally {
      clearTimeout(timer);
      port1.close();
    }
  }

  /** Wait for every worker to be up and warm (one trivial task each). */
  async ready(): Promise<void> {
    const n = Math.max(1, this.piscina.threads.length);
    await Promise.all(Array.from({ length: n }, () => this.piscina.run({ kind: 'op', op: 'latex', req: { expr: 'x' } })));
  }

  /** Stop the workers. Called after the HTTP server has finished its requests in flight, so no
   * task is waited for (a replacement worker may still be warming up: it is not waited for). */
  async close(): Promise<void> {
    const threads = [...this.piscina.threads];
    // bounded: a worker still loading the engine must not hold up a shutdown (or a test's end)
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.piscina.destroy(), new Promise((r) => (timer = setTimeout(r, CLOSE_WAIT_MS)))]);
    clearTimeout(timer);
    await Promise.all(threads.map((t) => t.terminate().catch(() => 0)));
  }
}
