// Float evaluators for checks: a finite number, or NaN where the expression is undefined (outside
// a domain, overflow to ±∞, or an unreliable numerical derivative). Trees are evaluated by the
// closures of closure.ts (a d/dv node by Ridders over its argument's tableau tree, in which only
// the parts that read the moving coordinate are recomputed); a symbolic sum or a very tall tree
// is compiled (compile.ts), a d/dv node there a placeholder valued by the same derivative.
// Invariants: evaluators are cached per (tree identity, variable list), and a d/dv node's value at
// the point just evaluated is reused; every path gives the same doubles; an evaluator may write
// into its input buffer while it runs but always restores it; nested derivatives (d/dy of
// something holding d/dx) work by recursion.
import type { Expr } from '../ast/nodes.js';
import { sym } from '../ast/build.js';
import { containsDiff } from '../ast/hash.js';
import { freeSymbols, withChildren } from '../ast/traverse.js';
import { compile } from './compile.js';
import { closureEvaluator, newEpoch, varyingEvaluator } from './closure.js';
import { fold } from './walk.js';
import { ChainruleError } from '../errors.js';
import { ridders, type Estimate } from './ridders.js';
import { RELIABLE_DERIVATIVE } from './tolerance.js';
import { stableForm } from './stableForm.js';
import { readsPoint, recordOf } from './checkFacts.js';

/** Values of `vars` in order → the value, or NaN where undefined. May be called with any
 * Float64Array at least as long as the variable list it was built for. `ep` (closure.ts
 * newEpoch): evaluators called with the same stamp share the values of their common nodes, so the
 * caller promises the same point in `v` for every call with it; without one, nothing is shared. */
export type Evaluator = (v: Float64Array, ep?: number) => number;

interface EvaluatorSlot {
  readonly key: string;
  readonly f: Evaluator;
  readonly next: EvaluatorSlot | undefined;
}

/** Does `e` contain a d/dv node? (Cached per node: a walk without memory is exponential on
 * the shared sub-trees of a deep derivative.) */
export function hasDiff(e: Expr): boolean {
  return containsDiff(e);
}

/** The evaluator of `e` over `vars` (every symbol of `e` must be in `vars`, else UNBOUND_VARIABLE):
 * closures cached per node (closure.ts), so a step costs only the nodes it created; a symbolic
 * sum or a very tall tree is compiled whole (compile.ts). Both give the same doubles. */
export function evaluatorFor(e: Expr, vars: readonly string[]): Evaluator {
  // kept in the tree's record (checkFacts.ts), a short list by variable list; a tree that does
  // not read the point has one evaluator whatever the list (a rule's 0 lives long and meets many)
  const r = recordOf(e);
  const key = readsPoint(e, r) ? vars.join('\u0000') : '';
  for (let s = r.evaluators as EvaluatorSlot | undefined; s; s = s.next) if (s.key === key) return s.f;
  // BCE of σ and the logs of σ in the form that keeps its digits (stableForm.ts)
  const s = stableForm(e);
  const g = closureEvaluator(s, vars, vars.join('\u0000'), (d) => derivativeOf(d, vars));
  const f: Evaluator = g
    ? (v, ep) => {
        const y = g(v, ep);
        return Number.isFinite(y) ? y : NaN;
      }
    : compiledFor(s, vars);
  r.evaluators = { key, f, next: r.evaluators as EvaluatorSlot | undefined } satisfies EvaluatorSlot;
  return f;
}

const compiled = new WeakMap<Expr, Map<string, Evaluator>>();

/** The evaluator of `e` as one compiled function (compile.ts): for what the closures do not take
 * (a symbolic sum, a tree taller than MAX_CLOSURE_HEIGHT). */
function compiledFor(e: Expr, vars: readonly string[]): Evaluator {
  const key = vars.join('\u0000');
  let byVars = compiled.get(e);
  if (!byVars) compiled.set(e, (byVars = new Map()));
  let f = byVars.get(key);
  if (!f) byVars.set(key, (f = build(e, vars)));
  return f;
}

function build(e: Expr, vars: readonly string[]): Evaluator {
  if (!hasDiff(e)) {
    const g = compile(e, vars);
    return (v) => {
      const y = g(v);
      return Number.isFinite(y) ? y : NaN;
    };
  }
  // Outermost diff nodes become placeholders #d0, #d1, … (`#` is never in a canonical name, so a
  // placeholder cannot capture a user's variable); the same node object shares one placeholder.
  const diffs: Expr[] = [];
  const index = new Map<Expr, number>();
  const outer = fold<Expr, never>(e, (node, kids) => {
    if (node.kind !== 'diff') return withChildren(node, kids);
    let i = index.get(node);
    if (i === undefined) index.set(node, (i = diffs.push(node) - 1));
    return sym(`#d${i}`);
  }) as Expr;
  const n = vars.length;
  const extended = [...vars, ...diffs.map((_, i) => `#d${i}`)];
  const g = compile(outer, extended);
  const parts = diffs.map((d) => derivativeOf(d as Expr & { kind: 'diff' }, vars));
  const buf = new Float64Array(extended.length);
  // One buffer per evaluator is safe: evaluating `e` never re-enters this closure, since `e` cannot
  // be a proper subtree of one of its own diff arguments.
  return (v) => {
    for (let i = 0; i < n; i++) buf[i] = v[i]!;
    for (let k = 0; k < parts.length; k++) {
      const d = parts[k]!(v);
      if (Number.isNaN(d)) return NaN;
      buf[n + k] = d;
    }
    const y = g(buf);
    return Number.isFinite(y) ? y : NaN;
  };
}

