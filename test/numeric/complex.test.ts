// Complex evaluation (src/numeric/complex.ts): principal values, the definitions of σ/BCE/MSE,
// agreement with the real evaluator on the real axis, complex-step derivatives of every analytic
// registry function against its spec partials, NOT_ANALYTIC for abs/sign/relu/heaviside, and the
// lazy mathjs import that keeps the CLI start fast.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { add, call, div, int, mul, neg, pow, rat, sub, sym } from '../../src/ast/build.js';
import type { Expr } from '../../src/ast/nodes.js';
import {
  type ComplexPoint, type ComplexValue, evaluate, evaluateComplex, formatComplex, loadComplexEvaluator,
} from '../../src/numeric/index.js';
import { FUNCTIONS, type FunctionSpec } from '../../src/functions/index.js';

const x = sym('x');
const y = sym('y');
const ev = await loadComplexEvaluator();
const math = await import('mathjs');

function close(a: ComplexValue, b: ComplexValue, tol = 1e-12) {
  const scale = Math.max(1, Math.hypot(b.re, b.im));
  expect(Math.hypot(a.re - b.re, a.im - b.im), `${formatComplex(a)} vs ${formatComplex(b)}`).toBeLessThanOrEqual(tol * scale);
}

describe('evaluateComplex: values', () => {
  const z = { re: 0.5, im: -1.25 };
  const mz = math.complex(z.re, z.im);
  const sigmoidRef = math.divide(1, math.add(1, math.exp(math.unaryMinus(mz)))) as unknown as ComplexValue;
  const rows: Array<[string, Expr, ComplexPoint, ComplexValue]> = [
    ['log(−1) = iπ', call('log', x), { x: -1 }, { re: 0, im: Math.PI }],
    ['sqrt(−4) = 2i', call('sqrt', x), { x: -4 }, { re: 0, im: 2 }],
    ['i² = −1 exactly', pow(x, int(2)), { x: { re: 0, im: 1 } }, { re: -1, im: 0 }],
    ['(x+iy)·(x−iy)', mul(x, y), { x: { re: 1, im: 2 }, y: { re: 1, im: -2 } }, { re: 5, im: 0 }],
    ['division', div(int(1), x), { x: { re: 0, im: 2 } }, { re: 0, im: -0.5 }],
    ['σ(z) = 1/(1+e^(−z)) as mathjs computes it', call('sigmoid', x), { x: z }, sigmoidRef],
    ['MSE through its definition', call('MSE', x, y), { x: { re: 1, im: 1 }, y: 1 }, { re: -1, im: 0 }],
    ['real cube root on the real axis', call('cbrt', x), { x: -8 }, { re: -2, im: 0 }],
    ['principal value for a non-integer power', pow(x, rat(1n, 2n)), { x: -9 }, { re: 0, im: 3 }],
    ['non-analytic function on the real axis', call('abs', x), { x: -3 }, { re: 3, im: 0 }],
    ['relu on the real axis', call('relu', x), { x: 2 }, { re: 2, im: 0 }],
  ];
  it.each(rows)('%s', (_name, e, at, want) => {
    const r = ev.evaluate(e, at);
    expect(r.ok, r.ok ? '' : r.message).toBe(true);
    if (r.ok) close(r.value, want);
  });

  it('computes asin/acos/atan (own kernels) as mathjs does away from the real axis', () => {
    const zs = [{ re: 0.5, im: -1.25 }, { re: 2, im: 3 }, { re: -2, im: -0.5 }, { re: -0.3, im: 0.8 }, { re: 1.5, im: 1e-3 }];
    for (const name of ['asin', 'acos', 'atan', 'asec', 'acsc'] as const) {
      for (const z of zs) {
        const r = ev.evaluate(call(name, x), { x: z });
        const want = (math[name] as (c: unknown) => ComplexValue)(math.complex(z.re, z.im));
        expect(r.ok).toBe(true);
        if (r.ok) close(r.value, { re: want.re, im: want.im });
      }
    }
  });

  it('keeps an integer power of a negative real exactly real', () => {
    const r = ev.evaluate(pow(x, int(2)), { x: -3 });
    expect(r).toEqual({ ok: true, value: { re: 9, im: 0 } });
  });

  it('the async one-off form gives the same', async () => {
    expect(await evaluateComplex(call('log', x), { x: -1 })).toEqual(ev.evaluate(call('log', x), { x: -1 }));
  });

  it('walks a 10,000-deep neg chain', () => {
    let e: Expr = x;
    for (let i = 0; i < 10_000; i++) e = neg(e);
    expect(ev.evaluate(e, { x: { re: 1, im: 2 } })).toEqual({ ok: true, value: { re: 1, im: 2 } });
  });
});

