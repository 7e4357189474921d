// The ANSWER policy's comparison (careful answer checks, src/verify): numeric equivalence of a
// student's answer and the expected (teacher's) answer, as the issue asks: real values on the
// expected answer's natural domain ∩ the declared ranges; WANTED seeded random points (sample.ts
// ANSWER), at least MIN_VALID of them valid, plus the first valid point scaled by
// 100 and by 1/100; each point classified by careful-point.ts (exact rationals, doubles, decimals);
// then, for power towers, a lattice probe (a domain difference there is a note, `domain`), and
// far/tiny and kink probes (probes.ts) that can only add a counterexample; the first
// CONFIRMED_POINTS valid points and the scaled ones are confirmed at 128 digits even when the
// doubles agree (docs/numeric.md, "The answer-checking policy"). Budgets are policy.ts ANSWER_CHECK. Invariants: NaN or ±∞ is never agreement; fewer than
// MIN_VALID valid points is `undetermined` with the reason, never a silent accept; the first
// rejection in the seeded order is the one reported; deterministic for a given seed.
import type { Expr } from '../ast/nodes.js';
import { children } from '../ast/traverse.js';
import { agreeFloat, classify, precise, type Counterexample, type PointResult, type Side } from './careful-point.js';
import { compile } from './compile.js';
import { farPoints, kinkPoints } from './probes.js';
import { ANSWER_CHECK } from './policy.js';
import { inRanges, latticePoints, pointStream, type Range } from './sample.js';
import { CONFIRMED_POINTS, DEEPER_POINTS } from './tolerance.js';

export { ATOL, RTOL, type Counterexample } from './careful-point.js';

/** The ANSWER budgets (policy.ts ANSWER_CHECK), by their old names. */
export const WANTED = ANSWER_CHECK.wanted;
export const MIN_VALID = ANSWER_CHECK.minValid;
export const MAX_CANDIDATES = ANSWER_CHECK.maxCandidates;
export const SCALES = ANSWER_CHECK.scales;
const LATTICE_RECHECKS = ANSWER_CHECK.latticeRechecks;
const PROBE_CONFIRMATIONS = ANSWER_CHECK.probeConfirmations;

export interface NumericOptions {
  readonly seed: number;
  readonly ranges?: Readonly<Record<string, Range>>;
  /** the values are already proven equal (symbolic route): only the domains are examined */
  readonly valuesProven?: boolean;
}

export interface NumericOutcome {
  readonly verdict: 'correct' | 'incorrect' | 'undetermined';
  readonly reason?: string;
  readonly counterexample?: Counterexample;
  /** points compared: valid random points + scaled points */
  readonly points: number;
  /** student-undefined points skipped as removable singularities */
  readonly removable: number;
  /** a probe point where the expected answer is defined and the student's is not (and not a
   * removable singularity), while the answers agree wherever both are defined: a domain difference
   * on a set the random points miss (a^b against exp(b·log a) at a < 0, b an integer) */
  readonly domain?: Counterexample;
  /** the valid random points, in the variables' order */
  readonly valid: readonly Float64Array[];
  readonly vars: readonly string[];
}

/** The free symbols of the answers, sorted (answers hold no d/dv: equivalence.ts refuses them). */
function freeVariables(es: readonly Expr[]): string[] {
  const names = new Set<string>();
  const stack = [...es];
  while (stack.length) {
    const e = stack.pop()!;
    if (e.kind === 'sym') names.add(e.name);
    stack.push(...children(e));
  }
  return [...names].sort();
}

/** Does a power have an exponent that depends on a variable (a^b, (n+1)^(1/(n+1)))? */
export function hasVariablePower(e: Expr): boolean {
  const stack = [e];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.kind === 'pow' && freeVariables([x.exp]).length > 0) return true;
    stack.push(...children(x));
  }
  return false;
}

