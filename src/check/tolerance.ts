// Every tolerance of the numeric checks, in one place, each with where it comes from.
// Invariant: the reliability bar for a numerical derivative is ten times tighter than the
// tolerance it is compared under, so an estimate accepted as reliable cannot by its own error
// turn a correct step into a refuted one (nor a wrong one into a verified one).

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

export function within(a: number, b: number, t: Tolerance): boolean {
  return Math.abs(a - b) <= t.atol + t.rtol * Math.max(Math.abs(a), Math.abs(b));
}

/** |a − b| / max(|a|, |b|), 0 when a = b (also when both are 0). */
export function relativeError(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}
