// Complex evaluation for complex-step checks (f'(x) ≈ Im f(x + ih)/h): functions via mathjs
// (spec.mathjs) or spec.definition (σ, BCE, MSE). mathjs takes ~0.5 s to load, so it is imported
// LAZILY, once, by loadComplexEvaluator(). Invariants: arithmetic is ours (integer powers by
// multiplication: (−3)² gets no imaginary noise from a branch cut); each function continues its
// REAL spec off the real axis; never NaN (DOMAIN); non-analytic off the axis → NOT_ANALYTIC.
import type { Expr } from '../ast/nodes.js';
import { getFunction, type FunctionSpec } from '../functions/index.js';
import type { EvalOptions } from './float.js';
import { cacos, casin, catan } from './complex-kernels.js';
import { formatNumber, ratToNumber } from './number.js';
import { type Domain, evaluateIn } from './domain.js';
import { definitionTree, describeArgs, type EvalFailure, Fail, lookup, placeholderIndex } from './walk.js';

export interface ComplexValue {
  readonly re: number;
  readonly im: number;
}
export type ComplexInput = number | ComplexValue;
export type ComplexPoint = Readonly<Record<string, ComplexInput>> | ReadonlyMap<string, ComplexInput>;
export type ComplexErrorCode = 'DOMAIN' | 'UNBOUND_VARIABLE' | 'NOT_ANALYTIC' | 'UNEVALUATED';
export type ComplexResult = { readonly ok: true; readonly value: ComplexValue } | EvalFailure<ComplexErrorCode>;

export interface ComplexEvaluator {
  evaluate(e: Expr, at: ComplexPoint, opts?: EvalOptions): ComplexResult;
}

/** No analytic continuation: spec.holomorphic is false (|z| and z/|z| have no complex derivative),
 * or the spec has neither a mathjs name nor a definition (relu, heaviside). */
const notAnalytic = (spec: FunctionSpec): boolean => spec.holomorphic === false || (!spec.mathjs && !spec.definition);

type C = ComplexValue;
type MathFn = (z: unknown) => unknown;
interface MathLib {
  complex(re: number, im: number): unknown;
  pow(a: unknown, b: unknown): unknown;
  [name: string]: unknown;
}

let loading: Promise<ComplexEvaluator> | undefined;

/** Load mathjs (once) and return the evaluator. */
export function loadComplexEvaluator(): Promise<ComplexEvaluator> {
  loading ??= import('mathjs').then((m) => makeEvaluator(m as unknown as MathLib));
  return loading;
}

/** One-off convenience; prefer loadComplexEvaluator() in loops. */
export async function evaluateComplex(e: Expr, at: ComplexPoint, opts?: EvalOptions): Promise<ComplexResult> {
  return (await loadComplexEvaluator()).evaluate(e, at, opts);
}

export function formatComplex(z: C): string {
  if (z.im === 0) return formatNumber(z.re);
  const im = `${formatNumber(Math.abs(z.im))}i`;
  return z.re === 0 ? (z.im < 0 ? `-${im}` : im) : `${formatNumber(z.re)} ${z.im < 0 ? '-' : '+'} ${im}`;
}

const ONE: C = { re: 1, im: 0 };
const isNaNC = (z: C) => Number.isNaN(z.re) || Number.isNaN(z.im);
const finite = (z: C) => Number.isFinite(z.re) && Number.isFinite(z.im);

function mul(a: C, b: C): C {
  // Real factors skip the cross terms: an exact zero part stays zero (∞·0 would make NaN).
  if (a.im === 0 && b.im === 0) return { re: a.re * b.re, im: 0 };
  if (b.im === 0) return { re: a.re * b.re, im: a.im * b.re };
  if (a.im === 0) return { re: a.re * b.re, im: a.re * b.im };
  return { re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re };
}

