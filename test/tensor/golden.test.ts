// Golden matrix derivations: the affine-layer rules, G5 (2 inputs, 3 sigmoid hidden units, 3-class
// softmax, bias, one sample per row), G4 in matrix form (one sample per column, as deck 003 writes
// it), softmax + CE → P − T, and least squares with the normal equations. Every printed step is
// exact; every step is checked with random matrices at m = 1 and m = 4.
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { deriveMatrix, type MatrixResult } from '../../src/tensor/index.js';

const G5 = {
  given: 'a = X W1 + b1; S = σ(a); c = S W2 + b2; P = softmax(c); L = CE(P, T)',
  shapes: { X: 'm×2', W1: '2x3', b1: '1x3', W2: '3x3', b2: '1x3', T: 'm×3' },
};
const G4 = {
  given: 'a = W1 X + b1; S = σ(a); c = W2 S + b2; P = σ(c); L = BCE(P, T)',
  shapes: { X: '2×m', W1: '3x2', b1: '3x1', W2: '1x3', b2: '1x1', T: '1×m' },
};
const AFFINE = { given: 'Y = X W + b; P = softmax(Y); L = CE(P, T)', shapes: { X: 'm×n', W: 'n×k', b: '1×k', T: 'm×k' } };

const SOFTMAX_CE = ['∂L/∂L = 1', '∂L/∂P = −T ⊘ P', '∂L/∂c = P ⊙ (∂L/∂P − sum(∂L/∂P ⊙ P, cols) 𝟏₃ᵀ)', '∂L/∂c = P − T'];
const SIGMOID_BCE = ['∂L/∂L = 1', '∂L/∂P = (P − T) ⊘ (P ⊙ (1 − P))', '∂L/∂c = ∂L/∂P ⊙ P ⊙ (1 − P)', '∂L/∂c = P − T'];

function expectCheckedAtBatches(r: MatrixResult) {
  expect(r.check).toBe('verified');
  for (const s of r.steps) {
    expect(s.check?.status, s.unicode).toBe('verified');
    expect(s.check!.checks.map((c) => c.dims.m)).toEqual([1, 4]);
  }
}
function expectKatexValid(r: MatrixResult) {
  for (const s of [...r.steps, ...(r.normalEquations?.steps ?? [])]) {
    for (const tex of [s.latex, s.indexLatex]) {
      expect(() => katex.renderToString(tex, { throwOnError: true, strict: 'error' }), tex).not.toThrow();
    }
  }
}

