// One sample point of the ANSWER policy (careful answer checks): outside the expected answer's domain, agreement,
// skipped (a removable singularity of the student's answer, values that even 128 digits cannot
// settle, values out of range) or a rejection with its counterexample. Tiers, cheapest first:
// exact rationals (or residues modulo several seeded random primes) when both answers are rational
// at the point; doubles when both values are trustworthy and agree to rounding (ROUNDING, on the
// values' own scale — never a term-scale tolerance); decimals at 64 and 128 digits otherwise, and
// always when the caller asks for confirmation. Invariants: a rejection always comes from an exact
// comparison or from the 128-digit values, never from doubles; an agreement is exact, or within
// rounding in doubles, or within PRECISE_RTOL at 128 digits (docs/numeric.md).
import { checkDeadline } from '../ast/budget.js';
import type { Expr } from '../ast/nodes.js';
import type { Compiled } from './compile.js';
import { evaluate } from './float.js';
import { formatNumber, ratToNumber } from './number.js';
import { type ExactValue, exactValue, MOD_PRIMES, modValue, primesFor, ratEqual, showRational } from './exact.js';
import { floatWalk, isNormal } from './float-trust.js';
import { loadPrecise, loadPreciseAt, PRECISIONS, showPrecise, TRIG_FAR, type PreciseValue } from './decimal.js';
import { toPoint as toRecord } from './sample.js';
import { CAREFUL, DEEPER_POINTS, PERTURB, PRECISE_RTOL, PRECISE_TERM_DIGITS, PRECISION_LADDER, REMOVABLE_RTOL, ROUNDING, STABLE } from './tolerance.js';

/** The ANSWER tolerances (tolerance.ts CAREFUL), by their old names. */
export const RTOL = CAREFUL.rtol;
export const ATOL = CAREFUL.atol;

/** A point where the answers differ: the values, and at ≥ 50 digits when re-checked ('undefined'
 * when the student's answer has no real value there). src/verify's Counterexample is this shape. */
export interface Counterexample {
  readonly point: Readonly<Record<string, number>>;
  readonly student: number;
  readonly expected: number;
  readonly precise?: { readonly student: string; readonly expected: string };
  readonly reason?: string;
}

export interface Side {
  readonly e: Expr;
  readonly f: Compiled;
  readonly vars: readonly string[];
  /** compiled top-level terms, built on first need */
  terms?: Compiled[];
  /** points of this comparison that went past 128 digits (precise: at most DEEPER_POINTS) */
  deeper?: number;
}

export type PointResult =
  | { readonly kind: 'outside' }
  | { readonly kind: 'agree' }
  | { readonly kind: 'skip'; readonly why: 'removable' | 'unstable' | 'overflow' }
  | { readonly kind: 'reject'; readonly cx: Counterexample };

const AGREE: PointResult = Object.freeze({ kind: 'agree' });
const OUTSIDE: PointResult = Object.freeze({ kind: 'outside' });
const NOT_RATIONAL: ExactValue = Object.freeze({ kind: 'not-rational' });
const skip = (why: 'removable' | 'unstable' | 'overflow'): PointResult => ({ kind: 'skip', why });

export const showPoint = (p: Readonly<Record<string, number>>): string =>
  Object.entries(p).map(([k, v]) => `${k} = ${formatNumber(v)}`).join(', ');

/** Do two finite doubles agree to rounding? Relative to the values themselves (ROUNDING): a
 * term-scale tolerance (max of Σ|terms|) let cos x + e¹⁰⁰ − e¹⁰⁰ pass for sin x, and 1e-9 let
 * eˣ(1 + 10⁻¹⁰) pass for eˣ. Anything looser is decided at 128 digits (precise). */
export function agreeFloat(_S: Side, _T: Side, s: number, t: number, _v?: Float64Array): boolean {
  return Math.abs(s - t) <= ATOL + ROUNDING * Math.max(Math.abs(s), Math.abs(t));
}

