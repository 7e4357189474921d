// THE tolerance table of the numeric layer: every tolerance and trust threshold of both policies
// (STEP: fast step checks, src/check; ANSWER: careful answer checks, src/verify), each with where
// it comes from. Invariant: the reliability bar for a numerical derivative is ten times tighter
// than the tolerance it is compared under, so an estimate accepted as reliable cannot by its own
// error turn a correct step into a refuted one (nor a wrong one into a verified one).

export interface Tolerance {
  /** relative tolerance: |a − b| ≤ atol + rtol·max(|a|, |b|) */
  readonly rtol: number;
  /** absolute tolerance, for values at or near 0 */
  readonly atol: number;
}

/** Two diff-free expressions (and complex-step derivatives, which carry no truncation error).
 * Two algebraically equal forms evaluated in float64 differ by rounding: a few ulps (2.2e-16)
 * times the condition number of the less stable form. 1e-9 admits condition numbers up to ~1e6
 * and still refutes a relative change of 1e-7 (x + x²/10⁶ against x at |x| ≥ 0.1). atol 1e-12
 * covers a value that is 0 in exact arithmetic but left with rounding of terms of size ≲ 10³. */
export const EXACT: Tolerance = Object.freeze({ rtol: 1e-9, atol: 1e-12 });

/** When a side holds d/dx(…) evaluated by Ridders' extrapolation (ridders.ts). Its error is
 * typically 1e-13…1e-11 relative to the scale of f; 1e-6 leaves five orders of margin for
 * badly scaled functions and nested derivatives, and a wrong derivative formula is off by far
 * more (a wrong factor or sign is O(1)). atol 1e-9: derivatives that vanish at a point. */
export const NUMERIC_DERIVATIVE: Tolerance = Object.freeze({ rtol: 1e-6, atol: 1e-9 });

/** An estimate whose own error bound (Ridders' tableau) exceeds a tenth of NUMERIC_DERIVATIVE is
 * not trusted: it is treated as undefined at that point (NaN), see the invariant above. */
export const RELIABLE_DERIVATIVE: Tolerance = Object.freeze({
  rtol: NUMERIC_DERIVATIVE.rtol / 10,
  atol: NUMERIC_DERIVATIVE.atol / 10,
});

/** More than this fraction of the sampled points with exactly one side defined means the two sides
 * have different domains: not a removable singularity (a measure-zero set random points miss) but
 * a rewrite that changes where the expression is defined, e.g. log(x²) → 2·log(x). */
export const ONE_SIDED_LIMIT = 0.25;

// ── diagnosis (a relation between the answers, confirmed under STEP: docs/numeric.md) ────────
/** A relation S = f(T) is confirmed by a STEP check with this atol (and the step rtol): relative
 * agreement only, since values that underflow (6000(x−a)^5999 ≈ 1e-275) would otherwise agree
 * with anything of the same tiny size and confirm a false finding. */
export const DIAGNOSIS_ATOL = 0;
/** A constant c = op(S, T) is only PROPOSED when it is the same at every sampled point to this
 * (relative, floor 1): the confirming check above decides; 1e-7 is loose enough for rounding of
 * both answers at condition numbers up to ~10⁸. */
export const PROPOSE_RTOL = 1e-7;
/** A proposed constant is snapped to the simplest rational within this (relative, floor 1); a
 * |c| or ||c| − 1| below it is no constant-factor mistake. */
export const SNAP_RTOL = 1e-9;

// ── ANSWER policy (careful: exact, then doubles, then 64/128-digit decimals) ──────────────────
/** Since issue 10 (item 4) CAREFUL is only the fallback for DEGRADED decimals (a function without
 * a decimal kernel, erf, evaluated in doubles inside the 128-digit walk): doubles agree only to
 * ROUNDING and decimals to PRECISE_RTOL (below). Its rtol: admits float64 rounding amplified by condition numbers up to ~10⁶, and refutes
 * x + x²/10⁶ against x at every sampled |x| ≥ 10⁻² (the 1e-9). atol 1e-300: it only lets
 * two exact zeros (or values at the bottom of the double range) agree. It is NOT a floor for
 * rounding residue — the residue of an exact cancellation is told from a real difference at
 * 64/128 digits, where it shrinks by ~10⁻⁶⁴ — and a larger floor would hide real differences
 * between small values (x⁵ and 2x⁵ differ by only 10⁻²⁰ at x = 10⁻⁴). */
