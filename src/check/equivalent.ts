// Step checks under src/numeric's STEP policy (its sampler, ranges, evaluators and tolerance
// table; this file only turns its values into verdicts), returning data: `verified` (with the
// points compared and the largest relative difference), `refuted` (the FIRST point, in the seeded order, where both sides
// are defined and differ, with both values) or `unverifiable` (with the reason). Invariants: never
// throws for a failed check; deterministic (same trees and options → same verdict, same point);
// a point where both sides are undefined is skipped and not counted; a point where exactly one is
// undefined is skipped but counted, and more than ONE_SIDED_LIMIT of them → unverifiable.
import type { Expr } from '../ast/nodes.js';
import { diff } from '../ast/build.js';
import { roundingMayExplain } from './rounding.js';
import { checkIndexed, checkWithDefinitions, needsInstances, type DefinitionsOption } from './indexed.js';
import {
  ATTEMPTS_PER_POINT, DEFAULT_POINTS, STEP_CHECK, candidateStream, evaluatorFor, hasDiff, inferRanges, newEpoch, relativeError, seedOf,
  toPoint, variablesOf, within, type Evaluator, type Range, type Tolerance,
} from '../numeric/index.js';

export type Verdict =
  | {
      readonly status: 'verified';
      /** points where both sides were defined and compared (all agreed) */
      readonly points: number;
      /** max over those points of |a − b| / max(|a|, |b|) */
      readonly maxRelError: number;
      /** points where exactly one side was defined (skipped; at most ONE_SIDED_LIMIT of the sample) */
      readonly oneSided: number;
    }
  | {
      readonly status: 'refuted';
      readonly point: Readonly<Record<string, number>>;
      /** value of the first expression (for checkDerivative: the numerical derivative of f) */
      readonly left: number;
      /** value of the second expression (for checkDerivative: df) */
      readonly right: number;
    }
  | {
      readonly status: 'unverifiable';
      readonly reason: string;
      /** points where both sides were defined and agreed before the check gave up */
      readonly points: number;
      /** for different domains: the first point where only one side is defined */
      readonly point?: Readonly<Record<string, number>>;
    };

export interface CheckOptions {
  /** seed of the sampling stream; default: a hash of the trees (so a check always uses the same points) */
  readonly seed?: number;
  /** points to compare, default DEFAULT_POINTS (16) */
  readonly points?: number;
  /** declared open ranges, e.g. { y: [0, 1] }; override the inferred ones */
  readonly ranges?: Readonly<Record<string, Range>>;
  /** default EXACT.rtol (1e-9), or NUMERIC_DERIVATIVE.rtol (1e-6) when a side holds d/dv(…) */
  readonly rtol?: number;
  /** default EXACT.atol (1e-12), or NUMERIC_DERIVATIVE.atol (1e-9) when a side holds d/dv(…) */
  readonly atol?: number;
  /** expressions that must be defined at every compared point: a derivation's steps are
   * compared where the function being differentiated is defined (its derivative exists only there) */
  readonly domain?: readonly Expr[];
  /** sums that equal 1 by a declared premise (Σ_k t_k = 1): indexed checks substitute the last
   * component, t_K = 1 − Σ_{k<K} t_k, so every point lies on the premise (check/indexed.ts) */
  readonly premises?: readonly Expr[];
  /** definitions by index the trees' names stand for: each name gets its defined value
   * (check/indexed.ts checkWithDefinitions) */
  readonly definitions?: DefinitionsOption;
}

/** The tolerance a check uses: the options' values over the default for its kind. */
export function toleranceFor(numericDerivative: boolean, opts: CheckOptions): Tolerance {
  const base = numericDerivative ? STEP_CHECK.derivativeTolerance : STEP_CHECK.tolerance;
  return { rtol: opts.rtol ?? base.rtol, atol: opts.atol ?? base.atol };
}

/**
 * Is `a` = `b` wherever both are defined? Either side may contain d/dv(…) nodes, evaluated by
 * numerical differentiation (and then compared at NUMERIC_DERIVATIVE tolerance).
 */
