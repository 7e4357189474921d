// Rational functions back to expression trees, in textbook form: numerator and denominator each
// factored cheaply (factor.ts) and printed as ±(c · monomial · factors) / (d · monomial · factors).
// Determinism: terms follow sparse.ts termOrder (total degree descending, then atom order of first
// appearance), or the order the user wrote a matching sum in (a Hint); a sum never starts with a
// negative term when it has a positive one (−y + 1 prints 1 − y). The sign of each factor is
// chosen to minimise ORIENT costs (below), so (y − ŷ)/(y(1 − y)) beats (ŷ − y)/(y(y − 1)).
import { add, div, int, mul, neg, pow, rat } from '../ast/build.js';
import type { Expr } from '../ast/nodes.js';
import type { AtomTable } from './atoms.js';
import { type Factor, HintParts, factorCheap } from './factor.js';
import { igcd } from './gcd.js';
import { type Poly, PolyBudgetError, equal, equalNeg, isConst, mul as pmul, neg as pneg, withWorkBudget } from './poly.js';
import type { Hint, RatFun } from './ratfun.js';
import { type Term, monoKey, termOrder, toTerms } from './sparse.js';

/**
 * Costs of a sign choice, in "how unlike a textbook" units; only their order matters. A minus in
 * front of the whole result is worst; writing a sum against the sign the user wrote it with is
 * next; then a negative constant term (textbooks write 1 − y, 1 + e^(−z)); least, a sum without a
 * constant term whose first term in print order is negative (ties between y − ŷ and ŷ − y). A
 * sum whose terms are all negative costs NEG_RESULT unless the user wrote it so.
 */
const ORIENT = Object.freeze({ NEG_RESULT: 2, AGAINST_HINT: 1.5, NEG_CONSTANT: 1, NEG_LEAD: 0.25 });

export interface PrintOptions {
  /** sums the user wrote (fromExpr's `hints` sink): used for splitting, sign and term order */
  readonly hints?: readonly Hint[];
  /** the hints' parts, shared by the printings of one rational form (factor.ts HintParts) */
  readonly hintParts?: HintParts;
}

function constantTerm(p: Poly): bigint {
  while (typeof p !== 'bigint') p = p.cs[0]!;
  return p;
}

function sortedTerms(q: Poly, hints: readonly Hint[]): Term[] {
  const terms = toTerms(q).sort(termOrder);
  const order = hints.find((h) => h.order && equal(h.poly, q))?.order;
  if (order) {
    // the user's order for the monomials they wrote; any others after them, in the default order
    const rank = (t: Term): number => {
      const i = order.indexOf(monoKey(t.exps));
      return i < 0 ? order.length : i;
    };
    terms.sort((a, b) => rank(a) - rank(b) || termOrder(a, b));
  }
  const firstPos = terms.findIndex((t) => t.coef > 0n);
  if (firstPos > 0) terms.unshift(...terms.splice(firstPos, 1));
  return terms;
}

/** The costs of printing q and of printing −q (see ORIENT), from one list of q's terms: negating flips every coefficient
 * and keeps the print order (termOrder reads only exponents), and h = −q is h + q = 0. */
function orientCosts(q: Poly, hints: readonly Hint[]): [number, number] {
  let isQ = false;
  let isNegQ = false;
  for (const h of hints) {
    if (!isQ && equal(h.poly, q)) isQ = true;
    if (!isNegQ && equalNeg(h.poly, q)) isNegQ = true;
  }
  const terms = toTerms(q);
  let allNeg = true;
  let allPos = true;
  for (const t of terms) {
    if (t.coef < 0n) allPos = false;
    else allNeg = false;
  }
  const c = constantTerm(q);
  let lead = 0n;
  if (c === 0n) {
    let first: Term | undefined;
    for (const t of terms) if (first === undefined || termOrder(t, first) < 0) first = t;
    lead = first!.coef;
  }
  // the cost of writing q itself (sign s = 1) or −q (s = −1), as the rules in the header order them
  const cost = (s: 1n | -1n, same: boolean, against: boolean, noPositive: boolean): number => {
    if (same) return 0;
    if (noPositive) return ORIENT.NEG_RESULT;
    if (against) return ORIENT.AGAINST_HINT;
    if (c !== 0n) return c * s < 0n ? ORIENT.NEG_CONSTANT : 0;
    return lead * s < 0n ? ORIENT.NEG_LEAD : 0;
  };
  return [cost(1n, isQ, isNegQ, allNeg), cost(-1n, isNegQ, isQ, allPos)];
}


