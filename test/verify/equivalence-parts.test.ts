// The parts of equivalent(): the sampler's promises (log-uniform magnitudes, special values and
// coincidences avoided, ranges respected, determinism), exact and modular values, the float walk
// that knows when to distrust itself, the 64/128-digit evaluator, the canonical form, the form
// checks, and the determinism of whole verdicts.
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/ast/nodes.js';
import { mainExpr, parse } from '../../src/parse/index.js';
import { equivalent } from '../../src/verify/equivalence.js';
import { exactValue, modValue, showRational } from '../../src/numeric/exact.js';
import { floatWalk } from '../../src/numeric/float-trust.js';
import { loadPrecise, showPrecise } from '../../src/numeric/decimal.js';
import { avoidsSpecial, latticePoints, MAG_HI, MAG_LO, pointStream } from '../../src/numeric/sample.js';
import { canonical, formKey, sameForm, sameTree, symbolicDifference } from '../../src/verify/symbolic.js';

const p = (s: string): Expr => mainExpr(parse(s, { notation: 'text' }));

describe('sampling', () => {
  const vars = ['a', 'x', 'y'];
  const pts = (seed: number, n = 2000, ranges?: Record<string, readonly [number, number]>) => {
    const next = pointStream(vars, ranges, seed);
    return Array.from({ length: n }, next);
  };

  it('draws |value| log-uniformly in [1e-2, 1e2] with both signs, away from special values', () => {
    const xs = pts(7).flatMap((v) => Array.from(v));
    for (const x of xs) {
      expect(Math.abs(x)).toBeGreaterThanOrEqual(MAG_LO);
      expect(Math.abs(x)).toBeLessThanOrEqual(MAG_HI);
      expect(avoidsSpecial(x)).toBe(true);
    }
    // four decades, about a quarter each; both signs about half
    for (const [lo, hi] of [[1e-2, 1e-1], [1e-1, 1], [1, 10], [10, 100]] as const) {
      const share = xs.filter((x) => Math.abs(x) >= lo && Math.abs(x) < hi).length / xs.length;
      expect(share).toBeGreaterThan(0.2);
      expect(share).toBeLessThan(0.3);
    }
    expect(xs.filter((x) => x < 0).length / xs.length).toBeGreaterThan(0.45);
  });

  it('avoids 0, ±1, integers and multiples of π/12 by 1e-6 relative', () => {
    for (const x of [0, 1, -1, 3, -57, Math.PI / 12, Math.PI / 4, -Math.PI, 3 * (1 + 5e-7), 100 * Math.PI / 12]) expect(avoidsSpecial(x)).toBe(false);
    for (const x of [0.5, 3 * (1 + 2e-6), 2.5, Math.PI / 12 * 1.01]) expect(avoidsSpecial(x)).toBe(true);
  });

  it('gives each variable a distinct value (not equal, not opposite)', () => {
    for (const v of pts(11)) {
      for (let i = 0; i < v.length; i++) for (let j = 0; j < i; j++) {
        const tol = 1e-3 * Math.max(Math.abs(v[i]!), Math.abs(v[j]!));
        expect(Math.abs(v[i]! - v[j]!)).toBeGreaterThan(tol);
        expect(Math.abs(v[i]! + v[j]!)).toBeGreaterThan(tol);
      }
    }
  });

  it('is deterministic per seed', () => {
    expect(pts(3, 50)).toEqual(pts(3, 50));
    expect(pts(3, 50)).not.toEqual(pts(4, 50));
  });

  it('keeps to declared ranges, bounded or half-lines', () => {
    for (const v of pts(5, 500, { a: [0, 1], x: [0, Infinity], y: [-Infinity, -2] })) {
      expect(v[0]).toBeGreaterThan(0);
      expect(v[0]).toBeLessThan(1);
      expect(v[1]).toBeGreaterThan(0);
      expect(v[2]).toBeLessThan(-2);
    }
    expect(() => pointStream(['x'], { x: [1, 0] }, 1)).toThrow(RangeError);
  });

  it('probes power towers on a lattice of integers and halves', () => {
    expect(latticePoints(1, 1)).toHaveLength(10);
    expect(latticePoints(3, 1)).toHaveLength(1000);
    expect(latticePoints(4, 1)).toHaveLength(1000);
    expect(latticePoints(4, 1)).toEqual(latticePoints(4, 1));
  });
});

describe('exact and modular values', () => {
  it('compares rational answers exactly, past any float tolerance', () => {
    const a = exactValue(p('x^13 + 1'), { x: 12.25 });
    const b = exactValue(p('x^13'), { x: 12.25 });
    expect(a.kind === 'value' && b.kind === 'value' && a.value.n !== b.value.n).toBe(true);
    expect(exactValue(p('1/(x-2)'), { x: 2 }).kind).toBe('domain');
    expect(exactValue(p('exp(x)'), { x: 2 }).kind).toBe('not-rational');
    expect(exactValue(p('(x-a)^5999'), { x: 0.3, a: 0.1 }).kind).toBe('too-large');
  });

  it('tells (x−a)^5999 multiples apart modulo P, and sees (a−x)^6000 = (x−a)^6000', () => {
    const at = { x: 0.9928862039812749, a: 0.09414586915394574 };
    expect(modValue(p('5999(x-a)^5999'), at)).not.toBe(modValue(p('6000(x-a)^5999'), at));
    expect(modValue(p('(a-x)^6000'), at)).toBe(modValue(p('(x-a)^6000'), at));
    expect(modValue(p('sqrt(x)'), at)).toBeUndefined();
  });

  it.each([
    [1n, 3n, '0.33333333333333333333333333333333333333333333333333'],
    [99999999n, 100000000n, '0.99999999'],
    [-5n, 2n, '-2.5'],
    [10n ** 30n, 1n, '1e+30'],
    [1n, 10n ** 9n, '1e-9'],
    [123456n, 1000n, '123.456'],
  ])('shows %s/%s as %s', (n, d, s) => {
    expect(showRational({ n, d })).toBe(s);
  });
});

