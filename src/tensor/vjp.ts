// Vector–Jacobian rules, one per node kind, as data: given a node, the adjoint G = ∂L/∂node (its
// shape), and `self` (what stands for the node's value: the defined name when the node is a whole
// definition), each rule returns the adjoints of the operands in matrix form. No 4-D Jacobian is
// ever built: Y = XW gives ∂L/∂X = G Wᵀ and ∂L/∂W = Xᵀ G directly. Rule ids are frozen once shipped.
import * as M from './expr.js';
import { type Dim, isScalar } from './shape.js';
import { had, negate, scaleBy, transposeOf } from './simp.js';
import type { MatExpr } from './types.js';

/** Every rule id this layer mints, with the rule as the notes state it. */
export const TENSOR_RULES = {
  'tensor.seed': 'the loss with respect to itself: ∂L/∂L = 1',
  'tensor.matmul-left': 'Y = A B ⇒ ∂L/∂A = ∂L/∂Y Bᵀ',
  'tensor.matmul-right': 'Y = A B ⇒ ∂L/∂B = Aᵀ ∂L/∂Y',
  'tensor.transpose': 'Y = Aᵀ ⇒ ∂L/∂A = (∂L/∂Y)ᵀ',
  'tensor.add': 'Y = A + B ⇒ ∂L/∂A = ∂L/∂B = ∂L/∂Y',
  'tensor.sub': 'Y = A − B ⇒ ∂L/∂A = ∂L/∂Y, ∂L/∂B = −∂L/∂Y',
  'tensor.neg': 'Y = −A ⇒ ∂L/∂A = −∂L/∂Y',
  'tensor.hadamard': 'Y = A ⊙ B ⇒ ∂L/∂A = ∂L/∂Y ⊙ B',
  'tensor.hdiv-num': 'Y = A ⊘ B ⇒ ∂L/∂A = ∂L/∂Y ⊘ B',
  'tensor.hdiv-den': 'Y = A ⊘ B ⇒ ∂L/∂B = −∂L/∂Y ⊙ A ⊘ (B ⊙ B)',
  'tensor.scale': 'Y = c A ⇒ ∂L/∂A = c ∂L/∂Y',
  'tensor.scale-factor': 'Y = c A ⇒ ∂L/∂c = sum(∂L/∂Y ⊙ A)',
  'tensor.broadcast-rows': 'Y = 𝟏ₘ b (a row added to every row) ⇒ ∂L/∂b = 𝟏ₘᵀ ∂L/∂Y, the sum over the rows',
  'tensor.broadcast-cols': 'Y = b 𝟏ₙᵀ (a column added to every column) ⇒ ∂L/∂b = ∂L/∂Y 𝟏ₙ, the sum over the columns',
  'tensor.sigmoid': 'S = σ(A) ⇒ ∂L/∂A = ∂L/∂S ⊙ S ⊙ (1 − S)',
  'tensor.exp': 'Y = exp(A) ⇒ ∂L/∂A = ∂L/∂Y ⊙ Y',
  'tensor.log': 'Y = log(A) ⇒ ∂L/∂A = ∂L/∂Y ⊘ A',
  'tensor.tanh': 'Y = tanh(A) ⇒ ∂L/∂A = ∂L/∂Y ⊙ (1 − Y ⊙ Y)',
  'tensor.relu': 'Y = relu(A) ⇒ ∂L/∂A = ∂L/∂Y ⊙ step(A)',
  'tensor.softmax-rows': 'P = softmax(C) per row ⇒ each row of ∂L/∂C is (diag(p) − p pᵀ) times that row of ∂L/∂P: ∂L/∂C = P ⊙ (∂L/∂P − sum(∂L/∂P ⊙ P, cols) 𝟏ᵀ)',
  'tensor.softmax-cols': 'P = softmax(C) per column ⇒ each column of ∂L/∂C is (diag(p) − p pᵀ) times that column of ∂L/∂P: ∂L/∂C = P ⊙ (∂L/∂P − 𝟏 sum(∂L/∂P ⊙ P, rows))',
  'tensor.ce': 'L = CE(P, T) = −sum(T ⊙ log P) ⇒ ∂L/∂P = −T ⊘ P',
  'tensor.ce-target': 'L = CE(P, T) ⇒ ∂L/∂T = −log P',
  'tensor.bce': 'L = BCE(P, T) ⇒ ∂L/∂P = (P − T) ⊘ (P ⊙ (1 − P))',
  'tensor.bce-target': 'L = BCE(P, T) ⇒ ∂L/∂T = log(1 − P) − log P',
  'tensor.softmax-ce': 'P = softmax(C), L = CE(P, T), each row of T summing to 1 ⇒ ∂L/∂C = P − T',
  'tensor.sigmoid-bce': 'P = σ(C), L = BCE(P, T) ⇒ ∂L/∂C = P − T',
  'tensor.sum-rows': 'Y = sum(A, rows) ⇒ ∂L/∂A = 𝟏ₘ ∂L/∂Y (each row gets the adjoint)',
  'tensor.sum-cols': 'Y = sum(A, cols) ⇒ ∂L/∂A = ∂L/∂Y 𝟏ₙᵀ',
  'tensor.sum-all': 'y = sum(A) ⇒ ∂L/∂A = ∂L/∂y 𝟏 (every entry)',
  'tensor.inverse': 'Y = A⁻¹ ⇒ ∂L/∂A = −Yᵀ ∂L/∂Y Yᵀ',
  'tensor.divide-count': 'Y = A / n (a mean divides by its count) ⇒ ∂L/∂A = ∂L/∂Y / n',
  'tensor.sum-paths': 'a matrix used in several places: its adjoint is the sum over the paths',
  'tensor.tidy': 'numbers and signs pulled out of products, equal terms collected (x + x = 2x)',
  'tensor.gradient-shape': 'the gradient has the shape of the variable',
  'tensor.set-gradient-zero': 'at a minimum the gradient is the zero matrix',
  'tensor.divide-number': 'both sides divided by the same nonzero number',
  'tensor.distribute': 'A (B − C) = A B − A C (left distributivity; the order of factors is kept)',
  'tensor.move-term': 'a term moved to the other side of the equation',
  'tensor.solve-inverse': 'A β = B with A invertible ⇒ β = A⁻¹ B (multiplied by A⁻¹ on the left)',
} as const;
export type TensorRule = keyof typeof TENSOR_RULES;

