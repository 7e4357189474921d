// Local simplification rules as data: the tidy-up a textbook does silently after differentiating
// (×1, +0, −(−u), flattening, folding numbers). Each pairs a registry entry (src/rules/registry.ts:
// id, label, the rule written in the project's notation, condition) with `apply` on ONE node. They
// are sound everywhere except where the entry states a condition (u^0 = 1 needs u ≠ 0). Unsound
// candidates are kept, with their counterexamples, in UNSOUND_CANDIDATES of the registry.
import { add, div, int, mul, neg, pow, rat, sum } from '../ast/build.js';
import type { Call, Expr, Num } from '../ast/nodes.js';
import { indexLetters } from '../ast/names.js';
import { children, equal, freeSymbols, renameIndex } from '../ast/traverse.js';
import { lookupFunction } from '../functions/index.js';
import { bitLength } from '../numeric/number.js';
import { SIMP_STEP, type StepInfo } from './registry.js';

export interface SimpRule {
  readonly id: string;
  readonly label: string;
  readonly text: string;
  readonly condition?: string;
  /** the one node kind `apply` can rewrite (it answers undefined on every other) */
  readonly kind: Expr['kind'];
  readonly apply: (e: Expr) => Expr | undefined;
}

/** A rule from its registry entry, the node kind it rewrites, and its rewrite. */
function rule(info: StepInfo, kind: Expr['kind'], apply: SimpRule['apply']): SimpRule {
  return { id: info.id, label: info.label, text: info.text!, ...(info.condition ? { condition: info.condition } : {}), kind, apply };
}

const isNum = (e: Expr, k: bigint): boolean => e.kind === 'num' && e.n === k && e.d === 1n;
const isZero = (e: Expr): boolean => isNum(e, 0n) || (e.kind === 'neg' && isNum(e.arg, 0n));
// The rules' first tests, as plain functions (tidy tries every rule of a kind at every node, and
// most answer no: they answer before allocating anything)
const isSigned = (f: Expr): boolean => f.kind === 'neg' || (f.kind === 'num' && f.n < 0n);
const isNumber = (f: Expr): boolean => f.kind === 'num';
/** What numberOf reads as a number: a literal or its negation. */
const isNumberTerm = (t: Expr): boolean => t.kind === 'num' || (t.kind === 'neg' && t.arg.kind === 'num');
const isReciprocal = (f: Expr): boolean => f.kind === 'div' && isNum(f.num, 1n);
function count(es: readonly Expr[], pred: (e: Expr) => boolean): number {
  let n = 0;
  for (let i = 0; i < es.length; i++) if (pred(es[i]!)) n++;
  return n;
}

/** A number literal, or the negation of one (−2 in a − 2), as a rational. */
function numberOf(e: Expr): Num | undefined {
  if (e.kind === 'num') return e;
  if (e.kind === 'neg' && e.arg.kind === 'num') return rat(-e.arg.n, e.arg.d);
  return undefined;
}

function addN(a: Num, b: Num): Num {
  return rat(a.n * b.d + b.n * a.d, a.d * b.d);
}
function mulN(a: Num, b: Num): Num {
  return rat(a.n * b.n, a.d * b.d);
}
const sumOf = (ts: Expr[]): Expr => (ts.length === 0 ? int(0) : ts.length === 1 ? ts[0]! : add(...ts));
const productOf = (fs: Expr[]): Expr => (fs.length === 0 ? int(1) : fs.length === 1 ? fs[0]! : mul(...fs));

/** The exact value of f(q) at a number q, from f's spec (exactValues, exactRule): σ(0) = 1/2. */
function exactValue(e: Expr): Num | undefined {
  if (e.kind !== 'call' || e.args.length !== 1) return undefined;
  const a = e.args[0]!;
  if (a.kind !== 'num') return undefined;
  const spec = lookupFunction(e.fn);
  const hit = spec?.exactValues?.find((p) => p.at.n === a.n && p.at.d === a.d);
  return hit ? hit.value : spec?.exactRule?.(a);
}

/** The most bits a computed power may have: the exact algebra's own bound (src/algebra/poly.ts
 * BUDGET.MAX_BITS); past it the power stays as written and the API says it is too large. */
const MAX_POWER_BITS = 20_000n;

/** q^k for a number q and a whole number k ≠ 0, 1, computed exactly: without it a power the
 * normal form would not make smaller (the measure: (2/3)^(−1) + x against (3 + 2x)/2) stayed
 * unevaluated in a result. 0^k for k ≤ 0 is undefined (0^0 is power-zero's condition). */
