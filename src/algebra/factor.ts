// Cheap factorisation for printing: p = coef · monomial · Π f_i^k_i, each f_i normalised
// (leadInt > 0), non-constant, not divisible by any atom. Steps, none of them a full factoriser:
// integer content; common monomial; "variable split" (the content with respect to each atom in
// turn, which separates factors in disjoint atoms such as (a − y)(1 − b)); Yun's square-free
// decomposition; refinement by gcd with hint polynomials (factors the user wrote). Invariant:
// the product of the parts always equals p exactly (checked; any doubt keeps the factor whole).
import { content, gcd, intContent, normalizeSign } from './gcd.js';
import { BUDGET, type Poly, PolyBudgetError, derivative, divExact, equal, isConst, leadInt, mainVar, mk, mul, neg, pow, replayWork, sub, variables, workSpent } from './poly.js';
import { divMonomialOf, monomialGcdOf } from './sparse.js';

export interface Factor {
  readonly p: Poly;
  readonly k: number;
}
export interface Factored {
  /** signed integer: p = coef · x^mono · Π f^k */
  readonly coef: bigint;
  /** exponent of each atom in the common monomial */
  readonly mono: readonly number[];
  readonly factors: readonly Factor[];
}

/** Content of p with respect to atom v (a polynomial free of v), normalised. */
export function contentWrt(p: Poly, v: number): Poly {
  if (mainVar(p) === v) return content(p);
  // the coefficients of p as a polynomial in x_v, read off the recursive form: the same nodes
  // (the representation is canonical) as those of p renamed so that v is its main variable, and
  // folded by gcd in the same order as content() folds them, so the work charged is the same —
  // without a round trip through the term list
  const cs = coefficientsWrt(p, v);
  let g: Poly = 0n;
  for (const c of cs) {
    g = gcd(g, c);
    if (g === 1n) break;
  }
  return g;
}

/** cs[i] = the coefficient of x_v^i in p (free of x_v; zeros included, the last one non-zero
 * when p involves x_v). */
export function coefficientsWrt(p: Poly, v: number): Poly[] {
  if (typeof p === 'bigint' || p.v < v) return [p];
  if (p.v === v) return p.cs.slice();
  const parts = p.cs.map((c) => coefficientsWrt(c, v));
  let n = 0;
  for (const a of parts) if (a.length > n) n = a.length;
  const out = new Array<Poly>(n);
  for (let i = 0; i < n; i++) {
    const row = new Array<Poly>(parts.length);
    for (let j = 0; j < parts.length; j++) row[j] = parts[j]![i] ?? 0n;
    out[i] = mk(p.v, row);
  }
  return out;
}

/** Split a primitive, monomial-free p into factors whose atoms are separable (see header). */
function splitByVariables(p: Poly): Poly[] {
  for (const v of variables(p)) {
    const c = contentWrt(p, v);
    if (!isConst(c)) {
      const rest = divExact(p, c);
      if (rest !== undefined) return [...splitByVariables(c), ...splitByVariables(rest)];
    }
  }
  return isConst(p) ? [] : [normalizeSign(p)];
}

/**
 * Yun's square-free decomposition of f, primitive with respect to its main variable (so every
 * factor involves it): f = ± Π a_i^i, a_i square-free and pairwise coprime.
 */
export function squareFree(f: Poly): Factor[] {
  const v = mainVar(f);
  if (v < 0) return [];
  // linear in v with an integer leading coefficient (1 − y, y − ŷ: most factors printed): f′ is
  // that integer, gcd(f, f′) an integer (found without any work charged), so f is its own
  // square-free part — the answer below, without building f′ and the gcd
  if (typeof f !== 'bigint' && f.cs.length === 2 && typeof f.cs[1] === 'bigint') return [{ p: normalizeSign(f), k: 1 }];
  const df = derivative(f, v);
  const a0 = gcd(f, df);
  if (isConst(a0)) return [{ p: normalizeSign(f), k: 1 }];
  let b = divExact(f, a0);
  let c = divExact(df, a0);
  if (b === undefined || c === undefined) return [{ p: normalizeSign(f), k: 1 }];
  let d = sub(c, derivative(b, v));
  const out: Factor[] = [];
  for (let i = 1; !isConst(b); i++) {
    const a = gcd(b, d);
    if (!isConst(a)) out.push({ p: normalizeSign(a), k: i });
    const nb = divExact(b, a);
    const nc = divExact(d, a);
    // a multiplicity cannot pass the degree (≤ BUDGET.MAX_DEGREE): past it, something is wrong
    if (nb === undefined || nc === undefined || i > BUDGET.MAX_DEGREE) return [{ p: normalizeSign(f), k: 1 }];
    b = nb;
    c = nc;
    d = sub(c, derivative(b, v));
  }
  // safety net: the decomposition must multiply back to ±f
  const back = product(out);
  return equal(back, f) || equal(neg(back), f) ? out : [{ p: normalizeSign(f), k: 1 }];
}

