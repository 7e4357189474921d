// Numeric evaluation, the public surface: float64 tree walk that reports domain errors as data
// (float.ts), the compiled fast path for sampling (compile.ts), exact rationals (rational.ts) and
// complex values through lazily loaded mathjs (complex.ts). Importing this file loads no mathjs.
export { evaluate, callValue, type EvalResult, type EvalOptions, type FloatErrorCode, type Point } from './float.js';
export { compile, compileSource, type Compiled } from './compile.js';
export {
  evaluateRational, parseRational, MAX_BITS,
  type RationalResult, type RationalValue, type RationalInput, type RationalPoint, type RationalErrorCode,
} from './rational.js';
export {
  loadComplexEvaluator, evaluateComplex, formatComplex,
  type ComplexEvaluator, type ComplexResult, type ComplexValue, type ComplexInput, type ComplexPoint, type ComplexErrorCode,
} from './complex.js';
export type { EvalFailure } from './walk.js';
export { ratToNumber, realPow, formatNumber } from './number.js';
