// The tape of the matrix checks (src/tensor/tape.ts) gives the reporting evaluator's values bit
// for bit — at the point, and re-run with one name moved — and its errors where that evaluator has
// them (a domain failure, an unbound name, a NaN that a power would hide: NaN^0).
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/ast/nodes.js';
import { evaluate } from '../../src/numeric/float.js';
import { parse } from '../../src/parse/index.js';
import { Tape } from '../../src/tensor/tape.js';

const P = (s: string): Expr => parse(s).program.body!;
const point = new Map([
  ['x', 0.3],
  ['y', -1.7],
  ['w', 2.5],
  ['b', 0.125],
]);
const EXPRS = [
  'BCE(σ(w x + b), 0.25)',
  'x^3 - 2 x y + y^2 / (1 + exp(-w))',
  'log(1 + x^2) + tanh(w y) * sqrt(b) - 1/3',
  '(x + y + w + b)^2 * σ(x) * (1 - σ(x))',
  'softplus(w) + relu(y) + abs(x - b)',
];

describe('the tape', () => {
  it.each(EXPRS)('%s: the value at the point, bit for bit', (s) => {
    const e = P(s);
    const r = evaluate(e, point);
    expect(r.ok).toBe(true);
    expect(new Tape(point).value(e)).toBe((r as { value: number }).value);
  });
  it.each(EXPRS)('%s: re-run with each name moved, bit for bit', (s) => {
    const e = P(s);
    const tape = new Tape(point);
    tape.value(e);
    const f = tape.rerun(e);
    for (const [name, v] of point) {
      for (const x of [v + 1e-3, v * 0.5, v]) {
        const r = evaluate(e, new Map(point).set(name, x)) as { ok: true; value: number };
        expect(f(name, x)).toBe(r.value);
      }
    }
  });
  it('one sub-tree shared by many roots is the same value in each', () => {
    const shared = P('σ(w x + b)');
    const roots = [1, 2, 3].map((k) => ({ kind: 'mul', factors: [{ kind: 'num', n: BigInt(k), d: 1n }, shared] }) as Expr);
    const tape = new Tape(point);
    for (const r of roots) expect(tape.value(r)).toBe((evaluate(r, point) as { value: number }).value);
  });
  it('failures are the reporting evaluator’s: DOMAIN with its message', () => {
    const e = P('log(x - 1)');
    const r = evaluate(e, point);
    expect(() => new Tape(point).value(e)).toThrow(expect.objectContaining({ code: 'DOMAIN', message: (r as { message: string }).message }));
    expect(() => new Tape(point).value(P('z + 1'))).toThrow(expect.objectContaining({ code: 'DOMAIN' }));
    // log of a negative number raised to 0: the reporting evaluator fails, so the tape does too
    expect(() => new Tape(point).value(P('log(y)^0'))).toThrow(expect.objectContaining({ code: 'DOMAIN' }));
    const f = new Tape(point).rerun(P('log(x)'));
    expect(f('x', 0.5)).toBe(Math.log(0.5));
    expect(() => f('x', -0.5)).toThrow(expect.objectContaining({ code: 'DOMAIN' }));
    expect(f('x', 0.25)).toBe(Math.log(0.25));
  });
});
