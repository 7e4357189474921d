// checkEquivalent, table-driven: one row per behaviour, [left, right, expected status, options].
// Rows cover SEEDS.md G1–G3 identities (verified), wrong steps (refuted, with the point and both
// values), removable singularities (accepted), domain changes and empty domains (unverifiable),
// and sides holding d/dx(…) nodes (numerical derivatives at the looser tolerance).
import { describe, expect, it } from 'vitest';
import { checkEquivalent, type CheckOptions, type Verdict } from '../../src/check/index.js';
import { parseTextProgram } from '../../src/parse/text.js';

const p = (s: string) => parseTextProgram(s).program.body!;

type Row = [left: string, right: string, expected: Verdict['status'], opts?: CheckOptions];

const ROWS: Row[] = [
  // G1 — one neuron, sigmoid, BCE (SEEDS.md)
  ['(y-ŷ)/(y(1-y))*y(1-y)', 'y - ŷ', 'verified'],
  ['e^(-z)/(1+e^(-z))^2', 'σ(z)(1-σ(z))', 'verified'],
  ['-(ŷ/y - (1-ŷ)/(1-y))', '(y-ŷ)/(y(1-y))', 'verified'],
  ['-(ŷ/y - (1-ŷ)/(1-y))', '-(ŷ(1-y) - (1-ŷ)y)/(y(1-y))', 'verified'],
  ['BCE(y, ŷ)', '-(ŷ log(y) + (1-ŷ) log(1-y))', 'verified'],
  ['-1/(1+e^(-z))^2 * (-e^(-z))', 'e^(-z)/(1+e^(-z))^2', 'verified'],
  ['1/(1+e^(-z)) * e^(-z)/(1+e^(-z))', 'e^(-z)/(1+e^(-z))^2', 'verified'],
  ['σ(z)', '1/(1+e^(-z))', 'verified'],
  ['BCE(σ(z), 1)', '-log(σ(z))', 'verified'],
  ['MSE(p, t)', '(p - t)^2', 'verified'],
  // algebra and the elementary functions
  ['(x+1)^2', 'x^2 + 2x + 1', 'verified'],
  ['log(x y)', 'log(x) + log(y)', 'verified'],
  ['sin(x)^2 + cos(x)^2', '1', 'verified'],
  ['exp(log(x))', 'x', 'verified'],
  ['abs(x)', 'sqrt(x^2)', 'verified'],
  ['relu(x)', 'x heaviside(x)', 'verified'],
  ['2^3 + 1/2', '17/2', 'verified'],
  // removable singularities: equal wherever both are defined
  ['(x^2-1)/(x-1)', 'x+1', 'verified'],
  ['x/x', '1', 'verified'],
  ['(y - ŷ)^2/(y - ŷ)', 'y - ŷ', 'verified'],
  // one side undefined at a minority of points: skipped and counted, still verified
  ['sqrt(x)^2', 'x', 'verified', { ranges: { x: [-0.5, 3] } }],
  // false identities
  ['σ(z)(1+σ(z))', 'σ(z)(1-σ(z))', 'refuted'],
  ['x + x^2/10^6', 'x', 'refuted'],
  ['√(x^2)', 'x', 'refuted'],
  ['(y-ŷ)/(y(1-y))', '(ŷ-y)/(y(1-y))', 'refuted'],
  ['(a+b)^2', 'a^2 + b^2', 'refuted'],
  ['e^(-z)/(1+e^(-z))^2', 'e^(-z)/(1+e^(-z))', 'refuted'],
  ['x + 1/10^7', 'x', 'refuted'],
  // different or empty domains
  ['log(x)', 'log(-x)', 'unverifiable'],
  ['sqrt(x)', 'sqrt(-x)', 'unverifiable'],
  ['log(x^2)', '2 log(x)', 'verified'], // x is inferred positive from log(x) …
  ['log(x^2)', '2 log(x)', 'unverifiable', { ranges: { x: [-3, 3] } }], // … unless declared otherwise
  ['log(-x^2)', 'log(-x^2 - 1)', 'unverifiable'],
  ['asin(x + 10)', 'asin(x + 10)', 'unverifiable'],
  // unevaluated derivatives d/dx(…), by numerical differentiation
  ['d/dx(x^3)', '3x^2', 'verified'],
  ['d/dz σ(z)', 'σ(z)(1-σ(z))', 'verified'],
  ['d/dx(x^3)', '2x^2', 'refuted'],
  ['d/dz σ(z)', 'σ(z)^2', 'refuted'],
  ['d/dz(-log(σ(z)))', 'σ(z) - 1', 'verified'],
  ['d/dy BCE(y, ŷ)', '(y-ŷ)/(y(1-y))', 'verified'],
  ['d/dw BCE(σ(w x + b), ŷ)', '(σ(w x + b) - ŷ) x', 'verified'],
  ['d/dw BCE(σ(w x + b), ŷ)', '(σ(w x + b) - ŷ)', 'refuted'],
  ['d/dx log(x/3 + 2/3)', '(1/3)(1/(x/3 + 2/3))', 'verified'],
  ['d/dx(x^2) + d/dx(x)', '2x + 1', 'verified'],
  ['d/dx(d/dx(x^4))', '12x^2', 'verified'],
  ['d/dx(y^2)', '0', 'verified'],
  ['d/dx(x y)', 'd/dy(x y)', 'refuted'],
  ['d/dx(x y)', 'y', 'verified'],
];

