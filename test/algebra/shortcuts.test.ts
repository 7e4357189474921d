// The kernel's shortcuts (docs/performance.md, "Derivative + simplify on the small seed tasks"):
// each must give exactly what the longer way gave — fromTerms level by level against adding the
// monomials one by one, the counts kept on a node against counting, −b compared without building
// it, a factor's square-free shortcut against Yun's answer, and a remembered hint's parts
// charging the work budget exactly what computing them charged; the content with respect to an
// atom, the common monomial and its division read off the recursive form against the term-list
// way (renaming, toTerms/fromTerms), with the same work charged; and a variable split shared
// between a polynomial and its hints against factoring without the memo, at the budget's edges.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AtomTable } from '../../src/algebra/atoms.js';
import { HintParts, contentWrt, factorCheap, hintParts, squareFree } from '../../src/algebra/factor.js';
import { content } from '../../src/algebra/gcd.js';
import * as P from '../../src/algebra/poly.js';
import { type Term, divMonomial, divMonomialOf, fromTerms, monomial, monomialGcd, monomialGcdOf, renameVars, toTerms } from '../../src/algebra/sparse.js';
import { arbNonZeroPoly, poly } from './helpers.js';

const arbTerms = fc.array(
  fc.record({
    coef: fc.bigInt({ min: -5n, max: 5n }),
    exps: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 4 }),
  }),
  { maxLength: 8 },
);

/** The sum of the terms, one addition per monomial (fromTerms before the shortcut). */
const byAddition = (ts: readonly Term[]): P.Poly => ts.reduce<P.Poly>((p, t) => P.add(p, monomial(t.coef, t.exps)), 0n);

