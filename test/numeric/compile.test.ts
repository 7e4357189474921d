// The compiled evaluator (src/numeric/compile.ts): agreement with the tree walk on random trees
// (NaN exactly where the walk reports DOMAIN), common subexpression elimination, flat code for
// deep and wide trees, literal handling, and a rough speed figure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, call, div, int, mul, neg, pow, rat, sub, sym } from '../../src/ast/build.js';
import type { Expr } from '../../src/ast/nodes.js';
import { size } from '../../src/ast/traverse.js';
import { isChainruleError } from '../../src/errors.js';
import { compile, compileSource, evaluate } from '../../src/numeric/index.js';
import { coordArb, exprArb } from './arbitrary.js';

const x = sym('x');
const y = sym('y');
const w = sym('w');
const b = sym('b');

/** `NaN` where the walk fails, else its value: what the compiled function must return. */
function expected(e: Expr, at: Record<string, number>): number {
  const r = evaluate(e, at);
  return r.ok ? r.value : NaN;
}

describe('compile: values', () => {
  const rows: Array<[string, Expr, number[], number]> = [
    ['variable by index', sub(y, x), [1, 5], 4],
    ['negative literal', mul(rat(-1n, 2n), x), [4, 0], -2],
    ['negation of a negative literal', neg(int(-2)), [0, 0], 2],
    ['literal denominator', div(x, int(4)), [1, 0], 0.25],
    ['division by zero', div(int(1), x), [0, 0], NaN],
    ['0^negative', pow(x, int(-2)), [0, 0], NaN],
    ['negative base, non-integer power', pow(x, rat(1n, 2n)), [-4, 0], NaN],
    ['NaN does not vanish into x^0', pow(call('log', x), int(0)), [-1, 0], NaN],
    ['NaN does not vanish into heaviside', call('heaviside', call('log', x)), [-1, 0], NaN],
    ['domain guard where Math.log gives -∞', call('log', x), [0, 0], NaN],
    ['domain guard where the formula gives π/2', call('acot', x), [0, 0], NaN],
    ['stable sigmoid far left', call('sigmoid', x), [-800, 0], 0],
    ['BCE through spec.eval', call('BCE', x, y), [0.5, 1], Math.log(2)],
  ];
  it.each(rows)('%s', (_name, e, v, want) => {
    const f = compile(e, ['x', 'y']);
    expect(f(v)).toBe(want);
    expect(f(Float64Array.from(v))).toBe(want);
    expect(expected(e, { x: v[0]!, y: v[1]! })).toBe(want);
  });

  it('throws UNBOUND_VARIABLE for a symbol not among the variables', () => {
    expect.assertions(2);
    try {
      compile(add(x, y), ['x']);
    } catch (err) {
      expect(isChainruleError(err)).toBe(true);
      expect((err as Error).message).toMatch(/^y is not among the variables/);
    }
  });
});

describe('compile agrees with the tree walk', () => {
  it('on random trees and points: same value, or NaN exactly where the walk says DOMAIN', () => {
    const names = ['x', 'y'];
    fc.assert(
      fc.property(exprArb, coordArb, coordArb, (e, xv, yv) => {
        const want = expected(e, { x: xv, y: yv });
        const got = compile(e, names)([xv, yv]);
        // Object.is: the same operations in the same order give the same bits, even -0.
        expect(Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('compile: code shape', () => {
  const countStatements = (src: string) => src.split('\n').filter((l) => /^r\d+ = /.test(l)).length;

  it('computes a repeated subtree once (structural, not identity)', () => {
    const z = () => add(mul(w, x), b); // fresh nodes each time
    const dsig = mul(call('sigmoid', z()), sub(int(1), call('sigmoid', z())));
    const src = compileSource(dsig, ['w', 'x', 'b']);
    expect(src.match(/__sig\(/g)).toHaveLength(1);
    expect(src.match(/ \* x1/g)).toHaveLength(1);
    // w*x, +b, σ, 1−σ's neg and sum, the product: 6 statements for 11 distinct-by-identity nodes
    expect(countStatements(src)).toBe(6);
  });

  it('reads each variable once, by index, and never pastes a name into the code', () => {
    const src = compileSource(add(sym('secret_name'), mul(sym('secret_name'), int(2))), ['a', 'secret_name']);
    expect(src).toContain('const x1 = v[1];');
    expect(src).not.toContain('secret_name');
  });

  it('compiles a 10,000-deep neg chain into flat code with one register', () => {
    let e: Expr = x;
    for (let i = 0; i < 10_000; i++) e = neg(e);
    const src = compileSource(e, ['x']);
    expect(src).toMatch(/\nlet r0 = 0;\n/);
    expect(compile(e, ['x'])([3])).toBe(3);
  });

  it('compiles a 10,000-deep chain of calls and agrees with the walk', () => {
    let e: Expr = x;
    for (let i = 0; i < 10_000; i++) e = i % 2 ? call('sin', e) : add(e, rat(1n, 3n));
    expect(compile(e, ['x'])([0.7])).toBe(expected(e, { x: 0.7 }));
  });

  it('splits a 5,000-term sum into short statements, keeping the left-to-right order', () => {
    const terms = Array.from({ length: 5000 }, (_, i) => mul(int(i % 7), pow(x, int(i % 5))));
    const e = add(...terms);
    expect(compile(e, ['x'])([1.1])).toBe(expected(e, { x: 1.1 }));
  });

  it('handles a shared DAG of 2^60 unfolded leaves', () => {
    let e: Expr = add(x, int(1));
    for (let i = 0; i < 60; i++) e = mul(e, e);
    expect(compile(e, ['x'])([0])).toBe(1);
  });
});

describe('compile: a large tree', () => {
  it('evaluates a few-hundred-node derivative-like tree exactly as the walk does (speed: npm run bench)', () => {
    // d/dw of a 2-layer net's loss, unsimplified: the kind of tree the differentiator emits.
    const ws = Array.from({ length: 6 }, (_, i) => sym(`w_${i}`));
    const z1 = add(mul(ws[0]!, x), mul(ws[1]!, y), ws[2]!);
    const h = call('sigmoid', z1);
    const dh = mul(call('sigmoid', z1), sub(int(1), call('sigmoid', z1)));
    const z2 = add(mul(ws[3]!, h), mul(ws[4]!, call('tanh', z1)), ws[5]!);
    const p = call('sigmoid', z2);
    const dp = mul(call('sigmoid', z2), sub(int(1), call('sigmoid', z2)));
    const dz2 = add(mul(ws[3]!, dh, x), mul(ws[4]!, sub(int(1), pow(call('tanh', z1), int(2))), x));
    const grad = mul(call('BCE', p, sym('t')), neg(sub(div(sym('t'), p), div(sub(int(1), sym('t')), sub(int(1), p)))), dp, dz2);
    const tree = add(grad, mul(int(2), grad), call('MSE', p, sym('t')), div(dz2, add(int(1), pow(dp, int(2)))));
    const vars = ['x', 'y', 't', ...ws.map((s) => s.name)];
    const f = compile(tree, vars);
    const v = Float64Array.from([0.3, -0.2, 1, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
    const want = expected(tree, Object.fromEntries(vars.map((n, i) => [n, v[i]!])));
    expect(f(v)).toBe(want);
  });
});