function powerOfNumbers(e: Expr): Expr | undefined {
  if (e.kind !== 'pow') return undefined;
  const b = numberOf(e.base);
  const k = numberOf(e.exp);
  if (!b || !k || k.d !== 1n || k.n === 0n || k.n === 1n || (b.n === 0n && k.n < 0n)) return undefined;
  const m = k.n < 0n ? -k.n : k.n;
  // 0, 1 and −1 to any whole power are 0, 1 or ±1, however large the exponent ((−1)^21000 = 1)
  if (b.d === 1n && (b.n === 0n || b.n === 1n || b.n === -1n)) return b.n === -1n && m % 2n === 1n ? neg(int(1)) : int(b.n === 0n ? 0 : 1);
  const bits = BigInt(Math.max(bitLength(b.n), bitLength(b.d)));
  if (m * bits > MAX_POWER_BITS) return undefined;
  let n = b.n ** m;
  let d = b.d ** m;
  if (k.n < 0n) [n, d] = d < 0n || n < 0n ? [-d, -n] : [d, n];
  return n < 0n ? neg(rat(-n, d)) : rat(n, d);
}

export const SIMP_RULES: readonly SimpRule[] = [
  rule(SIMP_STEP.flattenSum, 'add', (e) => (e.kind === 'add' && e.terms.some((t) => t.kind === 'add') ? add(...e.terms.flatMap((t) => (t.kind === 'add' ? t.terms : [t]))) : undefined)),
  rule(SIMP_STEP.flattenProduct, 'mul', (e) => (e.kind === 'mul' && e.factors.some((f) => f.kind === 'mul') ? mul(...e.factors.flatMap((f) => (f.kind === 'mul' ? f.factors : [f]))) : undefined)),
  rule(SIMP_STEP.addZero, 'add', (e) => (e.kind === 'add' && e.terms.some(isZero) ? sumOf(e.terms.filter((t) => !isZero(t))) : undefined)),
  rule(SIMP_STEP.mulZero, 'mul', (e) => (e.kind === 'mul' && e.factors.some(isZero) ? int(0) : undefined)),
  rule(SIMP_STEP.mulOne, 'mul', (e) => (e.kind === 'mul' && e.factors.some((f) => isNum(f, 1n)) ? productOf(e.factors.filter((f) => !isNum(f, 1n))) : undefined)),
  rule(SIMP_STEP.doubleNegation, 'neg', (e) => {
    if (e.kind !== 'neg') return undefined;
    if (e.arg.kind === 'neg') return e.arg.arg;
    // −((−u)/v) = u/v: the two signs of σ′'s −1/(1+e^(−z))²·(−e^(−z)) cancel the same way
    return e.arg.kind === 'div' && e.arg.num.kind === 'neg' ? div(e.arg.num.arg, e.arg.den) : undefined;
  }),
  rule(SIMP_STEP.signOutOfProduct, 'mul', (e) => {
    // most products have no sign to move: answered before building the unsigned factors
    if (e.kind !== 'mul' || !e.factors.some(isSigned)) return undefined;
    let negs = 0;
    const fs = e.factors.map((f) => {
      if (f.kind === 'neg') {
        negs++;
        return f.arg;
      }
      if (f.kind === 'num' && f.n < 0n) {
        negs++;
        return rat(-f.n, f.d);
      }
      return f;
    });
    // (−2)·x is already the textbook's coefficient form; (−1)·x is −x, 2·(−x) is −(2x)
    const first = e.factors[0]!;
    if (negs === 0 || (negs === 1 && first.kind === 'num' && first.n < 0n && !(first.n === -1n && first.d === 1n))) return undefined;
    const body = productOf(fs.filter((f) => !isNum(f, 1n)));
    return negs % 2 ? neg(body) : body;
  }),
  rule(SIMP_STEP.signsOfQuotient, 'div', (e) => (e.kind === 'div' && e.num.kind === 'neg' && e.den.kind === 'neg' ? div(e.num.arg, e.den.arg) : undefined)),
  rule(SIMP_STEP.divideNumbers, 'div', (e) =>
    e.kind === 'div' && e.num.kind === 'num' && e.den.kind === 'num' && e.num.d === 1n && e.den.d === 1n && e.den.n > 1n
      ? rat(e.num.n, e.den.n)
      : undefined),
  rule(SIMP_STEP.divideByOne, 'div', (e) => (e.kind === 'div' && isNum(e.den, 1n) ? e.num : undefined)),
  rule(SIMP_STEP.zeroOver, 'div', (e) => (e.kind === 'div' && isZero(e.num) && !isZero(e.den) ? int(0) : undefined)),
  rule(SIMP_STEP.powerOne, 'pow', (e) => (e.kind === 'pow' && isNum(e.exp, 1n) ? e.base : undefined)),
  rule(SIMP_STEP.powerZero, 'pow', (e) => (e.kind === 'pow' && isZero(e.exp) && !isZero(e.base) ? int(1) : undefined)),
  rule(SIMP_STEP.powerNumbers, 'pow', powerOfNumbers),
  rule(SIMP_STEP.foldSum, 'add', (e) => {
    if (e.kind !== 'add' || count(e.terms, isNumberTerm) < 2) return undefined;
    const nums = e.terms.map(numberOf).filter((t): t is Num => t !== undefined);
    if (nums.length < 2) return undefined;
    const total = nums.reduce(addN);
    const rest = e.terms.filter((t) => numberOf(t) === undefined);
    // a negative total is written as a subtraction, as the user would: x − 3, not x + (−3)
    const last = total.n < 0n ? neg(rat(-total.n, total.d)) : total;
    return sumOf(total.n === 0n ? rest : [...rest, last]);
  }),
  rule(SIMP_STEP.foldProduct, 'mul', (e) => {
    if (e.kind !== 'mul' || count(e.factors, isNumber) < 2) return undefined;
    const nums = e.factors.filter((f): f is Num => f.kind === 'num');
    if (nums.length < 2) return undefined;
    const total = nums.reduce(mulN);
    return productOf([total, ...e.factors.filter((f) => f.kind !== 'num')]);
  }),
  rule(SIMP_STEP.functionValue, 'call', exactValue),
  rule(SIMP_STEP.timesReciprocal, 'mul', (e) => {
    if (e.kind !== 'mul' || count(e.factors, isReciprocal) !== 1) return undefined;
    const recips = e.factors.filter(isReciprocal);
    if (recips.length !== 1 || e.factors.some((f) => f.kind === 'num' || (f.kind === 'div' && f !== recips[0]))) return undefined;
    return div(productOf(e.factors.filter((f) => f !== recips[0])), (recips[0] as { den: Expr }).den);
  }),
  rule(SIMP_STEP.sumDelta, 'sum', collapseOnDelta),
  rule(SIMP_STEP.deltaSame, 'call', (e) => (isDelta(e) && equal(e.args[0]!, e.args[1]!) ? int(1) : undefined)),
  rule(SIMP_STEP.deltaNumbers, 'call', (e) =>
    isDelta(e) && e.args[0]!.kind === 'num' && e.args[1]!.kind === 'num' && !equal(e.args[0]!, e.args[1]!) ? int(0) : undefined),
  rule(SIMP_STEP.sumLinear, 'sum', splitOnDelta),
  rule(SIMP_STEP.sumConstant, 'sum', constantOutOfSum),
  rule(SIMP_STEP.sumZero, 'sum', (e) => (e.kind === 'sum' && isZero(e.body) ? int(0) : undefined)),
  rule(SIMP_STEP.likeFactors, 'mul', likeFactors),
];

