// Assumptions a request states (`assume`: `0 < p < 1`, `x > 0`, `t ∈ {0,1}`, `t1 + t2 + t3 = 1`)
// as data the engine uses. A linear constraint is solved for one variable (its last: t3 =
// 1 − t1 − t2), substituted in a named, visible step and in every numeric check, so the checks
// sample only points that satisfy it; domain facts become sampling ranges and value sets.
// Reading the text is the api's (src/api/assume.ts): the engine never parses.
import { add, div, mul, neg, rat, sym } from '../ast/build.js';
import type { Definition, Expr } from '../ast/nodes.js';
import { children, equal, leafCount, mapBottomUp, substituteSymbols } from '../ast/traverse.js';
import { ASSUME_STEP } from '../rules/registry.js';
import { simplify } from '../simplify/simplify.js';
import type { Derivation, Step } from '../trace/types.js';
import { substitute } from './chain.js';

/** lo < name < hi (either bound may be infinite; strictness is not sampled apart: ranges are open). */
export interface RangeFact {
  readonly kind: 'range';
  readonly name: string;
  readonly lo: number;
  readonly hi: number;
  readonly text: string;
}
/** name ∈ {v1, v2, …} */
export interface SetFact {
  readonly kind: 'set';
  readonly name: string;
  readonly values: readonly number[];
  readonly text: string;
}
/** lhs = rhs, linear; solved: solveFor = solution (in variables no constraint solves for). */
export interface LinearConstraint {
  readonly kind: 'linear';
  readonly text: string;
  readonly solveFor: string;
  readonly solution: Expr;
}
export interface Assumptions {
  readonly facts: ReadonlyArray<RangeFact | SetFact>;
  readonly constraints: readonly LinearConstraint[];
}

export const NO_ASSUMPTIONS: Assumptions = { facts: [], constraints: [] };
export const hasAssumptions = (a: Assumptions | undefined): a is Assumptions => !!a && (a.facts.length > 0 || a.constraints.length > 0);

// ---- linear forms: Σ cᵢ xᵢ + k with exact rational coefficients --------------------------------

