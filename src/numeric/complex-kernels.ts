// Complex asin/acos/atan computed here, not by mathjs: complex.js 2.4 forms them as log(w) with
// |w| ≈ 1 near the real axis, so the 1e-20 imaginary part of a complex-step check cancels away.
// asin/acos follow Hull, Fairgrieve & Tang, ACM TOMS 23(3), 1997; atan uses log1p for its
// imaginary part. Invariant: equal to Math.asin/acos/atan on the real axis up to rounding, and
// accurate for |Im z| down to ~1e-150 (below that y² underflows and the imaginary part is lost).

/** a complex number as plain data (the same shape as complex.ts's ComplexValue) */
type C = { readonly re: number; readonly im: number };

const negZero = (v: number) => v < 0 || Object.is(v, -0);
/** the thresholds of Hull et al. (section 4): where asin(B) / log(A + √(A²−1)) lose accuracy */
const B_CROSS = 0.6417;
const A_CROSS = 1.5;

/** The shared pieces of asin and acos at z: real parts of both, and |Im asin z|. */
function hullParts(z: C): { asinRe: number; acosRe: number; im: number } {
  const x = Math.abs(z.re);
  const y = Math.abs(z.im);
  const R = Math.hypot(x + 1, y);
  const S = Math.hypot(x - 1, y);
  const A = (R + S) / 2; // ≥ 1
  const B = x / A; // in [0, 1]
  // √(½(A+x)(…)) and its twin avoid the cancellation in 1 − B² when B is near 1.
  let asinRe: number;
  let acosRe: number;
  if (B <= B_CROSS) {
    asinRe = Math.asin(B);
    acosRe = Math.acos(B);
  } else if (x <= 1) {
    const den = Math.sqrt(0.5 * (A + x) * ((y * y) / (R + x + 1) + (S + 1 - x)));
    asinRe = Math.atan(x / den);
    acosRe = Math.atan(den / x);
  } else {
    const den = y * Math.sqrt(0.5 * ((A + x) / (R + x + 1) + (A + x) / (S + x - 1)));
    asinRe = Math.atan(x / den);
    acosRe = Math.atan(den / x);
  }
  // Im = log(A + √(A²−1)), with A − 1 formed without cancellation when A is near 1.
  let im: number;
  if (A <= A_CROSS) {
    const am1 = x < 1 ? 0.5 * ((y * y) / (R + x + 1) + (y * y) / (S + 1 - x)) : 0.5 * ((y * y) / (R + x + 1) + (S + x - 1));
    im = Math.log1p(am1 + Math.sqrt(am1 * (A + 1)));
  } else {
    im = Math.log(A + Math.sqrt(A * A - 1));
  }
  return { asinRe, acosRe, im };
}

export function casin(z: C): C {
  const { asinRe, im } = hullParts(z);
  return { re: negZero(z.re) ? -asinRe : asinRe, im: negZero(z.im) ? -im : im };
}

export function cacos(z: C): C {
  const { acosRe, im } = hullParts(z);
  return { re: negZero(z.re) ? Math.PI - acosRe : acosRe, im: negZero(z.im) ? im : -im };
}

/** atan(x + iy) = ½ atan2(2x, 1 − x² − y²) + i ¼ log1p(4y / (x² + (1 − y)²)). */
export function catan(z: C): C {
  const { re: x, im: y } = z;
  const re = 0.5 * Math.atan2(2 * x, (1 - x) * (1 + x) - y * y);
  const im = 0.25 * Math.log1p((4 * y) / (x * x + (1 - y) * (1 - y)));
  return { re, im };
}