function product(fs: readonly Factor[]): Poly {
  return fs.reduce<Poly>((acc, { p, k }) => mul(acc, pow(p, k)), 1n);
}

/** Integer content (signed by leadInt) and the common monomial: p = coef · x^mono · rest. */
export function splitContent(p: Poly): { coef: bigint; mono: number[]; rest: Poly } {
  const ic = intContent(p);
  const c = leadInt(p) < 0n ? -ic : ic;
  const q = divExact(p, c)!;
  const mono = monomialGcdOf(q);
  return { coef: c, mono, rest: divMonomialOf(q, mono) };
}

/** The factors a hint contributes: its primitive, monomial-free, variable-split parts. */
export function hintParts(h: Poly): Poly[] {
  if (isConst(h)) return [];
  return splitByVariables(splitContent(h).rest);
}

/**
 * hintParts remembered per hint polynomial, for the factorisations of one rational form (its
 * numerator, denominator and conditions share the hints), and the variable split of each
 * primitive, monomial-free part by value (a hint's split is often the split of the numerator or
 * denominator itself: w·x + b − y, or 1 − y in y(1 − y)). A hit charges the work the first
 * computation cost (poly.ts replayWork), so the work budget runs out exactly where it would have.
 */
export class HintParts {
  private memo: Map<Poly, { readonly parts: Poly[]; readonly work: number }> | undefined;
  private readonly splits: { readonly rest: Poly; readonly parts: Poly[]; readonly work: number }[] = [];
  of(h: Poly): Poly[] {
    this.memo ??= new Map();
    const hit = this.memo.get(h);
    if (hit) {
      replayWork(hit.work);
      return hit.parts;
    }
    const before = workSpent();
    // hintParts(h), its split shared (splitContent charges nothing)
    const parts = isConst(h) ? [] : this.split(splitContent(h).rest);
    this.memo.set(h, { parts, work: workSpent() - before });
    return parts;
  }
  /** splitByVariables(rest), remembered by value (the caller must not change the list). */
  split(rest: Poly): Poly[] {
    for (const s of this.splits) {
      if (equal(s.rest, rest)) {
        replayWork(s.work);
        return s.parts;
      }
    }
    const before = workSpent();
    const parts = splitByVariables(rest);
    this.splits.push({ rest, parts, work: workSpent() - before });
    return parts;
  }
}

/** Refine factors by gcd with each hint part: a factor sharing a proper divisor g splits in two. */
function refine(fs: Factor[], hints: readonly Poly[]): Factor[] {
  let out = fs;
  for (const h of hints) {
    const next: Factor[] = [];
    for (const f of out) {
      const g = gcd(f.p, h);
      const q = isConst(g) || equal(g, f.p) ? undefined : divExact(f.p, g);
      if (q === undefined) next.push(f);
      else next.push({ p: g, k: f.k }, { p: normalizeSign(q), k: f.k });
    }
    out = next;
  }
  return out;
}

/** Merge equal factors (they are normalised, so equal means identical). */
function merge(fs: readonly Factor[]): Factor[] {
  const out: Factor[] = [];
  for (const f of fs) {
    let i = 0;
    while (i < out.length && !equal(out[i]!.p, f.p)) i++;
    if (i === out.length) out.push(f);
    else out[i] = { p: f.p, k: out[i]!.k + f.k };
  }
  return out;
}

/** The cheap factorisation of a non-zero p (see header); hints are polynomials the user wrote. */
export function factorCheap(p: Poly, hints: readonly Poly[] = [], memo?: HintParts): Factored {
  if (p === 0n) throw new RangeError('factorCheap: zero polynomial');
  const { coef, mono, rest } = splitContent(p);
  try {
    // loops, not flatMap (a closure per call, and flatMap is slow in V8)
    const parts: Factor[] = [];
    for (const f of memo ? memo.split(rest) : splitByVariables(rest)) for (const x of squareFree(f)) parts.push(x);
    const hintList: Poly[] = [];
    for (const h of hints) for (const x of memo ? memo.of(h) : hintParts(h)) hintList.push(x);
    return { coef, mono, factors: merge(refine(parts, hintList)) };
  } catch (err) {
    // factoring is only for looks: past the size budget, print the part unfactored
    if (!(err instanceof PolyBudgetError)) throw err;
    return { coef, mono, factors: isConst(rest) ? [] : [{ p: normalizeSign(rest), k: 1 }] };
  }
}
