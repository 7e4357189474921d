// Multivariate polynomials over Z in the recursive dense representation: a polynomial is an
// integer, or a main variable `v` (an atom index) with dense coefficients `cs[i]` of x_v^i, each
// a polynomial in variables with index < v. Invariants (so that structural equality is equality):
// cs.length >= 2, the last coefficient is non-zero, and a coefficient never mentions a variable
// >= v. Nodes are never changed once made (readonly; frozen only under the tests, as the trees
// are, src/ast/freeze.ts: in production frozen arrays beside fresh ones made every coefficient
// read polymorphic, a third of rationalForm's time — docs/performance.md). Every product is checked against a size budget (PolyBudgetError) so
// absurd inputs such as (x+y+z)^1000 are refused instead of hanging.

import { checkBudget } from '../ast/budget.js';
import { freezeNode } from '../ast/freeze.js';

export interface PolyNode {
  /** main variable: an index into the caller's AtomTable */
  readonly v: number;
  /** cs[i] is the coefficient of x_v^i; polynomials in variables < v */
  readonly cs: readonly Poly[];
  /** termCount, computed once when the node is made (every product asks for it) */
  readonly n: number;
  /** limbs, likewise */
  readonly l: number;
}
export type Poly = bigint | PolyNode;

/**
 * Size budget. Our inputs are course formulas (tens of terms, a handful of atoms); a result of
 * 5,000 terms or degree 200 is already unreadable as a step, so anything larger is refused.
 * Work is counted in term pairs multiplied (measured ~7.5·10^6 per second on a 2024 laptop-class
 * CPU): MAX_WORK bounds one product (~0.15 s), CALL_WORK one public call such as fromExpr or gcd
 * (~0.5 s), so no input can hang a step. MAX_BITS bounds coefficient growth in a power (2^20000
 * has ~6,000 digits, far past anything printable).
 */
export const BUDGET = Object.freeze({
  MAX_TERMS: 5000,
  MAX_DEGREE: 200,
  MAX_WORK: 1_000_000,
  CALL_WORK: 4_000_000,
  MAX_BITS: 20_000,
});

/** Thrown when a result would exceed BUDGET; callers turn it into "leave the expression alone". */
export class PolyBudgetError extends RangeError {
  constructor(what: string) {
    super(`polynomial too large: ${what}`);
    this.name = 'PolyBudgetError';
  }
}

/** Work left in the current budgeted call (term pairs × limbs², see limbs); Infinity outside any. */
let remaining = Infinity;

/** Run fn under a total work budget, unless an enclosing call already set one (it then governs). */
export function withWorkBudget<T>(fn: () => T, limit: number = BUDGET.CALL_WORK): T {
  if (remaining !== Infinity) return fn();
  remaining = limit;
  try {
    return fn();
  } finally {
    remaining = Infinity;
  }
}

/** Every unit of work charged so far, budgeted or not (a memo records what a result cost, so that
 * a hit can charge it again: see replayWork). */
let spent = 0;

/** The running total of work charged (differences of two readings are what a computation cost). */
export const workSpent = (): number => spent;

/** Charge again the work a remembered result cost (`workSpent` before and after computing it), so
 * a memo hit spends the budget exactly as recomputing would have: every charge is ≥ 1, and the
 * budget trips iff the remaining work goes below 0, so one charge of the sum trips iff one of the
 * parts would have. */
export function replayWork(work: number): void {
  if (work > 0) charge(work);
}

function charge(work: number): void {
  checkBudget('doing exact algebra');
  spent += work;
  remaining -= work;
  if (remaining < 0) throw new PolyBudgetError(`work budget of ${BUDGET.CALL_WORK} term pairs spent`);
}

export const isConst = (p: Poly): p is bigint => typeof p === 'bigint';
/** The main variable, -1 for a constant. */
export const mainVar = (p: Poly): number => (typeof p === 'bigint' ? -1 : p.v);
/** Degree in the main variable (0 for a constant). */
export const degree = (p: Poly): number => (typeof p === 'bigint' ? 0 : p.cs.length - 1);
/** Leading coefficient with respect to the main variable. */
export const lc = (p: Poly): Poly => (typeof p === 'bigint' ? p : p.cs[p.cs.length - 1]!);