export interface OperandAdjoint {
  readonly operand: MatExpr;
  readonly adjoint: MatExpr;
  readonly rule: TensorRule;
}

function times(g: MatExpr, a: MatExpr): MatExpr {
  // G·A where G is the 1×1 adjoint of a scalar node: a number folds; anything else scales
  if (g.kind === 'num') return scaleBy(g, a);
  // the adjoint of a mean's sum is 1/n: keep it as a division by the count
  if (g.kind === 'divdim' && g.arg.kind === 'num') return M.divdim(scaleBy(g.arg, a), g.dims);
  return M.scale(g, a);
}
function matmulG(left: MatExpr, right: MatExpr): MatExpr {
  if (left.kind === 'num' && isScalar(left.shape)) return scaleBy(left, right);
  if (right.kind === 'num' && isScalar(right.shape)) return scaleBy(right, left);
  return M.matmul(left, right);
}

/** The adjoints of the operands of `e`, given G = ∂L/∂e and `self` standing for e's value.
 * `shortcut` swaps in the classic WRONG softmax rule (element-wise, as if softmax were σ): only
 * src/tensor/verify.ts uses it, to recognise that mistake in a student's answer. */
export function vjp(e: MatExpr, g: MatExpr, self: MatExpr, shortcut = false): OperandAdjoint[] {
  const one = (x: MatExpr) => M.fill(1, x.shape);
  switch (e.kind) {
    case 'mat': case 'num': case 'fill': case 'grad':
      return [];
    case 'matmul':
      return [
        { operand: e.left, adjoint: matmulG(g, transposeOf(e.right)), rule: 'tensor.matmul-left' },
        { operand: e.right, adjoint: matmulG(transposeOf(e.left), g), rule: 'tensor.matmul-right' },
      ];
    case 'transpose':
      return [{ operand: e.arg, adjoint: transposeOf(g), rule: 'tensor.transpose' }];
    case 'add':
      return [{ operand: e.left, adjoint: g, rule: 'tensor.add' }, { operand: e.right, adjoint: g, rule: 'tensor.add' }];
    case 'sub':
      return [{ operand: e.left, adjoint: g, rule: 'tensor.sub' }, { operand: e.right, adjoint: negate(g), rule: 'tensor.sub' }];
    case 'neg':
      return [{ operand: e.arg, adjoint: negate(g), rule: 'tensor.neg' }];
    case 'hadamard':
      return [
        { operand: e.left, adjoint: had(g, e.right), rule: 'tensor.hadamard' },
        { operand: e.right, adjoint: had(g, e.left), rule: 'tensor.hadamard' },
      ];
    case 'hdiv':
      return [
        { operand: e.left, adjoint: M.hdiv(g, e.right), rule: 'tensor.hdiv-num' },
        { operand: e.right, adjoint: negate(M.hdiv(had(g, e.left), M.hadamard(e.right, e.right))), rule: 'tensor.hdiv-den' },
      ];
    case 'scale':
      return [
        { operand: e.arg, adjoint: scaleBy(e.c, g), rule: 'tensor.scale' },
        ...(e.c.kind === 'num' ? [] : [{ operand: e.c, adjoint: M.sum(had(g, e.arg), 'all'), rule: 'tensor.scale-factor' as const }]),
      ];
    case 'broadcast':
      return [{ operand: e.arg, adjoint: M.sum(g, e.axis === 'rows' ? 'rows' : 'cols'), rule: e.axis === 'rows' ? 'tensor.broadcast-rows' : 'tensor.broadcast-cols' }];
    case 'map': {
      const a = e.arg;
      switch (e.fn) {
        case 'sigmoid': return [{ operand: a, adjoint: M.hadamard(had(g, self), M.sub(one(self), self)), rule: 'tensor.sigmoid' }];
        case 'exp': return [{ operand: a, adjoint: had(g, self), rule: 'tensor.exp' }];
        case 'log': return [{ operand: a, adjoint: M.hdiv(g, a), rule: 'tensor.log' }];
        case 'tanh': return [{ operand: a, adjoint: had(g, M.sub(one(self), M.hadamard(self, self))), rule: 'tensor.tanh' }];
        case 'relu': return [{ operand: a, adjoint: had(g, M.map('heaviside', a)), rule: 'tensor.relu' }];
        case 'heaviside': return []; // its derivative is 0 wherever it is defined
      }
      break;
    }
    case 'softmax': {
      if (shortcut) return [{ operand: e.arg, adjoint: M.hadamard(had(g, self), M.sub(one(self), self)), rule: 'tensor.softmax-rows' }];
      const gp = had(g, self);
      const centred = e.axis === 'rows'
        ? M.sub(g, M.broadcast(M.sum(gp, 'cols'), 'cols', e.shape.cols))
        : M.sub(g, M.broadcast(M.sum(gp, 'rows'), 'rows', e.shape.rows));
      return [{ operand: e.arg, adjoint: M.hadamard(self, centred), rule: e.axis === 'rows' ? 'tensor.softmax-rows' : 'tensor.softmax-cols' }];
    }
    case 'ce':
      return [
        { operand: e.pred, adjoint: times(g, negate(M.hdiv(e.target, e.pred))), rule: 'tensor.ce' },
        { operand: e.target, adjoint: times(g, negate(M.map('log', e.pred))), rule: 'tensor.ce-target' },
      ];
    case 'bce': {
      const p = e.pred;
      return [
        { operand: p, adjoint: times(g, M.hdiv(M.sub(p, e.target), M.hadamard(p, M.sub(one(p), p)))), rule: 'tensor.bce' },
        { operand: e.target, adjoint: times(g, M.sub(M.map('log', M.sub(one(p), p)), M.map('log', p))), rule: 'tensor.bce-target' },
      ];
    }
    case 'sum': {
      const a = e.arg;
      // a count divides after the broadcast: 𝟏ₘ G / n reads better than 𝟏ₘ (G / n)
      const spread = (axis: 'rows' | 'cols', n: Dim) =>
        g.kind === 'divdim' ? M.divdim(M.broadcast(g.arg, axis, n), g.dims) : M.broadcast(g, axis, n);
      if (e.over === 'rows') return [{ operand: a, adjoint: spread('rows', a.shape.rows), rule: 'tensor.sum-rows' }];
      if (e.over === 'cols') return [{ operand: a, adjoint: spread('cols', a.shape.cols), rule: 'tensor.sum-cols' }];
      return [{ operand: a, adjoint: times(g, one(a)), rule: 'tensor.sum-all' }];
    }
    case 'divdim':
      return [{ operand: e.arg, adjoint: M.divdim(g, e.dims), rule: 'tensor.divide-count' }];
    case 'inv': {
      const yt = transposeOf(self);
      return [{ operand: e.arg, adjoint: negate(M.matmul(matmulG(yt, g), yt)), rule: 'tensor.inverse' }];
    }
  }
  return [];
}
