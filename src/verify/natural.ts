// The counterexample a student is SHOWN (issue 11 item 5): the equivalence decision samples widely
// (soundness first, equivalence.ts), then this module looks for a point where the answers differ
// inside every variable's natural domain — labels in {0, 1} or [0, 1], probabilities in (0, 1),
// other values |v| ≤ 3 — written with one or two digits, so the point shown is exactly the point
// checked. Values are shown to 4 significant digits (more only when 4 would print them equal).
// When none is found there, the wide point is shown rounded to 3 digits if it is still a
// counterexample at the rounded values, and the reason says the answers agree at the natural
// points tried. The rule for roles is written in docs/numeric.md ("The counterexample shown").
import type { Expr } from '../ast/nodes.js';
import { forEachNode } from '../ast/traverse.js';
import { lookupFunction } from '../functions/index.js';
import { classify, type Side } from '../numeric/careful-point.js';
import { compile, inferRanges, inRanges, mulberry32 } from '../numeric/index.js';
import type { Counterexample, VerifyOptions } from './types.js';

export type Role = 'label' | 'probability' | 'input';

/** Where each role's values lie (closed for labels, open for probabilities). */
export const NATURAL: Readonly<Record<Role, { readonly lo: number; readonly hi: number; readonly open: boolean }>> = Object.freeze({
  label: { lo: 0, hi: 1, open: false },
  probability: { lo: 0, hi: 1, open: true },
  input: { lo: -3, hi: 3, open: false },
});

/** The values tried, most telling first: a label is 0 or 1 before anything between. */
const VALUES: Readonly<Record<Role, readonly number[]>> = Object.freeze({
  label: [1, 0, 0.5, 0.25, 0.75],
  probability: [0.3, 0.8, 0.6, 0.2, 0.9, 0.4, 0.7, 0.1],
  input: [0.5, 2, -1.5, 1, -0.5, 2.5, -2, 1.5, -1, 3, 0.2, -3, -2.5, 0.3],
});

/** Natural points tried before the wide point is shown instead. */
const TRIES = 40;

/** Names a label goes by in the notes: ŷ (y_hat, ŷᵢ), t, tᵢ, label, target. */
const LABEL_NAME = /^(y_hat(_\w+)?|t(_\w+)?|label|target)$/;

function isIn(role: Role, v: number): boolean {
  const r = NATURAL[role];
  return r.open ? v > r.lo && v < r.hi : v >= r.lo && v <= r.hi;
}

/** Is `point` inside every variable's natural domain? */
export function inNaturalDomain(point: Readonly<Record<string, number>>, roles: Readonly<Record<string, Role>>): boolean {
  return Object.entries(point).every(([k, v]) => isIn(roles[k] ?? 'input', v));
}

/**
 * The role of each variable, from how it is used (docs/numeric.md): (1) the label argument of a
 * loss (BCE, MSE: spec `loss` roles), or a label's name when it is not a loss's prediction → label;
 * `y` is a label when no ŷ is around (G2, G4: BCE(σ(z), y)); (2) a symbol the sampler would keep
 * inside (0, 1) (BCE's prediction, s in log(1 − s)), one written as 1 − s, or `y` beside ŷ (the
 * notes' BCE(y, ŷ)) → probability; (3) anything else → input.
 */
export function naturalRoles(exprs: readonly Expr[], vars: readonly string[]): Record<string, Role> {
  const labels = new Set<string>();
  const predictions = new Set<string>();
  const oneMinus = new Set<string>();
  forEachNode(exprs, (e) => {
    if (e.kind === 'call') {
      const loss = lookupFunction(e.fn)?.loss;
      const t = loss && e.args[loss.label];
      const p = loss && e.args[loss.prediction];
      if (t?.kind === 'sym') labels.add(t.name);
      if (p?.kind === 'sym') predictions.add(p.name);
    }
    if (e.kind === 'add' && e.terms.length === 2) {
      const [a, b] = e.terms as [Expr, Expr];
      const one = (x: Expr) => x.kind === 'num' && x.n === 1n && x.d === 1n;
      const negSym = (x: Expr) => (x.kind === 'neg' && x.arg.kind === 'sym' ? x.arg.name : undefined);
      const s = one(a) ? negSym(b) : one(b) ? negSym(a) : undefined;
      if (s) oneMinus.add(s);
    }
  });
  const inferred = inferRanges(exprs);
  const hasHat = vars.some((v) => v.startsWith('y_hat'));
  const out: Record<string, Role> = {};
  for (const v of vars) {
    const r = inferred[v];
    const unit = r !== undefined && !r.signed && r.lo >= 0 && r.hi <= 1;
    if (labels.has(v) || (LABEL_NAME.test(v) && !predictions.has(v)) || (v === 'y' && !hasHat && !predictions.has(v) && !unit)) out[v] = 'label';
    else if (unit || oneMinus.has(v) || (v === 'y' && hasHat)) out[v] = 'probability';
    else out[v] = 'input';
  }
  return out;
}

