// fast-check generators for the evaluator tests: random expression trees over x and y using every
// node kind and every registry function, and points that include the awkward values 0 and ±1.
import fc from 'fast-check';
import { add, call, constant, div, int, mul, neg, pow, rat, sym } from '../../src/ast/build.js';
import type { Expr } from '../../src/ast/nodes.js';
import { FUNCTIONS } from '../../src/functions/index.js';

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  fc.integer({ min: -5, max: 5 }).map((k) => int(k)),
  fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 9 })).map(([n, d]) => rat(BigInt(n), BigInt(d))),
  fc.constantFrom(sym('x'), sym('y')),
  fc.constantFrom(constant('e'), constant('pi')),
);

/** Random trees, at most 6 levels deep (enough to nest every kind in every other). */
export const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', maxDepth: 6, withCrossShrink: true },
    leaf,
    fc.array(tie('expr'), { minLength: 2, maxLength: 4 }).map((ts) => add(...ts)),
    fc.array(tie('expr'), { minLength: 2, maxLength: 3 }).map((ts) => mul(...ts)),
    tie('expr').map((a) => neg(a)),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => div(a, b)),
    // Exponents are mostly small literals (as in real input), sometimes whole expressions.
    fc.tuple(tie('expr'), fc.oneof(leaf, tie('expr'))).map(([a, b]) => pow(a, b)),
    fc.constantFrom(...FUNCTIONS).chain((spec) =>
      fc.array(tie('expr'), { minLength: spec.arity, maxLength: spec.arity }).map((args) => call(spec.name, ...args)),
    ),
  ),
})).expr;

/** A coordinate: mostly uniform in [−3, 3], sometimes exactly 0, ±1 or ½ (domain edges). */
export const coordArb: fc.Arbitrary<number> = fc.oneof(
  fc.double({ min: -3, max: 3, noNaN: true }),
  fc.constantFrom(0, 1, -1, 0.5),
);