/** How one point is classified: values already proven equal (only domains matter); confirm a
 * double agreement at 128 digits; the seed of the primes for residues. */
export interface ClassifyOptions {
  readonly proven: boolean;
  /** true: always; 'inexact': unless the doubles are identical (probes far out, where a unit
   * difference hides under ROUNDING beside x² ≈ 10¹⁴) */
  readonly confirm?: boolean | 'inexact';
  readonly seed?: number;
}

/**
 * Classify one point. `valuesProven`: a symbolic proof already says the values agree where both
 * are defined, so only the domains are examined.
 */
export async function classify(S: Side, T: Side, v: Float64Array, options: boolean | ClassifyOptions): Promise<PointResult> {
  const o: ClassifyOptions = typeof options === 'boolean' ? { proven: options } : options;
  const valuesProven = o.proven;
  const rec = toRecord(S.vars, v);
  // 1. exact rationals, or residues mod P past the size guard (not when the values are proven
  //    equal: then only domains matter, and doubles see a rational function's poles as well)
  const tx = valuesProven ? NOT_RATIONAL : exactValue(T.e, rec);
  if (tx.kind === 'domain') return OUTSIDE;
  if (tx.kind !== 'not-rational') {
    const sx = exactValue(S.e, rec);
    if (sx.kind === 'value' && tx.kind === 'value') {
      if (valuesProven || ratEqual(sx.value, tx.value)) return AGREE;
      const s = ratToNumber(sx.value.n, sx.value.d);
      const t = ratToNumber(tx.value.n, tx.value.d);
      return reject(rec, s, t, showRational(sx.value), showRational(tx.value), 'exactly');
    }
    if (sx.kind === 'domain') return oneSided(S, T, v, rec, valuesProven);
    if ((sx.kind === 'too-large' || tx.kind === 'too-large') && sx.kind !== 'not-rational') {
      if (valuesProven) return AGREE;
      // equal residues modulo every one of several seeded random primes, or a difference
      let compared = 0;
      for (const p of primesFor(o.seed ?? 0)) {
        const ms = modValue(S.e, rec, p);
        const mt = modValue(T.e, rec, p);
        if (ms === undefined || mt === undefined) break;
        if (ms !== mt) return precise(S, T, v, 'forced');
        compared++;
      }
      if (compared === MOD_PRIMES) return AGREE;
    }
  }
  // 2. doubles, when they can be trusted (when the values are proven equal, a point whose doubles
  //    overflowed is simply not used: only domains are looked at, and decimals would cost ~ms)
  let t = T.f(v);
  if (!isNormal(t)) {
    const w = floatWalk(T.e, rec);
    if (w.suspicious || (w.tainted && !valuesProven)) return valuesProven ? skip('overflow') : precise(S, T, v, 'compare');
    if (Number.isNaN(w.value)) return w.cancelled ? precise(S, T, v, valuesProven ? 'proven' : 'compare') : OUTSIDE;
    t = w.value;
  }
  let s = S.f(v);
  if (!isNormal(s)) {
    const w = floatWalk(S.e, rec);
    if (w.suspicious || (w.tainted && !valuesProven)) return valuesProven ? skip('overflow') : precise(S, T, v, 'compare');
    if (Number.isNaN(w.value)) return oneSided(S, T, v, rec, valuesProven);
    s = w.value;
  }
  if (valuesProven) return AGREE;
  if (agreeFloat(S, T, s, t, v) && (!o.confirm || (o.confirm === 'inexact' && s === t))) return AGREE;
  // 3. a disagreement in doubles is only a candidate, and a confirmation is asked for: decimals decide
  return precise(S, T, v, 'compare');
}

/** "your answer is 1.5 but …": the doubles when they show the difference, else the digits. */
function describe(s: number, t: number, ps: string, pt: string): [string, string] {
  const fs = formatNumber(s);
  const ft = formatNumber(t);
  const plain = fs !== ft && Number.isFinite(s) && Number.isFinite(t) && (s !== 0 || ps === '0') && (t !== 0 || pt === '0');
  return plain ? [fs, ft] : [ps, pt];
}

