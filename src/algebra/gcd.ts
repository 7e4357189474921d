// Content, primitive part and GCD in Z[x1..xn]. gcd tries the heuristic GCD (heugcd.ts) and falls
// back to the subresultant PRS in the main variable: gcd(a, b) = gcd(cont a, cont b) · pp(last
// non-zero remainder) (Collins, Brown–Traub; Geddes, Czapor & Labahn, "Algorithms for Computer
// Algebra", §7.3). Invariant: every gcd returned is normalised — leadInt(g) > 0 — so gcd is a
// function (not "up to a unit"). Terminates: each PRS step lowers the main-variable degree, contents
// recurse into fewer variables, and each call runs under the work budget (poly.ts BUDGET).
import { heuGcd } from './heugcd.js';
import { type Poly, type PolyNode, degree, divExact, equal, equalNeg, igcd, intContent, lc, leadInt, mainVar, mul, neg, pow, shift, sub, withWorkBudget } from './poly.js';
import { monomial, monomialGcd, toTerms } from './sparse.js';

export { igcd, intContent };

/** ±p so that leadInt > 0 (the unit normalisation of Z[x1..xn]). */
export function normalizeSign(p: Poly): Poly {
  return leadInt(p) < 0n ? neg(p) : p;
}

/** Content with respect to the main variable: the normalised gcd of the coefficients. */
export function content(p: Poly): Poly {
  if (typeof p === 'bigint') return p < 0n ? -p : p;
  let g: Poly = 0n;
  for (const c of p.cs) {
    g = gcd(g, c);
    if (g === 1n) break;
  }
  return g;
}

/** p / content(p), sign-normalised (leadInt > 0); 0 stays 0. */
export function primitivePart(p: Poly): Poly {
  if (p === 0n) return 0n;
  if (typeof p === 'bigint') return 1n;
  return normalizeSign(divExact(p, content(p))!);
}

/**
 * Pseudo-remainder of a by b in their common main variable (deg a >= deg b >= 1):
 * lc(b)^(δ+1) · a = q·b + r with δ = deg a − deg b and deg r < deg b (Knuth's Algorithm R). The
 * exponent must be exactly δ+1: the subresultant recurrence below divides by it exactly.
 */
export function prem(a: Poly, b: PolyNode): Poly {
  const v = b.v;
  const db = degree(b);
  const lb = lc(b);
  let e = degree(a) - db + 1;
  let r = a;
  while (r !== 0n && mainVar(r) === v && degree(r) >= db) {
    r = sub(mul(lb, r), mul(shift(lc(r), v, degree(r) - db), b));
    e--;
  }
  return e > 0 ? mul(pow(lb, e), r) : r;
}

/**
 * The greatest common divisor, normalised (leadInt > 0); gcd(0, 0) = 0. Same main variable: the
 * subresultant PRS (Cohen, "A Course in Computational Algebraic Number Theory", Alg. 3.3.1), whose
 * exact divisions keep coefficient degrees in the other atoms bounded — the primitive PRS instead
 * takes a recursive gcd at every step and its lower-variable degrees blew up on 3-atom inputs.
 */
export function gcd(a: Poly, b: Poly): Poly {
  // with an integer on either side gcdRec answers at once, charging nothing: no budget to open
  if (typeof a === 'bigint' || typeof b === 'bigint') return gcdRec(a, b);
  return withWorkBudget(() => gcdRec(a, b));
}

function gcdRec(a: Poly, b: Poly): Poly {
  if (a === 0n) return normalizeSign(b);
  if (b === 0n) return normalizeSign(a);
  // an integer shares with a polynomial only a divisor of its integer content
  if (typeof a === 'bigint') return igcd(a, intContent(b));
  if (typeof b === 'bigint') return igcd(intContent(a), b);
  // a single term c·x^α divides only ±d·x^β (d | c, β ≤ α): the gcd is the integer gcd times the
  // least exponent of each atom over both. heuGcd would evaluate at large points in every atom in
  // turn, which cost seconds per call on sums of products of many atoms (∏ sin(x+k), derived)
  if (isSingleTerm(a) || isSingleTerm(b)) {
    return monomial(igcd(intContent(a), intContent(b)), monomialGcd([...toTerms(a), ...toTerms(b)]));
  }
  const va = mainVar(a);
  const vb = mainVar(b);
  // a polynomial free of the other's main variable can only share that one's content
  if (va > vb) return gcdRec(content(a), b);
  if (vb > va) return gcdRec(a, content(b));
  if (equalOrNeg(a, b)) return normalizeSign(a);
  const heu = heuGcd(a, b);
  if (heu !== undefined) return normalizeSign(heu);
  return prsGcd(a, b, va);
}

/** The subresultant PRS for a, b with the same main variable va (the exact fallback; exported for tests). */
export function prsGcd(a: Poly, b: Poly, va: number = mainVar(a)): Poly {
  const ca = content(a);
  const cb = content(b);
  const c = gcdRec(ca, cb);
  let p = divExact(a, ca)!;
  let q = divExact(b, cb)!;
  if (degree(p) < degree(q)) [p, q] = [q, p];
  let g: Poly = 1n;
  let h: Poly = 1n;
  for (;;) {
    const delta = degree(p) - degree(q);
    const r = prem(p, q as PolyNode);
    if (r === 0n) break;
    // a non-zero remainder free of the main variable: the primitive parts are coprime
    if (mainVar(r) !== va) return c;
    p = q;
    q = divExact(r, mul(g, pow(h, delta)))!;
    g = lc(p);
    h = delta === 0 ? h : delta === 1 ? g : divExact(pow(g, delta), pow(h, delta - 1))!;
  }
  return normalizeSign(mul(c, primitivePart(q)));
}

/** One non-zero term c·x^α: one non-zero coefficient at every level (stops at the second). */
function isSingleTerm(p: Poly): boolean {
  while (typeof p !== 'bigint') {
    let only: Poly | undefined;
    for (const c of p.cs) {
      if (c === 0n) continue;
      if (only !== undefined) return false;
      only = c;
    }
    if (only === undefined) return false;
    p = only;
  }
  return p !== 0n;
}

function equalOrNeg(a: Poly, b: Poly): boolean {
  return equal(a, b) || equalNeg(a, b);
}


/** The least common multiple, normalised. */
export function lcm(a: Poly, b: Poly): Poly {
  if (a === 0n || b === 0n) return 0n;
  return normalizeSign(mul(divExact(a, gcd(a, b))!, b));
}