/** Build a node, trimming zero leading coefficients and collapsing degree 0 (keeps invariants). */
export function mk(v: number, cs: Poly[]): Poly {
  let n = cs.length;
  while (n > 0 && cs[n - 1] === 0n) n--;
  if (n === 0) return 0n;
  if (n === 1) return cs[0]!;
  if (n - 1 > BUDGET.MAX_DEGREE) throw new PolyBudgetError(`degree ${n - 1} > ${BUDGET.MAX_DEGREE}`);
  let terms = 0;
  let words = 0;
  for (let i = 0; i < n; i++) {
    const c = cs[i]!;
    if (typeof c === 'bigint') {
      if (c !== 0n) terms++;
      const w = limbs(c);
      if (w > words) words = w;
    } else {
      terms += c.n;
      if (c.l > words) words = c.l;
    }
  }
  return freezeNode({ v, cs: freezeNode(n === cs.length ? cs : cs.slice(0, n)), n: terms, l: words });
}

/** x_v (the variable itself). */
export function variable(v: number): Poly {
  return mk(v, [0n, 1n]);
}

/** c · x_v^k where c is free of x_v (mainVar(c) < v). */
export function shift(c: Poly, v: number, k: number): Poly {
  if (k === 0 || c === 0n) return c;
  const cs: Poly[] = new Array<Poly>(k + 1).fill(0n);
  cs[k] = c;
  return mk(v, cs);
}

export function equal(a: Poly, b: Poly): boolean {
  if (a === b) return true;
  if (typeof a === 'bigint' || typeof b === 'bigint') return false;
  if (a.v !== b.v || a.cs.length !== b.cs.length) return false;
  for (let i = 0; i < a.cs.length; i++) if (!equal(a.cs[i]!, b.cs[i]!)) return false;
  return true;
}

/** a = −b, without building −b. */
export function equalNeg(a: Poly, b: Poly): boolean {
  if (typeof a === 'bigint' || typeof b === 'bigint') return typeof a === 'bigint' && typeof b === 'bigint' && a === -b;
  if (a.v !== b.v || a.cs.length !== b.cs.length) return false;
  for (let i = 0; i < a.cs.length; i++) if (!equalNeg(a.cs[i]!, b.cs[i]!)) return false;
  return true;
}

export function add(a: Poly, b: Poly): Poly {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a + b;
  if (a === 0n) return b;
  if (b === 0n) return a;
  const va = mainVar(a);
  const vb = mainVar(b);
  if (va !== vb) {
    // the polynomial with the lower main variable is a constant for the other one
    const hi = (va > vb ? a : b) as PolyNode;
    const lo = va > vb ? b : a;
    const cs = hi.cs.slice();
    cs[0] = add(cs[0]!, lo);
    return mk(hi.v, cs);
  }
  // plain loops (no `?? 0n` per index, no push): add is the kernel's most frequent call
  const ac = (a as PolyNode).cs;
  const bc = (b as PolyNode).cs;
  const [long, short] = ac.length >= bc.length ? [ac, bc] : [bc, ac];
  const cs = new Array<Poly>(long.length);
  for (let i = 0; i < short.length; i++) cs[i] = add(ac[i]!, bc[i]!);
  for (let i = short.length; i < long.length; i++) cs[i] = long[i]!;
  return mk((a as PolyNode).v, cs);
}

export function neg(a: Poly): Poly {
  if (typeof a === 'bigint') return -a;
  return mk(a.v, a.cs.map(neg));
}

export function sub(a: Poly, b: Poly): Poly {
  return add(a, neg(b));
}

/** Multiply every coefficient by the integer k. */
export function scale(a: Poly, k: bigint): Poly {
  if (k === 0n) return 0n;
  if (k === 1n) return a;
  if (typeof a === 'bigint') return a * k;
  return mk(a.v, a.cs.map((c) => scale(c, k)));
}

