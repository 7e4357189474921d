// Rational functions num/den over Z[atoms], and the conversion from expression trees.
// Invariants of every RatFun built here: gcd(num, den) = 1 (integer content included), den ≠ 0,
// leadInt(den) > 0 — so the representation is unique and structural equality is equality; zero is
// 0/1. Every common factor removed on the way is reported to a `cancelled` sink (a cancellation
// extends the domain: the caller states "valid where g ≠ 0"). Rational coefficients never appear:
// denominators are cleared into `den`.
import type { Expr } from '../ast/nodes.js';
import { AtomTable } from './atoms.js';
import { factorCheap } from './factor.js';
import { gcd, intContent } from './gcd.js';
import { type Poly, PolyBudgetError, add, divExact, equal, isConst, leadInt, mul, neg, pow, variable, withWorkBudget } from './poly.js';
import { monoKey } from './sparse.js';

export interface RatFun {
  readonly num: Poly;
  readonly den: Poly;
}

/** A polynomial the user wrote as a sum: its sign and term order are printing preferences. */
export interface Hint {
  /** the sum's value, divided by its (positive) integer content */
  readonly poly: Poly;
  /** monomial keys (sparse.ts monoKey) in the order the user wrote the terms, when all were monomials */
  readonly order?: readonly string[];
}

export interface FromExprOptions {
  /** receives each non-constant factor cancelled during conversion (normalised, no duplicates) */
  readonly cancelled?: Poly[];
  /** receives the polynomial value of every sum in the input (printing preferences, see Hint) */
  readonly hints?: Hint[];
}

// not frozen: a frozen {num, den} beside the fresh ones would make every r.num read polymorphic
export const ratZero: RatFun = { num: 0n, den: 1n };
export const ratOne: RatFun = { num: 1n, den: 1n };
export const ratConst = (n: bigint, d: bigint = 1n): RatFun => cancelInto(n, d, undefined);
export const ratPoly = (p: Poly): RatFun => ({ num: p, den: 1n });
export const isPolynomial = (r: RatFun): boolean => isConst(r.den);
export const ratEqual = (a: RatFun, b: RatFun): boolean => equal(a.num, b.num) && equal(a.den, b.den);

/** The distinct non-constant factors of g (the conditions g ≠ 0 amounts to), normalised. */
export function conditionFactors(g: Poly): Poly[] {
  if (isConst(g)) return [];
  const f = factorCheap(g);
  const out: Poly[] = [];
  for (let i = 0; i < f.mono.length; i++) if (f.mono[i]! > 0) out.push(variable(i));
  for (const x of f.factors) out.push(x.p);
  return out;
}

function record(sink: Poly[] | undefined, g: Poly): void {
  if (!sink || isConst(g)) return;
  for (const f of conditionFactors(g)) if (!sink.some((s) => equal(s, f))) sink.push(f);
}

/**
 * num/den in lowest terms, den normalised (leadInt > 0). `cancelled` lists the distinct
 * non-constant factors of the gcd removed (for 0/den: of den, since the quotient 0 is defined
 * where den vanishes).
 */
export function cancel(num: Poly, den: Poly): { num: Poly; den: Poly; cancelled: Poly[] } {
  const cancelled: Poly[] = [];
  const r = withWorkBudget(() => cancelInto(num, den, cancelled));
  return { num: r.num, den: r.den, cancelled };
}

function cancelInto(num: Poly, den: Poly, sink: Poly[] | undefined): RatFun {
  if (den === 0n) throw new RangeError('cancel: zero denominator');
  const g = gcd(num, den); // gcd(0, den) = den, so 0/den becomes 0/1
  record(sink, g);
  let n = g === 1n ? num : divExact(num, g)!;
  let d = g === 1n ? den : divExact(den, g)!;
  if (leadInt(d) < 0n) {
    n = neg(n);
    d = neg(d);
  }
  return { num: n, den: d };
}

export function ratNeg(a: RatFun): RatFun {
  return { num: neg(a.num), den: a.den };
}

/** a + b over the lcm of the denominators, so only genuine cancellations are reported. */
export function ratAdd(a: RatFun, b: RatFun, sink?: Poly[]): RatFun {
  if (a.num === 0n) return b;
  if (b.num === 0n) return a;
  if (a.den === 1n && b.den === 1n) return { num: add(a.num, b.num), den: 1n };
  const g = gcd(a.den, b.den);
  const ad = divExact(a.den, g)!;
  const bd = divExact(b.den, g)!;
  return cancelInto(add(mul(a.num, bd), mul(b.num, ad)), mul(ad, b.den), sink);
}

export function ratSub(a: RatFun, b: RatFun, sink?: Poly[]): RatFun {
  return ratAdd(a, ratNeg(b), sink);
}

/** a · b, cancelling crosswise (both inputs are in lowest terms, so that suffices). */
export function ratMul(a: RatFun, b: RatFun, sink?: Poly[]): RatFun {
  if (a.den === 1n && b.den === 1n) return { num: mul(a.num, b.num), den: 1n };
  // 1 · b (a product's first factor): the gcds below are 1 and cancel nothing, so b as it is
  if (a.num === 1n && a.den === 1n) return b;
  const g1 = gcd(a.num, b.den);
  const g2 = gcd(b.num, a.den);
  record(sink, g1);
  record(sink, g2);
  const num = mul(divExact(a.num, g1)!, divExact(b.num, g2)!);
  const den = mul(divExact(a.den, g2)!, divExact(b.den, g1)!);
  return num === 0n ? ratZero : leadInt(den) < 0n ? { num: neg(num), den: neg(den) } : { num, den };
}

