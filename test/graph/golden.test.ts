// Golden cases of issue 4 on computational graphs (SEEDS.md G2, the classic f = (x + y)·z, x·x):
// forward values, upstream/local/downstream gradients, forks, and the same gradients at every
// granularity, each checked against finite differences of the whole function.
import { describe, expect, it } from 'vitest';
import { handleLine } from '../../src/api/batch.js';

type Json = Record<string, any>;

async function graph(expr: string, at: Record<string, number | string> | string, granularity = 'standard', extra: Json = {}): Promise<Json> {
  const r = (await handleLine(JSON.stringify({ op: 'graph', expr, at, granularity, ...extra }))) as Json;
  if (!r['ok']) throw new Error(JSON.stringify(r['error']));
  return r;
}
const node = (g: Json, name: string): Json => {
  const n = g['nodes'].find((x: Json) => x['name'] === name);
  if (!n) throw new Error(`no node ${name}`);
  return n;
};
const round4 = (x: number) => Number(x.toFixed(4));

const G2 = 'z = w0 + w1*x1 + w2*x2; p = σ(z); L = BCE(p, y)';
const G2_AT = 'w0=-3, w1=2, w2=-3, x1=-1, x2=-2, y=1';

describe('G2: logistic regression as a computational graph', () => {
  it.each(['primitive', 'standard', 'fused'])('%s: σ = 0.7311, L = 0.3133 and every gradient to 4 places', async (gran) => {
    const g = await graph(G2, G2_AT, gran);
    const sigma = gran === 'fused' ? node(g, 'L')['inner'][0] : node(g, 'p');
    expect(round4(sigma['value'])).toBe(0.7311);
    expect(round4(g['value']['value'])).toBe(0.3133);
    expect(round4(node(g, 'z')['grad']['value'])).toBe(-0.2689);
    const grads = Object.fromEntries(Object.entries(g['gradients'] as Record<string, Json>).map(([k, v]) => [k, round4(v['value'])]));
    expect(grads).toEqual({ w_0: -0.2689, w_1: 0.2689, w_2: 0.5379, x_1: -0.5379, x_2: 0.8068, y: -1 });
    for (const v of Object.values(g['gradients'] as Record<string, Json>)) expect(v['check']['status']).toBe('verified');
    expect(node(g, 'z')['check']['status']).toBe('verified');
    expect(g['check']['status']).toBe('verified');
  });

  it('primitive: the σ chain ·(−1) → exp → +1 → 1/x with the notes local gradients', async () => {
    const g = await graph(G2, G2_AT, 'primitive');
    const byId = new Map(g['nodes'].map((n: Json) => [n['id'], n]));
    // walk from z forward along single edges until p
    const chain: Json[] = [];
    let at = node(g, 'z');
    while (at['name'] !== 'p') {
      const e = g['edges'].find((x: Json) => x['id'] === at['outputs'][0]);
      at = byId.get(e['to']) as Json;
      chain.push(at);
    }
    expect(chain.map((n) => n['label'])).toEqual(['·(−1)', 'exp', '+1', '1/x']);
    expect(chain.map((n) => n['gate']['unicode'])).toEqual(['−x', 'e^x', 'x + 1', '1/x']);
    const back = new Map(g['backward'].map((b: Json) => [b['to'], b]));
    const locals = chain.map((n) => (back.get(n['id']) as Json)['local']);
    expect(locals.map((l) => l['gate']['unicode'])).toEqual(['−1', 'e^x', '1', '−(1/x²)']);
    expect(locals.map((l) => round4(l['value']))).toEqual([-1, 0.3679, 1, -0.5344]);
    // dL/dŷ = −1/0.73 = −1.37 and dL/dz = (1 − 0.73)·0.73·(−1.37) = −0.27
    expect(node(g, 'p')['grad']['value'].toFixed(2)).toBe('-1.37');
    expect(node(g, 'z')['grad']['value'].toFixed(2)).toBe('-0.27');
    // p feeds log p and 1 − p: a fork whose two downstream gradients add up
    expect(node(g, 'p')['terms']).toHaveLength(2);
    // every edge: downstream = upstream × local
    for (const b of g['backward']) expect(b['downstream']['value']).toBeCloseTo(b['upstream']['value'] * b['local']['value'], 14);
  });

  it('standard: one σ gate with local gradient σ(z)(1 − σ(z)); BCE gate (p − y)/(p(1 − p))', async () => {
    const g = await graph(G2, G2_AT, 'standard');
    const edgeInto = (name: string, from: string) => g['backward'].find((b: Json) => b['to'] === node(g, name)['id'] && b['from'] === node(g, from)['id']);
    expect(node(g, 'p')['label']).toBe('σ');
    expect(edgeInto('p', 'z')['local']['named']['unicode']).toBe('σ(z)(1 − σ(z))');
    expect(edgeInto('L', 'p')['local']['named']['unicode']).toBe('(p − y)/(p(1 − p))');
    expect(edgeInto('L', 'p')['local']['value'].toFixed(2)).toBe('-1.37');
  });

  it('fused: σ→BCE is one gate with local gradient σ(z) − y', async () => {
    const g = await graph(G2, G2_AT, 'fused');
    const L = node(g, 'L');
    expect(L['op']).toBe('sigmoid+BCE');
    expect(L['label']).toBe('σ→BCE');
    expect(L['expr']['unicode']).toBe('BCE(σ(z), y)');
    expect(g['nodes'].some((n: Json) => n['name'] === 'p')).toBe(false);
    const b = g['backward'].find((x: Json) => x['to'] === L['id'] && x['from'] === node(g, 'z')['id']);
    expect(b['local']['gate']['unicode']).toBe('σ(x) − y');
    expect(b['local']['named']['unicode']).toBe('σ(z) − y');
    expect(round4(b['local']['value'])).toBe(-0.2689);
  });

  it('a σ used twice is not fused (its value is needed elsewhere)', async () => {
    const g = await graph('z = w x; p = σ(z); L = BCE(p, y) + p', 'w=1, x=1, y=1', 'fused');
    expect(g['nodes'].some((n: Json) => n['op'] === 'sigmoid+BCE')).toBe(false);
  });
});

