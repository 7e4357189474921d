// Float64 values with a first-order bound on their rounding error, for telling a disagreement of
// two doubles that rounding may explain from a real one (src/check/rounding.ts). Each node's
// bound is what its inputs' bounds propagate through it (|∂node/∂input|·bound) plus its own last
// bit: a sum of 6·10⁴-sized terms that cancels to 3·10⁻¹¹ keeps a bound of ~10⁻¹¹, where the
// value alone would look exact. A call's partial derivatives are taken by central differences at
// a relative step of 2⁻²⁶ (a condition estimate, not a check). A d/dv node is Ridders' estimate of
// its argument's derivative (closed in the form the checks evaluate, stableForm.ts), with Ridders'
// own error estimate as its bound: a tiny derivative (d/dx σ(10x) ≈ 4·10⁻¹² at x = 2.85, good to
// ~10⁻¹⁴) times a huge factor (1/(1 − σ(10x))) is a value whose last digits rounding decides.
// The values are the ones compile.ts computes; a node without a value (NaN) gives no bound at all.
import type { Expr } from '../ast/nodes.js';
import { getFunction } from '../functions/index.js';
import { callValue } from './float.js';
import { ratToNumber, realPow } from './number.js';
import { type Domain, evaluateIn } from './domain.js';
import { Fail } from './walk.js';
import { ridders } from './ridders.js';
import { evaluatorFor } from './sampled.js';
import { stableForm } from './stableForm.js';

/** A value and a bound on its absolute rounding error. */
export interface Bounded {
  readonly v: number;
  readonly e: number;
}

const U = 2 ** -53;
/** a spec's own evaluation (Math.log, Math.exp, …) is taken as good to a few ulps */
const CALL_ULPS = 4;
const STEP = 2 ** -26;

const fail = (node: Expr) => new Fail<'NONE'>('NONE', 'no value', node);
const ok = (v: number, e: number, node: Expr): Bounded | Fail<'NONE'> => (Number.isFinite(v) ? { v, e } : fail(node));

const boundDomain = (at: Readonly<Record<string, number>>): Domain<Bounded, 'NONE'> => ({
  num(node) {
    const v = ratToNumber(node.n, node.d);
    const exact = node.d === 1n && node.n < 2n ** 53n && node.n > -(2n ** 53n);
    return ok(v, exact ? 0 : Math.abs(v) * U, node);
  },
  constant: (node) => {
    const v = node.name === 'e' ? Math.E : Math.PI;
    return { v, e: v * U };
  },
  sym: (node) => (Object.hasOwn(at, node.name) ? { v: at[node.name]!, e: 0 } : fail(node)),
  diff(node) {
    const x = at[node.wrt];
    if (x === undefined) return fail(node);
    const vars = Object.keys(at);
    const f = evaluatorFor(node.arg, vars); // the checks' own (cached, stable-form) evaluator
    const v = Float64Array.from(vars, (k) => at[k]!);
    const i = vars.indexOf(node.wrt);
    const g = (t: number) => {
      v[i] = t;
      const y = f(v);
      v[i] = x;
      return y;
    };
    const est = ridders(g, x);
    return Number.isFinite(est.value) && Number.isFinite(est.error) ? { v: est.value, e: est.error } : fail(node);
  },
  neg: (a) => ({ v: -a.v, e: a.e }),
  add(ts, node) {
    let v = 0;
    let e = 0;
    let size = 0;
    for (const t of ts) {
      v += t.v;
      e += t.e;
      size += Math.abs(t.v);
    }
    return ok(v, e + (ts.length - 1) * U * size, node);
  },
  mul(fs, node) {
    let v = 1;
    for (const f of fs) v *= f.v;
    let e = (fs.length - 1) * U * Math.abs(v);
    for (let i = 0; i < fs.length; i++) {
      if (fs[i]!.e === 0) continue;
      let others = 1;
      for (let j = 0; j < fs.length; j++) if (j !== i) others *= fs[j]!.v;
      e += fs[i]!.e * Math.abs(others);
    }
    return ok(v, e, node);
  },
  div(a, b, node) {
    if (b.v === 0) return fail(node);
    const v = a.v / b.v;
    return ok(v, a.e / Math.abs(b.v) + (Math.abs(a.v) * b.e) / (b.v * b.v) + U * Math.abs(v), node);
  },
  pow(b, x, node) {
    const v = realPow(b.v, x.v);
    if (!Number.isFinite(v)) return fail(node);
    let e = U * Math.abs(v);
    if (b.e > 0) e += Math.abs(x.v * realPow(b.v, x.v - 1)) * b.e;
    if (x.e > 0) e += b.v > 0 ? Math.abs(v * Math.log(b.v)) * x.e : Number.POSITIVE_INFINITY;
    return ok(v, e, node);
  },
  call(args, node) {
    const spec = getFunction(node.fn);
    const xs = args.map((a) => a.v);
    const y = callValue(spec, xs);
    if (typeof y !== 'number' || !Number.isFinite(y)) return fail(node);
    let e = CALL_ULPS * U * Math.abs(y);
    for (let i = 0; i < args.length; i++) {
      if (args[i]!.e === 0) continue;
      const h = Math.max(1, Math.abs(xs[i]!)) * STEP;
      const at = (d: number) => {
        const moved = [...xs];
        moved[i] = xs[i]! + d;
        const r = callValue(spec, moved);
        return typeof r === 'number' ? r : Number.NaN;
      };
      const slope = (at(h) - at(-h)) / (2 * h);
      // no slope (the step left the domain: acosh at 1): the bound is unknown, so unbounded
      e += Number.isFinite(slope) ? Math.abs(slope) * args[i]!.e : Number.POSITIVE_INFINITY;
    }
    return { v: y, e };
  },
});

/** `e` at `at` with its rounding bound, evaluated in the checks' form (stableForm.ts); undefined
 * where it has no finite value. */
export function roundingBound(e: Expr, at: Readonly<Record<string, number>>): Bounded | undefined {
  const r = evaluateIn(boundDomain(at), stableForm(e));
  return r instanceof Fail ? undefined : r;
}
