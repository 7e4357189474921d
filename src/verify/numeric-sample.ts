// Where answer checking samples (issue "verify students' answers", item 2). Per variable: |value|
// log-uniform in [10⁻², 10²] with a random sign, never within 10⁻⁶ (relative) of 0, an integer or
// a multiple of π/12, and every variable's value distinct from (and from minus) every other's;
// declared ranges are sampled inside themselves. Invariants: the same (variables, ranges, seed)
// give the same points in the same order; a point is a fresh Float64Array in the variables'
// (sorted) order; nothing here evaluates an expression.
import { hashSeed, mulberry32, type Rng } from '../check/random.js';

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
/** Redraws of one value before giving up on the avoidance rules (they can be unsatisfiable in a
 * tiny declared range); with the default sampler a redraw is needed with probability ~10⁻⁵. */
const MAX_REDRAWS = 16;
/** A bounded declared range (lo, hi) is sampled in [lo + m, hi − m], m = 1 % of its width: at
 * 0.999, log(1 − y) and 1/(1 − y) are so ill-conditioned that rounding alone shows. */
const EDGE_MARGIN = 0.01;
const PI_12 = Math.PI / 12;

export type Range = readonly [number, number];

/** Is x at least AVOID_REL·|x| away from 0, every integer and every multiple of π/12? */
export function avoidsSpecial(x: number): boolean {
  const ax = Math.abs(x);
  if (ax === 0 || !Number.isFinite(x)) return false;
  const tol = AVOID_REL * ax;
  if (Math.abs(ax - Math.round(ax)) <= tol) return false;
  const k = Math.round(ax / PI_12);
  return k === 0 || Math.abs(ax - k * PI_12) > tol;
}

function distinct(x: number, earlier: Float64Array, count: number): boolean {
  for (let j = 0; j < count; j++) {
    const y = earlier[j]!;
    const tol = DISTINCT_REL * Math.max(Math.abs(x), Math.abs(y));
    if (Math.abs(x - y) <= tol || Math.abs(x + y) <= tol) return false;
  }
  return true;
}

const logUniform = (rng: Rng, lo: number, hi: number): number => Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * rng());

/** One draw for one variable: the default signed log-uniform magnitude, or inside a declared range. */
function drawOne(rng: Rng, r: Range | undefined): number {
  if (!r) {
    const m = logUniform(rng, MAG_LO, MAG_HI);
    return rng() < 0.5 ? -m : m;
  }
  const [lo, hi] = r;
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
}

export function validateRange(name: string, r: Range): void {
  if (!(r.length === 2 && !Number.isNaN(r[0]) && !Number.isNaN(r[1]) && r[0] < r[1] && r[0] !== Infinity && r[1] !== -Infinity)) {
    throw new RangeError(`the range of ${name} must be two numbers lo < hi (±Infinity for a half-line), got [${r[0]}, ${r[1]}]`);
  }
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

/** A deterministic stream of candidate points over `vars` (each call returns a new array). */
export function pointStream(vars: readonly string[], ranges: Readonly<Record<string, Range>> | undefined, seed: number): () => Float64Array {
  const rng = mulberry32(seed);
  const rs = vars.map((v) => (ranges && Object.hasOwn(ranges, v) ? ranges[v] : undefined));
  rs.forEach((r, i) => r && validateRange(vars[i]!, r));
  return () => {
    const buf = new Float64Array(vars.length);
    for (let i = 0; i < vars.length; i++) {
      let x = 0;
      for (let t = 0; t <= MAX_REDRAWS; t++) {
        x = drawOne(rng, rs[i]);
        if (avoidsSpecial(x) && distinct(x, buf, i)) break;
      }
      buf[i] = x;
    }
    return buf;
  };
}

/** The seed of a check: FNV-1a of the text that identifies the submission. */
export function seedFor(text: string): number {
  return hashSeed(text);
}

/** The variables' values as a record (sorted names), for counterexamples and messages. */
export function toRecord(vars: readonly string[], v: ArrayLike<number>): Record<string, number> {
  const p: Record<string, number> = {};
  vars.forEach((name, i) => (p[name] = v[i]!));
  return p;
}

/**
 * Probe points for power towers: every variable on a small lattice of integers and halves. The
 * random sampler avoids exactly these values, so it cannot see that (a^b)^c ≠ a^(bc) at a = −1,
 * b = 2, c = 1/2, where both sides are real. Probes can only add a counterexample (a point where
 * both sides are defined and differ, confirmed at high precision), never an agreement.
 * All points when there are at most 3 variables (10³), else `limit` seeded random ones.
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
