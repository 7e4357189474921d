// The raw material of a diagnosis, read off the problem and the expected answer: inner functions
// and their derivatives (chain factors), outer derivatives, powers, additive terms, 1/m factors,
// loss calls (prediction, label), products and softmax quotients. Everything here only PROPOSES
// candidates; diagnose.ts confirms each one by an equivalence check before it says anything.
// Invariants: pure and deterministic (pre-order, left to right, duplicates removed by atomKey);
// never throws for a well-formed tree (a derivative the engine cannot take drops that candidate).
import { add, div, int, mul, neg, pow, rat, sym } from '../ast/build.js';
import type { Expr } from '../ast/nodes.js';
import { children, freeSymbols, mapBottomUp, withChildren, substituteSymbols } from '../ast/traverse.js';
import { derive } from '../derive/derive.js';
import { getFunction, lookupFunction } from '../functions/index.js';
import { numericValue } from '../check/index.js';
import { expandExpr } from '../algebra/rational.js';
import { atomKey } from '../algebra/atoms.js';

/** Does `e` depend on the variable `x`? */
export const dependsOn = (e: Expr, x: string): boolean => freeSymbols(e).includes(x);

/** d(e)/d(wrt), simplified; undefined when the engine cannot take it. */
export function derivativeOf(e: Expr, wrt: string): Expr | undefined {
  try {
    return derive(e, wrt, { proofs: false }).result;
  } catch {
    return undefined;
  }
}

/** Every d/dv(…) node replaced by its derivative (innermost first); undefined when one fails. */
export function expandDiffs(e: Expr): Expr | undefined {
  let failed = false;
  const out = mapBottomUp(e, (n) => {
    if (n.kind !== 'diff') return n;
    const d = derivativeOf(n.arg, n.wrt);
    if (!d) failed = true;
    return d ?? n;
  });
  return failed ? undefined : out;
}

/** Replace every occurrence of the symbol `name` by `by`. */
export function replaceSym(e: Expr, name: string, by: Expr): Expr {
  return substituteSymbols(e, new Map([[name, by]]));
}

/** Replace every subtree structurally equal to one of `pairs`' first members (outermost first). */
export function replaceSubtrees(e: Expr, pairs: readonly (readonly [Expr, Expr])[]): Expr {
  const keys = pairs.map(([a]) => atomKey(a));
  const walk = (x: Expr): Expr => {
    const i = keys.indexOf(atomKey(x));
    if (i >= 0) return pairs[i]![1];
    const kids = children(x);
    return kids.length ? withChildren(x, kids.map(walk)) : x;
  };
  return walk(e);
}

/** A symbol name that occurs in none of `exprs` (for holding a sub-expression fixed). */
export function freshName(exprs: readonly Expr[], stem: string): string {
  const used = new Set(exprs.flatMap(freeSymbols));
  for (let i = 0; ; i++) if (!used.has(`${stem}${i}`)) return `${stem}${i}`;
}

