// The part of an input that has no value wherever its variables are: a constant sub-expression
// (no variable in it) that is undefined for certain — a division by zero (1/0, and x/(2 − 2)), 0 to a negative
// power, a function outside its real domain at an exact number (log 0, √−1). Without this the
// derive and simplify ops differentiated such an input formally and reported a result that no
// point can check ("verified, 0 checks"). Only certain failures count: + − × ÷ and powers are
// decided by the exact rational evaluator; a call is judged at arguments that are exact rationals,
// at their doubles and, where a double only rounds the rational, at both neighbouring doubles too
// (so 1 − 10⁻²⁰ is not judged as 1). undefinedConstantCarefully goes on where these cannot
// decide (e, π, transcendental arguments): the evaluate op's honest value (honest.ts: doubles
// trusted only when nothing on the way rounded badly, else 128-digit decimals) says whether
// log(cos(π/2)) or 1/sin(π) has a value — in doubles both do, through rounding alone.
import { div, ONE } from '../ast/build.js';
import type { Expr } from '../ast/nodes.js';
import { symbolNames } from '../ast/hash.js';
import { children } from '../ast/traverse.js';
import { lookupFunction } from '../functions/index.js';
import { callValue } from './float.js';
import { ratToNumber } from './number.js';
import { evaluateRational } from './rational.js';
import { honestValue } from './honest.js';

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
    if (x.kind === 'div' && symbolNames(x.den).length === 0) {
      const d = evaluateRational(x.den, {});
      if (d.ok && d.value.n === 0n) return { node: x, message: 'division by zero: the denominator is 0' };
    }
    if (x.kind === 'num' || x.kind === 'sym' || x.kind === 'const' || symbolNames(x).length > 0) return undefined;
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

const NO_POINT: ReadonlyMap<string, number> = new Map<string, number>();

/** undefinedConstant, then the constant parts the exact evaluator cannot decide, judged by their
 * honest value: a maximal constant sub-tree (no variable, not
 * inside a Σ or an operator) is evaluated once; only when it has no value — and a small one (at
 * most SEARCH_NODES nodes: the search is quadratic in its depth) — is it searched for the
 * innermost part without one, to point at. */
export async function undefinedConstantCarefully(e: Expr): Promise<UndefinedPart | undefined> {
  const exact = undefinedConstant(e);
  if (exact) return exact;
  const { parts, quotients } = constantParts(e);
  for (const part of parts) {
    const why = await withoutValue(part);
    if (why === undefined) continue;
    return (size(part) <= SEARCH_NODES ? await innermostWithout(part) : undefined) ?? { node: part, message: why };
  }
  // u/c with a variable u and a constant c that is 0 (x/sin π): no value whatever u is
  for (const q of quotients) {
    const why = await withoutValue(div(ONE, q.den));
    if (why !== undefined) return { node: q, message: `division by zero: the denominator is 0${why.endsWith(ROUNDING) ? `; ${ROUNDING}` : ''}` };
  }
  return undefined;
}

const SEARCH_NODES = 64;

/** Why a constant `x` has no value, or undefined when it has one (or cannot be shown not to).
 * honest.ts settles a value within 10⁻¹²⁸ of a domain's edge higher up its precision ladder
 * (1 − σ(300)), so only a part truly at the edge is refused. */
async function withoutValue(x: Expr): Promise<string | undefined> {
  const v = await honestValue(x, NO_POINT, NO_POINT);
  return v.ok || v.code !== 'DOMAIN' ? undefined : atEveryPoint(v.message);
}

/** Nodes of `x` counted with sharing expanded, stopping past SEARCH_NODES. */
function size(x: Expr): number {
  let n = 0;
  const stack = [x];
  while (stack.length && n <= SEARCH_NODES) {
    n++;
    stack.push(...children(stack.pop()!));
  }
  return n;
}

/** honest.ts speaks of one point; a constant part has no value at any. */
function atEveryPoint(message: string): string {
  const m = /^undefined at this point \((.*)\); in double precision it appeared defined only through rounding$/.exec(message);
  return m ? `${m[1]}; ${ROUNDING}` : message;
}
const ROUNDING = 'doubles give it a value only through rounding';

/** The constant sub-trees of `e` not inside a larger one that the exact evaluator cannot value
 * (a number, a name, or an exact rational is skipped), and the quotients of a variable part by
 * such a constant; each DAG-shared node once, not inside a Σ or an operator. */
function constantParts(e: Expr): { parts: Expr[]; quotients: (Expr & { kind: 'div' })[] } {
  const parts: Expr[] = [];
  const quotients: (Expr & { kind: 'div' })[] = [];
  const seen = new Set<Expr>();
  const stack = [e];
  while (stack.length) {
    const x = stack.pop()!;
    if (seen.has(x) || x.kind === 'sum' || x.kind === 'diff' || x.kind === 'num' || x.kind === 'sym' || x.kind === 'const') continue;
    seen.add(x);
    if (symbolNames(x).length === 0) {
      if (!evaluateRational(x, {}).ok) parts.push(x);
      continue;
    }
    if (x.kind === 'div' && symbolNames(x.den).length === 0 && x.den.kind !== 'num' && !evaluateRational(x.den, {}).ok) quotients.push(x);
    stack.push(...[...children(x)].reverse());
  }
  return { parts, quotients };
}

/** The innermost sub-tree of a constant `x` with no value (its children all have one). */
async function innermostWithout(x: Expr): Promise<UndefinedPart | undefined> {
  for (const k of children(x)) {
    if (k.kind === 'num' || k.kind === 'sym' || k.kind === 'const') continue;
    const why = await withoutValue(k);
    if (why !== undefined) return (await innermostWithout(k)) ?? { node: k, message: why };
  }
  const why = await withoutValue(x);
  return why !== undefined ? { node: x, message: why } : undefined;
}