/** 4 significant digits, more only when needed to tell a from b apart. */
export function shownPair(a: number, b: number): [string, string] {
  const show = (x: number, d: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(d))) : 'undefined');
  for (let d = 4; d < 17; d++) {
    const [p, q] = [show(a, d), show(b, d)];
    if (p !== q) return [p, q];
  }
  return [String(a), String(b)];
}

/** A decimal string cut to the digits that tell two values apart (at most 12 significant). */
function shortDigits(x: string): string {
  const m = /^(-?)(\d)\.?(\d*)e([-+]?\d+)$/i.exec(x);
  if (!m) return x;
  const frac = m[3]!.slice(0, 11).replace(/0+$/, '');
  return `${m[1]}${m[2]}${frac ? '.' + frac : ''}e${m[4]}`;
}

const showPointShort = (p: Readonly<Record<string, number>>): string => Object.entries(p).map(([k, v]) => `${k} = ${v}`).join(', ');

/** The counterexample with its sentence rewritten for the point and values as shown. */
function phrased(cx: Counterexample, natural: boolean, note = ''): Counterexample {
  // doubles that cannot show the difference (both 0 below 10⁻³⁰⁸, or equal) give way to the
  // high-precision digits: "your answer is 4.45e-435", never "0 but … 0"
  const [s, t] = cx.student === cx.expected && cx.precise && cx.precise.student !== cx.precise.expected
    ? [shortDigits(cx.precise.student), shortDigits(cx.precise.expected)]
    : shownPair(cx.student, cx.expected);
  const where = Object.keys(cx.point).length ? `at ${showPointShort(cx.point)} ` : '';
  const yours = Number.isNaN(cx.student) ? `your answer is undefined${undefinedWhy(cx.reason)}` : `your answer is ${s}`;
  const how = cx.reason ? (/ \((compared [^)]*)\)$/.exec(cx.reason)?.[0] ?? '') : '';
  return { ...cx, reason: `${note}${where}${yours} but the expected answer is ${t}${how}`, inNaturalDomain: natural };
}

function undefinedWhy(reason: string | undefined): string {
  const m = reason ? /your answer is undefined( \([^)]*\))?/.exec(reason) : null;
  return m?.[1] ?? '';
}

/** Round to 3 significant digits (the wide point's fallback). */
const round3 = (x: number): number => Number(x.toPrecision(3));

/**
 * The counterexample to show for an `incorrect` decided at `wide`: a natural-domain point when one
 * differs there (seeded search), else `wide` rounded when still a counterexample, else `wide`.
 */
export async function shownCounterexample(
  student: Expr, teacher: Expr, wide: Counterexample, seed: number, opts: VerifyOptions, problem?: Expr,
): Promise<Counterexample> {
  const vars = Object.keys(wide.point).sort();
  if (vars.length === 0) return wide;
  const roles = naturalRoles([...(problem ? [problem] : []), student, teacher], vars);
  let S: Side;
  let T: Side;
  try {
    S = { e: student, f: compile(student, vars), vars };
    T = { e: teacher, f: compile(teacher, vars), vars };
  } catch {
    return wide;
  }
  const at = async (v: Float64Array): Promise<Counterexample | undefined> => {
    if (!inRanges(vars, v, opts.ranges)) return undefined;
    // only a rejection needs confirming (classify confirms every one exactly or at 128 digits);
    // an agreement in doubles just moves on to the next point
    const r = await classify(S, T, v, { proven: false, confirm: false, seed });
    return r.kind === 'reject' ? r.cx : undefined;
  };
  const rng = mulberry32(seed ^ 0x1b873593);
  for (let k = 0; k < TRIES; k++) {
    // the first point gives the variables of one role different values, each list's head first;
    // then seeded draws, biased towards the head (a label is 0 or 1 more often than 0.25)
    const used: Partial<Record<Role, number>> = {};
    const v = Float64Array.from(vars, (name) => {
      const role = roles[name]!;
      const list = VALUES[role];
      const i = k === 0 ? (used[role] = (used[role] ?? -1) + 1) : Math.floor(rng() ** 2 * list.length);
      return list[i % list.length]!;
    });
    const cx = await at(v);
    if (cx) return phrased(cx, true);
  }
  const note = 'the answers agree at every point tried inside the variables\' natural domains; ';
  const rounded = Float64Array.from(vars, (name) => round3(wide.point[name]!));
  const cx = await at(rounded);
  return phrased(cx ?? wide, inNaturalDomain(cx?.point ?? wide.point, roles), note);
}
