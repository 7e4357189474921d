// What a derivation IS: an ordered list of steps, one rewrite each (egg's explanations), with the
// rule id, where in the tree, before/after of the whole expression and the bindings of the
// rule's pattern. Invariants (tested): the first step starts at the input, each step starts
// where the previous ended, the last ends at the result, and no step is a no-op.
import type { Definition, Expr } from '../ast/nodes.js';

export interface Step {
  /** stable rule id, declared in src/rules/registry.ts, e.g. `diff.product`, `simp.cancel` (docs/rules.md) */
  readonly rule: string;
  readonly label: string;
  readonly before: Expr;
  readonly after: Expr;
  /** child indices from the root to the rewritten node ([] = the whole expression) */
  readonly path: readonly number[];
  /** the rewritten sub-expression before and after */
  readonly from: Expr;
  readonly to: Expr;
  /** what the rule's pattern variables matched */
  readonly bindings: Readonly<Record<string, Expr>>;
  /** the rule as an equation of trees (a justification to print), when it has one */
  readonly justification?: { readonly lhs: Expr; readonly rhs: Expr };
  /** conditions the step assumes, e.g. the factors a cancellation divides by (each ≠ 0) */
  readonly conditions?: readonly Expr[];
  /** the finer rewrites this textbook step is made of */
  readonly substeps?: readonly Step[];
  /** a derivation that proves the rule used here (σ′ derived from σ's definition) */
  readonly proof?: Derivation;
}

export interface Derivation {
  readonly input: Expr;
  /** the variable, for a derivative; absent for a pure simplification */
  readonly wrt?: string;
  /** the starting expression: d/dx(input) for a derivative, the input for a simplification */
  readonly start: Expr;
  readonly steps: readonly Step[];
  readonly result: Expr;
  /** sums a declared premise sets to 1 (CE's target: Σ_k t_k = 1); checks draw points on it */
  readonly premises?: readonly Expr[];
  /** definitions by index whose names the steps use (s_i = σ(…), y_j = softmax(h_j)), and the
   * class count their softmax sums over: checks give every name its defined value (check/indexed.ts) */
  readonly definitions?: { readonly list: readonly Definition[]; readonly classes?: number };
}
