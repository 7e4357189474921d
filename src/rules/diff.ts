// Differentiation rules as data: a registry entry (src/rules/registry.ts: stable id, label, the
// rule as an equation in the project's own notation, parsed here once, when a step first cites it) and
// `apply`, which rewrites ONE node d/dx(arg). The chain rule is written once (`diff.chain`) and
// reads each function's partials from its spec.
// Invariant: `apply` returns undefined when the rule does not match; otherwise `after` is a tree
// in which every remaining derivative is a diff node over a sub-expression of `arg`.
import { add, call, diff, div, int, mul, neg, pow, rat, sum, sym } from '../ast/build.js';
import { childNodes, symbolNames } from '../ast/hash.js';
import { indexLetters, splitName, unifyIndexed } from '../ast/names.js';
import type { Expr } from '../ast/nodes.js';
import { children, freshIndex, freeSymbols, renameIndex } from '../ast/traverse.js';
import { FUNCTIONS, getFunction, isRegistered, lookupFunction } from '../functions/index.js';
import { mainExpr } from '../parse/index.js';
import { parseTextProgram } from '../parse/text.js';
import { ABSTRACT_STEP, DIFF_STEP, functionEquations, functionStepId, step, type StepInfo } from './registry.js';

export interface Applied {
  readonly after: Expr;
  readonly bindings: Readonly<Record<string, Expr>>;
  /** set when one rule object covers several named rules (the function rules) */
  readonly id?: string;
  readonly label?: string;
}

export interface DiffRule {
  readonly id: string;
  readonly label: string;
  /** the rule as an equation, `lhs = rhs`, in plain-text notation (docs/rules.md) */
  readonly text: string;
  /** the equation as trees; absent for the chain rule, whose f is any function of the registry */
  readonly lhs?: Expr;
  readonly rhs?: Expr;
  readonly apply: (arg: Expr, x: string) => Applied | undefined;
}

/** Does `e` depend on the variable `x`? Index-aware: t_i log y_i depends on y_j through y_i
 * (src/ast/names.ts unifyIndexed), as w_i1 depends on w_11. */
export function dependsOn(e: Expr, x: string): boolean {
  if (mentions(e, x)) return true;
  if (indexedName(x) && symbolNames(e).some((n) => unifyIndexed(n, x) !== null)) return true;
  return throughVector(e, x);
}

/** Past this many nodes `mentions` reads the cached names instead of walking on. */
const WALK_LIMIT = 48;

/** Whether the symbol `x` occurs in `e`. Most trees a rule asks about are small and fresh: a walk
 * is cheaper than filling the per-node name cache (a WeakMap entry per new node, ~6 % of a small
 * derivation from a fresh parse); a large tree (or a DAG whose walk would repeat shared parts)
 * falls back to the cache after WALK_LIMIT nodes, so the cost stays linear in a deep derivation. */
function mentions(e: Expr, x: string): boolean {
  const stack: Expr[] = [e];
  let visited = 0;
  while (stack.length) {
    const y = stack.pop()!;
    if (++visited > WALK_LIMIT) return symbolNames(e).includes(x);
    if (y.kind === 'sym') {
      if (y.name === x) return true;
    } else for (const k of childNodes(y)) stack.push(k);
  }
  return false;
}

/** softmax(a_1), CE(y, t), logsumexp(a) depend on EVERY component of their vectors: on a_2, y_j. */
function throughVector(e: Expr, x: string): boolean {
  const base = splitName(x);
  if (!base.sub) return false;
  const same = (n: string) => {
    const p = splitName(n);
    return p.base === base.base && p.accent === base.accent;
  };
  const stack = [e];
  while (stack.length) {
    const y = stack.pop()!;
    if (y.kind === 'call' && lookupFunction(y.fn)?.indexed && freeSymbols(y).some(same)) return true;
    stack.push(...children(y));
  }
  return false;
}
/** A name with an index-pattern subscript (only these can alias another component). */
const indexedName = (x: string): boolean => /_[a-z0-9]{1,3}$/.test(x);

function rule(info: StepInfo, apply: DiffRule['apply'], abstract = false): DiffRule {
  const { id, label } = info;
  const text = info.text!;
  if (abstract) return { id, label, text, apply };
  const [l, r] = text.split(' = ');
  // parsed when a step first cites the rule, not at load: the CLI's start-up (docs/performance.md)
  let eq: readonly [Expr, Expr] | undefined;
  const parsed = () => (eq ??= [mainExpr(parseTextProgram(l!)), mainExpr(parseTextProgram(r!))]);
  return {
    id,
    label,
    text,
    get lhs() {
      return parsed()[0];
    },
    get rhs() {
      return parsed()[1];
    },
    apply,
  };
}

const d = (e: Expr, x: string) => diff(e, x);
/** An index slot as a tree: a letter is a symbol, a digit a number. */
const indexValue = (c: string): Expr => (/^[0-9]+$/.test(c) ? int(BigInt(c)) : sym(c));
const isNum = (e: Expr, k: bigint) => e.kind === 'num' && e.n === k && e.d === 1n;

