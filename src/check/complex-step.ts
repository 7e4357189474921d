// The precise derivative check: df against the complex-step derivative f′(x) = Im f(x + ih)/h,
// which has no subtractive cancellation, so with h = 1e-20 its truncation error (h²·f‴/6 ~ 1e-40)
// is far below rounding and the comparison can use the EXACT tolerance. Async: it loads mathjs
// (~0.5 s, once). Invariants: the points are those checkDerivative would draw (same stream, same
// seed); a point where f is undefined in REAL arithmetic counts as undefined even if its complex
// continuation has a value; f that is not analytic (abs, sign, relu, step) or holds d/dv nodes
// falls back to checkDerivative, whose verdict it then returns unchanged.
import type { Expr } from '../ast/nodes.js';
import { diff } from '../ast/build.js';
import { loadComplexEvaluator } from '../numeric/complex.js';
import { checkDerivative, compareOn, toleranceFor, type CheckOptions, type Verdict } from './equivalent.js';
import { evaluatorFor, hasDiff, toPoint, variablesOf, type Evaluator } from '../numeric/index.js';

/** The complex step. Any h far below √eps·|x| makes the truncation term vanish; 1e-20 is the
 * customary choice (Squire & Trapp 1998; Martins et al. 2003) and leaves Im parts ~1e-20·|f′|,
 * well inside the double range for |f′| up to ~1e288. */
const H = 1e-20;

/** Thrown inside the comparison loop to abandon the complex path; never escapes this module. */
class NotAnalytic extends Error {}

export async function checkDerivativeComplex(f: Expr, wrt: string, df: Expr, opts: CheckOptions = {}): Promise<Verdict> {
  if (hasDiff(f)) return checkDerivative(f, wrt, df, opts);
  const ev = await loadComplexEvaluator();
  // The same expressions as checkDerivative samples from, so both paths see the same points.
  const exprs = [diff(f, wrt), df, ...(opts.domain ?? []), f];
  const vars = variablesOf(exprs);
  const i = vars.indexOf(wrt);
  const real = evaluatorFor(f, vars);
  const left: Evaluator = (v) => {
    if (Number.isNaN(real(v))) return NaN;
    const at: Record<string, number | { re: number; im: number }> = toPoint(vars, v);
    at[wrt] = { re: v[i]!, im: H };
    const r = ev.evaluate(f, at);
    if (!r.ok) {
      if (r.code === 'NOT_ANALYTIC') throw new NotAnalytic();
      return NaN;
    }
    const d = r.value.im / H;
    return Number.isFinite(d) ? d : NaN;
  };
  // df may hold d/dv nodes; it is compared as the numerical side would be then.
  const tol = toleranceFor(hasDiff(df), opts);
  try {
    // points in f's domain only, as checkDerivative draws them (the same points, the same verdicts)
    return compareOn(exprs, vars, left, evaluatorFor(df, vars), tol, { ...opts, domain: [...(opts.domain ?? []), f] });
  } catch (e) {
    if (e instanceof NotAnalytic) return checkDerivative(f, wrt, df, opts);
    throw e;
  }
}
