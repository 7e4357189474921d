// The checks with random matrices: every rule of the registry is exercised by some program and
// verified against finite differences; wrong steps (a missing transpose, the element-wise softmax
// shortcut, a dropped factor) are refuted with the entry and both values.
import { describe, expect, it } from 'vitest';
import * as M from '../../src/tensor/expr.js';
import { checkMatrixSteps, deriveAll, matrixUnicode, parseShapes, readMatrices, TENSOR_RULES, type MatStep } from '../../src/tensor/index.js';

const CORPUS: [string, Record<string, string>, string][] = [
  ['a = X W1 + b1; S = σ(a); c = S W2 + b2; P = softmax(c); L = CE(P, T)', { X: 'm×2', W1: '2x3', b1: '1x3', W2: '3x3', b2: '1x3', T: 'm×3' }, 'L'],
  ['a = W1 X + b1; S = σ(a); c = W2 S + b2; P = σ(c); L = BCE(P, T)', { X: '2×m', W1: '3x2', b1: '3x1', W2: '1x3', b2: '1x1', T: '1×m' }, 'L'],
  ['L = sum((tanh(X W) - T) ⊙ (tanh(X W) - T)) + 0.1 sum(W ⊙ W)', { X: 'm×2', W: '2x3', T: 'm×3' }, 'L'],
  ['L = sum(inv(A) B ⊘ exp(A))', { A: '2x2', B: '2x2' }, 'L'],
  ['C = X W; S = softmax(C, cols); L = sum(sum(log(S), rows)) + sum(sum(relu(C), cols)) - sum(-Cᵀ ⊙ Cᵀ)', { X: 'm×2', W: '2x3' }, 'L'],
  ['E = (Y - X β)ᵀ (Y - X β)', { X: 'm×n', Y: 'm×1', β: 'n×1' }, 'E'],
  ['P = σ(X w); L = BCE(P, t) + sum(P, rows) ⊙ sum(P, rows)', { X: 'm×3', w: '3x1', t: 'm×1' }, 'L'],
  ['L = mean((X W - Y) ⊙ (X W - Y)) + sum(mean(σ(X W), cols)) + sum(mean(X W, rows))', { X: 'm×2', W: '2x3', Y: 'm×3' }, 'L'],
];

function run(src: string, shapes: Record<string, string>, loss: string) {
  const { program } = readMatrices(src, parseShapes(shapes, (n) => (n === 'β' ? 'beta' : n)));
  const d = deriveAll(program, loss);
  return { program, d, check: checkMatrixSteps(program, d, d.steps) };
}

describe('every rule is verified numerically somewhere', () => {
  const runs = CORPUS.map(([src, shapes, loss]) => run(src, shapes, loss));
  // a 1×1 factor that is not a number only arises inside derivations: built directly
  // (one node object per occurrence, as the reader builds them: a partial step is checked by cutting its occurrence)
  const X = () => M.mat('X', { rows: 'm', cols: 2 });
  const W = M.mat('W', { rows: 2, cols: 3 });
  const scaled = M.sum(M.scale(M.sum(M.hadamard(X(), X()), 'all'), M.map('sigmoid', M.matmul(X(), W))), 'all');
  const program = { definitions: [{ name: 'L', expr: scaled }], inputs: new Map([['X', X().shape], ['W', W.shape]]) };
  const d = deriveAll(program, 'L');
  runs.push({ program, d, check: checkMatrixSteps(program, d, d.steps) });

  it.each(runs.map((r, k) => [k, r] as const))('program %i: every step verified at m = 1 and m = 4, partial paths included', (_, r) => {
    expect(r.check.status).toBe('verified');
    for (const s of r.check.steps) expect(s.status, matrixUnicode(s.step.rhs)).toBe('verified');
  });
  it('a node shared by two paths leaves its partial steps unverifiable (their sum is checked)', () => {
    const X1 = M.mat('X', { rows: 'm', cols: 2 });
    const prog = { definitions: [{ name: 'L', expr: M.sum(M.hadamard(X1, X1), 'all') }], inputs: new Map([['X', X1.shape]]) };
    const dd = deriveAll(prog, 'L');
    const c = checkMatrixSteps(prog, dd, dd.steps);
    expect(c.steps.filter((s) => s.step.partial).map((s) => s.status)).toEqual(['unverifiable', 'unverifiable']);
    expect(c.steps.find((s) => s.step.rule === 'tensor.sum-paths')!.status).toBe('verified');
  });
  const derivationRules = Object.keys(TENSOR_RULES).filter((id) =>
    !['tensor.gradient-shape', 'tensor.set-gradient-zero', 'tensor.divide-number', 'tensor.distribute', 'tensor.move-term', 'tensor.solve-inverse'].includes(id));
  it.each(derivationRules)('%s', (id) => {
    const used = runs.some((r) => r.check.steps.some((s) => s.status === 'verified' && (s.step.rule === id || s.step.via?.includes(id as never))));
    expect(used).toBe(true);
  });
});

describe('wrong steps are refuted', () => {
  const { program, d } = run(CORPUS[0]![0], CORPUS[0]![1], 'L');
  const sh = (n: string) => d.shapes.get(n)!;
  const g = (n: string) => M.grad('L', n, sh(n));
  const m = (n: string) => M.mat(n, sh(n));
  const wrong: [string, MatStep][] = [
    ['a missing transpose: ∂L/∂W₂ = ∂L/∂cᵀ S', { rule: 'tensor.matmul-right', lhs: g('W2'), rhs: M.matmul(M.transpose(g('c')), m('S')) }],
    ['the element-wise softmax shortcut: ∂L/∂c = ∂L/∂P ⊙ P ⊙ (1 − P)', { rule: 'tensor.softmax-rows', lhs: g('c'), rhs: M.hadamard(M.hadamard(g('P'), m('P')), M.sub(M.fill(1, sh('P')), m('P'))) }],
    ['a dropped σ′ factor: ∂L/∂a = ∂L/∂S', { rule: 'tensor.sigmoid', lhs: g('a'), rhs: g('S') }],
    ['the bias gradient not summed: ∂L/∂b₁ = 𝟏ᵀ… taken as the first row only', { rule: 'tensor.broadcast-rows', lhs: g('b1'), rhs: M.sum(M.hadamard(g('a'), m('S')), 'rows') }],
  ];
  it.each(wrong)('%s', (_, step) => {
    const c = checkMatrixSteps(program, d, [step]);
    expect(c.status).toBe('refuted');
    const v = c.steps[0]!.checks.find((x) => x.verdict.status === 'refuted')!.verdict;
    expect(v).toMatchObject({ status: 'refuted' });
    if (v.status === 'refuted') {
      expect(v.entry).toMatch(/^[a-zA-Z0-9]+\[\d+,\d+\]$/);
      expect(v.numeric).not.toBeCloseTo(v.formula, 6);
    }
  });
  it('a missing transpose on a non-square matrix cannot even be stated', () => {
    expect(() => M.matmul(g('a'), M.transpose(m('X')))).toThrow(expect.objectContaining({ code: 'SHAPE_MATMUL' }));
  });
});

describe('checks are reproducible', () => {
  it('same program, same verdicts (seeded)', () => {
    const a = run(CORPUS[0]![0], CORPUS[0]![1], 'L').check;
    const b = run(CORPUS[0]![0], CORPUS[0]![1], 'L').check;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
