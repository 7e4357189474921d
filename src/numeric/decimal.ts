// High-precision real evaluation for answer checking: decimal.js (mathjs's BigNumber) at 64 and 128
// significant digits, loaded lazily. decimal.js itself, not through a mathjs instance: importing
// mathjs and creating an instance cost ~1 s, paid by the first request that needed decimals.
// Used where doubles cannot be trusted: a value that overflowed, underflowed, is subnormal, or a
// NaN that came from ∞ − ∞; and to re-check every rejection. Invariants: the same real semantics
// as src/numeric/float.ts (a negative base to a non-integer power, log of a non-positive number, … are
// undefined, never complex); a failure is data; the exponent range (10^±9e15) makes overflow of
// course formulas practically impossible, and a value beyond it is reported as not finite.
import type { Expr } from '../ast/nodes.js';
import { children } from '../ast/traverse.js';
import { getFunction } from '../functions/index.js';
import { CANCELLED_DIGITS } from './tolerance.js';
import { type Domain, evaluateIn } from './domain.js';
import { definitionTree, Fail, placeholderIndex } from './walk.js';

/** Digits of the two evaluations. 64 ≥ the 50; the second, at twice that, tells a real
 * difference (the same at both) from a rounding residue (shrinks by ~10⁻⁶⁴ from one to the other). */
export const PRECISIONS = Object.freeze([64, 128] as const);
/** Significant digits shown in a counterexample's precise values. */
export const SHOWN_DIGITS = 50;

/** a decimal of decimal.js; the type is named inline so no line of this file imports it at the
 * top (it is loaded lazily, below) */
type D = import('decimal.js').Decimal;
type DecimalCtor = typeof import('decimal.js').Decimal;

export type PreciseValue =
  | {
      readonly ok: true;
      readonly value: D;
      /** Σ|top-level terms| of the root when it is a sum, else 0 */
      readonly termScale: D;
      /** computed through a sum that lost nearly all its digits: 1 − σ(600) is 0 at 128 digits */
      readonly tainted: boolean;
      /** a function without a decimal kernel (a new registry entry) was evaluated in doubles: only ~15 digits hold */
      readonly degraded: boolean;
      /** some sum lost a whole non-zero term below its last digit (1 + 10⁻³⁰⁰ = 1 at 128 digits):
       * harmless for the sum, not for a log or a subtraction after it */
      readonly absorbed: boolean;
    }
  /** `cancelled`: a sum on the way lost nearly all its digits (1 − σ(400) is 0 even at 128
   * digits), so the failure may be rounding rather than the answer's domain */
  | {
      readonly ok: false;
      readonly reason: string;
      readonly cancelled: boolean;
      /** `nearEdge`: the failing operation's arguments, moved by this precision's own error (10^(CANCELLED_DIGITS − digits),
       * relative and absolute), would be defined (log of 10⁻¹³⁰, a division by 0, tan at π/2): the
       * failure may be rounding; false: the arguments are clearly outside the domain (log(cos(5/3)),
       * (−4/3)^π), and no higher precision can change that */
      readonly nearEdge: boolean;
    };

export interface PreciseEvaluator {
  readonly digits: number;
  /** e at the point (values by name); a number is read as its shortest decimal form */
  evaluate(e: Expr, point: Readonly<Record<string, number>>): PreciseValue;
  /** a decimal constructor at this precision */
  num(x: number | string): D;
}

let loading: Promise<readonly [PreciseEvaluator, PreciseEvaluator]> | undefined;
let decimal: Promise<DecimalCtor> | undefined;
const evaluators = new Map<number, PreciseEvaluator>();

/** The evaluator at `digits` significant digits (decimal.js is imported once; one evaluator per
 * precision, kept). */
export async function loadPreciseAt(digits: number): Promise<PreciseEvaluator> {
  const Decimal = await (decimal ??= import('decimal.js').then((m) => m.Decimal));
  let ev = evaluators.get(digits);
  if (!ev) {
    // configured as mathjs configures its BigNumber (the values are the same as through mathjs)
    baseDec ??= Decimal.clone({ precision: PRECISIONS[0], modulo: Decimal.EUCLID });
    const Dec = digits === PRECISIONS[0] ? baseDec : baseDec.clone({ precision: digits });
    evaluators.set(digits, (ev = makeEvaluator(Dec, digits)));
  }
  return ev;
}
let baseDec: DecimalCtor | undefined;

