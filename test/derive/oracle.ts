// An independent second opinion on a `refuted` verdict of src/check, so that a property test can
// tell an engine bug from a checker false alarm. It re-evaluates both sides at the refuting point
// in 500-digit decimal arithmetic (mathjs BigNumber, a declared dependency), each d/dv(u) by a
// central difference with h = 1e-100 (truncation ~h²·u‴ ≈ 1e-200 relative; rounding ~|u|·1e-500/h
// = |u|·1e-400 absolute, so even a u as large as float64 allows, 1e308, leaves 90 exact digits),
// so neither float rounding nor Ridders' step choice can play a part. The refutation stands
// (`genuine`) when the sides differ beyond rtol 1e-20: a wrong rewrite is off by far more, a right
// one agrees to ~1e-90. Invariants: pure, deterministic, never throws; a side it cannot evaluate
// (NaN) makes the refutation stand, so the oracle can only ever excuse a verdict by showing, with
// exact-enough arithmetic, that both sides agree.
import { all, create, type BigNumber, type FactoryFunctionMap } from 'mathjs';
import type { Expr } from '../../src/ast/nodes.js';

/** 500 digits: sums of float64-sized values (up to 1e308, each ≤ ~60 significant digits when
 * exact) stay exact, so w + 1 − 1 is w again and cancellations cannot leave noise. */
const math = create(all as FactoryFunctionMap, { number: 'BigNumber', precision: 500, predictable: true });
type Big = BigNumber;
/** mathjs's functions applied to one BigNumber return a BigNumber (or NaN); its typings are wider. */
const M = math as unknown as Record<string, ((...v: Big[]) => Big) | undefined> & { pi: Big };
const fn = (name: string) => (...v: Big[]): Big => M[name]!(...v);
const exp = fn('exp');
const log = fn('log');
/** The central-difference step, relative to max(1, |v|). */
const H = '1e-100';
/** Decision: relative 1e-20 with an absolute floor of 1e-60 (far above the ~1e-90 error). */
const RTOL = 1e-20;
const ATOL = 1e-60;

const big = (x: number | string): Big => math.bignumber(x);
const isNaNBig = (x: Big): boolean => x.isNaN() || !x.isFinite();
const NAN = big(NaN);
const ZERO = big(0);
const ONE = big(1);

type Point = Readonly<Record<string, Big>>;

function pow(b: Big, x: Big): Big {
  const xi = x.round();
  // a float-integer exponent stays an integer here (x = 2 exactly, or a product that is 2)
  if (x.minus(xi).abs().lt(big('1e-150'))) return b.isZero() && xi.isNegative() ? NAN : fn('pow')(b, xi);
  if (b.isNegative()) return NAN; // real power of a negative base: not real (as realPow)
  if (b.isZero()) return x.isNegative() ? NAN : ZERO;
  return exp(x.times(log(b)));
}

const sigmoid = (z: Big): Big => ONE.div(ONE.plus(exp(z.neg())));
const ln = (x: Big): Big => (x.gt(0) ? log(x) : NAN);

function callBig(name: string, a: Big[]): Big {
  const [x, y] = a as [Big, Big];
  switch (name) {
    case 'sigmoid':
      return sigmoid(x);
    case 'BCE':
      return x.gt(0) && x.lt(1) ? y.times(ln(x)).plus(ONE.minus(y).times(ln(ONE.minus(x)))).neg() : NAN;
    case 'MSE':
      return x.minus(y).times(x.minus(y));
    case 'relu':
      return x.gt(0) ? x : ZERO;
    case 'heaviside':
      return x.gt(0) ? ONE : ZERO;
    case 'log':
      return ln(x);
    case 'log10':
      return x.gt(0) ? fn('log10')(x) : NAN;
    case 'sqrt':
      return x.isNegative() ? NAN : fn('sqrt')(x);
  }
  const f = M[name];
  if (typeof f !== 'function') return NAN;
  try {
    const r = f(x);
    return r && typeof (r as Big).isNaN === 'function' ? r : NAN;
  } catch {
    return NAN;
  }
}

/** `e` at `pt` in 500-digit arithmetic; NaN where undefined (or not supported here). */
export function bigValue(e: Expr, pt: Point): Big {
  const v = (x: Expr): Big => bigValue(x, pt);
  switch (e.kind) {
    case 'num':
      return big(e.n.toString()).div(big(e.d.toString()));
    case 'const':
      return e.name === 'e' ? exp(ONE) : M.pi;
    case 'sym':
      return pt[e.name] ?? NAN;
    case 'add':
      return e.terms.reduce<Big>((s, t) => s.plus(v(t)), ZERO);
    case 'mul':
      return e.factors.reduce<Big>((s, t) => s.times(v(t)), ONE);
    case 'neg':
      return v(e.arg).neg();
    case 'div': {
      const d = v(e.den);
      return d.isZero() ? NAN : v(e.num).div(d);
    }
    case 'pow':
      return pow(v(e.base), v(e.exp));
    case 'call': {
      const args = e.args.map(v);
      return args.some(isNaNBig) ? NAN : callBig(e.fn, args);
    }
    case 'diff': {
      const x = pt[e.wrt];
      if (!x) return v(e.arg).isNaN() ? NAN : ZERO; // the argument cannot depend on it
      const h = big(H).times(x.abs().gt(1) ? x.abs() : ONE);
      const up = bigValue(e.arg, { ...pt, [e.wrt]: x.plus(h) });
      const down = bigValue(e.arg, { ...pt, [e.wrt]: x.minus(h) });
      return up.minus(down).div(h.times(2));
    }
  }
}

export interface Recheck {
  /** true: the sides differ in 500-digit arithmetic too (or could not be evaluated there) */
  readonly genuine: boolean;
  /** both sides at the point, to float64 (NaN: undefined or not supported by the oracle) */
  readonly left: number;
  readonly right: number;
}

/** Second opinion on "a ≠ b at pt". */
export function recheck(a: Expr, b: Expr, point: Readonly<Record<string, number>>): Recheck {
  const pt: Record<string, Big> = {};
  for (const [k, x] of Object.entries(point)) pt[k] = big(x);
  const l = bigValue(a, pt);
  const r = bigValue(b, pt);
  const left = Number(l.toString());
  const right = Number(r.toString());
  if (isNaNBig(l) || isNaNBig(r)) return { genuine: true, left, right };
  const scale = l.abs().gt(r.abs()) ? l.abs() : r.abs();
  const genuine = l.minus(r).abs().gt(scale.times(RTOL).plus(ATOL));
  return { genuine, left, right };
}
