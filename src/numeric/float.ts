// Float64 evaluation by explicit-stack tree walk: the REPORTING path. The result is data, never an
// exception, and never a silent NaN: every NaN is caught where it first appears and reported as
// DOMAIN with the offending subtree (a call outside its spec.domain, division by zero,
// 0^negative, a negative base to a non-integer power, ∞ − ∞, 0·∞, …). Overflow to ±∞ is NOT an
// error: it is the IEEE value (exp(1000) = ∞, and 1/exp(1000) = 0 follows from it).
// Invariant: compile.ts returns NaN at exactly the points where this reports DOMAIN.
import type { Expr } from '../ast/nodes.js';
import { getFunction, type FunctionSpec } from '../functions/index.js';
import { formatNumber, ratToNumber } from './number.js';
import { type Domain, evaluateIn } from './domain.js';
import { describeArgs, type EvalFailure, Fail, lookup } from './walk.js';

export type FloatErrorCode = 'DOMAIN' | 'UNBOUND_VARIABLE' | 'UNEVALUATED';
export type EvalResult = { readonly ok: true; readonly value: number } | EvalFailure<FloatErrorCode>;
/** Values of the variables, by canonical name. */
export type Point = Readonly<Record<string, number>> | ReadonlyMap<string, number>;

export interface EvalOptions {
  /** where call nodes find their spec; the registry by default (tests pass extra specs) */
  readonly functions?: (name: string) => FunctionSpec;
}

export function evaluate(e: Expr, at: Point, opts: EvalOptions = {}): EvalResult {
  const r = evaluateIn(floatDomain(at, opts.functions ?? getFunction), e);
  return r instanceof Fail ? r.toResult() : Object.freeze({ ok: true, value: r });
}

/** The value of `fn(...args)` for a spec, or the reason it has none (a DOMAIN message). */
export function callValue(spec: FunctionSpec, args: readonly number[]): number | string {
  const undef = () =>
    `${spec.name} is undefined at ${describeArgs(spec, args.map(formatNumber))}` +
    (spec.domainText ? `: needs ${spec.domainText}` : '');
  if (spec.domain && !spec.domain(...args)) return undef();
  const y = spec.eval(...args);
  return Number.isNaN(y) ? undef() : y;
}

/** The float64 rows of the operation table (domain.ts), reporting every NaN where it appears. */
function floatDomain(at: Point, spec: (name: string) => FunctionSpec): Domain<number, FloatErrorCode> {
  const domain = (message: string, node: Expr) => new Fail<FloatErrorCode>('DOMAIN', message, node);
  return {
    num: (node) => ratToNumber(node.n, node.d),
    constant: (node) => (node.name === 'e' ? Math.E : Math.PI),
    diff: (node) => new Fail<FloatErrorCode>('UNEVALUATED', `d/d${node.wrt}(…) is an unevaluated derivative: derive it first`, node),
    sym(node) {
      const x = lookup(at, node.name);
      if (typeof x !== 'number') return new Fail('UNBOUND_VARIABLE', `${node.name} has no value`, node);
      // A NaN given as input is reported here rather than surfacing as a domain error elsewhere.
      return Number.isNaN(x) ? domain(`${node.name} is not a number (NaN)`, node) : x;
    },
    add(v, node) {
      let s = v[0]!;
      for (let i = 1; i < v.length; i++) s += v[i]!;
      return Number.isNaN(s) ? domain('the sum is undefined: it adds ∞ and -∞', node) : s;
    },
    mul(v, node) {
      let p = v[0]!;
      for (let i = 1; i < v.length; i++) p *= v[i]!;
      return Number.isNaN(p) ? domain('the product is undefined: it multiplies 0 by ∞', node) : p;
    },
    neg: (a) => -a,
    div(a, b, node) {
      if (b === 0) return domain(`division by zero: the denominator is 0 (numerator ${formatNumber(a)})`, node);
      const q = a / b;
      return Number.isNaN(q) ? domain('the quotient is undefined: it divides ∞ by ∞', node) : q;
    },
    pow(b, x, node) {
      // Same conditions, in the same order, as realPow in number.ts (compile.ts uses that).
      if (b === 0 && x < 0) return domain(`0 to a negative power (${formatNumber(x)}) is a division by zero`, node);
      if (b < 0 && !Number.isInteger(x)) {
        return domain(
          `a negative base to a non-integer power is not real: (${formatNumber(b)})^${formatNumber(x)}` +
            ' (for the real cube root write cbrt(…))',
          node,
        );
      }
      const y = Math.pow(b, x);
      return Number.isNaN(y) ? domain(`${formatNumber(b)}^${formatNumber(x)} is undefined`, node) : y;
    },
    call(v, node) {
      const s = spec(node.fn);
      if (v.length !== s.arity) throw new Error(`internal: ${node.fn} called with ${v.length} arguments, needs ${s.arity}`);
      if (s.indexed) return new Fail<FloatErrorCode>('UNEVALUATED', `${node.fn} is a function of a whole vector over K classes: it has a value only written out over its components (softmax(a_1) = e^(a_1)/(e^(a_1) + e^(a_2) + e^(a_3)) for K = 3)`, node);
      const y = callValue(s, v);
      return typeof y === 'string' ? domain(y, node) : y;
    },
  };
}
