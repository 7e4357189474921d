// Numeric checks, the public surface: seeded domain-aware sampling (sample.ts, ranges.ts), float
// evaluation with numerical derivatives for d/dv nodes (numeric.ts, ridders.ts), the checks that
// return a Verdict (equivalent.ts) and the async complex-step derivative check (complex-step.ts,
// which is the only file here that loads mathjs, and only when it is called).
export { checkEquivalent, checkDerivative, toleranceFor, type Verdict, type CheckOptions } from './equivalent.js';
export { checkDerivativeComplex } from './complex-step.js';
export { numericValue, evaluatorFor, hasDiff, type Evaluator } from './numeric.js';
export { samplePoints, variablesOf, seedOf, DEFAULT_POINTS, ATTEMPTS_PER_POINT, type SampleOptions } from './sample.js';
export { inferRanges, type Range, type Interval } from './ranges.js';
export { ridders, type Estimate } from './ridders.js';
export { EXACT, NUMERIC_DERIVATIVE, RELIABLE_DERIVATIVE, ONE_SIDED_LIMIT, type Tolerance } from './tolerance.js';
export { mulberry32, hashSeed, uniform, type Rng } from './random.js';
export { checkDerivation, combine, type DerivationCheck, type StepCheck, type Status } from './derivation.js';
