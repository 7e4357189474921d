// GCD, content and the cheap factorisation (src/algebra/gcd.ts, factor.ts): table rows
// [a, b, gcd] compared up to the unit normalisation, and fast-check properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AtomTable } from '../../src/algebra/atoms.js';
import { factorCheap, squareFree } from '../../src/algebra/factor.js';
import { content, gcd, intContent, lcm, normalizeSign, primitivePart, prsGcd } from '../../src/algebra/gcd.js';
import { heuGcd } from '../../src/algebra/heugcd.js';
import * as P from '../../src/algebra/poly.js';
import { monomial } from '../../src/algebra/sparse.js';
import { arbNonZeroPoly, arbPoly, poly } from './helpers.js';

const GCD: Array<[string, string, string]> = [
  ['x^2 - 1', 'x - 1', 'x - 1'],
  ['x^2 - 1', 'x^2 + 2x + 1', 'x + 1'],
  ['6x^2 - 6', '4x - 4', '2x - 2'],
  ['(x+y)^2 (x-y)', '(x+y)(x-y)^2', 'x^2 - y^2'],
  ['y - y^2', 'y^2 - y', 'y^2 - y'],
  ['0', '1 - x', 'x - 1'],
  ['3', '6x', '3'],
  ['x', 'y', '1'],
  ['x^2 y + x y^2', 'x^2 y^2', 'x y'],
  ['(a-y)(1-b)', '(a-y)(1+b)', 'a - y'],
  ['(1+e^(−z))^2', 'e^(−z)(1+e^(−z))', '1 + e^(−z)'],
  ['x sin(x) + sin(x)', 'x + 1', 'x + 1'],
  ['ŷ(1−y) − (1−ŷ)y', 'y(1−y)', '1'],
  ['(x^3 - x)(y + 2)', '(x^2 + x)(y + 2)^2', '(x^2 + x)(y + 2)'],
  // one side a single term: the integer gcd times the least exponent of each atom (no heuGcd)
  ['-4x^2 y', '6x y^3 + 2x^3 y', '2x y'],
  ['x^3 y^2', 'x y + y', 'y'],
  ['a b c d f g h k m n p q r s t u', 'a b c d f g h k m n p q r s t v + a b c d f g h k m n p q r s u v', 'a b c d f g h k m n p q r s'],
];

