// The textbook moves of docs/rules.md ("one textbook move per step"), each a pure function on
// ONE sub-expression returning its next form, or undefined when the move does not apply:
// expand the numerator (distribute, nothing collected), collect like terms, move a minus sign
// into the numerator, cancel a factor visibly shared by numerator and denominator (약분), and
// split e^(−v)/(1+e^(−v))² the way deck 000 does. simplify.ts orders them and records the steps.
import { add, div, int, mul, neg, pow, rat } from '../ast/build.js';
import type { Expr, Num } from '../ast/nodes.js';
import { atomKey } from '../algebra/atoms.js';

/** A signed monomial: a rational coefficient times factors in the order they were written. */
interface Mono {
  readonly coef: Num;
  readonly factors: readonly Expr[];
}

// a coefficient 1 is the common case (a term without a number): no bigint gcd for 1·c
const isOneN = (a: Num): boolean => a.n === 1n && a.d === 1n;
const mulN = (a: Num, b: Num): Num => (isOneN(a) ? b : isOneN(b) ? a : rat(a.n * b.n, a.d * b.d));
const addN = (a: Num, b: Num): Num => rat(a.n * b.d + b.n * a.d, a.d * b.d);
const ONE_N = rat(1n);
const productOf = (fs: readonly Expr[]): Expr => (fs.length === 0 ? int(1) : fs.length === 1 ? fs[0]! : mul(...fs));

/** The terms of a sum (nested sums flattened), or the expression as one term. */
function termsOf(e: Expr): Expr[] {
  if (e.kind !== 'add') return [e];
  const out: Expr[] = [];
  pushTerms(e, out);
  return out;
}
function pushTerms(e: Expr, out: Expr[]): void {
  if (e.kind !== 'add') out.push(e);
  else for (const t of e.terms) pushTerms(t, out);
}

/** A term as a monomial: signs and number factors into the coefficient. */
function monoOf(e: Expr): Mono {
  const factors: Expr[] = [];
  const coef = monoInto(e, factors);
  return { coef, factors };
}

/** monoOf into one list: the factors pushed in order, the coefficient returned (no monomial
 * object per factor). */
function monoInto(e: Expr, out: Expr[]): Num {
  if (e.kind === 'neg') {
    const c = monoInto(e.arg, out);
    return rat(-c.n, c.d);
  }
  if (e.kind === 'num') return e;
  if (e.kind === 'mul') {
    let coef = ONE_N;
    for (const f of e.factors) coef = mulN(coef, monoInto(f, out));
    return coef;
  }
  out.push(e);
  return ONE_N;
}

function monoExpr(m: Mono): Expr {
  const abs = rat(m.coef.n < 0n ? -m.coef.n : m.coef.n, m.coef.d);
  const isOne = abs.n === 1n && abs.d === 1n;
  const body = isOne ? productOf(m.factors) : productOf([abs, ...m.factors]);
  return m.coef.n < 0n ? neg(body) : body;
}

function sumOf(ms: readonly Mono[]): Expr {
  if (ms.length === 0) return int(0);
  const ts = ms.map(monoExpr);
  return ts.length === 1 ? ts[0]! : add(...ts);
}

/** A product whose factors may be sums, multiplied out in order: u(a − b) = ua − ub. */
function distribute(e: Expr): Mono[] | undefined {
  const m = monoOf(e);
  if (!m.factors.some((f) => f.kind === 'add')) return undefined;
  // every partial product owns its factor list (made here), so a factor that is not a sum is
  // appended in place: 1·f changes no coefficient
  let acc: { coef: Num; factors: Expr[] }[] = [{ coef: m.coef, factors: [] }];
  for (const f of m.factors) {
    if (f.kind !== 'add') {
      for (const a of acc) a.factors.push(f);
      continue;
    }
    const parts = termsOf(f).map(monoOf);
    const next: { coef: Num; factors: Expr[] }[] = [];
    for (const a of acc) for (const p of parts) next.push({ coef: mulN(a.coef, p.coef), factors: [...a.factors, ...p.factors] });
    acc = next;
    // no hand expansion this long: stop before 2^k terms are built
    if (acc.length > MAX_EXPANDED_TERMS) return [];
  }
  return acc.map(powers);
}

/** Equal factors of a monomial as one power, first appearance first: a·x·a → a²x. */
function powers(m: Mono): Mono {
  // one factor (or none) is its own power
  if (m.factors.length < 2) return m;
  const seen: { base: Expr; key: string; k: bigint }[] = [];
  for (const f of m.factors) {
    const p = powerOf(f);
    const key = atomKey(p.base);
    const had = seen.find((x) => x.key === key);
    if (had) had.k += p.k;
    else seen.push({ base: p.base, key, k: p.k });
  }
  return seen.length === m.factors.length ? m : { coef: m.coef, factors: seen.map((x) => withPower(x.base, x.k)) };
}