/** Number of non-zero terms in the expanded (distributed) form. */
export function termCount(p: Poly): number {
  if (typeof p === 'bigint') return p === 0n ? 0 : 1;
  return p.n;
}

const TWO64 = 1n << 64n;
/**
 * 64-bit words in the largest coefficient: a product's cost grows with their product (schoolbook
 * bigint multiplication), so work is charged in term pairs × limbs × limbs.
 */
export function limbs(p: Poly): number {
  // one word for |p| < 2^64 (as ceil(bitLength / 64) gives), without printing p in binary
  if (typeof p === 'bigint') return p < TWO64 && p > -TWO64 ? 1 : Math.ceil(maxBits(p) / 64);
  return p.l;
}

export function mul(a: Poly, b: Poly): Poly {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a * b;
  if (a === 0n || b === 0n) return 0n;
  if (a === 1n) return b;
  if (b === 1n) return a;
  const work = termCount(a) * termCount(b);
  if (work > BUDGET.MAX_WORK) throw new PolyBudgetError(`product of ${work} term pairs`);
  charge(work * limbs(a) * limbs(b));
  const r = mulRec(a, b);
  if (termCount(r) > BUDGET.MAX_TERMS) throw new PolyBudgetError(`${termCount(r)} terms > ${BUDGET.MAX_TERMS}`);
  return r;
}

function mulRec(a: Poly, b: Poly): Poly {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a * b;
  if (a === 0n || b === 0n) return 0n;
  const va = mainVar(a);
  const vb = mainVar(b);
  if (va !== vb) {
    const [hi, lo] = va > vb ? [a as PolyNode, b] : [b as PolyNode, a];
    return mk(hi.v, hi.cs.map((c) => mulRec(c, lo)));
  }
  const an = (a as PolyNode).cs;
  const bn = (b as PolyNode).cs;
  const cs: Poly[] = new Array<Poly>(an.length + bn.length - 1).fill(0n);
  for (let i = 0; i < an.length; i++) {
    if (an[i] === 0n) continue;
    for (let j = 0; j < bn.length; j++) cs[i + j] = add(cs[i + j]!, mulRec(an[i]!, bn[j]!));
  }
  return mk((a as PolyNode).v, cs);
}

/** Total degree (sum of exponents, maximised over terms). */
export function totalDegree(p: Poly): number {
  if (typeof p === 'bigint') return 0;
  let best = 0;
  for (let i = 0; i < p.cs.length; i++) {
    const c = p.cs[i]!;
    if (c !== 0n) {
      const d = i + totalDegree(c);
      if (d > best) best = d;
    }
  }
  return best;
}

/** Largest bit length of a coefficient. */
export function maxBits(p: Poly): number {
  if (typeof p === 'bigint') return bitLength(p < 0n ? -p : p);
  let best = 0;
  for (const c of p.cs) {
    const b = maxBits(c);
    if (b > best) best = b;
  }
  return best;
}

/** The length of n ≥ 0 in binary, as n.toString(2).length (1 for 0), without printing it below 2^32. */
export function bitLength(n: bigint): number {
  if (n < TWO32) return n === 0n ? 1 : 32 - Math.clz32(Number(n));
  return n.toString(2).length;
}
const TWO32 = 1n << 32n;
const SAFE = 1n << 53n;

/**
 * p^k for an integer k >= 0, by repeated squaring. Refuses (PolyBudgetError) up front when the
 * total degree or the coefficient size would exceed BUDGET, and during the loop via mul's checks.
 */
export function pow(p: Poly, k: number): Poly {
  if (!Number.isSafeInteger(k) || k < 0) throw new RangeError(`pow: exponent ${k} is not a non-negative integer`);
  if (k === 0) return 1n;
  if (k === 1 || p === 0n || p === 1n) return p;
  if (totalDegree(p) * k > BUDGET.MAX_DEGREE) throw new PolyBudgetError(`degree ${totalDegree(p)}·${k} > ${BUDGET.MAX_DEGREE}`);
  // a power's coefficients are at most (Σ|c|)^k: bits ≤ k·(maxBits + log2(terms))
  const bits = k * (maxBits(p) + Math.log2(termCount(p)));
  if (bits > BUDGET.MAX_BITS) throw new PolyBudgetError(`coefficients of ~${Math.round(bits)} bits`);
  let result: Poly = 1n;
  let base = p;
  for (let e = k; ; ) {
    if (e & 1) result = mul(result, base);
    e >>= 1;
    if (e === 0) return result;
    base = mul(base, base);
  }
}

