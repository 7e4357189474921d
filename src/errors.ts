// The one table of user-facing error codes (TypeScript's diagnosticMessages idea). A user error is
// a ChainruleError with a code from this table, a message, and — where it applies — the span of
// the input it concerns. Anything else that escapes is an internal fault (exit 1 / HTTP 500).
import type { Span } from './ast/spans.js';

export const ERRORS = {
  EMPTY_INPUT: 'The input is empty.',
  INPUT_TOO_LONG: 'The input is longer than the limit.',
  INVALID_CHARACTER: 'This character is not part of the notation.',
  NUL_BYTE: 'The input contains a NUL byte.',
  INVALID_UNICODE: 'The input contains invalid Unicode (a lone surrogate).',
  UNEXPECTED_TOKEN: 'Unexpected token.',
  UNEXPECTED_END: 'The input ends too early.',
  UNBALANCED_PAREN: 'A parenthesis is not matched.',
  NESTING_TOO_DEEP: 'The expression is nested more deeply than the limit.',
  TOO_MANY_NODES: 'The expression is larger than the limit.',
  EXPONENT_TOO_LARGE: 'A number or an exponent is too large to work with exactly.',
  UNKNOWN_FUNCTION: 'Unknown function.',
  UNKNOWN_COMMAND: 'Unknown LaTeX command.',
  WRONG_ARITY: 'Wrong number of arguments.',
  FUNCTION_NEEDS_ARGUMENT: 'A function needs an argument.',
  BAD_NAME: 'This is not a valid symbol name.',
  UNSUPPORTED_INDEX: 'This kind of index is not supported.',
  REDEFINITION: 'A name is defined twice.',
  USE_BEFORE_DEFINITION: 'A name is used before its definition.',
  CYCLIC_DEFINITION: 'A definition refers to itself.',
  DEFINES_CONSTANT: 'A constant or function name cannot be defined.',
  AMBIGUOUS: 'The input can be read in more than one way (an internal grammar bug).',
  UNBOUND_VARIABLE: 'A variable has no value.',
  DOMAIN: 'The expression is undefined at this point.',
  NOT_RATIONAL: 'The value is not a rational number.',
  NOT_ANALYTIC: 'This function (abs, sign, relu, step) has no value at a complex point.',
  UNEVALUATED: 'An unevaluated derivative d/dx(…) has no value until it is derived.',
  TRANSPOSE_NOT_SCALAR: 'A transpose (Wᵀ) is not a power; matrices are not supported yet.',
  WRT_NOT_IN_EXPRESSION: 'The variable to differentiate by does not occur in the expression.',
  NOT_FINITE: 'The value is not a finite number (it overflows or is infinite).',
  // matrices (src/tensor): every shape mismatch names both operands and their shapes
  SHAPE_BAD: 'A shape is not of the form rows×cols (e.g. 4x2, m×n).',
  SHAPE_UNKNOWN: 'A matrix has no declared shape.',
  SHAPE_MATMUL: 'A matrix product needs the columns of the left factor to match the rows of the right.',
  SHAPE_ADD: 'Matrices added or subtracted must have the same shape.',
  SHAPE_HADAMARD: 'An element-wise product or quotient needs two matrices of the same shape.',
  SHAPE_LOSS: 'A loss needs predictions and targets of the same shape.',
  SHAPE_NOT_SQUARE: 'Only a square matrix has an inverse.',
  SHAPE_NOT_SCALAR: 'A scalar (1×1) is needed here.',
  SHAPE_CONFLICT: 'A defined matrix is declared with a shape that differs from its definition.',
  ANSWER_KEY_WRONG: "A worksheet's answer key disagrees with the derivative it gives the answer for.",
  TIME_LIMIT: 'The request ran past its time budget.',
  TOO_LARGE: 'The work or the response is too large to give.',
  BAD_REQUEST: 'The request is malformed.',
  UNKNOWN_OP: 'Unknown operation.',
  BAD_VALUE: 'A value is not a valid number.',
  INTERNAL: 'Internal error (a bug in chainrule).',
  // assumptions (`assume`, src/api/assume.ts)
  BAD_ASSUMPTION: 'An assumption is not a domain fact or a linear constraint.',
  CONTRADICTORY_ASSUMPTIONS: 'The assumptions contradict each other.',
  WHOLE_VECTOR: 'A function of a whole vector (softmax, CE, logsumexp) is used where one number is meant.',
  OPERATOR_INSIDE: 'A derivative operator is only one part of the input, and nothing says what to differentiate.',
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class ChainruleError extends Error {
  readonly code: ErrorCode;
  readonly span: Span | undefined;
  constructor(code: ErrorCode, message?: string, span?: Span) {
    super(message ?? ERRORS[code]);
    this.name = 'ChainruleError';
    this.code = code;
    this.span = span;
  }
}

export function isChainruleError(e: unknown): e is ChainruleError {
  return e instanceof ChainruleError;
}

/** The input line with a caret under the span (KaTeX ParseError style). */
export function caret(input: string, span: Span | undefined): string {
  if (!span) return '';
  const lineStart = input.lastIndexOf('\n', Math.max(0, span.start - 1)) + 1;
  let lineEnd = input.indexOf('\n', span.start);
  if (lineEnd < 0) lineEnd = input.length;
  const line = input.slice(lineStart, lineEnd);
  const col = span.start - lineStart;
  const width = Math.max(1, Math.min(span.end, lineEnd) - span.start);
  // Long lines are windowed so the caret stays readable.
  const from = Math.max(0, col - 40);
  const shown = (from > 0 ? '…' : '') + line.slice(from, from + 80) + (from + 80 < line.length ? '…' : '');
  const pad = ' '.repeat(col - from + (from > 0 ? 1 : 0));
  return `${shown}\n${pad}${'^'.repeat(Math.min(width, 80))}`;
}
