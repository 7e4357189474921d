// Sampling: inferred ranges (table), the default sampler's shape, separation of values,
// determinism of the seeded stream, rejection and its reported shortfall, and speed.
import { describe, expect, it } from 'vitest';
import {
  checkEquivalent, inferRanges, samplePoints, seedOf, variablesOf, type Interval,
} from '../../src/check/index.js';
import { parseTextProgram } from '../../src/parse/text.js';

const p = (s: string) => parseTextProgram(s).program.body!;
const plain = (lo: number, hi: number): Interval => ({ lo, hi, signed: false });

describe('inferRanges', () => {
  it.each([
    ['BCE(y, ŷ)', { y: plain(0, 1) }], // the prediction is a probability; the label is free
    ['BCE(σ(z), y)', {}], // σ(z) is in (0, 1) already
    ['log(y) + log(1 - y)', { y: plain(0, 1) }],
    ['log(1 - y)', { y: plain(0, 1) }],
    ['log(x) + sqrt(t)', { t: plain(0, 3), x: plain(0, 3) }],
    ['log(x^2)', {}], // not directly the argument
    ['asin(u) + acosh(v)', { u: plain(-1, 1), v: plain(1, 3) }],
    ['acoth(x)', { x: { lo: 1, hi: 3, signed: true } }],
    ['acoth(x) + log(x)', { x: plain(1, 3) }], // a signed range meets a plain one by its positive half
    ['d/dy log(y)', { y: plain(0, 3) }],
    ['x + y', {}],
  ] as const)('%s → %j', (e, want) => {
    expect(inferRanges([p(e)])).toEqual(want);
  });
  it('lets declared ranges win', () => {
    expect(inferRanges([p('log(x)')], { x: [-2, 2] })).toEqual({ x: plain(-2, 2) });
  });
});

describe('samplePoints', () => {
  it('gives 16 points where every expression is finite, variables in sorted order', () => {
    const es = [p('BCE(y, ŷ)'), p('(y-ŷ)/(y(1-y))'), p('d/dw σ(w x)')];
    const { points, reason } = samplePoints(es, 16);
    expect(reason).toBeUndefined();
    expect(points).toHaveLength(16);
    for (const pt of points) {
      expect(Object.keys(pt)).toEqual(['w', 'x', 'y', 'y_hat']);
      expect(pt.y).toBeGreaterThan(0);
      expect(pt.y).toBeLessThan(1);
    }
  });

  it('draws default values with |v| in [0.1, 3] and both signs, away from 0, ±1 and each other', () => {
    const { points } = samplePoints([p('a + b + c + d')], 400);
    const vs = points.flatMap((pt) => Object.values(pt));
    expect(Math.min(...vs.map(Math.abs))).toBeGreaterThanOrEqual(0.1);
    expect(Math.max(...vs.map(Math.abs))).toBeLessThanOrEqual(3);
    expect(vs.filter((v) => v < 0).length / vs.length).toBeGreaterThan(0.4);
    for (const v of vs) expect(Math.abs(Math.abs(v) - 1)).toBeGreaterThanOrEqual(1e-3);
    for (const pt of points) {
      const xs = Object.values(pt);
      for (let i = 0; i < xs.length; i++) {
        for (let j = 0; j < i; j++) expect(Math.abs(Math.abs(xs[i]!) - Math.abs(xs[j]!))).toBeGreaterThanOrEqual(1e-3);
      }
    }
  });

  it('keeps 1 % of a range away from its edges', () => {
    const { points } = samplePoints([p('x')], 200, { ranges: { x: [0, 1] } });
    for (const { x } of points) expect(x! >= 0.01 && x! <= 0.99).toBe(true);
  });

  it('is deterministic, and the seed is a hash of the trees unless given', () => {
    const es = [p('σ(w x + b)')];
    expect(samplePoints(es, 16)).toEqual(samplePoints([p('σ(w x + b)')], 16));
    expect(samplePoints(es, 16)).toEqual(samplePoints(es, 16, { seed: seedOf(es) }));
    expect(samplePoints(es, 16, { seed: 1 })).not.toEqual(samplePoints(es, 16));
    expect(seedOf([p('x + y')])).not.toBe(seedOf([p('y + x')]));
  });

  it('reports a shortfall instead of passing silently', () => {
    // asin(x + 3.95) needs x in [−4.95, −2.95]: under 1 % of the default sampler's values
    const few = samplePoints([p('asin(x + 3.95)')], 16);
    expect(few.reason).toBe(`only ${few.points.length} of 16 points are inside the domain (640 candidates drawn)`);
    expect(few.points.length).toBeGreaterThan(0);
    expect(few.points.length).toBeLessThan(16);
    expect(samplePoints([p('log(-x^2)')], 16)).toEqual({ points: [], reason: 'only 0 of 16 points are inside the domain (640 candidates drawn)' });
  });

  it('samples the variable of d/dx even when no free symbol names it', () => {
    expect(variablesOf([p('d/dx(y^2)')])).toEqual(['x', 'y']);
    expect(samplePoints([p('d/dx(y^2)')], 2).points.every((pt) => 'x' in pt)).toBe(true);
  });
});

describe('G1-sized step checks (speed: npm run bench, bench/numeric.ts)', () => {
  it('verifies a G1 step and a σ′ step on fresh trees', () => {
    const pairs = Array.from({ length: 100 }, (_, i) => [
      p(`(y-ŷ)/(y(1-y))*y(1-y) + ${i}`), p(`y - ŷ + ${i}`), p(`d/dz σ(z) + ${i}`), p(`σ(z)(1-σ(z)) + ${i}`),
    ] as const);
    for (const [a, b, c, d] of pairs) {
      expect(checkEquivalent(a, b).status).toBe('verified');
      expect(checkEquivalent(c, d).status).toBe('verified');
    }
  });
});
