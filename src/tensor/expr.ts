// Constructors of the shape-typed tree. Each infers its node's shape from its operands and refuses
// a mismatch with a named error (SHAPE_*) that prints both operands and both shapes; `where` is the
// span of the operator in the user's text. They never do maths: `simp.ts` holds the few folds the
// vector–Jacobian rules use.
import type { Span } from '../ast/spans.js';
import { ChainruleError, type ErrorCode } from '../errors.js';
import { unicode } from './print.js';
import { type Dim, isScalar, SCALAR, sameDim, sameShape, shape, type Shape, showShape, transposed } from './shape.js';
import type { Axis, Grad, MapFn, MatExpr, SumOver } from './types.js';

function node<T extends MatExpr>(n: T): T {
  return Object.freeze(n);
}
/** `W2 (3×3)`: an operand as the errors name it. */
export function describe(e: MatExpr): string {
  return `${operand(e)} (${showShape(e.shape)})`;
}
/** An operand in a message: a sum in parentheses, so `X · (P − T)ᵀ` reads right. */
function operand(e: MatExpr): string {
  return ['add', 'sub', 'neg'].includes(e.kind) ? `(${unicode(e)})` : unicode(e);
}
function fail(code: ErrorCode, message: string, where?: Span): never {
  throw new ChainruleError(code, message, where);
}

export function mat(name: string, s: Shape): MatExpr {
  return node({ kind: 'mat', name, shape: s });
}
export function num(value: number): MatExpr {
  return node({ kind: 'num', value, shape: SCALAR });
}
export function fill(value: number, s: Shape): MatExpr {
  return node({ kind: 'fill', value, shape: s });
}
export function grad(of: string, wrt: string, s: Shape): Grad {
  return node({ kind: 'grad', of, wrt, shape: s });
}

export function matmul(left: MatExpr, right: MatExpr, where?: Span): MatExpr {
  if (!sameDim(left.shape.cols, right.shape.rows)) {
    const hint = sameDim(left.shape.cols, right.shape.cols)
      ? ` (${operand(right)}ᵀ would fit: is a transpose missing?)`
      : sameDim(left.shape.rows, right.shape.rows)
        ? ` (${operand(left)}ᵀ would fit: is a transpose missing?)`
        : '';
    fail('SHAPE_MATMUL',
      `${describe(left)} · ${describe(right)}: the left factor has ${left.shape.cols} columns but the right factor has ${right.shape.rows} rows${hint}.`,
      where);
  }
  return node({ kind: 'matmul', left, right, shape: shape(left.shape.rows, right.shape.cols) });
}
export function transpose(arg: MatExpr): MatExpr {
  return node({ kind: 'transpose', arg, shape: transposed(arg.shape) });
}

function sameOrFail(code: ErrorCode, op: string, what: string, left: MatExpr, right: MatExpr, where?: Span): void {
  if (!sameShape(left.shape, right.shape)) {
    fail(code, `${describe(left)} ${op} ${describe(right)}: ${what} needs two matrices of the same shape.`, where);
  }
}

/** How `left + right` broadcasts, if it does: a 1×n row over m rows or an m×1 column over n columns. */
export function broadcastNeeded(left: Shape, right: Shape): 'left-rows' | 'right-rows' | 'left-cols' | 'right-cols' | null {
  if (sameShape(left, right)) return null;
  if (left.rows === 1 && sameDim(left.cols, right.cols) && right.rows !== 1) return 'left-rows';
  if (right.rows === 1 && sameDim(left.cols, right.cols) && left.rows !== 1) return 'right-rows';
  if (left.cols === 1 && sameDim(left.rows, right.rows) && right.cols !== 1) return 'left-cols';
  if (right.cols === 1 && sameDim(left.rows, right.rows) && left.cols !== 1) return 'right-cols';
  return null;
}

