// Small constructors for the expression tree. They only build: no folding, no flattening beyond
// what the caller passes, no reordering. Every node is immutable (frozen under the tests:
// freeze.ts). `rat` normalises a rational (sign in the numerator, gcd 1) — that is
// representation, not maths on the user's expression.
import { freezeNode as freeze } from './freeze.js';
import type { Add, Call, Const, Diff, Div, Expr, Mul, Neg, Num, Pow, Sum, Sym } from './nodes.js';

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Whether some tree of the list holds a d/dv node (the constructors' `hasDiff`). */
function anyDiff(kids: readonly Expr[]): boolean {
  for (const k of kids) if (k.hasDiff) return true;
  return false;
}

export function rat(n: bigint, d: bigint = 1n): Num {
  if (d === 0n) throw new RangeError('rat: zero denominator');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  if (g > 1n) {
    n /= g;
    d /= g;
  }
  return freeze({ kind: 'num', n, d, hasDiff: false });
}

/** A number node from a JS integer (or a safe integer-valued float). */
export function int(k: number | bigint): Num {
  if (typeof k === 'number' && !Number.isSafeInteger(k)) throw new RangeError(`int: ${k} is not a safe integer`);
  return rat(BigInt(k));
}

export function sym(name: string): Sym {
  return freeze({ kind: 'sym', name, hasDiff: false });
}
export function constant(name: 'e' | 'pi'): Const {
  return freeze({ kind: 'const', name, hasDiff: false });
}
export function add(...terms: Expr[]): Add {
  if (terms.length < 2) throw new RangeError('add needs at least two terms');
  return freeze({ kind: 'add', terms: freeze(terms), hasDiff: anyDiff(terms) });
}
export function mul(...factors: Expr[]): Mul {
  if (factors.length < 2) throw new RangeError('mul needs at least two factors');
  return freeze({ kind: 'mul', factors: freeze(factors), hasDiff: anyDiff(factors) });
}
export function neg(arg: Expr): Neg {
  return freeze({ kind: 'neg', arg, hasDiff: arg.hasDiff });
}
export function div(num: Expr, den: Expr): Div {
  return freeze({ kind: 'div', num, den, hasDiff: num.hasDiff || den.hasDiff });
}
export function pow(base: Expr, exp: Expr): Pow {
  return freeze({ kind: 'pow', base, exp, hasDiff: base.hasDiff || exp.hasDiff });
}
export function call(fn: string, ...args: Expr[]): Call {
  return freeze({ kind: 'call', fn, args: freeze(args), hasDiff: anyDiff(args) });
}
export function diff(arg: Expr, wrt: string): Diff {
  return freeze({ kind: 'diff', arg, wrt, hasDiff: true });
}
/** Σ_{index=lo}^{hi} body (bounds both given or both null). */
export function sum(index: string, lo: Expr | null, hi: Expr | null, body: Expr): Sum {
  if ((lo === null) !== (hi === null)) throw new RangeError('sum: give both bounds or neither');
  return freeze({ kind: 'sum', index, lo, hi, body, hasDiff: body.hasDiff || (lo !== null && (lo.hasDiff || hi!.hasDiff)) });
}
/** `a - b` as the tree stores it: a sum with a negated term. */
export function sub(a: Expr, b: Expr): Add {
  return add(a, neg(b));
}

export const ZERO = int(0);
export const ONE = int(1);
export const TWO = int(2);
export const MINUS_ONE = int(-1);
