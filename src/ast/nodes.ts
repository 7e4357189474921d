// The expression tree: an immutable discriminated union tagged by `kind`.
// Invariants: nodes are immutable plain data (readonly; frozen under the tests, src/ast/freeze.ts); constructors never do maths (`add(x, x)` stays `x + x`);
// numbers are exact rationals (bigint numerator/denominator, d > 0, gcd 1); symbol names are the
// canonical ASCII form of src/ast/names.ts; source positions are NOT stored here (see spans.ts),
// so structural equality ignores them.

/** Facts every node carries, set by its constructor (src/ast/build.ts) from its children's:
 * reading one is a field load (a WeakMap cache per node cost ~10 % of a small derivation). */
export interface NodeFacts {
  /** the tree holds a d/dv node (hash.ts containsDiff) */
  readonly hasDiff: boolean;
}

export interface Num extends NodeFacts {
  readonly kind: 'num';
  /** numerator, sign lives here */
  readonly n: bigint;
  /** denominator, always > 0 and coprime with n */
  readonly d: bigint;
}
/** A variable, canonical ASCII name such as `x`, `w_1`, `y_hat`, `alpha`. */
export interface Sym extends NodeFacts {
  readonly kind: 'sym';
  readonly name: string;
}
/** A named mathematical constant. */
export interface Const extends NodeFacts {
  readonly kind: 'const';
  readonly name: 'e' | 'pi';
}
/** n-ary sum, n >= 2. Subtraction is a `neg` term. */
export interface Add extends NodeFacts {
  readonly kind: 'add';
  readonly terms: readonly Expr[];
}
/** n-ary product, n >= 2 (explicit or implicit multiplication). */
export interface Mul extends NodeFacts {
  readonly kind: 'mul';
  readonly factors: readonly Expr[];
}
export interface Neg extends NodeFacts {
  readonly kind: 'neg';
  readonly arg: Expr;
}
export interface Div extends NodeFacts {
  readonly kind: 'div';
  readonly num: Expr;
  readonly den: Expr;
}
export interface Pow extends NodeFacts {
  readonly kind: 'pow';
  readonly base: Expr;
  readonly exp: Expr;
}
/** A call of a registry function; `fn` is the spec's canonical name (see src/functions). */
export interface Call extends NodeFacts {
  readonly kind: 'call';
  readonly fn: string;
  readonly args: readonly Expr[];
}

/** An unevaluated derivative d/d(wrt) of `arg`: what a derivation starts from and rewrites away. */
export interface Diff extends NodeFacts {
  readonly kind: 'diff';
  readonly arg: Expr;
  /** canonical name of the variable */
  readonly wrt: string;
}

/** Σ over a bound index (docs/architecture.md, "Indexed scalars"): `index` is one lower-case
 * letter, bound in `body` (the symbol itself and the index slots of indexed names such as t_i);
 * `lo`/`hi` are both present (Σ_{i=1}^{K}) or both null (Σ_i: over every value of the index). */
export interface Sum extends NodeFacts {
  readonly kind: 'sum';
  readonly index: string;
  readonly lo: Expr | null;
  readonly hi: Expr | null;
  readonly body: Expr;
}

export type Expr = Num | Sym | Const | Add | Mul | Neg | Div | Pow | Call | Diff | Sum;
export type Kind = Expr['kind'];

/** One named definition `name = expr` of a program such as `z = wx + b; y = σ(z)`. */
export interface Definition {
  readonly name: string;
  readonly expr: Expr;
}
/** A function with parameters, `g(y) = y^2`: its calls are inlined where it is used, so no tree
 * holds a call of it (its body here is kept for printing the program back). */
export interface FunctionDefinition {
  readonly name: string;
  readonly params: readonly string[];
  readonly expr: Expr;
}
/** An ordered set of definitions, optionally followed by a bare expression. */
export interface Program {
  readonly definitions: readonly Definition[];
  readonly body: Expr | null;
  /** functions defined with parameters, in input order (absent when there are none) */
  readonly functions?: readonly FunctionDefinition[];
}
