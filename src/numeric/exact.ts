// Exact values for the rational parts of answer checking (ANSWER policy, first tier): when both
// answers are rational functions of the variables (+ − × ÷, integer powers, exact roots of
// constants, MSE), they are compared EXACTLY at a rational version of each sample point (rational.ts) — no
// tolerance, so a constant term off by 1 in a degree-13 polynomial (relative 10⁻¹³) is still a
// difference. Past the size guard of exact rationals ((x − a)^5999 at a 17-digit point has ~340,000
// bits) values are compared modulo several primes instead, drawn at random (seeded) from [2⁶¹, 2⁶²):
// a difference mod p proves a difference; equal residues of unequal rationals need the difference's
// numerator to be divisible by every drawn prime, which no fixed input can arrange (2⁶¹·x^65 against
// x^65 fooled the one fixed prime 2⁶¹ − 1, since 2⁶¹ ≡ 1 there).
// Invariants: never a float in a decision; every failure is a reason, never an exception.
import type { Expr } from '../ast/nodes.js';
import { children } from '../ast/traverse.js';
import { getFunction } from '../functions/index.js';
import { evaluateRational, type RationalValue } from './rational.js';
import { type Domain, evaluateIn } from './domain.js';
import { mulberry32 } from './random.js';
import { definitionTree, Fail, placeholderIndex } from './walk.js';

/** The Mersenne prime 2⁶¹ − 1 (the default modulus of modValue when no prime is given). */
export const P = (1n << 61n) - 1n;

/** Primes per comparison: a numerator of ≤ 100,000 bits has at most ~1,640 prime factors ≥ 2⁶¹,
 * among the ~2⁵⁶ primes of [2⁶¹, 2⁶²), so three random ones all dividing it has probability < 2⁻¹⁴⁰. */
export const MOD_PRIMES = 3;

/** Deterministic Miller–Rabin for n < 3.3·10²⁴ (the first 13 prime bases suffice). */
export function isPrime(n: bigint): boolean {
  if (n < 2n) return false;
  const bases = [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n, 41n];
  for (const b of bases) if (n % b === 0n) return n === b;
  let d = n - 1n;
  let r = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    r++;
  }
  const pw = (b: bigint, e: bigint): bigint => {
    let acc = 1n;
    b %= n;
    while (e > 0n) {
      if (e & 1n) acc = (acc * b) % n;
      b = (b * b) % n;
      e >>= 1n;
    }
    return acc;
  };
  outer: for (const a of bases) {
    let x = pw(a, d);
    if (x === 1n || x === n - 1n) continue;
    for (let i = 1; i < r; i++) {
      x = (x * x) % n;
      if (x === n - 1n) continue outer;
    }
    return false;
  }
  return true;
}

/** `count` distinct primes in [2⁶¹, 2⁶²), drawn from a stream seeded by `seed` (the submission's
 * seed: deterministic per answer, unknown before the answer is written). */
export function primesFor(seed: number, count = MOD_PRIMES): bigint[] {
  const rng = mulberry32(seed ^ 0x3c6ef372);
  const out: bigint[] = [];
  while (out.length < count) {
    let n = (1n << 61n) | (BigInt(Math.floor(rng() * 2 ** 30)) << 31n) | (BigInt(Math.floor(rng() * 2 ** 30)) << 1n) | 1n;
    while (!isPrime(n)) n += 2n;
    if (!out.includes(n)) out.push(n);
  }
  return out;
}

export type ExactValue =
  | { readonly kind: 'value'; readonly value: RationalValue }
  | { readonly kind: 'domain'; readonly reason: string }
  /** the exact value would be too large: compare modulo P */
  | { readonly kind: 'too-large' }
  /** not a rational expression (π, exp, a non-exact root, …): use floats and decimals */
  | { readonly kind: 'not-rational' };

/** Integer powers beyond this go straight to residues mod P: exact rationals would get there
 * anyway past MAX_BITS, but only after seconds of bigint work ((x⁴ + 1)^399 at a 17-digit point
 * has ~92,000 bits, just under the guard, and takes ~2 s in fraction.js). */
export const MAX_EXACT_POWER = 64;

const bigPower = new WeakMap<Expr, boolean>();
function hasBigPower(e: Expr): boolean {
  let r = bigPower.get(e);
  if (r === undefined) {
    r = false;
    const stack = [e];
    while (stack.length && !r) {
      const x = stack.pop()!;
      if (x.kind === 'pow') {
        const k = integerOf(x.exp);
        if (k !== undefined && (k > BigInt(MAX_EXACT_POWER) || k < -BigInt(MAX_EXACT_POWER))) r = true;
      }
      stack.push(...children(x));
    }
    bigPower.set(e, r);
  }
  return r;
}

/** The exact value of e at a point whose coordinates are read as their shortest decimal forms. */
export function exactValue(e: Expr, point: Readonly<Record<string, number>>): ExactValue {
  if (hasBigPower(e)) return { kind: 'too-large' };
  const r = evaluateRational(e, point);
  if (r.ok) return { kind: 'value', value: r.value };
  switch (r.code) {
    case 'DOMAIN':
      return { kind: 'domain', reason: r.message };
    case 'EXPONENT_TOO_LARGE':
      return { kind: 'too-large' };
    default:
      return { kind: 'not-rational' };
  }
}

