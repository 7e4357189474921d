// Simplification with steps at textbook granularity: tidy up (×1, +0, signs; the fine rewrites
// are its substeps), combine the fractions, expand the numerator, cancel the common factor (with
// the condition it needs), and recognise σ. Arguments of functions are simplified first, each as
// an expression of its own. Size measure (docs/rules.md#size): leaf count, as mathjs's leafCount,
// then node count; a phase is only kept when its result is no larger than what it started from,
// so the result is never larger than the input. Deterministic: no randomness, no hash order.
import { call, div, int, mul, neg, sub } from '../ast/build.js';
import { indexLetters } from '../ast/names.js';
import type { Expr, Sum } from '../ast/nodes.js';
import { childNodes } from '../ast/hash.js';
import { children, equal, findPath, renameIndex, withChildren } from '../ast/traverse.js';
import { PHASE_STEP } from '../rules/registry.js';
import { Recorder } from '../trace/recorder.js';
import type { Derivation } from '../trace/types.js';
import { atomKey } from '../algebra/atoms.js';
import { rationalForm } from '../algebra/rational.js';
import { cancelVisible, collectSum, expandSum, recogniseSigmoid, signIntoNumerator, splitSquare } from './textbook.js';
import { recalled, remember, replay } from './replay.js';
import { tidy } from './tidy.js';
import { together } from './together.js';

export { tidy };

// the phases' ids and labels come from the step-id registry (src/rules/registry.ts)
const { combineFractions: COMBINE, expandNumerator: EXPAND, cancel: CANCEL, collect: COLLECT, sigmoidSubstitute: SIGMOID, softmaxSubstitute: SOFTMAX } = PHASE_STEP;
const { likeTerms: LIKE, signIntoNumerator: SIGN, splitFraction: SPLIT, recogniseSigmoid: RECOGNISE } = PHASE_STEP;

/** Smaller is better: leaves first (mathjs's measure), then nodes. */
export function measure(e: Expr): number {
  // one walk for both counts (leafCount and size each walked the tree)
  let leaves = 0;
  let nodes = 0;
  const stack: Expr[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    nodes++;
    const kids = children(x);
    if (kids.length === 0) leaves++;
    else for (let i = 0; i < kids.length; i++) stack.push(kids[i]!);
  }
  return leaves * 100_000 + Math.min(nodes, 99_999);
}

export interface SimplifyOptions {
  /** try writing exp(±u) through σ(u) (default true) */
  readonly sigmoid?: boolean;
}

/** Simplify `e`, recording every step. */
export function simplify(e: Expr, opts: SimplifyOptions = {}): Derivation {
  const rec = new Recorder(e);
  simplifyAt(rec, [], opts);
  return { input: e, start: e, steps: rec.steps, result: rec.current };
}

// Sub-trees this simplifier has already left unchanged (per σ option), by node identity. The
// phases read only the sub-tree, so a fixed point stays one; a derivative shares its sub-trees
// (σ(u) and u in every factor of d/dx σ(σ(…σ(x)…))), and without this each is simplified again at
// every place and level it occurs: quadratic in the nesting (docs/performance.md). `rational`:
// the same for the rational phase alone (each factor of an upstream gradient in chain mode).
const FIXED = { sigmoid: new WeakSet<Expr>(), plain: new WeakSet<Expr>(), rational: new WeakSet<Expr>() };

/** Simplify the sub-expression at `path` of the recorder's current expression. */
export function simplifyAt(rec: Recorder, path: readonly number[], opts: SimplifyOptions = {}): void {
  const fixed = opts.sigmoid === false ? FIXED.plain : FIXED.sigmoid;
  const start = rec.current;
  const e = rec.at(path);
  // a leaf is its own simplest form: no tidy rule, no rational form but itself, no e^
  if (isLeaf(e) || fixed.has(e)) return;
  // a sub-tree equal to one this derivation simplified already takes the same steps (replay.ts);
  // the whole expression (path []) is simplified once, so it is not remembered
  const key = opts.sigmoid === false ? 'plain' : 'sigmoid';
  const memo = path.length > 0;
  const hit = memo ? recalled(rec, key, e) : undefined;
  if (hit) replay(rec, hit, path);
  else {
    const mark = rec.steps.length;
    simplifyInteriors(rec, path, opts);
    tidy(rec, path);
    rationalPhase(rec, path);
    // both phases rewrite e^u only (σ from e^(±v), softmax from e^(a_j) beside Σ_k e^(a_k)):
    // one walk that stops at the first e^ instead of each phase collecting over the whole tree
    if (containsExp(rec.at(path))) {
      if (opts.sigmoid !== false) sigmoidPhase(rec, path);
      softmaxPhase(rec, path);
    }
    if (memo) remember(rec, key, e, path, mark);
  }
  if (rec.current === start) fixed.add(e);
}

