// Every registry function evaluates at 64 and 128 digits with a kernel of its own or through its
// definition — never "degraded" to a double, which would let a small wrong difference pass (docs/
// numeric.md, tier 3). erf has its positive-term series: values against references computed with
// mpmath at 60 digits, and wrong answers that differ from erf by 10⁻¹² or 10⁻¹⁵ are rejected.
import { describe, expect, it } from 'vitest';
import { add, call, int, neg, sym } from '../../src/ast/build.js';
import { FUNCTIONS } from '../../src/functions/index.js';
import { runOp } from '../../src/api/run.js';
import { loadPrecise } from '../../src/numeric/decimal.js';

const POINTS = [0.3, 0.7, 1.6, 2.5, -0.4, -1.3];

describe('high-precision kernels', () => {
  it('has no degraded function in the registry', async () => {
    const [, hi] = await loadPrecise();
    const degraded: string[] = [];
    for (const spec of FUNCTIONS) {
      const args = Array.from({ length: spec.arity }, (_, i) => sym(`x${i}`));
      let tried = 0;
      for (const p of POINTS) {
        const point = Object.fromEntries(args.map((_, i) => [`x${i}`, i === 0 ? p : 0.25 + 0.1 * i]));
        const r = hi.evaluate(call(spec.name, ...args), point);
        if (!r.ok) continue;
        tried++;
        if (r.degraded) degraded.push(`${spec.name} at ${JSON.stringify(point)}`);
      }
      expect(tried, `${spec.name} has a point in its domain`).toBeGreaterThan(0);
    }
    expect(degraded).toEqual([]);
  });

  it.each([
    // x, erf(x) to 45 significant digits (mpmath, mp.dps = 60)
    [0.5, '0.520499877813046537682746653891964528736451576'],
    [3, '0.999977909503001414558627223870417679620152293'],
    [-1.25, '-0.922900128256458230136523481197281140423601439'],
    [1e-30, '1.12837916709551257389615890312154517168810126e-30'],
  ])('erf(%s) to 45 digits', async (x, ref) => {
    const [, hi] = await loadPrecise();
    const r = hi.evaluate(call('erf', sym('x')), { x });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.degraded).toBe(false);
    const got = r.value.toSignificantDigits(45).toString();
    expect(got).toBe(ref.replace(/(\.\d*?)0+$/, '$1'));
  });

  it.each([
    // x, erfc(x) = 1 − erf(x), from a cancelling sum that 128 digits still resolve
    [5, '1.53745979442803485018834348538337889011805031e-12'],
    [10, '2.08848758376254475700078629495778861156081812e-45'],
  ])('1 − erf(%s) keeps its digits', async (x, ref) => {
    const [, hi] = await loadPrecise();
    const r = hi.evaluate(add(int(1), neg(call('erf', sym('x')))), { x });
    expect(r.ok && r.value.toSignificantDigits(45).toString()).toBe(ref);
  });

  it.each([
    ['erf(x)', 'erf(x)*(1 + 10^-12)'],
    ['sin(erf(x))', 'sin(erf(x)) + 10^-15'],
    ['gelu(x)', 'x*(1 + erf(x/sqrt(2)))/2 + 10^-13*x'],
  ])('rejects %s vs %s', async (expected, answer) => {
    const res = (await runOp('verify', { expected, answer })) as { verdict: string };
    expect(res.verdict).toBe('incorrect');
  });

  it('evaluates 1 − erf(5) without flagging it approximate', async () => {
    const res = (await runOp('evaluate', { expr: '1 - erf(5)' })) as { value: number; approximate?: boolean };
    expect(res.approximate).toBeUndefined();
    expect(res.value).toBeCloseTo(1.5374597944280347e-12, 25);
  });
});
