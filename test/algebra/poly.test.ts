// Polynomial arithmetic (src/algebra/poly.ts, sparse.ts): table rows [input, expanded form as an
// S-expression], ring identities on random polynomials (fast-check), and the size budget.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AtomTable } from '../../src/algebra/atoms.js';
import * as P from '../../src/algebra/poly.js';
import { expandExpr } from '../../src/algebra/rational.js';
import { fromTerms, renameVars, toTerms } from '../../src/algebra/sparse.js';
import { sexpr } from '../helpers/sexpr.js';
import { arbNonZeroPoly, arbPoly, envFrom, evalPoly, parse, poly, q, type Q } from './helpers.js';

const EXPANDED: Array<[string, string]> = [
  ['(x+1)^2', '(+ (^ x 2) (* 2 x) 1)'],
  ['(x-y)(x+y)', '(+ (^ x 2) (- (^ y 2)))'],
  ['(a+b)^3', '(+ (^ a 3) (* 3 (^ a 2) b) (* 3 a (^ b 2)) (^ b 3))'],
  ['x - x', '0'],
  ['(1-y) - (1-y)', '0'],
  ['2(x+1) - 2x', '2'],
  ['x*y - y*x', '0'],
  ['(x+1)(x-1) - x^2', '(- 1)'],
  ['(1/2)x + (1/2)x', 'x'],
  ['(x+1)/2', '(+ (* 1/2 x) 1/2)'],
  // G1 step 1: expand, and −ŷy + yŷ cancels
  ['ŷ(1−y) − (1−ŷ)y', '(+ y_hat (- y))'],
  ['y − ŷ', '(+ y (- y_hat))'],
  ['−ŷ + y', '(+ y (- y_hat))'],
  ['(1+e^(−z))^2', '(+ (^ (exp (- z)) 2) (* 2 (exp (- z))) 1)'],
  ['x^0', '1'],
  ['(x^2)^3', '(^ x 6)'],
  ['x^(2+1)', '(^ x 3)'],
];

describe('expanded form', () => {
  it.each(EXPANDED)('%s', (input, want) => {
    expect(sexpr(expandExpr(parse(input))!)).toBe(want);
  });
});

describe('exact division', () => {
  const ROWS: Array<[string, string, string | undefined]> = [
    ['x^2 - 1', 'x - 1', 'x + 1'],
    ['x^2 - 1', 'x + 2', undefined],
    ['6x^2y - 6y', '3y', '2x^2 - 2'],
    ['x*y + x*z', 'y + z', 'x'],
    ['x^3', 'x^4', undefined],
    ['2x + 1', '2', undefined],
    ['0', 'x + y', '0'],
  ];
  it.each(ROWS)('(%s) / (%s)', (a, b, want) => {
    const atoms = new AtomTable();
    const r = P.divExact(poly(a, atoms), poly(b, atoms));
    if (want === undefined) expect(r).toBeUndefined();
    else expect(P.equal(r!, poly(want, atoms))).toBe(true);
  });
});