const isLeaf = (e: Expr): boolean => e.kind === 'num' || e.kind === 'sym' || e.kind === 'const';

/** Is `e` a power the rational form treats as rational (integer exponent)? */
function integerPower(e: Expr): boolean {
  return e.kind === 'pow' && (e.exp.kind === 'num' ? e.exp.d === 1n : e.exp.kind === 'neg' && e.exp.arg.kind === 'num' && e.exp.arg.d === 1n);
}

/** Arguments of calls (and parts of non-integer powers) are expressions of their own. */
function simplifyInteriors(rec: Recorder, path: readonly number[], opts: SimplifyOptions, node?: Expr): void {
  // `node` is the sub-tree at `path` when the caller holds it: a rewrite inside an earlier
  // sibling rebuilds only the ancestors, so a child read before is still the child there
  const e = node ?? rec.at(path);
  const kids = children(e);
  // a sum's body is an expression of its own too (the bounds are left as written)
  const interior = e.kind === 'call' || e.kind === 'diff' || e.kind === 'sum' || (e.kind === 'pow' && !integerPower(e));
  for (let i = 0; i < kids.length; i++) {
    if (interior) {
      if (!isLeaf(kids[i]!)) simplifyAt(rec, [...path, i], opts);
    }
    // a leaf has no interior
    else if (!(e.kind === 'pow' && i === 1) && childNodes(kids[i]!).length > 0) simplifyInteriors(rec, [...path, i], opts, kids[i]);
  }
}

/** Does the rational structure of `e` (outside function arguments) divide anywhere? */
function divides(e: Expr): boolean {
  switch (e.kind) {
    case 'div':
      return true;
    case 'pow':
      return integerPower(e) && (e.exp.kind === 'neg' || (e.exp.kind === 'num' && e.exp.n < 0n) || divides(e.base));
    case 'add':
    case 'mul':
    case 'neg':
      return children(e).some(divides);
    default:
      return false;
  }
}

function rationalPhase(rec: Recorder, path: readonly number[]): void {
  const e = rec.at(path);
  if (FIXED.rational.has(e)) return;
  const start = rec.current;
  rationalPhaseOf(rec, path, e);
  if (rec.current === start) FIXED.rational.add(e);
}

function rationalPhaseOf(rec: Recorder, path: readonly number[], e: Expr): void {
  // an atom of the rational form (a symbol, number, call, sum, d/dv) is its own normal form:
  // printed back, it is the atom itself, so nothing below would change it
  if (isAtomic(e)) return;
  // A product with no division has nothing to cancel: its normal form would only multiply the
  // factors out (2^k terms for k binomial factors, the cost that made chains of definitions
  // super-linear). Normalise each factor instead; the product stays a product.
  if ((e.kind === 'mul' || e.kind === 'neg') && !divides(e)) {
    children(e).forEach((_, i) => rationalPhase(rec, [...path, i]));
    return;
  }
  // like terms of a sum with no fraction are collected as a move of their own (1 − y − y = 1 − 2y,
  // x + x = 2x): the normal form is not smaller by the measure (as many leaves), so the check
  // below would keep the uncollected sum
  const collected = divides(e) ? undefined : collectSum(e);
  if (collected) {
    rec.rewrite(path, collected, { rule: LIKE.id, label: LIKE.label });
    e = rec.at(path);
  }
  const rf = rationalForm(e);
  // no normal form (the algebra's work budget ran out on a deep network's gradient): the
  // textbook moves alone, each local and cheap, so the result is still factored and cancelled
  // (ŷ/σ − (1−ŷ)/(1−σ) over σ(1−σ)), never left raw (docs/performance.md, "No cliffs")
  if (!rf) return movesWithoutNormalForm(rec, path, e);
  // reordering alone is not simplification: keep the user's form unless the normal form is
  // smaller or a common factor cancels
  const mNormal = measure(rf.expr);
  const mStart = measure(e);
  if (mNormal > mStart || equal(rf.expr, e)) return;
  if (mNormal === mStart && rf.cancelled.length === 0) return;
  // one textbook move per step (docs/rules.md#policy): a factor that is a sum of fractions is
  // brought to its own fraction first (∂L/∂y inside ∂L/∂w), then the whole becomes one fraction
  const prod = e.kind === 'neg' ? [0] : [];
  const p = rec.at([...path, ...prod]);
  // −(A·B·…) with A a sum of fractions: the sign goes with A, as in −(ŷ/σ − (1−ŷ)/(1−σ))·σ(1−σ)·x
  const lead = e.kind === 'neg' && p.kind === 'mul' && sumOfFractions(p.factors[0]!) ? together(neg(p.factors[0]!)) : undefined;
  if (lead && p.kind === 'mul') {
    rec.rewrite(path, mul(lead, ...p.factors.slice(1)), { rule: COMBINE.id, label: COMBINE.label });
    fractionMoves(rec, [...path, 0]);
    prod.length = 0;
  }
  const q = rec.at([...path, ...prod]);
  if (q.kind === 'mul') q.factors.forEach((f, i) => sumOfFractions(f) && fractionMoves(rec, [...path, ...prod, i]));
  fractionMoves(rec, path);
  const cut = cancelVisible(rec.at(path));
  const stated: string[] = [];
  if (cut) {
    rec.rewrite(path, cut.expr, { rule: CANCEL.id, label: CANCEL.label, conditions: cut.cancelled });
    stated.push(...cut.cancelled.map(atomKey));
  }
  // the normal form, only when the moves above did not reach a form as small
  const now = rec.at(path);
  if (measure(now) <= mNormal || equal(now, rf.expr)) return;
  const conditions = rf.conditions.filter((c) => !stated.includes(atomKey(c)));
  if (conditions.length > 0) rec.rewrite(path, rf.expr, { rule: CANCEL.id, label: CANCEL.label, conditions });
  else rec.rewrite(path, rf.expr, { rule: COLLECT.id, label: COLLECT.label });
}