/** Most terms an expanded numerator may show: past this a textbook would not multiply out by
 * hand, and the simplifier goes to the normal form in one step instead. */
export const MAX_EXPANDED_TERMS = 8;

/** Expand a sum whose terms hold products of sums, term by term, collecting nothing:
 * ŷ(1 − y) − (1 − ŷ)y → ŷ − ŷy − y + ŷy. Undefined when no term has a bracket to open. */
export function expandSum(e: Expr): Expr | undefined {
  if (e.kind === 'neg') {
    const inner = expandSum(e.arg);
    return inner && neg(inner);
  }
  if (e.kind !== 'add') return undefined;
  let opened = false;
  const out: Mono[] = [];
  for (const t of termsOf(e)) {
    const d = distribute(t);
    if (d?.length === 0) return undefined;
    if (d) opened = true;
    out.push(...(d ?? [powers(monoOf(t))]));
  }
  return opened && out.length <= MAX_EXPANDED_TERMS ? sumOf(out) : undefined;
}

/** The key of a monomial's factors up to their order (ŷy and yŷ are like terms). */
const likeKey = (m: Mono): string => (m.factors.length === 0 ? '' : m.factors.length === 1 ? atomKey(m.factors[0]!) : m.factors.map(atomKey).sort().join(' '));

/** Collect like terms of a sum, first appearance first, a positive term leading:
 * −y + ya + a − ya → a − y. Undefined when no two terms are alike. */
export function collectSum(e: Expr): Expr | undefined {
  if (e.kind === 'neg') {
    const inner = collectSum(e.arg);
    return inner && neg(inner);
  }
  if (e.kind !== 'add') return undefined;
  const groups = new Map<string, Mono>();
  const terms = termsOf(e);
  for (const t of terms) {
    const m = powers(monoOf(t));
    const k = likeKey(m);
    const had = groups.get(k);
    groups.set(k, had ? { coef: addN(had.coef, m.coef), factors: had.factors } : m);
  }
  if (groups.size === terms.length) return undefined;
  const kept = [...groups.values()].filter((m) => m.coef.n !== 0n);
  const firstPos = kept.findIndex((m) => m.coef.n > 0n);
  if (firstPos > 0) kept.unshift(...kept.splice(firstPos, 1));
  return sumOf(kept);
}

/** −(ŷ − y)/D → (y − ŷ)/D: the minus sign into a numerator sum at least half of whose terms are
 * negative, a positive term leading. Also −(N/D) with such an N. */
export function signIntoNumerator(e: Expr): Expr | undefined {
  const frac = e.kind === 'neg' && e.arg.kind === 'div' ? { num: neg(e.arg.num), den: e.arg.den } : e.kind === 'div' ? e : undefined;
  if (frac?.num.kind !== 'neg' || frac.num.arg.kind !== 'add') return undefined;
  const ms = termsOf(frac.num.arg).map(monoOf);
  const negatives = ms.filter((m) => m.coef.n < 0n).length;
  if (ms.length - negatives > negatives) return undefined;
  const flipped = ms.map((m) => ({ coef: rat(-m.coef.n, m.coef.d), factors: m.factors }));
  const firstPos = flipped.findIndex((m) => m.coef.n > 0n);
  if (firstPos > 0) flipped.unshift(...flipped.splice(firstPos, 1));
  return div(sumOf(flipped), frac.den);
}

/** A factor as base^k with a whole k ≥ 1. */
function powerOf(f: Expr): { base: Expr; k: bigint } {
  if (f.kind === 'pow' && f.exp.kind === 'num' && f.exp.d === 1n && f.exp.n >= 1n) return { base: f.base, k: f.exp.n };
  return { base: f, k: 1n };
}
const withPower = (base: Expr, k: bigint): Expr => (k === 1n ? base : pow(base, int(k)));

/** 약분: cancel the factors a single fraction's numerator and denominator visibly share (as
 * written, powers counted), keeping the rest in order. The cancelled bases are the conditions. */
