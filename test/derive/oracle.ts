// An independent second opinion on a `refuted` verdict of src/check, so a property test can tell
// an engine bug from a checker false alarm. At the refuting point it re-evaluates both sides with
// every d/dv(u) replaced by the COMPLEX-STEP derivative of u (no subtractive cancellation, unlike
// Ridders' differences: src/check/complex-step.ts), and measures how much each side moves when the
// point moves by a few ulps (its rounding noise there). The refutation stands — `genuine` — only
// if the two sides differ by more than the EXACT tolerance plus 8× that noise. Invariants: pure and
// deterministic; never throws (a side it cannot evaluate makes the refutation stand).
import { sym } from '../../src/ast/build.js';
import type { Expr } from '../../src/ast/nodes.js';
import { children, withChildren } from '../../src/ast/traverse.js';
import { EXACT } from '../../src/check/index.js';
import type { ComplexEvaluator } from '../../src/eval/complex.js';
import { evaluate } from '../../src/eval/float.js';

/** The complex step, as src/check/complex-step.ts chooses it (Squire & Trapp 1998). */
const H = 1e-20;
/** Relative moves of the point, ±1…±8 ulps of 2^-48 ≈ 3.6e-15 (a few float64 ulps), one
 * pattern per variable so that sums such as w + 1 − 1 round differently in each copy. */
const JITTER = [1, -2, 4, -8, 3, -5, 7, -1].map((k) => k * 2 ** -48);
/** A side's spread is multiplied by this before it may excuse a difference: rounding noise seen
 * in 8 jittered copies underestimates the worst case by a small factor. */
const NOISE_MARGIN = 8;

export interface Recheck {
  /** true: the two sides really differ at the point (an engine bug, not a checker artefact) */
  readonly genuine: boolean;
  /** both sides at the point, derivatives by complex step (NaN: could not evaluate) */
  readonly left: number;
  readonly right: number;
  /** max change of each side over the jittered copies of the point (∞ if one is undefined) */
  readonly noise: number;
}

type Point = Readonly<Record<string, number>>;

/** `e` at `pt`, each d/dv(u) (u diff-free) by complex step; NaN when anything fails. */
export function valueWithComplexStep(ev: ComplexEvaluator, e: Expr, pt: Point): number {
  const extra: Record<string, number> = {};
  let failed = false;
  let k = 0;
  const replace = (x: Expr): Expr => {
    if (x.kind === 'diff') {
      const name = `__d${k++}`;
      const at: Record<string, number | { re: number; im: number }> = { ...pt };
      const v = pt[x.wrt];
      if (v === undefined) {
        extra[name] = 0; // u cannot depend on a variable the point does not mention
        return sym(name);
      }
      at[x.wrt] = { re: v, im: H };
      const r = ev.evaluate(x.arg, at);
      if (!r.ok) failed = true;
      else extra[name] = r.value.im / H;
      return sym(name);
    }
    const kids = children(x);
    return kids.length ? withChildren(x, kids.map(replace)) : x;
  };
  const plain = replace(e);
  if (failed) return NaN;
  const r = evaluate(plain, { ...pt, ...extra });
  return r.ok && Number.isFinite(r.value) ? r.value : NaN;
}

function jittered(pt: Point, j: number): Point {
  const out: Record<string, number> = {};
  Object.keys(pt).forEach((name, i) => (out[name] = pt[name]! * (1 + JITTER[(i + j) % JITTER.length]!)));
  return out;
}

function noiseOf(ev: ComplexEvaluator, e: Expr, pt: Point, at: number): number {
  let spread = 0;
  for (let j = 0; j < JITTER.length; j++) {
    const v = valueWithComplexStep(ev, e, jittered(pt, j));
    if (!Number.isFinite(v)) return Infinity;
    spread = Math.max(spread, Math.abs(v - at));
  }
  return spread;
}

/** Second opinion on "a ≠ b at pt". */
export function recheck(ev: ComplexEvaluator, a: Expr, b: Expr, pt: Point): Recheck {
  const left = valueWithComplexStep(ev, a, pt);
  const right = valueWithComplexStep(ev, b, pt);
  if (!Number.isFinite(left) || !Number.isFinite(right)) return { genuine: true, left, right, noise: NaN };
  const noise = noiseOf(ev, a, pt, left) + noiseOf(ev, b, pt, right);
  const tol = EXACT.atol + EXACT.rtol * Math.max(Math.abs(left), Math.abs(right)) + NOISE_MARGIN * noise;
  return { genuine: Math.abs(left - right) > tol, left, right, noise };
}