/** Leaves and the nodes fromExpr always keeps whole (ratfun.ts convert): their rational form
 * prints as the node itself (for d/dv there is none), so the rational phase leaves them be. */
function isAtomic(e: Expr): boolean {
  switch (e.kind) {
    case 'num':
    case 'sym':
    case 'const':
    case 'call':
    case 'sum':
    case 'diff':
      return true;
    default:
      // a power is left to fromExpr, whose integer exponents are any constant expression
      return false;
  }
}

/** The moves of rationalPhaseOf without the normal form: bring a leading sum of fractions (and
 * any factor that is one) to one fraction, combine the product, cancel what is visibly shared.
 * Tried on a scratch recorder and replayed only when the result is smaller. */
function movesWithoutNormalForm(rec: Recorder, path: readonly number[], e: Expr): void {
  const p = e.kind === 'neg' ? e.arg : e;
  if (p.kind !== 'mul' || !p.factors.some(sumOfFractions)) return;
  const scratch = new Recorder(e);
  const prod = e.kind === 'neg' ? [0] : [];
  if (e.kind === 'neg' && sumOfFractions(p.factors[0]!)) {
    scratch.rewrite([], mul(together(neg(p.factors[0]!)) ?? neg(p.factors[0]!), ...p.factors.slice(1)), { rule: COMBINE.id, label: COMBINE.label });
    fractionMoves(scratch, [0]);
    prod.length = 0;
  }
  const q = scratch.at(prod);
  if (q.kind === 'mul') q.factors.forEach((f, i) => sumOfFractions(f) && fractionMoves(scratch, [...prod, i]));
  fractionMoves(scratch, []);
  const cut = cancelVisible(scratch.current);
  if (cut) scratch.rewrite([], cut.expr, { rule: CANCEL.id, label: CANCEL.label, conditions: cut.cancelled });
  if (measure(scratch.current) >= measure(e)) return;
  for (const st of scratch.steps) {
    const { rule, label, conditions } = st;
    rec.rewrite([...path, ...st.path], st.to, { rule, label, ...(conditions ? { conditions } : {}) });
  }
}

/** A sum (or −sum) with a fraction among its terms. */
function sumOfFractions(e: Expr): boolean {
  const s = e.kind === 'neg' ? e.arg : e;
  return s.kind === 'add' && s.terms.some(divides);
}

/** Combine the fractions, expand the numerator, collect like terms, take a minus sign into the
 * numerator: each its own step, each only when it changes something. */
function fractionMoves(rec: Recorder, path: readonly number[]): void {
  const combined = together(rec.at(path));
  if (combined) rec.rewrite(path, combined, { rule: COMBINE.id, label: COMBINE.label });
  const moves: [typeof EXPAND, (n: Expr) => Expr | undefined][] = [
    [EXPAND, expandSum],
    [LIKE, collectSum],
  ];
  for (const [info, move] of moves) {
    const c = rec.at(path);
    const next = c.kind === 'div' ? move(c.num) : undefined;
    if (c.kind === 'div' && next) rec.rewrite(path, div(next, c.den), { rule: info.id, label: info.label });
  }
  const signed = signIntoNumerator(rec.at(path));
  if (signed) rec.rewrite(path, signed, { rule: SIGN.id, label: SIGN.label });
}

/** exp(−v) = (1 − σ(v))/σ(v) and exp(v) = σ(v)/(1 − σ(v)): keep the σ form when it is smaller.
 * First the notes' route: σ written out is recognised, e^(−v)/(1 + e^(−v))² is split first. */
