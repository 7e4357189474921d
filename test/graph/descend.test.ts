// SEEDS.md G3: the loss L = Σ_i (y_i − (a·x_i + b))² over (−2, −1), (0, 1), (1, 2), its per-row
// table, one exact gradient-descent step, and 100 steps against the least-squares solution
// (XᵀX)⁻¹XᵀY computed with mathjs. Every notation of the sum and every data format gives the
// same answer.
import * as math from 'mathjs';
import { describe, expect, it } from 'vitest';
import { handleLine } from '../../src/api/batch.js';

type Json = Record<string, any>;

async function op(req: Json): Promise<Json> {
  return (await handleLine(JSON.stringify(req))) as Json;
}
async function descend(req: Json): Promise<Json> {
  const r = await op({ op: 'descend', ...req });
  if (!r['ok']) throw new Error(JSON.stringify(r['error']));
  return r;
}

const G3 = 'L = Σ_i (y_i - (a x_i + b))^2';
const DATA = 'x=-2,0,1; y=-1,1,2';
const exact = (v: Json) => v['exact'];

describe('G3: one step of gradient descent, exactly', () => {
  it('L = 5, ∂L/∂a = 10, ∂L/∂b = −2, then a = 1, b = 1.2, L = 0.12', async () => {
    const r = await descend({ expr: G3, data: DATA, start: 'a=2, b=1', rate: 0.1, steps: 1 });
    expect(r['exact']).toBe(true);
    const [s0, s1] = r['table'];
    expect([exact(s0.loss), exact(s0.gradient.a), exact(s0.gradient.b)]).toEqual(['5', '10', '-2']);
    expect([exact(s1.parameters.a), exact(s1.parameters.b), exact(s1.loss)]).toEqual(['1', '6/5', '3/25']);
    expect([s1.parameters.b.value, s1.loss.value]).toEqual([1.2, 0.12]);
    expect(r['gradient']['a']['unicode']).toBe('Σ_i (−2·(y_i − (a·x_i + b))·x_i)');
  });

  it('the per-row tables of the notes, before and after the step', async () => {
    const r = await descend({ expr: G3, data: DATA, start: 'a=2, b=1', rate: 0.1, steps: 1 });
    const [before, after] = r['rows'].map((s: Json) => s['sums'][0]);
    const col = (t: Json, pick: (c: Json) => boolean) => {
      const k = t['columns'].findIndex(pick);
      return { values: t['rows'].map((row: Json[]) => exact(row[k])), total: t['totals'][k] && exact(t['totals'][k]) };
    };
    const role = (name: string) => (c: Json) => c['role'] === name;
    const grad = (p: string) => (c: Json) => c['param'] === p;
    expect(col(before, role('prediction')).values).toEqual(['-3', '1', '3']);
    expect(col(before, role('residual')).values).toEqual(['2', '0', '-1']);
    expect(col(before, role('square'))).toEqual({ values: ['4', '0', '1'], total: '5' });
    expect(col(before, grad('a'))).toEqual({ values: ['8', '0', '2'], total: '10' });
    expect(col(before, grad('b'))).toEqual({ values: ['-4', '0', '2'], total: '-2' });
    expect(col(after, role('prediction')).values).toEqual(['-4/5', '6/5', '11/5']);
    expect(col(after, role('residual')).values).toEqual(['-1/5', '-1/5', '-1/5']);
    expect(col(after, role('square')).total).toBe('3/25');
  });

  it('100 steps converge to the least-squares solution (XᵀX)⁻¹XᵀY', async () => {
    const r = await descend({ expr: G3, data: DATA, start: 'a=2, b=1', rate: 0.1, steps: 100 });
    const X = math.matrix([[-2, 1], [0, 1], [1, 1]]);
    const Y = math.matrix([-1, 1, 2]);
    const Xt = math.transpose(X);
    const beta = math.multiply(math.inv(math.multiply(Xt, X)), math.multiply(Xt, Y)).toArray() as number[];
    const last = r['table'][100];
    expect(r['table']).toHaveLength(101);
    expect(r['exact']).toBe(true);
    expect(last.parameters.a.value).toBeCloseTo(beta[0]!, 12);
    expect(last.parameters.b.value).toBeCloseTo(beta[1]!, 12);
    expect(Math.abs(last.gradient.a.value)).toBeLessThan(1e-12);
    // the loss never goes up on this convex problem at this rate
    const losses = r['table'].map((s: Json) => s.loss.value);
    for (let k = 1; k < losses.length; k++) expect(losses[k]).toBeLessThanOrEqual(losses[k - 1]);
  });

  it('a larger seeded data set, 2,000 float steps against the closed form', async () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    const xs = Array.from({ length: 40 }, () => Number(rnd().toFixed(3)));
    const ys = xs.map((x) => Number((0.7 * x - 0.2 + 0.1 * rnd()).toFixed(3)));
    const r = await descend({ expr: G3, data: { x: xs, y: ys }, start: { a: 0, b: 0 }, rate: 0.01, steps: 2000 });
    expect(r['exact']).toBe(false);
    expect(r['exactUntil']['step']).toBe(0);
    const X = math.matrix(xs.map((x) => [x, 1]));
    const Xt = math.transpose(X);
    const beta = math.multiply(math.inv(math.multiply(Xt, X)), math.multiply(Xt, math.matrix(ys))).toArray() as number[];
    const last = r['table'][2000];
    expect(last.parameters.a.value).toBeCloseTo(beta[0]!, 9);
    expect(last.parameters.b.value).toBeCloseTo(beta[1]!, 9);
  });
});

