// The `graph` op beyond the golden cases: a loss over data drawn as a graph (the rows written
// out, the parameters forking into every row so their gradients add: linearity), the per-row
// table at the point, deterministic JSON, and user errors with their fields and positions.
import { describe, expect, it } from 'vitest';
import { handleLine } from '../../src/api/batch.js';

type Json = Record<string, any>;
const op = async (req: Json): Promise<Json> => (await handleLine(JSON.stringify({ op: 'graph', ...req }))) as Json;

describe('graph of a loss over data', () => {
  it('G3 as a graph: L = 5, ∂L/∂a = 10, ∂L/∂b = −2, a forks into every row', async () => {
    for (const granularity of ['primitive', 'standard', 'fused']) {
      const r = await op({ expr: 'L = Σ_i (y_i - (a x_i + b))^2', data: 'x=-2,0,1; y=-1,1,2', at: 'a=2, b=1', granularity });
      expect(r['ok']).toBe(true);
      expect(r['target']).toBe('L');
      expect(r['value']).toEqual({ value: 5, exact: '5' });
      expect(r['gradients']['a']['exact']).toBe('10');
      expect(r['gradients']['b']['exact']).toBe('-2');
      expect(r['gradients']['b']['terms'].length).toBe(3); // one edge per row
      expect(r['check']['status']).toBe('verified');
      const t = r['tables'][0];
      const k = t['columns'].findIndex((c: Json) => c['role'] === 'square');
      expect(t['rows'].map((row: Json[]) => row[k]['exact'])).toEqual(['4', '0', '1']);
      expect(r['loss']['unicode']).toBe('Σ_i (y_i − (a·x_i + b))²');
    }
  });

  it('the same JSON for the same request (deterministic)', async () => {
    const req = { expr: 'z = w0 + w1*x1 + w2*x2; p = σ(z); L = BCE(p, y)', at: { w_0: -3, w_1: 2, w_2: -3, x_1: -1, x_2: -2, y: 1 }, granularity: 'primitive' };
    expect(JSON.stringify(await op(req))).toBe(JSON.stringify(await op(req)));
  });

  it('check: false leaves the checks out', async () => {
    const r = await op({ expr: 'x*y', at: 'x=1, y=2', check: false });
    expect(r['check']).toBeUndefined();
    expect(r['gradients']['x']['check']).toBeUndefined();
  });

  it('every LaTeX label and formula is KaTeX-valid', async () => {
    const katex = (await import('katex')).default;
    const r = await op({ expr: 'z = w0 + w1*x1 + w2*x2; p = σ(z); L = BCE(p, y) + 2/p + p^3', at: 'w0=-3, w1=2, w2=-3, x1=-1, x2=-2, y=1', granularity: 'primitive' });
    const all: string[] = [];
    for (const n of r['nodes']) all.push(n['latexLabel'], n['expr']['latex'], ...(n['gate'] ? [n['gate']['latex']] : []));
    for (const b of r['backward']) all.push(b['local']['gate']['latex'], b['local']['named']['latex']);
    for (const s of all) expect(() => katex.renderToString(s, { throwOnError: true, strict: 'error' }), s).not.toThrow();
  });
});

describe('graph errors', () => {
  it.each<[string, Json, string, string | undefined, number | undefined]>([
    ['an input without a value', { expr: 'x*y + w', at: 'x=1, y=2' }, 'UNBOUND_VARIABLE', 'expr', 6],
    ['a name that is not an input', { expr: 'x*y', at: 'x=1, y=2, z=3' }, 'BAD_VALUE', 'at', 10],
    ['a defined name given a value', { expr: 'q = x + y; f = q z', at: 'x=1, y=2, z=3, q=4' }, 'BAD_VALUE', 'at', 15],
    ['outside the domain', { expr: 'f = log(x - 2)', at: 'x=1' }, 'DOMAIN', 'expr', 4],
    ['a bad value', { expr: 'x', at: 'x=abc' }, 'BAD_VALUE', 'at', 2],
    ['an unknown granularity', { expr: 'x', at: 'x=1', granularity: 'coarse' }, 'BAD_REQUEST', undefined, undefined],
    ['a constant', { expr: '2 + 3' }, 'BAD_REQUEST', undefined, undefined],
    ['a parse error, after the sum rewrite', { expr: 'sum_i(x_i) + * 2', data: 'x=1,2', at: '' }, 'UNEXPECTED_TOKEN', 'expr', 13],
    ['data without a sum', { expr: 'x*y', at: 'x=1, y=2', data: 'x=1,2' }, 'BAD_REQUEST', 'expr', undefined],
    ['data and csv together', { expr: 'Σ_i x_i a', at: 'a=1', data: 'x=1', csv: 'x\n1' }, 'BAD_REQUEST', undefined, undefined],
    ['an unknown function', { expr: 'sigmod(x)', at: 'x=1' }, 'UNKNOWN_FUNCTION', 'expr', 0],
  ])('%s', async (_, req, code, field, offset) => {
    const r = await op(req);
    expect(r['ok']).toBe(false);
    expect(r['error']['code']).toBe(code);
    if (field) expect(r['error']['field']).toBe(field);
    if (offset !== undefined) expect(r['error']['position']['offset']).toBe(offset);
  });
});
