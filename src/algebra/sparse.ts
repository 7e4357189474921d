// The distributed (sparse) view of a polynomial: a list of terms `coef · Π x_i^exps[i]`, used for
// printing, for term ordering and for renaming variables. Invariant: fromTerms(toTerms(p)) equals
// p, and toTerms lists each monomial once with a non-zero coefficient (order: see termOrder).
import { type Poly, mk, shift } from './poly.js';

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

/** The polynomial Σ terms (a monomial may repeat). Built level by level: the terms grouped by
 * the exponent of the highest atom present, each group's coefficient built from the atoms below
 * it. The representation is canonical (poly.ts), so this is the same node as adding the
 * monomials one by one, which cost a whole addition per term (renameVars and divMonomial pass
 * here for every content and factor printed). */
export function fromTerms(terms: readonly Term[]): Poly {
  return build(terms, Infinity);
}

/** Σ terms with the exponents of atoms ≥ bound read as 0. */
function build(terms: readonly Term[], bound: number): Poly {
  let v = -1;
  for (const t of terms) {
    const n = Math.min(t.exps.length, bound);
    for (let i = n - 1; i > v; i--) {
      if (t.exps[i]) {
        v = i;
        break;
      }
    }
  }
  if (v < 0) {
    let c = 0n;
    for (const t of terms) c += t.coef;
    return c;
  }
  const groups: Term[][] = [];
  for (const t of terms) {
    const k = t.exps[v] ?? 0;
    (groups[k] ??= []).push(t);
  }
  const cs: Poly[] = new Array<Poly>(groups.length);
  for (let k = 0; k < groups.length; k++) cs[k] = groups[k] ? build(groups[k]!, v) : 0n;
  return mk(v, cs);
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

/** monomialGcd(toTerms(p)) read off the recursive form, without the term list (p ≠ 0): the
 * least exponent of x_v over p's terms is the index of the first non-zero coefficient where v is
 * the main variable, and the least of those over the coefficients above it. */
export function monomialGcdOf(p: Poly): number[] {
  if (typeof p === 'bigint') return [];
  const g: number[] = [];
  let top = -1;
  for (let v = p.v; v >= 0; v--) {
    const e = leastExp(p, v);
    if (e > 0 && top < 0) top = v;
    g[v] = e;
  }
  g.length = top + 1;
  return g;
}

function leastExp(p: Poly, v: number): number {
  if (typeof p === 'bigint' || p.v < v) return 0;
  const cs = p.cs;
  if (p.v === v) {
    let i = 0;
    while (cs[i] === 0n) i++;
    return i;
  }
  let least = Infinity;
  for (let i = 0; i < cs.length && least > 0; i++) {
    if (cs[i] === 0n) continue;
    const e = leastExp(cs[i]!, v);
    if (e < least) least = e;
  }
  return least;
}

/** divMonomial on the recursive form (m divides every term): each level drops its first m[v]
 * coefficients, which are zero. The same node as divMonomial's (the representation is canonical). */
export function divMonomialOf(p: Poly, m: readonly number[]): Poly {
  if (m.length === 0) return p;
  return divMono(p, m);
}

function divMono(p: Poly, m: readonly number[]): Poly {
  if (typeof p === 'bigint') return p;
  const e = m[p.v] ?? 0;
  const cs = new Array<Poly>(p.cs.length - e);
  for (let i = e; i < p.cs.length; i++) cs[i - e] = divMono(p.cs[i]!, m);
  return mk(p.v, cs);
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