export function add(left: MatExpr, right: MatExpr, where?: Span): MatExpr {
  sameOrFail('SHAPE_ADD', '+', 'a sum', left, right, where);
  return node({ kind: 'add', left, right, shape: left.shape });
}
export function sub(left: MatExpr, right: MatExpr, where?: Span): MatExpr {
  sameOrFail('SHAPE_ADD', '−', 'a difference', left, right, where);
  return node({ kind: 'sub', left, right, shape: left.shape });
}
export function neg(arg: MatExpr): MatExpr {
  return node({ kind: 'neg', arg, shape: arg.shape });
}
export function hadamard(left: MatExpr, right: MatExpr, where?: Span): MatExpr {
  sameOrFail('SHAPE_HADAMARD', '⊙', 'an element-wise product', left, right, where);
  return node({ kind: 'hadamard', left, right, shape: left.shape });
}
export function hdiv(left: MatExpr, right: MatExpr, where?: Span): MatExpr {
  sameOrFail('SHAPE_HADAMARD', '⊘', 'an element-wise quotient', left, right, where);
  return node({ kind: 'hdiv', left, right, shape: left.shape });
}
export function scale(c: MatExpr, arg: MatExpr, where?: Span): MatExpr {
  if (!isScalar(c.shape)) fail('SHAPE_NOT_SCALAR', `${describe(c)} · ${describe(arg)}: a factor that scales a matrix must be 1×1.`, where);
  return node({ kind: 'scale', c, arg, shape: arg.shape });
}
/** Repeat a 1×n row over `count` rows (axis 'rows') or an m×1 column over `count` columns. */
export function broadcast(arg: MatExpr, axis: Axis, count: Dim, where?: Span): MatExpr {
  const ok = axis === 'rows' ? arg.shape.rows === 1 : arg.shape.cols === 1;
  if (!ok) fail('SHAPE_ADD', `${describe(arg)} is not a ${axis === 'rows' ? 'row (1×n)' : 'column (m×1)'}: only a row or a column is broadcast.`, where);
  return node({ kind: 'broadcast', arg, axis, shape: axis === 'rows' ? shape(count, arg.shape.cols) : shape(arg.shape.rows, count) });
}
export function map(fn: MapFn, arg: MatExpr): MatExpr {
  return node({ kind: 'map', fn, arg, shape: arg.shape });
}
export function softmax(arg: MatExpr, axis: Axis = 'rows'): MatExpr {
  return node({ kind: 'softmax', arg, axis, shape: arg.shape });
}
export function loss(kind: 'ce' | 'bce', pred: MatExpr, target: MatExpr, where?: Span): MatExpr {
  if (!sameShape(pred.shape, target.shape)) {
    fail('SHAPE_LOSS', `${kind.toUpperCase()}(${describe(pred)}, ${describe(target)}): predictions and targets need the same shape.`, where);
  }
  return node({ kind, pred, target, shape: SCALAR });
}
export function sum(arg: MatExpr, over: SumOver): MatExpr {
  const s = over === 'all' ? SCALAR : over === 'rows' ? shape(1, arg.shape.cols) : shape(arg.shape.rows, 1);
  return node({ kind: 'sum', arg, over, shape: s });
}
/** `arg` divided by the product of `dims` (1s dropped): the count a mean divides by. */
export function divdim(arg: MatExpr, dims: readonly Dim[]): MatExpr {
  return node({ kind: 'divdim', arg, dims: dims.filter((d) => d !== 1), shape: arg.shape });
}
/** The mean over rows (1×n), columns (m×1) or all entries (1×1). */
export function mean(arg: MatExpr, over: SumOver): MatExpr {
  const count = over === 'rows' ? [arg.shape.rows] : over === 'cols' ? [arg.shape.cols] : [arg.shape.rows, arg.shape.cols];
  return divdim(sum(arg, over), count);
}
export function inv(arg: MatExpr, where?: Span): MatExpr {
  if (!sameDim(arg.shape.rows, arg.shape.cols)) fail('SHAPE_NOT_SQUARE', `${describe(arg)} is not square: only a square matrix has an inverse.`, where);
  return node({ kind: 'inv', arg, shape: arg.shape });
}
