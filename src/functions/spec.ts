// What one function IS, in one object (KaTeX defineFunction / SymPy fdiff idea): its names, arity,
// numeric evaluation and real domain, how it prints, and its partial derivatives as trees.
// The chain rule is written once (src/derive) and calls `partials`; printers and evaluators read
// the rest. Adding a function = one spec in one file of this folder + its tests.
import { int } from '../ast/build.js';
import type { Expr, Num } from '../ast/nodes.js';

/** Where a sampler draws one variable: the open interval (lo, hi), or (−hi, −lo) ∪ (lo, hi) with a
 * random sign when `signed`. (Declared here, not in src/numeric, because specs state it.) */
export interface SampleInterval {
  readonly lo: number;
  readonly hi: number;
  readonly signed: boolean;
}

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

  // ---- symbolic knowledge (issue 8): what used to live in side tables of rules/ and verify/.
  // All optional; read by src/rules/simp.ts (simp.function-value), src/verify/symbolic.ts
  // (canonical form) and src/verify/diagnose-parts.ts (loss roles). docs/notation.md shows them.
  /** exact values at the rational points a derivation meets: σ(0) = 1/2, log(1) = 0 */
  readonly exactValues?: readonly { readonly at: Num; readonly value: Num }[];
  /** exact values by a rule, where a table will not do (|q|, √ of a perfect square); undefined = unknown */
  readonly exactRule?: (x: Num) => Num | undefined;
  /** the function through others, holding wherever it is defined (tan u = sin u/cos u, sinh through
   * exp): the canonical rewrite of symbolic answer checking. Must not use the function itself. */
  readonly canonical?: (args: readonly Expr[]) => Expr;
  /** a loss: the argument positions of the prediction and of the label (never the symbols' names) */
  readonly loss?: { readonly prediction: number; readonly label: number };

  // ── Numeric knowledge: read by src/numeric (evaluators, samplers) and nowhere else. ──────────
  // Each field replaces what used to be a side table in an evaluator or a sampler; all optional,
  // so a new function needs none of them unless it has the property described.
  /** helpers the `js` template calls by name (`__sig(…)`): passed into the compiled code as
   * parameters; names must start with `__` so they cannot meet a register or a variable */
  readonly jsRuntime?: Readonly<Record<string, (...x: number[]) => number>>;
  /** a value 0 at non-zero arguments is EXACT (relu, log 1, acos 1), not an underflow: the careful
   * answer check trusts it instead of re-evaluating in decimals. Default false. */
  readonly exactZero?: boolean;
  /** false: the complex continuation is not holomorphic (|z|, z/|z|), so complex-step checks fall
   * back to the real method. Default: holomorphic wherever `mathjs` or `definition` gives a value. */
  readonly holomorphic?: boolean;
  /** where step checks sample a variable that is DIRECTLY the first argument: the real domain
   * of that argument cut to the default magnitude 3 (log x → (0, 3), BCE's prediction → (0, 1)) */
  readonly sampleRange?: SampleInterval;
  /** the argument must be positive (log, sqrt), so in f(1 − s) the sampler takes s as a
   * probability in (0, 1): log(1 − y) in cross-entropy (SEEDS.md G1/G2) */
  readonly positiveArg?: boolean;
  /** softmax, CE, logsumexp (src/functions/indexed.ts): no value component by component; checks
   * evaluate and derivations differentiate them through `definition` (a sum over the K classes) */
  readonly indexed?: boolean;
}

/** An exact-values table with one entry: f(0) = value. */
export const atZero = (value: Num): FunctionSpec['exactValues'] => [{ at: int(0), value }];
