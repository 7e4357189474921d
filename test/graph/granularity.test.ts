// "A computational graph is not unique": whatever the granularity, the graph computes the same
// function (composed from its gates) and backpropagation gives the same gradients, all equal to
// finite differences of the whole function. Table-driven: a new case is a new row.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/numeric/float.js';
import {
  buildGraph, checkPartial, composed, GRANULARITIES, runPasses, wholeFunction, type Graph, type Passes,
} from '../../src/graph/index.js';
import { parse } from '../../src/parse/index.js';
import { gateLabel } from '../../src/render/index.js';

const ROWS: [program: string, point: Record<string, number>][] = [
  ['z = w0 + w1*x1 + w2*x2; p = σ(z); L = BCE(p, y)', { w_0: -3, w_1: 2, w_2: -3, x_1: -1, x_2: -2, y: 1 }],
  ['z = w0 + w1*x1 + w2*x2; p = σ(z); L = BCE(p, y)', { w_0: 0.3, w_1: -0.7, w_2: 1.1, x_1: 0.4, x_2: -2, y: 0.2 }],
  ['L = MSE(σ(w x + b), t)', { w: 0.5, x: 2, b: -1, t: 0.3 }],
  ['f = tanh(a b)/(1 + c^2)', { a: 0.7, b: -1.2, c: 0.4 }],
  ['f = sqrt(x)*exp(-x/2) - log(y)/x', { x: 1.7, y: 2.5 }],
  ['f = x^y + 2^x - e^(x y)', { x: 1.5, y: 0.5 }],
  ['h = relu(w x - 1); L = (h - t)^2', { w: 2, x: 1.5, t: 0.5 }],
  ['f = BCE(σ(z), 0)', { z: 0.8 }],
  ['f = 3 - x/4 + 2/x', { x: 1.25 }],
  ['a = x*x; b = a*a; f = b + a - 1/a', { x: 1.3 }],
  ['q = x + y; f = q z', { x: -2, y: 5, z: -4 }],
  ['f = x*x', { x: 3 }],
  ['f = sin(x)^2 + cos(x)^2 + x', { x: 0.3 }],
];

function run(program: string, gran: (typeof GRANULARITIES)[number], point: Record<string, number>): { g: Graph; p: Passes } {
  const { graph } = buildGraph(parse(program).program, gran);
  const p = runPasses(graph, new Map(Object.entries(point).map(([k, v]) => [k, { value: v }])));
  return { g: graph, p };
}

const gradients = (g: Graph, p: Passes) =>
  Object.fromEntries(g.nodes.map((n, i) => [n, p.nodes[i]!] as const).filter(([n]) => n.kind === 'input').map(([n, np]) => [n.name, np.grad.value]));

describe.each(ROWS)('%s', (program, point) => {
  const parsed = parse(program).program;
  const defs = parsed.definitions;
  const target = parsed.body ?? { kind: 'sym' as const, name: defs[defs.length - 1]!.name };
  const whole = wholeFunction(defs, target);
  const reference = run(program, 'standard', point);
  const refGrads = gradients(reference.g, reference.p);

  it.each(GRANULARITIES)('%s: same value and gradients, each equal to finite differences', (gran) => {
    const { g, p } = run(program, gran, point);
    // the graph computes the program's function
    const direct = evaluate(whole, point);
    const viaGates = evaluate(composed(g), point);
    expect(direct.ok && viaGates.ok).toBe(true);
    if (direct.ok && viaGates.ok) expect(viaGates.value).toBeCloseTo(direct.value, 12);
    expect(p.nodes[p.nodes.length - 1]!.value.value).toBeCloseTo((direct as { value: number }).value, 12);
    const grads = gradients(g, p);
    expect(Object.keys(grads).sort()).toEqual(Object.keys(refGrads).sort());
    for (const [name, v] of Object.entries(grads)) {
      expect(v, name).toBeCloseTo(refGrads[name]!, 12);
      const c = checkPartial(whole, name, point, v);
      expect(c.status, `${name}: ${JSON.stringify(c)}`).toBe('verified');
    }
  });

  it.each(GRANULARITIES)('%s: structure invariants', (gran) => {
    const { g, p } = run(program, gran, point);
    const index = new Map(g.nodes.map((n, i) => [n.id, i]));
    g.nodes.forEach((n, i) => expect(n.id).toBe(`n${i}`));
    for (const e of g.edges) expect(index.get(e.from)!).toBeLessThan(index.get(e.to)!);
    expect(g.output).toBe(g.nodes[g.nodes.length - 1]!.id);
    // a node's gradient is the sum of the downstream gradients of its outgoing edges
    const down = new Map(p.edges.map((e) => [e.edge, e.downstream.value]));
    g.nodes.forEach((n, i) => {
      if (n.id === g.output) return;
      const sum = n.outputs.reduce((s, e) => s + down.get(e)!, 0);
      expect(p.nodes[i]!.grad.value).toBeCloseTo(sum, 12);
      expect([...p.nodes[i]!.terms].sort()).toEqual([...n.outputs].sort());
    });
    // ranks: inputs 0, a gate one more than its deepest input
    for (const n of g.nodes) {
      const ins = n.inputs.map((e) => g.nodes[index.get(g.edges[Number(e.slice(1))]!.from)!]!.rank);
      expect(n.rank).toBe(n.kind === 'input' ? 0 : 1 + Math.max(...ins));
    }
    // every name is distinct
    expect(new Set(g.nodes.map((n) => n.name)).size).toBe(g.nodes.length);
  });
});

