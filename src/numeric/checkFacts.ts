// What the step checks keep per node, in ONE record per node in one table keyed by identity: the
// facts every check asks of every tree, found in one walk per new node — does some node tell a
// sampling range (ranges.ts), does the tree need instantiation (a sum, a δ or an indexed function:
// check/indexed.ts needsInstances), does it read the point, what is its stable form
// (stableForm.ts) — and closure.ts's evaluator entries. They were four walks and five memo tables
// over the same new nodes of each step; an insertion into a WeakMap is the dearest part of a new
// node (docs/performance.md "One record per node for the checks"). Each answer is the one its own
// walk gave.
import type { Expr } from '../ast/nodes.js';
import { childNodes, unionOf } from '../ast/hash.js';
import { children, withChildren } from '../ast/traverse.js';
import { getFunction, lookupFunction } from '../functions/index.js';
import { add, call, int, mul, neg, sub } from '../ast/build.js';

// ── the stable form (stableForm.ts says what it is and why) ──
const sigmoidArg = (e: Expr): Expr | undefined => (e.kind === 'call' && e.fn === 'sigmoid' && e.args.length === 1 ? e.args[0]! : undefined);
const isOne = (e: Expr): boolean => e.kind === 'num' && e.n === 1n && e.d === 1n;

/** u when `e` is 1 − σ(u) (as add(1, −σ(u))) */
function oneMinusSigmoidArg(e: Expr): Expr | undefined {
  if (e.kind !== 'add' || e.terms.length !== 2 || !isOne(e.terms[0]!) || e.terms[1]!.kind !== 'neg') return undefined;
  return sigmoidArg(e.terms[1]!.arg);
}

const softplus = (u: Expr): Expr => call('softplus', u);

/** `out` (a node whose children are in the stable form already) with BCE of σ and the logs of σ
 * written through softplus, or `out` itself (the walk over a tree: stableForm, below). */
function rewriteStable(out: Expr): Expr {
  if (out.kind === 'call' && out.fn === 'BCE' && out.args.length === 2) {
    const u = sigmoidArg(out.args[0]!);
    const t = out.args[1]!;
    if (u) return add(mul(t, softplus(neg(u))), mul(sub(int(1), t), softplus(u)));
  } else if (out.kind === 'call' && out.fn === 'log' && out.args.length === 1) {
    const a = out.args[0]!;
    const complement = oneMinusSigmoidArg(a);
    const direct = sigmoidArg(a);
    if (complement) return neg(softplus(complement));
    if (direct) return neg(softplus(neg(direct)));
  }
  return out;
}

// ── the facts ──
/** some node of the tree tells a sampling range (ranges.ts patternAt) */
const PATTERN = 1;
/** a sum, a Kronecker δ or an indexed function (softmax, CE, logsumexp) somewhere */
const INDEXED = 2;
/** the stable form of the node is the node itself */
const SAME = 4;
/** a symbol or a d/dv node somewhere: the value depends on the point (hash.ts variableNames ≠ []) */
const VARS = 8;

/** One node's record. `facts` < 0 until the walk has reached the node (closure.ts may record the
 * entries of a node no walk reached: the new nodes of a stable form, leaves). */
export interface NodeRecord {
  facts: number;
  /** the names a check of the node samples (free symbols and every d/dv's v), sorted; valid with facts */
  names: readonly string[];
  /** the stable form, where it is another node */
  stable: Expr | undefined;
  /** closure.ts's entries for the node (its own type; a short list by key) */
  slots: unknown;
  /** sampled.ts's evaluators of the tree rooted here (its own type; a short list by key) */
  evaluators: unknown;
}
const records = new WeakMap<Expr, NodeRecord>();
const NONE: readonly string[] = Object.freeze([]);

/** The node's record, made empty when it has none. */
export function recordOf(e: Expr): NodeRecord {
  let r = records.get(e);
  if (!r) records.set(e, (r = { facts: -1, names: NONE, stable: undefined, slots: undefined, evaluators: undefined }));
  return r;
}

/** The node's record, if it has one. */
export function recordIfAny(e: Expr): NodeRecord | undefined {
  return records.get(e);
}

/** Does the value of `e` depend on the point? `r`: e's record, when the caller has it. */
export function readsPoint(e: Expr, r: NodeRecord | undefined): boolean {
  if (e.kind === 'sym') return true;
  if (e.kind === 'num' || e.kind === 'const') return false;
  return r !== undefined && r.facts >= 0 ? (r.facts & VARS) !== 0 : (known(e) & VARS) !== 0;
}

const isLeaf = (e: Expr): boolean => e.kind === 'sym' || e.kind === 'num' || e.kind === 'const';