describe('G5: 2 inputs, 3 sigmoid hidden units, 3-class softmax, one sample per row', () => {
  it.each([
    ['W1', '2×3', 'Xᵀ (((P − T) W₂ᵀ) ⊙ S ⊙ (1 − S))', [...SOFTMAX_CE, '∂L/∂S = ∂L/∂c W₂ᵀ', '∂L/∂a = ∂L/∂S ⊙ S ⊙ (1 − S)', '∂L/∂W₁ = Xᵀ ∂L/∂a', '∂L/∂W₁ = Xᵀ ∂L/∂a']],
    ['b1', '1×3', 'sum(((P − T) W₂ᵀ) ⊙ S ⊙ (1 − S), rows)', [...SOFTMAX_CE, '∂L/∂S = ∂L/∂c W₂ᵀ', '∂L/∂a = ∂L/∂S ⊙ S ⊙ (1 − S)', '∂L/∂b₁ = sum(∂L/∂a, rows)', '∂L/∂b₁ = sum(∂L/∂a, rows)']],
    ['W2', '3×3', 'Sᵀ (P − T)', [...SOFTMAX_CE, '∂L/∂W₂ = Sᵀ ∂L/∂c', '∂L/∂W₂ = Sᵀ ∂L/∂c']],
    ['b2', '1×3', 'sum(P − T, rows)', [...SOFTMAX_CE, '∂L/∂b₂ = sum(∂L/∂c, rows)', '∂L/∂b₂ = sum(∂L/∂c, rows)']],
    ['X', 'm×2', '(((P − T) W₂ᵀ) ⊙ S ⊙ (1 − S)) W₁ᵀ', [...SOFTMAX_CE, '∂L/∂S = ∂L/∂c W₂ᵀ', '∂L/∂a = ∂L/∂S ⊙ S ⊙ (1 − S)', '∂L/∂X = ∂L/∂a W₁ᵀ', '∂L/∂X = ∂L/∂a W₁ᵀ']],
  ] as const)('∂L/∂%s', (wrt, shape, expanded, steps) => {
    const r = deriveMatrix({ expr: 'L', wrt, ...G5 });
    expect(r.shape).toBe(shape);
    expect(r.expanded.unicode).toBe(expanded);
    expect(r.steps.map((s) => s.unicode)).toEqual(steps);
    expect(r.steps.at(-1)!.rule).toBe('tensor.gradient-shape');
    expect(r.steps.at(-1)!.note).toContain(`so ∂L/∂${wrt} is ${shape}`);
    expectCheckedAtBatches(r);
    expectKatexValid(r);
  });
  it('states the premise of softmax + CE and shows both steps', () => {
    const r = deriveMatrix({ expr: 'L', wrt: 'W2', ...G5 });
    const fused = r.steps.find((s) => s.rule === 'tensor.softmax-ce')!;
    expect(fused.premise).toBe('each row of the target T sums to 1 (one-hot labels or probabilities), so sum(T, cols) = 𝟏');
    expect(r.steps.map((s) => s.rule)).toEqual(['tensor.seed', 'tensor.ce', 'tensor.softmax-rows', 'tensor.softmax-ce', 'tensor.matmul-right', 'tensor.gradient-shape']);
    // deck 004's softmax Jacobian, both cases, beside the general step
    expect(r.steps[2]!.note).toContain('∂pⱼ/∂cᵤ = pⱼ(δⱼᵤ − pᵤ): pⱼ(1 − pⱼ) when j = u, −pⱼpᵤ when j ≠ u; that is diag(p) − p pᵀ');
    expect(r.steps[3]!.note).toBe('∂L/∂P ⊙ P = −T, so sum(∂L/∂P ⊙ P, cols) = −sum(T, cols) = −𝟏 by the premise; then ∂L/∂c = P ⊙ (−T ⊘ P + 𝟏𝟏ᵀ) = −T + P = P − T');
  });
  it('shows every step in index notation', () => {
    const r = deriveMatrix({ expr: 'L', wrt: 'W1', ...G5 });
    expect(r.steps.map((s) => s.index)).toEqual([
      '∂L/∂L = 1',
      '(∂L/∂P)ᵢⱼ = −Tᵢⱼ/Pᵢⱼ',
      '(∂L/∂c)ᵢⱼ = Pᵢⱼ ((∂L/∂P)ᵢⱼ − Σₖ (∂L/∂P)ᵢₖ Pᵢₖ)',
      '(∂L/∂c)ᵢⱼ = Pᵢⱼ − Tᵢⱼ',
      '(∂L/∂S)ᵢⱼ = Σₖ (∂L/∂c)ᵢₖ (W₂)ⱼₖ',
      '(∂L/∂a)ᵢⱼ = (∂L/∂S)ᵢⱼ Sᵢⱼ (1 − Sᵢⱼ)',
      '(∂L/∂W₁)ᵢⱼ = Σₖ Xₖᵢ (∂L/∂a)ₖⱼ',
      '(∂L/∂W₁)ᵢⱼ = Σₖ Xₖᵢ (∂L/∂a)ₖⱼ',
    ]);
  });
  it('index form in LaTeX', () => {
    const r = deriveMatrix({ expr: 'L', wrt: 'W1', ...G5 });
    expect(r.steps[6]!.indexLatex).toBe('\\left(\\frac{\\partial L}{\\partial W_{1}}\\right)_{ij} = \\sum_{k} X_{ki} \\left(\\frac{\\partial L}{\\partial a}\\right)_{kj}');
  });
  it('links the matrix form to the notes\' transpose-free form', () => {
    const r = deriveMatrix({ expr: 'L', wrt: 'W1', ...G5 });
    expect(r.steps.map((s) => s.link ?? null)).toEqual([
      null, null, null, null,
      '(∂L/∂S)ᵢⱼ = Σₖ (∂L/∂c)ᵢₖ (W₂ᵀ)ₖⱼ = Σₖ (∂L/∂c)ᵢₖ (W₂)ⱼₖ',
      null,
      '(∂L/∂W₁)ᵢⱼ = Σₖ (Xᵀ)ᵢₖ (∂L/∂a)ₖⱼ = Σₖ Xₖᵢ (∂L/∂a)ₖⱼ',
      '(∂L/∂W₁)ᵢⱼ = Σₖ (Xᵀ)ᵢₖ (∂L/∂a)ₖⱼ = Σₖ Xₖᵢ (∂L/∂a)ₖⱼ',
    ]);
  });
  it('reads concrete shapes too (the issue example, 4 samples)', () => {
    const r = deriveMatrix({ expr: 'L', wrt: 'W1', given: G5.given, shapes: { X: '4x2', W1: '2x3', b1: '1x3', W2: '3x3', b2: '1x3', T: '4x3' } });
    expect(r.expanded.unicode).toBe('Xᵀ (((P − T) W₂ᵀ) ⊙ S ⊙ (1 − S))');
    expect(r.check).toBe('verified');
    expect(r.readings.map((x) => x.code)).toEqual(['BROADCAST_ROWS', 'BROADCAST_ROWS', 'SOFTMAX_ROWS']);
  });
});

