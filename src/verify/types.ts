// What answer checking returns (issue: verify students' answers). A verdict is data: correct /
// incorrect / undetermined, how it was decided, the findings of the diagnosis and, for a
// rejection, the counterexample. Never an exception for a wrong or unparsable answer.
import type { Expr } from '../ast/nodes.js';

export type VerdictKind = 'correct' | 'incorrect' | 'undetermined';
export type Method = 'symbolic' | 'numeric' | 'parse-error';

export interface Counterexample {
  /** the point, by canonical symbol name */
  readonly point: Readonly<Record<string, number>>;
  readonly student: number;
  readonly expected: number;
  /** the same values at ≥ 50 significant digits (decimal strings), when re-checked; 'undefined'
   * when the student's answer has no real value at the point */
  readonly precise?: { readonly student: string; readonly expected: string };
  /** the difference in one sentence (values, or why the student's answer is undefined there) */
  readonly reason?: string;
  /** the point lies in every variable's natural domain (natural.ts); false: none was found there */
  readonly inNaturalDomain?: boolean;
}

export interface Finding {
  /** stable id: 'sign-error', 'missing-chain-factor', 'extra-factor', 'constant-factor',
   * 'constant-offset', 'wrong-exponent', 'dropped-term', 'swapped-prediction-label',
   * 'missing-mean', 'softmax-elementwise', 'product-of-derivatives', 'not-simplified',
   * 'removable-singularity', 'domain-difference', 'squared-error-inner-factor',
   * 'sigmoid-derivative-power', 'sigmoid-derivative-missing-factor',
   * 'sigmoid-derivative-reciprocal-square' */
  readonly id: string;
  /** one sentence for the student */
  readonly message: string;
  /** the same in LaTeX (KaTeX-valid), e.g. the missing factor */
  readonly latex: string;
  /** the expression the finding is about (the missing factor, the dropped term, …) */
  readonly expr?: Expr;
}

/** Two answers that agree wherever both are defined but not on the same set (x/x against 1,
 * log(x²) against 2·log x): the verdict stays `correct` (docs/numeric.md, "Domain differences"),
 * and this says where the difference lies, as data. */
export interface DomainDifference {
  /** where one answer is defined and the other is not: "x = 0", "x - 1 = 0", "a = -2, b = 0.5" */
  readonly where: string;
  /** whose answer is undefined there: the student's ('answer') or the expected one ('expected') */
  readonly undefinedIn: 'answer' | 'expected';
  /** a point of the difference, when one is known */
  readonly point?: Readonly<Record<string, number>>;
  /** the undefined side is 0/0 there, a removable singularity (x/x at x = 0) */
  readonly removable?: boolean;
}

export interface Equivalence {
  readonly verdict: VerdictKind;
  readonly method: 'symbolic' | 'numeric';
  /** why undetermined, why incorrect, or for a correct answer the domain difference in words */
  readonly reason?: string;
  readonly counterexample?: Counterexample;
  /** points compared (numeric method) */
  readonly points?: number;
  /** a point where the expected answer is defined and the student's is not, found by a probe off
   * the random points while the answers agree wherever both are defined: the verdict is `correct`
   * only "where both are defined", and the reason says so */
  readonly domain?: Counterexample;
  /** the cancelled factors (≠ 0) where one answer is defined and the other is not */
  readonly conditions?: readonly Expr[];
  /** `correct` only where both are defined: where they differ (data; `reason` says it in words) */
  readonly domainDifference?: DomainDifference;
}

export interface VerifyOptions {
  /** declared open ranges, e.g. { y: [0, 1] } */
  readonly ranges?: Readonly<Record<string, readonly [number, number]>>;
  /** the problem asks for the simplified form: flag equivalent but unsimplified answers */
  readonly requireSimplified?: boolean;
  /** the expression that was differentiated, when known: how its variables are used (loss
   * arguments) decides the natural domains of the counterexample shown (natural.ts) */
  readonly problem?: Expr;
  /** text of the problem and answer, for the deterministic seed */
  readonly seedText?: string;
  /** judge the FORM, not the value: 'equal-comm-assoc' = the same expression up to commutativity
   * and associativity of + and × (STACK EqualComAss); 'identical' = the same tree (CasEqual) */
  readonly form?: 'equal-comm-assoc' | 'identical';
}