describe('fromTerms', () => {
  it('is the same node as adding the monomials one by one (repeats, zeros and cancellations included)', () => {
    fc.assert(
      fc.property(arbTerms, (ts) => {
        const withRepeat = ts.length ? [...ts, { coef: -ts[0]!.coef, exps: ts[0]!.exps }] : ts;
        for (const list of [ts, withRepeat]) expect(P.equal(fromTerms(list), byAddition(list))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('counts kept on a node', () => {
  it('termCount is the number of terms, limbs the words of the largest coefficient', () => {
    fc.assert(
      fc.property(arbNonZeroPoly(3, 6, 3), fc.bigInt({ min: 1n, max: 1n << 200n }), (p, k) => {
        const q = P.scale(p, k);
        const terms = toTerms(q);
        expect(P.termCount(q)).toBe(terms.length);
        const words = Math.max(...terms.map((t) => Math.ceil((t.coef < 0n ? -t.coef : t.coef).toString(2).length / 64)));
        expect(P.limbs(q)).toBe(words);
      }),
      { numRuns: 300 },
    );
  });
});

describe('equalNeg', () => {
  it('a = −b exactly when equal(a, neg(b))', () => {
    fc.assert(
      fc.property(arbNonZeroPoly(), arbNonZeroPoly(), (a, b) => {
        expect(P.equalNeg(a, b)).toBe(P.equal(a, P.neg(b)));
        expect(P.equalNeg(a, P.neg(a))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('square-free shortcut', () => {
  it('a factor linear in its main variable with an integer leading coefficient is itself, as Yun gave', () => {
    const atoms = new AtomTable();
    for (const s of ['1 - y', 'y - y_hat', '2x + 3y - 1', 'x*y - 3']) {
      const f = poly(s, atoms);
      const got = squareFree(f);
      expect(got).toHaveLength(1);
      expect(P.equal(got[0]!.p, f) || P.equal(got[0]!.p, P.neg(f))).toBe(true);
      expect(got[0]!.k).toBe(1);
    }
  });
});

describe('HintParts', () => {
  it('a remembered hint charges the work computing it charged, and gives the same parts', () => {
    const atoms = new AtomTable();
    const h = poly('(x*y - x)*(y + 1)^2*(z - 1)', atoms);
    const memo = new HintParts();
    const spent = (f: () => unknown): number => {
      const before = P.workSpent();
      f();
      return P.workSpent() - before;
    };
    const first = spent(() => memo.of(h));
    const again = spent(() => memo.of(h));
    const direct = spent(() => hintParts(h));
    expect(first).toBeGreaterThan(0);
    expect(again).toBe(first);
    expect(direct).toBe(first);
    expect(memo.of(h).map((p) => toTerms(p))).toEqual(hintParts(h).map((p) => toTerms(p)));
  });

  it('a hit runs out of the work budget exactly where recomputing would', () => {
    const atoms = new AtomTable();
    const h = poly('(a*b - a)*(b + 1)^2*(c - 1)*(a + c)', atoms);
    const memo = new HintParts();
    const cost = (() => {
      const before = P.workSpent();
      memo.of(h);
      return P.workSpent() - before;
    })();
    const outcomes: string[] = [];
    for (const limit of [cost - 1, cost, cost + 1]) {
      const recompute = (): string => {
        try {
          P.withWorkBudget(() => hintParts(h), limit);
          return 'ok';
        } catch (e) {
          return e instanceof P.PolyBudgetError ? 'budget' : 'other';
        }
      };
      const hit = (): string => {
        try {
          P.withWorkBudget(() => memo.of(h), limit);
          return 'ok';
        } catch (e) {
          return e instanceof P.PolyBudgetError ? 'budget' : 'other';
        }
      };
      expect(hit()).toBe(recompute());
      outcomes.push(hit());
    }
    expect(outcomes).toEqual(['budget', 'ok', 'ok']);
  });
});

/** Work charged by f (poly.ts workSpent before and after). */
const spentBy = <T>(f: () => T): [T, number] => {
  const before = P.workSpent();
  const r = f();
  return [r, P.workSpent() - before];
};

describe('read off the recursive form', () => {
  it('contentWrt is the content of p renamed so that the atom is its main variable, charging the same work', () => {
    fc.assert(
      fc.property(arbNonZeroPoly(3, 6, 3), arbNonZeroPoly(3, 3, 2), (a, b) => {
        // products, so that contents are often non-trivial
        const p = P.mul(a, b);
        for (const v of P.variables(p)) {
          const [fast, w1] = spentBy(() => P.withWorkBudget(() => contentWrt(p, v)));
          const [slow, w2] = spentBy(() =>
            P.withWorkBudget(() => {
              if (P.mainVar(p) === v) return content(p);
              const top = Math.max(...P.variables(p)) + 1;
              return content(renameVars(p, (i) => (i === v ? top : i)));
            }),
          );
          expect(P.equal(fast, slow)).toBe(true);
          expect(w1).toBe(w2);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the common monomial and its division are those of the term list', () => {
    const arbMono = fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 3 });
    fc.assert(
      fc.property(arbNonZeroPoly(3, 5, 3), arbMono, (a, m) => {
        const p = P.mul(a, monomial(1n, m));
        const g = monomialGcdOf(p);
        expect(g).toEqual(monomialGcd(toTerms(p)));
        expect(P.equal(divMonomialOf(p, g), divMonomial(p, g))).toBe(true);
        expect(toTerms(divMonomialOf(p, g))).toEqual(toTerms(divMonomial(p, g)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('a split shared between a polynomial and the hints', () => {
  // what came back (factorCheap prints a factor whole past the budget) or what was thrown
  const outcome = (f: () => unknown, limit: number): string => {
    try {
      return JSON.stringify(P.withWorkBudget(f, limit), (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
    } catch (e) {
      return e instanceof P.PolyBudgetError ? 'budget' : 'other';
    }
  };
  const cases: [string, string[]][] = [
    ['(a*b - a)*(b + 1)*(c - 1)*(a + c)', ['(a*b - a)*(b + 1)*(c - 1)*(a + c)', 'a + c']],
    ['b*(1 - b)*(c - a*c)', ['1 - b', 'c - a*c', 'a + b']],
    ['w*x + b - y', ['w*x + b - y']],
  ];
  it('factorCheap with the memo gives the factors and charges the work it gives without', () => {
    for (const [p, hs] of cases) {
      const atoms = new AtomTable();
      const f = poly(p, atoms);
      const hints = hs.map((h) => poly(h, atoms));
      const [plain, w1] = spentBy(() => factorCheap(f, hints));
      const [memo, w2] = spentBy(() => factorCheap(f, hints, new HintParts()));
      expect(w2).toBe(w1);
      expect(memo.coef).toBe(plain.coef);
      expect(memo.mono).toEqual(plain.mono);
      expect(memo.factors.map((x) => [toTerms(x.p), x.k])).toEqual(plain.factors.map((x) => [toTerms(x.p), x.k]));
    }
  });
  it('runs out of the work budget exactly where factoring without it does', () => {
    for (const [p, hs] of cases) {
      const atoms = new AtomTable();
      const f = poly(p, atoms);
      const hints = hs.map((h) => poly(h, atoms));
      const [, cost] = spentBy(() => factorCheap(f, hints));
      // both a numerator and a denominator printed with one memo, as toExpr does
      const both = (memo?: HintParts) => () => [factorCheap(f, hints, memo), factorCheap(P.mul(f, f), hints, memo)].map((r) => r.factors.map((x) => [toTerms(x.p), x.k]));
      const [, total] = spentBy(both());
      const seen = new Set<string>();
      for (const limit of [cost - 1, cost, cost + 1, total - 1, total, total + 1]) {
        const got = outcome(both(new HintParts()), limit);
        expect(got).toBe(outcome(both(), limit));
        seen.add(got);
      }
      // the edges are real: some limit falls back to printing a factor whole, the largest does not
      expect(seen.size).toBeGreaterThan(1);
    }
  });
});