/** 1/a, undefined for a = 0. */
export function ratInv(a: RatFun): RatFun | undefined {
  if (a.num === 0n) return undefined;
  return leadInt(a.num) < 0n ? { num: neg(a.den), den: neg(a.num) } : { num: a.den, den: a.num };
}

/** a^k for an integer k; undefined for 0^0 and 0^(negative). Throws PolyBudgetError if too big. */
export function ratPow(a: RatFun, k: number): RatFun | undefined {
  if (k < 0) {
    const inv = ratInv(a);
    return inv && ratPow(inv, -k);
  }
  if (k === 0) return a.num === 0n ? undefined : ratOne;
  // coprime stays coprime, and leadInt is multiplicative, so den^k stays normalised
  return { num: pow(a.num, k), den: pow(a.den, k) };
}

/** The integer value of a constant exponent tree, undefined if it is not an integer constant. */
function integerExponent(e: Expr, sink: FromExprOptions): number | undefined {
  // a number node (the usual exponent) is its own value: no table, no conversion
  const r = e.kind === 'num' ? { num: e.n, den: e.d } : convert(e, new AtomTable(), { cancelled: sink.cancelled });
  if (!r || !isConst(r.num) || r.den !== 1n) return undefined;
  if (r.num > BigInt(Number.MAX_SAFE_INTEGER) || r.num < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new PolyBudgetError(`exponent ${r.num}`);
  }
  return Number(r.num);
}

/**
 * The rational function an expression denotes, atoms interned into `atoms` in order of first
 * appearance (a left-to-right walk). Rational operations (add, mul, neg, div, num, and pow with an
 * integer-constant exponent, negative allowed) are carried out exactly; every other subtree is an
 * atom (atoms.ts). Returns undefined — the caller leaves the expression as it is — for a division
 * by an identically zero denominator, 0^0, 0^(−k), or a result over BUDGET (poly.ts).
 */
export function fromExpr(e: Expr, atoms: AtomTable, opts: FromExprOptions = {}): RatFun | undefined {
  try {
    return withWorkBudget(() => convert(e, atoms, opts));
  } catch (err) {
    if (err instanceof PolyBudgetError) return undefined;
    throw err;
  }
}

/** monoKey of p's one term when p is a single non-zero term, else undefined (toTerms without the
 * list: every term of a sum passes here). */
function singleTermKey(p: Poly): string | undefined {
  const exps: number[] = [];
  while (typeof p !== 'bigint') {
    let only = -1;
    for (let i = 0; i < p.cs.length; i++) {
      if (p.cs[i] === 0n) continue;
      if (only >= 0) return undefined;
      only = i;
    }
    exps[p.v] = only;
    p = p.cs[only]!;
  }
  return p === 0n ? undefined : monoKey(exps);
}

function convert(e: Expr, atoms: AtomTable, opts: FromExprOptions): RatFun | undefined {
  const sink = opts.cancelled;
  switch (e.kind) {
    case 'num':
      return { num: e.n, den: e.d }; // a Num is already in lowest terms with d > 0
    case 'sym':
    case 'const':
    case 'call':
    case 'sum': // an opaque atom keyed by its canonical form (atoms.ts)
      return ratPoly(variable(atoms.intern(e)));
    case 'neg': {
      const a = convert(e.arg, atoms, opts);
      return a && ratNeg(a);
    }
    case 'add': {
      let acc = ratZero;
      // the terms' polynomials, keyed only when the sum becomes a hint (most sums of a
      // derivative hold a fraction and never do): the keys are strings built per term
      const nums: Poly[] | undefined = opts.hints ? [] : undefined;
      let ordered = true;
      for (const t of e.terms) {
        const r = convert(t, atoms, opts);
        if (!r) return undefined;
        if (nums && ordered) {
          if (isConst(r.den)) nums.push(r.num);
          else ordered = false;
        }
        acc = ratAdd(acc, r, sink);
      }
      if (opts.hints && nums && !isConst(acc.num) && isConst(acc.den)) {
        const poly = divExact(acc.num, intContent(acc.num))!;
        let order: string[] | undefined = ordered ? [] : undefined;
        for (let i = 0; order && i < nums.length; i++) {
          const key = singleTermKey(nums[i]!);
          if (key === undefined) order = undefined;
          else order.push(key);
        }
        opts.hints.push(order ? { poly, order } : { poly });
      }
      return acc;
    }
    case 'mul': {
      let acc = ratOne;
      for (const f of e.factors) {
        const r = convert(f, atoms, opts);
        if (!r) return undefined;
        acc = ratMul(acc, r, sink);
      }
      return acc;
    }
    case 'div': {
      const n = convert(e.num, atoms, opts);
      const d = n && convert(e.den, atoms, opts);
      const inv = d && ratInv(d);
      return n && inv && ratMul(n, inv, sink);
    }
    case 'pow': {
      const k = integerExponent(e.exp, opts);
      if (k === undefined) return ratPoly(variable(atoms.intern(e)));
      const b = convert(e.base, atoms, opts);
      return b && ratPow(b, k);
    }
  }
}