function sigmoidPhase(rec: Recorder, path: readonly number[]): void {
  const e = rec.at(path);
  const exps: Expr[] = [];
  collectExps(e, exps);
  if (exps.length === 0) return;
  const sigma = (u: Expr) => call('sigmoid', u);
  const direct = recogniseSigmoid(e, sigma);
  if (direct && !containsExp(direct)) {
    rec.rewrite(path, direct, { rule: RECOGNISE.id, label: RECOGNISE.label });
    return;
  }
  const split = splitSquare(e);
  const recognised = split && recogniseSigmoid(split, sigma);
  if (split && recognised && !containsExp(recognised)) {
    rec.rewrite(path, split, { rule: SPLIT.id, label: SPLIT.label });
    rec.rewrite(path, recognised, { rule: RECOGNISE.id, label: RECOGNISE.label });
    return;
  }
  let replaced = e;
  for (const x of exps) {
    if (x.kind !== 'call') continue;
    const u = x.args[0]!;
    const v = u.kind === 'neg' ? u.arg : u;
    const s = call('sigmoid', v);
    const form = u.kind === 'neg' ? div(sub(int(1), s), s) : div(s, sub(int(1), s));
    replaced = replaceEqual(replaced, x, form);
  }
  const rf = rationalForm(replaced);
  if (!rf) return;
  const target = rf.expr;
  if (containsExp(target) || measure(target) >= measure(e)) return;
  rec.rewrite(path, replaced, { rule: SIGMOID.id, label: SIGMOID.label, bindings: {} });
  rec.rewrite(path, target, { rule: rf.cancelled.length ? CANCEL.id : COLLECT.id, label: 'recognise σ: collect and cancel', ...(rf.cancelled.length ? { conditions: rf.conditions } : {}) });
}

/** e^(a_j) beside Σ_k e^(a_k): write it softmax(a_j)·Σ_k e^(a_k) and keep the rational form when
 * no e^ is left outside the sums and it is smaller (e^(a_j)/Σ_k e^(a_k) is recognised as P_j). */
function softmaxPhase(rec: Recorder, path: readonly number[]): void {
  const e = rec.at(path);
  const sums: Sum[] = [];
  collectExpSums(e, sums);
  if (sums.length === 0) return;
  const exps: Expr[] = [];
  collectExps(e, exps, true);
  let replaced = e;
  for (const x of exps) {
    if (x.kind !== 'call') continue;
    const u = x.args[0]!;
    const j = u.kind === 'sym' ? indexLetters(u.name) : [];
    const s = j.length === 1 ? sums.find((s) => s.body.kind === 'call' && equal(renameIndex(s.body.args[0]!, s.index, j[0]!), u)) : undefined;
    if (!s) continue;
    replaced = replaceEqual(replaced, x, mul(call('softmax', u), s), true);
  }
  if (replaced === e) return;
  const rf = rationalForm(replaced);
  if (!rf || containsExp(rf.expr, true) || measure(rf.expr) >= measure(e)) return;
  rec.rewrite(path, replaced, { rule: SOFTMAX.id, label: SOFTMAX.label, bindings: {} });
  rec.rewrite(path, rf.expr, { rule: rf.cancelled.length ? CANCEL.id : COLLECT.id, label: 'recognise softmax: collect and cancel', ...(rf.cancelled.length ? { conditions: rf.conditions } : {}) });
}

function collectExpSums(e: Expr, out: Sum[]): void {
  if (e.kind === 'sum' && e.body.kind === 'call' && e.body.fn === 'exp') {
    if (!out.some((o) => equal(o, e))) out.push(e);
    return;
  }
  for (const k of children(e)) collectExpSums(k, out);
}

function collectExps(e: Expr, out: Expr[], skipSums = false): void {
  if (skipSums && e.kind === 'sum') return;
  if (e.kind === 'call' && e.fn === 'exp') {
    if (!out.some((o) => equal(o, e))) out.push(e);
    return;
  }
  for (const k of children(e)) collectExps(k, out, skipSums);
}
function containsExp(e: Expr, outsideSums = false): boolean {
  if (!outsideSums) return findPath(e, (x) => x.kind === 'call' && x.fn === 'exp') !== undefined;
  if (e.kind === 'sum') return false;
  if (e.kind === 'call' && e.fn === 'exp') return true;
  return children(e).some((k) => containsExp(k, true));
}
function replaceEqual(e: Expr, target: Expr, by: Expr, skipSums = false): Expr {
  if (skipSums && e.kind === 'sum') return e;
  if (equal(e, target)) return by;
  const kids = children(e);
  if (kids.length === 0) return e;
  return withChildren(e, kids.map((k) => replaceEqual(k, target, by, skipSums)));
}
