// Feedback a student can use (issue 11 item 5, issue 10's domain decision): the roles that decide
// the natural domain of the counterexample shown, the point shown for the notes' slips, no remark on
// a simply correct answer, and domain differences as data ("correct where both are defined").
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/ast/nodes.js';
import { derive } from '../../src/derive/derive.js';
import { canonicalSymbol, mainExpr, parseAsync } from '../../src/parse/index.js';
import { equivalent } from '../../src/verify/equivalence.js';
import { verify } from '../../src/verify/index.js';
import { inNaturalDomain, naturalRoles, shownPair } from '../../src/verify/natural.js';

const p = async (s: string): Promise<Expr> => mainExpr(await parseAsync(s));

describe('natural roles (docs/numeric.md, "The counterexample shown")', () => {
  it('reads labels and predictions off the loss arguments', async () => {
    expect(naturalRoles([await p('BCE(σ(wx+b), ŷ)')], ['b', 'w', 'x', 'y_hat'])).toEqual({ b: 'input', w: 'input', x: 'input', y_hat: 'label' });
    expect(naturalRoles([await p('BCE(y, ŷ)')], ['y', 'y_hat'])).toEqual({ y: 'probability', y_hat: 'label' });
    expect(naturalRoles([await p('BCE(σ(z), y)')], ['y', 'z'])).toEqual({ y: 'label', z: 'input' });
    expect(naturalRoles([await p('MSE(a x + b, y)')], ['a', 'b', 'x', 'y'])).toEqual({ a: 'input', b: 'input', x: 'input', y: 'label' });
  });
  it('reads them off names and 1 − s when there is no loss', async () => {
    expect(naturalRoles([await p('(y - ŷ)x')], ['x', 'y', 'y_hat'])).toEqual({ x: 'input', y: 'probability', y_hat: 'label' });
    expect(naturalRoles([await p('(a2 - y) W2 a1 (1 - a1) X')], ['X', 'W_2', 'a_1', 'a_2', 'y'])).toMatchObject({ a_1: 'probability', y: 'label', W_2: 'input' });
    expect(naturalRoles([await p('t1 - p1')], ['p_1', 't_1'])).toMatchObject({ t_1: 'label' });
  });
  it('checks a point against the roles', () => {
    expect(inNaturalDomain({ y: 0.3, y_hat: 1, x: -3 }, { y: 'probability', y_hat: 'label', x: 'input' })).toBe(true);
    expect(inNaturalDomain({ y_hat: -76.8 }, { y_hat: 'label' })).toBe(false);
    expect(inNaturalDomain({ y: 1 }, { y: 'probability' })).toBe(false);
  });
  it('shows values to 4 digits, more only when 4 would print them equal', () => {
    expect(shownPair(0.4315985473, 0.2253630553)).toEqual(['0.4316', '0.2254']);
    expect(shownPair(1.000012, 1.000034)).toEqual(['1.00001', '1.00003']);
  });
});

