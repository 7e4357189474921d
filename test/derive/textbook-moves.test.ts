// The single textbook moves of src/simplify/textbook.ts, each on its own: what it does, where it
// declines (undefined), and that its result equals its input numerically.
import { describe, expect, it } from 'vitest';
import { call } from '../../src/ast/build.js';
import type { Expr } from '../../src/ast/nodes.js';
import { checkEquivalent } from '../../src/check/index.js';
import { parseTextProgram } from '../../src/parse/text.js';
import { toText } from '../../src/render/index.js';
import { cancelVisible, collectSum, expandSum, recogniseSigmoid, signIntoNumerator, splitSquare } from '../../src/simplify/textbook.js';

const P = (s: string): Expr => parseTextProgram(s).program.body!;
const T = (e: Expr | undefined) => (e ? toText(e) : undefined);
const same = (a: Expr, b: Expr) => expect(checkEquivalent(a, b).status).toBe('verified');

describe('expand the numerator (nothing collected)', () => {
  it.each([
    ['y_hat*(1 - y) - (1 - y_hat)*y', 'y_hat - y_hat*y - y + y_hat*y'],
    ['-(y*(1 - a)) + (1 - y)*a', '-y + y*a + a - y*a'],
    ['(x + 1)*(x + 1) - x*x', 'x^2 + x + x + 1 - x^2'],
  ])('%s → %s', (input, want) => {
    const got = expandSum(P(input));
    expect(T(got)).toBe(want);
    same(got!, P(input));
  });
  it('declines a sum with no bracket to open, and an expansion past 8 terms', () => {
    expect(expandSum(P('a*b + c'))).toBeUndefined();
    expect(expandSum(P('(a + 1)*(b + 1)*(c + 1)*(d + 1) + e'))).toBeUndefined();
  });
});

describe('collect like terms', () => {
  it.each([
    ['y_hat - y_hat*y - y + y*y_hat', 'y_hat - y'],
    ['-y + y*a + a - y*a', 'a - y'],
    ['x^2 + x + x + 1 - x*x', '2*x + 1'],
    ['a - a', '0'],
  ])('%s → %s', (input, want) => {
    const got = collectSum(P(input));
    expect(T(got)).toBe(want);
    same(got!, P(input));
  });
  it('declines a sum without like terms', () => expect(collectSum(P('a - b + a*b'))).toBeUndefined());
});

describe('the minus sign into the numerator', () => {
  it('takes −(ŷ − y)/D to (y − ŷ)/D', () => {
    const e = P('-(y_hat - y)/(y*(1 - y))');
    expect(T(signIntoNumerator(e))).toBe('(y - y_hat)/(y*(1 - y))');
    same(signIntoNumerator(e)!, e);
  });
  it('leaves −(a + b)/c alone: −a − b is no better', () => expect(signIntoNumerator(P('-(a + b)/c'))).toBeUndefined());
});

describe('cancel a visibly common factor (약분)', () => {
  it('removes the shared factors, keeps the rest in order, and names what it cancelled', () => {
    const e = P('(s - y)*s*(1 - s)*x/(s*(1 - s))');
    const got = cancelVisible(e)!;
    expect(T(got.expr)).toBe('(s - y)*x');
    expect(got.cancelled.map(toText)).toEqual(['s', '1 - s']);
  });
  it('counts powers: x²(x + 1)/x³ = (x + 1)/x', () => {
    const e = P('x^2*(x + 1)/x^3');
    expect(T(cancelVisible(e)!.expr)).toBe('(x + 1)/x');
    same(cancelVisible(e)!.expr, e);
  });
  it('declines when nothing is visibly shared, even if the normal form would cancel', () => {
    expect(cancelVisible(P('(x^2 - 1)/(x - 1)'))).toBeUndefined();
  });
});

describe('σ by the notes', () => {
  const sigma = (u: Expr) => call('sigmoid', u);
  it('splits e^(−z)/(1 + e^(−z))² and recognises both factors', () => {
    const e = P('exp(-z)/(1 + exp(-z))^2');
    const split = splitSquare(e)!;
    expect(T(split)).toBe('1/(1 + exp(-z))*(exp(-z)/(1 + exp(-z)))');
    expect(T(recogniseSigmoid(split, sigma))).toBe('sigmoid(z)*(1 - sigmoid(z))');
    same(split, e);
  });
  it.each([
    ['1/(1 + exp(-u))', 'sigmoid(u)'],
    ['exp(u)/(exp(u) + 1)', 'sigmoid(u)'],
    ['exp(-u)/(1 + exp(-u))', '1 - sigmoid(u)'],
    ['1/(1 + exp(u))', '1 - sigmoid(u)'],
  ])('%s is %s', (input, want) => {
    const got = recogniseSigmoid(P(input), sigma)!;
    expect(T(got)).toBe(want);
    same(got, P(input));
  });
  it('declines what is not σ written out', () => {
    expect(recogniseSigmoid(P('1/(2 + exp(-u))'), sigma)).toBeUndefined();
    expect(recogniseSigmoid(P('exp(u)/(1 + exp(-u))'), sigma)).toBeUndefined();
  });
});
