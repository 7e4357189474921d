// Differentiation rules as data: a stable id (frozen once shipped: worksheets and the API key off
// it), a label, the rule as an equation of trees written in the project's own notation (parsed
// once, when this module loads), and `apply`, which rewrites ONE node d/dx(arg). The chain rule
// is written once (`diff.chain`) and reads each function's partials from its spec.
// Invariant: `apply` returns undefined when the rule does not match; otherwise `after` is a tree
// in which every remaining derivative is a diff node over a sub-expression of `arg`.
import { add, call, diff, div, int, mul, neg, pow, rat, sym } from '../ast/build.js';
import type { Expr } from '../ast/nodes.js';
import { freeSymbols } from '../ast/traverse.js';
import { FUNCTIONS, getFunction, isRegistered } from '../functions/index.js';
import { mainExpr } from '../parse/index.js';
import { parseTextProgram } from '../parse/text.js';

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

/** Does `e` depend on the variable `x`? */
export function dependsOn(e: Expr, x: string): boolean {
  return freeSymbols(e).includes(x);
}

function rule(id: string, label: string, text: string, apply: DiffRule['apply'], abstract = false): DiffRule {
  if (abstract) return { id, label, text, apply };
  const [l, r] = text.split(' = ');
  return { id, label, text, lhs: mainExpr(parseTextProgram(l!)), rhs: mainExpr(parseTextProgram(r!)), apply };
}

const d = (e: Expr, x: string) => diff(e, x);
const isNum = (e: Expr, k: bigint) => e.kind === 'num' && e.n === k && e.d === 1n;

export const DIFF_RULES: readonly DiffRule[] = [
  rule('diff.constant', 'constant rule', 'd/dx(c) = 0', (u, x) => (dependsOn(u, x) ? undefined : { after: int(0), bindings: { c: u } })),
  rule('diff.variable', 'derivative of the variable', 'd/dx(x) = 1', (u, x) => (u.kind === 'sym' && u.name === x ? { after: int(1), bindings: {} } : undefined)),
  rule('diff.sum', 'sum rule', 'd/dx(u + v) = d/dx(u) + d/dx(v)', (u, x) =>
    u.kind === 'add'
      ? { after: add(...u.terms.map((t) => (t.kind === 'neg' ? neg(d(t.arg, x)) : d(t, x)))), bindings: Object.fromEntries(u.terms.map((t, i) => [`u${i + 1}`, t])) }
      : undefined),
  rule('diff.negation', 'constant multiple −1', 'd/dx(-u) = -d/dx(u)', (u, x) => (u.kind === 'neg' ? { after: neg(d(u.arg, x)), bindings: { u: u.arg } } : undefined)),
  rule('diff.constant-multiple', 'constant multiple rule', 'd/dx(c*u) = c*d/dx(u)', (u, x) => {
    if (u.kind !== 'mul') return undefined;
    const varying = u.factors.filter((f) => dependsOn(f, x));
    if (varying.length !== 1) return undefined;
    const v = varying[0]!;
    // the varying factor is replaced in place: d/dw(w·x) = (d/dw w)·x keeps the user's order
    return { after: mul(...u.factors.map((f) => (f === v ? d(f, x) : f))), bindings: { u: v } };
  }),
  rule('diff.product', 'product rule', 'd/dx(u*v) = d/dx(u)*v + u*d/dx(v)', (u, x) => {
    if (u.kind !== 'mul') return undefined;
    const fs = u.factors;
    const terms = fs.flatMap((f, i) => (dependsOn(f, x) ? [mul(...fs.map((g, j) => (j === i ? d(g, x) : g)))] : []));
    return { after: terms.length === 1 ? terms[0]! : add(...terms), bindings: Object.fromEntries(fs.map((f, i) => [`u${i + 1}`, f])) };
  }),
  rule('diff.constant-divisor', 'constant divisor', 'd/dx(u/c) = d/dx(u)/c', (u, x) =>
    u.kind === 'div' && !dependsOn(u.den, x) ? { after: div(d(u.num, x), u.den), bindings: { u: u.num, c: u.den } } : undefined),
  rule('diff.reciprocal', 'reciprocal rule', 'd/dx(c/v) = -(c*d/dx(v)/v^2)', (u, x) => {
    if (u.kind !== 'div' || dependsOn(u.num, x)) return undefined;
    const top = isNum(u.num, 1n) ? d(u.den, x) : mul(u.num, d(u.den, x));
    return { after: neg(div(top, pow(u.den, int(2)))), bindings: { c: u.num, v: u.den } };
  }),
  rule('diff.quotient', 'quotient rule', 'd/dx(u/v) = (d/dx(u)*v - u*d/dx(v))/v^2', (u, x) =>
    u.kind === 'div'
      ? { after: div(add(mul(d(u.num, x), u.den), neg(mul(u.num, d(u.den, x)))), pow(u.den, int(2))), bindings: { u: u.num, v: u.den } }
      : undefined),
  rule('diff.power', 'power rule', 'd/dx(u^n) = n*u^(n - 1)*d/dx(u)', (u, x) => {
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
  rule('diff.exponential', 'exponential rule', 'd/dx(a^u) = a^u*log(a)*d/dx(u)', (u, x) =>
    u.kind === 'pow' && !dependsOn(u.base, x)
      ? { after: mul(u, call('log', u.base), d(u.exp, x)), bindings: { a: u.base, u: u.exp } }
      : undefined),
  rule('diff.general-power', 'general power rule', 'd/dx(u^v) = u^v*(d/dx(v)*log(u) + v*d/dx(u)/u)', (u, x) =>
    u.kind === 'pow'
      ? { after: mul(u, add(mul(d(u.exp, x), call('log', u.base)), div(mul(u.exp, d(u.base, x)), u.base))), bindings: { u: u.base, v: u.exp } }
      : undefined),
  rule('diff.chain', 'chain rule', "d/dx(f(u)) = f'(u)*d/dx(u), f from the registry (diff.fn.*)", (u, x) => {
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
      id: direct ? (abstract ? 'diff.abstract' : `diff.fn.${spec.name}`) : 'diff.chain',
      label: direct ? (abstract ? `derivative of the function ${spec.name}` : `derivative of ${spec.unicode ?? spec.name}`) : `chain rule through ${spec.unicode ?? spec.name}`,
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
  const args = spec.params.map((p) => sym(p === 'prediction' ? 'p' : p === 'label' || p === 'target' ? 't' : p === 'x' ? 'u' : p));
  return {
    id: `diff.fn.${spec.name}`,
    label: `derivative of ${spec.unicode ?? spec.name}`,
    fn: spec.name,
    equations: spec.partials.map((partial, i) => ({
      lhs: diff(call(spec.name, ...args), (args[i] as { name: string }).name),
      rhs: partial(args),
      param: spec.params[i]!,
    })),
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