describe('checkEquivalent', () => {
  it.each(ROWS)('%s  vs  %s → %s', (a, b, expected, opts) => {
    const v = checkEquivalent(p(a), p(b), opts);
    expect(v.status, JSON.stringify(v)).toBe(expected);
    if (v.status === 'verified') {
      expect(v.points).toBeGreaterThanOrEqual(/[a-z]/.test(a + b) ? 16 : 1);
      expect(v.maxRelError).toBeLessThan(1e-6);
    }
    if (v.status === 'refuted') {
      // the point is a real counterexample: both sides defined and different there
      expect(Number.isFinite(v.left) && Number.isFinite(v.right)).toBe(true);
      expect(Math.abs(v.left - v.right)).toBeGreaterThan(1e-12);
      expect(Object.keys(v.point).length).toBeGreaterThan(0);
    }
    if (v.status === 'unverifiable') expect(v.reason).toMatch(/different domains|only \d+ of \d+ points/);
  });

  it('reports why: different domains name a point, an empty domain counts the points', () => {
    const d = checkEquivalent(p('log(x)'), p('log(-x)'));
    expect(d).toMatchObject({ status: 'unverifiable', points: 0 });
    if (d.status === 'unverifiable') {
      expect(d.reason).toMatch(/^the two sides have different domains: at x = [\d.]+ the left side is [-\d.]+ and the right side is undefined/);
      expect(d.point?.x).toBeGreaterThan(0);
    }
    const e = checkEquivalent(p('log(-x^2)'), p('log(-x^2 - 1)'));
    expect(e).toEqual({ status: 'unverifiable', points: 0, reason: 'only 0 of 16 points are inside the domain of both sides (640 candidates drawn)' });
  });

  it('counts one-sided points in a verified verdict', () => {
    const v = checkEquivalent(p('sqrt(x)^2'), p('x'), { ranges: { x: [-0.5, 3] } });
    expect(v.status).toBe('verified');
    if (v.status === 'verified') expect(v.oneSided).toBeGreaterThan(0);
  });

  it('refutes x + x²/10⁶ against x at the default rtol 1e-9 but accepts it at rtol 1e-5', () => {
    expect(checkEquivalent(p('x + x^2/10^6'), p('x')).status).toBe('refuted');
    expect(checkEquivalent(p('x + x^2/10^6'), p('x'), { rtol: 1e-5 }).status).toBe('verified');
  });

  it('refutes √(x²) = x at a negative x, with both values', () => {
    const v = checkEquivalent(p('√(x^2)'), p('x'));
    expect(v.status).toBe('refuted');
    if (v.status === 'refuted') {
      expect(v.point.x).toBeLessThan(0);
      expect(v.left).toBe(-v.point.x!);
      expect(v.right).toBe(v.point.x);
    }
  });

  it('compares as many points as asked, and a constant once', () => {
    expect(checkEquivalent(p('(x+1)^2'), p('x^2+2x+1'), { points: 50 })).toMatchObject({ status: 'verified', points: 50 });
    expect(checkEquivalent(p('2^10'), p('1024'))).toMatchObject({ status: 'verified', points: 1 });
    expect(checkEquivalent(p('1/0'), p('1'))).toMatchObject({ status: 'unverifiable', points: 0 });
    expect(() => checkEquivalent(p('x'), p('x'), { points: 0 })).toThrow(RangeError);
    expect(() => checkEquivalent(p('x'), p('x'), { ranges: { x: [1, 1] } })).toThrow(RangeError);
  });

  it('is deterministic: the same inputs give the same verdict and the same point', () => {
    const run = () => checkEquivalent(p('σ(z)(1+σ(z))'), p('σ(z)(1-σ(z))'));
    expect(run()).toEqual(run());
    const other = checkEquivalent(p('σ(z)(1+σ(z))'), p('σ(z)(1-σ(z))'), { seed: 12345 });
    expect(other.status).toBe('refuted');
    expect(other).not.toEqual(run());
  });

  it('returns frozen, JSON-serialisable data', () => {
    for (const [a, b, , opts] of ROWS) {
      const v = checkEquivalent(p(a), p(b), opts);
      expect(Object.isFrozen(v)).toBe(true);
      expect(JSON.parse(JSON.stringify(v))).toEqual(v);
    }
  });
});