/** The evaluators at 64 and 128 digits. */
export function loadPrecise(): Promise<readonly [PreciseEvaluator, PreciseEvaluator]> {
  loading ??= Promise.all([loadPreciseAt(PRECISIONS[0]), loadPreciseAt(PRECISIONS[1])]);
  return loading;
}

type Fn1 = (x: D, Dec: DecimalCtor) => D | string;

const needs = (ok: boolean, why: string, f: () => D): D | string => (ok ? f() : why);
const inv = (x: D, Dec: DecimalCtor): D => new Dec(1).div(x);

/** The failure of a value past the decimals' exponent range (callers test the prefix 'beyond'). */
export const BEYOND = 'beyond the range of the high-precision numbers';
/** exp(x) for |x| past this is outside 10^±9e15 (decimal.js's exponent range; ln 10^9e15 ≈ 2.07e16):
 * refused BEFORE it is computed, so a huge argument (sinh(3^y) at y = 10⁴) costs nothing. */
const EXP_MAX = 2e16;
/** Trigonometric arguments are reduced here, by π/2 at the working precision (decimal.js's own
 * reduction gets the quadrant wrong: cos(1370000000.0000002·π) came out +0.99999…): past
 * 10^(digits − 44) (10²⁰ at 64 digits, 10⁸⁴ at 128) the reduction would keep fewer than 44 digits,
 * so such a value is refused with TRIG_FAR; a higher precision reaches it (sin(10³⁰⁰) at 384). */
const TRIG_KEPT_DIGITS = 44;
export const TRIG_FAR = 'beyond the argument reduction of this precision';
const expOf = (x: D): D | string => (x.abs().gt(EXP_MAX) ? BEYOND : x.exp());
const HALF_PI = new WeakMap<DecimalCtor, D>();
/** sin or cos of x: x = k·π/2 + r with |r| ≤ π/4, then the quadrant k mod 4 picks ±sin r or ±cos r. */
function sinCos(x: D, which: 'sin' | 'cos', Dec: DecimalCtor): D | string {
  if (x.abs().gt(new Dec(10).pow(Dec.precision - TRIG_KEPT_DIGITS))) return TRIG_FAR;
  if (x.abs().lt(0.75)) return which === 'sin' ? x.sin() : x.cos();
  let halfPi = HALF_PI.get(Dec);
  if (!halfPi) HALF_PI.set(Dec, (halfPi = Dec.acos(0)));
  const k = x.div(halfPi).round();
  const r = x.minus(k.times(halfPi));
  const q = (((Number(k.mod(4).toString()) % 4) + 4) % 4) + (which === 'cos' ? 1 : 0);
  switch (q % 4) {
    case 0:
      return r.sin();
    case 1:
      return r.cos();
    case 2:
      return r.sin().neg();
    default:
      return r.cos().neg();
  }
}
/** a/b of two kernel results (a failure passes through); b = 0 is the domain failure `why`. */
function ratio(a: D | string, b: D | string, why: string): D | string {
  if (typeof a === 'string') return a;
  if (typeof b === 'string') return b;
  return b.isZero() ? why : a.div(b);
}

/** The hyperbolic functions through exp (decimal.js's own series take minutes for cosh(10⁸)):
 * sinh = (eˣ − e⁻ˣ)/2, cosh = (eˣ + e⁻ˣ)/2, tanh = sign(x)(1 − e^(−2|x|))/(1 + e^(−2|x|)), which
 * saturates to ±1 instead of overflowing. Small |x| keeps decimal.js's series (no cancellation). */
function hyper(x: D, Dec: DecimalCtor, which: 'sinh' | 'cosh' | 'tanh'): D | string {
  if (x.abs().lt(1)) return which === 'sinh' ? x.sinh() : which === 'cosh' ? x.cosh() : x.tanh();
  if (which === 'tanh') {
    if (x.abs().gt(EXP_MAX)) return new Dec(x.isNeg() ? -1 : 1);
    const q = x.abs().times(-2).exp();
    const t = new Dec(1).minus(q).div(new Dec(1).plus(q));
    return x.isNeg() ? t.neg() : t;
  }
  const a = expOf(x);
  if (typeof a === 'string') return a;
  const b = inv(a, Dec);
  return (which === 'sinh' ? a.minus(b) : a.plus(b)).div(2);
}

