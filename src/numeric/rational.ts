// Exact evaluation over the rationals (fraction.js, bigint-backed) for expressions built from
// + − × ÷, neg and powers with rational results (integer exponents; a rational exponent p/q when
// the base is an exact q-th power, e.g. (9/4)^(1/2) = 3/2), plus calls whose spec.definition is
// itself rational (MSE). Invariants: never a float anywhere; every intermediate numerator and
// denominator stays under MAX_BITS (a power is refused BEFORE it is computed), so no input can
// make it hang; real semantics as float.ts (negative base to a non-integer power is DOMAIN).
import Fraction from 'fraction.js';
import type { Expr } from '../ast/nodes.js';
import { getFunction, type FunctionSpec } from '../functions/index.js';
import { type Domain, evaluateIn } from './domain.js';
import type { EvalOptions } from './float.js';
import { bitLength } from './number.js';
import { definitionTree, type EvalFailure, Fail, lookup, placeholderIndex } from './walk.js';

export type RationalErrorCode = 'NOT_RATIONAL' | 'DOMAIN' | 'UNBOUND_VARIABLE' | 'EXPONENT_TOO_LARGE' | 'BAD_VALUE';
/** An exact rational: d > 0, gcd(n, d) = 1, the sign in n. */
export interface RationalValue {
  readonly n: bigint;
  readonly d: bigint;
}
export type RationalResult = { readonly ok: true; readonly value: RationalValue } | EvalFailure<RationalErrorCode>;
/** {n, d} bigints, a bigint, a decimal or fraction string ("1.5", "-3/4", "2e-3"), or a JS
 * number, which is read as its shortest decimal form (String(0.1) = "0.1", so 0.1 means 1/10). */
export type RationalInput = RationalValue | bigint | string | number;
export type RationalPoint = Readonly<Record<string, RationalInput>> | ReadonlyMap<string, RationalInput>;

/** The task's guard: ~100,000 bits (about 30,000 decimal digits) per numerator or denominator. */
export const MAX_BITS = 100_000;
const LIMIT = 1n << BigInt(MAX_BITS);
/** Largest decimal exponent / digit count a string may carry: 10^30103 > 2^100000. */
const MAX_DECIMAL_DIGITS = Math.floor(MAX_BITS / Math.log2(10));

type R = Fraction;

export function evaluateRational(e: Expr, at: RationalPoint, opts: EvalOptions = {}): RationalResult {
  const spec = opts.functions ?? getFunction;
  const input = new Map<string, R | Fail<RationalErrorCode>>();
  const read = (node: Expr & { kind: 'sym' }): R | Fail<RationalErrorCode> => {
    let v = input.get(node.name);
    if (!v) {
      const raw = lookup(at, node.name);
      v = raw === undefined ? new Fail('UNBOUND_VARIABLE', `${node.name} has no value`, node) : toFraction(raw, node);
      input.set(node.name, v);
    }
    return v;
  };
  const walk = (root: Expr, env: (node: Expr & { kind: 'sym' }) => R | Fail<RationalErrorCode>): R | Fail<RationalErrorCode> =>
    evaluateIn(rationalDomain(env, spec, walk), root);
  const r = walk(e, read);
  return r instanceof Fail ? r.toResult() : Object.freeze({ ok: true, value: Object.freeze({ n: r.s * r.n, d: r.d }) });
}

type Env = (node: Expr & { kind: 'sym' }) => R | Fail<RationalErrorCode>;

