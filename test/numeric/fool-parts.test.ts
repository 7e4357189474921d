// The parts behind answer checking that cannot be fooled (issue 10, item 4): seeded random primes
// for residues, the probe points (far, tiny, both sides of kinks), the bounded high-precision
// functions. The verdicts these parts produce are tested in test/verify/fool.test.ts.
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/ast/nodes.js';
import { mainExpr, parse } from '../../src/parse/index.js';
import { BEYOND, loadPrecise } from '../../src/numeric/decimal.js';
import { isPrime, MOD_PRIMES, modValue, P, primesFor } from '../../src/numeric/exact.js';
import { farPoints, kinkPoints } from '../../src/numeric/probes.js';

const p = (s: string): Expr => mainExpr(parse(s));

describe('residues modulo seeded random primes', () => {
  it.each([1, 2, 12345, 0xdeadbeef])('seed %i: MOD_PRIMES distinct primes in [2^61, 2^62), the same each time', (seed) => {
    const ps = primesFor(seed);
    expect(ps).toHaveLength(MOD_PRIMES);
    expect(new Set(ps).size).toBe(MOD_PRIMES);
    for (const q of ps) {
      expect(isPrime(q)).toBe(true);
      expect(q >= 1n << 61n && q < 1n << 62n).toBe(true);
    }
    expect(primesFor(seed)).toEqual(ps);
  });
  it.each([
    [561n, false], [2n ** 61n - 1n, true], [2n ** 61n + 1n, false], [1_000_000_007n, true], [3215031751n, false],
  ])('isPrime(%s) = %s', (n, want) => expect(isPrime(n)).toBe(want));
  it('2^61·x^65 and x^65 collide modulo 2^61 − 1 but not modulo the random primes', () => {
    const at = { x: 1.5 };
    expect(modValue(p('2^61*x^65'), at, P)).toBe(modValue(p('x^65'), at, P));
    for (const q of primesFor(7)) expect(modValue(p('2^61*x^65'), at, q)).not.toBe(modValue(p('x^65'), at, q));
  });
});

describe('probe points', () => {
  const base = [Float64Array.from([2.5, -0.03])];
  it('far and tiny points keep the signs and reach 10^12 and 10^-7', () => {
    const pts = farPoints(base, 2);
    const mags = pts.map((q) => Math.max(...q.map(Math.abs)));
    expect(Math.max(...mags)).toBeGreaterThan(1e12);
    expect(Math.min(...pts.map((q) => Math.min(...q.map(Math.abs))))).toBeLessThan(1e-7);
    expect(pts.some((q) => q[0]! > 0 && q[1]! < 0) && pts.some((q) => q[0]! < 0 && q[1]! > 0)).toBe(true);
  });
  it('kink points sit on both sides of the breakpoint x = 3 of abs(x − 3), close to it', () => {
    const pts = kinkPoints([p('abs(x - 3)')], ['x'], [Float64Array.from([0.7])]).map((q) => q[0]!);
    expect(pts.some((x) => x > 3 && x - 3 < 1e-6)).toBe(true);
    expect(pts.some((x) => x < 3 && 3 - x < 1e-6)).toBe(true);
  });
  it('a breakpoint along either variable of relu(w·x + b)', () => {
    const pts = kinkPoints([p('relu(w*x + b)')], ['b', 'w', 'x'], [Float64Array.from([0.5, 2, 1.5])]);
    const u = pts.map((q) => q[1]! * q[2]! + q[0]!);
    expect(u.some((v) => v > 0 && v < 1e-6)).toBe(true);
    expect(u.some((v) => v < 0 && v > -1e-6)).toBe(true);
  });
  it('no kinked call, no kink points', () => expect(kinkPoints([p('x^2 + sin(x)')], ['x'], base.slice(0, 1))).toEqual([]));
});

describe('bounded high-precision functions', () => {
  it.each([
    ['cosh(x)', 1e17], ['sinh(x)', -1e17], ['exp(x)', 1e17], ['sinh(3^x)', 1e4], ['x^x', 1e300],
  ])('%s at %s is beyond the range, refused before it is computed', async (e, x) => {
    const [, p128] = await loadPrecise();
    const r = p128.evaluate(p(e), { x });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe(BEYOND);
  });
  it.each([
    // cosh(40)/exp(40) = (1 + e^-80)/2; tanh saturates to ±1 without overflow
    ['cosh(x)/exp(x)', 40, '0.5'],
    ['tanh(x)', 1e20, '1'],
    ['tanh(x)', -1e20, '-1'],
    ['cos(x*pi)', 1370000000, '1'],
    // through exp: decimal.js's own cosh series took minutes here
    ['cosh(x)/exp(x)', 1e8, '0.5'],
  ])('%s at %s = %s to 30 digits', async (e, x, want) => {
    const [, p128] = await loadPrecise();
    const r = p128.evaluate(p(e), { x });
    expect(r.ok && r.value.toSignificantDigits(30).toString()).toBe(want);
  });
  it('cos(1370000000.0000002·π) has the right sign (decimal.js alone got it wrong)', async () => {
    const [, p128] = await loadPrecise();
    const r = p128.evaluate(p('-cos(n*pi) - sin((2*pi*n - pi)/2)'), { n: 1370000000.0000002 });
    expect(r.ok && r.value.abs().lt(1e-100)).toBe(true);
  });
});