export function checkEquivalent(a: Expr, b: Expr, opts: CheckOptions = {}): Verdict {
  const domain = opts.domain ?? [];
  if (opts.definitions) {
    const defs = opts.definitions;
    return checkWithDefinitions(a, b, opts, defs, (exprs, vars, l, r, numeric, dom) => compareOn(exprs, vars, l, r, toleranceFor(numeric, opts), { ...opts, domain: dom }));
  }
  // sums over an index and δ are checked per instantiation (K = 3, 4; j, u = 1…K): check/indexed.ts
  if (opts.premises?.length || [a, b, ...domain].some(needsInstances)) return checkIndexed(a, b, opts, checkPlain);
  return checkPlain(a, b, opts);
}

/** checkEquivalent of two trees without symbolic sums (instantiated, or never indexed). */
function checkPlain(a: Expr, b: Expr, opts: CheckOptions): Verdict {
  const domain = opts.domain ?? [];
  const vars = variablesOf([a, b, ...domain]);
  const tol = toleranceFor(hasDiff(a) || hasDiff(b), opts);
  return compareOn([a, b, ...domain], vars, evaluatorFor(a, vars), evaluatorFor(b, vars), tol, opts, [a, b]);
}

/**
 * Is `df` the derivative of `f` with respect to `wrt`? Compared against Ridders' numerical
 * derivative of f (synchronous, no mathjs) at NUMERIC_DERIVATIVE tolerance; `left` in a refutation
 * is the numerical derivative, `right` is df. For a precise path see checkDerivativeComplex.
 */
export function checkDerivative(f: Expr, wrt: string, df: Expr, opts: CheckOptions = {}): Verdict {
  // diff(f, wrt) holds a diff node, so the NUMERIC_DERIVATIVE tolerance applies by default.
  // A derivative is asked only where f is defined: points outside f's domain are not drawn (the
  // result 1/(p(1 − p)) of ln(p/(1 − p)) is defined for p < 0 too; that is no disagreement). A
  // result undefined where f has a derivative is still caught (one side defined).
  return checkEquivalent(diff(f, wrt), df, { ...opts, domain: [...(opts.domain ?? []), f] });
}

/** Is some domain expression undefined at the point? */
function outside(fs: readonly Evaluator[], v: Float64Array, ep: number): boolean {
  for (const f of fs) if (Number.isNaN(f(v, ep))) return true;
  return false;
}

const show = (x: number) => (Number.isNaN(x) ? 'undefined' : String(x));
const showPoint = (p: Readonly<Record<string, number>>) =>
  Object.entries(p).map(([k, v]) => `${k} = ${v}`).join(', ') || 'the empty point';

/**
 * The comparison loop shared by every check: draw candidates from the seeded stream of `exprs`
 * (which fixes the variables' ranges and the default seed), evaluate both sides, classify.
 * `left`/`right` return a finite number or NaN. `sides`, when given, are the trees `left` and
 * `right` evaluate: a disagreement that rounding may explain there (rounding.ts) skips the point.
 */
export function compareOn(
  exprs: readonly Expr[], vars: readonly string[], left: Evaluator, right: Evaluator, tol: Tolerance, opts: CheckOptions,
  sides?: readonly [Expr, Expr],
): Verdict {
  const c = new Comparison(vars, left, right, tol, opts, sides);
  const next = candidateStream(vars, inferRanges(exprs, opts.ranges), opts.seed ?? seedOf(exprs));
  // one buffer for every candidate: no evaluator keeps it (a point reported is copied by toPoint)
  const v = new Float64Array(vars.length);
  while (!c.done) {
    next(v);
    // one stamp for the point: the domain and both sides share their common nodes' values
    c.offer(v, newEpoch());
  }
  return c.verdict();
}

/**
 * One comparison's state as candidate points are offered to it, in the stream's order, until it
 * is `done` (its points compared, its candidate budget spent, or refuted); then its `verdict`.
 * compareOn offers it its own stream; a derivation's checks (shared.ts) offer one stream to many
 * comparisons at once. The classification of a point is the same either way.
 */