describe('G4 in matrix form: one sample per column (deck 003)', () => {
  it.each([
    ['W1', '3×2', '((W₂ᵀ (P − T)) ⊙ S ⊙ (1 − S)) Xᵀ', [...SIGMOID_BCE, '∂L/∂S = W₂ᵀ ∂L/∂c', '∂L/∂a = ∂L/∂S ⊙ S ⊙ (1 − S)', '∂L/∂W₁ = ∂L/∂a Xᵀ', '∂L/∂W₁ = ∂L/∂a Xᵀ']],
    ['b1', '3×1', 'sum((W₂ᵀ (P − T)) ⊙ S ⊙ (1 − S), cols)', [...SIGMOID_BCE, '∂L/∂S = W₂ᵀ ∂L/∂c', '∂L/∂a = ∂L/∂S ⊙ S ⊙ (1 − S)', '∂L/∂b₁ = sum(∂L/∂a, cols)', '∂L/∂b₁ = sum(∂L/∂a, cols)']],
    ['W2', '1×3', '(P − T) Sᵀ', [...SIGMOID_BCE, '∂L/∂W₂ = ∂L/∂c Sᵀ', '∂L/∂W₂ = ∂L/∂c Sᵀ']],
    ['b2', '1×1', 'sum(P − T, cols)', [...SIGMOID_BCE, '∂L/∂b₂ = sum(∂L/∂c, cols)', '∂L/∂b₂ = sum(∂L/∂c, cols)']],
  ] as const)('∂L/∂%s', (wrt, shape, expanded, steps) => {
    const r = deriveMatrix({ expr: 'L', wrt, ...G4 });
    expect(r.shape).toBe(shape);
    expect(r.expanded.unicode).toBe(expanded);
    expect(r.steps.map((s) => s.unicode)).toEqual(steps);
    expectCheckedAtBatches(r);
    expectKatexValid(r);
  });
});

describe('the affine-layer rules', () => {
  it.each([
    ['W', 'n×k', '∂L/∂W = Xᵀ ∂L/∂Y', '(∂L/∂W)ᵢⱼ = Σₖ Xₖᵢ (∂L/∂Y)ₖⱼ', 'tensor.matmul-right', 'Xᵀ (P − T)'],
    ['b', '1×k', '∂L/∂b = sum(∂L/∂Y, rows)', '(∂L/∂b)ⱼ = Σₖ (∂L/∂Y)ₖⱼ', 'tensor.broadcast-rows', 'sum(P − T, rows)'],
    ['X', 'm×n', '∂L/∂X = ∂L/∂Y Wᵀ', '(∂L/∂X)ᵢⱼ = Σₖ (∂L/∂Y)ᵢₖ Wⱼₖ', 'tensor.matmul-left', '(P − T) Wᵀ'],
  ])('∂L/∂%s', (wrt, shape, step, index, rule, expanded) => {
    const r = deriveMatrix({ expr: 'L', wrt, ...AFFINE });
    const s = r.steps.at(-2)!;
    expect([s.unicode, s.index, s.rule, r.shape, r.expanded.unicode]).toEqual([step, index, rule, shape, expanded]);
    expect(s.via).toEqual(['tensor.add', rule]);
    expectCheckedAtBatches(r);
  });
});

