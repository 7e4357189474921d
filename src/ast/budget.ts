// The request budget: a deadline and a size cap that every engine layer can read (it sits in the
// lowest layer, beside the tree), so the step recorder, the simplifier, the algebra, the numeric
// tiers, the printers and the graph passes all stop a request that runs past its time with ONE
// error, TIME_LIMIT, saying where it got to. The budget is per async context: src/api installs
// an AsyncLocalStorage (useBudgetStore), so concurrent requests in one process each keep their
// own. No imports, so that the light modules (the rules registry) stay light.

/** A request past its budget (TIME_LIMIT) or too large to do or show (TOO_LARGE): a user error,
 * reported by src/api/errors.ts with this code. Not a ChainruleError, so a fallback that catches
 * user errors (`instanceof ChainruleError`) lets it through. */
export class BudgetError extends Error {
  constructor(
    readonly code: 'TIME_LIMIT' | 'TOO_LARGE',
    message: string,
  ) {
    super(message);
    this.name = 'BudgetError';
  }
}

/** Where the running request's budget is kept: an AsyncLocalStorage in a server or a batch. */
export interface BudgetStore {
  getStore(): Budget | undefined;
  run<T>(b: Budget, f: () => T): T;
}

/** The deadline when neither the request nor the process says otherwise. */
export const DEFAULT_BUDGET_MS = 10_000;
/** The most a request may ask for (a budget is a limit, not a way round one). */
export const MAX_BUDGET_MS = 600_000;
/** The most characters of expression text a response may carry (steps × expression size). */
export const MAX_RESPONSE_CHARS = 4_000_000;

export interface Budget {
  readonly ms: number;
  readonly deadline: number;
  /** what the work was doing at the last named checkpoint, for the TIME_LIMIT message */
  stage: string;
  /** derivation steps recorded so far (the recorder's count) */
  steps: number;
  /** characters of expression text the response has carried so far (chargeResponse) */
  responseChars: number;
}

// Until src/api installs an async one: a plain stack, right for synchronous callers.
let current: Budget | undefined;
let store: BudgetStore = {
  getStore: () => current,
  run<T>(b: Budget, f: () => T): T {
    const saved = current;
    current = b;
    try {
      return f();
    } finally {
      current = saved;
    }
  },
};

export function useBudgetStore(s: BudgetStore): void {
  store = s;
}
let processDefault = DEFAULT_BUDGET_MS;

/** Set the process-wide default (the CLI's --budget-ms, CHAINRULE_BUDGET_MS). */
export function setDefaultBudgetMs(ms: number): void {
  processDefault = clampBudget(ms);
}

export function defaultBudgetMs(): number {
  const env = typeof process !== 'undefined' ? Number(process.env['CHAINRULE_BUDGET_MS']) : Number.NaN;
  return processDefault === DEFAULT_BUDGET_MS && Number.isFinite(env) && env > 0 ? clampBudget(env) : processDefault;
}

function clampBudget(ms: number): number {
  return Math.max(1, Math.min(MAX_BUDGET_MS, Math.floor(ms)));
}

/** Run `f` under a budget of `ms` (default: the process default) counted from `startedAt`.
 * Nested calls keep the outer, earlier deadline: an op calling another op cannot extend its own time. */
export async function withBudget<T>(ms: number | undefined, f: () => Promise<T>, startedAt = Date.now()): Promise<T> {
  const own = clampBudget(ms ?? defaultBudgetMs());
  const outer = store.getStore();
  const deadline = Math.min(startedAt + own, outer?.deadline ?? Number.POSITIVE_INFINITY);
  return store.run({ ms: outer && outer.deadline <= deadline ? outer.ms : own, deadline, stage: 'starting', steps: 0, responseChars: 0 }, f);
}

/** The budget of the running request, if any (library code called outside an op has none). */
export function currentBudget(): Budget | undefined {
  return store.getStore();
}

// Date.now() costs more than the work between most checkpoints: read the clock every CHECK_EVERY
// calls. Hot loops call checkBudget freely.
const CHECK_EVERY = 64;
let calls = 0;

/** A checkpoint: throws TIME_LIMIT when the request's deadline has passed. `stage` names the
 * work (e.g. "exact algebra", "printing LaTeX"); `steps` is the recorder's count of steps. */
export function checkBudget(stage?: string, steps?: number): void {
  if (++calls < CHECK_EVERY) return;
  calls = 0;
  const b = store.getStore();
  if (!b) return;
  if (stage !== undefined) b.stage = stage;
  if (steps !== undefined) b.steps = steps;
  if (Date.now() > b.deadline) throw timeLimit(b);
}

/** A checkpoint that reads the clock every time, for the start of a stage and before work that
 * costs milliseconds (a decimal evaluation): checkBudget reads it only every CHECK_EVERY calls,
 * so a short stage (a numeric check that code elsewhere has made cheap) could finish past the
 * deadline without noticing. */
export function checkDeadline(stage?: string): void {
  const b = store.getStore();
  if (!b) return;
  if (stage !== undefined) b.stage = stage;
  if (Date.now() > b.deadline) throw timeLimit(b);
}

export function timeLimit(b: Budget): BudgetError {
  const at = b.steps > 0 ? `${b.stage}, after ${b.steps.toLocaleString('en')} derivation steps` : b.stage;
  return new BudgetError('TIME_LIMIT', `The request ran past its budget of ${b.ms} ms while ${at}. Ask for a larger "budgetMs" or a smaller input.`);
}

/** Count `chars` of printed expression against the response cap: a derivation too large to show
 * is refused with TOO_LARGE (`what` says how far it got), never sent as megabytes of steps. */
export function chargeResponse(chars: number, what: () => string): void {
  const b = store.getStore();
  if (!b) return;
  b.responseChars += chars;
  if (b.responseChars > MAX_RESPONSE_CHARS) {
    throw new BudgetError('TOO_LARGE', `The response would be larger than ${MAX_RESPONSE_CHARS.toLocaleString('en')} characters of expressions (${what()}); it is too large to show. Ask for a smaller expression.`);
  }
}

/** The response cap checked ahead: refuse with TOO_LARGE when the response would carry at least
 * `chars` more characters (a lower bound, e.g. leaves to print) than the cap leaves, before the
 * work that precedes printing (the checks) is done. Charges nothing. */
export function forecastResponse(chars: number, what: () => string): void {
  const b = store.getStore();
  if (!b) return;
  if (b.responseChars + chars > MAX_RESPONSE_CHARS) {
    throw new BudgetError('TOO_LARGE', `The response would be larger than ${MAX_RESPONSE_CHARS.toLocaleString('en')} characters of expressions (${what()}); it is too large to show. Ask for a smaller expression.`);
  }
}

/** A size guard before work: refuse with TOO_LARGE when `amount` exceeds `limit`. */
export function guardSize(amount: number, limit: number, what: string, hint = ''): void {
  if (amount > limit) throw new BudgetError('TOO_LARGE', `${what}: ${amount.toLocaleString('en')}, above the limit of ${limit.toLocaleString('en')}.${hint ? ` ${hint}` : ''}`);
}
