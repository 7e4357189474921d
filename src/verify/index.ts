// Verifying a student's answer: the expected answer (given, or derived from the problem), the
// equivalence decision (symbolic first, then careful numerics: equivalence.ts), the diagnosis of
// an incorrect answer (diagnose.ts), "correct but not simplified" when asked, and line-by-line
// checking of worked solutions (lines.ts). A wrong answer is a verdict, never an exception.
import type { Expr } from '../ast/nodes.js';
import { derive } from '../derive/derive.js';
import { measure, simplify } from '../simplify/simplify.js';
import { diagnose } from './diagnose.js';
import { equivalent } from './equivalence.js';
import { checkLines, type LinesResult } from './lines.js';
import type { Equivalence, Finding, VerifyOptions } from './types.js';

export type { DomainDifference, Equivalence, Finding, VerifyOptions } from './types.js';
export { equivalent } from './equivalence.js';

export interface Problem {
  readonly expr: Expr;
  readonly wrt: string;
}

export interface VerifyInput {
  readonly problem?: Problem;
  readonly expected?: Expr;
  readonly answer?: Expr;
  readonly lines?: readonly Expr[];
  readonly opts?: VerifyOptions;
}

export interface VerifyResult {
  readonly expected: Expr;
  readonly equivalence?: Equivalence;
  readonly diagnosis: readonly Finding[];
  readonly lines?: LinesResult;
}

export async function verify(input: VerifyInput): Promise<VerifyResult> {
  const { problem, opts = {} } = input;
  const expected = input.expected ?? (problem ? derive(problem.expr, problem.wrt).result : undefined);
  if (!expected) throw new Error('verify: a problem or an expected answer is required');
  const ctx = { ...(problem ? { problem: problem.expr, wrt: problem.wrt } : {}), opts };
  let equivalence: Equivalence | undefined;
  const diagnosis: Finding[] = [];
  if (input.answer) {
    equivalence = await equivalent(input.answer, expected, problem ? { ...opts, problem: problem.expr } : opts);
    const cx = equivalence.counterexample;
    // findings are confirmed in doubles: when the doubles cannot see the difference (both 0 below
    // 10⁻³⁰⁸: e⁻¹⁰⁰⁰·cos x against e⁻¹⁰⁰⁰·sin x) they would confirm anything ("wrong sign")
    if (equivalence.verdict === 'incorrect' && !(cx && cx.student === cx.expected)) {
      diagnosis.push(...diagnose(input.answer, expected, { ...ctx, verdict: 'incorrect' }));
    } else if (equivalence.verdict === 'correct') {
      // a simply correct answer gets no remark; one that differs in domain says where (domain.ts)
      if (equivalence.domainDifference) {
        diagnosis.push({ id: 'domain-difference', message: `Your answer is ${equivalence.reason ?? ''}.`, latex: '\\text{correct where both are defined}' });
      }
      if (opts.requireSimplified && measure(input.answer) > measure(simplify(expected).result)) {
        diagnosis.push(...diagnose(input.answer, expected, { ...ctx, verdict: 'correct' }).filter((f) => f.id === 'not-simplified'));
        if (!diagnosis.some((f) => f.id === 'not-simplified')) {
          diagnosis.push({ id: 'not-simplified', message: 'Your answer is correct but not simplified.', latex: '\\text{correct, not simplified}' });
        }
      }
    }
  }
  const lines = input.lines?.length ? await checkLines(input.lines, { ...ctx, equivalent }) : undefined;
  return { expected, ...(equivalence ? { equivalence } : {}), diagnosis, ...(lines ? { lines } : {}) };
}
