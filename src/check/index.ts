// Numeric checks as verdicts, the public surface: the checks that return a Verdict (equivalent.ts,
// STEP policy of src/numeric), the async complex-step derivative check (complex-step.ts, which
// loads mathjs only when called) and whole-derivation checks (derivation.ts). Sampling, tolerances
// and evaluators live in src/numeric; the re-exports below keep this surface as callers know it.
export { checkEquivalent, checkDerivative, toleranceFor, type Verdict, type CheckOptions } from './equivalent.js';
export { checkDerivativeComplex } from './complex-step.js';
export { checkDerivation, combine, type DerivationCheck, type StepCheck, type Status } from './derivation.js';
export {
  numericValue, evaluatorFor, hasDiff, type Evaluator,
  samplePoints, variablesOf, seedOf, DEFAULT_POINTS, ATTEMPTS_PER_POINT, type SampleOptions,
  inferRanges, type Range, type Interval, ridders, type Estimate,
  EXACT, NUMERIC_DERIVATIVE, RELIABLE_DERIVATIVE, ONE_SIDED_LIMIT, type Tolerance,
  mulberry32, hashSeed, uniform, type Rng,
} from '../numeric/index.js';
