// The differentiation driver: start from d/dx(input), rewrite the first derivative node whose
// argument holds no other derivative (left to right, outside in) by the first rule of
// src/rules/diff.ts that matches, one rule per step, until none is left; then simplify (src/simplify)
// with its own steps. A step that uses a function with a definition (σ) carries a proof: the
// derivative derived from the definition and recognised back (SEEDS.md G1 step 2).
import { add, call, diff, int, neg, sum, sym } from '../ast/build.js';
import type { Expr } from '../ast/nodes.js';
import { containsDiff } from '../ast/hash.js';
import { children, equal, findPath, nodeAt } from '../ast/traverse.js';
import { CLASSES } from '../functions/indexed.js';
import { PREMISE_STEP } from '../rules/registry.js';
import { getFunction } from '../functions/index.js';
import { applyDiffRule, type DiffRule, functionRule } from '../rules/diff.js';
import { PHASE_STEP } from '../rules/registry.js';
import { simplifyAt } from '../simplify/simplify.js';
import { sigmoidOf } from '../simplify/textbook.js';
import { Recorder } from '../trace/recorder.js';
import type { Derivation, Step } from '../trace/types.js';

export interface DeriveOptions {
  /** simplify the result with steps (default true) */
  readonly simplify?: boolean;
  /** attach proofs of function rules from definitions (default true) */
  readonly proofs?: boolean;
  /** first recognise an input that is σ written out (1/(1 + e^(−z))) as σ, in a named step
   * (definitions: y = 1/(1+exp(-z)) is y = σ(z)); default false */
  readonly recogniseSigmoid?: boolean;
}

/** The path of the next derivative node to rewrite: the first one (pre-order) whose argument
 * contains no derivative node. Descends through the children that contain one (cached per node,
 * src/ast/hash.ts): a pre-order search from the root each step walked the whole tree with its
 * shared sub-trees expanded, most of the time of a deep derivation. */
function nextDiff(e: Expr): number[] | undefined {
  if (!containsDiff(e)) return undefined;
  const path: number[] = [];
  let x = e;
  // the first diff node in pre-order, then on into its argument while that still holds one
  for (;;) {
    if (x.kind === 'diff' && !containsDiff(x.arg)) return path;
    const kids = children(x);
    const i = kids.findIndex(containsDiff);
    path.push(i);
    x = kids[i]!;
  }
}

/** Differentiate `input` with respect to `wrt`, step by step. */
export function derive(input: Expr, wrt: string, opts: DeriveOptions = {}): Derivation {
  const start = diff(input, wrt);
  const rec = new Recorder(start);
  const asSigma = opts.recogniseSigmoid ? writtenOutSigmoid(input) : undefined;
  if (asSigma) rec.rewrite([0], asSigma, { rule: RECOGNISE.id, label: RECOGNISE.label, justification: { lhs: input, rhs: asSigma } });
  differentiateAll(rec, opts);
  if (opts.simplify !== false) simplifyAt(rec, []);
  const premises = opts.simplify === false ? [] : usePremises(rec, input);
  return { input, wrt, start, steps: rec.steps, result: rec.current, ...(premises.length ? { premises } : {}) };
}

/** Carry out every derivative operator written in `e` (`d/dw (w²x)` → `2wx`: simplify's input may
 * hold some), rule by rule as derive does, then simplify. */
export function carryOut(e: Expr): Derivation {
  const rec = new Recorder(e);
  differentiateAll(rec);
  simplifyAt(rec, []);
  return { input: e, start: e, steps: rec.steps, result: rec.current };
}

/** CE(y, t) declares Σ_k t_k = 1: each such sum left in the result becomes 1 (a named step with
 * the premise as its condition), then the result is simplified again. Returns the premises used. */
