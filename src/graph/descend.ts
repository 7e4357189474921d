// Gradient descent on a loss over data: θ ← θ − α·∇L(θ), one table row per step (parameters,
// loss, gradient), and the per-row tables at the first and the last step (SEEDS.md G3: L = 5,
// ∂L/∂a = 10, ∂L/∂b = −2, then a = 1, b = 1.2, L = 0.12). Invariants: row k holds the parameters
// AFTER k steps and the loss and gradient AT them (row 0 is the start); values are exact
// rationals while the start, the rate and the data are exact and the loss is rational, and the
// switch to floats is reported with the step (`exactUntil`), never silent; a diverging run
// stops with its reason instead of printing infinities.
import Fraction from 'fraction.js';
import { ChainruleError } from '../errors.js';
import { bitLength } from '../numeric/number.js';
import { evaluateLoss, exactNum, NotExact, type LossModel, type Num, type RowTable } from './loss.js';

/** Most steps: 10,000 rows of output is already more than anyone reads; the exact/float work
 * bound below keeps a request to seconds. */
export const MAX_STEPS = 10_000;
/** Rows × (steps + 1) evaluated at most (each a few formulas): ~10⁷ compiled evaluations, a few seconds. */
export const MAX_WORK = 10_000_000;
/** Exact arithmetic for at most this many row evaluations: an exact evaluation costs ~10–50 µs
 * (bigint fractions), so 20,000 of them stay under a second. Beyond it, floats from the start. */
export const EXACT_WORK = 20_000;
/** Parameters whose numerator or denominator outgrow 4,096 bits (~1,200 digits) go on in floats:
 * a polynomial loss of degree > 2 multiplies the size of the iterates at every step. */
export const EXACT_BITS = 4096;

export interface StepRow {
  readonly step: number;
  readonly parameters: ReadonlyMap<string, Num>;
  readonly loss: Num;
  readonly gradient: ReadonlyMap<string, Num>;
}

export interface Descent {
  readonly rows: readonly StepRow[];
  /** per-row tables at the first and the last step */
  readonly tables: readonly { readonly step: number; readonly tables: readonly RowTable[] }[];
  /** were all the values exact? */
  readonly exact: boolean;
  /** the first step computed in floats after exact ones, and why */
  readonly exactUntil?: { readonly step: number; readonly reason: string };
  readonly stopped?: { readonly step: number; readonly reason: string };
}

export interface DescendOptions {
  readonly rate: Num;
  readonly steps: number;
}

const floatOnly = (x: Num): Num => ({ value: x.value });

export function descend(m: LossModel, start: ReadonlyMap<string, Num>, o: DescendOptions, rowError: (k: number, r: number, why: string) => ChainruleError): Descent {
  if (!Number.isInteger(o.steps) || o.steps < 0 || o.steps > MAX_STEPS) throw new ChainruleError('BAD_REQUEST', `The number of steps must be a whole number from 0 to ${MAX_STEPS}.`);
  const work = m.data.rows * (o.steps + 1);
  if (work > MAX_WORK) throw new ChainruleError('BAD_REQUEST', `${m.data.rows} rows × ${o.steps + 1} steps is more than ${MAX_WORK} row evaluations; use fewer steps or rows.`);
  let exact = Boolean(o.rate.exact) && m.params.every((p) => start.get(p)!.exact);
  let exactUntil: Descent['exactUntil'];
  const wasExactAtStart = exact;
  if (exact && work > EXACT_WORK) {
    exact = false;
    exactUntil = { step: 0, reason: `more than ${EXACT_WORK} row evaluations: computed in floating point` };
  }
  let theta = new Map(m.params.map((p) => [p, exact ? start.get(p)! : floatOnly(start.get(p)!)]));
  const rows: StepRow[] = [];
  const tables: Descent['tables'][number][] = [];
  let stopped: Descent['stopped'];
  for (let step = 0; step <= o.steps; step++) {
    const table = step === 0 || step === o.steps;
    let v;
    try {
      if (exact) {
        try {
          v = evaluateLoss(m, theta, true, table, rowError);
        } catch (e) {
          if (!(e instanceof NotExact)) throw e;
          exact = false;
          exactUntil = { step, reason: `not a rational number (${e.message})` };
          theta = new Map([...theta].map(([p, x]) => [p, floatOnly(x)]));
        }
      }
      v ??= evaluateLoss(m, theta, false, table, rowError);
    } catch (e) {
      // a domain error at the start is the user's input; later it is where the steps went
      if (step === 0 || !(e instanceof ChainruleError)) throw e;
      stopped = { step, reason: e.message };
      break;
    }
    rows.push({ step, parameters: theta, loss: v.loss, gradient: v.gradient });
    if (v.tables?.length) tables.push({ step, tables: v.tables });
    if (![v.loss, ...v.gradient.values()].every((x) => Number.isFinite(x.value))) {
      stopped = { step, reason: 'the loss or its gradient is no longer finite: the steps diverge (try a smaller rate)' };
      break;
    }
    if (step === o.steps) break;
    const next = new Map<string, Num>();
    for (const p of m.params) {
      const x = theta.get(p)!;
      const g = v.gradient.get(p)!;
      next.set(p, exact && x.exact && g.exact && o.rate.exact ? exactNum(x.exact.sub(o.rate.exact.mul(g.exact))) : { value: x.value - o.rate.value * g.value });
    }
    theta = next;
    if (exact && [...theta.values()].some((x) => tooBig(x.exact!))) {
      exact = false;
      exactUntil = { step: step + 1, reason: `the exact parameters outgrew ${EXACT_BITS} bits` };
      theta = new Map([...theta].map(([p, x]) => [p, floatOnly(x)]));
    }
  }
  return { rows, tables, exact: wasExactAtStart && exactUntil === undefined, ...(exactUntil && wasExactAtStart ? { exactUntil } : {}), ...(stopped ? { stopped } : {}) };
}

function tooBig(f: Fraction): boolean {
  return bitLength(f.n) > EXACT_BITS || bitLength(f.d) > EXACT_BITS;
}