/** a / b by Smith's algorithm (no overflow in |b|²); b ≠ 0. */
function div(a: C, b: C): C {
  if (b.im === 0) return { re: a.re / b.re, im: a.im / b.re };
  if (Math.abs(b.re) >= Math.abs(b.im)) {
    const r = b.im / b.re;
    const den = b.re + b.im * r;
    return { re: (a.re + a.im * r) / den, im: (a.im - a.re * r) / den };
  }
  const r = b.re / b.im;
  const den = b.re * r + b.im;
  return { re: (a.re * r + a.im) / den, im: (a.im * r - a.re) / den };
}

/** z^k for an integer k by binary powering: exact where real arithmetic is (no log/exp). */
function intPow(z: C, k: number): C {
  let acc: C = ONE;
  let base = z;
  let n = Math.abs(k);
  while (n > 0) {
    if (n % 2 === 1) acc = mul(acc, base);
    n = Math.floor(n / 2);
    if (n > 0) base = mul(base, base);
  }
  return k < 0 ? div(ONE, acc) : acc;
}

function makeEvaluator(math: MathLib): ComplexEvaluator {
  const toC = (r: unknown): C => {
    if (typeof r === 'number') return { re: r, im: 0 };
    const z = r as { re?: unknown; im?: unknown };
    if (typeof z.re === 'number' && typeof z.im === 'number') return { re: z.re, im: z.im };
    throw new Error(`internal: mathjs returned ${String(r)}`);
  };
  const apply = (name: string, z: C): C => {
    const f = math[name];
    if (typeof f !== 'function') throw new Error(`internal: mathjs has no function ${name}`);
    return toC((f as MathFn)(math.complex(z.re, z.im)));
  };
  const inv = (z: C) => div(ONE, z);
  /** Functions not taken from mathjs. cbrt: mathjs gives the principal root (cbrt(−8) = 1 + 1.73i)
   * but the spec is the real cube root (−2), which near the negative axis continues as −cbrt(−z).
   * asin/acos/atan: mathjs loses small imaginary parts (complex-kernels.ts). The reciprocal ones
   * follow their specs (acot x = atan(1/x), which mathjs puts on another branch for x < 0). */
  const OVERRIDES: Readonly<Record<string, (z: C) => C>> = {
    cbrt: (z) => (z.re < 0 ? neg(apply('cbrt', neg(z))) : apply('cbrt', z)),
    asin: casin,
    acos: cacos,
    atan: catan,
    acsc: (z) => casin(inv(z)),
    asec: (z) => cacos(inv(z)),
    acot: (z) => catan(inv(z)),
  };

  function callValue(spec: FunctionSpec, args: C[], node: Expr, opts: EvalOptions): C | Fail<ComplexErrorCode> {
    const at = () => describeArgs(spec, args.map(formatComplex));
    const real = args.every((z) => z.im === 0);
    if (notAnalytic(spec)) {
      // On the real axis the real value is fine; off it there is no analytic value to give.
      if (!real) return new Fail('NOT_ANALYTIC', `${spec.name} is not analytic, so it has no value at ${at()}`, node);
      const xs = args.map((z) => z.re);
      if (spec.domain && !spec.domain(...xs)) return new Fail('DOMAIN', `${spec.name} is undefined at ${at()}`, node);
      return { re: spec.eval(...xs), im: 0 };
    }
    let y: C;
    if (spec.mathjs && spec.arity === 1) {
      y = (OVERRIDES[spec.name] ?? ((z: C) => apply(spec.mathjs!, z)))(args[0]!);
    } else {
      const r = walk(definitionTree(spec)!, (p) => {
        const z = args[placeholderIndex(p.name) ?? -1];
        if (!z) throw new Error(`internal: the definition of ${spec.name} has a free symbol ${p.name}`);
        return z;
      }, opts);
      // Point at the user's call: the definition's inner nodes have no span.
      if (r instanceof Fail) return new Fail(r.code, `${spec.name} at ${at()}: ${r.message}`, node);
      y = r;
    }
    // A non-finite value at finite arguments is a singularity (log 0, a pole such as coth 0) or an
    // overflow; neither can take part in a complex-step check, so both are reported.
    if (isNaNC(y) || (!finite(y) && args.every(finite))) {
      return new Fail('DOMAIN', `${spec.name} has no finite value at ${at()}`, node);
    }
    return y;
  }

  function pow(b: C, x: C, node: Expr): C | Fail<ComplexErrorCode> {
    const fail = (m: string) => new Fail<ComplexErrorCode>('DOMAIN', m, node);
    if (x.im === 0 && Number.isSafeInteger(x.re)) {
      if (b.re === 0 && b.im === 0 && x.re < 0) return fail('0 to a negative power is a division by zero');
      return intPow(b, x.re);
    }
    if (b.re === 0 && b.im === 0) return x.re > 0 ? { re: 0, im: 0 } : fail(`0^(${formatComplex(x)}) is undefined`);
    // Principal value exp(x·log b): complex semantics, so (−8)^(1/3) = 1 + 1.73i here.
    return toC(math.pow(math.complex(b.re, b.im), math.complex(x.re, x.im)));
  }

  type Env = (s: Expr & { kind: 'sym' }) => C | Fail<ComplexErrorCode>;

  /** The complex rows of the operation table (domain.ts); every NaN is reported where it appears. */
  function complexDomain(env: Env, opts: EvalOptions): Domain<C, ComplexErrorCode> {
    const spec = opts.functions ?? getFunction;
    return {
      num: (node) => ({ re: ratToNumber(node.n, node.d), im: 0 }),
      diff: (node) => new Fail('UNEVALUATED', 'an unevaluated derivative: derive it first', node),
      constant: (node) => ({ re: node.name === 'e' ? Math.E : Math.PI, im: 0 }),
      sym: (node) => env(node),
      add: (v) => v.reduce((s, z) => ({ re: s.re + z.re, im: s.im + z.im })),
      mul: (v) => v.reduce(mul),
      neg: (a) => neg(a),
      div(a, b, node) {
        if (b.re === 0 && b.im === 0) return new Fail('DOMAIN', 'division by zero: the denominator is 0', node);
        return div(a, b);
      },
      pow: (b, x, node) => pow(b, x, node),
      call(v, node) {
        const s = spec(node.fn);
        if (v.length !== s.arity) throw new Error(`internal: ${node.fn} called with ${v.length} arguments, needs ${s.arity}`);
        return callValue(s, [...v], node, opts);
      },
      after(node, y) {
        // num, const, neg and diff were never checked for NaN (their values cannot be a new NaN)
        if (node.kind === 'num' || node.kind === 'const' || node.kind === 'neg' || node.kind === 'diff') return y;
        if (!(y instanceof Fail) && isNaNC(y)) return new Fail('DOMAIN', `the value is undefined (NaN) at this ${node.kind}`, node);
        return y;
      },
    };
  }

  function walk(root: Expr, env: Env, opts: EvalOptions): C | Fail<ComplexErrorCode> {
    return evaluateIn(complexDomain(env, opts), root);
  }

  return {
    evaluate(e, at, opts = {}) {
      const env = (node: Expr & { kind: 'sym' }): C | Fail<ComplexErrorCode> => {
        const x = lookup(at, node.name);
        if (typeof x === 'number') return { re: x, im: 0 };
        if (x && typeof x.re === 'number' && typeof x.im === 'number') return { re: x.re, im: x.im };
        return new Fail('UNBOUND_VARIABLE', `${node.name} has no value`, node);
      };
      const r = walk(e, env, opts);
      return r instanceof Fail ? r.toResult() : Object.freeze({ ok: true, value: Object.freeze({ re: r.re, im: r.im }) });
    },
  };
}

function neg(z: C): C {
  return { re: -z.re, im: -z.im };
}
