// The closure evaluator (src/numeric/closure.ts), the step checks' fast path: the same doubles as
// the compiled evaluator (compile.ts) bit for bit on random trees over every node kind and registry
// function, including trees that share sub-trees and points where a side is undefined; closures
// cached per node (a step that rewrites one node builds only the new ones); the fallbacks; one
// stamp shared by several trees at one point; Ridders' trees (varyingEvaluator) with one coordinate
// moving under one tableau stamp, again bit for bit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, call, diff, div, int, mul, sym } from '../../src/ast/build.js';
import type { Expr } from '../../src/ast/nodes.js';
import { isChainruleError } from '../../src/errors.js';
import { FUNCTIONS } from '../../src/functions/index.js';
import { MAX_CLOSURE_HEIGHT, closureEvaluator, newEpoch, varyingEvaluator } from '../../src/numeric/closure.js';
import { compile, evaluatorFor, numericValue } from '../../src/numeric/index.js';
import { coordArb, exprArb } from './arbitrary.js';

const same = (a: number, b: number): boolean => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
const noDerivative = (): ((v: Float64Array) => number) => {
  throw new Error('no d/dv node here');
};
const closureOf = (e: Expr, vars: readonly string[]) => closureEvaluator(e, vars, vars.join('\u0000'), noDerivative)!;

describe('closure evaluator: the compiled evaluator\'s values, bit for bit', () => {
  it('on random trees and points', () => {
    fc.assert(
      fc.property(exprArb, coordArb, coordArb, (e, xv, yv) => {
        const v = Float64Array.from([xv, yv]);
        expect(same(closureOf(e, ['x', 'y'])(v), compile(e, ['x', 'y'])(v))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('on trees that share sub-trees (each shared node once per point, same value)', () => {
    fc.assert(
      fc.property(exprArb, exprArb, coordArb, coordArb, (a, b, xv, yv) => {
        const e = add(mul(a, b), call('sin', a), mul(b, a, a));
        const f = closureOf(e, ['x', 'y']);
        const g = compile(e, ['x', 'y']);
        for (const p of [[xv, yv], [yv, xv], [xv, yv]]) expect(same(f(Float64Array.from(p)), g(p))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('every registry function, at awkward arguments', () => {
    const args = [-2, -1, -0.5, -0, 0, 0.3, 0.5, 1, 2, 40, -800, NaN];
    for (const spec of FUNCTIONS) {
      const vars = ['x', 'y'];
      const e = call(spec.name, ...[sym('x'), sym('y')].slice(0, spec.arity));
      if (spec.arity > 2) continue;
      for (const a of args) for (const b of args) {
        const v = Float64Array.from([a, b]);
        expect(same(closureOf(e, vars)(v), compile(e, vars)(v)), `${spec.name}(${a}, ${b})`).toBe(true);
      }
    }
  });
});

describe('closure evaluator: caching and fallbacks', () => {
  it('a rewritten tree reuses the closures of the nodes it kept', () => {
    const kept = call('sigmoid', add(mul(sym('w'), sym('x')), sym('b')));
    const vars = ['b', 'w', 'x'];
    const before = mul(kept, sym('x'));
    const after = mul(kept, int(2));
    const v = Float64Array.from([0.3, -1.2, 0.7]);
    expect(closureOf(before, vars)(v)).toBe(compile(before, vars)(v));
    expect(closureOf(after, vars)(v)).toBe(compile(after, vars)(v));
  });

  it('a symbol outside the variables is UNBOUND_VARIABLE, as compile says', () => {
    try {
      closureOf(add(sym('x'), sym('q')), ['x']);
      expect.unreachable();
    } catch (err) {
      expect(isChainruleError(err) && err.code).toBe('UNBOUND_VARIABLE');
    }
  });

  it('a tree taller than MAX_CLOSURE_HEIGHT is left to compile.ts (evaluatorFor still answers)', () => {
    let e: Expr = sym('x');
    for (let i = 0; i < MAX_CLOSURE_HEIGHT + 5; i++) e = call('sin', e);
    expect(closureEvaluator(e, ['x'], 'x', noDerivative)).toBeUndefined();
    expect(evaluatorFor(e, ['x'])(Float64Array.from([0.5]))).toBe(compile(e, ['x'])([0.5]));
  });

  it('d/dv nodes inside a closure tree: the numerical derivative, as before', () => {
    const f = call('sigmoid', mul(sym('w'), sym('x')));
    const e = add(diff(f, 'w'), mul(int(0), sym('x')));
    const d = numericValue(e, { w: 0.4, x: 1.3 });
    const s = 1 / (1 + Math.exp(-0.52));
    expect(Math.abs(d - s * (1 - s) * 1.3)).toBeLessThan(1e-9);
  });
});

describe('one stamp for several trees; Ridders\' trees with one coordinate moving', () => {
  const vars = ['x', 'y'];
  const key = vars.join('\u0000');

  it('trees evaluated with one stamp at one point share their nodes and keep their values', () => {
    fc.assert(
      fc.property(exprArb, exprArb, coordArb, coordArb, (a, b, xv, yv) => {
        const before = add(mul(a, b), call('cos', a));
        const after = add(mul(b, a), call('cos', a));
        const v = Float64Array.from([xv, yv]);
        const ep = newEpoch();
        expect(same(closureOf(a, vars)(v, ep), compile(a, vars)(v))).toBe(true);
        expect(same(closureOf(before, vars)(v, ep), compile(before, vars)(v))).toBe(true);
        expect(same(closureOf(after, vars)(v, ep), compile(after, vars)(v))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('moving x or y under one tableau stamp: the compiled value at every moved point', () => {
    fc.assert(
      fc.property(exprArb, exprArb, coordArb, coordArb, fc.array(coordArb, { minLength: 1, maxLength: 6 }), fc.constantFrom(0, 1), (a, b, xv, yv, moves, i) => {
        // `a` is shared by the parts that read the moving coordinate and (often) by those that do not
        const e = add(mul(a, sym(vars[i]!)), call('sin', add(a, b)), div(b, a));
        const g = varyingEvaluator(e, vars, key, i, noDerivative)!;
        const plain = closureOf(e, vars);
        const c = compile(e, vars);
        const v = Float64Array.from([xv, yv]);
        const base = newEpoch();
        for (const t of moves) {
          v[i] = t;
          expect(same(g(v, base), c(v))).toBe(true);
          // an ordinary evaluation in between (as a step check makes) leaves the tableau's values alone
          expect(same(plain(v), c(v))).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('a tree that does not read the moving coordinate has no tableau tree (its d/dv is 0)', () => {
    expect(varyingEvaluator(call('exp', sym('y')), vars, key, 0, noDerivative)).toBeUndefined();
  });

  it('nested d/dv nodes: a derivative of a derivative through the tableau trees', () => {
    // d/dy d/dx (sin(x·y)·y) = d/dy (y²·cos(xy)) = 2y·cos(xy) − x·y²·sin(xy)
    const f = mul(call('sin', mul(sym('x'), sym('y'))), sym('y'));
    const e = diff(diff(f, 'x'), 'y');
    const [x, y] = [0.7, -1.3];
    const want = 2 * y * Math.cos(x * y) - x * y * y * Math.sin(x * y);
    expect(Math.abs(numericValue(e, { x, y }) - want)).toBeLessThan(1e-7);
  });
});
