// Is the student's answer equivalent to the expected (teacher's) answer? Symbolic first: the exact
// rational normal form of student − teacher over σ-aware canonical atoms (symbolic.ts); identically
// 0 → `correct`, method `symbolic`, once a numeric pass (ANSWER policy) has checked that the student's answer is
// defined wherever the expected one is (x + log x − log x is not x for x < 0). Otherwise numeric
// (src/numeric careful.ts, ANSWER policy): seeded points on the expected answer's domain, exact rationals, 64/128-digit
// decimals. Invariants: `incorrect` only with a counterexample confirmed exactly or at 128 digits;
// `undetermined` always says why; the same (answers, seedText) always give the same verdict. The
// counterexample SHOWN for an `incorrect` is then re-chosen in the variables' natural domains
// (natural.ts); the decision itself never depends on that choice.
import { BudgetError, checkDeadline } from '../ast/budget.js';
import { toJson } from '../ast/json.js';
import type { Expr } from '../ast/nodes.js';
import { compareNumerically, compile, hasDiff, pointStream, seedFor, type NumericOutcome } from '../numeric/index.js';
import { toText } from '../render/index.js';
import { oddDegreeInVariable, sameForm, sameTree, symbolicDifference, type SymbolicResult } from './symbolic.js';
import { answerWider, domainSentence, neverZero, showAt, undefinedWhere } from './domain.js';
import { shownCounterexample } from './natural.js';
import { decideIndexed, isIndexedPair } from './indexed.js';
import type { Counterexample, DomainDifference, Equivalence, VerifyOptions } from './types.js';

export { sameForm, sameTree, formKey } from './symbolic.js';

/** Points on which a cancelled factor's sign is looked at (can it vanish?). */
const SIGN_PROBES = 64;

/** The seed text when the caller gives none: the two trees, canonically (positions are not in them). */
export function seedTextOf(student: Expr, teacher: Expr): string {
  return JSON.stringify([toJson(teacher), toJson(student)]);
}

export async function equivalent(student: Expr, teacher: Expr, opts: VerifyOptions = {}): Promise<Equivalence> {
  // sums over an index, δ, indexed names: decided (and shown) per instantiation (indexed.ts)
  // (an instance still holding a δ of numbers or a sum it could not expand is decided as it is)
  if (!opts.form && isIndexedPair(student, teacher)) return decideIndexed(student, teacher, (s, t) => equivalentOne(s, t, opts));
  return equivalentOne(student, teacher, opts);
}

async function equivalentOne(student: Expr, teacher: Expr, opts: VerifyOptions): Promise<Equivalence> {
  const eq = await decide(student, teacher, opts);
  if (eq.verdict !== 'incorrect' || !eq.counterexample) return eq;
  // decided on wide samples; the point SHOWN comes from the variables' natural domains (natural.ts)
  const seed = seedFor(opts.seedText ?? seedTextOf(student, teacher));
  let shown: Counterexample;
  try {
    shown = await shownCounterexample(student, teacher, eq.counterexample, seed, opts, opts.problem);
  } catch {
    return eq; // the decision stands with the point it was decided at
  }
  return { ...eq, counterexample: shown, ...(shown.reason ? { reason: shown.reason } : {}) };
}

async function decide(student: Expr, teacher: Expr, opts: VerifyOptions): Promise<Equivalence> {
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
    return withDomain(symbolicCorrect(sym, num, seed, ranges, student, teacher), num, student, teacher, seed, ranges);
  }
  const num = await safely(() => compareNumerically(student, teacher, { seed, ranges }));
  return typeof num === 'string' ? { verdict: 'undetermined', method: 'numeric', reason: num } : withDomain(fromNumeric(num), num, student, teacher, seed, ranges);
}

/** A correct verdict says where it holds when the domains differ (docs/numeric.md, "Domain
 * differences"): the first difference found — a cancelled factor (symbolic), a removable
 * singularity at a sampled point, a probe point where only the expected answer is defined, or one
 * where only the student's is — as data (`domainDifference`) and as the reason. */
