import fc from 'fast-check';
import { it, expect } from 'vitest';
import * as P from '../../src/simplify/poly.js';
import { gcd, normalizeSign } from '../../src/simplify/gcd.js';
import { factorCheap } from '../../src/simplify/factor.js';
import { monomial } from '../../src/simplify/sparse.js';
import { arbNonZeroPoly, arbPoly } from './helpers.js';
it('stress gcd', () => {
  let worst = 0;
  fc.assert(fc.property(arbPoly(4, 5, 3), arbPoly(4, 5, 3), arbNonZeroPoly(4, 4, 2), (a, b, c) => {
    const t = performance.now();
    const lhs = gcd(P.mul(a, c), P.mul(b, c));
    worst = Math.max(worst, performance.now() - t);
    expect(P.equal(lhs, normalizeSign(P.mul(c, gcd(a, b))))).toBe(true);
  }), { numRuns: 2000 });
  console.log('worst gcd ms', worst);
});
it('stress factor', () => {
  let worst = 0;
  fc.assert(fc.property(arbNonZeroPoly(3, 4, 2), arbNonZeroPoly(3, 4, 2), fc.integer({min:1,max:3}), (a, b, k) => {
    const p = P.mul(P.pow(a, k), P.pow(b, 2));
    const t = performance.now();
    const f = factorCheap(p);
    worst = Math.max(worst, performance.now() - t);
    const back = f.factors.reduce<P.Poly>((acc, { p: g, k }) => P.mul(acc, P.pow(g, k)), monomial(f.coef, f.mono));
    expect(P.equal(back, p)).toBe(true);
  }), { numRuns: 1000 });
  console.log('worst factor ms', worst);
});
