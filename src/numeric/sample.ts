// THE sampler of the numeric layer: one seeded stream of candidate points, with two declared
// policies (policy.ts says which check uses which): STEP for the fast step checks of src/check
// (small magnitudes, ranges inferred from the specs), ANSWER for the careful answer checks of
// src/verify (four decades of magnitude, special values avoided, declared ranges only).
// Invariants: the same (policy, variables, ranges, seed) give the same points in the same order;
// each call returns a FRESH Float64Array in the variables' (sorted) order, or fills the one it is
// given (a caller that keeps no point past the next draw: the step checks); nothing here evaluates.
import type { Expr } from '../ast/nodes.js';
import { structuralHashAll } from '../ast/hash.js';
import { variableNames } from './checkFacts.js';
import type { SampleInterval } from '../functions/index.js';
import { hashSeed, mulberry32, type Rng } from './random.js';

/** Where one variable is drawn: (lo, hi), or (−hi, −lo) ∪ (lo, hi) when `signed`. Under the ANSWER
 * policy lo may be −∞ or hi +∞ (a half-line). */
export type Interval = SampleInterval;
/** An open interval (lo, hi) as callers declare it. */
export type Range = readonly [number, number];

export interface SamplingPolicy {
  readonly name: 'step' | 'answer';
  /** one value for a variable, inside its interval or from the default distribution */
  draw(rng: Rng, r: Interval | undefined): number;
  /** may x stand beside the values earlier[0 … count−1] already drawn for this point? */
  accepts(x: number, earlier: Float64Array, count: number): boolean;
  /** redraws of one value before the acceptance rule gives up (it can be unsatisfiable) */
  readonly maxRedraws: number;
  /** a declared range this policy cannot sample is a caller's bug: RangeError */
  validate(name: string, r: Range): void;
}

// ── STEP: fast step checks (src/check) ──────────────────────────────────────────────────────
/** |value| uniform in [0.1, 3] with a random sign. Wide enough to see different behaviour at small
 * and large arguments, narrow enough that exp and powers stay far from overflow; 0.1 keeps away
 * from the singularities at 0 that 1/x and log x put there. */
export const DEFAULT_MAGNITUDE: Interval = Object.freeze({ lo: 0.1, hi: 3, signed: true });
/** Values within this distance of each other (or of each other's negation), or of 0 and ±1, are
 * redrawn: such accidents make y − ŷ, x − 1 or x + y nearly 0, where two correct forms can differ
 * in relative terms by cancellation alone. 1e-3 costs a relative accuracy of at most ~1e-13 there. */
export const SEPARATION = 1e-3;
const STEP_SPECIAL = [0, 1, -1];
/** A bounded open range (lo, hi) is sampled in [lo + m, hi − m], m = 1 % of its width (both
 * policies): at 0.999 log(1 − y) and 1/(1 − y) are so ill-conditioned that rounding alone shows. */
const EDGE_MARGIN = 0.01;

export const STEP: SamplingPolicy = Object.freeze({
  name: 'step' as const,
  draw(rng: Rng, r: Interval | undefined): number {
    const { lo, hi, signed } = r ?? DEFAULT_MAGNITUDE;
    // The default magnitude range has no edge to keep away from and is sampled as it stands.
    const m = r ? EDGE_MARGIN * (hi - lo) : 0;
    const x = lo + m + (hi - lo - 2 * m) * rng();
    return signed && rng() < 0.5 ? -x : x;
  },
  accepts(x: number, earlier: Float64Array, count: number): boolean {
    for (const s of STEP_SPECIAL) if (Math.abs(x - s) < SEPARATION) return false;
    for (let j = 0; j < count; j++) {
      const y = earlier[j]!;
      if (Math.abs(x - y) < SEPARATION || Math.abs(x + y) < SEPARATION) return false;
    }
    return true;
  },
  /** Ten variables in a (0, 1) range forbid ~5 % of it, so nine draws in a row fail with
   * probability ~0.05⁹ ≈ 2e-12; with the default sampler, ~1e-19. */
  maxRedraws: 8,
  validate(name: string, r: Range): void {
    if (!(Number.isFinite(r[0]) && Number.isFinite(r[1]) && r[0] < r[1])) {
      throw new RangeError(`the range of ${name} must be two finite numbers lo < hi, got [${r[0]}, ${r[1]}]`);
    }
  },
});

// ── ANSWER: careful answer checks (src/verify) ──────────────────────────────────────────────
/** Magnitudes span four decades: small enough that x/100 and 100·x show scale-dependent terms
 * (x + x²/10⁶ against x), large enough to leave the region around 1 where many wrong answers
 * agree by accident (x² = x³ at 1). */