export function cancelVisible(e: Expr): { expr: Expr; cancelled: Expr[] } | undefined {
  if (e.kind !== 'div') return undefined;
  const negated = e.num.kind === 'neg';
  const top = negated ? (e.num as { arg: Expr }).arg : e.num;
  const nums = (top.kind === 'mul' ? [...top.factors] : [top]).map(powerOf);
  const dens = (e.den.kind === 'mul' ? [...e.den.factors] : [e.den]).map(powerOf);
  const cancelled: Expr[] = [];
  for (const n of nums) {
    const key = atomKey(n.base);
    const d = dens.find((x) => x.k > 0n && atomKey(x.base) === key);
    if (!d || n.base.kind === 'num') continue;
    // biome-ignore lint/complexity/useMathMinMax: bigints, which Math.min does not take
    const k = n.k < d.k ? n.k : d.k;
    n.k -= k;
    d.k -= k;
    cancelled.push(n.base);
  }
  if (cancelled.length === 0) return undefined;
  const numLeft = nums.filter((x) => x.k > 0n).map((x) => withPower(x.base, x.k));
  const denLeft = dens.filter((x) => x.k > 0n).map((x) => withPower(x.base, x.k));
  const n = productOf(numLeft);
  const body = denLeft.length === 0 ? n : div(n, productOf(denLeft));
  return { expr: negated ? neg(body) : body, cancelled };
}

/** Deck 000's split of σ′: e^(−v)/(1 + e^(−v))² = 1/(1 + e^(−v)) · e^(−v)/(1 + e^(−v)), and the
 * same for e^v/(1 + e^v)². */
export function splitSquare(e: Expr): Expr | undefined {
  if (e.kind !== 'div' || e.den.kind !== 'pow') return undefined;
  const { base, exp } = e.den;
  if (!(exp.kind === 'num' && exp.n === 2n && exp.d === 1n) || base.kind !== 'add') return undefined;
  const num = e.num;
  if (!base.terms.some((t) => sameKey(t, num))) return undefined;
  return mul(div(int(1), base), div(e.num, base));
}

/** atomKey(a) === atomKey(b), answered at once for the same node or two kinds of node (a key
 * starts with its node's kind: a number, a quoted name, '#', or '(' and the operator or name). */
function sameKey(a: Expr, b: Expr): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  return atomKey(a) === atomKey(b);
}

const isOneNum = (e: Expr): boolean => e.kind === 'num' && e.n === 1n && e.d === 1n;
const isExp = (e: Expr): e is Expr & { kind: 'call' } => e.kind === 'call' && e.fn === 'exp' && e.args.length === 1;

/** 1 + x or x + 1: x, else undefined. */
function onePlus(e: Expr): Expr | undefined {
  if (e.kind !== 'add' || e.terms.length !== 2) return undefined;
  const [a, b] = e.terms as [Expr, Expr];
  return isOneNum(a) ? b : isOneNum(b) ? a : undefined;
}

/** σ written out, as the notes write it: 1/(1 + e^(−u)) and e^u/(1 + e^u) are σ(u);
 * e^(−u)/(1 + e^(−u)) and 1/(1 + e^u) are 1 − σ(u). The σ form, or undefined. */
export function sigmoidOf(e: Expr): { sigma: Expr; complement: boolean } | undefined {
  if (e.kind !== 'div') return undefined;
  const x = onePlus(e.den);
  if (!x || !isExp(x)) return undefined;
  const arg = x.args[0]!;
  const negArg = arg.kind === 'neg' ? arg.arg : undefined;
  if (isOneNum(e.num)) return negArg ? { sigma: negArg, complement: false } : { sigma: arg, complement: true };
  if (sameKey(e.num, x)) return negArg ? { sigma: negArg, complement: true } : { sigma: arg, complement: false };
  return undefined;
}

/** Every written-out σ in `e` replaced by σ (1 − σ for the complements), or undefined. */
export function recogniseSigmoid(e: Expr, sigma: (u: Expr) => Expr): Expr | undefined {
  const hit = sigmoidOf(e);
  if (hit) return hit.complement ? add(int(1), neg(sigma(hit.sigma))) : sigma(hit.sigma);
  if (e.kind === 'mul') {
    let changed = false;
    const fs = e.factors.map((f) => {
      const r = recogniseSigmoid(f, sigma);
      if (r) changed = true;
      return r ?? f;
    });
    // σ(u)(1 − σ(u)), as the notes write it, whichever order the fractions came in
    if (fs.length === 2 && fs[0]!.kind === 'add' && fs[1]!.kind === 'call' && sameKey(fs[0]!, add(int(1), neg(fs[1]!)))) fs.reverse();
    return changed ? mul(...fs) : undefined;
  }
  if (e.kind === 'neg') {
    const r = recogniseSigmoid(e.arg, sigma);
    return r && neg(r);
  }
  return undefined;
}
