// Readings: the choices the engine made that the user did not write explicitly and might not have
// meant (docs/notation.md#how-chainrule-reads-what-you-type). Each is data — a code, the span it
// concerns, what was read and how to write the other thing — returned beside the parse result,
// never a silent guess. The parser fills them in while lexing; derive adds argument-role readings.
import type { Span } from '../ast/spans.js';

export type ReadingCode =
  /** a single letter right before `(` was read as a product: g(f(x)) = g·(f·(x)) */
  | 'IMPLICIT_PRODUCT_BEFORE_PAREN'
  /** a run of three or more letters was split into a product of one-letter symbols: yhat = y·h·a·t */
  | 'LETTERS_SPLIT'
  /** which argument of a loss (BCE, MSE) is taken as the prediction and which as the label */
  | 'ARGUMENT_ROLES'
  /** the "label" argument depends on the variable and the "prediction" does not: likely swapped */
  | 'ARGUMENT_ROLES_SUSPICIOUS'
  /** LaTeX \frac{d}{dx} without brackets after it applies to the next factor only */
  | 'DERIVATIVE_SCOPE'
  /** the expression is already a derivative d/dw f and `wrt` asks for d/dw again: the second derivative */
  | 'DERIVATIVE_TWICE'
  /** derive: a gradient given in the names (parts, definitions, named upstream factors) because
   * written in the inputs it would be too large to show */
  | 'RESULT_IN_NAMES'
  /** plain text: a function without parentheses took one power and more factors follow: σ wx = σ(w)·x */
  | 'FUNCTION_SCOPE'
  /** plain text: an exponent took one power and more follows: e^-wx = e^(−w)·x, w^1/2 = w/2 */
  | 'EXPONENT_SCOPE'
  /** plain text: every factor multiplied after a `/` is in the denominator: 1/2 (y − wx)^2 = 1/(2(y − wx)²) */
  | 'DIVISION_SCOPE'
  /** plain text: `xi`, `yi` read as the Greek ξ and the product y·i, not the indexed x_i, y_i */
  | 'INDEX_AS_LETTER'
  /** plain text: `W^(1)` on a symbol is the layer index W_1, as LaTeX W^{(1)}, not a power */
  | 'LAYER_INDEX';

export interface Reading {
  readonly code: ReadingCode;
  readonly span: Span;
  /** what was read, in words or notation (`y·h·a·t`) */
  readonly read: string;
  /** how to say the other thing (`declare yhat as a name (names: ["yhat"])`) */
  readonly alternative: string;
  /** one sentence for a `note:` line */
  readonly message: string;
}

/** Reading codes with an example each: the docs table (test/docs checks it lists every code). */
export const READING_CODES: Readonly<Record<ReadingCode, string>> = {
  IMPLICIT_PRODUCT_BEFORE_PAREN: 'g(f(x))',
  LETTERS_SPLIT: '(yhat - y)^2',
  ARGUMENT_ROLES: 'BCE(σ(wx+b), y)',
  ARGUMENT_ROLES_SUSPICIOUS: 'BCE(y, σ(wx+b))',
  DERIVATIVE_SCOPE: '\\frac{d}{dx} x^{2} + 1',
  DERIVATIVE_TWICE: 'd/dw (w^3) with wrt w',
  RESULT_IN_NAMES: 'σ(σ(…σ(x)…)) 200 deep',
  FUNCTION_SCOPE: 'σ wx + b',
  EXPONENT_SCOPE: 'e^-wx',
  DIVISION_SCOPE: '1/2 (y - wx)^2',
  INDEX_AS_LETTER: '(yi - w xi)^2',
  LAYER_INDEX: 'W^(1)x + b^(1)',
};

/** Readings in input order, one per (code, span). */
export function sortReadings(rs: readonly Reading[]): Reading[] {
  const seen = new Set<string>();
  const out: Reading[] = [];
  for (const r of [...rs].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || (a.code < b.code ? -1 : 1))) {
    const k = `${r.code}@${r.span.start}:${r.span.end}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(r);
    }
  }
  return out;
}
