// Float64 evaluation that knows when not to trust itself: a tree walk that returns the value (NaN
// where undefined) and whether anything on the way overflowed, underflowed or went subnormal. A
// NaN that follows an overflow (∞ − ∞, ∞/∞, 0·∞) or a 0 that is an underflow (exp(−800), x^6000
// at |x| < 1) is not a domain error or a zero, and neither is a "division by zero" right after a
// sum that cancelled to 0: the caller re-evaluates in decimals (ANSWER policy, careful-point.ts).
// Invariant: the value is the one compile.ts computes (same realPow, same spec.eval, NaN for domain);
// a 0 from a call at non-zero arguments is trusted only when the spec says so (spec.exactZero).
import type { Expr } from '../ast/nodes.js';
import { children } from '../ast/traverse.js';
import { getFunction } from '../functions/index.js';
import { callValue } from './float.js';
import { ratToNumber, realPow } from './number.js';
import { CANCELLED, MIN_NORMAL } from './tolerance.js';
import { type Domain, evaluateIn } from './domain.js';
import { Fail } from './walk.js';

/** A value that can be compared as it stands: finite, non-zero, not subnormal. (0 may be an
 * underflow, so it is looked at by floatWalk.) */
export const isNormal = (x: number): boolean => Number.isFinite(x) && Math.abs(x) >= MIN_NORMAL;

export interface FloatWalk {
  readonly value: number;
  /** an intermediate overflowed, underflowed or was subnormal: decimals must decide */
  readonly suspicious: boolean;
  /** the value is undefined, and the operation that first failed took an argument computed
   * through a sum that lost (nearly) all its digits: 1 − σ(40) is 0 in doubles, so the
   * "division by zero" after it may be rounding, not the answer's domain */
  readonly cancelled: boolean;
  /** the value itself was computed through such a sum: a 0 may be 1 − σ(40), not a zero */
  readonly tainted: boolean;
  /** some sum lost a whole non-zero term to rounding (1 + 10⁻¹⁷ = 1): harmless for the sum, but
   * a later log or subtraction may turn it into a wrong answer (log(1 + 10⁻¹⁷) = 0) */
  readonly absorbed: boolean;
  /** a call at an argument that carries rounding (π, a computed value) is so ill-conditioned there
   * that the rounding decides the value: sin(π) is 1.2·10⁻¹⁶ in doubles, tan(π/2) 1.6·10¹⁶ */
  readonly illConditioned: boolean;
}

/** A relative change of 2⁻³⁰ in the argument moving the value by more than ILL·2⁻³⁰ relative: a
 * condition number past 2²⁶, so an argument's last-bit rounding leaves fewer than ~27 good bits. */
const ILL = 2 ** 26;
/** An argument without rounding of its own: a point's value, or an integer a double holds exactly. */
const exactArgument = (a: Expr): boolean => a.kind === 'sym' || (a.kind === 'num' && a.d === 1n && a.n < 2n ** 53n && a.n > -(2n ** 53n));

/** CANCELLED (tolerance.ts): a sum keeping fewer than ~12 of its 53 bits has cancelled. */

export function floatWalk(e: Expr, at: Readonly<Record<string, number>>): FloatWalk {
  let suspicious = false;
  let cancelled = false;
  let absorbed = false;
  let illConditioned = false;
  const tainted = new Map<Expr, boolean>(); // computed through a cancelled sum
  /** The trust-tracking float rows of the operation table (domain.ts): the values of float.ts,
   * NaN instead of a failure, and a flag wherever a value may be an overflow or an underflow. */
  const trustDomain: Domain<number, never> = {
    num(node) {
      const y = ratToNumber(node.n, node.d);
      if (y === 0 && node.n !== 0n) suspicious = true;
      return y;
    },
    constant: (node) => (node.name === 'e' ? Math.E : Math.PI),
    sym: (node) => (Object.hasOwn(at, node.name) ? at[node.name]! : NaN),
    diff: () => NaN,
    neg: (a) => -a,
    add(v, node) {
      const y = v.reduce((a, b) => a + b, 0);
      const size = v.reduce((a, b) => a + Math.abs(b), 0);
      if (size > 0 && Math.abs(y) <= CANCELLED * size) tainted.set(node, true);
      if (!absorbed) for (const t of v) if (t !== 0 && Math.abs(t) < Math.abs(y) * 2 ** -53) absorbed = true;
      return y;
    },
    mul(v) {
      const y = v.reduce((a, b) => a * b, 1);
      if (y === 0 && v.every((x) => x !== 0)) suspicious = true;
      return y;
    },
    div(a, b) {
      const y = b === 0 ? NaN : a / b;
      if (y === 0 && a !== 0) suspicious = true;
      return y;
    },
    pow(b, x) {
      const y = realPow(b, x);
      if (y === 0 && b !== 0) suspicious = true;
      return y;
    },
    call(v, node) {
      if (v.some(Number.isNaN)) return NaN;
      const spec = getFunction(node.fn);
      const out = callValue(spec, v);
      const y = typeof out === 'string' ? NaN : out;
      // a 0 at non-zero arguments is an underflow unless the spec says its zeros are exact
      if (y === 0 && v.every((x) => x !== 0) && !spec.exactZero) suspicious = true;
      if (!illConditioned && v.length === 1 && Number.isFinite(y) && !exactArgument(node.args[0]!)) {
        const x = v[0]!;
        const moved = callValue(spec, [x + x * 2 ** -30]);
        if (typeof moved === 'number' && x !== 0 && !(Math.abs(moved - y) <= Math.abs(y) * ILL * 2 ** -30)) illConditioned = true;
      }
      return y;
    },
    after(node, y, v) {
      if (typeof y !== 'number') return y;
      const fromTainted = children(node).some((k) => tainted.get(k));
      if (fromTainted) tainted.set(node, true);
      if (Number.isNaN(y) && !v.some(Number.isNaN) && fromTainted) cancelled = true;
      if (Number.isNaN(y) && v.some((x) => x === Infinity || x === -Infinity)) suspicious = true;
      if (y === Infinity || y === -Infinity || (y !== 0 && Math.abs(y) < MIN_NORMAL)) suspicious = true;
      return y;
    },
  };
  const r = evaluateIn(trustDomain, e);
  return { value: r instanceof Fail ? NaN : r, suspicious, cancelled, tainted: tainted.get(e) ?? false, absorbed, illConditioned };
}
