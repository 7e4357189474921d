// Probe points of the ANSWER policy beyond the random sample: far and tiny magnitudes, and both
// sides of every kink (abs, relu, heaviside, sign). Random points live in |v| ∈ [10⁻², 10²], so an
// answer can differ from the expected one only outside it (x + relu(x − 10⁵) against x) or only in a
// sliver beside a breakpoint (heaviside(x − 10⁻³) against heaviside(x)). Probes can only ADD a
// counterexample (careful.ts classifies them as any point, a rejection confirmed exactly or at 128
// digits); an agreement, a skip or an undefined value at a probe changes nothing.
// Invariants: deterministic (no randomness beyond the valid points given); bounded (FAR_DECADES ×
// bases, and at most MAX_KINK_PROBES kink points); nothing here decides a verdict.
import type { Expr } from '../ast/nodes.js';
import { forEachNode } from '../ast/traverse.js';
import { compile } from './compile.js';

/** Magnitudes (decades) of the far probes: the largest coordinate is moved to ~10^k. */
export const FAR_DECADES = Object.freeze([3, 4, 5, 6, 7, 8, 9, 12]);
/** … and the smallest coordinate of the tiny probes to ~10^−k. */
export const TINY_DECADES = Object.freeze([3, 4, 5, 6, 8]);
/** Valid random points each far/tiny/kink family starts from (and their negations). */
const BASES = 2;
/** Functions whose first argument has a breakpoint at 0. */
const KINKED = new Set(['abs', 'relu', 'heaviside', 'sign', 'leakyrelu']);
/** Distances of the kink probes from a breakpoint r, relative to max(|r|, 1): inside any sliver an
 * answer can be written with (10⁻³) down to 10⁻⁹; and, for a breakpoint near 0, relative to |r|
 * (relu(10⁻¹² − |x|) differs only on |x| < 10⁻¹²); and a few units in the last place, for a sliver
 * between two breakpoints far out (heaviside(x − 10⁶) against heaviside(x − 10⁶ − 10⁻³)). */
const KINK_OFFSETS = Object.freeze([1e-9, 1e-6, 1e-3]);
const KINK_ULPS = 4;
export const MAX_KINK_PROBES = 192;
/** The scan for a sign change of a kink argument along one coordinate: ±1.37·10^(k/2), k = −18…18,
 * then whole decades out to 10^±300 (a breakpoint at |x| = 10³⁰⁰ or 10⁻³⁰⁰ is bracketed too), and
 * 0; each bracket is bisected to the double nearest the breakpoint. */
const SCAN = (() => {
  const xs: number[] = [];
  for (let k = -300; k < -9; k++) xs.push(1.37 * 10 ** k);
  for (let k = -18; k <= 18; k++) xs.push(1.37 * 10 ** (k / 2));
  for (let k = 10; k <= 300; k++) xs.push(1.37 * 10 ** k);
  return Object.freeze([...xs.map((x) => -x).reverse(), 0, ...xs]);
})();

/** The distances from a breakpoint r at which kink probes are put (each on both sides). */
function kinkDistances(r: number): number[] {
  const a = Math.abs(r);
  const ulp = a > 0 ? a * 2 ** -52 : Number.MIN_VALUE;
  const out = [KINK_ULPS * ulp, ...KINK_OFFSETS.map((d) => d * Math.max(a, 1))];
  if (a > 0 && a < 1) out.push(...KINK_OFFSETS.map((d) => d * a));
  return out;
}
/** The first valid points, their negations, and (with two or more variables) the same point with
 * all coordinates positive and all negative: x·y + relu(x − 10⁶)·relu(y − 10⁶) differs only where
 * both are far out on the same side. */
function bases(valid: readonly Float64Array[]): Float64Array[] {
  const out: Float64Array[] = [];
  for (const v of valid.slice(0, BASES)) {
    out.push(v, v.map((x) => -x));
    if (v.length > 1) out.push(v.map(Math.abs), v.map((x) => -Math.abs(x)));
  }
  return out;
}