/** atom^e */
function atomPower(atoms: AtomTable, i: number, e: number): Expr {
  const a = atoms.expr(i);
  return e === 1 ? a : pow(a, int(e));
}

function product(items: Expr[]): Expr {
  return items.length === 0 ? int(1) : items.length === 1 ? items[0]! : mul(...items);
}

/** A term's magnitude: |coef| · Π atom^e (coef may be a rational n/d). */
function termMagnitude(n: bigint, d: bigint, exps: readonly number[], atoms: AtomTable): Expr {
  const items: Expr[] = [];
  exps.forEach((e, i) => {
    if (e > 0) items.push(atomPower(atoms, i, e));
  });
  if (n !== d || items.length === 0) items.unshift(rat(n, d));
  return product(items);
}

/** A sum of terms (already ordered); d divides every coefficient's denominator (1 for integers). */
function sumExpr(terms: readonly Term[], atoms: AtomTable, d: bigint = 1n): Expr {
  const parts = terms.map((t) => {
    const mag = termMagnitude(t.coef < 0n ? -t.coef : t.coef, d, t.exps, atoms);
    return t.coef < 0n ? neg(mag) : mag;
  });
  return parts.length === 1 ? parts[0]! : add(...parts);
}

interface Slot {
  readonly f: Factor;
  readonly inNum: boolean;
  o: 1n | -1n;
  /** the ORIENT costs of printing f.p (o = 1) and −f.p (o = −1) */
  readonly plus: number;
  readonly minus: number;
}

const costOf = (s: Slot, o: bigint): number => (o === 1n ? s.plus : s.minus);

/** Factors of one side sorted: by first atom, then degree, then size (deterministic). */
function factorKey(p: Poly): string {
  // plain loops and a hand-built JSON of the terms (as JSON.stringify with bigints as strings
  // wrote it): the key is computed for every factor printed
  const terms = toTerms(p);
  let first = Infinity;
  let deg = -Infinity;
  let json = '';
  for (const t of terms) {
    let d = 0;
    for (let i = 0; i < t.exps.length; i++) {
      const e = t.exps[i]!;
      if (e && i < first) first = i;
      d += e;
    }
    if (d > deg) deg = d;
    json += `${json ? ',' : ''}{"coef":"${t.coef}","exps":[${t.exps.join(',')}]}`;
  }
  const rank = [first, deg, terms.length].map((n) => String(n).padStart(6, '0')).join('|');
  return `${rank}[${json}]`;
}

