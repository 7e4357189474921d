// Derivative checks: every partial of every registry spec against Ridders' numerical derivative
// (sync) and against the complex step (async, mathjs), wrong partials refuted, the precision
// difference between the two paths, Ridders itself, and numericValue with d/dx nodes.
import { describe, expect, it } from 'vitest';
import { call, sym } from '../../src/ast/build.js';
import {
  checkDerivative, checkDerivativeComplex, numericValue, ridders,
} from '../../src/check/index.js';
import { ChainruleError } from '../../src/errors.js';
import { FUNCTIONS } from '../../src/functions/index.js';
import { parseTextProgram } from '../../src/parse/text.js';

const p = (s: string) => parseTextProgram(s).program.body!;
/** Arguments x (and t for the second parameter, a label or target). */
const ARGS = ['x', 't'];
const PARTIALS = FUNCTIONS.flatMap((spec) =>
  spec.partials.map((partial, i) => {
    const args = spec.params.map((_, j) => sym(ARGS[j]!));
    return [`∂${spec.name}/∂${spec.params[i]}`, call(spec.name, ...args), ARGS[i]!, partial(args)] as const;
  }),
);

describe('checkDerivative: every partial in the registry', () => {
  it.each(PARTIALS)('%s (Ridders)', (_name, f, wrt, df) => {
    const v = checkDerivative(f, wrt, df);
    expect(v, JSON.stringify(v)).toMatchObject({ status: 'verified', points: 16, oneSided: 0 });
  });
  // erf (and gelu through it) has no complex kernel yet: its complex-step check falls back to
  // Ridders, which the row above covers (to Ridders' precision, not the complex step's 1e-12)
  const NO_COMPLEX_KERNEL = /^∂(erf|gelu)\//;
  it.each(PARTIALS.filter(([name]) => !NO_COMPLEX_KERNEL.test(name)))('%s (complex step)', async (_name, f, wrt, df) => {
    const v = await checkDerivativeComplex(f, wrt, df);
    expect(v, JSON.stringify(v)).toMatchObject({ status: 'verified', points: 16, oneSided: 0 });
    if (v.status === 'verified') expect(v.maxRelError).toBeLessThan(1e-12);
  });
});

type Row = [f: string, wrt: string, df: string, expected: 'verified' | 'refuted'];
const ROWS: Row[] = [
  ['σ(z)', 'z', 'σ(z)(1-σ(z))', 'verified'],
  ['σ(z)', 'z', 'σ(z)(1+σ(z))', 'refuted'],
  ['BCE(y, ŷ)', 'y', '(y-ŷ)/(y(1-y))', 'verified'],
  ['BCE(y, ŷ)', 'y', '(ŷ-y)/(y(1-y))', 'refuted'],
  ['BCE(σ(w x + b), ŷ)', 'w', '(σ(w x + b) - ŷ) x', 'verified'],
  ['BCE(σ(w x + b), ŷ)', 'b', 'σ(w x + b) - ŷ', 'verified'],
  ['BCE(σ(w x + b), ŷ)', 'x', '(σ(w x + b) - ŷ) x', 'refuted'],
  ['log(x/3 + 2/3)', 'x', '(1/3)(1/(x/3 + 2/3))', 'verified'],
  ['(x+1)^2', 'x', '2(x+1)', 'verified'],
  ['tanh(x)', 'x', '1 + tanh(x)^2', 'refuted'],
  ['relu(x)', 'x', 'heaviside(x)', 'verified'],
  ['x^x', 'x', 'x^x (log(x) + 1)', 'verified'],
  ['y^2', 'x', '0', 'verified'],
];

describe.each(['sync', 'complex'] as const)('checkDerivative (%s)', (path) => {
  it.each(ROWS)('d/d%2$s %1$s = %3$s → %4$s', async (f, wrt, df, expected) => {
    const v = path === 'sync' ? checkDerivative(p(f), wrt, p(df)) : await checkDerivativeComplex(p(f), wrt, p(df));
    expect(v.status, JSON.stringify(v)).toBe(expected);
  });
});