export async function compareNumerically(student: Expr, teacher: Expr, opts: NumericOptions): Promise<NumericOutcome> {
  const vars = freeVariables([student, teacher]);
  const S: Side = { e: student, f: compile(student, vars), vars };
  const T: Side = { e: teacher, f: compile(teacher, vars), vars };
  const proven = opts.valuesProven ?? false;
  let removable = 0;
  const skips = { unstable: 0, overflow: 0 };
  const tally = (r: PointResult) => {
    if (r.kind !== 'skip') return;
    if (r.why === 'removable') removable++;
    else skips[r.why]++;
  };
  const done = (o: Omit<NumericOutcome, 'vars' | 'removable'>): NumericOutcome => ({ ...o, vars, removable });
  const rejected = (cx: Counterexample, points: number, valid: Float64Array[]) =>
    done({ verdict: 'incorrect', counterexample: cx, reason: cx.reason, points, valid });

  if (vars.length === 0) {
    const only = new Float64Array(0);
    const r = await classify(S, T, only, { proven, confirm: true, seed: opts.seed });
    if (r.kind === 'reject') return rejected(r.cx, 1, []);
    if (r.kind === 'agree') return done({ verdict: 'correct', points: 1, valid: [only] });
    const why = r.kind === 'outside' ? 'the expected answer is undefined' : r.why === 'removable' ? 'your answer is undefined' : `the values cannot be compared (${r.why})`;
    return done({ verdict: 'undetermined', reason: why, points: 0, valid: [] });
  }

  const next = pointStream(vars, opts.ranges, opts.seed);
  const valid: Float64Array[] = [];
  let drawn = 0;
  while (valid.length < WANTED && drawn < MAX_CANDIDATES) {
    // the points allowed past 128 digits are spent (careful-point.ts precise): with enough valid
    // points, further candidates would only be skipped at ~ms each (800 of them: seconds)
    if (valid.length >= MIN_VALID && (S.deeper ?? 0) > DEEPER_POINTS) break;
    const v = next();
    drawn++;
    const r = await classify(S, T, v, { proven, confirm: valid.length < CONFIRMED_POINTS, seed: opts.seed });
    if (r.kind === 'reject') return rejected(r.cx, valid.length, valid);
    if (r.kind === 'agree') valid.push(v);
    tally(r);
  }
  if (valid.length < MIN_VALID) {
    const declared = opts.ranges && Object.keys(opts.ranges).length > 0;
    const where = declared ? "the expected answer's domain and the declared ranges" : "the expected answer's domain";
    const extra = [
      skips.unstable ? `${skips.unstable} where even 128 digits could not settle the values` : '',
      skips.overflow ? `${skips.overflow} where the values are out of range` : '',
      removable ? `${removable} removable singularities of your answer` : '',
    ].filter(Boolean);
    const skipped = extra.length ? `; skipped: ${extra.join(', ')}` : '';
    return done({
      verdict: 'undetermined',
      reason: `only ${valid.length} of the ${MIN_VALID} points needed could be compared inside ${where} (${drawn} candidates drawn${skipped})`,
      points: valid.length,
      valid,
    });
  }

  let points = valid.length;
  for (const factor of SCALES) {
    for (const base of valid) {
      const q = base.map((x) => x * factor);
      if (!inRanges(vars, q, opts.ranges)) continue;
      const r = await classify(S, T, q, { proven, confirm: true, seed: opts.seed });
      tally(r);
      if (r.kind === 'reject') return rejected(r.cx, points, valid);
      if (r.kind === 'agree') {
        points++;
        break;
      }
    }
  }

  let domain: Counterexample | undefined;
  if (hasVariablePower(student) || hasVariablePower(teacher)) {
    const found = await latticeProbe(S, T, vars, opts, proven);
    if (found.cx) return rejected(found.cx, points, valid);
    domain = found.domain;
  }
  // far magnitudes and both sides of every kink: probes that can only add a counterexample
  let confirmations = 0;
  for (const q of [...farPoints(valid, vars.length), ...kinkPoints([student, teacher], vars, valid)]) {
    if (!inRanges(vars, q, opts.ranges)) continue;
    // an inexact double agreement is confirmed at 128 digits, PROBE_CONFIRMATIONS times at most
    // (each costs ~ms): the cost of a check stays bounded whatever the answer
    const inexact = S.f(q) !== T.f(q);
    const confirm = inexact && confirmations++ < PROBE_CONFIRMATIONS ? 'inexact' : false;
    const r = await classify(S, T, q, { proven, confirm, seed: opts.seed });
    if (r.kind === 'reject') return rejected(r.cx, points, valid);
  }
  return done({ verdict: 'correct', points, valid, ...(domain ? { domain } : {}) });
}

/** Power towers on the lattice of integers and halves (sample.ts latticePoints): a difference at a
 * point where both answers are defined, confirmed at 64 and 128 digits, counts; so does a point
 * where the expected answer is defined and the student's is not, not even nearby, is kept as a
 * domain difference (a^b against exp(b·log a) at a = −2, b = 2): the verdict then says "equal where
 * both are defined", not a plain correct. */
async function latticeProbe(
  S: Side, T: Side, vars: readonly string[], opts: NumericOptions, proven: boolean,
): Promise<{ cx?: Counterexample; domain?: Counterexample }> {
  let rechecks = 0;
  let domain: Counterexample | undefined;
  for (const q of latticePoints(vars.length, opts.seed)) {
    if (!inRanges(vars, q, opts.ranges)) continue;
    const t = T.f(q);
    const s = S.f(q);
    if (!Number.isFinite(t)) continue;
    if (Number.isNaN(s)) {
      if (domain || rechecks++ >= LATTICE_RECHECKS) continue;
      const r = await classify(S, T, q, { proven, seed: opts.seed });
      if (r.kind === 'reject') {
        if (Number.isNaN(r.cx.student)) domain = r.cx;
        else return { cx: r.cx };
      }
      continue;
    }
    if (proven || !Number.isFinite(s) || agreeFloat(S, T, s, t, q)) continue;
    if (rechecks++ >= LATTICE_RECHECKS) break;
    const r = await precise(S, T, q, 'probe');
    if (r.kind === 'reject') return { cx: r.cx };
  }
  return domain ? { domain } : {};
}