describe('the point shown for a wrong answer', () => {
  const run = async (problem: string, wrt: string, answer: string) => {
    const prob = await p(problem);
    const w = canonicalSymbol(wrt);
    return verify({ problem: { expr: prob, wrt: w }, answer: await p(answer) });
  };
  it('a label is 0 or 1, never −76.8; the values are short', async () => {
    const r = await run('BCE(σ(w x + b), ŷ)', 'w', 'x(ŷ - σ(wx+b))');
    const cx = r.equivalence!.counterexample!;
    expect([0, 1]).toContain(cx.point['y_hat']);
    expect(cx.inNaturalDomain).toBe(true);
    expect(r.equivalence!.reason).toMatch(/^at b = [-0-9.]+, w = [-0-9.]+, x = [-0-9.]+, y_hat = [01] your answer is -?[0-9.]{1,7} but the expected answer is -?[0-9.]{1,7}/);
  });
  it('a probability is inside (0, 1)', async () => {
    const r = await run('BCE(y, ŷ)', 'y', '(ŷ - y)/(y(1 - y))');
    const { y, y_hat: yh } = r.equivalence!.counterexample!.point;
    expect(y).toBeGreaterThan(0);
    expect(y).toBeLessThan(1);
    expect([0, 1]).toContain(yh);
  });
  it('the squared-error slip gets its finding and a point with |v| ≤ 3', async () => {
    const r = await run('(y - (a x + b))^2', 'a', '-2(y - (ax + b))');
    expect(r.diagnosis.map((f) => f.id)).toEqual(['squared-error-inner-factor']);
    expect(r.diagnosis[0]!.message).toMatch(/factor x is missing/);
    for (const v of Object.values(r.equivalence!.counterexample!.point)) expect(Math.abs(v)).toBeLessThanOrEqual(3);
  });
  it('only far out: the wide point, rounded, and said so', async () => {
    const r = await equivalent(await p('x + relu(x - 100000)'), await p('x'));
    expect(r.verdict).toBe('incorrect');
    expect(r.counterexample!.inNaturalDomain).toBe(false);
    expect(r.reason).toMatch(/^the answers agree at every point tried inside the variables' natural domains; at x = /);
    const x = r.counterexample!.point['x']!;
    expect(Number(x.toPrecision(3))).toBe(x);
    expect(x).toBeGreaterThan(1e5);
  });
});

describe('no remark on a simply correct answer; domain differences as data', () => {
  const check = async (expected: string, answer: string) => equivalent(await p(answer), await p(expected));
  it('BCE step 1 written over a common denominator: both undefined at y = 0, 1 — no remark', async () => {
    const T = derive(await p('BCE(y, ŷ)'), 'y').result;
    const r = await equivalent(await p('-(ŷ(1 - y) - (1 - ŷ)y)/(y(1 - y))'), T);
    expect(r.verdict).toBe('correct');
    expect(r.reason).toBeUndefined();
    expect(r.domainDifference).toBeUndefined();
  });
  it('the unsimplified G1 answer: exp factors never vanish — no remark', async () => {
    const T = derive(await p('BCE(σ(w x + b), ŷ)'), 'w').result;
    const r = await equivalent(await p('-(ŷ/σ(wx+b) - (1 - ŷ)/(1 - σ(wx+b)))·σ(wx+b)(1 - σ(wx+b))·x'), T);
    expect(r.verdict).toBe('correct');
    expect(r.reason).toBeUndefined();
  });
  it('x/x against 1: correct where both are defined, differs at x = 0 (the answer is 0/0)', async () => {
    const r = await check('1', 'x/x');
    expect(r.verdict).toBe('correct');
    expect(r.domainDifference).toEqual({ where: 'x = 0', undefinedIn: 'answer', removable: true });
    expect(r.reason).toMatch(/^correct where both are defined; differs at x = 0: your answer is undefined there/);
  });
  it('1 against x/x: the expected answer is the undefined one', async () => {
    const r = await check('x/x', '1');
    expect(r.domainDifference?.undefinedIn).toBe('expected');
  });
  it('log(x²) for 2·log x: correct, the expected answer is undefined at x < 0', async () => {
    const r = await check('2log(x)', 'log(x^2)');
    expect(r.verdict).toBe('correct');
    expect(r.domainDifference?.undefinedIn).toBe('expected');
    expect(r.domainDifference?.point?.['x']).toBeLessThan(0);
  });
  it('verify reports it as a finding, and a simply correct answer gets none', async () => {
    const a = await verify({ expected: await p('1'), answer: await p('x/x') });
    expect(a.diagnosis.map((f) => f.id)).toEqual(['domain-difference']);
    const b = await verify({ expected: await p('(y - ŷ)/(y(1 - y))'), answer: await p('(1 - ŷ)/(1 - y) - ŷ/y') });
    expect(b.diagnosis).toEqual([]);
  });
});
