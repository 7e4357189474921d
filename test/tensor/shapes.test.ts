// Shapes: reading declarations, inference for every operation, and a table of mis-shaped
// expressions — each must be rejected with its named error naming both operands and shapes.
import { describe, expect, it } from 'vitest';
import { ChainruleError } from '../../src/errors.js';
import katex from 'katex';
import { MISSHAPED, MISSHAPED_SHAPES } from './misshaped.js';
import { indexEquationLatex, matrixLatex, matrixUnicode, parseShape, parseShapes, readMatrices, showShape } from '../../src/tensor/index.js';

const SHAPES = parseShapes(MISSHAPED_SHAPES);

function fails(src: string, shapes = SHAPES): ChainruleError {
  try {
    readMatrices(src, shapes);
  } catch (e) {
    if (e instanceof ChainruleError) return e;
    throw e;
  }
  throw new Error(`accepted: ${src}`);
}

describe('shape declarations', () => {
  it.each([
    ['4x2', '4×2'], ['4 x 2', '4×2'], ['m×n', 'm×n'], ['m x n', 'm×n'], ['mxn', 'm×n'], ['m*2', 'm×2'], ['1X3', '1×3'], ['batch x 3', 'batch×3'],
  ])('%s is %s', (spec, shown) => {
    expect(showShape(parseShape(spec, 'X'))).toBe(shown);
  });
  it('takes pairs', () => expect(showShape(parseShape(['m', 3], 'X'))).toBe('m×3'));
  it.each(['4x', 'x2', '0x3', '4x2x1', '', '4', 'm ×', '-1x2'])('rejects %j with SHAPE_BAD', (spec) => {
    expect(() => parseShape(spec, 'X')).toThrow(expect.objectContaining({ code: 'SHAPE_BAD' }));
  });
  it('rejects a shapes value that is not an object', () => {
    expect(() => parseShapes('X: 4x2')).toThrow(expect.objectContaining({ code: 'SHAPE_BAD' }));
  });
});

describe('inferred shapes', () => {
  it.each([
    ['X W1', '4×3'], ['X W1 + b1', '4×3'], ['σ(X W1 + b1) W2', '4×3'], ['Xᵀ X', '2×2'], ['X^T T', '2×3'], ['X^\\top X', '2×2'],
    ["X' y", '2×1'], ['inv(Xᵀ X) Xᵀ y', '2×1'], ['(Xᵀ X)^{-1} Xᵀ y', '2×1'], ['(Xᵀ X)⁻¹', '2×2'], ['softmax(X W1)', '4×3'],
    ['softmax(X W1, cols)', '4×3'], ['CE(softmax(X W1), T)', '1×1'], ['BCE(σ(X W1), T)', '1×1'], ['sum(X, rows)', '1×2'],
    ['sum(X, cols)', '4×1'], ['sum(X)', '1×1'], ['T ⊙ log(softmax(X W1))', '4×3'], ['X .* X', '4×2'], ['X ./ X', '4×2'],
    ['2 X', '4×2'], ['X / 2', '4×2'], ['1 - σ(X)', '4×2'], ['a1 v', '1×1'], ['v a1', '3×3'], ['Z W2', 'm×3'], ['Zᵀ Z', '3×3'],
    ['mean(X)', '1×1'], ['mean(X, rows)', '1×2'], ['mean(X, cols)', '4×1'], ['U Uᵀ', 'm×m'], ['U Q', 'm×3'], ['X W1 + b1ᵀᵀ', '4×3'],
  ])('%s : %s', (src, shape) => {
    const r = readMatrices(src, SHAPES);
    expect(showShape(r.body!.shape)).toBe(shape);
  });
  it('a bias row added to a batch is an explicit broadcast, reported as a reading', () => {
    const r = readMatrices('X W1 + b1', SHAPES);
    expect(matrixUnicode(r.body!)).toBe('X W₁ + 𝟏₄ b₁');
    expect(r.readings.map((x) => x.code)).toEqual(['BROADCAST_ROWS']);
    expect(r.readings[0]!.message).toContain('b₁ (1×3) is added to each of the 4 rows of X W₁ (4×3)');
  });
  it('a column bias over a batch of columns broadcasts over the columns', () => {
    const r = readMatrices('W1ᵀ Xᵀ + v', SHAPES);
    expect(matrixUnicode(r.body!)).toBe('W₁ᵀ Xᵀ + v 𝟏₄ᵀ');
    expect(r.readings[0]!.code).toBe('BROADCAST_COLS');
  });
  it('definitions carry their shapes forward', () => {
    const r = readMatrices('a = X W1 + b1; S = σ(a); c = S W2 + b2; P = softmax(c); L = CE(P, T)', SHAPES);
    expect(r.program.definitions.map((d) => `${d.name}:${showShape(d.expr.shape)}`)).toEqual(['a:4×3', 'S:4×3', 'c:4×3', 'P:4×3', 'L:1×1']);
  });
});