/** x·x = x², x²·x = x³: factors of one product with the same base and whole positive exponents
 * (a bare factor has exponent 1) become one power at the place of the first; sound everywhere
 * (no exponent ≤ 0, so no point where one side is undefined and the other not). A number factor
 * moves in front. */
function likeFactors(e: Expr): Expr | undefined {
  if (e.kind !== 'mul' || !hasLikeFactors(e.factors)) return undefined;
  const split = (f: Expr): [Expr, bigint] =>
    f.kind === 'pow' && f.exp.kind === 'num' && f.exp.d === 1n && f.exp.n > 0n ? [f.base, f.exp.n] : [f, 1n];
  const groups: { first: Expr; base: Expr; exp: bigint; count: number }[] = [];
  for (const f of e.factors) {
    const [base, k] = split(f);
    // a number factor is folded by simp.fold-product, not raised
    const g = base.kind === 'num' ? undefined : groups.find((x) => equal(x.base, base));
    if (g) {
      g.exp += k;
      g.count++;
    } else groups.push({ first: f, base, exp: k, count: 1 });
  }
  if (!groups.some((g) => g.count > 1)) return undefined;
  const out = groups.map((g) => (g.count > 1 ? pow(g.base, int(g.exp)) : g.first));
  // the coefficient written first, as simp.fold-product writes it: 2x², not x²·2
  return productOf([...out.filter((f) => f.kind === 'num'), ...out.filter((f) => f.kind !== 'num')]);
}

/** The base likeFactors groups a factor by: b of b^k (k a whole number ≥ 1), else the factor. */
const likeBase = (f: Expr): Expr => (f.kind === 'pow' && f.exp.kind === 'num' && f.exp.d === 1n && f.exp.n > 0n ? f.base : f);

/** Do two factors have the same base (not a number)? likeFactors' answer to "is there a group of
 * two", without building the groups (most products have none). */
function hasLikeFactors(fs: readonly Expr[]): boolean {
  for (let j = 1; j < fs.length; j++) {
    const b = likeBase(fs[j]!);
    if (b.kind === 'num') continue;
    for (let i = 0; i < j; i++) if (equal(likeBase(fs[i]!), b)) return true;
  }
  return false;
}

