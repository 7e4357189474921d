// What one function IS, in one object (KaTeX defineFunction / SymPy fdiff idea): its names, arity,
// numeric evaluation and real domain, how it prints, and its partial derivatives as trees.
// The chain rule is written once (src/derive) and calls `partials`; printers and evaluators read
// the rest. Adding a function = one spec in one file of this folder + its tests.
import type { Expr } from '../ast/nodes.js';

export interface FunctionSpec {
  /** canonical ASCII name, used by the plain-text printer and in the tree (`call.fn`) */
  readonly name: string;
  /** every other spelling the parsers accept (σ, sigma, ln, arcsin, …) */
  readonly aliases: readonly string[];
  readonly arity: number;
  /** argument names for docs and errors, e.g. ['prediction', 'label'] */
  readonly params: readonly string[];
  /** default values of trailing parameters (leaky_relu's slope): a call may omit them */
  readonly defaults?: readonly ((() => Expr) | undefined)[];
  /** one-line description for docs/notation.md */
  readonly doc: string;
  /** readable head for terminals (σ); defaults to name */
  readonly unicode?: string;
  /** LaTeX head such as `\sigma` or `\operatorname{BCE}`; the printer adds the argument list */
  readonly latex: string;
  /** special LaTeX form (sqrt, abs, exp as e^{…}) given the printed arguments */
  readonly latexForm?: (args: readonly string[]) => string;
  /** float64 value; NaN only outside the domain */
  readonly eval: (...x: number[]) => number;
  /** real domain test; absent means all reals */
  readonly domain?: (...x: number[]) => boolean;
  /** the domain in words, for DOMAIN errors and docs */
  readonly domainText?: string;
  /** name of the mathjs function for complex evaluation, when mathjs has it */
  readonly mathjs?: string;
  /** definition in other functions (σ(x) = 1/(1+e^(−x))), used for complex evaluation and steps */
  readonly definition?: (args: readonly Expr[]) => Expr;
  /** ∂f/∂argᵢ as trees in the arguments, one per parameter */
  readonly partials: readonly ((args: readonly Expr[]) => Expr)[];
  /** where the partials do not hold as written (relu at 0), said in words */
  readonly partialNote?: string;
  /** inline JS for the compiled evaluator, given JS expressions of the arguments */
  readonly js?: (args: readonly string[]) => string;
}
