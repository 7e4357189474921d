// The matrix graph: every node has its shape; values and adjoints are shown up to 4×4; softmax + CE
// is one fused gate whose local gradient is P − T, and its numbers agree with P − T.
import { describe, expect, it } from 'vitest';
import { matrixGraph } from '../../src/tensor/index.js';

const G5 = {
  expr: 'L',
  given: 'a = X W1 + b1; S = σ(a); c = S W2 + b2; P = softmax(c); L = CE(P, T)',
  shapes: { X: 'm×2', W1: '2x3', b1: '1x3', W2: '3x3', b2: '1x3', T: 'm×3' },
};
const VALUES = {
  X: [[0.5, -1], [1, 2], [0, 0.25], [-0.5, 1]],
  W1: [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], b1: [[0, 0.1, -0.1]],
  W2: [[1, 0, -1], [0.5, 0.5, 0.5], [-0.3, 0.2, 0.1]], b2: [[0.2, 0, -0.2]],
  T: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]],
};

describe('matrix graph', () => {
  const g = matrixGraph({ ...G5, values: VALUES });
  it('one node per input and definition, softmax + CE fused', () => {
    expect(g.nodes.map((n) => `${n.id}:${n.kind}:${n.shape}:${n.size}`)).toEqual([
      'X:input:m×2:4×2', 'W1:input:2×3:2×3', 'b1:input:1×3:1×3', 'W2:input:3×3:3×3', 'b2:input:1×3:1×3', 'T:input:m×3:4×3',
      'a:op:m×3:4×3', 'S:op:m×3:4×3', 'c:op:m×3:4×3', 'L:loss:1×1:1×1',
    ]);
    const l = g.nodes.at(-1)!;
    expect(l.op).toBe('softmax → CE: CE(softmax(c), T)');
    expect(l.fused!.localGradient).toBe('∂L/∂c = P − T');
    expect([l.gate, l.local]).toEqual(['softmax + CE', '∂L/∂c = P − T']);
    expect(l.inputs).toEqual(['c', 'T']);
    expect(g.sampled).toBe(false);
    expect(g.dims).toEqual({ m: 4 });
  });
  it('values are the forward pass, adjoints the backward pass (∂L/∂c = P − T)', () => {
    const c = g.nodes.find((n) => n.id === 'c')!;
    const a = g.nodes.find((n) => n.id === 'a')!;
    // a = X W1 + b1, row 1: 0.5·(0.1, −0.2, 0.3) − 1·(0.4, 0.5, −0.6) + (0, 0.1, −0.1)
    expect(a.value![0]![0]).toBeCloseTo(-0.35, 12);
    expect(a.value![0]![1]).toBeCloseTo(-0.5, 12);
    expect(a.value![0]![2]).toBeCloseTo(0.65, 12);
    for (let i = 0; i < 4; i++) {
      const row = c.value![i]!;
      const z = row.reduce((s, v) => s + Math.exp(v), 0);
      row.forEach((v, j) => { expect(c.grad![i]![j]).toBeCloseTo(Math.exp(v) / z - VALUES.T[i]![j]!, 12); });
    }
    expect(g.nodes.at(-1)!.value![0]![0]).toBeGreaterThan(0);
  });
  it('matrices larger than 4×4 show their shape only', () => {
    const big = matrixGraph({ ...G5, dims: { m: 5 } });
    expect(big.nodes.find((n) => n.id === 'X')!.value).toBeUndefined();
    expect(big.nodes.find((n) => n.id === 'W1')!.value!.length).toBe(2);
    expect(big.sampled).toBe(true);
  });
  it('values of the wrong size are an error', () => {
    expect(() => matrixGraph({ ...G5, values: { ...VALUES, W1: [[1, 2]] } })).toThrow(expect.objectContaining({ code: 'BAD_VALUE' }));
  });
});