describe('the classic f = (x + y)·z and forks', () => {
  it.each([
    ['q = x + y; f = q z', 'q'],
    ['(x + y)*z', 'u_1'],
  ])('%s at x = −2, y = 5, z = −4', async (expr, q) => {
    for (const gran of ['primitive', 'standard', 'fused']) {
      const g = await graph(expr, { x: -2, y: 5, z: -4 }, gran);
      expect(node(g, q)['exact']).toBe('3');
      expect(g['value']).toEqual({ value: -12, exact: '-12' });
      expect(g['gradients']['x']['exact']).toBe('-4');
      expect(g['gradients']['y']['exact']).toBe('-4');
      expect(g['gradients']['z']['exact']).toBe('3');
      // ∂f/∂q = z = −4: the upstream gradient of both edges into q
      for (const b of g['backward'].filter((x: Json) => x['to'] === node(g, q)['id'])) expect(b['upstream']['exact']).toBe('-4');
    }
  });

  it('f = x·x at x = 3: two edges from x, gradient 6 = 3 + 3', async () => {
    const g = await graph('f = x*x', { x: 3 });
    const x = node(g, 'x');
    expect(x['outputs']).toHaveLength(2);
    expect(g['edges'].filter((e: Json) => e['from'] === x['id'])).toHaveLength(2);
    const terms = g['gradients']['x']['terms'].map((t: string) => g['backward'].find((b: Json) => b['edge'] === t)['downstream']['exact']);
    expect(terms).toEqual(['3', '3']);
    expect(g['gradients']['x']['exact']).toBe('6');
    expect(g['gradients']['x']['check']['status']).toBe('verified');
  });

  it('a shared sub-expression is one node with two edges: (x + y)(x + y)', async () => {
    const g = await graph('(x + y)*(x + y)', { x: 1, y: 2 });
    expect(g['nodes']).toHaveLength(4);
    expect(g['gradients']['x']['exact']).toBe('6');
  });
});
