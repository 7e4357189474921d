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

export interface Equivalence {
  readonly verdict: VerdictKind;
  readonly method: 'symbolic' | 'numeric';
  /** why undetermined, or a note (removable singularity) */
  readonly reason?: string;
  readonly counterexample?: Counterexample;
  /** points compared (numeric method) */
  readonly points?: number;
  /** a point where the expected answer is defined and the student's is not, found by a probe off
   * the random points while the answers agree wherever both are defined: the verdict is `correct`
   * only "where both are defined", and the reason says so */
  readonly domain?: Counterexample;
  /** conditions assumed by a symbolic decision (cancelled factors ≠ 0) */
  readonly conditions?: readonly Expr[];
}

export interface VerifyOptions {
  /** declared open ranges, e.g. { y: [0, 1] } */
  readonly ranges?: Readonly<Record<string, readonly [number, number]>>;
  /** the problem asks for the simplified form: flag equivalent but unsimplified answers */
  readonly requireSimplified?: boolean;
  /** text of the problem and answer, for the deterministic seed */
  readonly seedText?: string;
  /** judge the FORM, not the value: 'equal-comm-assoc' = the same expression up to commutativity
   * and associativity of + and × (STACK EqualComAss); 'identical' = the same tree (CasEqual) */
  readonly form?: 'equal-comm-assoc' | 'identical';
}
