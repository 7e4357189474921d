// Tree-walk evaluation (src/numeric/float.ts): values, domain errors as data with the offending
// subtree, unbound variables, overflow as a value, and depth far beyond the JS call stack.
import { describe, expect, it } from 'vitest';
import { add, call, constant, div, int, mul, neg, pow, rat, sub, sym } from '../../src/ast/build.js';
import type { Expr } from '../../src/ast/nodes.js';
import { evaluate, type Point } from '../../src/numeric/index.js';

const x = sym('x');
const y = sym('y');

describe('evaluate: values', () => {
  const rows: Array<[string, Expr, Point, number]> = [
    ['number', rat(1n, 4n), {}, 0.25],
    ['negative rational', rat(-3n, 8n), {}, -0.375],
    ['pi', constant('pi'), {}, Math.PI],
    ['e', constant('e'), {}, Math.E],
    ['symbol', x, { x: 2.5 }, 2.5],
    ['symbol from a Map', x, new Map([['x', -1]]), -1],
    ['n-ary sum', add(x, y, int(1)), { x: 1, y: 2 }, 4],
    ['difference', sub(x, y), { x: 1, y: 2 }, -1],
    ['product', mul(int(2), x, y), { x: 3, y: 4 }, 24],
    ['quotient', div(x, y), { x: 1, y: 4 }, 0.25],
    ['integer power of a negative', pow(x, int(3)), { x: -2 }, -8],
    ['negative integer power', pow(x, int(-2)), { x: -2 }, 0.25],
    ['square root as a power', pow(x, rat(1n, 2n)), { x: 9 }, 3],
    ['0^0 = 1', pow(x, int(0)), { x: 0 }, 1],
    ['e^x', pow(constant('e'), x), { x: 1 }, Math.E],
    ['log', call('log', x), { x: Math.E }, 1],
    ['sigmoid(0)', call('sigmoid', x), { x: 0 }, 0.5],
    ['BCE', call('BCE', x, y), { x: 0.5, y: 1 }, Math.log(2)],
    ['MSE', call('MSE', x, y), { x: 3, y: 1 }, 4],
    ['overflow is a value', call('exp', x), { x: 1000 }, Infinity],
    ['and flows on', div(int(1), call('exp', x)), { x: 1000 }, 0],
    ['huge rational literal', rat(10n ** 400n, 10n ** 399n), {}, 10],
    ['rational beyond doubles', rat(10n ** 400n), {}, Infinity],
  ];
  it.each(rows)('%s', (_name, e, at, expected) => {
    const r = evaluate(e, at);
    expect(r).toEqual({ ok: true, value: expected });
  });
});

describe('evaluate: failures are data', () => {
  const logArg = sub(x, int(3));
  const logCall = call('log', logArg);
  const den = sub(x, int(1));
  const quotient = div(int(1), den);
  const zeroPow = pow(x, int(-1));
  const negRoot = pow(x, rat(1n, 3n));
  const infSum = add(call('exp', x), neg(call('exp', x)));
  const rows: Array<[string, Expr, Point, string, RegExp, Expr]> = [
    ['log of a negative', mul(int(2), logCall), { x: 1 }, 'DOMAIN', /^log is undefined at x = -2: needs x > 0$/, logCall],
    ['division by zero', add(int(1), quotient), { x: 1 }, 'DOMAIN', /division by zero/, quotient],
    ['0 to a negative power', zeroPow, { x: 0 }, 'DOMAIN', /0 to a negative power/, zeroPow],
    ['negative base, non-integer power', negRoot, { x: -8 }, 'DOMAIN', /negative base.*not real/, negRoot],
    ['∞ − ∞', infSum, { x: 1000 }, 'DOMAIN', /sum is undefined/, infSum],
    ['BCE outside 0 < p < 1', call('BCE', x, y), { x: 1.5, y: 1 }, 'DOMAIN', /^BCE is undefined at prediction = 1.5, label = 1: needs 0 < prediction < 1$/, call('BCE', x, y)],
    ['unbound variable', add(x, y), { x: 1 }, 'UNBOUND_VARIABLE', /^y has no value$/, y],
    ['inherited property is not a binding', sym('constructor'), {}, 'UNBOUND_VARIABLE', /constructor/, sym('constructor')],
    ['NaN input', x, { x: NaN }, 'DOMAIN', /NaN/, x],
  ];
  it.each(rows)('%s', (_name, e, at, code, message, node) => {
    const r = evaluate(e, at);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.message).toMatch(message);
    expect(r.node).toEqual(node);
  });

  it('returns the offending node itself (identity), so the SpanTable can find it', () => {
    const r = evaluate(mul(int(2), logCall), { x: 1 });
    expect(!r.ok && r.node).toBe(logCall);
  });

  it('reports the first failure in reading order', () => {
    const r = evaluate(add(call('log', neg(x)), call('sqrt', neg(x))), { x: 1 });
    expect(!r.ok && r.message).toMatch(/^log/);
  });
});

describe('evaluate: size and sharing', () => {
  it('walks a 10,000-deep neg chain without touching the call stack', () => {
    let e: Expr = x;
    for (let i = 0; i < 10_000; i++) e = neg(e);
    expect(evaluate(e, { x: 3 })).toEqual({ ok: true, value: 3 });
  });

  it('walks a 100,000-deep chain of calls', () => {
    let e: Expr = x;
    for (let i = 0; i < 100_000; i++) e = call('sin', e);
    const r = evaluate(e, { x: 1 });
    expect(r.ok && r.value).toBeGreaterThan(0);
  });

  it('evaluates a shared DAG in time linear in its distinct nodes (2^60 unfolded leaves)', () => {
    let e: Expr = x;
    for (let i = 0; i < 60; i++) e = mul(e, e);
    expect(evaluate(e, { x: 1 })).toEqual({ ok: true, value: 1 });
  });
});
