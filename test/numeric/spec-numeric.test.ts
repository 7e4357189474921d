// The numeric fields of the function specs (src/functions/spec.ts, "Numeric knowledge") and the
// operation table (src/numeric/domain.ts), iterated over the registry: a sampling range lies inside
// the function's domain, a non-holomorphic function has no complex value off the real axis, runtime
// helpers are well named, and a new domain is one object with one row per node kind.
import { beforeAll, describe, expect, it } from 'vitest';
import { add, call, constant, diff, div, int, mul, neg, pow, sym } from '../../src/ast/build.js';
import type { Expr } from '../../src/ast/nodes.js';
import { FUNCTIONS } from '../../src/functions/index.js';
import { type Domain, evaluateIn } from '../../src/numeric/domain.js';
import { floatWalk } from '../../src/numeric/float-trust.js';
import { inferRanges, loadComplexEvaluator } from '../../src/numeric/index.js';
import { Fail } from '../../src/numeric/walk.js';

describe.each(FUNCTIONS.filter((s) => s.sampleRange).map((s) => [s.name, s] as const))('%s: sampleRange', (_name, spec) => {
  it('lies inside the domain of its first argument, on both branches when signed', () => {
    const { lo, hi, signed } = spec.sampleRange!;
    expect(lo).toBeLessThan(hi);
    const others = Array.from({ length: spec.arity - 1 }, () => 0.5);
    for (let k = 1; k < 100; k++) {
      const x = lo + ((hi - lo) * k) / 100;
      for (const v of signed ? [x, -x] : [x]) {
        expect(spec.domain?.(v, ...others) ?? true, `${spec.name}(${v})`).toBe(true);
        expect(Number.isFinite(spec.eval(v, ...others)), `${spec.name}(${v})`).toBe(true);
      }
    }
  });

  it('is what the STEP sampler infers for a variable that is directly its first argument', () => {
    const args = [sym('u'), ...Array.from({ length: spec.arity - 1 }, (_, i) => sym(`v${i}`))];
    expect(inferRanges([call(spec.name, ...args)])['u']).toEqual(spec.sampleRange);
  });
});

describe('positiveArg', () => {
  it.each(FUNCTIONS.filter((s) => s.positiveArg).map((s) => [s.name] as const))('%s(1 − s) samples s in (0, 1)', (name) => {
    expect(inferRanges([call(name, add(int(1), neg(sym('s'))))])).toEqual({ s: { lo: 0, hi: 1, signed: false } });
  });
});

describe('holomorphic: false', () => {
  // mathjs is imported lazily, once; on a busy machine that alone can take seconds
  beforeAll(() => loadComplexEvaluator(), 60_000);
  it.each(FUNCTIONS.filter((s) => s.holomorphic === false).map((s) => [s.name] as const))('%s has no complex value off the real axis', async (name) => {
    const ev = await loadComplexEvaluator();
    const r = ev.evaluate(call(name, sym('x')), { x: { re: 0.7, im: 1e-20 } });
    expect(r.ok === false && r.code).toBe('NOT_ANALYTIC');
    const onAxis = ev.evaluate(call(name, sym('x')), { x: 0.7 });
    expect(onAxis.ok).toBe(true);
  });
});

describe('exactZero', () => {
  it('a 0 from a spec that declares exact zeros is trusted; an underflow to 0 is not', () => {
    expect(floatWalk(call('relu', neg(sym('x'))), { x: 2 })).toMatchObject({ value: 0, suspicious: false });
    expect(floatWalk(call('log', sym('x')), { x: 1 })).toMatchObject({ value: 0, suspicious: false });
    expect(floatWalk(call('exp', neg(sym('x'))), { x: 800 })).toMatchObject({ value: 0, suspicious: true });
    expect(floatWalk(call('tanh', sym('x')), { x: 1e-320 }).suspicious).toBe(true);
  });
});

describe('jsRuntime', () => {
  it('helper names start with __ and are not the compiler\'s own __pow', () => {
    for (const s of FUNCTIONS) {
      for (const name of Object.keys(s.jsRuntime ?? {})) {
        expect(name, s.name).toMatch(/^__[A-Za-z][A-Za-z0-9_]*$/);
        expect(name).not.toBe('__pow');
        expect(s.js?.(['a']), `${s.name} declares ${name} but its js template does not call it`).toContain(`${name}(`);
      }
    }
  });
});

describe('the operation table (domain.ts)', () => {
  // A new domain is one object: here, the printed form with every node kind, through evaluateIn.
  const show: Domain<string, 'UNEVALUATED'> = {
    num: (n) => (n.d === 1n ? `${n.n}` : `${n.n}/${n.d}`),
    constant: (n) => n.name,
    sym: (n) => n.name,
    diff: (n) => new Fail('UNEVALUATED', `d/d${n.wrt}`, n),
    neg: (a) => `(-${a})`,
    add: (v) => `(${v.join(' + ')})`,
    mul: (v) => `(${v.join(' * ')})`,
    div: (a, b) => `(${a} / ${b})`,
    pow: (a, b) => `(${a} ^ ${b})`,
    call: (v, n) => `${n.fn}(${v.join(', ')})`,
  };
  it('visits children first, left to right, one row per node kind', () => {
    const e: Expr = add(mul(int(2), sym('x')), div(constant('pi'), pow(sym('y'), int(3))), neg(call('sigmoid', sym('z'))));
    expect(evaluateIn(show, e)).toBe('((2 * x) + (pi / (y ^ 3)) + (-sigmoid(z)))');
  });
  it('returns the first failure in reading order', () => {
    const r = evaluateIn(show, add(sym('x'), diff(sym('y'), 'y'), diff(sym('x'), 'x')));
    expect(r instanceof Fail && r.message).toBe('d/dy');
  });
  it('runs the after hook on every node, with the children\'s values', () => {
    const seen: string[] = [];
    evaluateIn({ ...show, after: (node, y, kids) => (seen.push(`${node.kind}:${kids.length}`), y) }, mul(sym('a'), add(sym('b'), int(1))));
    expect(seen).toEqual(['sym:0', 'sym:0', 'num:0', 'add:2', 'mul:2']);
  });
});
