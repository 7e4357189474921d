// Checking backpropagation against the function itself: each gradient the backward pass gives is
// compared with a numerical derivative (Ridders' extrapolated central differences, src/check) of
// the WHOLE function — built from the user's program, not from the graph — in that variable,
// at the same point. For a defined name z, "the whole function of z" is the program with z's
// definition removed (z becomes free), which is what ∂L/∂z means in backpropagation. A check is
// data: verified, refuted (both values shown) or unverifiable (the numerical estimate was not
// reliable there), never an exception.
import type { Definition, Expr } from '../ast/nodes.js';
import { ridders, type Estimate } from '../numeric/ridders.js';
import { NUMERIC_DERIVATIVE, RELIABLE_DERIVATIVE, within } from '../numeric/tolerance.js';
import { compile, type Compiled } from '../numeric/compile.js';
import { ChainruleError } from '../errors.js';
import { compose } from './dag.js';

export interface GradientCheck {
  readonly status: 'verified' | 'refuted' | 'unverifiable';
  /** the numerical derivative, absent when unverifiable */
  readonly numeric?: number;
  readonly reason?: string;
}

const cache = new WeakMap<Expr, Map<string, Compiled>>();
/** One compilation per function and variable list: every input is checked on the same function. */
function compiled(f: Expr, vars: readonly string[]): Compiled {
  const key = vars.join('\u0000');
  let m = cache.get(f);
  if (!m) cache.set(f, (m = new Map()));
  let g = m.get(key);
  if (!g) m.set(key, (g = compile(f, vars)));
  return g;
}

const reliable = (e: Estimate) => e.error <= RELIABLE_DERIVATIVE.atol + RELIABLE_DERIVATIVE.rtol * Math.abs(e.value);

/** ∂f/∂wrt at `point` by Ridders (as src/numeric/sampled.ts does it: two tableaus from different
 * first steps must agree), compared with `backprop` under NUMERIC_DERIVATIVE. The function is
 * compiled (DAG-safe: shared subtrees are computed once), over the variables of `point`. */
export function checkPartial(f: Expr, wrt: string, point: Readonly<Record<string, number>>, backprop: number): GradientCheck {
  const vars = Object.keys(point).sort();
  let g;
  try {
    g = compiled(f, vars);
  } catch (e) {
    if (e instanceof ChainruleError) return { status: 'unverifiable', reason: e.message };
    throw e;
  }
  const i = vars.indexOf(wrt);
  const v = new Float64Array(vars.map((n) => point[n]!));
  const x = v[i]!;
  const at = (t: number) => {
    v[i] = t;
    const y = g(v);
    return Number.isFinite(y) ? y : NaN;
  };
  const first = ridders(at, x, reliable);
  const second = ridders(at, x, reliable, 1 / 8);
  v[i] = x;
  const agree = within(first.value, second.value, RELIABLE_DERIVATIVE);
  if (!reliable(first) || !reliable(second) || !Number.isFinite(first.value) || !agree) {
    return { status: 'unverifiable', reason: 'the numerical derivative is not reliable at this point' };
  }
  return { status: within(first.value, backprop, NUMERIC_DERIVATIVE) ? 'verified' : 'refuted', numeric: first.value };
}

/** The output of a program as one expression in its inputs, leaving the definition `free` free
 * (shared subtrees, so n definitions cost their size, not 2ⁿ). */
export function wholeFunction(defs: readonly Definition[], target: Expr, free?: string): Expr {
  return compose(defs, target, free);
}

/** refuted beats unverifiable beats verified; no checks at all is unverifiable. */
export function worst(checks: readonly GradientCheck[]): GradientCheck['status'] {
  if (checks.some((c) => c.status === 'refuted')) return 'refuted';
  return checks.length > 0 && checks.every((c) => c.status === 'verified') ? 'verified' : 'unverifiable';
}