export const DIFF_RULES: readonly DiffRule[] = [
  rule(DIFF_STEP.constant, (u, x) => (dependsOn(u, x) ? undefined : { after: int(0), bindings: { c: u } })),
  rule(DIFF_STEP.variable, (u, x) => (u.kind === 'sym' && u.name === x ? { after: int(1), bindings: {} } : undefined)),
  rule(DIFF_STEP.sumIndex, (u, x) => {
    if (u.kind !== 'sum') return undefined;
    // the variable's own index letter must not be captured by the bound index (d/dy_i Σ_i …)
    let s = u;
    if (indexLetters(x).includes(u.index) || x === u.index) {
      const f = freshIndex([u.body], [...indexLetters(x), x]);
      s = sum(f, u.lo, u.hi, renameIndex(u.body, u.index, f));
    }
    return { after: sum(s.index, s.lo, s.hi, d(s.body, x)), bindings: { u: s.body, i: sym(s.index) } };
  }),
  rule(DIFF_STEP.index, (u, x) => {
    if (u.kind !== 'sym' || u.name === x) return undefined;
    const pairs = unifyIndexed(u.name, x);
    if (!pairs || pairs.length === 0) return undefined;
    const deltas = pairs.map(([a, b]) => call('kronecker', indexValue(a), indexValue(b)));
    return { after: deltas.length === 1 ? deltas[0]! : mul(...deltas), bindings: { u } };
  }),
  rule(DIFF_STEP.sum, (u, x) =>
    u.kind === 'add'
      ? { after: add(...u.terms.map((t) => (t.kind === 'neg' ? neg(d(t.arg, x)) : d(t, x)))), bindings: Object.fromEntries(u.terms.map((t, i) => [`u${i + 1}`, t])) }
      : undefined),
  rule(DIFF_STEP.negation, (u, x) => (u.kind === 'neg' ? { after: neg(d(u.arg, x)), bindings: { u: u.arg } } : undefined)),
  rule(DIFF_STEP.constantMultiple, (u, x) => {
    if (u.kind !== 'mul') return undefined;
    const varying = u.factors.filter((f) => dependsOn(f, x));
    if (varying.length !== 1) return undefined;
    const v = varying[0]!;
    // the varying factor is replaced in place: d/dw(w·x) = (d/dw w)·x keeps the user's order
    return { after: mul(...u.factors.map((f) => (f === v ? d(f, x) : f))), bindings: { u: v } };
  }),
  rule(DIFF_STEP.product, (u, x) => {
    if (u.kind !== 'mul') return undefined;
    const fs = u.factors;
    const terms = fs.flatMap((f, i) => (dependsOn(f, x) ? [mul(...fs.map((g, j) => (j === i ? d(g, x) : g)))] : []));
    return { after: terms.length === 1 ? terms[0]! : add(...terms), bindings: Object.fromEntries(fs.map((f, i) => [`u${i + 1}`, f])) };
  }),
  rule(DIFF_STEP.constantDivisor, (u, x) =>
    u.kind === 'div' && !dependsOn(u.den, x) ? { after: div(d(u.num, x), u.den), bindings: { u: u.num, c: u.den } } : undefined),
  rule(DIFF_STEP.reciprocal, (u, x) => {
    if (u.kind !== 'div' || dependsOn(u.num, x)) return undefined;
    const top = isNum(u.num, 1n) ? d(u.den, x) : mul(u.num, d(u.den, x));
    return { after: neg(div(top, pow(u.den, int(2)))), bindings: { c: u.num, v: u.den } };
  }),
  rule(DIFF_STEP.quotient, (u, x) =>
    u.kind === 'div'
      ? { after: div(add(mul(d(u.num, x), u.den), neg(mul(u.num, d(u.den, x)))), pow(u.den, int(2))), bindings: { u: u.num, v: u.den } }
      : undefined),
  rule(DIFF_STEP.power, (u, x) => {
    if (u.kind !== 'pow' || dependsOn(u.exp, x)) return undefined;
    const n = u.exp;
    // a numeric exponent (also −2 written as a negation) is lowered by one at once (2u, not
    // 2u^(2 − 1)): the textbook step
    const k = n.kind === 'num' ? n : n.kind === 'neg' && n.arg.kind === 'num' ? rat(-n.arg.n, n.arg.d) : undefined;
    const lowered = k ? rat(k.n - k.d, k.d) : add(n, neg(int(1)));
    const power = isNum(lowered, 1n) ? u.base : isNum(lowered, 0n) ? int(1) : pow(u.base, lowered);
    const factors = [k ?? n, ...(isNum(power, 1n) ? [] : [power])];
    const inner = u.base.kind === 'sym' && u.base.name === x ? [] : [d(u.base, x)];
    const all = [...factors, ...inner];
    return { after: all.length === 1 ? all[0]! : mul(...all), bindings: { u: u.base, n } };
  }),
  rule(DIFF_STEP.zeroBase, (u, x) => (u.kind === 'pow' && isNum(u.base, 0n) && dependsOn(u.exp, x) ? { after: int(0), bindings: { u: u.exp } } : undefined)),
  rule(DIFF_STEP.exponential, (u, x) =>
    u.kind === 'pow' && !dependsOn(u.base, x)
      ? { after: mul(u, call('log', u.base), d(u.exp, x)), bindings: { a: u.base, u: u.exp } }
      : undefined),
  rule(DIFF_STEP.generalPower, (u, x) =>
    u.kind === 'pow'
      ? { after: mul(u, add(mul(d(u.exp, x), call('log', u.base)), div(mul(u.exp, d(u.base, x)), u.base))), bindings: { u: u.base, v: u.exp } }
      : undefined),
  rule(DIFF_STEP.softmax, (u, x) => {
    // the Jacobian of softmax, never the element-wise shortcut: ∂P_j/∂a_u = P_j(δ_ju − P_u)
    if (u.kind !== 'call' || u.fn !== 'softmax' || u.args[0]!.kind !== 'sym') return undefined;
    const a = u.args[0]!.name;
    const p = splitName(a);
    const q = splitName(x);
    if (p.base !== q.base || p.accent !== q.accent || !p.sub || !q.sub || p.sub.length !== q.sub.length) return undefined;
    const pairs = unifyIndexed(a, x);
    const delta = pairs === null ? int(0) : pairs.length === 0 ? int(1) : pairs.length === 1 ? call('kronecker', indexValue(pairs[0]![0]), indexValue(pairs[0]![1])) : undefined;
    if (!delta) return undefined;
    return { after: mul(u, add(delta, neg(call('softmax', sym(x))))), bindings: { a_j: u.args[0]!, a_u: sym(x) } };
  }),
  rule(DIFF_STEP.definition, (u, x) => {
    if (u.kind !== 'call') return undefined;
    const spec = lookupFunction(u.fn);
    if (!spec?.indexed || !spec.definition) return undefined;
    return { after: d(spec.definition(u.args), x), bindings: Object.fromEntries(u.args.map((a, i) => [spec.params[i]!, a])), label: `${DIFF_STEP.definition.label} of ${spec.name}` };
  }),
  rule(DIFF_STEP.chain, (u, x) => {
    if (u.kind !== 'call') return undefined;
    const spec = getFunction(u.fn);
    const terms: Expr[] = [];
    u.args.forEach((a, i) => {
      if (!dependsOn(a, x)) return;
      const partial = spec.partials[i]!(u.args);
      terms.push(a.kind === 'sym' && a.name === x ? partial : mul(partial, d(a, x)));
    });
    const direct = u.args.every((a) => !dependsOn(a, x) || (a.kind === 'sym' && a.name === x));
    const bindings = Object.fromEntries(u.args.map((a, i) => [spec.params[i]!, a]));
    // an abstract function (f, g declared by the user): d/dx f(x) = f'(x), Lagrange notation
    const abstract = !isRegistered(spec.name);
    return {
      after: terms.length === 1 ? terms[0]! : add(...terms),
      bindings,
      id: direct ? (abstract ? ABSTRACT_STEP.abstract.id : functionStepId(spec.name)) : DIFF_STEP.chain.id,
      label: direct
        ? abstract
          ? `${ABSTRACT_STEP.abstract.label} ${spec.name}`
          : step(functionStepId(spec.name)).label
        : `${DIFF_STEP.chain.label} through ${spec.unicode ?? spec.name}`,
    };
  }, true),
];