export class Comparison {
  private readonly wanted: number;
  private readonly budget: number;
  private readonly inDomain: readonly Evaluator[];
  private compared = 0;
  private oneSided = 0;
  private firstOneSided: { point: Record<string, number>; l: number; r: number } | undefined;
  private maxRel = 0;
  private drawn = 0;
  private rounded = 0; // disagreements that rounding may explain: skipped
  private firstRounded: { point: Record<string, number>; l: number; r: number } | undefined;
  private refuted: Verdict | undefined;

  constructor(
    private readonly vars: readonly string[], private readonly left: Evaluator, private readonly right: Evaluator,
    private readonly tol: Tolerance, opts: CheckOptions, private readonly sides?: readonly [Expr, Expr],
  ) {
    const n = opts.points ?? DEFAULT_POINTS;
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`the number of points must be a positive integer, got ${n}`);
    // Without variables every candidate is the same point: one comparison says everything.
    this.wanted = vars.length === 0 ? 1 : n;
    this.budget = vars.length === 0 ? 1 : ATTEMPTS_PER_POINT * n;
    this.inDomain = (opts.domain ?? []).map((e) => evaluatorFor(e, vars));
  }

  /** No more candidates needed. */
  get done(): boolean {
    return this.refuted !== undefined || this.compared >= this.wanted || this.drawn >= this.budget;
  }

  /** The next candidate `v` (not kept), evaluated under the stamp `ep` (closure.ts newEpoch). */
  offer(v: Float64Array, ep: number): void {
    this.drawn++;
    if (outside(this.inDomain, v, ep)) return; // outside the declared domain
    const l = this.left(v, ep);
    const r = this.right(v, ep);
    const lok = !Number.isNaN(l);
    const rok = !Number.isNaN(r);
    if (!lok && !rok) return; // outside both domains: skipped, not agreement, not counted
    if (lok !== rok) {
      this.oneSided++;
      this.firstOneSided ??= { point: toPoint(this.vars, v), l, r };
      return;
    }
    if (!within(l, r, this.tol)) {
      if (this.sides && roundingMayExplain(this.sides, toPoint(this.vars, v), l, r)) {
        // not a refutation, and never an agreement: sampling goes on (a clear difference
        // elsewhere still refutes), but the step cannot be `verified` (below)
        this.rounded++;
        this.firstRounded ??= { point: toPoint(this.vars, v), l, r };
        return;
      }
      this.refuted = Object.freeze({ status: 'refuted', point: Object.freeze(toPoint(this.vars, v)), left: l, right: r });
      return;
    }
    this.compared++;
    this.maxRel = Math.max(this.maxRel, relativeError(l, r));
  }

  verdict(): Verdict {
    if (this.refuted) return this.refuted;
    const { compared, oneSided, firstOneSided, firstRounded, wanted, drawn } = this;
    const sampled = compared + oneSided;
    if (firstOneSided && oneSided > STEP_CHECK.oneSidedLimit * sampled) {
      const { point, l, r } = firstOneSided;
      return Object.freeze({
        status: 'unverifiable',
        reason:
          `the two sides have different domains: at ${showPoint(point)} the left side is ${show(l)} and the right side ` +
          `is ${show(r)} (${oneSided} of ${sampled} sampled points have only one side defined)`,
        points: compared,
        point: Object.freeze(point),
      });
    }
    // a difference the doubles cannot decide is not evidence either way: a wrong side that differs
    // only where the values are ill-conditioned must not come out verified (docs/numeric.md)
    if (firstRounded) {
      const { point, l, r } = firstRounded;
      return Object.freeze({
        status: 'unverifiable',
        reason:
          `doubles cannot decide: at ${showPoint(point)} the left side is ${show(l)} and the right side is ${show(r)}, ` +
          `a difference within what rounding may explain there (${this.rounded} such points; ${compared} others agreed)`,
        points: compared,
        point: Object.freeze(point),
      });
    }
    if (compared < wanted) {
      return Object.freeze({
        status: 'unverifiable',
        reason: `only ${compared} of ${wanted} points are inside the domain of both sides (${drawn} candidates drawn)`,
        points: compared,
      });
    }
    return Object.freeze({ status: 'verified', points: compared, maxRelError: this.maxRel, oneSided });
  }
}
