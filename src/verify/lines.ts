// Line-by-line checking of a student's derivation: line 1 must follow from d/d(wrt)(problem) when a
// problem is given, and every later line from the one before it — equivalent, or a correct
// differentiation step (a line may hold d/dv(…) nodes: each is replaced by its derivative before
// the comparison, or, when the engine cannot take it, compared numerically by src/check, which
// evaluates d/dv nodes by Ridders' method). The first line that does not follow is diagnosed
// against the line before it (src/verify/diagnose.ts), with the chain factors of that line's d/dv
// arguments and of the problem as candidates.
// Invariants: every line gets a verdict of its step (never an exception for a wrong line);
// deterministic; a step that cannot be decided is 'undetermined', never silently accepted.
import { BudgetError } from '../ast/budget.js';
import { diff } from '../ast/build.js';
import type { Expr } from '../ast/nodes.js';
import { checkEquivalent, hasDiff } from '../check/index.js';
import { diagnose, type Source } from './diagnose.js';
import { expandDiffs, nodes } from './diagnose-parts.js';
import type { Counterexample, Equivalence, Finding, VerdictKind, VerifyOptions } from './types.js';

/** The signature of src/verify/equivalence.ts `equivalent` (symbolic first, careful numeric). */
export type EquivalenceFn = (student: Expr, teacher: Expr, opts?: VerifyOptions) => Promise<Equivalence>;

export interface LinesContext {
  /** the expression to differentiate; line 1 must follow from d/d(wrt) of it */
  readonly problem?: Expr;
  readonly wrt?: string;
  readonly opts?: VerifyOptions;
  /** the equivalence decision; src/verify/index.ts passes src/verify/equivalence.ts `equivalent`
   * (ANSWER policy); without one, `numericEquivalent` (STEP policy, src/check) decides */
  readonly equivalent?: EquivalenceFn;
}

export interface LineVerdict {
  /** index into the lines (0-based) */
  readonly line: number;
  /** does this line follow from what it is checked against? ('correct' = it does) */
  readonly verdict: VerdictKind;
  /** checked against d/d(wrt)(problem), the previous line, or nothing (line 1 without a problem) */
  readonly against: 'problem' | 'previous' | 'given';
  readonly method?: 'symbolic' | 'numeric';
  readonly reason?: string;
  readonly counterexample?: Counterexample;
}

export interface LinesResult {
  /** every line follows from the one before (and line 1 from the problem) */
  readonly ok: boolean;
  /** the first line (0-based) that does not follow (incorrect or undetermined) */
  readonly firstBad?: number;
  /** lines that follow from the line before them; those after firstBad follow from a wrong line,
   * so they carry its error along (correct algebra on a wrong start) */
  readonly fine: number[];
  /** the diagnosis of the first bad line (empty when it is undetermined or nothing is confirmed) */
  readonly findings: Finding[];
  readonly verdicts: LineVerdict[];
}

/** Check each line of a derivation against the one before it. */
export async function checkLines(lines: readonly Expr[], ctx: LinesContext = {}): Promise<LinesResult> {
  const equivalent = ctx.equivalent ?? numericEquivalent;
  const opts = ctx.opts ?? {};
  const start = ctx.problem && ctx.wrt ? diff(ctx.problem, ctx.wrt) : undefined;
  const verdicts: LineVerdict[] = [];
  for (let i = 0; i < lines.length; i++) {
    const prev = i === 0 ? start : lines[i - 1]!;
    if (!prev) {
      verdicts.push({ line: 0, verdict: 'correct', against: 'given' });
      continue;
    }
    const v = await follows(lines[i]!, prev, equivalent, opts);
    verdicts.push({ line: i, against: i === 0 ? 'problem' : 'previous', ...v });
  }
  const bad = verdicts.find((v) => v.verdict !== 'correct');
  const fine = verdicts.filter((v) => v.verdict === 'correct').map((v) => v.line);
  if (!bad) return { ok: true, fine, findings: [], verdicts };
  const findings = bad.verdict === 'incorrect' ? diagnoseLine(lines[bad.line]!, bad.line === 0 ? start! : lines[bad.line - 1]!, ctx) : [];
  return { ok: false, firstBad: bad.line, fine, findings, verdicts };
}

type StepVerdict = Omit<LineVerdict, 'line' | 'against'>;

/** Does `line` follow from `prev`? Derivative nodes are taken first, so that the equivalence
 * decision sees plain expressions; if one cannot be taken, both trees go to the numeric check. */
async function follows(line: Expr, prev: Expr, equivalent: EquivalenceFn, opts: VerifyOptions): Promise<StepVerdict> {
  const a = expandDiffs(line);
  const b = expandDiffs(prev);
  if (a && b) {
    let e: Equivalence;
    try {
      e = await equivalent(a, b, opts);
    } catch (err) {
      if (err instanceof BudgetError) throw err; // TIME_LIMIT is the request's answer, not a verdict
      return { verdict: 'undetermined', reason: `the equivalence check failed: ${(err as Error).message}` };
    }
    return {
      verdict: e.verdict,
      method: e.method,
      ...(e.reason ? { reason: e.reason } : {}),
      ...(e.counterexample ? { counterexample: e.counterexample } : {}),
    };
  }
  return fromCheck(line, prev, opts);
}

/** The diagnosis of a line that does not follow from `prev`: the chain factors of the derivative
 * nodes `prev` still holds are the likeliest culprits, then those of the problem. */
function diagnoseLine(line: Expr, prev: Expr, ctx: LinesContext): Finding[] {
  const expected = expandDiffs(prev) ?? prev;
  const student = expandDiffs(line) ?? line;
  const sources: Source[] = [];
  if (hasDiff(prev)) {
    for (const n of nodes(prev)) if (n.kind === 'diff' && !hasDiff(n.arg)) sources.push({ problem: n.arg, wrt: n.wrt });
  }
  return diagnose(student, expected, {
    verdict: 'incorrect',
    sources,
    ...(ctx.problem && ctx.wrt ? { problem: ctx.problem, wrt: ctx.wrt } : {}),
    ...(ctx.opts ? { opts: ctx.opts } : {}),
  });
}

/** Numeric verdict of src/check, as a step verdict. */
function fromCheck(a: Expr, b: Expr, opts: VerifyOptions): StepVerdict {
  const v = checkEquivalent(a, b, opts.ranges ? { ranges: opts.ranges } : {});
  if (v.status === 'verified') return { verdict: 'correct', method: 'numeric' };
  if (v.status === 'refuted') {
    return { verdict: 'incorrect', method: 'numeric', counterexample: { point: v.point, student: v.left, expected: v.right } };
  }
  return { verdict: 'undetermined', method: 'numeric', reason: v.reason };
}

/** The STEP-policy equivalence (src/check's seeded comparison over src/numeric: EXACT tolerance,
 * NaN never agrees, too few points → undetermined), in the signature of `equivalent`. */
export async function numericEquivalent(student: Expr, teacher: Expr, opts: VerifyOptions = {}): Promise<Equivalence> {
  const v = fromCheck(student, teacher, opts);
  return {
    verdict: v.verdict,
    method: 'numeric',
    ...(v.reason ? { reason: v.reason } : {}),
    ...(v.counterexample ? { counterexample: v.counterexample } : {}),
  };
}