describe('notations of the sum and formats of the data', () => {
  const reference = descend({ expr: G3, data: DATA, start: 'a=2, b=1', rate: 0.1, steps: 1 });
  it.each<[string, Json]>([
    ['sum_i(…)', { expr: 'L = sum_i((y_i - (a x_i + b))^2)' }],
    ['Σᵢ with xᵢ, yᵢ', { expr: 'L = Σᵢ (yᵢ - (a xᵢ + b))^2' }],
    ['∑ (U+2211)', { expr: 'L = ∑_i (y_i - (a x_i + b))^2' }],
    ['bare expression', { expr: 'Σ_i (y_i - (a x_i + b))^2' }],
    ['another index', { expr: 'L = Σ_j (y_j - (a x_j + b))^2' }],
    ['a per-row definition', { expr: 'yhat_i = a x_i + b; L = Σ_i (y_i - yhat_i)^2', names: ['yhat'] }],
    ['LaTeX \\sum_{i}', { expr: 'L = \\sum_{i} (y_{i} - (a x_{i} + b))^{2}' }],
    ['the text a sum prints back to', { expr: 'L = sum(i, (y_i - (a*x_i + b))^2)' }],
    ['sum_i(…) with the loss scaled outside it', { expr: 'L = 2 sum_i((y_i - (a x_i + b))^2) / 2' }],
    ['CSV', { csv: 'x,y\r\n-2,-1\n0,1\n\n1,2\n', data: undefined }],
    ['JSON columns', { data: { x: [-2, 0, 1], y: [-1, '1', 2] } }],
    ['JSON rows', { data: [{ x: -2, y: -1 }, { x: 0, y: 1 }, { x: 1, y: 2 }] }],
    ['start and rate as objects and strings', { start: { a: 2, b: '1' }, rate: '1/10' }],
  ])('%s', async (_, change) => {
    const r = await descend({ expr: G3, data: DATA, start: 'a=2, b=1', rate: 0.1, steps: 1, ...change });
    const ref = await reference;
    expect(r['table']).toEqual(ref['table']);
    expect(r['rows'][0]['sums'][0]['rows']).toEqual(ref['rows'][0]['sums'][0]['rows']);
  });

  it('the sum prints back to text that reads as the same sum', async () => {
    const r = await descend({ expr: G3, data: DATA, start: 'a=2, b=1', rate: 0.1 });
    const again = await descend({ expr: r['loss']['text'], data: DATA, start: 'a=2, b=1', rate: 0.1 });
    expect(again['table']).toEqual(r['table']);
    expect(r['loss']['latex']).toBe('\\sum_{i} (y_{i} - (ax_{i} + b))^{2}');
  });

  it('a per-row definition names its column', async () => {
    const r = await descend({ expr: 'yhat_i = a x_i + b; L = Σ_i (y_i - yhat_i)^2', names: ['yhat'], data: DATA, start: 'a=2, b=1', rate: 0.1 });
    const roles = r['rows'][0]['sums'][0]['columns'].map((c: Json) => c['role']).filter(Boolean);
    expect(roles).toContain('prediction');
  });
});

