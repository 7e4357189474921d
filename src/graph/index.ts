// Computational graphs, the public surface: build a graph from a program at a granularity
// (build.ts), run the forward and backward passes (passes.ts), check the gradients against
// finite differences of the whole function (check.ts); losses over data with Σ_i (sums.ts,
// loss.ts: the parser's sum node run over the rows src/parse/data.ts reads) and
// gradient descent (descend.ts).

export * from './types.js';
export { buildGraph, MAX_NODES, type BuiltGraph } from './build.js';
export { localGradient, portNames, FUSED_SIGMOID_BCE } from './gates.js';
export { runPasses, composed, type InputValue } from './passes.js';
export { checkPartial, wholeFunction, worst, type GradientCheck } from './check.js';
export { extractSums, hasSums, sumDisplay, findSym, type SumTerm, type Summed } from './sums.js';
export { makeLossModel, evaluateLoss, lossDisplay, gradientDisplay, NotExact, type LossModel, type RowTable, type Column, type Num } from './loss.js';
export { descend, MAX_STEPS, MAX_WORK, EXACT_WORK, EXACT_BITS, type Descent, type StepRow } from './descend.js';