function usePremises(rec: Recorder, input: Expr): Expr[] {
  const targets = new Set<string>();
  const stack = [input];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.kind === 'call' && x.fn === 'CE' && x.args[1]!.kind === 'sym') targets.add(x.args[1]!.name);
    stack.push(...children(x));
  }
  const used: Expr[] = [];
  for (const t of targets) {
    const premise = sum('k', int(1), sym(CLASSES), sym(`${t}_k`));
    const path = findPath(rec.current, (x) => x.kind === 'sum' && equal(x, premise));
    if (!path) continue;
    rec.rewrite(path, int(1), { rule: PREMISE.id, label: PREMISE.label, bindings: { t: sym(t) } });
    used.push(premise);
    simplifyAt(rec, []);
    // −(t_j − y_j) is written y_j − t_j, as the notes do
    const r = rec.current;
    if (r.kind === 'neg' && r.arg.kind === 'add' && r.arg.terms.length === 2 && r.arg.terms[1]!.kind === 'neg') {
      rec.rewrite([], add(r.arg.terms[1]!.arg, neg(r.arg.terms[0]!)), { rule: PHASE_STEP.collect.id, label: PHASE_STEP.collect.label, bindings: {} });
    }
  }
  return used;
}

/** Apply differentiation rules until no derivative node is left. */
export function differentiateAll(rec: Recorder, opts: DeriveOptions = {}): void {
  for (;;) {
    const path = nextDiff(rec.current);
    if (!path) return;
    const node = rec.at(path);
    if (node.kind !== 'diff') throw new Error('internal: nextDiff found no diff node');
    const { rule, applied } = applyDiffRule(node.arg, node.wrt);
    const id = applied.id ?? rule.id;
    const meta = {
      rule: id,
      label: applied.label ?? rule.label,
      bindings: applied.bindings,
      ...justification(rule),
    };
    if (node.arg.kind === 'call') {
      const fr = functionRule(node.arg.fn);
      const eq = fr?.equations[0];
      if (eq) Object.assign(meta, { justification: { lhs: eq.lhs, rhs: eq.rhs } });
      const proof = opts.proofs === false ? undefined : proofOf(node.arg.fn);
      if (proof) Object.assign(meta, { proof });
    }
    rec.rewrite(path, applied.after, meta);
  }
}

/** The rule's equation as the step's justification, its trees parsed only when read (the rule
 * texts are parsed on first use; the CLI's text view never prints them: start-up,
 * docs/performance.md). A rule without an equation (the chain rule) has none. One object per step
 * whose getters live on the class (an object literal with getters built two closures per step). */
class LazyJustification {
  constructor(private readonly rule: DiffRule) {}
  get lhs(): Expr {
    return this.rule.lhs!;
  }
  get rhs(): Expr {
    return this.rule.rhs!;
  }
}

function justification(rule: DiffRule): Pick<Step, 'justification'> {
  return 'lhs' in rule ? { justification: new LazyJustification(rule) } : {};
}

const PREMISE = PREMISE_STEP.premise;

const proofs = new Map<string, Derivation | null>();

/** d/du f(u) derived from f's definition and simplified back (only for one-argument functions
 * with a definition: σ). Cached: derived once per process. */
export function proofOf(fn: string): Derivation | undefined {
  if (!proofs.has(fn)) {
    const spec = getFunction(fn);
    proofs.set(fn, null); // guards against a definition that uses the function itself
    if (spec.definition && spec.arity === 1 && spec.indexed) {
      // softmax: the Jacobian derived from e^(a_j)/Σ_k e^(a_k) (deck 004); logsumexp has no proof
      if (spec.params[0] === 'a_j') proofs.set(fn, derive(spec.definition([sym('a_j')]), 'a_u', { proofs: false }));
    } else if (spec.definition && spec.arity === 1) {
      const u = sym('z');
      proofs.set(fn, derive(spec.definition([u]), 'z', { proofs: false }));
    }
  }
  return proofs.get(fn) ?? undefined;
}

const RECOGNISE = PHASE_STEP.recogniseSigmoid;

/** σ(u) when `e` is σ written out (1/(1 + e^(−u)), e^u/(1 + e^u)), else undefined. */
export function writtenOutSigmoid(e: Expr): Expr | undefined {
  const hit = sigmoidOf(e);
  return hit && !hit.complement ? call('sigmoid', hit.sigma) : undefined;
}
