// The symbolic knowledge in the function specs (src/functions/spec.ts, the issue-8 block): exact
// values are the functions' values, canonical rewrites equal the function wherever it is defined
// (and do not call it), and loss roles name a prediction and a label by position. These fields
// replaced the side tables AT_ZERO (rules/simp.ts), TRIG/HYPERBOLIC (verify/symbolic.ts) and
// OPENED (verify/diagnose-parts.ts); the rows below keep what those tables held.
import { describe, expect, it } from 'vitest';
import { call, sym } from '../../src/ast/build.js';
import { findPath } from '../../src/ast/traverse.js';
import { checkEquivalent } from '../../src/check/index.js';
import { FUNCTIONS, getFunction } from '../../src/functions/index.js';
import { evaluate } from '../../src/numeric/float.js';
import { toText } from '../../src/render/index.js';
import { canonical } from '../../src/verify/symbolic.js';
import { lossCalls, openLosses } from '../../src/verify/diagnose-parts.js';
import { parseTextProgram } from '../../src/parse/text.js';

const P = (s: string) => parseTextProgram(s).program.body!;
const value = (n: { n: bigint; d: bigint }) => Number(n.n) / Number(n.d);

describe('exact values', () => {
  const rows = FUNCTIONS.flatMap((f) => (f.exactValues ?? []).map((p) => [f.name, value(p.at), value(p.value)] as const));
  it('cover the points the old table held (f(0) for 18 functions, log(1), log10(1))', () => {
    const atZero = FUNCTIONS.filter((f) => f.exactValues?.some((p) => p.at.n === 0n)).map((f) => f.name).sort();
    expect(atZero).toEqual(['abs', 'asin', 'asinh', 'atan', 'atanh', 'cbrt', 'cos', 'cosh', 'exp', 'heaviside', 'relu', 'sigmoid', 'sign', 'sin', 'sinh', 'sqrt', 'tan', 'tanh']);
    expect(getFunction('log').exactValues?.map((p) => value(p.at))).toEqual([1]);
    expect(getFunction('log10').exactValues?.map((p) => value(p.at))).toEqual([1]);
  });
  it.each(rows)('%s(%d) = %d is the float value', (fn, at, v) => {
    const r = evaluate(call(fn, P(String(at))), {});
    expect(r.ok && r.value).toBeCloseTo(v, 15);
  });
  it.each([['abs', '(-7/3)'], ['sqrt', '(49/16)'], ['sqrt', '1']] as const)('exactRule of %s at %s is the float value', (fn, at) => {
    const q = P(at);
    if (q.kind !== 'num') throw new Error('not a number');
    const exact = getFunction(fn).exactRule!(q)!;
    const r = evaluate(call(fn, q), {});
    expect(r.ok && r.value).toBeCloseTo(value(exact), 15);
  });
  it('has no exact √ of a non-square, nor of a negative number', () => {
    const sqrt = getFunction('sqrt').exactRule!;
    for (const s of ['2', '(3/4)', '(-4)']) {
      const q = P(s);
      if (q.kind === 'num') expect(sqrt(q)).toBeUndefined();
    }
  });
});

describe('canonical rewrites', () => {
  const withCanonical = FUNCTIONS.filter((f) => f.canonical);
  it('cover sqrt, tan/sec/csc/cot and the six hyperbolic functions', () => {
    expect(withCanonical.map((f) => f.name).sort()).toEqual(['coth', 'cosh', 'cot', 'csc', 'csch', 'sec', 'sech', 'sinh', 'sqrt', 'tan', 'tanh'].sort());
  });
  it.each(withCanonical.map((f) => [f.name, f] as const))('%s equals its canonical rewrite and does not call itself', (name, f) => {
    const u = P('x^2/3 - x');
    const rewritten = f.canonical!([u]);
    expect(findPath(rewritten, (n) => n.kind === 'call' && n.fn === name)).toBeUndefined();
    const v = checkEquivalent(call(name, u), rewritten, { domain: [call(name, u)] });
    expect(v.status, `${toText(rewritten)}: ${JSON.stringify(v)}`).toBe('verified');
  });
  it('are what symbolic answer checking reduces to (tan through sin/cos, sinh through exp)', () => {
    expect(toText(canonical(call('tan', sym('x'))))).not.toContain('tan');
    expect(toText(canonical(call('sinh', sym('x'))))).not.toContain('sinh');
  });
});

describe('loss roles', () => {
  const losses = FUNCTIONS.filter((f) => f.loss);
  it('are BCE and MSE, the functions whose definitions diagnosis opens', () => {
    expect(losses.map((f) => f.name)).toEqual(['BCE', 'MSE']);
  });
  it.each(losses.map((f) => [f.name, f] as const))('%s names its prediction and label by position', (_n, f) => {
    expect(f.params[f.loss!.prediction]).toBe('prediction');
    expect(['label', 'target']).toContain(f.params[f.loss!.label]);
    expect(f.definition).toBeDefined();
  });
  it('drive lossCalls and openLosses', () => {
    const e = P('BCE(σ(wx + b), ŷ) + MSE(a, t)');
    expect(lossCalls(e).map((c) => [c.fn, toText(c.prediction), toText(c.label)])).toEqual([
      ['BCE', 'sigmoid(w*x + b)', 'y_hat'],
      ['MSE', 'a', 't'],
    ]);
    expect(toText(openLosses(e))).not.toMatch(/BCE|MSE/);
  });
});
