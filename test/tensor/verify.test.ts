// Matrix answers: read in the program's context, compared with the derived gradient at random
// matrices, and diagnosed — a missing transpose, a gradient not of the variable's shape, the
// element-wise softmax shortcut — each finding confirmed numerically.
import { describe, expect, it } from 'vitest';
import { verifyMatrixAnswer } from '../../src/tensor/index.js';

const G5 = {
  expr: 'L',
  given: 'a = X W1 + b1; S = σ(a); c = S W2 + b2; P = softmax(c); L = CE(P, T)',
  shapes: { X: 'm×2', W1: '2x3', b1: '1x3', W2: '3x3', b2: '1x3', T: 'm×3' },
};

describe('matrix answers', () => {
  it.each([
    ['W1', 'Xᵀ (((P − T) W2ᵀ) ⊙ S ⊙ (1 − S))'],
    ['W1', "X' ((P - T) W2^T ⊙ S ⊙ (1 - S))"],
    ['W1', 'Xᵀ ((P − T) W₂ᵀ ⊙ σ(a) ⊙ (1 − σ(a)))'],
    ['W2', 'Sᵀ (P − T)'],
    ['W2', 'Sᵀ P − Sᵀ T'],
    ['b2', 'sum(P - T, rows)'],
  ])('∂L/∂%s = %s is correct', (wrt, answer) => {
    const r = verifyMatrixAnswer({ ...G5, wrt, answer });
    expect(r.verdict).toBe('correct');
    expect(r.findings).toEqual([]);
  });
  it('a product that does not fit names the missing transpose', () => {
    const r = verifyMatrixAnswer({ ...G5, wrt: 'W1', answer: 'X ((P - T) W2ᵀ ⊙ S ⊙ (1 - S))' });
    expect(r.verdict).toBe('incorrect');
    expect(r.findings.map((f) => f.code)).toEqual(['MISSING_TRANSPOSE']);
    expect(r.findings[0]!.message).toContain('Xᵀ would fit');
  });
  it('the transposed gradient: wrong shape, and its transpose is right', () => {
    const r = verifyMatrixAnswer({ ...G5, wrt: 'W1', answer: '((P - T) W2ᵀ ⊙ S ⊙ (1 - S))ᵀ X' });
    expect(r.verdict).toBe('incorrect');
    expect(r.findings.map((f) => f.code)).toEqual(['GRADIENT_SHAPE', 'MISSING_TRANSPOSE']);
    expect(r.findings[0]!.message).toBe('The answer is 3×2, but ∂L/∂W1 has the shape of W1, 2×3.');
  });
  it('the element-wise softmax shortcut is named', () => {
    const r = verifyMatrixAnswer({ ...G5, wrt: 'W2', answer: 'Sᵀ (-(T ⊘ P) ⊙ P ⊙ (1 - P))' });
    expect(r.verdict).toBe('incorrect');
    expect(r.findings.map((f) => f.code)).toEqual(['SOFTMAX_ELEMENTWISE']);
  });
  it('a wrong answer with no known mistake is just incorrect', () => {
    const r = verifyMatrixAnswer({ ...G5, wrt: 'W2', answer: 'Sᵀ P' });
    expect([r.verdict, r.findings]).toEqual(['incorrect', []]);
    expect(r.expected).toBe('Sᵀ (P − T)');
  });
  it('an answer that names an unknown matrix is an error, not a verdict', () => {
    expect(() => verifyMatrixAnswer({ ...G5, wrt: 'W2', answer: 'Sᵀ (Q − T)' })).toThrow(expect.objectContaining({ code: 'SHAPE_UNKNOWN' }));
  });
});