describe('ring identities (fast-check)', () => {
  const p = arbPoly();
  it('addition and multiplication are commutative and associative, and distribute', () => {
    fc.assert(
      fc.property(p, p, p, (a, b, c) => {
        expect(P.equal(P.add(a, b), P.add(b, a))).toBe(true);
        expect(P.equal(P.mul(a, b), P.mul(b, a))).toBe(true);
        expect(P.equal(P.add(P.add(a, b), c), P.add(a, P.add(b, c)))).toBe(true);
        expect(P.equal(P.mul(P.mul(a, b), c), P.mul(a, P.mul(b, c)))).toBe(true);
        expect(P.equal(P.mul(a, P.add(b, c)), P.add(P.mul(a, b), P.mul(a, c)))).toBe(true);
        expect(P.sub(a, a)).toBe(0n);
      }),
    );
  });
  it('(a + b)² = a² + 2ab + b², and pow agrees with repeated mul', () => {
    fc.assert(
      fc.property(p, p, fc.integer({ min: 0, max: 4 }), (a, b, k) => {
        const lhs = P.pow(P.add(a, b), 2);
        const rhs = P.add(P.add(P.mul(a, a), P.scale(P.mul(a, b), 2n)), P.mul(b, b));
        expect(P.equal(lhs, rhs)).toBe(true);
        let m: P.Poly = 1n;
        for (let i = 0; i < k; i++) m = P.mul(m, a);
        expect(P.equal(P.pow(a, k), m)).toBe(true);
      }),
    );
  });
  it('a·b / b = a, and a successful division is exact', () => {
    fc.assert(
      fc.property(p, arbNonZeroPoly(), arbNonZeroPoly(), (a, b, c) => {
        expect(P.equal(P.divExact(P.mul(a, b), b)!, a)).toBe(true);
        const d = P.divExact(a, c);
        if (d !== undefined) expect(P.equal(P.mul(d, c), a)).toBe(true);
      }),
    );
  });
  it('the derivative obeys the product rule', () => {
    fc.assert(
      fc.property(p, p, fc.integer({ min: 0, max: 2 }), (a, b, v) => {
        const lhs = P.derivative(P.mul(a, b), v);
        const rhs = P.add(P.mul(P.derivative(a, v), b), P.mul(a, P.derivative(b, v)));
        expect(P.equal(lhs, rhs)).toBe(true);
      }),
    );
  });
  it('evaluation is a ring homomorphism (checks the representation against arithmetic on Q)', () => {
    const val = fc.array(fc.tuple(fc.bigInt({ min: -5n, max: 5n }), fc.bigInt({ min: 1n, max: 4n })), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(p, p, val, (a, b, vs) => {
        const pt = (i: number): Q => q(...vs[i]!);
        const [an, ad] = evalPoly(a, pt);
        const [bn, bd] = evalPoly(b, pt);
        expect(evalPoly(P.mul(a, b), pt)).toEqual(q(an * bn, ad * bd));
        expect(evalPoly(P.add(a, b), pt)).toEqual(q(an * bd + bn * ad, ad * bd));
      }),
    );
  });
  it('sparse round trip and renaming', () => {
    fc.assert(
      fc.property(p, (a) => {
        expect(P.equal(fromTerms(toTerms(a)), a)).toBe(true);
        const swapped = renameVars(a, (i) => [2, 1, 0][i]!);
        expect(P.equal(renameVars(swapped, (i) => [2, 1, 0][i]!), a)).toBe(true);
        expect(P.termCount(a)).toBe(toTerms(a).length);
      }),
    );
  });
  it('keeps the canonical-form invariants (equal values are identical structures)', () => {
    fc.assert(
      fc.property(p, p, (a, b) => {
        const check = (x: P.Poly, below: number): void => {
          if (typeof x === 'bigint') return;
          expect(x.v).toBeLessThan(below);
          expect(x.cs.length).toBeGreaterThanOrEqual(2);
          expect(x.cs[x.cs.length - 1]).not.toBe(0n);
          x.cs.forEach((c) => check(c, x.v));
        };
        check(P.mul(P.add(a, b), P.sub(a, b)), Infinity);
      }),
    );
  });
});

describe('size budget', () => {
  it('refuses (x+y+z)^1000 at once instead of hanging', () => {
    const atoms = new AtomTable();
    const s = poly('x + y + z', atoms);
    // the budget is checked before the work: the refusal is the assertion (speed: npm run bench)
    expect(() => P.pow(s, 1000)).toThrow(P.PolyBudgetError);
    expect(expandExpr(parse('(x+y+z)^1000'))).toBeUndefined();
  });
  it('refuses too many terms, too high a degree, too large coefficients', () => {
    const atoms = new AtomTable();
    // 8 atoms to the 12th power: C(19, 7) = 50,388 terms > 5,000
    expect(() => P.pow(poly('a+b+c+d+f+g+h+k', atoms), 12)).toThrow(P.PolyBudgetError);
    expect(() => P.pow(poly('x', atoms), 201)).toThrow(P.PolyBudgetError);
    expect(() => P.pow(10n ** 100n, 1000)).toThrow(P.PolyBudgetError);
    expect(P.totalDegree(P.pow(poly('x + 1', atoms), 200))).toBe(200);
  });
  it('evaluates values through the env helper consistently', () => {
    const atoms = new AtomTable();
    const a = poly('x^2 + y', atoms);
    expect(evalPoly(a, envFrom([q(2n), q(3n)], atoms).byIndex)).toEqual(q(7n));
  });
});
