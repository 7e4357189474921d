// Exact evaluation (src/numeric/rational.ts): exact sums and products, decimal and fraction inputs,
// exact roots, the size guard that refuses absurd powers quickly, and failures as data.
import { describe, expect, it } from 'vitest';
import { add, call, constant, div, int, mul, neg, pow, rat, sub, sym } from '../../src/ast/build.js';
import type { Expr } from '../../src/ast/nodes.js';
import { evaluateRational, MAX_BITS, parseRational, type RationalPoint } from '../../src/numeric/index.js';

const x = sym('x');
const y = sym('y');
const q = (n: bigint, d = 1n) => ({ ok: true, value: { n, d } });

describe('evaluateRational: exact values', () => {
  const rows: Array<[string, Expr, RationalPoint, ReturnType<typeof q>]> = [
    ['1/3 + 1/6 = 1/2', add(rat(1n, 3n), rat(1n, 6n)), {}, q(1n, 2n)],
    ['0.1 + 0.2 = 3/10 from strings', add(x, y), { x: '0.1', y: '0.2' }, q(3n, 10n)],
    ['0.1 + 0.2 = 3/10 from JS numbers (shortest decimal)', add(x, y), { x: 0.1, y: 0.2 }, q(3n, 10n)],
    ['fraction strings', mul(x, y), { x: '-3/4', y: '2/3' }, q(-1n, 2n)],
    ['{n, d} bigints', div(x, y), { x: { n: 1n, d: 3n }, y: { n: 2n, d: 1n } }, q(1n, 6n)],
    ['bigint', sub(x, int(1)), { x: 10n ** 30n }, q(10n ** 30n - 1n)],
    ['exponent notation', x, { x: '2.5e-3' }, q(1n, 400n)],
    ['a Map point', neg(x), new Map([['x', '1.5']]), q(-3n, 2n)],
    ['negative integer power', pow(x, int(-3)), { x: '-1/2' }, q(-8n)],
    ['2^100 exactly', pow(int(2), int(100)), {}, q(2n ** 100n)],
    ['exact square root', pow(x, rat(1n, 2n)), { x: '9/4' }, q(3n, 2n)],
    ['exact root then power', pow(x, rat(-3n, 2n)), { x: '4' }, q(1n, 8n)],
    ['cube root of a big cube', pow(x, rat(1n, 3n)), { x: (10n ** 40n + 7n) ** 3n }, q(10n ** 40n + 7n)],
    ['(-1)^(10^30) is cheap', pow(int(-1), int(10n ** 30n)), {}, q(1n)],
    ['0^0 = 1', pow(int(0), int(0)), {}, q(1n)],
    ['MSE through its definition', call('MSE', x, y), { x: '1/2', y: '1/3' }, q(1n, 36n)],
  ];
  it.each(rows)('%s', (_name, e, at, want) => {
    expect(evaluateRational(e, at)).toEqual(want);
  });
});

describe('evaluateRational: failures are data', () => {
  const bigPow = pow(x, int(200_000));
  const rows: Array<[string, Expr, RationalPoint, string, RegExp, Expr | undefined]> = [
    ['π', add(int(1), constant('pi')), {}, 'NOT_RATIONAL', /π is irrational/, constant('pi')],
    ['a call', call('sin', x), { x: 1 }, 'NOT_RATIONAL', /^sin is not evaluated exactly/, undefined],
    ['BCE stops at its log, reported at the call', call('BCE', x, y), { x: '1/2', y: 1 }, 'NOT_RATIONAL', /^BCE is not evaluated exactly/, undefined],
    ['irrational root', pow(int(2), rat(1n, 2n)), {}, 'NOT_RATIONAL', /irrational/, undefined],
    ['division by zero', div(int(1), sub(x, x)), { x: 3 }, 'DOMAIN', /division by zero/, undefined],
    ['0 to a negative power', pow(x, int(-1)), { x: '0' }, 'DOMAIN', /0 to a negative power/, undefined],
    ['negative base, non-integer power', pow(x, rat(1n, 3n)), { x: -8 }, 'DOMAIN', /negative base/, undefined],
    ['unbound', add(x, y), { x: 1 }, 'UNBOUND_VARIABLE', /^y has no value$/, y],
    ['bad string', x, { x: '1.2.3' }, 'BAD_VALUE', /not a decimal or a fraction/, x],
    ['infinite number', x, { x: Infinity }, 'BAD_VALUE', /not a finite number/, x],
    ['zero denominator', x, { x: { n: 1n, d: 0n } }, 'BAD_VALUE', /denominator is 0/, x],
    ['huge power refused before computing', bigPow, { x: 3 }, 'EXPONENT_TOO_LARGE', /bits/, bigPow],
    ['huge exponent refused', pow(int(2), int(10n ** 30n)), {}, 'EXPONENT_TOO_LARGE', /bits/, undefined],
    ['huge decimal exponent refused', x, { x: '1e999999999' }, 'EXPONENT_TOO_LARGE', /bits/, x],
  ];
  it.each(rows)('%s', (_name, e, at, code, message, node) => {
    const r = evaluateRational(e, at);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.message).toMatch(message);
    if (node) expect(r.node).toEqual(node);
  });

  it('stops a product of near-limit factors at the first one too many', () => {
    const big = pow(int(3), int(60_000)); // ~95,000 bits, under the limit
    const r = evaluateRational(mul(...Array.from({ length: 1000 }, () => big)), {});
    expect(r.ok === false && r.code).toBe('EXPONENT_TOO_LARGE');
  });

  it('refuses an exact root of a huge prime quickly (no factorisation)', () => {
    const p = 2n ** 127n - 1n; // a Mersenne prime: trial division would never finish
    const r = evaluateRational(pow(x, rat(1n, 2n)), { x: p });
    expect(r.ok === false && r.code).toBe('NOT_RATIONAL');
  });

  it('the limit is ~100,000 bits', () => {
    expect(MAX_BITS).toBe(100_000);
    expect(evaluateRational(pow(int(2), int(99_990)), {}).ok).toBe(true);
    expect(evaluateRational(pow(int(2), int(100_001)), {}).ok).toBe(false);
  });
});

describe('parseRational', () => {
  const rows: Array<[string, ReturnType<typeof parseRational>]> = [
    ['0', { n: 0n, d: 1n }],
    ['-0.25', { n: -1n, d: 4n }],
    ['.5', { n: 1n, d: 2n }],
    ['3.', { n: 3n, d: 1n }],
    ['+1e3', { n: 1000n, d: 1n }],
    [' 6 / -4 ', { n: -3n, d: 2n }],
    ['1.5/0.5', { n: 3n, d: 1n }],
    ['1/0', undefined],
    ['', undefined],
    ['.', undefined],
    ['1/2/3', undefined],
    ['0x10', undefined],
    ['NaN', undefined],
  ];
  it.each(rows)('%j', (s, want) => {
    expect(parseRational(s)).toEqual(want);
  });
});
