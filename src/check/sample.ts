// Seeded, domain-aware sampling of points for numeric checks. Invariants: the same expressions and
// options give the same points, in the same order (the seed defaults to a hash of the trees' JSON);
// a point's variables are listed in sorted order; sampled values keep away from 0, ±1 and from each
// other (so `y − ŷ`, `x − 1`, `x + y` are not accidentally 0); a point is accepted only where every
// expression is finite, and a shortfall comes back as a reason, never as a silent pass.
import type { Expr } from '../ast/nodes.js';
import { toJson } from '../ast/json.js';
import { children } from '../ast/traverse.js';
import { evaluatorFor, type Evaluator } from './numeric.js';
import { hashSeed, mulberry32, type Rng } from './random.js';
import { inferRanges, type Interval, type Range } from './ranges.js';

/** The number of points a check compares by default. 16 random points of a seeded stream make an
 * accidental agreement of two different analytic expressions vanishingly unlikely (SymPy's
 * verify_numerically uses a handful; KAS compares at ~10), and cost microseconds when compiled. */
export const DEFAULT_POINTS = 16;
/** Rejection budget: candidates drawn per point wanted. With the inferred ranges most candidates are
 * accepted; 40 still finds 16 points when only ~5 % of the sampled box is inside the domain. */
export const ATTEMPTS_PER_POINT = 40;
/** The default sampler: |value| uniform in [0.1, 3] with a random sign. Wide enough to see
 * different behaviour at small and large arguments, narrow enough that exp and powers stay far from
 * overflow; 0.1 keeps away from the singularities at 0 that 1/x and log x put there. */
export const DEFAULT_MAGNITUDE: Interval = Object.freeze({ lo: 0.1, hi: 3, signed: true });
/** Values within this distance of each other (or of each other's negation), or of 0 and ±1, are
 * redrawn: such accidents make y − ŷ, x − 1 or x + y nearly 0, where two correct forms can differ
 * in relative terms by cancellation alone. 1e-3 costs a relative accuracy of at most ~1e-13 there. */
export const SEPARATION = 1e-3;
/** Redraws per value before the separation rule gives up (it cannot always hold: a range narrower
 * than the separation). Ten variables in a (0, 1) range forbid ~5 % of it, so nine draws in a row
 * fail with probability ~0.05⁹ ≈ 2e-12; with the default sampler, ~1e-19. */
const MAX_REDRAWS = 8;
/** A declared or inferred open range (lo, hi) is sampled in [lo + m, hi − m], m = 1 % of its
 * width: at 0.999 log(1 − y) and 1/(1 − y) are so ill-conditioned that rounding alone shows.
 * (The default magnitude range has no such edge and is sampled as it stands.) */
const EDGE_MARGIN = 0.01;
const SPECIAL = [0, 1, -1];

export interface SampleOptions {
  /** seed of the random stream; default: a hash of the expressions' canonical JSON */
  readonly seed?: number;
  /** declared open ranges by variable name; they override inferred ones */
  readonly ranges?: Readonly<Record<string, Range>>;
}

/** The variables a check must sample: free symbols and every d/dv's v (d/dx(y²) still needs x). */
export function variablesOf(exprs: readonly Expr[]): string[] {
  const names = new Set<string>();
  const seen = new Set<Expr>();
  const stack: Expr[] = [...exprs];
  while (stack.length) {
    const e = stack.pop()!;
    if (seen.has(e)) continue;
    seen.add(e);
    if (e.kind === 'sym') names.add(e.name);
    if (e.kind === 'diff') names.add(e.wrt);
    for (const k of children(e)) stack.push(k);
  }
  return [...names].sort();
}

/** The default seed: FNV-1a of the canonical JSON of the trees (positions are not in the tree). */
export function seedOf(exprs: readonly Expr[]): number {
  return hashSeed(JSON.stringify(exprs.map(toJson)));
}

/** A deterministic stream of candidate points: each call fills and returns the same buffer. */
export function candidateStream(vars: readonly string[], ranges: Readonly<Record<string, Interval>>, seed: number): () => Float64Array {
  const rng = mulberry32(seed);
  const buf = new Float64Array(vars.length);
  const range = vars.map((v) => (Object.hasOwn(ranges, v) ? ranges[v] : undefined));
  return () => {
    for (let i = 0; i < vars.length; i++) {
      let x = 0;
      for (let t = 0; t <= MAX_REDRAWS; t++) {
        x = draw(rng, range[i]);
        if (separated(x, buf, i)) break;
      }
      buf[i] = x;
    }
    return buf;
  };
}

function draw(rng: Rng, r: Interval | undefined): number {
  const { lo, hi, signed } = r ?? DEFAULT_MAGNITUDE;
  const m = r ? EDGE_MARGIN * (hi - lo) : 0;
  const x = lo + m + (hi - lo - 2 * m) * rng();
  return signed && rng() < 0.5 ? -x : x;
}

function separated(x: number, earlier: Float64Array, count: number): boolean {
  for (const s of SPECIAL) if (Math.abs(x - s) < SEPARATION) return false;
  for (let j = 0; j < count; j++) {
    const y = earlier[j]!;
    if (Math.abs(x - y) < SEPARATION || Math.abs(x + y) < SEPARATION) return false;
  }
  return true;
}

/** A point as a plain record, variables in sorted order (JSON-stable). */
export function toPoint(vars: readonly string[], v: ArrayLike<number>): Record<string, number> {
  const p: Record<string, number> = {};
  vars.forEach((name, i) => (p[name] = v[i]!));
  return p;
}

/**
 * `n` points where every expression of `exprs` has a finite value (diff nodes by numerical
 * differentiation), drawn by rejection from the inferred and declared ranges with at most
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