describe('the two derivative paths', () => {
  const f = p('BCE(σ(w x + b), ŷ)');
  const off = p('(σ(w x + b) - ŷ) x + 1/10^8'); // wrong by 1e-8, far below Ridders' tolerance

  it('Ridders cannot see an error of 1e-8; the complex step refutes it', async () => {
    expect(checkDerivative(f, 'w', off).status).toBe('verified');
    const v = await checkDerivativeComplex(f, 'w', off);
    expect(v.status).toBe('refuted');
    if (v.status === 'refuted') expect(Math.abs(v.left - v.right)).toBeCloseTo(1e-8, 15);
  });

  it('sample the same points, so their refutations name the same point', async () => {
    const wrong = p('(σ(w x + b) - ŷ)');
    expect(await checkDerivativeComplex(f, 'w', wrong)).toMatchObject({
      status: 'refuted', point: (checkDerivative(f, 'w', wrong) as { point: object }).point,
    });
  });

  it('falls back to Ridders for non-analytic f and for f holding d/dx nodes', async () => {
    for (const [g, wrt, dg] of [['abs(x)', 'x', 'sign(x)'], ['relu(x) x', 'x', 'heaviside(x) x + relu(x)'], ['d/dx(x^3)', 'x', '6x']]) {
      expect(await checkDerivativeComplex(p(g!), wrt!, p(dg!))).toEqual(checkDerivative(p(g!), wrt!, p(dg!)));
    }
  });
});

describe('ridders', () => {
  const ROWS_R: [string, (x: number) => number, number, number][] = [
    ['exp at 1', Math.exp, 1, Math.E],
    ['sin at 2', Math.sin, 2, Math.cos(2)],
    ['log at 0.001 (near its singularity)', Math.log, 0.001, 1000],
    ['log(1 − x) at 0.99', (x) => Math.log(1 - x), 0.99, -100],
    ['x³ at −2.5', (x) => x ** 3, -2.5, 18.75],
    ['sqrt, NaN below 0, at 0.01', Math.sqrt, 0.01, 5],
  ];
  it.each(ROWS_R)('%s', (_name, f, x, want) => {
    const r = ridders(f, x);
    expect(Math.abs(r.value - want)).toBeLessThanOrEqual(1e-10 * Math.abs(want));
    expect(r.error).toBeLessThan(1e-9 * Math.abs(want));
  });
  it('has no estimate where f is undefined on both sides', () => {
    expect(ridders(Math.sqrt, -1)).toEqual({ value: NaN, error: Infinity });
  });
});

describe('numericValue', () => {
  it.each([
    ['x^2', { x: 3 }, 9],
    ['BCE(y, t)', { y: 0.5, t: 1 }, Math.log(2)],
    ['d/dx(x^3)', { x: 2 }, 12],
    ['d/dx(d/dx(x^3))', { x: 2 }, 12],
    ['d/dx(y^2)', { y: 2 }, 0],
    ['d/dx(x y) + x', { x: 1.5, y: -2 }, -0.5],
    // central differences are symmetric: at a kink they see the mean slope (a limitation, which
    // sampling makes harmless: a random point is never exactly on the kink)
    ['d/dx abs(x)', { x: 0 }, 0],
  ] as const)('%s at %j ≈ %d', (e, point, want) => {
    expect(numericValue(p(e), point)).toBeCloseTo(want, 8);
  });
  it.each([
    ['log(x)', { x: -1 }],
    ['1/x', { x: 0 }],
    ['exp(x)', { x: 1000 }], // overflow is not a value a check can compare
    ['d/dx log(x)', { x: -1 }],
    ['d/dx sqrt(x)', { x: 0 }], // defined at 0, but not on both sides of it
  ] as const)('%s at %j is NaN', (e, point) => {
    expect(numericValue(p(e), point)).toBeNaN();
  });
  it('throws UNBOUND_VARIABLE for a symbol without a value (a caller bug, not a failed check)', () => {
    expect(() => numericValue(p('x + y'), { x: 1 })).toThrow(ChainruleError);
  });
});