/** Arithmetic modulo one prime p. */
function ring(p: bigint) {
  const mod = (a: bigint): bigint => {
    const r = a % p;
    return r < 0n ? r + p : r;
  };
  const modPow = (b: bigint, e: bigint): bigint => {
    let r = 1n;
    b = mod(b);
    while (e > 0n) {
      if (e & 1n) r = (r * b) % p;
      b = (b * b) % p;
      e >>= 1n;
    }
    return r;
  };
  /** b⁻¹ mod p, undefined for b ≡ 0 (Fermat: b^(p−2)). */
  const modInv = (b: bigint): bigint | undefined => (mod(b) === 0n ? undefined : modPow(b, p - 2n));
  return { p, mod, modPow, modInv };
}
type Ring = ReturnType<typeof ring>;

/** The shortest decimal of a double as an exact fraction n/10^k. */
function decimalFraction(x: number): { n: bigint; d: bigint } | undefined {
  if (!Number.isFinite(x)) return undefined;
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) return undefined;
  const [, sign, int, frac = '', exp = '0'] = m;
  const k = Number(exp) - frac.length;
  let n = BigInt(int! + frac) * (sign === '-' ? -1n : 1n);
  let d = 1n;
  if (k >= 0) n *= 10n ** BigInt(k);
  else d = 10n ** BigInt(-k);
  return { n, d };
}

/**
 * e modulo the prime p (default P) at the point, or undefined when that is not defined (a
 * non-rational node, a non-integer exponent, or a denominator ≡ 0 mod p — then the caller falls
 * back to decimals).
 */
export function modValue(e: Expr, point: Readonly<Record<string, number>>, p: bigint = P): bigint | undefined {
  const R = ring(p);
  const { mod, modInv } = R;
  const walk = (root: Expr, env: (name: string) => bigint | undefined): bigint | Fail<string> => evaluateIn(modDomain(R, env, walk), root);
  const values = new Map<string, bigint | undefined>();
  const env = (name: string): bigint | undefined => {
    if (!values.has(name)) {
      const f = Object.hasOwn(point, name) ? decimalFraction(point[name]!) : undefined;
      const i = f && modInv(f.d);
      values.set(name, f && i !== undefined ? mod(f.n * i) : undefined);
    }
    return values.get(name);
  };
  const r = walk(e, env);
  return r instanceof Fail ? undefined : r;
}

/** The mod-P rows of the operation table (domain.ts): 'NO' wherever a residue is not defined. */
function modDomain(
  { p: P, mod, modPow, modInv }: Ring,
  env: (name: string) => bigint | undefined, walk: (root: Expr, env: (name: string) => bigint | undefined) => bigint | Fail<string>,
): Domain<bigint, string> {
  const no = (node: Expr) => new Fail<string>('NO', '', node);
  return {
    num(node) {
      const i = modInv(node.d);
      return i === undefined ? no(node) : mod(node.n * i);
    },
    sym: (node) => env(node.name) ?? no(node),
    constant: no,
    diff: no,
    neg: (a) => mod(-a),
    add: (v) => v.reduce((a, b) => mod(a + b), 0n),
    mul: (v) => v.reduce((a, b) => (a * b) % P, 1n),
    div(a, b, node) {
      const i = modInv(b);
      return i === undefined ? no(node) : (a * i) % P;
    },
    pow(b, _x, node) {
      const k = integerOf(node.exp);
      if (k === undefined) return no(node);
      if (k >= 0n) return modPow(b, k);
      const i = modInv(b);
      return i === undefined ? no(node) : modPow(i, -k);
    },
    call(v, node) {
      const def = definitionTree(getFunction(node.fn));
      if (!def) return no(node);
      return walk(def, (name) => v[placeholderIndex(name) ?? -1]);
    },
  };
}

/** An integer-constant exponent (a number, or the negation of one), else undefined. */
function integerOf(e: Expr): bigint | undefined {
  if (e.kind === 'num') return e.d === 1n ? e.n : undefined;
  if (e.kind === 'neg') {
    const k = integerOf(e.arg);
    return k === undefined ? undefined : -k;
  }
  return undefined;
}

export const ratEqual = (a: RationalValue, b: RationalValue): boolean => a.n === b.n && a.d === b.d;

/** n/d to `digits` significant digits (truncated, not rounded: for display of a counterexample);
 * plain decimals for exponents in [−6, 20], scientific notation beyond. */
export function showRational(v: RationalValue, digits = 50): string {
  if (v.n === 0n) return '0';
  const neg = v.n < 0n;
  const n = neg ? -v.n : v.n;
  // scale so that the integer quotient has `digits` digits
  let shift = digits - (n.toString().length - v.d.toString().length);
  let q = shift >= 0 ? (n * 10n ** BigInt(shift)) / v.d : n / (v.d * 10n ** BigInt(-shift));
  while (q.toString().length > digits) {
    q /= 10n;
    shift--;
  }
  const s = q.toString();
  const exp = s.length - 1 - shift; // value = s[0].s[1..] × 10^exp
  const trim = (x: string) => (x.includes('.') ? x.replace(/\.?0+$/, '') : x);
  let body: string;
  if (exp >= 0 && exp <= 20) body = trim(exp + 1 >= s.length ? s + '0'.repeat(exp + 1 - s.length) : `${s.slice(0, exp + 1)}.${s.slice(exp + 1)}`);
  else if (exp < 0 && exp >= -6) body = trim(`0.${'0'.repeat(-exp - 1)}${s}`);
  else body = `${trim(s.slice(0, 1) + (s.length > 1 ? '.' + s.slice(1) : ''))}e${exp > 0 ? '+' : ''}${exp}`;
  return (neg ? '-' : '') + body;
}