describe('doubles that know when not to trust themselves', () => {
  it.each([
    ['exp(-800)*exp(800)', { }, true],
    ['x^6000', { x: 0.5 }, true],
    ['exp(1000) - exp(1000)', {}, true],
    ['log(-x)', { x: 2 }, false],
    ['x - x', { x: 2 }, false],
    ['relu(-x)', { x: 2 }, false],
  ] as const)('%s is suspicious: %s', (s, at, suspicious) => {
    expect(floatWalk(p(s), at).suspicious).toBe(suspicious);
  });
});

describe('64/128-digit values', () => {
  it('keeps real semantics and the full exponent range', async () => {
    const [p64, p128] = await loadPrecise();
    expect(p64.digits).toBe(64);
    expect(p128.digits).toBe(128);
    expect(p128.evaluate(p('sqrt(x)'), { x: -1 }).ok).toBe(false);
    expect(p128.evaluate(p('x^(1/3)'), { x: -8 }).ok).toBe(false);
    const r = p128.evaluate(p('exp(1000)/exp(999)'), {});
    expect(r.ok && showPrecise(r.value).startsWith('2.7182818284590452353602874713526624977572470937')).toBe(true);
    const big = p128.evaluate(p('6000(x-a)^5999'), { x: 3.5, a: 0.25 });
    expect(big.ok && big.value.isFinite()).toBe(true);
  });
});

describe('canonical form (σ-aware)', () => {
  it.each([
    ['σ(z)', '1/(1+exp(-z))'],
    ['e^(-z)', '1/exp(z)'],
    ['exp(x+y)', 'exp(x) exp(y)'],
    ['exp(2x)', 'exp(x)^2'],
    ['e', 'exp(1)'],
    ['(e^x)^y', 'exp(x y)'],
    ['log(exp(u))', 'u'],
    ['sqrt(x+1)', '(1+x)^(1/2)'],
    ['tanh(x)', '(exp(x) - exp(-x))/(exp(x) + exp(-x))'],
    ['sec(x)', '1/cos(x)'],
    ['sqrt(9/4)', '3/2'],
    ['sin(2x + 1)', 'sin(1 + x*2)'],
  ])('%s and %s meet', (a, b) => {
    expect(symbolicDifference(p(a), p(b))?.zero).toBe(true);
  });

  it.each([
    ['(a^b)^c', 'a^(b c)'],
    ['log(x^2)', '2 log(x)'],
    ['sqrt(x)^2', 'x'],
    ['sin(x)^2 + cos(x)^2', '1'],
  ])('%s and %s are left to the numeric pass', (a, b) => {
    expect(symbolicDifference(p(a), p(b))?.zero).toBe(false);
  });

  it('is a pure function of the tree', () => {
    expect(canonical(p('σ(w x + b)'))).toEqual(canonical(p('σ(w x + b)')));
  });
});

describe('form checks', () => {
  it.each([
    ['1+2*x', 'x*2+1', true],
    ['(x+y)+z', 'z+x+y', true],
    ['x*(-y)', '-x*y', true],
    ['(-x)*(-x)', 'x*x', false],
    ['(a*b)/c', 'a*(b/c)', true],
    ['1/2*1/x', '1/(2*x)', false],
    ['x/(-y)', '-(x/y)', false],
    ['2/4', '1/2', false],
    ['x+0', 'x', false],
    ['exp(x)', 'e^x', true],
  ] as const)('sameForm(%s, %s) = %s', (a, b, same) => {
    expect(sameForm(p(a), p(b))).toBe(same);
    expect(formKey(p(a)) === formKey(p(b))).toBe(same);
  });

  it('sameTree counts parentheses', () => {
    expect(sameTree(p('a+(b+c)'), p('(a+b)+c'))).toBe(false);
    expect(sameTree(p('a+b+c'), p('a + b + c'))).toBe(true);
  });
});

describe('determinism', () => {
  it('the same submission always gets the same verdict and counterexample', async () => {
    const a = await equivalent(p('√(x^2) + y'), p('x + y'), { seedText: 'problem 7 | sqrt(x^2)+y' });
    const b = await equivalent(p('√(x^2) + y'), p('x + y'), { seedText: 'problem 7 | sqrt(x^2)+y' });
    expect(b).toEqual(a);
    expect(a.verdict).toBe('incorrect');
    expect(a.counterexample!.point.x).toBeLessThan(0);
  });

  it('the verdict does not depend on the seed', async () => {
    for (let k = 0; k < 10; k++) {
      const r = await equivalent(p('((1-y)/(1-s) - y/s)*s(1-s)'), p('s - y'), { seedText: `seed ${k}` });
      expect(r.verdict).toBe('correct');
      const w = await equivalent(p('x + x^2/10^6'), p('x'), { seedText: `seed ${k}` });
      expect(w.verdict).toBe('incorrect');
    }
  });
});