describe('softmax + CE in one expression', () => {
  it('CE(softmax(X W + b), T) gives P − T directly, premise stated', () => {
    const r = deriveMatrix({ expr: 'CE(softmax(X W + b), T)', wrt: 'W', shapes: { X: 'm×2', W: '2x3', b: '1x3', T: 'm×3' } });
    expect(r.steps.map((s) => s.unicode)).toEqual(['∂L/∂L = 1', '∂L/∂W = Xᵀ (softmax(X W + 𝟏ₘ b) − T)', '∂L/∂W = Xᵀ (softmax(X W + 𝟏ₘ b) − T)']);
    expect(r.steps[1]!.via).toEqual(['tensor.softmax-ce', 'tensor.add', 'tensor.matmul-right']);
    expect(r.steps[1]!.premise).toContain('each row of the target T sums to 1');
    expectCheckedAtBatches(r);
  });
  it('per column (one sample per column) the premise is on the columns', () => {
    const r = deriveMatrix({ expr: 'L', wrt: 'W', given: 'C = W X; P = softmax(C, cols); L = CE(P, T)', shapes: { X: '2×m', W: '3x2', T: '3×m' } });
    expect(r.steps.find((s) => s.rule === 'tensor.softmax-ce')!.premise).toContain('each column of the target T sums to 1');
    expect(r.expanded.unicode).toBe('(P − T) Xᵀ');
    expectCheckedAtBatches(r);
  });
});

describe('least squares', () => {
  const LS = { shapes: { X: 'm×n', Y: 'm×1', β: 'n×1' } };
  it('∂E/∂β = −2Xᵀ(Y − Xβ) and, setting it to zero, β̂ = (XᵀX)⁻¹XᵀY', () => {
    const r = deriveMatrix({ expr: '(Y - X β)ᵀ (Y - X β)', wrt: 'β', ...LS });
    expect(r.expanded.unicode).toBe('−2 Xᵀ (Y − X β)');
    expect(r.steps.map((s) => s.unicode)).toEqual([
      '∂L/∂L = 1', '∂L/∂β = Xᵀ (−(Y − X β))', '∂L/∂β = Xᵀ (−(Y − X β))', '∂L/∂β = Xᵀ (−(Y − X β)) + Xᵀ (−(Y − X β))', '∂L/∂β = −2 Xᵀ (Y − X β)', '∂L/∂β = −2 Xᵀ (Y − X β)',
    ]);
    expect(r.steps.filter((s) => s.partial).length).toBe(2);
    expect(r.check).toBe('verified');
    const ne = r.normalEquations!;
    expect(ne.solution.unicode).toBe('(Xᵀ X)⁻¹ Xᵀ Y');
    expect(ne.steps.map((s) => s.unicode)).toEqual([
      '−2 Xᵀ (Y − X β) = 0', 'Xᵀ (Y − X β) = 0', 'Xᵀ Y − Xᵀ X β = 0', 'Xᵀ X β = Xᵀ Y', 'β̂ = (Xᵀ X)⁻¹ Xᵀ Y',
    ]);
    expect(ne.steps.map((s) => s.rule)).toEqual(['tensor.set-gradient-zero', 'tensor.divide-number', 'tensor.distribute', 'tensor.move-term', 'tensor.solve-inverse']);
    expect(ne.steps[4]!.premise).toContain('XᵀX is invertible');
    expect(ne.check).toBe('verified');
    // m = 1 < n = 2: XᵀX is singular, the premise fails there and says so
    expect(ne.steps[0]!.check!.checks[0]!.verdict).toEqual({ status: 'unverifiable', reason: 'with 1 row and 2 columns, Xᵀ X is singular: no unique β̂' });
    expect(ne.steps[0]!.check!.checks[1]!.verdict.status).toBe('verified');
    expectKatexValid(r);
  });
  it('through a residual r = Y − Xβ, E = rᵀr', () => {
    const r = deriveMatrix({ expr: 'E', given: 'r = Y - X β; E = rᵀ r', wrt: 'beta', ...LS });
    expect(r.steps.map((s) => s.unicode)).toEqual([
      '∂E/∂E = 1', '∂E/∂r = r', '∂E/∂r = r', '∂E/∂r = r + r', '∂E/∂r = 2 r', '∂E/∂β = Xᵀ (−∂E/∂r)', '∂E/∂β = −Xᵀ ∂E/∂r', '∂E/∂β = −Xᵀ ∂E/∂r',
    ]);
    expect(r.expanded.unicode).toBe('−2 Xᵀ r');
    expect(r.normalEquations!.solution.unicode).toBe('(Xᵀ X)⁻¹ Xᵀ Y');
    expect(r.check).toBe('verified');
  });
});

