// Requests in a worker thread, stopped from outside when they must be: the cooperative budget
// (src/ast/budget.ts) stops almost every request itself, but one long call between checkpoints
// (a decimal Taylor series on a huge argument) cannot be interrupted from inside. The batch
// process runs requests here: past its budget plus a grace second the worker is terminated and
// the line answered TIME_LIMIT; a worker that runs out of its heap (resourceLimits) is answered
// TOO_LARGE. Either way a fresh worker takes the next line, and the process lives on.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BudgetError, defaultBudgetMs, MAX_BUDGET_MS } from '../ast/budget.js';
import { toApiError } from './errors.js';
import { rawTopLevel } from './lines.js';

type Response = Record<string, unknown>;

/** Time a request is given past its own budget before it is stopped from outside. */
const GRACE_MS = 1000;
/** Heap of the worker: with the main thread's ~100 MB, a batch process stays under 1 GB. */
const WORKER_HEAP_MB = 640;

const WORKER_URL = new URL('./batchWorker.js', import.meta.url);

/** Whether requests can be isolated: the compiled worker exists (not when run from sources). */
export function canIsolate(): boolean {
  return WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));
}

export class IsolatedRunner {
  private worker: Worker | undefined;
  private seq = 0;
  private pending: { seq: number; resolve: (r: Response) => void; id: unknown } | undefined;

  private spawn(): Worker {
    const w = new Worker(WORKER_URL, { workerData: { defaultBudgetMs: defaultBudgetMs() }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB }, stdout: false, stderr: true });
    w.stderr?.resume(); // a worker's stray output must not reach the protocol's streams
    w.on('message', (m: { seq: number; res: Response }) => {
      if (this.pending && m.seq === this.pending.seq) {
        const p = this.pending;
        this.pending = undefined;
        p.resolve(m.res);
      }
    });
    // events of a worker already replaced (terminated after a timeout) concern no request
    w.on('error', (e: Error & { code?: string }) => this.worker === w && this.fail(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new BudgetError('TOO_LARGE', 'The request ran out of its memory budget; it was stopped. Ask for a smaller input.') : e));
    w.on('exit', () => {
      if (this.worker === w) this.fail(new Error('the worker stopped'));
    });
    w.unref();
    return w;
  }

  private fail(e: unknown): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    const old = this.worker;
    this.worker = undefined;
    void old?.terminate();
    p.resolve({ id: p.id, ok: false, error: toApiError(e) });
  }

  /** Answer one request line (never throws). */
  handle(line: string): Promise<Response> {
    this.worker ??= this.spawn();
    const seq = ++this.seq;
    const ms = budgetOf(line);
    const id = idOf(line);
    return new Promise<Response>((resolve) => {
      const timer = setTimeout(() => {
        if (this.pending?.seq !== seq) return;
        this.fail(new BudgetError('TIME_LIMIT', `The request ran past its budget of ${ms} ms and did not stop by itself; it was stopped. Ask for a larger "budgetMs" or a smaller input.`));
      }, ms + GRACE_MS);
      this.pending = {
        seq,
        id,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      this.worker!.postMessage({ seq, line });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }
}

/** The request's budget as the worker will read it (an invalid one is refused there, quickly). */
function budgetOf(line: string): number {
  const raw = rawTopLevel(line, 'budgetMs');
  const n = raw === undefined ? Number.NaN : Number(raw);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_BUDGET_MS) : defaultBudgetMs();
}

/** The id to answer with when the worker cannot: as handleRequest would echo it. */
function idOf(line: string): unknown {
  const raw = rawTopLevel(line, 'id');
  if (raw === undefined) return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}