const SQRT_PI = new WeakMap<DecimalCtor, D>();
/** erf at the working precision, by the series with positive terms only (no cancellation):
 * erf x = (2/√π)·e^(−x²)·Σₙ 2ⁿx^(2n+1)/(1·3·…·(2n+1)); each term is the last times 2x²/(2n+1), and
 * the sum stops once a term no longer changes it. Past |x| = √(ln 10 · (precision + 5)) (≈ 17.7 at
 * 128 digits) e^(−x²) is below the last digit, so erf x = sign x exactly at this precision. */
function erfOf(x: D, Dec: DecimalCtor): D {
  const digits = Dec.precision;
  const x2 = x.times(x);
  if (x2.gt(Math.log(10) * (digits + 5))) return new Dec(x.isNeg() ? -1 : 1);
  if (x.isZero()) return new Dec(0);
  let sqrtPi = SQRT_PI.get(Dec);
  if (!sqrtPi) SQRT_PI.set(Dec, (sqrtPi = Dec.acos(-1).sqrt()));
  const twoX2 = x2.times(2);
  let term = x;
  let sum = x;
  // at most ~2x² + 4·digits terms (≈ 1,200 at |x| = 17.7, 128 digits): the terms grow until
  // n ≈ x² and then fall faster than geometrically
  for (let n = 1; n < 100_000; n++) {
    term = term.times(twoX2).div(2 * n + 1);
    const next = sum.plus(term);
    if (next.eq(sum)) break;
    sum = next;
  }
  return sum.times(x2.neg().exp()).times(2).div(sqrtPi);
}

/** One-argument functions of the registry over decimals; a string is the domain failure. */
const UNARY: Readonly<Record<string, Fn1>> = {
  exp: (x) => expOf(x),
  log: (x) => needs(x.gt(0), 'log needs x > 0', () => x.ln()),
  log10: (x) => needs(x.gt(0), 'log10 needs x > 0', () => x.log(10)),
  sqrt: (x) => needs(x.gte(0), 'sqrt needs x ≥ 0', () => x.sqrt()),
  cbrt: (x) => x.cbrt(),
  abs: (x) => x.abs(),
  sign: (x, Dec) => new Dec(x.isZero() ? 0 : x.isNeg() ? -1 : 1),
  sin: (x, Dec) => sinCos(x, 'sin', Dec),
  cos: (x, Dec) => sinCos(x, 'cos', Dec),
  tan: (x, Dec) => ratio(sinCos(x, 'sin', Dec), sinCos(x, 'cos', Dec), 'tan needs cos x ≠ 0'),
  sec: (x, Dec) => ratio(new Dec(1), sinCos(x, 'cos', Dec), 'sec needs cos x ≠ 0'),
  csc: (x, Dec) => ratio(new Dec(1), sinCos(x, 'sin', Dec), 'csc needs sin x ≠ 0'),
  cot: (x, Dec) => ratio(sinCos(x, 'cos', Dec), sinCos(x, 'sin', Dec), 'cot needs sin x ≠ 0'),
  asin: (x) => needs(x.abs().lte(1), 'asin needs −1 ≤ x ≤ 1', () => x.asin()),
  acos: (x) => needs(x.abs().lte(1), 'acos needs −1 ≤ x ≤ 1', () => x.acos()),
  atan: (x) => x.atan(),
  asec: (x, Dec) => needs(x.abs().gte(1), 'asec needs |x| ≥ 1', () => inv(x, Dec).acos()),
  acsc: (x, Dec) => needs(x.abs().gte(1), 'acsc needs |x| ≥ 1', () => inv(x, Dec).asin()),
  acot: (x, Dec) => needs(!x.isZero(), 'acot needs x ≠ 0', () => inv(x, Dec).atan()),
  sinh: (x, Dec) => hyper(x, Dec, 'sinh'),
  cosh: (x, Dec) => hyper(x, Dec, 'cosh'),
  tanh: (x, Dec) => hyper(x, Dec, 'tanh'),
  sech: (x, Dec) => (x.abs().gt(EXP_MAX) ? new Dec(0) : inv(hyper(x, Dec, 'cosh') as D, Dec)),
  csch: (x, Dec) => (x.isZero() ? 'csch needs x ≠ 0' : x.abs().gt(EXP_MAX) ? new Dec(0) : inv(hyper(x, Dec, 'sinh') as D, Dec)),
  coth: (x, Dec) => (x.isZero() ? 'coth needs x ≠ 0' : inv(hyper(x, Dec, 'tanh') as D, Dec)),
  asinh: (x) => x.asinh(),
  acosh: (x) => needs(x.gte(1), 'acosh needs x ≥ 1', () => x.acosh()),
  atanh: (x) => needs(x.abs().lt(1), 'atanh needs −1 < x < 1', () => x.atanh()),
  asech: (x, Dec) => needs(x.gt(0) && x.lte(1), 'asech needs 0 < x ≤ 1', () => inv(x, Dec).acosh()),
  acsch: (x, Dec) => needs(!x.isZero(), 'acsch needs x ≠ 0', () => inv(x, Dec).asinh()),
  acoth: (x, Dec) => needs(x.abs().gt(1), 'acoth needs |x| > 1', () => inv(x, Dec).atanh()),
  relu: (x, Dec) => (x.gt(0) ? x : new Dec(0)),
  erf: (x, Dec) => erfOf(x, Dec),
  heaviside: (x, Dec) => new Dec(x.gt(0) ? 1 : 0),
};