/** One rule per registry function: its derivative as an equation (docs/rules.md, justifications). */
export interface FunctionRule {
  readonly id: string;
  readonly label: string;
  readonly fn: string;
  /** one equation per parameter: ∂f/∂pᵢ */
  readonly equations: readonly { readonly lhs: Expr; readonly rhs: Expr; readonly param: string }[];
  readonly note?: string;
}

export const FUNCTION_RULES: readonly FunctionRule[] = FUNCTIONS.map((spec) => {
  const info = step(functionStepId(spec.name));
  let equations: FunctionRule['equations'] | undefined;
  return {
    id: info.id,
    label: info.label,
    fn: spec.name,
    // built when a step first cites the function (as the rules' equations above)
    get equations() {
      equations ??= functionEquations(spec);
      return equations;
    },
    ...(spec.partialNote ? { note: spec.partialNote } : {}),
  };
});

export function functionRule(fn: string): FunctionRule | undefined {
  return FUNCTION_RULES.find((r) => r.fn === fn);
}

/** The first rule that rewrites d/dx(arg). Every arg matches one (diff.general-power and
 * diff.chain are total on their kinds); a diff node inside `arg` is the caller's to resolve first. */
export function applyDiffRule(arg: Expr, x: string): { rule: DiffRule; applied: Applied } {
  for (const r of DIFF_RULES) {
    const applied = r.apply(arg, x);
    if (applied) return { rule: r, applied };
  }
  throw new Error(`no differentiation rule for a ${arg.kind} node`);
}
