// The distributed (sparse) view of a polynomial: a list of terms `coef · Π x_i^exps[i]`, used for
// printing, for term ordering and for renaming variables. Invariant: fromTerms(toTerms(p)) equals
// p, and toTerms lists each monomial once with a non-zero coefficient (order: see termOrder).
import { type Poly, add, shift } from './poly.js';

export interface Term {
  readonly coef: bigint;
  /** exps[i] is the exponent of atom i (missing entries are 0) */
  readonly exps: readonly number[];
}

/** The terms of p (unsorted). Plain loops, no closures: this is the printer's and the gcd's
 * inner loop (docs/performance.md, "The rational phase"). */
export function toTerms(p: Poly): Term[] {
  const out: Term[] = [];
  walkTerms(p, [], out);
  return out;
}

function walkTerms(q: Poly, exps: number[], out: Term[]): void {
  if (typeof q === 'bigint') {
    // trailing zero exponents dropped, so that equal monomials give equal arrays
    if (q !== 0n) out.push({ coef: q, exps: trim(exps) });
    return;
  }
  const { v, cs } = q;
  const old = exps[v] ?? 0;
  for (let i = 0; i < cs.length; i++) {
    exps[v] = i;
    walkTerms(cs[i]!, exps, out);
  }
  exps[v] = old;
}

/** e without trailing zeros, holes read as 0 (a plain loop: Array.from with a map was hot). */
function trim(e: readonly number[]): number[] {
  let n = e.length;
  while (n > 0 && !e[n - 1]) n--;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = e[i] ?? 0;
  return out;
}

/** c · Π x_i^exps[i]: built from the lowest variable up, so every shift respects the invariant. */
export function monomial(coef: bigint, exps: readonly number[]): Poly {
  let m: Poly = coef;
  exps.forEach((e, i) => {
    if (e > 0) m = shift(m, i, e);
  });
  return m;
}

export function fromTerms(terms: readonly Term[]): Poly {
  let p: Poly = 0n;
  for (const t of terms) p = add(p, monomial(t.coef, t.exps));
  return p;
}

export const totalDeg = (t: Term): number => t.exps.reduce((s, e) => s + e, 0);

/**
 * The printing order: total degree descending, then lexicographic in atom order (the atom that
 * appeared first in the input counts most; a higher power of it comes first). So with atoms
 * [x, y]: x² + xy + y² + x + y + 1.
 */
export function termOrder(a: Term, b: Term): number {
  const d = totalDeg(b) - totalDeg(a);
  if (d !== 0) return d;
  const n = Math.max(a.exps.length, b.exps.length);
  for (let i = 0; i < n; i++) {
    const c = (b.exps[i] ?? 0) - (a.exps[i] ?? 0);
    if (c !== 0) return c;
  }
  return 0;
}

/** A stable key of a monomial (its exponent vector). */
export const monoKey = (exps: readonly number[]): string => trim(exps).join(',');

/** The largest monomial dividing every term (componentwise minimum of the exponents). */
export function monomialGcd(terms: readonly Term[]): number[] {
  if (terms.length === 0) return [];
  const g = terms[0]!.exps.slice();
  for (let k = 1; k < terms.length; k++) {
    const x = terms[k]!.exps;
    for (let i = 0; i < g.length; i++) g[i] = Math.min(g[i]!, x[i] ?? 0);
  }
  return trim(g);
}

/** Rename atom i to f(i) (f injective). */
export function renameVars(p: Poly, f: (i: number) => number): Poly {
  return fromTerms(
    toTerms(p).map((t) => {
      const exps: number[] = [];
      for (let i = 0; i < t.exps.length; i++) if (t.exps[i]) exps[f(i)] = t.exps[i]!;
      for (let i = 0; i < exps.length; i++) exps[i] ??= 0;
      return { coef: t.coef, exps };
    }),
  );
}

/** Divide every term's exponents by a monomial that divides them all. */
export function divMonomial(p: Poly, m: readonly number[]): Poly {
  if (m.every((e) => e === 0)) return p;
  return fromTerms(toTerms(p).map((t) => ({ coef: t.coef, exps: t.exps.map((e, i) => e - (m[i] ?? 0)) })));
}