describe('evaluateComplex: failures are data', () => {
  const h = { re: 0.5, im: 1e-20 };
  const rows: Array<[string, Expr, ComplexPoint, string, RegExp]> = [
    ['abs off the real axis', call('abs', x), { x: h }, 'NOT_ANALYTIC', /^abs is not analytic/],
    ['sign off the real axis', call('sign', x), { x: h }, 'NOT_ANALYTIC', /^sign is not analytic/],
    ['relu off the real axis', call('relu', x), { x: h }, 'NOT_ANALYTIC', /^relu is not analytic/],
    ['heaviside off the real axis', call('heaviside', x), { x: h }, 'NOT_ANALYTIC', /^heaviside is not analytic/],
    ['log 0', call('log', x), { x: 0 }, 'DOMAIN', /^log has no finite value/],
    ['a pole', call('coth', x), { x: 0 }, 'DOMAIN', /^coth has no finite value/],
    ['division by zero', div(int(1), sub(x, x)), { x: h }, 'DOMAIN', /division by zero/],
    ['0 to a negative power', pow(x, int(-1)), { x: 0 }, 'DOMAIN', /0 to a negative power/],
    ['unbound', add(x, y), { x: 1 }, 'UNBOUND_VARIABLE', /^y has no value$/],
  ];
  it.each(rows)('%s', (_name, e, at, code, message) => {
    const r = ev.evaluate(e, at);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.message).toMatch(message);
  });

  it('reports a failure inside a definition at the user’s call', () => {
    const c = call('BCE', x, y);
    const r = ev.evaluate(mul(int(2), c), { x: 0, y: 1 });
    expect(r.ok === false && r.node).toBe(c);
  });
});

/** The same sample points as the registry test: both signs, inside and outside (−1, 1). */
const CANDIDATES = [-3, -1.5, -0.7, -0.2, 0.3, 0.6, 0.9, 1.2, 2.5, 4];
const SECOND = [0, 0.3, 1];
const points = (spec: FunctionSpec) =>
  (spec.arity === 1 ? CANDIDATES.map((a) => [a]) : CANDIDATES.flatMap((a) => SECOND.map((t) => [a, t])))
    .filter((p) => spec.domain?.(...p) ?? true);
const argSyms = (spec: FunctionSpec) => spec.params.map((_, i) => sym(`a_${i}`));
// elu and leakyrelu are piecewise (through the step H); erf (and gelu through it) has no complex
// kernel yet: all four are real-axis only in the complex evaluator, like relu
const NOT_ANALYTIC = new Set(['abs', 'sign', 'relu', 'heaviside', 'elu', 'leakyrelu', 'erf', 'gelu']);

describe.each(FUNCTIONS.map((s) => [s.name, s] as const))('%s in the complex evaluator', (_name, spec) => {
  const tree = call(spec.name, ...argSyms(spec));

  it('agrees with the real evaluator on the real axis (same branch as the real spec)', () => {
    for (const p of points(spec)) {
      const real = evaluate(tree, Object.fromEntries(p.map((v, i) => [`a_${i}`, v])));
      const cx = ev.evaluate(tree, Object.fromEntries(p.map((v, i) => [`a_${i}`, v])));
      expect(real.ok && cx.ok, `${spec.name}(${p.join(', ')})`).toBe(true);
      if (real.ok && cx.ok) close(cx.value, { re: real.value, im: 0 });
    }
  });

  it.runIf(!NOT_ANALYTIC.has(spec.name))('gives complex-step derivatives equal to its partials', () => {
    // Im f(x + ih)/h = f'(x) + O(h²) with no cancellation, so h = 1e-20 is exact to rounding.
    const H = 1e-20;
    spec.partials.forEach((partial, i) => {
      const d = partial(argSyms(spec));
      for (const p of points(spec)) {
        const at = Object.fromEntries(p.map((v, j) => [`a_${j}`, j === i ? { re: v, im: H } : v]));
        const r = ev.evaluate(tree, at);
        const want = evaluate(d, Object.fromEntries(p.map((v, j) => [`a_${j}`, v])));
        expect(r.ok && want.ok, `∂${spec.name}/∂${spec.params[i]} at ${p.join(', ')}`).toBe(true);
        if (r.ok && want.ok) {
          expect(Math.abs(r.value.im / H - want.value), `∂${spec.name}/∂${spec.params[i]} at ${p.join(', ')}`)
            .toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want.value)));
        }
      }
    });
  });
});

describe('lazy loading', () => {
  it('no file of src/eval imports mathjs statically (the CLI must start in < 150 ms)', () => {
    const dir = new URL('../../src/numeric/', import.meta.url);
    for (const f of readdirSync(dir)) {
      const src = readFileSync(new URL(f, dir), 'utf8');
      expect(src, f).not.toMatch(/^\s*import\s[^(]*from\s+['"]mathjs['"]/m);
    }
  });
});