function withDomain(
  eq: Equivalence, num: NumericOutcome, student: Expr, teacher: Expr, seed: number, ranges: VerifyOptions['ranges'],
): Equivalence {
  if (eq.verdict !== 'correct' || eq.domainDifference) return eq;
  let d: DomainDifference | undefined;
  if (num.domain) d = { where: showAt(num.domain.point), undefinedIn: 'answer', point: num.domain.point };
  if (!d && num.removable > 0) {
    d = { where: `${num.removable} sampled point${num.removable > 1 ? 's' : ''}`, undefinedIn: 'answer', removable: true };
  }
  if (!d) d = answerWider(student, teacher, num.vars, seed, ranges);
  if (!d) return eq;
  return { ...eq, domainDifference: d, reason: domainSentence(d), ...(num.domain ? { domain: num.domain } : {}) };
}

/** A failed check is data: an exception inside the numeric pass (a malformed range, an internal
 * fault) becomes an `undetermined` with its message rather than a rejected promise. */
async function safely(run: () => Promise<NumericOutcome>): Promise<NumericOutcome | string> {
  try {
    checkDeadline('numeric check');
    return await run();
  } catch (err) {
    // the request's budget running out is the request's answer (TIME_LIMIT), not a verdict
    if (err instanceof BudgetError) throw err;
    return `the numeric check failed: ${(err as Error).message}`;
  }
}

function fromNumeric(num: NumericOutcome): Equivalence {
  const base = { method: 'numeric' as const, points: num.points };
  if (num.verdict === 'incorrect') return { ...base, verdict: 'incorrect', reason: num.reason, counterexample: num.counterexample };
  if (num.verdict === 'undetermined') return { ...base, verdict: 'undetermined', reason: num.reason };
  return { ...base, verdict: 'correct' }; // a domain difference is withDomain's to say
}

/** A symbolic `correct`: the cancelled factors that can vanish on the real domain AND where one
 * answer is defined and the other is not. A factor both answers are undefined at ((y − ŷ)/(y(1 − y))
 * written two ways) is no difference: a simply correct answer gets no remark (issue 11 item 5). */
function symbolicCorrect(
  sym: SymbolicResult, num: NumericOutcome, seed: number, ranges: VerifyOptions['ranges'], student: Expr, teacher: Expr,
): Equivalence {
  const kept: { i: number; side: 'answer' | 'expected'; removable: boolean }[] = [];
  sym.conditions.forEach((_, i) => {
    if (!canVanish(sym.conditions[i]!, sym, i, num, seed, ranges)) return;
    const p = sym.cancelled[i];
    const s = p === undefined ? undefined : undefinedWhere(student, p, sym.atoms);
    const t = p === undefined ? undefined : undefinedWhere(teacher, p, sym.atoms);
    if (s === undefined || t === undefined) {
      // cannot tell whose: the cautious old reading (the side that cancelled it is 0/0 there)
      kept.push({ i, side: sym.inTeacher[i] && !sym.inStudent[i] ? 'expected' : 'answer', removable: true });
    } else if (s !== t) {
      kept.push({ i, side: s ? 'answer' : 'expected', removable: s ? sym.inStudent[i]! : sym.inTeacher[i]! });
    }
  });
  if (kept.length === 0) return { verdict: 'correct', method: 'symbolic', points: num.points };
  const side = kept.some((k) => k.side === 'answer') ? 'answer' : 'expected';
  const mine = kept.filter((k) => k.side === side);
  const conditions = kept.map((k) => sym.conditions[k.i]!);
  const where = mine.map((k) => `${toText(sym.conditions[k.i]!)} = 0`).join(' or ');
  const d: DomainDifference = { where, undefinedIn: side, ...(mine.every((k) => k.removable) ? { removable: true } : {}) };
  const guard = conditions.map((c) => `${toText(c)} ≠ 0`).join(' and ');
  return { verdict: 'correct', method: 'symbolic', points: num.points, conditions, domainDifference: d, reason: `${domainSentence(d)} (equal wherever ${guard})` };
}

/** Can the cancelled factor vanish at real points? Odd degree in a variable: yes (a real root for
 * fixed other values). Otherwise: a sign change or a zero among sampled points (a heuristic:
 * x² + 1 and 1 + e^z never change sign, x − 1, s and 1 − s do). */
function canVanish(c: Expr, sym: SymbolicResult, i: number, num: NumericOutcome, seed: number, ranges: VerifyOptions['ranges']): boolean {
  const p = sym.cancelled[i];
  if (p !== undefined && oddDegreeInVariable(p, sym.atoms)) return true;
  if (p !== undefined && neverZero(p, sym.atoms)) return false;
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
