// Properties over random polynomials (fast-check prints the seed and shrinks on failure):
// a polynomial is never refuted against itself or against its terms in reverse order, always
// refuted against itself plus 1, and its derivative formula verifies against d/dx of it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, int, mul, neg, pow, sym } from '../../src/ast/build.js';
import type { Expr } from '../../src/ast/nodes.js';
import { checkEquivalent } from '../../src/check/index.js';

interface Term { c: number; i: number; j: number }
/** Coefficients −5…5, degrees 0…4 in x and y, 1–6 terms: |p| ≤ 6·5·3⁸ ≈ 2e5 at sampled points,
 * far below where p + 1 could hide inside rtol 1e-9 (needs |p| ~ 1e9). */
const arbTerms = fc.array(
  fc.record({ c: fc.integer({ min: -5, max: 5 }), i: fc.integer({ min: 0, max: 4 }), j: fc.integer({ min: 0, max: 4 }) }),
  { minLength: 1, maxLength: 6 },
);

function term({ c, i, j }: Term): Expr {
  const fs: Expr[] = [int(c)];
  if (i > 0) fs.push(i === 1 ? sym('x') : pow(sym('x'), int(i)));
  if (j > 0) fs.push(j === 1 ? sym('y') : pow(sym('y'), int(j)));
  return fs.length === 1 ? fs[0]! : mul(...fs);
}
const poly = (ts: readonly Term[]): Expr => (ts.length === 1 ? term(ts[0]!) : add(...ts.map(term)));
/** ∂/∂x term by term (the power rule), as a second, independent formula. */
const dpoly = (ts: readonly Term[]): Expr =>
  poly(ts.map((t) => (t.i === 0 ? { c: 0, i: 0, j: 0 } : { c: t.c * t.i, i: t.i - 1, j: t.j })));

describe('random polynomials', () => {
  it('p vs p is never refuted (verified)', () => {
    fc.assert(fc.property(arbTerms, (ts) => {
      expect(checkEquivalent(poly(ts), poly(ts)).status).toBe('verified');
    }), { numRuns: 200 });
  });
  it('p vs p with its terms reversed is verified', () => {
    fc.assert(fc.property(arbTerms, (ts) => {
      expect(checkEquivalent(poly(ts), poly([...ts].reverse())).status).toBe('verified');
    }), { numRuns: 200 });
  });
  it('p vs p + 1 is refuted', () => {
    fc.assert(fc.property(arbTerms, (ts) => {
      expect(checkEquivalent(poly(ts), add(poly(ts), int(1))).status).toBe('refuted');
      expect(checkEquivalent(poly(ts), add(poly(ts), neg(int(1)))).status).toBe('refuted');
    }), { numRuns: 200 });
  });
  it('d/dx p vs the power rule is verified', () => {
    fc.assert(fc.property(arbTerms, (ts) => {
      const v = checkEquivalent({ kind: 'diff', arg: poly(ts), wrt: 'x' }, dpoly(ts));
      expect(v.status, JSON.stringify(v)).toBe('verified');
    }), { numRuns: 200 });
  });
});
