// A step check's disagreement that rounding may explain. Two sides of a sound step can differ in
// doubles by more than the EXACT tolerance's absolute floor when one side is a sum of large terms
// that cancels (6·10⁴-sized terms summing to −2.9·10⁻¹¹ against an exact 0) or passes through a
// point where a function is ill-conditioned (acosh near 1): such a point is skipped, never a
// refutation, when the difference is within a few times the two values' rounding bounds
// (src/numeric/roundingBound.ts). Only consulted after a disagreement, so a check that agrees is
// unchanged; a real difference (p against p + 1) is far outside the bounds. A d/dv node's bound is
// Ridders' error estimate (roundingBound.ts): the chain step of BCE(σ(10x), y), whose right side
// multiplies d/dx σ(10x) ≈ 4·10⁻¹² by 1/(1 − σ(10x)) ≈ 2·10¹², was refuted (35.237 vs 35.215).
import type { Expr } from '../ast/nodes.js';
import { roundingBound } from '../numeric/index.js';

/** How many rounding bounds a difference may span and still be rounding: first-order bounds are
 * estimates, not proofs, so with a margin. */
const MARGIN = 4;

/** May rounding alone explain that `sides` evaluate to `l` and `r` at `point`? */
export function roundingMayExplain(sides: readonly [Expr, Expr], point: Readonly<Record<string, number>>, l: number, r: number): boolean {
  const a = roundingBound(sides[0], point);
  const b = roundingBound(sides[1], point);
  if (!a || !b) return false;
  return Math.abs(l - r) <= MARGIN * (a.e + b.e);
}