function reject(rec: Record<string, number>, s: number, t: number, ps: string, pt: string, how: string): PointResult {
  const [a, b] = describe(s, t, ps, pt);
  const where = Object.keys(rec).length > 0 ? `at ${showPoint(rec)} ` : '';
  const reason = `${where}your answer is ${a} but the expected answer is ${b} (compared ${how})`;
  return { kind: 'reject', cx: { point: Object.freeze(rec), student: s, expected: t, precise: { student: ps, expected: pt }, reason } };
}

/**
 * Decimals at 64 and 128 digits. Modes: 'compare' decides; 'proven' (values proven equal) only
 * looks at domains; 'forced' — an exact comparison mod P already proved the values differ, only
 * their decimal values are wanted; 'probe' (lattice) counts only a difference where both sides
 * are defined.
 */
export type PreciseMode = 'compare' | 'proven' | 'forced' | 'probe';
export async function precise(S: Side, T: Side, v: Float64Array, mode: PreciseMode): Promise<PointResult> {
  const ladder = PRECISION_LADDER;
  for (let k = 0; k < ladder.length; k++) {
    const [lo, hi] = ladder[k]!;
    const r = await preciseAt(S, T, v, mode, lo, hi);
    if (r !== DEEPER) return r;
    // deeper precisions cost ms each: a bounded number of points per comparison may ask for them
    if (k + 1 < ladder.length && (S.deeper = (S.deeper ?? 0) + 1) > DEEPER_POINTS) break;
  }
  return skip('unstable');
}

/** "not settled at these precisions: try the next pair" */
const DEEPER: PointResult = Object.freeze({ kind: 'skip', why: 'unstable' });

/** One rung of the ladder: decimals at `lo` and `hi` digits. An agreement that rests on the
 * rounding allowance of cancelling terms (cos x + cosh 300 − sinh 300 against sin x: terms of
 * 10¹³⁰ at 128 digits allow a difference of 10³⁰), a value computed through a sum that cancelled,
 * or a difference that changes between `lo` and `hi` digits is not settled here: DEEPER. */