type Q = readonly [bigint, bigint];
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const q = (n: bigint, d: bigint): Q => {
  const g = gcd(n, d) || 1n;
  return d < 0n ? [-n / g, -d / g] : [n / g, d / g];
};
const qadd = (a: Q, b: Q): Q => q(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
const qmul = (a: Q, b: Q): Q => q(a[0] * b[0], a[1] * b[1]);
/** A linear form: coefficient per variable (in order of first appearance) and the constant. */
export interface Linear {
  readonly coeffs: Map<string, Q>;
  readonly constant: Q;
}
const scale = (l: Linear, c: Q): Linear => ({ coeffs: new Map([...l.coeffs].map(([k, v]) => [k, qmul(v, c)])), constant: qmul(l.constant, c) });
function plus(a: Linear, b: Linear): Linear {
  const coeffs = new Map(a.coeffs);
  for (const [k, v] of b.coeffs) coeffs.set(k, coeffs.has(k) ? qadd(coeffs.get(k)!, v) : v);
  return { coeffs, constant: qadd(a.constant, b.constant) };
}

/** `e` as a linear form, or undefined when it is not linear (a product of symbols, a power, a call). */
export function linearForm(e: Expr): Linear | undefined {
  switch (e.kind) {
    case 'num':
      return { coeffs: new Map(), constant: [e.n, e.d] };
    case 'sym':
      return { coeffs: new Map([[e.name, [1n, 1n]]]), constant: [0n, 1n] };
    case 'neg': {
      const a = linearForm(e.arg);
      return a && scale(a, [-1n, 1n]);
    }
    case 'add': {
      let acc: Linear = { coeffs: new Map(), constant: [0n, 1n] };
      for (const t of e.terms) {
        const l = linearForm(t);
        if (!l) return undefined;
        acc = plus(acc, l);
      }
      return acc;
    }
    case 'mul': {
      let acc: Linear = { coeffs: new Map(), constant: [1n, 1n] };
      for (const f of e.factors) {
        const l = linearForm(f);
        if (!l) return undefined;
        const lc = [...l.coeffs.values()].some((c) => c[0] !== 0n);
        const ac = [...acc.coeffs.values()].some((c) => c[0] !== 0n);
        if (lc && ac) return undefined;
        acc = lc ? scale(l, acc.constant) : scale(acc, l.constant);
      }
      return acc;
    }
    case 'div': {
      const n = linearForm(e.num);
      const d = linearForm(e.den);
      if (!n || !d || [...d.coeffs.values()].some((c) => c[0] !== 0n) || d.constant[0] === 0n) return undefined;
      return scale(n, [d.constant[1], d.constant[0]]);
    }
    default:
      return undefined;
  }
}

const numExpr = (c: Q): Expr => (c[0] < 0n ? neg(rat(-c[0], c[1])) : rat(c[0], c[1]));

export type Solved = { readonly solveFor: string; readonly solution: Expr } | 'redundant' | 'contradiction' | 'nonlinear';

/** Solve lhs = rhs (after the earlier constraints' substitutions) for its last variable. */
export function solveLinear(lhs: Expr, rhs: Expr, earlier: readonly LinearConstraint[]): Solved {
  const l = linearForm(constrain(lhs, earlier));
  const r = linearForm(constrain(rhs, earlier));
  if (!l || !r) return 'nonlinear';
  const f = plus(l, scale(r, [-1n, 1n]));
  const vars = [...f.coeffs].filter(([, c]) => c[0] !== 0n);
  if (!vars.length) return f.constant[0] === 0n ? 'redundant' : 'contradiction';
  const [x, cx] = vars[vars.length - 1]!;
  // x = −(k + Σ_{others} cᵢ xᵢ)/cx
  const inv: Q = q(-cx[1], cx[0]);
  const terms: Expr[] = [];
  const k = qmul(f.constant, inv);
  for (const [v, c] of vars.slice(0, -1)) {
    const cc = qmul(c, inv);
    terms.push(cc[0] === cc[1] ? sym(v) : cc[0] === -cc[1] ? neg(sym(v)) : mul(numExpr(cc), sym(v)));
  }
  if (k[0] !== 0n || !terms.length) terms.unshift(numExpr(k));
  return { solveFor: x, solution: terms.length === 1 ? terms[0]! : add(...terms) };
}

/** `e` with every constrained variable replaced by its solution. */
export function constrain(e: Expr, cs: readonly LinearConstraint[]): Expr {
  let out = e;
  for (const c of cs) out = substituteSymbols(out, new Map([[c.solveFor, c.solution]]));
  return out;
}

/** The domain facts as open sampling ranges (`0 < p < 1` → p ∈ (0, 1), `x > 0` → (0, ∞)). */
export function rangesOf(a: Assumptions): Record<string, readonly [number, number]> {
  const out: Record<string, readonly [number, number]> = {};
  for (const f of a.facts) if (f.kind === 'range') out[f.name] = [f.lo, f.hi];
  return out;
}

// ---- the steps: use a constraint, then write the result in the defined names --------------------

function wholeStep(info: { id: string; label: string }, before: Expr, after: Expr, justification?: { lhs: Expr; rhs: Expr }): Step {
  return { rule: info.id, label: info.label, before, after, path: [], from: before, to: after, bindings: {}, ...(justification ? { justification } : {}) };
}

/** The steps that use the assumptions on a result `start` (a derivative, definitions substituted
 * when `defs` are given): substitute each constraint's solution and simplify, kept only when the
 * result is smaller; then write it in the defined names when that is shorter. Undefined when no
 * assumption helps. The derivation holds only under the assumptions: check it with constrainedCopy. */
export function useAssumptions(start: Expr, a: Assumptions, defs: readonly Definition[] = []): Derivation | undefined {
  const steps: Step[] = [];
  let cur = start;
  for (const c of a.constraints) {
    const sub = substituteSymbols(cur, new Map([[c.solveFor, c.solution]]));
    if (equal(sub, cur)) continue;
    const s = simplify(sub);
    // the collected form can leave a factor 1 or a bracket for tidy: one more pass finishes it
    const again = simplify(s.result);
    if (leafCount(again.result) >= leafCount(cur)) continue;
    steps.push(wholeStep({ id: ASSUME_STEP.use.id, label: `${ASSUME_STEP.use.label} ${c.text}` }, cur, sub, { lhs: sym(c.solveFor), rhs: c.solution }), ...s.steps, ...again.steps);
    cur = again.result;
  }
  const named = inNames(cur, defs);
  if (named) {
    steps.push(wholeStep(ASSUME_STEP.names, cur, named.expr, { lhs: sym(named.name), rhs: named.def }));
    cur = named.expr;
  }
  return steps.length ? { input: start, start, steps, result: cur } : undefined;
}

/** A copy of `d` with the definitions and constraints substituted in every expression, for the
 * numeric checks (which then sample only points that satisfy the constraints). */
export function constrainedCopy(d: Derivation, a: Assumptions, defs: readonly Definition[] = []): Derivation {
  const f = (e: Expr): Expr => constrain(defs.length ? substitute(e, defs) : e, a.constraints);
  const step = (s: Step): Step => ({
    ...s,
    before: f(s.before),
    after: f(s.after),
    from: f(s.from),
    to: f(s.to),
    ...(s.substeps ? { substeps: s.substeps.map(step) } : {}),
  });
  return { ...d, input: f(d.input), start: f(d.start), steps: d.steps.map(step), result: f(d.result) };
}

/** N/D written as Q + c·y where a definition is y = n/D (a softmax output): one term A of D that
 * n does not contain is replaced by −(the rest of D) in N, which leaves N′ = N mod D; then
 * N/D = (N − N′)/D + (N′/n)·y. Kept when shorter than N/D. */
function inNames(e: Expr, defs: readonly Definition[]): { expr: Expr; name: string; def: Expr } | undefined {
  if (e.kind !== 'div' || e.den.kind !== 'add') return undefined;
  const D = e.den;
  let best: { expr: Expr; name: string; def: Expr } | undefined;
  for (const d of defs) {
    const flat = substitute(d.expr, defs);
    if (flat.kind !== 'div' || !equal(flat.den, D)) continue;
    const n = flat.num;
    const i = D.terms.findIndex((t) => !occurs(t, n));
    if (i < 0) continue;
    const A = D.terms[i]!;
    const rest = D.terms.filter((_, j) => j !== i);
    const minusRest = neg(rest.length === 1 ? rest[0]! : add(...rest));
    const nPrime = simplify(mapBottomUp(e.num, (x) => (equal(x, A) ? minusRest : x))).result;
    const Q = simplify(div(add(e.num, neg(nPrime)), D)).result;
    const c = simplify(div(nPrime, n)).result;
    if (occurs(D, Q) || Q.kind === 'div' || c.kind === 'div') continue;
    const candidate = simplify(add(mul(c, sym(d.name)), Q)).result;
    if (leafCount(candidate) < leafCount(best?.expr ?? e)) best = { expr: candidate, name: d.name, def: flat };
  }
  return best;
}

function occurs(part: Expr, whole: Expr): boolean {
  if (equal(part, whole)) return true;
  return children(whole).some((c) => occurs(part, c));
}