/** Each base scaled so that its largest coordinate is ~10^k, and its smallest ~10^−k. */
export function farPoints(valid: readonly Float64Array[], nvars: number): Float64Array[] {
  if (nvars === 0) return [];
  const out: Float64Array[] = [];
  for (const b of bases(valid)) {
    const big = Math.max(...b.map(Math.abs));
    const small = Math.min(...b.map(Math.abs));
    if (!(big > 0 && small > 0)) continue;
    // scaled by a power of ten times 1.37, so the random digits of the base stay (1.37·10⁹ itself
    // would be an integer, where n·π answers agree by accident)
    const eb = Math.floor(Math.log10(big));
    const es = Math.floor(Math.log10(small));
    for (const k of FAR_DECADES) out.push(b.map((x) => x * 1.37 * 10 ** (k - eb)));
    for (const k of TINY_DECADES) out.push(b.map((x) => x * 1.37 * 10 ** (-k - es)));
  }
  return out;
}

/** The first arguments of the kinked calls in the trees (each distinct node once). */
function kinkArguments(exprs: readonly Expr[]): Expr[] {
  const out: Expr[] = [];
  forEachNode(exprs, (e) => {
    if (e.kind === 'call' && KINKED.has(e.fn) && e.args[0]) out.push(e.args[0]);
  });
  return out;
}

/** Points on both sides of each breakpoint u = 0 of a kinked call's argument, found along each
 * coordinate from the first valid points (other coordinates held). */
export function kinkPoints(exprs: readonly Expr[], vars: readonly string[], valid: readonly Float64Array[]): Float64Array[] {
  const args = kinkArguments(exprs);
  if (args.length === 0 || vars.length === 0) return [];
  const out: Float64Array[] = [];
  for (const u of args) {
    let f: (v: Float64Array) => number;
    try {
      f = compile(u, vars);
    } catch {
      continue;
    }
    for (const base of valid.slice(0, BASES)) {
      for (let i = 0; i < vars.length; i++) {
        for (const r of roots(f, base, i)) {
          // both sides, never the breakpoint itself: the value AT a kink is a convention
          // (heaviside(0) against (1 + sign 0)/2), not a difference of answers
          for (const x of kinkDistances(r).flatMap((d) => [r - d, r + d])) {
            const q = Float64Array.from(base);
            q[i] = x;
            out.push(q);
            if (out.length >= MAX_KINK_PROBES) return out;
          }
        }
      }
    }
  }
  return out;
}

/** Breakpoints of f along coordinate i: each sign change on the SCAN grid, bisected. */
function roots(f: (v: Float64Array) => number, base: Float64Array, i: number): number[] {
  const q = Float64Array.from(base);
  const at = (x: number) => {
    q[i] = x;
    return f(q);
  };
  const out: number[] = [];
  let px = SCAN[0]!;
  let py = at(px);
  for (let k = 1; k < SCAN.length; k++) {
    const x = SCAN[k]!;
    const y = at(x);
    if (y === 0) out.push(x);
    else if (Number.isFinite(py) && Number.isFinite(y) && py !== 0 && Math.sign(py) !== Math.sign(y)) {
      let lo = px;
      let hi = x;
      let flo = py;
      for (let it = 0; it < 200 && hi - lo > 0; it++) {
        const mid = lo + (hi - lo) / 2;
        if (mid === lo || mid === hi) break;
        const fm = at(mid);
        if (fm === 0) {
          lo = hi = mid;
          break;
        }
        if (Number.isNaN(fm)) break;
        if (Math.sign(fm) === Math.sign(flo)) {
          lo = mid;
          flo = fm;
        } else hi = mid;
      }
      out.push(lo + (hi - lo) / 2);
    }
    px = x;
    py = y;
    if (out.length >= 4) break;
  }
  return out;
}
