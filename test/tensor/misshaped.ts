// The table of mis-shaped expressions (issue 12): each must be rejected with its named error,
// none accepted. Shared by the reader's test (shapes.test.ts) and the ops' test (api.test.ts),
// which sends every row through the derive op with MISSHAPED_SHAPES as its `shapes`.
export const MISSHAPED_SHAPES = {
  X: '4x2', W1: '2x3', b1: '1x3', W2: '3x3', b2: '1x3', T: '4x3', a1: '1x3', v: '3x1', A: '2x2', y: '4x1',
  Z: 'm×3', Q: 'n x 3', U: 'mxn',
};

// [expression, code]: each must be rejected, none accepted
export const MISSHAPED: [string, string][] = [
  ['W1 X', 'SHAPE_MATMUL'], ['X X', 'SHAPE_MATMUL'], ['W2 a1', 'SHAPE_MATMUL'], ['a1 v v', 'SHAPE_MATMUL'],
  ['X + W1', 'SHAPE_ADD'], ['X - T', 'SHAPE_ADD'], ['W1 + W2', 'SHAPE_ADD'], ['X ⊙ W1', 'SHAPE_HADAMARD'],
  ['T ⊙ X', 'SHAPE_HADAMARD'], ['X ⊘ T', 'SHAPE_HADAMARD'], ['inv(X)', 'SHAPE_NOT_SQUARE'], ['inv(W1)', 'SHAPE_NOT_SQUARE'],
  ['(X W1)^{-1}', 'SHAPE_NOT_SQUARE'], ['W1⁻¹', 'SHAPE_NOT_SQUARE'], ['CE(X, T)', 'SHAPE_LOSS'], ['BCE(softmax(X W1), X)', 'SHAPE_LOSS'],
  ['CE(softmax(X W1 + b1), Tᵀ)', 'SHAPE_LOSS'], ['X W1 + b2ᵀ', 'SHAPE_ADD'], ['X W1 + v', 'SHAPE_ADD'], ['σ(X W1) W1', 'SHAPE_MATMUL'],
  ['X W1 W1', 'SHAPE_MATMUL'], ['Xᵀ T W1', 'SHAPE_MATMUL'], ['softmax(X) W2', 'SHAPE_MATMUL'], ['sum(X, rows) + b1', 'SHAPE_ADD'],
  ['sum(X, cols) ⊙ a1', 'SHAPE_HADAMARD'], ['Z + X', 'SHAPE_ADD'], ['Z W1', 'SHAPE_MATMUL'], ['Z + Q', 'SHAPE_ADD'],
  ['Zᵀ Q', 'SHAPE_MATMUL'], ['Z ⊙ T', 'SHAPE_HADAMARD'], ['CE(softmax(Z), T)', 'SHAPE_LOSS'], ['inv(Z)', 'SHAPE_NOT_SQUARE'],
  ['inv(Zᵀ Z) Z', 'SHAPE_MATMUL'], ['sum(X) X', 'SHAPE_MATMUL'], ['a1 ⊙ W1', 'SHAPE_HADAMARD'], ['W1 ⊘ b1', 'SHAPE_HADAMARD'],
  ['X / W1', 'SHAPE_HADAMARD'], ['exp(X) + log(W1)', 'SHAPE_ADD'], ['tanh(X W1) ⊙ W2', 'SHAPE_HADAMARD'], ['relu(W1) + W2', 'SHAPE_ADD'],
  ['softmax(X W1, cols) - T ⊙ X', 'SHAPE_HADAMARD'], ['v a1 + X', 'SHAPE_ADD'], ['a1 v + X', 'SHAPE_ADD'], ['X^T + X', 'SHAPE_ADD'],
  ["X' X + W1", 'SHAPE_ADD'], ['b1 W1', 'SHAPE_MATMUL'], ['T W2 b2', 'SHAPE_MATMUL'], ['BCE(σ(X W1), b1)', 'SHAPE_LOSS'],
  ['2 X + W1', 'SHAPE_ADD'], ['X W1 + b1 + b2ᵀ', 'SHAPE_ADD'], ['softmax(X W1) ⊙ softmax(X)', 'SHAPE_HADAMARD'], ['Xᵀ X ⊙ W1', 'SHAPE_HADAMARD'],
  ['W2 W1', 'SHAPE_MATMUL'], ['σ(a1) W1', 'SHAPE_MATMUL'], ['log(T) ⊙ X', 'SHAPE_HADAMARD'], ['Q U', 'SHAPE_MATMUL'],
  ['A X', 'SHAPE_MATMUL'], ['A + X', 'SHAPE_ADD'], ['inv(A) W2', 'SHAPE_MATMUL'], ['y ⊙ a1', 'SHAPE_HADAMARD'],
  ['CE(P, T)', 'SHAPE_UNKNOWN'], ['X Y', 'SHAPE_UNKNOWN'], ['W3 X', 'SHAPE_UNKNOWN'],
];