/** The exact-rational rows of the operation table (domain.ts). `walk` evaluates a definition. */
function rationalDomain(
  env: Env, spec: (name: string) => FunctionSpec, walk: (root: Expr, env: Env) => R | Fail<RationalErrorCode>,
): Domain<R, RationalErrorCode> {
  return {
    num: (node) => new Fraction(node.n, node.d),
    sym: (node) => env(node),
    constant: (node) => new Fail('NOT_RATIONAL', `${node.name === 'pi' ? 'π' : 'e'} is irrational`, node),
    diff: (node) => new Fail('NOT_RATIONAL', 'an unevaluated derivative has no exact value', node),
    neg: (a) => a.neg(),
    add: (v, node) => naryFold(v, node),
    mul: (v, node) => naryFold(v, node),
    div(a, b, node) {
      if (b.n === 0n) return new Fail('DOMAIN', 'division by zero: the denominator is 0', node);
      return sized(a.div(b), node);
    },
    pow: (b, x, node) => power(b, x, node),
    call(v, node) {
      // A call is exact when its definition is (MSE = (p−t)²); BCE and σ reach log/exp and stop.
      const s = spec(node.fn);
      const def = definitionTree(s);
      if (!def) return new Fail('NOT_RATIONAL', `${s.name} is not evaluated exactly (it is not a rational function)`, node);
      const r: R | Fail<RationalErrorCode> = walk(def, (p) => {
        const arg = v[placeholderIndex(p.name) ?? -1];
        if (!arg) throw new Error(`internal: the definition of ${s.name} has a free symbol ${p.name}`);
        return arg;
      });
      if (r instanceof Fail) {
        // Point at the user's call, not inside the definition, which has no span.
        const why = r.code === 'NOT_RATIONAL' ? `${s.name} is not evaluated exactly (its definition is not rational)` : `${s.name}: ${r.message}`;
        return new Fail(r.code, why, node);
      }
      return r;
    },
  };
}

/** A sum or product, left to right, checking the size after EVERY step: a product of many
 * near-limit factors must stop at the first one too many, not after computing all of them. */
function naryFold(v: readonly R[], node: Expr & { kind: 'add' | 'mul' }): R | Fail<RationalErrorCode> {
  let acc = v[0]!;
  for (let i = 1; i < v.length; i++) {
    const next = node.kind === 'add' ? acc.add(v[i]!) : acc.mul(v[i]!);
    const ok = sized(next, node);
    if (ok instanceof Fail) return ok;
    acc = ok;
  }
  return acc;
}

function sized(x: R, node: Expr): R | Fail<RationalErrorCode> {
  return x.n >= LIMIT || x.d >= LIMIT ? tooLarge(node) : x;
}
function tooLarge(node: Expr): Fail<RationalErrorCode> {
  return new Fail('EXPONENT_TOO_LARGE', `the exact value would have more than ${MAX_BITS} bits`, node);
}

function power(b: R, x: R, node: Expr): R | Fail<RationalErrorCode> {
  const p = x.s * x.n; // exponent p/q in lowest terms
  const q = x.d;
  if (b.n === 0n) {
    if (p < 0n) return new Fail('DOMAIN', '0 to a negative power is a division by zero', node);
    return p === 0n ? new Fraction(1) : new Fraction(0); // 0^0 = 1, as float.ts
  }
  if (b.s < 0n && q !== 1n) return new Fail('DOMAIN', 'a negative base to a non-integer power is not real', node);
  if (b.n === 1n && b.d === 1n) return new Fraction(b.s < 0n && p % 2n !== 0n ? -1 : 1); // (±1)^k, any k
  let base = b;
  if (q !== 1n) {
    // A q-th root is exact only if numerator and denominator are perfect q-th powers; a root of
    // index beyond the bit length can only be 1, which was handled above.
    const rn = q <= BigInt(bitLength(b.n)) ? iroot(b.n, q) : undefined;
    const rd = b.d === 1n ? 1n : q <= BigInt(bitLength(b.d)) ? iroot(b.d, q) : undefined;
    if (rn === undefined || rd === undefined) return new Fail('NOT_RATIONAL', 'the power is irrational (the base is not an exact root)', node);
    base = new Fraction(rn, rd);
  }
  // Predict the size BEFORE computing: bits(result) ≈ |p| · log2(larger of numerator, denominator).
  if (Math.abs(Number(p)) * log2(base.n > base.d ? base.n : base.d) > MAX_BITS) return tooLarge(node);
  return base.pow(p);
}

