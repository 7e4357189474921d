// The part of an input that has no value wherever its variables are: a constant sub-expression
// (no variable in it) that is undefined for certain — a division by zero (1/0, and x/(2 − 2)), 0 to a negative
// power, a function outside its real domain at an exact number (log 0, √−1). Without this the
// derive and simplify ops differentiated such an input formally and reported a result that no
// point can check ("verified, 0 checks"). Only certain failures count: + − × ÷ and powers are
// decided by the exact rational evaluator; a call is judged at arguments that are exact rationals,
// at their doubles and, where a double only rounds the rational, at both neighbouring doubles too
// (so 1 − 10⁻²⁰ is not judged as 1); anything else (e, π, transcendental arguments) is left to the
// numeric checks.
import type { Expr } from '../ast/nodes.js';
import { children, freeSymbols } from '../ast/traverse.js';
import { lookupFunction } from '../functions/index.js';
import { callValue } from './float.js';
import { ratToNumber } from './number.js';
import { evaluateRational } from './rational.js';

export interface UndefinedPart {
  /** the innermost part without a value (a node of the tree given, for its span) */
  readonly node: Expr;
  /** why, as the evaluator says it ("division by zero: the denominator is 0") */
  readonly message: string;
}

/** The first (leftmost, innermost) constant part of `e` that is undefined for certain, if any. */
export function undefinedConstant(e: Expr): UndefinedPart | undefined {
  const seen = new Set<Expr>();
  const go = (x: Expr): UndefinedPart | undefined => {
    // a Σ's body holds its bound index, an operator d/dv is not a value: neither is looked into
    if (seen.has(x) || x.kind === 'sum' || x.kind === 'diff') return undefined;
    seen.add(x);
    for (const k of children(x)) {
      const hit = go(k);
      if (hit) return hit;
    }
    // u/0 has no value whatever u is (x/(2 − 2))
    if (x.kind === 'div' && freeSymbols(x.den).length === 0) {
      const d = evaluateRational(x.den, {});
      if (d.ok && d.value.n === 0n) return { node: x, message: 'division by zero: the denominator is 0' };
    }
    if (x.kind === 'num' || x.kind === 'sym' || x.kind === 'const' || freeSymbols(x).length > 0) return undefined;
    if (x.kind === 'call') return callOutsideDomain(x);
    const r = evaluateRational(x, {});
    return !r.ok && r.code === 'DOMAIN' ? { node: r.node, message: r.message } : undefined;
  };
  return go(e);
}

/** f(q₁, …) outside f's real domain, every qᵢ an exact rational with a faithful double. */
function callOutsideDomain(x: Expr & { kind: 'call' }): UndefinedPart | undefined {
  const spec = lookupFunction(x.fn);
  if (!spec?.domain) return undefined;
  const args: number[] = [];
  const exact: boolean[] = [];
  for (const a of x.args) {
    const r = evaluateRational(a, {});
    if (!r.ok) return undefined;
    const v = ratToNumber(r.value.n, r.value.d);
    if (!Number.isFinite(v)) return undefined;
    args.push(v);
    exact.push(isExactly(v, r.value.n, r.value.d));
  }
  if (args.length !== spec.params.length || spec.domain(...args)) return undefined;
  // an argument its double only rounds to (1 − 10⁻²⁰ is 1.0) is judged at both neighbouring
  // doubles as well: atanh(1 − 10⁻²⁰) is defined although atanh(1.0) is not, log(−2/3) is not
  for (let i = 0; i < args.length; i++) {
    if (exact[i]) continue;
    for (const near of [nextDown(args[i]!), nextUp(args[i]!)]) {
      const moved = [...args];
      moved[i] = near;
      if (spec.domain(...moved)) return undefined;
    }
  }
  const why = callValue(spec, args);
  return typeof why === 'string' ? { node: x, message: why } : undefined;
}

/** Is the double `v` exactly n/d? (v = m·2^−k with m an integer; doubling is exact) */
function isExactly(v: number, n: bigint, d: bigint): boolean {
  let m = v;
  let k = 0n;
  while (!Number.isInteger(m) && k < 1100n) {
    m *= 2;
    k++;
  }
  return Number.isInteger(m) && BigInt(m) * d === n * (1n << k);
}

const bits = new BigInt64Array(1);
const real = new Float64Array(bits.buffer);
/** The next double above (below) a finite `v`. */
function nextUp(v: number): number {
  if (v === 0) return Number.MIN_VALUE;
  real[0] = v;
  bits[0] = bits[0]! + (v > 0 ? 1n : -1n);
  return real[0]!;
}
const nextDown = (v: number): number => -nextUp(-v);