/** b^x over the reals, as src/numeric/number.ts realPow: 0^negative and (negative)^non-integer are
 * undefined, 0^0 = 1. */
function power(b: D, x: D, Dec: DecimalCtor): D | string {
  if (b.isZero()) {
    if (x.isNeg()) return '0 to a negative power is a division by zero';
    return new Dec(x.isZero() ? 1 : 0);
  }
  if (b.isNeg() && !x.isInteger()) return 'a negative base to a non-integer power is not real';
  // refused before computing when the result is surely outside 10^±9e15 (b.e is the decimal exponent)
  const e = (b as unknown as { e: number }).e;
  if (Math.abs(x.toNumber()) * (Math.abs(e) + 1) > 9e15 && !b.abs().eq(1)) {
    // the crude bound |x|·(|exponent| + 1) is far too big for a base near 1: (1 + 10⁻²⁰)^(10²⁰) = e
    if (x.times(b.abs().log(10)).abs().gt(9e15)) return BEYOND;
  }
  return b.pow(x);
}

function makeEvaluator(Dec: DecimalCtor, digits: number): PreciseEvaluator {
  const PI = Dec.acos(-1);
  const E = new Dec(1).exp();
  // a sum keeping fewer than CANCELLED_DIGITS of its digits has cancelled
  const tiny = new Dec(10).pow(CANCELLED_DIGITS - digits);
  let cancelled = false; // the first failure took an argument computed through a cancelled sum
  let degraded = false; // a double-precision fallback was used
  let absorbed = false; // a sum lost a whole term below its last digit
  const ulp = new Dec(10).pow(-digits);
  const tainted = new Set<Expr>();
  const fromTainted = (node: Expr) => children(node).some((k) => tainted.has(k));
  let nearEdge = false; // some failing operation was within `tiny` of being defined
  /** Whether moving one argument by `tiny` (relative, and absolute near 0) makes `g` defined. */
  const movable = (g: (args: readonly D[]) => D | string, args: readonly D[]): boolean =>
    args.some((a, i) =>
      [1, -1].some((sign) => {
        const moved = args.slice();
        moved[i] = a.plus(a.abs().plus(1).times(tiny).times(sign));
        const y = g(moved);
        return typeof y !== 'string' && !y.isNaN();
      }),
    );
  const bad = (why: string, node: Expr) => {
    if (fromTainted(node)) cancelled = true;
    return new Fail<string>('DOMAIN', why, node);
  };
  const check = (y: D | string, node: Expr): D | Fail<string> => (typeof y === 'string' ? bad(y, node) : y.isNaN() ? ((nearEdge = true), bad('not a number', node)) : y);
  /** `g(args)`, and on a domain failure whether it was near the domain's edge */
  const atEdge = (g: (args: readonly D[]) => D | string, args: readonly D[], node: Expr): D | Fail<string> => {
    const y = g(args);
    if ((typeof y === 'string' && y !== BEYOND) || (typeof y !== 'string' && y.isNaN())) nearEdge ||= movable(g, args);
    return check(y, node);
  };

  /** The decimal rows of the operation table (domain.ts), with cancellation tracking per node. */
  const decimalDomain = (env: (name: string) => D | undefined): Domain<D, string> => ({
    num: (node) => new Dec(node.n.toString()).div(new Dec(node.d.toString())),
    constant: (node) => (node.name === 'pi' ? PI : E),
    sym: (node) => env(node.name) ?? bad(`${node.name} has no value`, node),
    diff: (node) => bad('an unevaluated derivative', node),
    neg: (a) => a.neg(),
    add(v, node) {
      let s = v[0]!;
      let size = v[0]!.abs();
      for (let i = 1; i < v.length; i++) {
        s = s.plus(v[i]!);
        size = size.plus(v[i]!.abs());
      }
      if (!size.isZero() && s.abs().lte(size.times(tiny))) tainted.add(node);
      if (!absorbed && !s.isZero()) {
        const floor = s.abs().times(ulp);
        for (const t of v) if (!t.isZero() && t.abs().lt(floor)) absorbed = true;
      }
      return check(s, node);
    },
    mul(v, node) {
      let p = v[0]!;
      for (let i = 1; i < v.length; i++) p = p.times(v[i]!);
      return check(p, node);
    },
    div: (a, b, node) => (b.isZero() ? ((nearEdge = true), bad('division by zero', node)) : check(a.div(b), node)),
    pow: (b, x, node) => atEdge(([p, q]) => power(p!, q!, Dec), [b, x], node),
    call(v, node) {
      const spec = getFunction(node.fn);
      const f = UNARY[node.fn];
      if (f && v.length === 1) return atEdge(([a]) => f(a!, Dec), v, node);
      const def = definitionTree(spec);
      if (def) {
        const r = evalTree(def, (name) => v[placeholderIndex(name) ?? -1]);
        return r instanceof Fail ? bad(`${spec.name}: ${r.message}`, node) : r;
      }
      // a function without a decimal kernel: its float value (the only such case would be a
      // new registry entry; precision then degrades to a double's, visibly in the digits)
      if (spec.domain && !spec.domain(...v.map((x) => x.toNumber()))) return (nearEdge = true), bad(`${spec.name} is undefined here`, node);
      degraded = true;
      return check(new Dec(spec.eval(...v.map((x) => x.toNumber()))), node);
    },
    after(node, y) {
      // a value computed through a cancelled sum is itself tainted
      if (fromTainted(node)) tainted.add(node);
      return y;
    },
  });
  const evalTree = (root: Expr, env: (name: string) => D | undefined): D | Fail<string> => evaluateIn(decimalDomain(env), root);

  return {
    digits,
    num: (x) => new Dec(typeof x === 'number' ? String(x) : x),
    evaluate(e, point) {
      const cache = new Map<string, D>();
      const env = (name: string): D | undefined => {
        let x = cache.get(name);
        if (!x && Object.hasOwn(point, name)) cache.set(name, (x = new Dec(String(point[name]))));
        return x;
      };
      cancelled = false;
      nearEdge = false;
      degraded = false;
      absorbed = false;
      tainted.clear();
      let r: D | Fail<string>;
      try {
        r = evalTree(e, env);
      } catch (err) {
        // decimal.js's own limits (π to 1,025 digits) are a failure of this precision, not a crash
        if (!(err instanceof Error) || !err.message.startsWith('[DecimalError]')) throw err;
        return { ok: false, reason: TRIG_FAR, cancelled, nearEdge: true };
      }
      if (r instanceof Fail) return { ok: false, reason: r.message, cancelled, nearEdge };
      if (!r.isFinite()) return { ok: false, reason: BEYOND, cancelled, nearEdge: false };
      const rootTainted = tainted.has(e);
      let termScale = new Dec(0);
      if (e.kind === 'add') {
        for (const t of e.terms) {
          const tv = evalTree(t, env);
          if (!(tv instanceof Fail)) termScale = termScale.plus(tv.abs());
        }
      }
      return { ok: true, value: r, termScale, tainted: rootTainted, degraded, absorbed };
    },
  };
}

/** A decimal for a message: SHOWN_DIGITS significant digits. */
export function showPrecise(x: D): string {
  return x.toSignificantDigits(SHOWN_DIGITS).toString();
}
