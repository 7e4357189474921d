// THE table of operation meanings: what each number domain (float64, exact rationals, residues
// mod P, complex, decimals, trust-tracking floats) makes of each node kind. Every tree-walking
// evaluator is a `Domain` object plus `evaluateIn`, so a new node kind (the coming sum node, indexed
// calls) is ONE method of this interface — TypeScript then asks every domain for its row — and one
// case in `dispatch`, not a switch in each evaluator. (compile.ts emits code rather than values;
// its per-kind emitters are the float domain's rows written as JS, kept beside it in compile.ts.)
// Invariants: children are evaluated before the node, left to right (walk.ts fold), so the first
// failure in reading order is reported; a row returns a value or a Fail, never throws for bad input.
import type { Add, Call, Const, Diff, Div, Expr, Mul, Neg, Num, Pow, Sym } from '../ast/nodes.js';
import { type Fail, fold } from './walk.js';

/** One number domain: a value type T, failure codes C, and one row per node kind. */
export interface Domain<T, C extends string> {
  num(node: Num): T | Fail<C>;
  constant(node: Const): T | Fail<C>;
  sym(node: Sym): T | Fail<C>;
  /** an unevaluated derivative d/dv(…): no domain evaluates it (src/numeric/sampled.ts replaces
   * it by a numerical derivative before compiling) */
  diff(node: Diff): T | Fail<C>;
  neg(a: T, node: Neg): T | Fail<C>;
  add(terms: readonly T[], node: Add): T | Fail<C>;
  mul(factors: readonly T[], node: Mul): T | Fail<C>;
  div(a: T, b: T, node: Div): T | Fail<C>;
  pow(base: T, exp: T, node: Pow): T | Fail<C>;
  call(args: readonly T[], node: Call): T | Fail<C>;
  /** optional hook after every node (a domain that tracks overflow or cancellation per node) */
  after?(node: Expr, value: T | Fail<C>, kids: readonly T[]): T | Fail<C>;
}

/** The one dispatch on the node kind, shared by every domain. */
export function dispatch<T, C extends string>(d: Domain<T, C>, node: Expr, v: readonly T[]): T | Fail<C> {
  switch (node.kind) {
    case 'num':
      return d.num(node);
    case 'const':
      return d.constant(node);
    case 'sym':
      return d.sym(node);
    case 'diff':
      return d.diff(node);
    case 'sum':
      // never reached: the fold (walk.ts) evaluates a sum as its expansion
      throw new Error('internal: a sum node reached the numeric dispatch');
    case 'neg':
      return d.neg(v[0]!, node);
    case 'add':
      return d.add(v, node);
    case 'mul':
      return d.mul(v, node);
    case 'div':
      return d.div(v[0]!, v[1]!, node);
    case 'pow':
      return d.pow(v[0]!, v[1]!, node);
    case 'call':
      return d.call(v, node);
  }
}

/** Evaluate `root` in domain `d`: a value, or the first failure in reading order. */
export function evaluateIn<T, C extends string>(d: Domain<T, C>, root: Expr): T | Fail<C> {
  const after = d.after?.bind(d);
  return fold<T, C>(root, after ? (node, v) => after(node, dispatch(d, node, v), v) : (node, v) => dispatch(d, node, v));
}
