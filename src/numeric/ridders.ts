// Numerical first derivative by Ridders' method: central differences at a shrinking step,
// extrapolated to h → 0 in a Neville tableau, with an error estimate (Numerical Recipes §5.7,
// `dfridr`; Ridders 1982). Invariants: deterministic; never evaluates f outside x ± h0; a
// non-finite value of f anywhere in the tableau restarts with a smaller h0 (the step crossed the
// edge of the domain) or ends the tableau early; no estimate at all → value NaN, error ∞.

/** The step shrinks by this factor between tableau columns and the extrapolation assumes an error
 * series in h² (CON² per column). 1.4 and 10 columns are NR's choice: the smallest step is
 * h0/1.4⁹ ≈ h0/21, so the tableau cannot walk into rounding noise. */
const CON = 1.4;
const CON2 = CON * CON;
const NTAB = 10;
/** Stop when the diagonal error grows by this factor over the best error so far (NR's SAFE). */
const SAFE = 2;
/** Initial step: 0.1·max(1, |x|). Ridders wants a step over which f changes substantially
 * (the extrapolation removes the truncation error); 0.1 is a tenth of the default sample scale. */
const H0 = 0.1;
/** When f is not finite at x ± h0, shrink h0 by 8 and retry, at most 6 times (down to ~4e-7·
 * max(1, |x|)): sample.ts keeps points ≥ 1 % of a range's width from its edges, so 2–3 retries
 * are the most a sampled point needs. */
const SHRINK = 8;
const RETRIES = 6;

export interface Estimate {
  readonly value: number;
  /** Ridders' error estimate (absolute), ∞ when there is no estimate */
  readonly error: number;
}

/**
 * d f / d x at x for a function that returns NaN (or ±∞) where it is undefined. When `good` is
 * given and rejects an estimate (its error is too large: the first step straddled a kink or came
 * close to a singularity), the tableau is rebuilt from a smaller step, within the same RETRIES
 * budget, and the estimate with the smallest error is returned. `fx`: f(x), when the caller
 * has it already (f is deterministic: the noise bound below reads it once per call).
 */
export function ridders(f: (x: number) => number, x: number, good?: (e: Estimate) => boolean, scale = 1, fx = f(x)): Estimate {
  let h0 = scale * H0 * Math.max(1, Math.abs(x));
  let best: Estimate = { value: NaN, error: Infinity };
  for (let attempt = 0; attempt <= RETRIES; attempt++, h0 /= SHRINK) {
    const r = tableau(f, x, h0, fx);
    if (!r) continue;
    if (r.error < best.error || Number.isNaN(best.value)) best = r;
    if (!good || good(r)) break;
  }
  return best;
}

function central(f: (x: number) => number, x: number, h: number): number {
  // x + h and x − h are rounded; dividing by their exact distance removes that error.
  const xp = x + h;
  const xm = x - h;
  const d = (f(xp) - f(xm)) / (xp - xm);
  return Number.isFinite(d) ? d : NaN;
}

/** One Ridders tableau from step h0; undefined when the first difference is not finite. */
function tableau(f: (x: number) => number, x: number, h0: number, fx: number): Estimate | undefined {
  // a[j][i]: column i (step h0/CON^i), extrapolated j times. The rows come from a pool by depth
  // (f may itself run a tableau: a nested derivative), not a fresh 10 × 10 array per call.
  const a = rows(depth++);
  try {
    return fillTableau(f, x, h0, fx, a);
  } finally {
    depth--;
  }
}

let depth = 0;
const pool: Float64Array[][] = [];
/** The rows of depth d, as left by the last tableau there: every entry fillTableau reads it has
 * written first in the same call (the columns it reached), so stale values are never seen and
 * the rows need no clearing (most tableaus stop after 3–4 of their 10 columns). */
function rows(d: number): Float64Array[] {
  return (pool[d] ??= Array.from({ length: NTAB }, () => new Float64Array(NTAB)));
}

function fillTableau(f: (x: number) => number, x: number, h0: number, fx0: number, a: Float64Array[]): Estimate | undefined {
  let hh = h0;
  a[0]![0] = central(f, x, hh);
  if (Number.isNaN(a[0]![0])) return undefined;
  let ans = a[0]![0]!;
  let err = Infinity;
  // every difference written so far is 0 (none is NaN: a NaN ends the tableau)
  let allZero = a[0]![0] === 0;
  for (let i = 1; i < NTAB; i++) {
    hh /= CON;
    const d = central(f, x, hh);
    if (Number.isNaN(d)) break; // a hole in the domain inside the first step: keep what we have
    a[0]![i] = d;
    if (d !== 0) allZero = false;
    let fac = CON2;
    for (let j = 1; j <= i; j++) {
      a[j]![i] = (a[j - 1]![i]! * fac - a[j - 1]![i - 1]!) / (fac - 1);
      fac *= CON2;
      const errt = Math.max(Math.abs(a[j]![i]! - a[j - 1]![i]!), Math.abs(a[j]![i]! - a[j - 1]![i - 1]!));
      if (errt <= err) {
        err = errt;
        ans = a[j]![i]!;
      }
    }
    if (Math.abs(a[i]![i]! - a[i - 1]![i - 1]!) >= SAFE * err) break;
  }
  // Rounding noise the tableau cannot see when it is the same at every step: a difference of two
  // values of size |f| carries ~ε·|f| of error, divided by the smallest step used. A large term
  // that does not depend on x (exp(b³) ≈ 5·10⁹ beside x/w) makes the estimate noise-limited.
  // When every difference was exactly 0, the function is flat at the LARGEST step: a slope it
  // could hide there is ε·|f|/h0 (tiny for d/dx(2000), huge for x + 10²⁰, whose 1 is lost).
  const fx = Math.abs(fx0);
  const noise = !Number.isFinite(fx) ? 0 : allZero ? (Number.EPSILON * fx) / h0 : (4 * Number.EPSILON * fx) / hh;
  return { value: ans, error: Math.max(err, noise) };
}
