// MatExpr: the shape-typed matrix tree, an immutable union tagged by `kind`. Every node carries its
// inferred shape, and the constructors in expr.ts refuse ill-shaped operands, so a tree that exists
// is well-shaped. Names are the reader's canonical names (W1, b1, beta); printers make them W₁, β.
import type { Dim, Shape } from './shape.js';

export type Axis = 'rows' | 'cols';
export type SumOver = Axis | 'all';
/** Element-wise functions; each is a registry function of src/functions under this name. */
export type MapFn = 'sigmoid' | 'exp' | 'log' | 'tanh' | 'relu' | 'heaviside';

interface Base {
  readonly shape: Shape;
}
/** A declared matrix or a defined name. */
export interface Mat extends Base { readonly kind: 'mat'; readonly name: string }
/** A scalar constant (1×1). */
export interface Num extends Base { readonly kind: 'num'; readonly value: number }
/** A constant matrix of the shape its context fixes: the `1` of `1 − S` is the all-ones matrix. */
export interface Fill extends Base { readonly kind: 'fill'; readonly value: number }
export interface MatMul extends Base { readonly kind: 'matmul'; readonly left: MatExpr; readonly right: MatExpr }
export interface Transpose extends Base { readonly kind: 'transpose'; readonly arg: MatExpr }
export interface Add extends Base { readonly kind: 'add'; readonly left: MatExpr; readonly right: MatExpr }
export interface Sub extends Base { readonly kind: 'sub'; readonly left: MatExpr; readonly right: MatExpr }
export interface Neg extends Base { readonly kind: 'neg'; readonly arg: MatExpr }
/** Element-wise product ⊙. */
export interface Hadamard extends Base { readonly kind: 'hadamard'; readonly left: MatExpr; readonly right: MatExpr }
/** Element-wise quotient ⊘. */
export interface HDiv extends Base { readonly kind: 'hdiv'; readonly left: MatExpr; readonly right: MatExpr }
/** A 1×1 factor times a matrix: `2 X`, `c A`. */
export interface Scale extends Base { readonly kind: 'scale'; readonly c: MatExpr; readonly arg: MatExpr }
/** Explicit broadcast: axis 'rows' repeats a 1×n row over the m rows (𝟏ₘ b), 'cols' an m×1
 * column over the n columns (b 𝟏ₙᵀ). The shape says how many. */
export interface Broadcast extends Base { readonly kind: 'broadcast'; readonly arg: MatExpr; readonly axis: Axis }
export interface MapNode extends Base { readonly kind: 'map'; readonly fn: MapFn; readonly arg: MatExpr }
/** softmax of each row (axis 'rows') or of each column ('cols'). */
export interface Softmax extends Base { readonly kind: 'softmax'; readonly arg: MatExpr; readonly axis: Axis }
/** A loss over a batch, summed over every entry: CE = −Σ T ⊙ log P, BCE = −Σ T log P + (1−T) log(1−P). 1×1. */
export interface Loss extends Base { readonly kind: 'ce' | 'bce'; readonly pred: MatExpr; readonly target: MatExpr }
/** over 'rows': add the rows (Σᵢ, 1×n); 'cols': add the columns (Σⱼ, m×1); 'all': 1×1. */
export interface Sum extends Base { readonly kind: 'sum'; readonly arg: MatExpr; readonly over: SumOver }
export interface Inv extends Base { readonly kind: 'inv'; readonly arg: MatExpr }
/** Division by a count of entries (a product of dimensions): `mean` is a sum divided by its count. */
export interface DivDim extends Base { readonly kind: 'divdim'; readonly arg: MatExpr; readonly dims: readonly Dim[] }
/** The adjoint ∂of/∂wrt, a symbol with the shape of `wrt`. */
export interface Grad extends Base { readonly kind: 'grad'; readonly of: string; readonly wrt: string }

export type MatExpr =
  | Mat | Num | Fill | MatMul | Transpose | Add | Sub | Neg | Hadamard | HDiv | Scale | Broadcast
  | MapNode | Softmax | Loss | Sum | Inv | DivDim | Grad;
export type MatKind = MatExpr['kind'];

/** One definition `a = X W1 + b1` of a matrix program. */
export interface MatDefinition {
  readonly name: string;
  readonly expr: MatExpr;
}
export interface MatProgram {
  readonly definitions: readonly MatDefinition[];
  /** declared (input) shapes, by canonical name */
  readonly inputs: ReadonlyMap<string, Shape>;
}

/** The operands of a node, left to right. */
export function operands(e: MatExpr): MatExpr[] {
  switch (e.kind) {
    case 'mat': case 'num': case 'fill': case 'grad':
      return [];
    case 'matmul': case 'add': case 'sub': case 'hadamard': case 'hdiv':
      return [e.left, e.right];
    case 'ce': case 'bce':
      return [e.pred, e.target];
    case 'scale':
      return [e.c, e.arg];
    default:
      return [e.arg];
  }
}

/** Names of matrices (`mat` leaves) an expression reads, first-seen order. */
export function matNames(e: MatExpr, out: string[] = []): string[] {
  if (e.kind === 'mat') {
    if (!out.includes(e.name)) out.push(e.name);
  } else for (const o of operands(e)) matNames(o, out);
  return out;
}