/** log2 of a positive bigint, from its top 53 bits (a double cannot hold more). */
function log2(x: bigint): number {
  const drop = Math.max(0, bitLength(x) - 53);
  return Math.log2(Number(x >> BigInt(drop))) + drop;
}

/** The exact integer q-th root of n > 0, or undefined if n is not a perfect q-th power. */
function iroot(n: bigint, q: bigint): bigint | undefined {
  const step = (x: bigint) => ((q - 1n) * x + n / x ** (q - 1n)) / q;
  // Start from a float estimate 2^(log2 n / q), good to ~2^-50 relative: Newton converges
  // quadratically from there (from a power-of-two guess it can crawl for ~q steps when q is large).
  const lg = log2(n) / Number(q);
  const keep = Math.max(0, Math.floor(lg) - 52);
  let x = BigInt(Math.ceil(2 ** (lg - keep))) << BigInt(keep);
  if (x < 1n) x = 1n;
  // One step from anywhere lands at or above floor(root) (AM–GM); from there it decreases to it.
  x = step(x);
  if (x < 1n) x = 1n;
  for (;;) {
    const y = step(x);
    if (y >= x) break;
    x = y;
  }
  return x ** q === n ? x : undefined;
}

function toFraction(raw: RationalInput, node: Expr): R | Fail<RationalErrorCode> {
  const bad = (why: string) => new Fail<RationalErrorCode>('BAD_VALUE', `${(node as { name?: string }).name}: ${why}`, node);
  if (typeof raw === 'bigint') return sized(new Fraction(raw), node);
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return bad(`${raw} is not a finite number`);
    raw = String(raw);
  }
  if (typeof raw === 'string') {
    const v = parseRational(raw);
    if (v === 'too-large') return tooLarge(node);
    if (!v) return bad(`"${raw.length > 40 ? raw.slice(0, 40) + '…' : raw}" is not a decimal or a fraction`);
    raw = v;
  }
  if (typeof raw.n !== 'bigint' || typeof raw.d !== 'bigint') return bad('n and d must be bigints');
  if (raw.d === 0n) return bad('the denominator is 0');
  return sized(new Fraction(raw.n, raw.d), node);
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parse "12", "-1.5", ".5", "2e-3" or a fraction of two of them ("-3/4", "1.5/2") exactly.
 * Returns undefined for anything else and 'too-large' beyond MAX_BITS. */
export function parseRational(s: string): RationalValue | undefined | 'too-large' {
  const parts = s.trim().split('/');
  if (parts.length > 2) return undefined;
  const vals: RationalValue[] = [];
  for (const part of parts) {
    const m = DECIMAL.exec(part.trim());
    if (!m) return undefined;
    const [, sign, int = '', frac = '', exp = '0'] = m;
    if (int === '' && frac === '') return undefined;
    if (int.length + frac.length > MAX_DECIMAL_DIGITS || exp.replace(/^[+-]?0*/, '').length > 7) return 'too-large';
    const e = Number(exp) - frac.length; // value = digits × 10^e
    if (Math.abs(e) > MAX_DECIMAL_DIGITS) return 'too-large';
    let n = BigInt(int + frac || '0') * (sign === '-' ? -1n : 1n);
    let d = 1n;
    if (e >= 0) n *= 10n ** BigInt(e);
    else d = 10n ** BigInt(-e);
    vals.push({ n, d });
  }
  const [a, b] = vals as [RationalValue, RationalValue | undefined];
  if (!b) return normal(a.n, a.d);
  if (b.n === 0n) return undefined;
  return normal(a.n * b.d, a.d * b.n);
}

function normal(n: bigint, d: bigint): RationalValue | 'too-large' {
  const f = new Fraction(n, d);
  if (f.n >= LIMIT || f.d >= LIMIT) return 'too-large';
  return { n: f.s * f.n, d: f.d };
}
