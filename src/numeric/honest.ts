// Honest values for the `evaluate` op (issue 10, item 5): the number a user is told is the real
// value, or an error, or a value flagged approximate with an error bound — never a double that
// rounding silently broke. Order: the exact rational decides when it exists (value, domain and
// overflow: 2^1024/2^1023 = 2, 1/(0.1+0.2−0.3) is a division by zero); else doubles, trusted only
// when nothing on the way overflowed, underflowed, cancelled, absorbed a term or failed; otherwise
// 64- and 128-digit decimals decide (1 − σ(40) = 4.25·10⁻¹⁸, log σ(−800) = −800, BCE(σ(40), 0) = 40).
// Invariants: a value is finite (overflow is NOT_FINITE); approximate only when 64 and 128 digits
// disagree beyond double precision; a failure carries the node to point at.
import type { Expr } from '../ast/nodes.js';
import { evaluate as evaluateFloat } from './float.js';
import { floatWalk } from './float-trust.js';
import { BEYOND, loadPrecise, loadPreciseAt } from './decimal.js';
import { PRECISION_LADDER } from './tolerance.js';
import { ratToNumber } from './number.js';
import { evaluateRational, type RationalInput, type RationalValue } from './rational.js';

export type HonestValue =
  | {
      readonly ok: true;
      /** the double nearest the real value */
      readonly value: number;
      /** the exact rational, when the value is rational and every input was exact */
      readonly exact?: RationalValue;
      /** the value could not be settled to double precision: |value − real| ≤ errorBound */
      readonly approximate?: true;
      readonly errorBound?: number;
    }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly node: Expr };

/** 64 and 128 digits agree this closely (relative): the double of the 128-digit value is right. */
const SETTLED = 1e-20;

/**
 * The value of `e`. `floatAt`: the point as doubles; `exactAt`: the point as exact inputs, or
 * undefined when some input is not exact (then no exact value is tried); `decimalTree`: `e` with
 * earlier definitions substituted, so decimals see full-precision inputs (defaults to `e`).
 */
export async function honestValue(
  e: Expr,
  floatAt: ReadonlyMap<string, number>,
  exactAt: ReadonlyMap<string, RationalInput> | undefined,
  decimalTree: Expr = e,
  decimalAt: Readonly<Record<string, number>> = Object.fromEntries(floatAt),
): Promise<HonestValue> {
  if (exactAt) {
    const q = evaluateRational(e, exactAt);
    if (q.ok) {
      const value = ratToNumber(q.value.n, q.value.d);
      if (!Number.isFinite(value)) return notFinite(e, 'the exact value is beyond the range of double-precision numbers (about 1.8·10³⁰⁸)');
      return { ok: true, value, exact: q.value };
    }
    if (q.code === 'DOMAIN') return { ok: false, code: 'DOMAIN', message: q.message, node: q.node };
  }
  const f = evaluateFloat(e, floatAt);
  const w = floatWalk(e, Object.fromEntries(floatAt));
  const trusted = f.ok && Number.isFinite(f.value) && !w.suspicious && !w.tainted && !w.cancelled && !w.absorbed && !w.illConditioned;
  if (trusted) return { ok: true, value: f.value };
  // a domain error from an unflagged walk (log(−2)) is the answer's: no decimals needed
  if (!f.ok && !w.suspicious && !w.cancelled && !w.tainted && !w.absorbed && f.code !== 'DOMAIN') return f;
  const [p64, p128] = await loadPrecise();
  const hi = p128.evaluate(decimalTree, decimalAt);
  if (!hi.ok) {
    if (hi.reason.startsWith(BEYOND.slice(0, 6))) return notFinite(e, 'the value is beyond the range of the numbers chainrule computes with');
    // 128 digits cannot tell a value at a domain's edge from one within 10⁻¹²⁸ of it (1 − σ(300)
    // is 5·10⁻¹³¹, 0 at 128 digits): a value that settles higher up the ladder is the value; a true
    // edge (cos(π/2)) never settles, its residue shrinking with every precision. A failure whose
    // arguments are clearly outside the domain (log(cos(5/3))) is the answer as it is.
    const deeper = hi.cancelled || hi.nearEdge ? await settleDeeper(decimalTree, decimalAt) : undefined;
    if (deeper) return deeper;
    if (!f.ok) return f;
    if (!hi.cancelled) return { ok: false, code: 'DOMAIN', message: `undefined at this point (${hi.reason}); in double precision it appeared defined only through rounding`, node: e };
    return Number.isFinite(f.value) ? { ok: true, value: f.value, approximate: true, errorBound: Math.abs(f.value) } : notFinite(e, 'the value overflows');
  }
  const value = hi.value.toNumber();
  if (!Number.isFinite(value)) return notFinite(e, `the value (about ${hi.value.toSignificantDigits(6).toString()}) is beyond the range of double-precision numbers (about 1.8·10³⁰⁸)`);
  const lo = p64.evaluate(decimalTree, decimalAt);
  const diff = lo.ok ? hi.value.minus(lo.value).abs() : undefined;
  if (diff && !hi.tainted && !hi.degraded && !hi.absorbed && diff.lte(hi.value.abs().times(SETTLED))) return { ok: true, value };
  // not settled at 64/128 digits (a sum that cancelled or absorbed a term, or the two disagree):
  // higher up the ladder (log(1 + 10⁻³⁰⁰) needs more than 300 digits)
  if (!hi.degraded) {
    const deeper = await settleDeeper(decimalTree, decimalAt);
    if (deeper) return deeper;
  }
  // the bound: the 64/128 disagreement; with a double-precision kernel inside (erf) or a sum that
  // cancelled even at 128 digits, at least a double's rounding of the value and of its terms
  let bound = diff && !diff.isZero() ? diff.toNumber() : 0;
  if (hi.degraded || hi.tainted || !diff) bound = Math.max(bound, (Math.abs(value) + hi.termScale.toNumber()) * 2 ** -50);
  return { ok: true, value, approximate: true, errorBound: bound > 0 ? bound : Number.MIN_VALUE };
}

/** The value at the higher rungs of PRECISION_LADDER once its two precisions agree (an absorbed
 * term is accepted at the top rung: below 10⁻⁶⁴⁰ of a sum it cannot move a double). */
async function settleDeeper(tree: Expr, at: Readonly<Record<string, number>>): Promise<HonestValue | undefined> {
  const rungs = PRECISION_LADDER.slice(1);
  for (let k = 0; k < rungs.length; k++) {
    const [l, h] = rungs[k]!;
    const hi = (await loadPreciseAt(h)).evaluate(tree, at);
    if (!hi.ok) return undefined;
    const lo = (await loadPreciseAt(l)).evaluate(tree, at);
    if (!lo.ok || hi.tainted || (hi.absorbed && k + 1 < rungs.length)) continue;
    const value = hi.value.toNumber();
    if (Number.isFinite(value) && hi.value.minus(lo.value).abs().lte(hi.value.abs().times(SETTLED))) return { ok: true, value };
  }
  return undefined;
}

function notFinite(node: Expr, message: string): HonestValue {
  return { ok: false, code: 'NOT_FINITE', message: `The value is not a finite number: ${message}.`, node };
}