export const MAG_LO = 1e-2;
export const MAG_HI = 1e2;
/** Keep 10⁻⁶ relative away from special values (issue text): there 0/0 points (−1, 0, 1 in
 * ((1−y)/(1−s) − y/s)·s(1−s)), sin/cos zeros (multiples of π/12 cover π/6, π/4, π/2, π) and
 * integer exponents of negative bases sit. */
export const AVOID_REL = 1e-6;
/** Two variables closer than this (relative), or closer to each other's negation, are redrawn:
 * x − a or x + a would be nearly 0, where correct forms can differ by cancellation alone. */
export const DISTINCT_REL = 1e-3;
const PI_12 = Math.PI / 12;

/** Is x at least AVOID_REL·|x| away from 0, every integer and every multiple of π/12? */
export function avoidsSpecial(x: number): boolean {
  const ax = Math.abs(x);
  if (ax === 0 || !Number.isFinite(x)) return false;
  const tol = AVOID_REL * ax;
  if (Math.abs(ax - Math.round(ax)) <= tol) return false;
  const k = Math.round(ax / PI_12);
  return k === 0 || Math.abs(ax - k * PI_12) > tol;
}

const logUniform = (rng: Rng, lo: number, hi: number): number => Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * rng());

export const ANSWER: SamplingPolicy = Object.freeze({
  name: 'answer' as const,
  draw(rng: Rng, r: Interval | undefined): number {
    if (!r) {
      const m = logUniform(rng, MAG_LO, MAG_HI);
      return rng() < 0.5 ? -m : m;
    }
    const { lo, hi } = r;
    if (Number.isFinite(lo) && Number.isFinite(hi)) {
      const m = EDGE_MARGIN * (hi - lo);
      // a range spanning decades on one side of 0 keeps the log-uniform spread of magnitudes
      if (lo >= 0 && hi > 100 * Math.max(lo, 1)) return logUniform(rng, Math.max(lo, hi * 1e-4), hi * (1 - EDGE_MARGIN));
      if (hi <= 0 && -lo > 100 * Math.max(-hi, 1)) return -logUniform(rng, Math.max(-hi, -lo * 1e-4), -lo * (1 - EDGE_MARGIN));
      return lo + m + (hi - lo - 2 * m) * rng();
    }
    // a half-line [lo, ∞) or (−∞, hi]: the default magnitudes measured from its end
    if (Number.isFinite(lo)) return lo + logUniform(rng, MAG_LO, MAG_HI);
    if (Number.isFinite(hi)) return hi - logUniform(rng, MAG_LO, MAG_HI);
    const m = logUniform(rng, MAG_LO, MAG_HI);
    return rng() < 0.5 ? -m : m;
  },
  accepts(x: number, earlier: Float64Array, count: number): boolean {
    if (!avoidsSpecial(x)) return false;
    for (let j = 0; j < count; j++) {
      const y = earlier[j]!;
      const tol = DISTINCT_REL * Math.max(Math.abs(x), Math.abs(y));
      if (Math.abs(x - y) <= tol || Math.abs(x + y) <= tol) return false;
    }
    return true;
  },
  /** with the default distribution a redraw is needed with probability ~10⁻⁵ */
  maxRedraws: 16,
  validate(name: string, r: Range): void {
    if (!(r.length === 2 && !Number.isNaN(r[0]) && !Number.isNaN(r[1]) && r[0] < r[1] && r[0] !== Infinity && r[1] !== -Infinity)) {
      throw new RangeError(`the range of ${name} must be two numbers lo < hi (±Infinity for a half-line), got [${r[0]}, ${r[1]}]`);
    }
  },
});

// ── the one stream ──────────────────────────────────────────────────────────────────────────
/** The next point of a stream: into `into` when given (at least as long as the variables), else
 * into a fresh array. */
export type PointStream = (into?: Float64Array) => Float64Array;

/** A deterministic stream of candidate points over `vars` under `policy`; `ranges` by name. */
export function sampler(
  policy: SamplingPolicy, vars: readonly string[], ranges: Readonly<Record<string, Interval>>, seed: number,
): PointStream {
  const rng = mulberry32(seed);
  const rs = vars.map((v) => (Object.hasOwn(ranges, v) ? ranges[v] : undefined));
  return (into) => {
    const buf = into ?? new Float64Array(vars.length);
    for (let i = 0; i < vars.length; i++) {
      let x = 0;
      for (let t = 0; t <= policy.maxRedraws; t++) {
        x = policy.draw(rng, rs[i]);
        if (policy.accepts(x, buf, i)) break;
      }
      buf[i] = x;
    }
    return buf;
  };
}