function sideExpr(c: bigint, mono: readonly number[], slots: readonly Slot[], atoms: AtomTable, hints: readonly Hint[]): Expr {
  const items: Expr[] = [];
  if (c !== 1n) items.push(int(c));
  mono.forEach((e, i) => {
    if (e > 0) items.push(atomPower(atoms, i, e));
  });
  // one factor needs no sort key (most sides print one or none)
  const keyed: { s: Slot; key: string }[] = slots.map((s) => ({ s, key: slots.length < 2 ? '' : factorKey(s.f.p) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const { s } of keyed) {
    const q = s.o === 1n ? s.f.p : pneg(s.f.p);
    const body = sumExpr(sortedTerms(q, hints), atoms);
    items.push(s.f.k === 1 ? body : pow(body, int(s.f.k)));
  }
  return product(items);
}

function makeSlots(fs: readonly Factor[], inNum: boolean, hints: readonly Hint[]): Slot[] {
  return fs.map((f) => {
    const [plus, minus] = orientCosts(f.p, hints);
    return { f, inNum, o: minus < plus ? -1n : 1n, plus, minus };
  });
}

/** Choose factor signs: each its cheapest, then fix the overall sign by the cheapest flip if worth it. */
function orient(slots: Slot[], sign: bigint, negCost: number): bigint {
  for (const s of slots) if (s.o === -1n && s.f.k % 2 === 1) sign = -sign;
  if (sign > 0n) return sign;
  let best: Slot | undefined;
  let bestDelta = negCost;
  for (const s of slots) {
    if (s.f.k % 2 === 0) continue;
    const delta = costOf(s, -s.o) - costOf(s, s.o);
    if (delta < bestDelta) [best, bestDelta] = [s, delta];
  }
  if (!best) return sign;
  best.o = best.o === 1n ? -1n : 1n;
  return -sign;
}

const abs = (n: bigint): bigint => (n < 0n ? -n : n);

function allZero(xs: readonly number[]): boolean {
  for (const x of xs) if (x !== 0) return false;
  return true;
}

/** The textbook form of a rational function (see header); the expanded form past the budget. */
export function toExpr(r: RatFun, atoms: AtomTable, opts: PrintOptions = {}): Expr {
  try {
    return withWorkBudget(() => factoredExpr(r, atoms, opts));
  } catch (err) {
    if (err instanceof PolyBudgetError) return toExpandedExpr(r, atoms);
    throw err;
  }
}

function factoredExpr(r: RatFun, atoms: AtomTable, opts: PrintOptions): Expr {
  if (r.num === 0n) return int(0);
  const hints = opts.hints ?? [];
  const hintPolys = hints.map((h) => h.poly);
  const memo = opts.hintParts ?? new HintParts();
  const fn = factorCheap(r.num, hintPolys, memo);
  const fd = factorCheap(r.den, hintPolys, memo);
  const g = igcd(fn.coef, fd.coef);
  const slots = [...makeSlots(fn.factors, true, hints), ...makeSlots(fd.factors, false, hints)];
  const sign = orient(slots, fn.coef < 0n !== fd.coef < 0n ? -1n : 1n, ORIENT.NEG_RESULT);
  if (slots.length === 0 && allZero(fn.mono) && allZero(fd.mono)) {
    return rat(sign * (abs(fn.coef) / g), abs(fd.coef) / g); // a constant is one number node
  }
  const numE = sideExpr(abs(fn.coef) / g, fn.mono, slots.filter((s) => s.inNum), atoms, hints);
  const denSlots = slots.filter((s) => !s.inNum);
  const dc = abs(fd.coef) / g;
  const hasDen = dc !== 1n || fd.mono.some((e) => e > 0) || denSlots.length > 0;
  const body = hasDen ? div(numE, sideExpr(dc, fd.mono, denSlots, atoms, hints)) : numE;
  return sign < 0n ? neg(body) : body;
}

/** A polynomial in textbook form (toExpr of p/1). */
export function polyToExpr(p: Poly, atoms: AtomTable, opts: PrintOptions = {}): Expr {
  return toExpr({ num: p, den: 1n }, atoms, opts);
}

/**
 * The expanded form: numerator and denominator as sums of terms (no factoring). A constant
 * denominator is divided into the coefficients ((x + 1)/2 prints (1/2)·x + 1/2).
 */
export function toExpandedExpr(r: RatFun, atoms: AtomTable): Expr {
  if (r.num === 0n) return int(0);
  if (isConst(r.den)) {
    return sumExpr(sortedTerms(r.num, []), atoms, r.den);
  }
  // make the denominator's first term (in print order) positive
  const flip = toTerms(r.den).sort(termOrder)[0]!.coef < 0n;
  const num = flip ? pneg(r.num) : r.num;
  const den = flip ? pneg(r.den) : r.den;
  return div(sumExpr(sortedTerms(num, []), atoms), sumExpr(sortedTerms(den, []), atoms));
}

/**
 * The expression whose non-vanishing a cancellation assumes: the product of the given factors,
 * printed factored, without its integer content or overall sign (they do not change "≠ 0").
 * conditionText(y² − y) is y·(1 − y); the caller prints `… ≠ 0`.
 */
export function conditionText(p: Poly | readonly Poly[], atoms: AtomTable, opts: PrintOptions = {}): Expr {
  const list: readonly Poly[] = typeof p !== 'bigint' && Array.isArray(p) ? (p as readonly Poly[]) : [p as Poly];
  const all = list.reduce<Poly>((a, b) => pmul(a, b), 1n);
  if (isConst(all)) return int(all === 0n ? 0 : 1);
  const hints = opts.hints ?? [];
  const f = factorCheap(all, hints.map((h) => h.poly), opts.hintParts);
  const slots = makeSlots(f.factors, true, hints);
  return sideExpr(1n, f.mono, slots, atoms, hints);
}
