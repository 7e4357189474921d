// Computational graphs, the public surface: build a graph from a program at a granularity
// (build.ts), run the forward and backward passes (passes.ts), check the gradients against
// finite differences of the whole function (check.ts); losses over data with Σ_i (sums.ts,
// data.ts, loss.ts) and gradient descent (descend.ts). `parseWithSums` is the one parser entry
// for text that may hold sums: every position it reports is in the user's own text.
import { ChainruleError } from '../errors.js';
import { parseAsync, type ParseOptions, type Parsed } from '../parse/index.js';
import { rewriteSums, spanIn, type Rewritten } from './sums.js';
import type { Expr } from '../ast/nodes.js';
import type { Span } from '../ast/spans.js';

export * from './types.js';
export { buildGraph, MAX_NODES, type BuiltGraph } from './build.js';
export { localGradient, portNames, FUSED_SIGMOID_BCE } from './gates.js';
export { runPasses, composed, type InputValue } from './passes.js';
export { checkPartial, wholeFunction, worst, type GradientCheck } from './check.js';
export { rewriteSums, extractSums, hasSums, sumDisplay, sumLatex, sumUnicode, findSym, type SumTerm, type Summed, type Rewritten } from './sums.js';
export { readInlineData, readCsv, readJsonData, MAX_ROWS, type Data } from './data.js';
export { makeLossModel, evaluateLoss, lossDisplay, gradientDisplay, NotExact, type LossModel, type RowTable, type Column, type Num } from './loss.js';
export { descend, MAX_STEPS, MAX_WORK, EXACT_WORK, EXACT_BITS, type Descent, type StepRow } from './descend.js';

export interface ParsedWithSums {
  readonly parsed: Parsed;
  readonly rewritten: Rewritten;
  /** a parsed node's span in the user's text */
  readonly spanOf: (node: Expr) => Span | undefined;
}

/** Parse text that may use Σ_i / sum_i(…) (see sums.ts); errors point into the original text. */
export async function parseWithSums(text: string, opts: ParseOptions = {}): Promise<ParsedWithSums> {
  const rewritten = rewriteSums(text);
  let parsed: Parsed;
  try {
    parsed = await parseAsync(rewritten.text, opts);
  } catch (e) {
    if (!(e instanceof ChainruleError) || !e.span || rewritten.text === text) throw e;
    const start = rewritten.back(e.span.start);
    throw new ChainruleError(e.code, e.message, { start, end: Math.max(start + (e.span.end > e.span.start ? 1 : 0), rewritten.back(Math.max(e.span.start, e.span.end - 1)) + 1) });
  }
  return { parsed, rewritten, spanOf: spanIn(parsed, rewritten) };
}