/**
 * a / b when b divides a exactly over Z[atoms], else undefined. Long division in the main variable;
 * each step cancels the leading coefficient exactly, so the degree strictly falls (terminates).
 */
export function divExact(a: Poly, b: Poly): Poly | undefined {
  if (b === 0n) throw new RangeError('divExact: division by the zero polynomial');
  if (a === 0n) return 0n;
  if (b === 1n) return a;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a % b === 0n ? a / b : undefined;
  const va = mainVar(a);
  const vb = mainVar(b);
  if (va < vb) return undefined; // a non-zero a free of x_vb is no multiple of b
  if (va > vb) {
    const cs: Poly[] = [];
    for (const c of (a as PolyNode).cs) {
      const q = divExact(c, b);
      if (q === undefined) return undefined;
      cs.push(q);
    }
    return mk(va, cs);
  }
  const db = degree(b);
  const lb = lc(b);
  let r = a;
  let q: Poly = 0n;
  while (r !== 0n && mainVar(r) === va && degree(r) >= db) {
    const t = divExact(lc(r), lb);
    if (t === undefined) return undefined;
    const term = shift(t, va, degree(r) - db);
    charge(termCount(term) * termCount(b) * limbs(term) * limbs(b));
    q = add(q, term);
    r = sub(r, mulRec(term, b));
  }
  return r === 0n ? q : undefined;
}

/** ∂p/∂x_v. */
export function derivative(p: Poly, v: number): Poly {
  if (typeof p === 'bigint') return 0n;
  if (p.v < v) return 0n;
  if (p.v > v) return mk(p.v, p.cs.map((c) => derivative(c, v)));
  return mk(v, p.cs.slice(1).map((c, i) => scale(c, BigInt(i + 1))));
}

/** Whether x_v occurs in p. */
export function hasVar(p: Poly, v: number): boolean {
  if (typeof p === 'bigint' || p.v < v) return false;
  return p.v === v || p.cs.some((c) => hasVar(c, v));
}

/** The atom indices that occur in p, ascending (marks in an array indexed by atom: no Set, no sort). */
export function variables(p: Poly): number[] {
  if (typeof p === 'bigint') return [];
  const seen: boolean[] = new Array<boolean>(p.v + 1).fill(false);
  markVars(p, seen);
  const out: number[] = [];
  for (let i = 0; i <= p.v; i++) if (seen[i]) out.push(i);
  return out;
}

function markVars(q: Poly, seen: boolean[]): void {
  if (typeof q === 'bigint') return;
  seen[q.v] = true;
  for (const c of q.cs) markVars(c, seen);
}

export function igcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  // a content fold starts from 0 and stops at 1: answer those without converting
  if (a === 0n) return b;
  if (b === 0n || a === 1n || b === 1n) return b === 0n ? a : 1n;
  // small values (the usual case) by doubles, exactly: both below 2^53
  if (a < SAFE && b < SAFE) {
    let x = Number(a);
    let y = Number(b);
    while (y !== 0) {
      const t = x % y;
      x = y;
      y = t;
    }
    return BigInt(x);
  }
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** gcd of all integer coefficients (>= 0; 0 only for the zero polynomial). */
export function intContent(p: Poly): bigint {
  if (typeof p === 'bigint') return p < 0n ? -p : p;
  let g = 0n;
  for (const c of p.cs) {
    g = igcd(g, intContent(c));
    if (g === 1n) break;
  }
  return g;
}

/** The integer that the recursive leading coefficients end at: fixes a sign under our variable order. */
export function leadInt(p: Poly): bigint {
  while (typeof p !== 'bigint') p = lc(p);
  return p;
}