describe('gcd', () => {
  it.each(GCD)('gcd(%s, %s) = %s', (a, b, want) => {
    const atoms = new AtomTable();
    const pa = poly(a, atoms);
    const pb = poly(b, atoms);
    const g = gcd(pa, pb);
    expect(P.equal(g, normalizeSign(poly(want, atoms)))).toBe(true);
    expect(P.leadInt(g) > 0n).toBe(true);
  });

  const p = arbPoly(3, 4, 2);
  const nz = arbNonZeroPoly(3, 4, 2);
  it('divides both arguments and is symmetric', () => {
    fc.assert(
      fc.property(p, p, (a, b) => {
        const g = gcd(a, b);
        expect(P.equal(g, gcd(b, a))).toBe(true);
        if (g === 0n) return;
        expect(P.divExact(a, g)).toBeDefined();
        expect(P.divExact(b, g)).toBeDefined();
      }),
    );
  });
  it('gcd(a·c, b·c) = c·gcd(a, b) up to a unit (so it is c when gcd(a, b) = 1)', () => {
    fc.assert(
      fc.property(p, p, nz, (a, b, c) => {
        const lhs = gcd(P.mul(a, c), P.mul(b, c));
        expect(P.equal(lhs, normalizeSign(P.mul(c, gcd(a, b))))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
  it('the heuristic gcd and the subresultant PRS fallback agree', () => {
    fc.assert(
      fc.property(p, p, nz, (a, b, c) => {
        const ac = P.mul(a, c);
        const bc = P.mul(b, c);
        if (P.mainVar(ac) !== P.mainVar(bc) || P.isConst(ac)) return;
        expect(P.equal(prsGcd(ac, bc), gcd(ac, bc))).toBe(true);
        const h = heuGcd(ac, bc);
        if (h !== undefined) expect(P.equal(normalizeSign(h), gcd(ac, bc))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
  it('stays exact and fast on 4-atom products (heuristic path, ~5 ms worst case measured)', () => {
    fc.assert(
      fc.property(arbPoly(4, 5, 3), arbPoly(4, 5, 3), arbNonZeroPoly(4, 4, 2), (a, b, c) => {
        const lhs = gcd(P.mul(a, c), P.mul(b, c));
        expect(P.equal(lhs, normalizeSign(P.mul(c, gcd(a, b))))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
  it('lcm · gcd = a · b up to a unit', () => {
    fc.assert(
      fc.property(nz, nz, (a, b) => {
        expect(P.equal(P.mul(lcm(a, b), gcd(a, b)), normalizeSign(P.mul(a, b)))).toBe(true);
      }),
    );
  });
  it('p = ±content · primitive part, and the primitive part has content 1', () => {
    fc.assert(
      fc.property(nz, (a) => {
        const back = P.mul(content(a), primitivePart(a));
        expect(P.equal(back, a) || P.equal(P.neg(back), a)).toBe(true);
        expect(P.isConst(content(primitivePart(a)))).toBe(true);
        expect(intContent(primitivePart(a))).toBe(1n);
      }),
    );
  });
});

describe('cheap factorisation', () => {
  const rebuild = (p: P.Poly): P.Poly => {
    const f = factorCheap(p);
    return f.factors.reduce<P.Poly>((acc, { p: g, k }) => P.mul(acc, P.pow(g, k)), monomial(f.coef, f.mono));
  };
  it('multiplies back to the input exactly (random products with repeated factors)', () => {
    const small = arbNonZeroPoly(3, 3, 2);
    fc.assert(
      fc.property(small, small, fc.integer({ min: 1, max: 3 }), (a, b, k) => {
        const p = P.mul(P.pow(a, k), b);
        expect(P.equal(rebuild(p), p)).toBe(true);
      }),
    );
  });
  it('square-free parts are square-free and pairwise coprime', () => {
    const small = arbNonZeroPoly(2, 3, 2);
    fc.assert(
      fc.property(small, small, (a, b) => {
        const f = factorCheap(P.mul(P.mul(a, a), b));
        for (const { p: g } of f.factors) {
          const v = P.mainVar(g);
          expect(P.isConst(gcd(g, P.derivative(g, v)))).toBe(true);
        }
        f.factors.forEach((x, i) => f.factors.slice(i + 1).forEach((y) => expect(P.equal(x.p, y.p)).toBe(false)));
      }),
    );
  });
  const ROWS: Array<[string, number, string[]]> = [
    // [input, content·sign, factors with multiplicity as "k:poly"]
    ['x^2 + 2x + 1', 1, ['2:x + 1']],
    ['-2x^3 y + 2x y', -2, ['1:x^2 - 1']],
    ['(a-y)(1-b)', 1, ['1:a - y', '1:b - 1']],
    ['(x-1)^3 (x+2)^2', 1, ['3:x - 1', '2:x + 2']],
  ];
  it.each(ROWS)('%s', (input, coef, want) => {
    const atoms = new AtomTable();
    const f = factorCheap(poly(input, atoms));
    expect(f.coef).toBe(BigInt(coef));
    const got = f.factors.map(({ p: g, k }) => want.findIndex((w) => w.startsWith(`${k}:`) && P.equal(g, normalizeSign(poly(w.slice(2), atoms)))));
    expect(got.sort()).toEqual(want.map((_, i) => i));
  });
  it('squareFree of (x-1)^3 (x+2)^2 gives multiplicities 3 and 2', () => {
    const atoms = new AtomTable();
    const sq = squareFree(poly('(x-1)^3 (x+2)^2', atoms));
    expect(sq.map((f) => f.k).sort()).toEqual([2, 3]);
  });
});
