// The numeric layer, the public surface — ONE layer for every numeric question in chainrule.
// Evaluators: float64 walk reporting domain errors as data (float.ts), the compiled fast path
// (compile.ts), exact rationals (rational.ts) and residues mod P (exact.ts), complex values for
// complex steps (complex.ts), decimals at 64/128 digits (decimal.ts), the float walk that knows when
// not to trust itself (float-trust.ts), numerical derivatives of d/dv nodes (sampled.ts, ridders.ts).
// One sampler (sample.ts) with two declared policies and one tolerance table (tolerance.ts), put
// together in policy.ts: STEP — fast step checks (src/check) — and ANSWER — careful answer checks
// with exact and high-precision re-checks (src/verify, careful.ts). A verdict and its diagnosis come
// from the same engine: src/verify's verdict from ANSWER, its diagnosis confirmed under STEP (a
// finding is a relation tested over dozens of candidates; docs/numeric.md).
// Importing this file loads no mathjs: complex.ts and decimal.ts import it lazily, on first use.
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
// the sampler, its policies, the tolerance table
export {
  sampler, candidateStream, pointStream, declaredIntervals, inRanges, variablesOf, seedOf, seedFor, toPoint, latticePoints,
  avoidsSpecial, STEP, ANSWER, type SamplingPolicy, type Interval, type Range,
} from './sample.js';
export { inferRanges, validateRange } from './ranges.js';
export { STEP_CHECK, ANSWER_CHECK, DEFAULT_POINTS, ATTEMPTS_PER_POINT, samplePoints, type SampleOptions, type CheckPolicy } from './policy.js';
export {
  EXACT, NUMERIC_DERIVATIVE, RELIABLE_DERIVATIVE, ONE_SIDED_LIMIT, CAREFUL, DIAGNOSIS_ATOL, PROPOSE_RTOL, SNAP_RTOL,
  within, relativeError, type Tolerance,
} from './tolerance.js';
export { mulberry32, hashSeed, uniform, type Rng } from './random.js';
// numerical derivatives (STEP: d/dv nodes in step checks)
export { numericValue, evaluatorFor, hasDiff, type Evaluator } from './sampled.js';
export { roundingBound, type Bounded } from './roundingBound.js';
export { newEpoch } from './closure.js';
export { needsInstances as hasIndexedPart } from './checkFacts.js';
export { ridders, type Estimate } from './ridders.js';
// the ANSWER policy's comparison
export {
  compareNumerically, hasVariablePower, type NumericOptions, type NumericOutcome, type Counterexample,
} from './careful.js';