/** Declared ranges as intervals, each checked by the policy first. */
export function declaredIntervals(policy: SamplingPolicy, ranges: Readonly<Record<string, Range>> | undefined): Record<string, Interval> {
  const out: Record<string, Interval> = {};
  for (const [name, r] of Object.entries(ranges ?? {})) {
    policy.validate(name, r);
    out[name] = { lo: r[0], hi: r[1], signed: false };
  }
  return out;
}

/** The STEP stream over intervals (inferred, declared on top: ranges.ts inferRanges). */
export function candidateStream(vars: readonly string[], ranges: Readonly<Record<string, Interval>>, seed: number): PointStream {
  return sampler(STEP, vars, ranges, seed);
}

/** The ANSWER stream over the declared ranges of the variables being sampled. */
export function pointStream(vars: readonly string[], ranges: Readonly<Record<string, Range>> | undefined, seed: number): PointStream {
  const own = Object.fromEntries(vars.filter((v) => ranges && Object.hasOwn(ranges, v)).map((v) => [v, ranges![v]!]));
  return sampler(ANSWER, vars, declaredIntervals(ANSWER, own), seed);
}

/** Is every coordinate inside its declared (open) range? */
export function inRanges(vars: readonly string[], v: ArrayLike<number>, ranges: Readonly<Record<string, Range>> | undefined): boolean {
  if (!ranges) return true;
  for (let i = 0; i < vars.length; i++) {
    const r = Object.hasOwn(ranges, vars[i]!) ? ranges[vars[i]!] : undefined;
    if (r && !(v[i]! > r[0] && v[i]! < r[1])) return false;
  }
  return true;
}

// ── seeds, variables, points ────────────────────────────────────────────────────────────────
/** The variables a check must sample: free symbols and every d/dv's v (d/dx(y²) still needs x). */
export function variablesOf(exprs: readonly Expr[]): string[] {
  // cached per node (checkFacts.ts): a step's check pays only for the nodes the step created
  const lists = exprs.map(variableNames);
  // usually one list (the domain's: the function differentiated) holds every name: a copy of it
  let widest = lists[0] ?? [];
  for (const l of lists) if (l.length > widest.length) widest = l;
  if (lists.every((l) => l === widest || l.every((n) => widest.includes(n)))) return [...widest];
  const names = new Set<string>();
  for (const l of lists) for (const n of l) names.add(n);
  return [...names].sort();
}

/** The STEP default seed: a structural hash of the trees (positions are not in them), cached per
 * node (src/ast/hash.ts), so seeding the check of every step of a derivation costs only the nodes
 * each step created — hashing the canonical JSON of the whole tree per step was most of the
 * profile of a deep derivation (docs/performance.md). */
export function seedOf(exprs: readonly Expr[]): number {
  return structuralHashAll(exprs);
}

/** The ANSWER seed: FNV-1a of the text that identifies the submission. */
export function seedFor(text: string): number {
  return hashSeed(text);
}

/** A point as a plain record, variables in sorted order (JSON-stable). */
export function toPoint(vars: readonly string[], v: ArrayLike<number>): Record<string, number> {
  const p: Record<string, number> = {};
  vars.forEach((name, i) => (p[name] = v[i]!));
  return p;
}

/**
 * Probe points for power towers (ANSWER): every variable on a small lattice of integers and halves.
 * The random stream avoids exactly these values, so it cannot see that (a^b)^c ≠ a^(bc) at a = −1,
 * b = 2, c = 1/2, where both sides are real. Probes can only add a counterexample, never an
 * agreement. All points when there are at most 3 variables (10³), else `limit` seeded random ones.
 */
export const LATTICE = Object.freeze([-3, -2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2, 3]);
export function latticePoints(nvars: number, seed: number, limit = 1000): Float64Array[] {
  const n = LATTICE.length;
  const total = n ** nvars;
  const out: Float64Array[] = [];
  if (nvars === 0) return out;
  if (total <= limit) {
    for (let k = 0; k < total; k++) {
      const v = new Float64Array(nvars);
      let r = k;
      for (let i = 0; i < nvars; i++) {
        v[i] = LATTICE[r % n]!;
        r = Math.floor(r / n);
      }
      out.push(v);
    }
    return out;
  }
  const rng = mulberry32(seed ^ 0x5bd1e995);
  for (let k = 0; k < limit; k++) out.push(Float64Array.from({ length: nvars }, () => LATTICE[Math.floor(rng() * n)]!));
  return out;
}
