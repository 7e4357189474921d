// The two declared policies of the numeric layer, side by side: what each samples, how much, and
// under which tolerances. STEP — fast step checks (src/check: every step of a derivation, many per
// request, synchronous, microseconds each). ANSWER — careful answer checks (src/verify: one
// student's answer, async, exact and 64/128-digit re-checks; a rejection is never from doubles).
// A diagnosis is confirmed under STEP (docs/numeric.md says why); budgets below say where from.
import type { Expr } from '../ast/nodes.js';
import { inferRanges } from './ranges.js';
import { evaluatorFor, type Evaluator } from './sampled.js';
import { ANSWER, candidateStream, STEP, seedOf, toPoint, variablesOf, type Range, type SamplingPolicy } from './sample.js';
import { CAREFUL, EXACT, NUMERIC_DERIVATIVE, ONE_SIDED_LIMIT, type Tolerance } from './tolerance.js';

export interface CheckPolicy {
  readonly sampling: SamplingPolicy;
  readonly tolerance: Tolerance;
}

export const STEP_CHECK = Object.freeze({
  sampling: STEP,
  /** diff-free sides; NUMERIC_DERIVATIVE when a side holds d/dv(…) (Ridders) */
  tolerance: EXACT,
  derivativeTolerance: NUMERIC_DERIVATIVE,
  /** 16 random points of a seeded stream make an accidental agreement of two different analytic
   * expressions vanishingly unlikely (SymPy's verify_numerically uses a handful; KAS compares at
   * ~10), and cost microseconds when compiled. */
  points: 16,
  /** Rejection budget: candidates drawn per point wanted. With the inferred ranges most candidates
   * are accepted; 40 still finds 16 points when only ~5 % of the sampled box is in the domain. */
  attemptsPerPoint: 40,
  oneSidedLimit: ONE_SIDED_LIMIT,
  /** points on which a diagnosis proposes a constant relation c = op(S, T) before confirming it */
  proposalPoints: 6,
} satisfies CheckPolicy & Record<string, unknown>);

export const ANSWER_CHECK = Object.freeze({
  sampling: ANSWER,
  tolerance: CAREFUL,
  /** Random points wanted; at least minValid (issue: ≥ 8) must be valid. 12 leaves room for a few
   * points skipped as removable singularities or unsettled values without going undetermined. */
  wanted: 12,
  minValid: 8,
  /** Candidates drawn at most: a domain holding 1/8 of the sampled space (log x + log y + log z)
   * still yields `wanted` points many times over; much thinner domains are undetermined. */
  maxCandidates: 800,
  /** The two extra points of the issue: a valid point scaled by 100, and by 1/100. */
  scales: Object.freeze([100, 0.01]),
  /** High-precision re-checks spent on lattice probes at most (each costs four decimal evaluations). */
  latticeRechecks: 8,
  /** Probe points (probes.ts: far, tiny, kinks) whose inexact double agreement is confirmed at 128
   * digits at most: ~1 ms each, and a probe that finds a difference usually finds it in doubles. */
  probeConfirmations: 32,
} satisfies CheckPolicy & Record<string, unknown>);

/** STEP budgets by their old names (src/check exports them). */
export const DEFAULT_POINTS = STEP_CHECK.points;
export const ATTEMPTS_PER_POINT = STEP_CHECK.attemptsPerPoint;

export interface SampleOptions {
  /** seed of the random stream; default: a hash of the expressions' canonical JSON */
  readonly seed?: number;
  /** declared open ranges by variable name; they override inferred ones */
  readonly ranges?: Readonly<Record<string, Range>>;
}

/**
 * `n` points (STEP policy) where every expression of `exprs` has a finite value (diff nodes by
 * numerical differentiation), drawn by rejection from the inferred and declared ranges with at most
 * ATTEMPTS_PER_POINT · n candidates. Fewer than `n` → the points found and a `reason`.
 * Without variables there is one point, {}, if the expressions are defined.
 */
export function samplePoints(
  exprs: readonly Expr[], n: number = DEFAULT_POINTS, opts: SampleOptions = {},
): { points: Record<string, number>[]; reason?: string } {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`the number of points must be a positive integer, got ${n}`);
  const vars = variablesOf(exprs);
  const fs: Evaluator[] = exprs.map((e) => evaluatorFor(e, vars));
  const next = candidateStream(vars, inferRanges(exprs, opts.ranges), opts.seed ?? seedOf(exprs));
  const wanted = vars.length === 0 ? 1 : n;
  const budget = vars.length === 0 ? 1 : ATTEMPTS_PER_POINT * n;
  const points: Record<string, number>[] = [];
  let drawn = 0;
  while (points.length < wanted && drawn < budget) {
    const v = next();
    drawn++;
    if (fs.every((f) => Number.isFinite(f(v)))) points.push(toPoint(vars, v));
  }
  if (points.length === wanted) return { points };
  return { points, reason: `only ${points.length} of ${wanted} points are inside the domain (${drawn} candidates drawn)` };
}