describe('descend beyond the rationals, and when it goes wrong', () => {
  it('a logistic loss runs in floats and says so', async () => {
    const r = await descend({ expr: 'L = Σ_i BCE(σ(w x_i + b), y_i)', data: 'x=-1,0,2; y=0,0,1', start: 'w=0, b=0', rate: 0.5, steps: 3 });
    expect(r['exact']).toBe(false);
    expect(r['exactUntil']['step']).toBe(0);
    expect(r['table'][0]['loss']['value']).toBeCloseTo(3 * Math.log(2), 12);
    expect(r['table'][3]['loss']['value']).toBeLessThan(r['table'][0]['loss']['value']);
    const roles = r['rows'][0]['sums'][0]['columns'].map((c: Json) => c['role']).filter(Boolean);
    expect(roles).toEqual(['prediction', 'loss']);
  });

  it('a loss without data is plain minimisation', async () => {
    const r = await descend({ expr: '(a - 3)^2 + (b + 1)^2', start: 'a=0, b=0', rate: 0.25, steps: 2 });
    expect(r['table'].map((s: Json) => exact(s.parameters.a))).toEqual(['0', '3/2', '9/4']);
    expect(r['rows']).toEqual([]);
  });

  it('too large a rate diverges and stops with the reason', async () => {
    const r = await descend({ expr: G3, data: DATA, start: 'a=2, b=1', rate: 1, steps: 2000 });
    expect(r['stopped']['reason']).toMatch(/diverge/);
    expect(r['table'].length).toBeLessThan(2001);
  });

  it('exact iterates that outgrow the bound go on in floats', async () => {
    const r = await descend({ expr: 'L = Σ_i (y_i - a^3 x_i)^2', data: 'x=0.3,0.7; y=0.1,0.5', start: 'a=0.9', rate: 0.1, steps: 12 });
    expect(r['exact']).toBe(false);
    expect(r['exactUntil']['reason']).toMatch(/bits/);
    expect(r['table']).toHaveLength(13);
  });
});

describe('errors, with positions', () => {
  it.each<[string, Json, string, string | undefined, number | undefined]>([
    ['missing column', { expr: 'L = Σ_i (y_i - a z_i)^2' }, 'UNBOUND_VARIABLE', 'expr', 17],
    ['missing start value', { start: 'a=2' }, 'UNBOUND_VARIABLE', 'expr', 24],
    ['unknown start name', { start: 'a=2, b=1, c=3' }, 'BAD_VALUE', 'start', 10],
    ['ragged columns', { data: 'x=-2,0,1; y=-1,1' }, 'BAD_VALUE', 'data', 9],
    ['not a number in the data', { data: 'x=-2,zero,1; y=-1,1,2' }, 'BAD_VALUE', 'data', 5],
    ['CSV row too short', { data: undefined, csv: 'x,y\n1,2\n3\n' }, 'BAD_VALUE', 'csv', 8],
    ['index outside its sum', { expr: 'L = x_i + Σ_i (y_i - (a x_i + b))^2' }, 'BAD_REQUEST', 'expr', 4],
    ['nested sums', { expr: 'L = Σ_i Σ_j (y_i - a x_j)^2' }, 'BAD_REQUEST', 'expr', 8],
    ['Σ without its index', { expr: 'L = Σ (y_i - a x_i)^2' }, 'UNEXPECTED_TOKEN', 'expr', 4],
    ['a sum without data', { data: undefined }, 'BAD_REQUEST', undefined, undefined],
    ['unbalanced parenthesis in sum_i(', { expr: 'L = sum_i((y_i - a x_i)^2' }, 'UNBALANCED_PAREN', 'expr', 9],
    ['negative rate', { rate: -0.1 }, 'BAD_VALUE', undefined, undefined],
    ['too many steps', { steps: 1e6 }, 'BAD_REQUEST', undefined, undefined],
    ['a sum over data with bounds', { expr: 'L = Σ_{i=1}^{3} (y_i - a x_i)^2' }, 'BAD_REQUEST', 'expr', 4],
    ['a sum inside sum_i(…)', { expr: 'L = sum_i(y_i Σ_j x_j)' }, 'BAD_REQUEST', 'expr', 14],
    ['an explicit * ends the sum: y_i outside it', { expr: 'L = Σ_i x_i * y_i a' }, 'BAD_REQUEST', 'expr', 14],
    ['domain error in a row', { expr: 'L = Σ_i log(x_i + a)', start: 'a=1' }, 'DOMAIN', 'expr', 4],
  ])('%s', async (_, change, code, field, offset) => {
    const r = await op({ op: 'descend', expr: G3, data: DATA, start: 'a=2, b=1', rate: 0.1, steps: 1, ...change });
    expect(r['ok']).toBe(false);
    expect(r['error']['code']).toBe(code);
    if (field) expect(r['error']['field']).toBe(field);
    if (offset !== undefined) expect(r['error']['position']['offset']).toBe(offset);
  });
});