describe('mis-shaped expressions', () => {
  it('the table has at least 50 rows', () => expect(MISSHAPED.length).toBeGreaterThanOrEqual(50));
  it.each(MISSHAPED)('%s → %s', (src, code) => {
    const e = fails(src);
    expect(e.code).toBe(code);
    expect(e.span).toBeDefined();
    if (code === 'SHAPE_UNKNOWN') expect(e.message).toMatch(/has no shape/);
    else if (code === 'SHAPE_NOT_SQUARE') expect(e.message).toMatch(/\([^()]+×[^()]+\) is not square/);
    else expect(e.message.match(/\((\d+|[a-z]+)×(\d+|[a-z]+)\)/g)?.length ?? 0).toBeGreaterThanOrEqual(2); // both operands, both shapes
  });
  it('names the missing transpose', () => {
    expect(fails('W2 a1').message).toBe('W₂ (3×3) · a₁ (1×3): the left factor has 3 columns but the right factor has 1 rows (a₁ᵀ would fit: is a transpose missing?).');
  });
  it('a definition whose declared shape differs is SHAPE_CONFLICT', () => {
    const e = fails('a = X W1; L = sum(a)', parseShapes({ X: '4x2', W1: '2x3', a: '2x2' }));
    expect(e.code).toBe('SHAPE_CONFLICT');
    expect(e.message).toContain('a is declared 2×2 but its definition X W₁ (4×3) is 4×3');
  });
  it.each([
    ['a = X W1; a = X', 'REDEFINITION'], ['b = a; a = X', 'USE_BEFORE_DEFINITION'], ['X W1 +', 'UNEXPECTED_END'], ['(X W1', 'UNBALANCED_PAREN'],
    ['X W1)', 'UNBALANCED_PAREN'], ['X^2', 'UNSUPPORTED_INDEX'], ['softmax(X, W1)', 'WRONG_ARITY'], ['CE(X)', 'WRONG_ARITY'], ['X # W1', 'INVALID_CHARACTER'],
    ['\\frac{X}{2}', 'UNKNOWN_COMMAND'], ['', 'EMPTY_INPUT'],
  ])('%s → %s', (src, code) => {
    expect(fails(src).code).toBe(code);
  });
  it('points at the operator', () => {
    const src = 'a = X W1 + b1; c = a W1';
    const e = fails(src);
    expect(src.slice(e.span!.start, e.span!.end)).toBe('W1');
  });
});

describe('printing reads back', () => {
  it.each([
    'X W1', 'Xᵀ X', 'inv(Xᵀ X) Xᵀ y', 'σ(X W1) ⊙ (1 - σ(X W1))', 'softmax(X W1, cols)', 'CE(softmax(X W1), T)', 'BCE(σ(X W1), T)',
    'sum(X, rows)', 'sum(X)', '-2 Xᵀ (y - X W1 v)', 'X ⊘ exp(X)', '(X ⊙ X) W1', 'X (W1 ⊙ W1)', 'Xᵀ (T - softmax(X W1)) - 0.5 W1',
    'tanh(Z) W2', 'relu(X) + step(X)', '(Xᵀ X)⁻¹ Xᵀ', 'v a1 v a1',
  ])('%s', (src) => {
    const once = readMatrices(src, SHAPES).body!;
    const printed = matrixUnicode(once);
    const twice = readMatrices(printed, SHAPES).body!;
    expect(matrixUnicode(twice)).toBe(printed);
    expect(JSON.stringify(twice)).toBe(JSON.stringify(once));
  });
  it.each(['X W1 + b1', 'CE(softmax(X W1), T)', 'BCE(σ(X W1), T)', 'mean(X, rows)', 'sum(X)', 'inv(Xᵀ X) Xᵀ y', 'X ⊘ exp(X)', '1 - σ(X)'])(
    '%s prints KaTeX-valid LaTeX, in matrix and index form',
    (src) => {
      const e = readMatrices(src, SHAPES).body!;
      for (const tex of [matrixLatex(e), indexEquationLatex(e, e)]) {
        expect(() => katex.renderToString(tex, { throwOnError: true, strict: 'error' }), tex).not.toThrow();
      }
    },
  );
});
