// Test-only helpers for the algebra core: polynomials from text (through the project's parser),
// random polynomials for fast-check, and an exact rational evaluator of trees used as an oracle.
import fc from 'fast-check';
import type { Expr } from '../../src/ast/nodes.js';
import { parseTextProgram } from '../../src/parse/text.js';
import { AtomTable, atomKey } from '../../src/algebra/atoms.js';
import type { Poly } from '../../src/algebra/poly.js';
import { type RatFun, fromExpr } from '../../src/algebra/ratfun.js';
import { fromTerms } from '../../src/algebra/sparse.js';

export const parse = (s: string): Expr => parseTextProgram(s).program.body!;

/** A polynomial from text, atoms interned into `atoms` (fails the test if it is not one). */
export function poly(s: string, atoms: AtomTable): Poly {
  const r = fromExpr(parse(s), atoms);
  if (!r || r.den !== 1n) throw new Error(`not a polynomial over Z: ${s}`);
  return r.num;
}

/** Random polynomials in `vars` atoms (0..vars-1): up to `terms` terms, small degrees/coefficients. */
export function arbPoly(vars = 3, terms = 5, deg = 3): fc.Arbitrary<Poly> {
  const term = fc.record({
    coef: fc.bigInt({ min: -9n, max: 9n }),
    exps: fc.array(fc.integer({ min: 0, max: deg }), { minLength: vars, maxLength: vars }),
  });
  return fc.array(term, { maxLength: terms }).map((ts) => fromTerms(ts));
}
export const arbNonZeroPoly = (vars = 3, terms = 5, deg = 3): fc.Arbitrary<Poly> =>
  arbPoly(vars, terms, deg).filter((p) => p !== 0n);

// ---- exact evaluation: rationals as [n, d] with d > 0 -------------------------------------

export type Q = readonly [bigint, bigint];
const g = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};
export function q(n: bigint, d: bigint = 1n): Q {
  if (d === 0n) throw new RangeError('q: zero denominator');
  if (d < 0n) [n, d] = [-n, -d];
  const k = g(n, d) || 1n;
  return [n / k, d / k];
}
const qadd = (a: Q, b: Q): Q => q(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
const qmul = (a: Q, b: Q): Q => q(a[0] * b[0], a[1] * b[1]);
const qinv = (a: Q): Q | undefined => (a[0] === 0n ? undefined : q(a[1], a[0]));
function qpow(a: Q, k: number): Q | undefined {
  if (k < 0) {
    const i = qinv(a);
    return i && qpow(i, -k);
  }
  if (k === 0 && a[0] === 0n) return undefined;
  return q(a[0] ** BigInt(k), a[1] ** BigInt(k));
}

/** Exact value of a tree; atoms (symbols, calls) take their value from env by atomKey. */
export function evalTree(e: Expr, env: (key: string) => Q): Q | undefined {
  switch (e.kind) {
    case 'num':
      return [e.n, e.d];
    case 'sym':
    case 'const':
    case 'call':
      return env(atomKey(e));
    case 'neg': {
      const a = evalTree(e.arg, env);
      return a && q(-a[0], a[1]);
    }
    case 'add':
    case 'mul': {
      const kids = e.kind === 'add' ? e.terms : e.factors;
      let acc: Q = e.kind === 'add' ? [0n, 1n] : [1n, 1n];
      for (const k of kids) {
        const v = evalTree(k, env);
        if (!v) return undefined;
        acc = e.kind === 'add' ? qadd(acc, v) : qmul(acc, v);
      }
      return acc;
    }
    case 'div': {
      const a = evalTree(e.num, env);
      const b = evalTree(e.den, env);
      const i = b && qinv(b);
      return a && i && qmul(a, i);
    }
    case 'pow': {
      const x = evalTree(e.exp, env);
      if (!x || x[1] !== 1n) return env(atomKey(e)); // non-integer exponent: an atom
      const b = evalTree(e.base, env);
      return b && qpow(b, Number(x[0]));
    }
  }
}

export function evalPoly(p: Poly, val: (i: number) => Q): Q {
  if (typeof p === 'bigint') return [p, 1n];
  let acc: Q = [0n, 1n];
  const x = val(p.v);
  for (let i = p.cs.length - 1; i >= 0; i--) acc = qadd(qmul(acc, x), evalPoly(p.cs[i]!, val));
  return acc;
}

export function evalRat(r: RatFun, val: (i: number) => Q): Q | undefined {
  const d = evalPoly(r.den, val);
  const i = qinv(d);
  return i && qmul(evalPoly(r.num, val), i);
}

/** Atom values from a list (index i gets values[i mod n]), looked up by index or by atom key. */
export function envFrom(values: readonly Q[], atoms: AtomTable): { byKey: (k: string) => Q; byIndex: (i: number) => Q } {
  const byIndex = (i: number): Q => values[i % values.length] ?? [1n, 1n];
  const byKey = (k: string): Q => {
    const i = atoms.indexOfKey(k);
    if (i === undefined) throw new Error(`atom ${k} was never interned`);
    return byIndex(i);
  };
  return { byIndex, byKey };
}