/** Pre-order list of every node. */
export function nodes(e: Expr): Expr[] {
  const out: Expr[] = [];
  const stack: Expr[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    out.push(x);
    const kids = children(x);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

function uniqueBy<T>(xs: readonly T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The loss functions (specs with `loss` roles: BCE, MSE) have their definitions opened up to find
 * inner functions (σ stays closed: its inner functions are the ones a student writes). */
const lossRoles = (fn: string) => lookupFunction(fn)?.loss;

/** `e` with the loss calls (BCE, MSE) replaced by their definitions. */
export function openLosses(e: Expr): Expr {
  return mapBottomUp(e, (n) => {
    if (n.kind !== 'call' || !lossRoles(n.fn)) return n;
    const def = getFunction(n.fn).definition;
    return def ? def(n.args) : n;
  });
}

/** The value of a tree without symbols (−1 may come back as neg(1)), else undefined. */
function constantValue(e: Expr): number | undefined {
  if (freeSymbols(e).length > 0) return undefined;
  try {
    const v = numericValue(e, {});
    return Number.isFinite(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** 0, 1 or −1: a factor that explains nothing (a sign is a sign error). */
function trivialFactor(e: Expr): boolean {
  const v = constantValue(e);
  return v !== undefined && (v === 0 || Math.abs(v) === 1);
}

/** Is `u` on every path from `wrt` to the problem's value (the problem depends on wrt only
 * through u)? Only then can the missing u′ be a factor of the whole answer. */
export function bottleneck(problem: Expr, u: Expr, wrt: string): boolean {
  const q = sym(freshName([problem], 'q'));
  return !dependsOn(replaceSubtrees(problem, [[u, q]]), wrt);
}

/** A chain-rule factor: d(inner)/d(wrt), or the outer derivative f′(u) of a call or a power. */
export interface ChainFactor {
  readonly kind: 'inner' | 'outer';
  /** the inner function u (kind inner) or the call/power f(u) (kind outer) */
  readonly of: Expr;
  /** the factor: u′ (inner), f′(u) (outer) */
  readonly factor: Expr;
}

/** Chain factors of `problem` w.r.t. `wrt`: arguments of calls, bases and exponents of powers,
 * denominators (each as an inner function u with u′), and the outer derivatives f′(u) — only where
 * u (or f(u)) is a bottleneck, so that its factor multiplies the whole derivative. Factors that
 * are 0 or ±1 are left out: multiplying by them explains nothing (a sign is a sign error). */
export function chainFactors(problem: Expr, wrt: string): ChainFactor[] {
  const out: ChainFactor[] = [];
  const inner = (u: Expr) => {
    if (!dependsOn(u, wrt) || (u.kind === 'sym' && u.name === wrt) || !bottleneck(problem, u, wrt)) return;
    const du = derivativeOf(u, wrt);
    if (du && !trivialFactor(du)) out.push({ kind: 'inner', of: u, factor: du });
  };
  const outer = (f: Expr, d: Expr | undefined) => {
    if (d && !trivialFactor(d) && bottleneck(problem, f, wrt)) out.push({ kind: 'outer', of: f, factor: d });
  };
  for (const n of nodes(problem)) {
    if (!dependsOn(n, wrt)) continue;
    if (n.kind === 'call') {
      n.args.forEach(inner);
      const spec = getFunction(n.fn);
      if (spec.arity === 1 && n.args[0] && n.args[0].kind !== 'sym') outer(n, spec.partials[0]?.(n.args));
    } else if (n.kind === 'pow') {
      inner(n.base);
      inner(n.exp);
      if (n.exp.kind === 'num' && n.base.kind !== 'sym') outer(n, mul(n.exp, pow(n.base, rat(n.exp.n - n.exp.d, n.exp.d))));
    } else if (n.kind === 'div') {
      inner(n.den);
    }
  }
  return uniqueBy(out, (c) => `${c.kind}:${atomKey(c.factor)}`);
}

/** The inner functions of `problem` (arguments of calls, bases and exponents of powers,
 * denominators) that depend on `wrt`, however simple their derivative. */
export function innerFunctions(problem: Expr, wrt: string): Expr[] {
  const out: Expr[] = [];
  for (const src of uniqueBy([problem, openLosses(problem)], atomKey)) {
    for (const n of nodes(src)) {
      const parts = n.kind === 'call' ? n.args : n.kind === 'pow' ? [n.base, n.exp] : n.kind === 'div' ? [n.den] : [];
      for (const u of parts) if (dependsOn(u, wrt) && !(u.kind === 'sym' && u.name === wrt)) out.push(u);
    }
  }
  return uniqueBy(out, atomKey);
}

/** Bases of powers (and of √, ∛) that depend on `wrt`: where a power-rule exponent can slip. */
export function powerBases(problem: Expr, wrt: string): Expr[] {
  const out: Expr[] = [];
  for (const n of nodes(problem)) {
    if (n.kind === 'pow' && dependsOn(n.base, wrt) && !dependsOn(n.exp, wrt)) out.push(n.base);
    if (n.kind === 'call' && (n.fn === 'sqrt' || n.fn === 'cbrt') && n.args[0] && dependsOn(n.args[0], wrt)) out.push(n.args[0]);
    if (n.kind === 'div' && dependsOn(n.den, wrt) && !dependsOn(n.num, wrt)) out.push(n.den); // c/v = c·v^(−1)
  }
  return uniqueBy(out, atomKey);
}

/** The terms of a sum, signs pushed in, through a leading minus. */
function flat(e: Expr): Expr[] {
  if (e.kind === 'add') return e.terms.flatMap(flat);
  if (e.kind === 'neg') return flat(e.arg).map((t) => (t.kind === 'neg' ? t.arg : neg(t)));
  return [e];
}

/** Additive terms of `e`: a sum's terms; a single term is opened through a common denominator
 * ((a + b)/d → a/d, b/d) or one bracket of a product (c·(a + b) → c·a, c·b). */
export function termsOf(e: Expr): Expr[] {
  const ts = flat(e);
  if (ts.length > 1) return ts;
  const [t] = ts as [Expr];
  if (t.kind === 'div') {
    const num = flat(t.num);
    if (num.length > 1) return num.map((x) => div(x, t.den));
  }
  if (t.kind === 'mul') {
    const i = t.factors.findIndex((f) => flat(f).length > 1);
    if (i >= 0) return flat(t.factors[i]!).map((x) => mul(...t.factors.map((f, j) => (j === i ? x : f))));
  }
  if (t.kind === 'neg') return termsOf(t.arg).map((x) => (x.kind === 'neg' ? x.arg : neg(x)));
  return ts;
}

/** A term a student may drop or flip; level 2 = a term of a term (finer grained). */
export interface TermCandidate {
  readonly term: Expr;
  readonly level: 1 | 2;
}

/** Candidate terms: the terms of the expected answer as written, of its expanded form, and of the
 * problem's derivative before simplification (through the definitions of the losses too), then
 * the terms of those terms. Only sums of at least two terms count. */
export function termCandidates(expected: Expr, sources: readonly { problem: Expr; wrt: string }[]): TermCandidate[] {
  const forms: Expr[] = [expected];
  const expanded = safe(() => expandExpr(expected));
  if (expanded) forms.push(expanded);
  for (const { problem, wrt } of sources) {
    for (const p of uniqueBy([problem, openLosses(problem)], atomKey)) {
      const raw = safe(() => derive(p, wrt, { simplify: false, proofs: false }).result);
      if (raw) forms.push(raw);
    }
  }
  const out: TermCandidate[] = [];
  const level1: Expr[] = [];
  for (const f of forms) {
    const ts = termsOf(f);
    if (ts.length >= 2 && ts.length <= 24) level1.push(...ts);
  }
  out.push(...level1.map((term) => ({ term, level: 1 as const })));
  for (const t of level1) {
    const ts = termsOf(t);
    if (ts.length >= 2 && ts.length <= 24) out.push(...ts.map((term) => ({ term, level: 2 as const })));
  }
  return uniqueBy(out, (c) => atomKey(c.term)).filter((c) => constantValue(c.term) !== 0);
}

/** Is `e` free of symbols (a number, however written)? */
export const isConstant = (e: Expr): boolean => freeSymbols(e).length === 0;

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** Factors 1/m of the problem as a whole: a symbol named m, and the divisor of a top-level
 * (1/m)·(…), (…)/m or m^(−1) that does not depend on wrt (a count, not a function). */
export function meanDivisors(problem: Expr, wrt: string): Expr[] {
  const out: Expr[] = [];
  if (freeSymbols(problem).includes('m')) out.push(sym('m'));
  const top = (e: Expr): void => {
    if (e.kind === 'neg') return top(e.arg);
    if (e.kind === 'div') {
      out.push(e.den);
      top(e.num);
    } else if (e.kind === 'mul') e.factors.forEach(top);
    else if (e.kind === 'pow' && e.exp.kind === 'num' && e.exp.n === -1n && e.exp.d === 1n) out.push(e.base);
  };
  top(problem);
  return uniqueBy(out.filter((d) => !trivialFactor(d) && !dependsOn(d, wrt)), atomKey);
}

/** A loss call of the problem (BCE, MSE: specs with `loss` roles): which expression is the prediction and which the label. */
export interface LossCall {
  readonly fn: string;
  readonly prediction: Expr;
  readonly label: Expr;
}
export function lossCalls(problem: Expr): LossCall[] {
  return nodes(problem).flatMap((n) => {
    const roles = n.kind === 'call' ? lossRoles(n.fn) : undefined;
    if (n.kind !== 'call' || !roles) return [];
    const prediction = n.args[roles.prediction];
    const label = n.args[roles.label];
    return prediction && label ? [{ fn: n.fn, prediction, label }] : [];
  });
}

/** The student's wrong derivative of a product node `p` = f₁·f₂·…: the product of the factors'
 * derivatives, the factors that do not depend on wrt kept as they are. */
export function productOfDerivatives(p: Expr & { kind: 'mul' }, wrt: string): Expr | undefined {
  const fs: Expr[] = [];
  for (const f of p.factors) {
    if (!dependsOn(f, wrt)) fs.push(f);
    else {
      const d = derivativeOf(f, wrt);
      if (!d) return undefined;
      fs.push(d);
    }
  }
  return fs.length === 1 ? fs[0] : mul(...fs);
}

/** Products in the problem with at least two factors that depend on wrt. */
export function productNodes(problem: Expr, wrt: string): (Expr & { kind: 'mul' })[] {
  return nodes(problem).filter((n): n is Expr & { kind: 'mul' } => n.kind === 'mul' && n.factors.filter((f) => dependsOn(f, wrt)).length >= 2);
}

/**
 * d(problem)/d(wrt) when the sub-expressions `held` are differentiated by the given (wrong) rules:
 * each held node h is replaced by a fresh symbol q, so that
 *   d/dx F(x, h(x)) = ∂F/∂x + ∂F/∂q · h′,
 * with h′ the student's version. Returns undefined when a derivative cannot be taken.
 */
export function derivativeWith(problem: Expr, wrt: string, held: readonly { node: Expr; wrong: Expr }[]): Expr | undefined {
  const names = held.map((_, i) => freshName([problem], `q${i}_`));
  const keyed = held.map((h, i) => [h.node, sym(names[i]!)] as const);
  const F = replaceSubtrees(problem, keyed);
  const direct = derivativeOf(F, wrt);
  if (!direct) return undefined;
  const terms: Expr[] = [direct];
  for (let i = 0; i < held.length; i++) {
    const dq = derivativeOf(F, names[i]!);
    if (!dq) return undefined;
    terms.push(mul(dq, held[i]!.wrong));
  }
  let out: Expr = add(...terms);
  for (let i = 0; i < held.length; i++) out = replaceSym(out, names[i]!, held[i]!.node);
  return out;
}

/** A softmax output written out as the notes do: e^(a)/(e^(a₁) + … + e^(aₙ)) with a among the aᵢ. */
export interface SoftmaxNode {
  readonly node: Expr;
  /** the argument a of the numerator's exponential */
  readonly own: Expr;
}
export function softmaxNodes(problem: Expr): SoftmaxNode[] {
  const out: SoftmaxNode[] = [];
  for (const n of nodes(problem)) {
    if (n.kind !== 'div' || n.num.kind !== 'call' || n.num.fn !== 'exp' || n.den.kind !== 'add') continue;
    const own = n.num.args[0]!;
    const dens = n.den.terms;
    if (dens.every((t) => t.kind === 'call' && t.fn === 'exp') && dens.some((t) => atomKey(t) === atomKey(n.num))) out.push({ node: n, own });
  }
  return uniqueBy(out, (s) => atomKey(s.node));
}

/** The element-wise shortcut of G5: every softmax output P(a) is treated as if it depended on its
 * own input a only, ∂P(a)/∂x = P(a)(1 − P(a))·a′, so the other outputs' dependence on x is lost. */
export function softmaxShortcut(problem: Expr, wrt: string): Expr | undefined {
  const sms = softmaxNodes(problem).filter((s) => dependsOn(s.node, wrt));
  if (sms.length === 0) return undefined;
  const held: { node: Expr; wrong: Expr }[] = [];
  for (const s of sms) {
    const da = derivativeOf(s.own, wrt);
    if (!da) return undefined;
    held.push({ node: s.node, wrong: mul(s.node, add(int(1), neg(s.node)), da) });
  }
  return derivativeWith(problem, wrt, held);
}
