// fast-check arbitraries for expression trees, shared by the printer and parser round-trip
// properties. Invariant: every generated tree is well formed as the constructors define it
// (add/mul with 2–4 children, calls of registry functions with their exact arity, canonical
// symbol names, reduced rationals), and small: depth ≤ 4 by default, so failures shrink readably.
import fc from 'fast-check';
import { add, call, constant, div, int, mul, neg, pow, rat, sym } from '../src/ast/build.js';
import type { Expr } from '../src/ast/nodes.js';
import { FUNCTIONS } from '../src/functions/index.js';

/** Canonical names, chosen to exercise accents, subscripts, Greek and layer indices. */
export const SYMBOL_POOL: readonly string[] = ['x', 'y', 'z', 'w', 'b', 'y_hat', 'x_1', 'x_2', 'alpha', 'W_2', 'a_1'];

/** Integers −4…12 (0, 1, 2 most useful) and fractions with small numerator and denominator. */
export const arbNum: fc.Arbitrary<Expr> = fc.oneof(
  { arbitrary: fc.integer({ min: -4, max: 12 }).map((k) => int(k)), weight: 3 },
  {
    arbitrary: fc.tuple(fc.integer({ min: -7, max: 7 }), fc.integer({ min: 2, max: 6 })).map(([n, d]) => rat(BigInt(n), BigInt(d))),
    weight: 1,
  },
);

const MAX_ARITY = Math.max(...FUNCTIONS.map((f) => f.arity));

export interface ArbExprOptions {
  /** height of the tallest tree minus one (a leaf alone is depth 0); default 3 */
  readonly depth?: number;
  /** canonical symbol names to draw from; default SYMBOL_POOL */
  readonly symbols?: readonly string[];
}

/** Random well-formed trees; see the header for what "well formed" means. */
export function arbExprWith(opts: ArbExprOptions = {}): fc.Arbitrary<Expr> {
  const symbols = opts.symbols ?? SYMBOL_POOL;
  const leaf: fc.Arbitrary<Expr> = fc.oneof(
    { arbitrary: fc.constantFrom(...symbols).map((n) => sym(n)), weight: 4 },
    { arbitrary: arbNum, weight: 3 },
    { arbitrary: fc.constantFrom<'e' | 'pi'>('e', 'pi').map((c) => constant(c)), weight: 1 },
  );
  const level = (depth: number): fc.Arbitrary<Expr> => {
    if (depth <= 0) return leaf;
    const sub = level(depth - 1);
    const kids = fc.array(sub, { minLength: 2, maxLength: 4 });
    return fc.oneof(
      { arbitrary: leaf, weight: 3 },
      { arbitrary: kids.map((ts) => add(...ts)), weight: 2 },
      { arbitrary: kids.map((fs) => mul(...fs)), weight: 2 },
      { arbitrary: sub.map((a) => neg(a)), weight: 2 },
      { arbitrary: fc.tuple(sub, sub).map(([a, b]) => div(a, b)), weight: 2 },
      { arbitrary: fc.tuple(sub, sub).map(([a, b]) => pow(a, b)), weight: 2 },
      {
        arbitrary: fc
          .tuple(fc.constantFrom(...FUNCTIONS), fc.array(sub, { minLength: MAX_ARITY, maxLength: MAX_ARITY }))
          .map(([f, args]) => call(f.name, ...args.slice(0, f.arity))),
        weight: 2,
      },
    );
  };
  return level(opts.depth ?? 3);
}

/** Trees of height at most `depth + 1` over SYMBOL_POOL. */
export function arbExprOfDepth(depth: number): fc.Arbitrary<Expr> {
  return arbExprWith({ depth });
}

/** The default: small random trees of height ≤ 4 over SYMBOL_POOL. */
export const arbExpr: fc.Arbitrary<Expr> = arbExprWith();