describe('gate shapes', () => {
  it('primitive gates are at most binary and use the notes labels', () => {
    const { graph } = buildGraph(parse('L = BCE(σ(w0 + w1 x1 + w2 x2), y)').program, 'primitive');
    for (const n of graph.nodes) if (n.kind === 'gate') expect(n.inputs.length).toBeLessThanOrEqual(2);
    const labels = new Set(graph.nodes.filter((n) => n.kind === 'gate').map((n) => gateLabel(n.op, n.gate!).label));
    expect([...labels].sort()).toEqual(['+', '+1', '1/x', 'exp', 'log', '×', '·(−1)'].sort());
  });
  it('standard keeps a subtraction as one gate and n-ary sums whole', () => {
    const { graph } = buildGraph(parse('f = a + b + c - d').program, 'standard');
    const gates = graph.nodes.filter((n) => n.kind === 'gate');
    expect(gates).toHaveLength(1);
    expect(gateLabel(gates[0]!.op, gates[0]!.gate!).label).toBe('−');
    expect(gates[0]!.inputs).toHaveLength(4);
  });
  it('+ 0 and · 1 are not gates', () => {
    const { graph } = buildGraph(parse('f = 1*x + 0').program, 'primitive');
    expect(graph.nodes.map((n) => n.op)).toEqual(['input', 'identity']);
  });
  it('a constant has no graph; d/dx(…) is refused', () => {
    expect(() => buildGraph(parse('f = 2 + 3').program, 'standard')).toThrow(/constant/);
    expect(() => buildGraph(parse('d/dx(x^2)').program, 'standard')).toThrow(/derive it first/);
  });
});

describe('gate labels (src/render/graph.ts)', () => {
  it.each<[string, string, string]>([
    ['f = x + 1', 'primitive', '+1'],
    ['f = x - 2', 'primitive', '−2'],
    ['f = 2x', 'primitive', '·2'],
    ['f = -x', 'primitive', '·(−1)'],
    ['f = -3x', 'standard', '·(−1)'],
    ['f = x*(-3)', 'standard', '·(−3)'],
    ['f = 1/x', 'primitive', '1/x'],
    ['f = 3/x', 'standard', '3/x'],
    ['f = x/2', 'standard', '/2'],
    ['f = x^2', 'standard', '^2'],
    ['f = x^(1/2)', 'standard', '^(1/2)'],
    ['f = 2^x', 'standard', '2^x'],
    ['f = x^y', 'standard', '^'],
    ['f = e^x', 'primitive', 'exp'],
    ['f = x*y', 'primitive', '×'],
    ['f = x - y', 'standard', '−'],
    ['f = σ(x)', 'standard', 'σ'],
    ['f = log(x)', 'primitive', 'log'],
    ['f = BCE(σ(z), y)', 'fused', 'σ→BCE'],
  ])('%s (%s) → %s', (program, gran, label) => {
    const { graph } = buildGraph(parse(program).program, gran as (typeof GRANULARITIES)[number]);
    const out = graph.nodes[graph.nodes.length - 1]!;
    expect(gateLabel(out.op, out.gate!).label).toBe(label);
  });
});
