// The notation the printers rely on, as rows [input, tree] read by the reference reader. These are
// the conventions src/parse must share (header of src/render/text.ts); the same rows can be run
// against the product parser once it lands, to prove the two agree.
import { describe, expect, it } from 'vitest';
import { add, call, constant, div, int, mul, neg, pow, rat, sym } from '../../src/ast/build.js';
import type { Expr } from '../../src/ast/nodes.js';
import { equal } from '../../src/ast/traverse.js';
import { readNotation } from './notation-reader.js';

const [a, b, c, d, x, y, z] = ['a', 'b', 'c', 'd', 'x', 'y', 'z'].map((n) => sym(n)) as [Expr, Expr, Expr, Expr, Expr, Expr, Expr];
const sig = (u: Expr): Expr => call('sigmoid', u);

const NOTATION_ROWS: ReadonlyArray<readonly [string, Expr]> = [
  ['-x^2', neg(pow(x, int(2)))],
  ['2^-1', pow(int(2), neg(int(1)))],
  ['2^-x^2', pow(int(2), neg(pow(x, int(2))))],
  ['a^b^c', pow(a, pow(b, c))],
  ['a/b*c', mul(div(a, b), c)],
  ['a*b/c', div(mul(a, b), c)],
  ['a*b/c*d', mul(div(mul(a, b), c), d)],
  ['a*b*c', mul(a, b, c)],
  ['a*(b*c)', mul(a, mul(b, c))],
  ['a - b - c', add(a, neg(b), neg(c))],
  ['a + -b', add(a, neg(b))],
  ['a - -b', add(a, neg(neg(b)))],
  ['(a + b) + c', add(add(a, b), c)],
  ['-x*y', mul(neg(x), y)],
  ['x*-y', mul(x, neg(y))],
  ['-2', neg(int(2))],
  ['(-2)', int(-2)],
  ['1/3', div(int(1), int(3))],
  ['(1/3)', rat(1n, 3n)],
  ['(-1/3)', rat(-1n, 3n)],
  ['(1/(3))', div(int(1), int(3))],
  ['(-(2))', neg(int(2))],
  ['(-(-2))', neg(int(-2))],
  ['sigmoid(-2)', sig(neg(int(2)))],
  ['2x y', mul(int(2), x, y)],
  ['2x*y', mul(int(2), x, y)],
  ['(2x)*y', mul(mul(int(2), x), y)],
  ['a*bc', mul(a, mul(b, c))],
  ['-2x', neg(mul(int(2), x))],
  ['x^2y', mul(pow(x, int(2)), y)],
  ['1/2x', div(int(1), mul(int(2), x))],
  ['σ(z)(1 − σ(z))', mul(sig(z), add(int(1), neg(sig(z))))],
  ['ŷ·log(y)', mul(sym('y_hat'), call('log', y))],
  ['x₂ + w_ij + α', add(sym('x_2'), sym('w_ij'), sym('alpha'))],
  ['x²', pow(x, int(2))],
  ['x⁻¹', pow(x, neg(int(1)))],
  ['e^(−z)', call('exp', neg(z))],
  ['(e)^x', call('exp', x)],
  ['wx + b', add(mul(sym('w'), x), b)],
  ['pi·p·i', mul(constant('pi'), sym('p'), sym('i'))],
];

describe('the notation, as the printers assume it', () => {
  it.each(NOTATION_ROWS)('%s', (src, tree) => {
    expect(equal(readNotation(src), tree)).toBe(true);
  });
});
