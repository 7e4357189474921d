// Heuristic GCD (GCDHEU: Char, Geddes & Gonnet 1989; Geddes et al. §7.7; SymPy's dmp_zz_heu_gcd):
// evaluate the main variable at a large integer ξ, take the gcd of the images recursively (down to
// integers), rebuild a polynomial from the ξ-adic digits of the result, and keep it only if it
// divides both inputs. With ξ > 2·min(‖f‖∞, ‖g‖∞) a candidate that divides both IS the gcd
// (Char–Geddes–Gonnet, Theorem 1). It may fail (undefined): the caller then falls back to the
// subresultant PRS, so gcd stays exact. Far faster than a PRS on multivariate inputs.
import { type Poly, add, bitLength, divExact, igcd, intContent, mainVar, mk, scale } from './poly.js';

/** ξ-search attempts before giving up (SymPy's HEU_GCD_MAX). */
const MAX_TRIES = 6;
/**
 * Give up when an image's coefficients would pass this many bits: the integer gcd at the bottom of
 * the recursion then costs ~5 ms (measured: Euclid on two 8,000-bit bigints), and larger inputs
 * are better left to the budgeted PRS, which refuses them cleanly.
 */
const MAX_IMAGE_BITS = 8_000;

const absb = (n: bigint): bigint => (n < 0n ? -n : n);

function maxNorm(p: Poly): bigint {
  if (typeof p === 'bigint') return absb(p);
  let m = 0n;
  for (const c of p.cs) {
    const n = maxNorm(c);
    if (n > m) m = n;
  }
  return m;
}

/** Map every integer coefficient (keeping the invariants through mk). */
function mapInts(p: Poly, f: (c: bigint) => bigint): Poly {
  if (typeof p === 'bigint') return f(p);
  return mk(p.v, p.cs.map((c) => mapInts(c, f)));
}

/** p with x_v := ξ (p's variables other than v are kept). */
function evalAt(p: Poly, v: number, xi: bigint): Poly {
  if (typeof p === 'bigint' || p.v < v) return p;
  if (p.v > v) return mk(p.v, p.cs.map((c) => evalAt(c, v, xi)));
  let acc: Poly = 0n;
  for (let i = p.cs.length - 1; i >= 0; i--) acc = add(scale(acc, xi), p.cs[i]!); // Horner
  return acc;
}

/** Degree of p in x_v. */
function degreeIn(p: Poly, v: number): number {
  if (typeof p === 'bigint' || p.v < v) return 0;
  if (p.v === v) return p.cs.length - 1;
  let best = 0;
  for (const c of p.cs) {
    const d = degreeIn(c, v);
    if (d > best) best = d;
  }
  return best;
}

/** The polynomial in x_v whose ξ-adic digits (symmetric residues) are the coefficients of h. */
function interpolate(h: Poly, v: number, xi: bigint): Poly {
  const half = xi / 2n;
  const cs: Poly[] = [];
  while (h !== 0n) {
    const digit = mapInts(h, (c) => {
      let r = c % xi;
      if (r < 0n) r += xi;
      return r > half ? r - xi : r;
    });
    cs.push(digit);
    h = mapInts(add(h, scale(digit, -1n)), (c) => c / xi); // exact: h − digit ≡ 0 mod ξ
    if (cs.length > 10_000) return 0n; // cannot happen for ξ ≥ 2; guards a logic error
  }
  return mk(v, cs);
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  // Newton's iteration from a power of two above √n decreases monotonically to ⌊√n⌋
  let x = 1n << BigInt(Math.ceil(bitLength(n) / 2));
  for (;;) {
    const y = (x + n / x) / 2n;
    if (y >= x) return x;
    x = y;
  }
}

/** Recursive evaluations one top-level heuGcd may make. Each level retries up to MAX_TRIES
 * times, so with k variables the recursion can branch 6^k ways (10 variables took seconds);
 * past this the heuristic gives up and the exact fallback takes over. */
const MAX_CALLS = 400;
let calls = 0;
let depth = 0;

/** gcd(f, g) up to sign, or undefined when the heuristic gives up. f, g non-zero. */
export function heuGcd(f: Poly, g: Poly): Poly | undefined {
  if (depth === 0) calls = 0;
  depth++;
  try {
    return heuGcdRec(f, g);
  } finally {
    depth--;
  }
}

function heuGcdRec(f: Poly, g: Poly): Poly | undefined {
  if (++calls > MAX_CALLS) return undefined;
  if (typeof f === 'bigint' || typeof g === 'bigint') return igcd(intContent(f), intContent(g));
  const v = Math.max(mainVar(f), mainVar(g));
  const cf = intContent(f);
  const cg = intContent(g);
  const c = igcd(cf, cg);
  const pf = divExact(f, cf)!;
  const pg = divExact(g, cg)!;
  const nf = maxNorm(pf);
  const ng = maxNorm(pg);
  let xi = 2n * (nf < ng ? nf : ng) + 29n; // 29: SymPy's margin, keeps ξ well above tiny norms
  const df = degreeIn(pf, v);
  const dg = degreeIn(pg, v);
  for (let i = 0; i < MAX_TRIES; i++) {
    const xb = bitLength(xi);
    if (Math.max(bitLength(nf) + df * xb, bitLength(ng) + dg * xb) > MAX_IMAGE_BITS) return undefined;
    const ff = evalAt(pf, v, xi);
    const gg = evalAt(pg, v, xi);
    if (ff !== 0n && gg !== 0n) {
      const h = heuGcdRec(ff, gg);
      if (h !== undefined) {
        let cand = interpolate(h, v, xi);
        if (cand !== 0n) {
          cand = divExact(cand, intContent(cand))!;
          if (divExact(pf, cand) !== undefined && divExact(pg, cand) !== undefined) return scale(cand, c);
        }
      }
    }
    // SymPy's growth step: ξ ← ⌊73794·ξ·ξ^(1/4)/27011⌋ (irrational-ish ratio avoids repeats)
    xi = (73794n * xi * isqrt(isqrt(xi))) / 27011n;
  }
  return undefined;
}
