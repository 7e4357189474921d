// Is the student's answer equivalent to the expected (teacher's) answer? Symbolic first: the exact
// rational normal form of student − teacher over σ-aware canonical atoms (symbolic.ts); identically
// 0 → `correct`, method `symbolic`, once a numeric pass (ANSWER policy) has checked that the student's answer is
// defined wherever the expected one is (x + log x − log x is not x for x < 0). Otherwise numeric
// (src/numeric careful.ts, ANSWER policy): seeded points on the expected answer's domain, exact rationals, 64/128-digit
// decimals. Invariants: `incorrect` only with a counterexample confirmed exactly or at 128 digits;
// `undetermined` always says why; the same (answers, seedText) always give the same verdict.
import { toJson } from '../ast/json.js';
import type { Expr } from '../ast/nodes.js';
import { compareNumerically, compile, hasDiff, pointStream, seedFor, type NumericOutcome } from '../numeric/index.js';
import { toText } from '../render/index.js';
import { oddDegreeInVariable, sameForm, sameTree, symbolicDifference, type SymbolicResult } from './symbolic.js';
import type { Equivalence, VerifyOptions } from './types.js';

export { sameForm, sameTree, formKey } from './symbolic.js';

/** Points on which a cancelled factor's sign is looked at (can it vanish?). */
const SIGN_PROBES = 64;

/** The seed text when the caller gives none: the two trees, canonically (positions are not in them). */
export function seedTextOf(student: Expr, teacher: Expr): string {
  return JSON.stringify([toJson(teacher), toJson(student)]);
}

export async function equivalent(student: Expr, teacher: Expr, opts: VerifyOptions = {}): Promise<Equivalence> {
  if (opts.form) return formVerdict(student, teacher, opts.form);
  if (hasDiff(student) || hasDiff(teacher)) {
    return { verdict: 'undetermined', method: 'symbolic', reason: 'an answer holds an unevaluated derivative d/dx(…); derive it first' };
  }
  const seed = seedFor(opts.seedText ?? seedTextOf(student, teacher));
  const ranges = opts.ranges;
  let sym: SymbolicResult | undefined;
  try {
    sym = symbolicDifference(student, teacher);
  } catch {
    sym = undefined; // the symbolic route cannot decide: numeric below
  }
  if (sym?.zero) {
    const num = await safely(() => compareNumerically(student, teacher, { seed, ranges, valuesProven: true }));
    if (typeof num === 'string') return { verdict: 'undetermined', method: 'symbolic', reason: num };
    if (num.verdict === 'incorrect') return fromNumeric(num);
    if (num.valid.length === 0) {
      return {
        verdict: 'undetermined',
        method: 'symbolic',
        reason: `the answers are equal as formulas, but the expected answer has no real value at any sampled point (${num.reason ?? 'no point'})`,
      };
    }
    return withDomain(symbolicCorrect(sym, num, seed, ranges), num);
  }
  const num = await safely(() => compareNumerically(student, teacher, { seed, ranges }));
  return typeof num === 'string' ? { verdict: 'undetermined', method: 'numeric', reason: num } : withDomain(fromNumeric(num), num);
}

/** A correct verdict with a domain difference found by a probe: "equal where both are defined". */
function withDomain(eq: Equivalence, num: NumericOutcome): Equivalence {
  if (eq.verdict !== 'correct' || !num.domain) return eq;
  const note = `equal only where both are defined: ${num.domain.reason ?? 'your answer is undefined at a point where the expected answer is defined'}`;
  return { ...eq, domain: num.domain, reason: eq.reason ? `${eq.reason}; ${note}` : note };
}

/** A failed check is data: an exception inside the numeric pass (a malformed range, an internal
 * fault) becomes an `undetermined` with its message rather than a rejected promise. */
async function safely(run: () => Promise<NumericOutcome>): Promise<NumericOutcome | string> {
  try {
    return await run();
  } catch (err) {
    return `the numeric check failed: ${(err as Error).message}`;
  }
}

function fromNumeric(num: NumericOutcome): Equivalence {
  const base = { method: 'numeric' as const, points: num.points };
  if (num.verdict === 'incorrect') return { ...base, verdict: 'incorrect', reason: num.reason, counterexample: num.counterexample };
  if (num.verdict === 'undetermined') return { ...base, verdict: 'undetermined', reason: num.reason };
  const note =
    num.removable > 0
      ? `your answer is undefined at ${num.removable} sampled point${num.removable > 1 ? 's' : ''} where the expected answer is defined, each a removable singularity (0/0); it agrees everywhere else`
      : undefined;
  return note ? { ...base, verdict: 'correct', reason: note } : { ...base, verdict: 'correct' };
}

/** A symbolic `correct`: keep the cancelled factors that can vanish on the real domain, and say
 * where one of the answers is 0/0 (a removable singularity). */
function symbolicCorrect(
  sym: SymbolicResult, num: NumericOutcome, seed: number, ranges: VerifyOptions['ranges'],
): Equivalence {
  const kept: number[] = [];
  sym.conditions.forEach((c, i) => {
    if (canVanish(c, sym, i, num, seed, ranges)) kept.push(i);
  });
  const conditions = kept.map((i) => sym.conditions[i]!);
  if (conditions.length === 0) return { verdict: 'correct', method: 'symbolic', points: num.points };
  const where = conditions.map((c) => `${toText(c)} = 0`).join(' or ');
  const whose = kept.some((i) => sym.inStudent[i]) ? 'your answer' : kept.some((i) => sym.inTeacher[i]) ? 'the expected answer' : 'one of the answers';
  return {
    verdict: 'correct',
    method: 'symbolic',
    points: num.points,
    conditions,
    reason: `equal wherever ${conditions.map((c) => `${toText(c)} ≠ 0`).join(' and ')}; where ${where}, ${whose} is 0/0 (a removable singularity)`,
  };
}

/** Can the cancelled factor vanish at real points? Odd degree in a variable: yes (a real root for
 * fixed other values). Otherwise: a sign change or a zero among sampled points (a heuristic:
 * x² + 1 and 1 + e^z never change sign, x − 1, s and 1 − s do). */
function canVanish(c: Expr, sym: SymbolicResult, i: number, num: NumericOutcome, seed: number, ranges: VerifyOptions['ranges']): boolean {
  const p = sym.cancelled[i];
  if (p !== undefined && oddDegreeInVariable(p, sym.atoms)) return true;
  let f;
  try {
    f = compile(c, num.vars);
  } catch {
    return true; // cannot tell: say so
  }
  const next = pointStream(num.vars, ranges, seed ^ 0x2545f491);
  let pos = false;
  let negative = false;
  const points = [...num.valid, ...Array.from({ length: SIGN_PROBES }, next)];
  for (const v of points) {
    const y = f(v);
    if (y === 0) return true;
    if (y > 0) pos = true;
    if (y < 0) negative = true;
    if (pos && negative) return true;
  }
  return false;
}

function formVerdict(student: Expr, teacher: Expr, form: 'equal-comm-assoc' | 'identical'): Equivalence {
  const same = form === 'identical' ? sameTree(student, teacher) : sameForm(student, teacher);
  if (same) return { verdict: 'correct', method: 'symbolic' };
  const what = form === 'identical' ? 'the same expression, written the same way' : 'the same expression up to the order of terms and factors';
  return { verdict: 'incorrect', method: 'symbolic', reason: `the answer must be ${what}: ${toText(student)} is not written as ${toText(teacher)}` };
}