const isDelta = (e: Expr): e is Call => e.kind === 'call' && e.fn === 'kronecker' && e.args.length === 2;

/** Σ_i δ_ia·u(i) = u(a) (a free of i): the δ is found as a factor of the body — in a product, under
 * a minus sign, or in a numerator — replaced by 1, and i renamed to a everywhere in the body. */
function collapseOnDelta(e: Expr): Expr | undefined {
  if (e.kind !== 'sum') return undefined;
  const i = e.index;
  let target: string | undefined;
  const mentionsI = (x: Expr): boolean => freeSymbols(x).some((n) => n === i || indexLetters(n).includes(i));
  const find = (x: Expr): Expr | undefined => {
    if (isDelta(x)) {
      const [a, b] = x.args as [Expr, Expr];
      const other = a.kind === 'sym' && a.name === i ? b : b.kind === 'sym' && b.name === i ? a : undefined;
      if (!other || mentionsI(other)) return undefined;
      if (other.kind === 'sym' && /^[a-z]$/.test(other.name)) target = other.name;
      else if (other.kind === 'num' && other.d === 1n && other.n >= 0n) target = other.n.toString();
      else return undefined;
      return int(1);
    }
    if (x.kind === 'neg') {
      const r = find(x.arg);
      return r && neg(r);
    }
    if (x.kind === 'div') {
      const r = find(x.num);
      return r && div(r, x.den);
    }
    if (x.kind === 'mul') {
      for (let k = 0; k < x.factors.length; k++) {
        const r = find(x.factors[k]!);
        if (r) return mul(...x.factors.map((f, j) => (j === k ? r : f)));
      }
    }
    return undefined;
  };
  const body = find(e.body);
  return body && target !== undefined ? renameIndex(body, i, target) : undefined;
}

const mentions = (x: Expr, i: string): boolean => freeSymbols(x).some((n) => n === i || indexLetters(n).includes(i));
const hasDeltaOf = (x: Expr, i: string): boolean =>
  isDelta(x) ? x.args.some((a) => a.kind === 'sym' && a.name === i) : children(x).some((k) => hasDeltaOf(k, i));

/** Σ_i c·(u + v − w) = Σ_i c·u + Σ_i c·v − Σ_i c·w, when a term holds δ of the index (so that
 * term collapses next): the sum is split by linearity. */
function splitOnDelta(e: Expr): Expr | undefined {
  if (e.kind !== 'sum') return undefined;
  const fs = e.body.kind === 'mul' ? e.body.factors : [e.body];
  const at = fs.findIndex((f) => f.kind === 'add');
  const s = fs[at];
  if (!s || s.kind !== 'add' || !s.terms.some((t) => hasDeltaOf(t, e.index))) return undefined;
  const part = (t: Expr) => sum(e.index, e.lo, e.hi, productOf(fs.map((f, k) => (k === at ? t : f))));
  return add(...s.terms.map((t) => (t.kind === 'neg' ? neg(part(t.arg)) : part(t))));
}

/** Σ_i c·u_i = c·Σ_i u_i for the factors c that do not mention the index. */
function constantOutOfSum(e: Expr): Expr | undefined {
  if (e.kind !== 'sum' || e.body.kind !== 'mul') return undefined;
  const out = e.body.factors.filter((f) => !mentions(f, e.index));
  const inner = e.body.factors.filter((f) => mentions(f, e.index));
  if (out.length === 0 || inner.length === 0) return undefined;
  return productOf([...out, sum(e.index, e.lo, e.hi, productOf(inner))]);
}

/** SIMP_RULES by the node kind they rewrite, each list in SIMP_RULES's order: tidy tries the rules
 * at every node of every derivative, and most rules start by rejecting the node's kind (a leaf or
 * a d/dv has none to try). */
const BY_KIND: Readonly<Partial<Record<Expr['kind'], readonly SimpRule[]>>> = (() => {
  const out: Partial<Record<Expr['kind'], SimpRule[]>> = {};
  for (const r of SIMP_RULES) (out[r.kind] ??= []).push(r);
  return out;
})();

/** Can some rule rewrite a node of this kind? (No rule rewrites a leaf or a d/dv.) */
export const simpRulesFor = (kind: Expr['kind']): boolean => BY_KIND[kind] !== undefined;

/** The first rule (in SIMP_RULES's order) that rewrites `e` itself (not its children). */
export function applySimpRule(e: Expr): { rule: SimpRule; after: Expr } | undefined {
  const rules = BY_KIND[e.kind];
  if (!rules) return undefined;
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i]!;
    const after = r.apply(e);
    if (after !== undefined) return { rule: r, after };
  }
  return undefined;
}