export const CAREFUL: Tolerance = Object.freeze({ rtol: 1e-9, atol: 1e-300 });
/** Two doubles agree without a high-precision re-check only within this relative difference of
 * the values themselves (2⁻⁴⁵ ≈ 2.8·10⁻¹⁴, ~128 ulps: the rounding of a few dozen well-conditioned
 * operations). A larger difference — a cancelling sum's residue, or a 10⁻¹⁰ perturbation — goes to
 * 128 digits, where rounding shrinks by ~10⁻¹¹² and a real difference does not. */
export const ROUNDING = 2 ** -45;
/** Agreement at 128 digits: relative to the values, 10⁻⁸⁰ (leaves 48 digits for condition numbers
 * and accumulated rounding; 10⁻⁴⁰ let cos x + log(e¹⁰⁰ + 1) − 100 pass for cos x, a difference of
 * 3.7·10⁻⁴⁴). A difference between 10⁻⁸⁰ and what the lower precision of the pair can see is not
 * rejected either: it is "unstable" (skipped), never a plain agreement … */
export const PRECISE_RTOL = 1e-80;
/** … plus the rounding residue of cancelling top-level terms at d digits: Σ|terms|·10^(28 − d)
 * (10⁻¹⁰⁰ at 128), accepted only while it is below the values' own allowance; otherwise the point
 * is evaluated again higher up the ladder. */
export const PRECISE_TERM_DIGITS = 28;
/** Pairs of precisions (digits) a point climbs while it is not settled (each pair's lower one is the
 * previous higher one, so a value that needed the higher precision is checked against itself at
 * the next: sin(10³⁰⁰) needs 340 digits): a difference hidden under
 * cancelling terms of 10¹³⁰ (cosh 300 − sinh 300) or a sum that cancelled at 128 digits. At most
 * 480 digits: decimal.js knows π to 1,025 digits, and its sin/cos reduce an argument of p digits
 * with ~2p digits of π (sin(π/6) throws at 512). */
export const PRECISION_LADDER: ReadonlyArray<readonly [number, number]> = Object.freeze([
  Object.freeze([64, 128] as const),
  Object.freeze([128, 384] as const),
  Object.freeze([384, 480] as const),
]);
/** Points of one comparison allowed past 128 digits (each costs up to tens of ms). */
export const DEEPER_POINTS = 8;
/** Points of each check whose double agreement is confirmed at 128 digits anyway (the first valid
 * random points and the scaled points): a difference below ROUNDING (eˣ(1 + 10⁻¹⁵)) shows there. */
export const CONFIRMED_POINTS = 3;
/** A difference is real when its 64- and 128-digit values agree to this (relative): a residue of
 * rounding changes completely between the two precisions. */
export const STABLE = 1e-6;
/** A student-undefined point is a removable singularity when the answers agree to REMOVABLE_RTOL
 * at the two points moved by ±PERTURB (relative): next to a 0/0 point, about six digits cancel. */
export const PERTURB = 1e-6;
export const REMOVABLE_RTOL = 1e-5;
/** A double sum keeping fewer than ~12 of its 53 bits (|sum| ≤ 2⁻⁴⁰·Σ|terms|) has cancelled. Distinct
 * variables are kept 10⁻³ apart by the sampler, so honest differences stay far above this. */
export const CANCELLED = 2 ** -40;
/** A decimal sum keeping fewer than this many of its digits has cancelled (1 − σ(600) at 128). */
export const CANCELLED_DIGITS = 8;
/** The smallest positive normal double: below it a value has lost precision (subnormal). */
export const MIN_NORMAL = 2.2250738585072014e-308;

export function within(a: number, b: number, t: Tolerance): boolean {
  return Math.abs(a - b) <= t.atol + t.rtol * Math.max(Math.abs(a), Math.abs(b));
}

/** |a − b| / max(|a|, |b|), 0 when a = b (also when both are 0). */
export function relativeError(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}