/** The argument of a d/dv node as Ridders evaluates it, moving coordinate i only: closures whose
 * sub-trees without vars[i] are computed once per `base` (closure.ts varyingEvaluator), else the
 * compiled function. The same doubles either way; NaN where undefined. */
function tableauEvaluator(e: Expr, vars: readonly string[], i: number): (v: Float64Array, base: number) => number {
  const g = varyingEvaluator(e, vars, vars.join('\u0000'), i, (d) => derivativeOf(d, vars));
  if (!g) {
    const f = compiledFor(e, vars);
    return (v) => f(v);
  }
  return (v, base) => {
    const y = g(v, base);
    return Number.isFinite(y) ? y : NaN;
  };
}

const derivatives = new WeakMap<Expr, Map<string, Evaluator>>();

/** The derivative evaluator of a diff node, one per (node identity, variables), remembering its
 * last point. A step check evaluates its two sides at the same point one after the other, and a
 * rewrite keeps the untouched d/dv(…) nodes of the expression (the same objects) on both sides:
 * the second side reads the first side's value instead of running Ridders again. The value is a
 * deterministic function of the point, so the verdicts are the same bit for bit. */
function derivativeOf(d: Expr & { kind: 'diff' }, vars: readonly string[]): Evaluator {
  const key = vars.join('\u0000');
  let byVars = derivatives.get(d);
  if (!byVars) derivatives.set(d, (byVars = new Map()));
  let f = byVars.get(key);
  if (!f) byVars.set(key, (f = lastPoint(derivativeEvaluator(d, vars), vars.length)));
  return f;
}

/** `f` remembering its last argument (the first `n` values) and result. */
function lastPoint(f: Evaluator, n: number): Evaluator {
  const at = new Float64Array(n);
  let value = NaN;
  let known = false;
  return (v) => {
    if (known) {
      let same = true;
      // Object.is: NaN equals NaN, and 0 is not −0 (a different point for a sign-sensitive f)
      for (let i = 0; i < n; i++) if (!Object.is(at[i], v[i])) { same = false; break; }
      if (same) return value;
    }
    // during the call f moves v's coordinate and re-enters nested evaluators: record afterwards
    value = f(v);
    for (let i = 0; i < n; i++) at[i] = v[i]!;
    known = true;
    return value;
  };
}

const reliable = (e: Estimate) => e.error <= RELIABLE_DERIVATIVE.atol + RELIABLE_DERIVATIVE.rtol * Math.abs(e.value);

/** d/d(wrt) of the node's argument at v: Ridders in the one coordinate, NaN unless reliable. */
function derivativeEvaluator(d: Expr & { kind: 'diff' }, vars: readonly string[]): Evaluator {
  const i = vars.indexOf(d.wrt);
  // The argument cannot depend on a variable outside `vars` (compile would have refused it), so
  // its derivative is 0 wherever the argument itself is defined.
  // An argument that does not depend on the variable (symbolically) has derivative exactly 0 —
  // no estimate needed, and none could be trusted for a large constant such as exp(14.6).
  if (i < 0 || !freeSymbols(d.arg).includes(d.wrt)) {
    const value = evaluatorFor(d.arg, vars);
    return (v) => (Number.isNaN(value(v)) ? NaN : 0);
  }
  const inner = tableauEvaluator(d.arg, vars, i);
  return (v) => {
    const x = v[i]!;
    // one stamp for both tableaus: only v[i] moves until they are done
    const base = newEpoch();
    const fx = inner(v, base);
    if (Number.isNaN(fx)) return NaN; // f undefined at the point: so is f′
    let est;
    let second;
    const g = (t: number) => {
      v[i] = t;
      return inner(v, base);
    };
    try {
      est = ridders(g, x, reliable, 1, fx);
      // A second tableau from a step 8× smaller must agree: Ridders' own error estimate can be
      // optimistic when its first step spans a region of large higher derivatives (seen:
      // (x²/(3ŷ))^x at x = −1.87, off by 2.6e-5 while claiming 1e-12).
      second = ridders(g, x, reliable, 1 / 8, fx);
    } finally {
      v[i] = x;
    }
    if (!reliable(est) || !Number.isFinite(est.value) || !reliable(second) || !Number.isFinite(second.value)) return NaN;
    const agree = Math.abs(est.value - second.value) <= RELIABLE_DERIVATIVE.atol + RELIABLE_DERIVATIVE.rtol * Math.abs(est.value);
    return agree ? est.value : NaN;
  };
}

/**
 * The value of `e` at `point` (a finite number), NaN where it is undefined; d/dv nodes by Ridders'
 * numerical differentiation (NaN where the estimate is not reliable to RELIABLE_DERIVATIVE). A free
 * symbol of `e` without a value in `point` is a caller's bug: ChainruleError UNBOUND_VARIABLE
 * (d/dx(y²) needs no x: its argument does not depend on x, so the derivative is 0).
 */
export function numericValue(e: Expr, point: Readonly<Record<string, number>>): number {
  const vars = [...new Set([...Object.keys(point), ...freeSymbols(e)])].sort();
  const v = new Float64Array(vars.length);
  vars.forEach((name, i) => {
    const x = Object.hasOwn(point, name) ? point[name] : undefined;
    if (typeof x !== 'number') throw new ChainruleError('UNBOUND_VARIABLE', `${name} has no value`);
    v[i] = x;
  });
  return evaluatorFor(e, vars)(v);
}