/** `1 − s` as the parser builds it (add(1, neg(s)) in either order), s a symbol. */
function isOneMinusSymbol(e: Expr): boolean {
  if (e.kind !== 'add' || e.terms.length !== 2) return false;
  const [p, q] = e.terms as [Expr, Expr];
  const isOne = (t: Expr) => t.kind === 'num' && t.n === 1n && t.d === 1n;
  const negSym = (t: Expr) => t.kind === 'neg' && t.arg.kind === 'sym';
  return (isOne(p) && negSym(q)) || (isOne(q) && negSym(p));
}

/** Does the node itself tell a range? The test of ranges.ts patternAt, without building its answer. */
export function tellsRange(e: Expr): boolean {
  if (e.kind !== 'call') return false;
  const a0 = e.args[0];
  const spec = getFunction(e.fn);
  return (!!spec.sampleRange && a0?.kind === 'sym') || (!!spec.positiveArg && !!a0 && isOneMinusSymbol(a0));
}

function ownIndexed(e: Expr): boolean {
  return e.kind === 'sum' || (e.kind === 'call' && (e.fn === 'kronecker' || !!lookupFunction(e.fn)?.indexed));
}


/** Fill the record of one node whose children's facts are known. */
function compute(x: Expr, kids: readonly Expr[]): void {
  let f = (tellsRange(x) ? PATTERN : 0) | (ownIndexed(x) ? INDEXED : 0);
  let same = true;
  for (const k of kids) {
    const g = factsOf(k);
    f |= g & (PATTERN | INDEXED);
    if (!(g & SAME)) same = false;
  }
  const inner = kids.length === 1 ? namesOf(kids[0]!) : kids.length ? unionOf(kids.map(namesOf)) : NONE;
  const names = x.kind === 'diff' ? unionOf([inner, [x.wrt]]) : inner;
  if (names.length) f |= VARS;
  const mapped = same ? x : withChildren(x, kids.map((k) => stableOf(k)));
  const out = rewriteStable(mapped);
  const r = recordOf(x);
  if (out === x) f |= SAME;
  else r.stable = out;
  r.names = names;
  r.facts = f;
}

/** A known node's names (a symbol: its own, in a new list). */
function namesOf(e: Expr): readonly string[] {
  return e.kind === 'sym' ? [e.name] : isLeaf(e) ? NONE : records.get(e)!.names;
}

/** A known node's facts (leaves: nothing told, their own stable form). */
function factsOf(e: Expr): number {
  return e.kind === 'sym' ? SAME | VARS : isLeaf(e) ? SAME : records.get(e)!.facts;
}

function stableOf(e: Expr): Expr {
  return factsOf(e) & SAME ? e : records.get(e)!.stable!;
}

const isKnown = (e: Expr): boolean => {
  const r = records.get(e);
  return r !== undefined && r.facts >= 0;
};

/** The facts of `e`: an iterative post-order over the nodes not yet known (deep trees are admitted). */
function known(e: Expr): number {
  if (isLeaf(e)) return factsOf(e);
  const hit = records.get(e);
  if (hit !== undefined && hit.facts >= 0) return hit.facts;
  children(e); // the request's budget checkpoint, once per new tree
  const nodes: Expr[] = [e];
  const expanded: boolean[] = [false];
  while (nodes.length) {
    const x = nodes.pop()!;
    const done = expanded.pop()!;
    if (isKnown(x)) continue;
    const kids = childNodes(x);
    if (done) {
      compute(x, kids);
      continue;
    }
    nodes.push(x);
    expanded.push(true);
    for (const k of kids) {
      if (isLeaf(k) || isKnown(k)) continue;
      nodes.push(k);
      expanded.push(false);
    }
  }
  return records.get(e)!.facts;
}

/** The names a numeric check of `e` must sample: its free symbols and every d/dv's v (d/dx(y²)
 * still needs x); sorted, cached per node (shared and frozen: copy to change it). */
export function variableNames(e: Expr): readonly string[] {
  if (e.kind === 'sym') return [e.name];
  if (isLeaf(e)) return NONE;
  const r = records.get(e);
  if (r === undefined || r.facts < 0) known(e);
  return records.get(e)!.names;
}

/** Does some node of `e` tell a sampling range? */
export function hasPattern(e: Expr): boolean {
  return (known(e) & PATTERN) !== 0;
}

/** Is there a sum, a δ or an indexed function (softmax, CE, logsumexp) anywhere in `e`? */
export function needsInstances(e: Expr): boolean {
  return (known(e) & INDEXED) !== 0;
}

/** `e` with BCE of σ and the logs of σ written through softplus (stableForm.ts). */
export function stableForm(e: Expr): Expr {
  return known(e) & SAME ? e : records.get(e)!.stable!;
}