async function preciseAt(S: Side, T: Side, v: Float64Array, mode: PreciseMode, lo: number, hi: number): Promise<PointResult> {
  checkDeadline('precise evaluation'); // milliseconds each: the clock read is nothing beside it
  const rec = toRecord(S.vars, v);
  const pHi = await loadPreciseAt(hi);
  const t2 = pHi.evaluate(T.e, rec);
  // (an argument too large for this precision's trigonometric reduction is reached higher up)
  if (!t2.ok) return t2.reason === TRIG_FAR ? DEEPER : t2.reason.startsWith('beyond') ? skip('overflow') : t2.cancelled ? DEEPER : OUTSIDE;
  const s2 = pHi.evaluate(S.e, rec);
  if (!s2.ok) {
    if (s2.reason === TRIG_FAR) return DEEPER;
    if (s2.reason.startsWith('beyond')) return skip('overflow');
    // undefined only after a sum cancelled to (nearly) 0 even at these digits: rounding, not domain
    if (s2.cancelled) return DEEPER;
    if (mode === 'probe') return skip('unstable');
    return studentUndefined(rec, t2, s2.reason);
  }
  if (mode === 'proven') return AGREE;
  const d2 = s2.value.minus(t2.value).abs();
  const show = (x: PreciseValue & { ok: true }) => showPrecise(x.value);
  if (mode === 'forced') return reject(rec, s2.value.toNumber(), t2.value.toNumber(), show(s2), show(t2), 'exactly, modulo a large prime');
  const valueScale = s2.value.abs().gt(t2.value.abs()) ? s2.value.abs() : t2.value.abs();
  const terms = s2.termScale.plus(t2.termScale);
  if (s2.degraded || t2.degraded) {
    // a double-precision fallback inside (no decimal kernel): the doubles' own rounding
    const scale = [valueScale, terms].reduce((a, b) => (a.gt(b) ? a : b));
    if (d2.lte(scale.times(RTOL).plus(ATOL))) return AGREE;
  } else {
    // agreement: rounding of the values at this precision (no absolute floor: e⁻¹⁰⁰⁰·sin x and
    // e⁻¹⁰⁰⁰·cos x are 10⁻⁴³⁴ apart, and decimals reach 10⁻⁹ᵉ¹⁵) …
    const valueTol = valueScale.times(PRECISE_RTOL);
    if (d2.lte(valueTol)) return AGREE;
    // … or of cancelling top-level terms, only while that allowance is below the values' own
    const termTol = terms.times(pHi.num(10).pow(PRECISE_TERM_DIGITS - hi));
    if (d2.lte(termTol.plus(valueTol))) return termTol.lte(valueTol) ? AGREE : DEEPER;
  }
  // a value that went through a sum cancelled to (nearly) 0 at these digits is not evidence
  if (s2.tainted || t2.tainted) return DEEPER;
  const pLo = await loadPreciseAt(lo);
  const s1 = pLo.evaluate(S.e, rec);
  const t1 = pLo.evaluate(T.e, rec);
  if (!s1.ok || !t1.ok) return DEEPER;
  const d1 = s1.value.minus(t1.value).abs();
  if (d1.minus(d2).abs().gt(d2.times(STABLE))) return DEEPER;
  return reject(rec, s2.value.toNumber(), t2.value.toNumber(), show(s2), show(t2), lo === PRECISIONS[0] ? 'at 64 and 128 digits' : `at ${lo} and ${hi} digits`);
}

function studentUndefined(rec: Record<string, number>, t2: PreciseValue & { ok: true }, why: string): PointResult {
  const where = Object.keys(rec).length > 0 ? `at ${showPoint(rec)} ` : '';
  const t = t2.value.toNumber();
  return {
    kind: 'reject',
    cx: {
      point: Object.freeze(rec),
      student: NaN,
      expected: t,
      precise: { student: 'undefined', expected: showPrecise(t2.value) },
      reason: `${where}your answer is undefined (${why}) but the expected answer is ${formatNumber(t)}`,
    },
  };
}

/** The expected answer is defined at v and the student's is not: a removable singularity (skip) or
 * a different domain (a counterexample, confirmed at 128 digits). */
async function oneSided(S: Side, T: Side, v: Float64Array, rec: Record<string, number>, valuesProven: boolean): Promise<PointResult> {
  let removable = true;
  for (const sign of [1, -1]) {
    const q = v.map((x, i) => x * (1 + sign * PERTURB * (0.5 + (0.5 * (i + 1)) / (v.length + 1))));
    const s = S.f(q);
    const t = T.f(q);
    if (!(Number.isFinite(s) && Number.isFinite(t) && Math.abs(s - t) <= REMOVABLE_RTOL * Math.max(Math.abs(s), Math.abs(t), 1e-300))) {
      removable = false;
      break;
    }
  }
  if (removable) return skip('removable');
  const [, p128] = await loadPrecise();
  const t2 = p128.evaluate(T.e, rec);
  if (!t2.ok) return t2.reason.startsWith('beyond') ? skip('overflow') : t2.cancelled ? skip('unstable') : OUTSIDE;
  const s2 = p128.evaluate(S.e, rec);
  if (s2.ok) return precise(S, T, v, valuesProven ? 'proven' : 'compare'); // the double's NaN was not the real value
  if (s2.reason.startsWith('beyond')) return skip('overflow');
  if (s2.cancelled) return skip('unstable'); // 1 − σ(400) = 0 even at 128 digits: not a domain
  const f = evaluate(S.e, rec);
  return studentUndefined(rec, t2, f.ok ? s2.reason : f.message);
}