describe('mean squared error over a batch', () => {
  it('∂/∂W mean((X W − Y) ⊙ (X W − Y)) = 2 Xᵀ (X W − Y) / (m·k)', () => {
    const r = deriveMatrix({ expr: 'mean((X W - Y) ⊙ (X W - Y))', wrt: 'W', shapes: { X: 'm×n', W: 'n×k', Y: 'm×k' } });
    expect(r.expanded.unicode).toBe('2 Xᵀ ((X W − Y) / (m·k))');
    expect(r.steps[1]!.via).toEqual(['tensor.divide-count', 'tensor.sum-all', 'tensor.hadamard', 'tensor.sub', 'tensor.matmul-right']);
    expect(r.steps[1]!.index).toBe('(∂L/∂W)ᵢⱼ = Σₖ Xₖᵢ (Σₗ Xₖₗ Wₗⱼ − Yₖⱼ)/(m·k)');
    expectCheckedAtBatches(r);
    expectKatexValid(r);
  });
});

describe('requests that are not derivations', () => {
  it.each([
    [{ expr: 'X W', wrt: 'W', shapes: { X: '4x2', W: '2x3' } }, 'SHAPE_NOT_SCALAR', 'expr'],
    [{ expr: 'sum(X W)', wrt: 'V', shapes: { X: '4x2', W: '2x3' } }, 'WRT_NOT_IN_EXPRESSION', 'wrt'],
    [{ expr: 'sum(X W)', wrt: 'W', shapes: { X: '4x2', W: '2x' } }, 'SHAPE_BAD', 'shapes'],
    [{ expr: 'sum(W X)', wrt: 'W', shapes: { X: '4x2', W: '2x3' } }, 'SHAPE_MATMUL', 'expr'],
    [{ expr: 'L', given: 'a = W X; L = sum(a)', wrt: 'W', shapes: { X: '4x2', W: '2x3' } }, 'SHAPE_MATMUL', 'given'],
  ] as const)('%j → %s in %s', (req, code, field) => {
    expect(() => deriveMatrix(req)).toThrow(expect.objectContaining({ code, field }));
  });
  it('readings point into the field they come from', () => {
    const r = deriveMatrix({ expr: ' CE(softmax(a), T)', wrt: 'W', given: 'a = X W + b', shapes: { X: 'm×2', W: '2x3', b: '1x3', T: 'm×3' } });
    expect(r.readings.map((x) => [x.code, x.field, x.span])).toEqual([
      ['BROADCAST_ROWS', 'given', { start: 8, end: 9 }],
      ['SOFTMAX_ROWS', 'expr', { start: 4, end: 14 }],
    ]);
  });
  it('an error in expr points into expr', () => {
    try {
      deriveMatrix({ expr: '  sum(W X)', wrt: 'W', given: 'Z = X W', shapes: { X: '4x2', W: '2x3' } });
    } catch (e) {
      expect((e as { span: { start: number; end: number } }).span).toEqual({ start: 8, end: 9 });
      expect((e as { field: string }).field).toBe('expr');
      return;
    }
    throw new Error('accepted');
  });
});
