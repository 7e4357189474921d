// The facts a step check asks of every tree, found in ONE walk per new node and cached by node
// identity as one small integer (plus the rewritten node where stableForm.ts changes one): does
// some node tell a sampling range (ranges.ts), does the tree need instantiation (a sum, a δ or an
// indexed function: check/indexed.ts needsInstances), and what is its stable form (stableForm.ts).
// They were three walks with three memo tables over the same new nodes of each step, ~5 % of a
// held-out derive request (docs/performance.md "One walk for the checks' facts"); each answer is
// the one its own walk gave.
import type { Expr } from '../ast/nodes.js';
import { childNodes } from '../ast/hash.js';
import { children, withChildren } from '../ast/traverse.js';
import { getFunction, lookupFunction } from '../functions/index.js';
import { rewriteStable } from './stableForm.js';

/** some node of the tree tells a sampling range (ranges.ts patternAt) */
const PATTERN = 1;
/** a sum, a Kronecker δ or an indexed function (softmax, CE, logsumexp) somewhere */
const INDEXED = 2;
/** the stable form of the node is the node itself */
const SAME = 4;

const facts = new WeakMap<Expr, number>();
/** the stable form of the nodes without SAME */
const stable = new WeakMap<Expr, Expr>();

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

/** The facts of one node whose children's facts are known. */
function compute(x: Expr, kids: readonly Expr[]): number {
  let f = (tellsRange(x) ? PATTERN : 0) | (ownIndexed(x) ? INDEXED : 0);
  let same = true;
  for (const k of kids) {
    const g = factsOf(k);
    f |= g & (PATTERN | INDEXED);
    if (!(g & SAME)) same = false;
  }
  const mapped = same ? x : withChildren(x, kids.map((k) => stableOf(k)));
  const out = rewriteStable(mapped);
  if (out === x) return f | SAME;
  stable.set(x, out);
  return f;
}

/** A known node's facts (leaves: nothing told, their own stable form). */
function factsOf(e: Expr): number {
  return isLeaf(e) ? SAME : facts.get(e)!;
}

function stableOf(e: Expr): Expr {
  return factsOf(e) & SAME ? e : stable.get(e)!;
}

/** The facts of `e`: an iterative post-order over the nodes not yet known (deep trees are admitted). */
function known(e: Expr): number {
  if (isLeaf(e)) return SAME;
  const hit = facts.get(e);
  if (hit !== undefined) return hit;
  children(e); // the request's budget checkpoint, once per new tree
  const nodes: Expr[] = [e];
  const expanded: boolean[] = [false];
  while (nodes.length) {
    const x = nodes.pop()!;
    const done = expanded.pop()!;
    if (facts.has(x)) continue;
    const kids = childNodes(x);
    if (done) {
      facts.set(x, compute(x, kids));
      continue;
    }
    nodes.push(x);
    expanded.push(true);
    for (const k of kids) {
      if (isLeaf(k) || facts.has(k)) continue;
      nodes.push(k);
      expanded.push(false);
    }
  }
  return facts.get(e)!;
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
  return known(e) & SAME ? e : stable.get(e)!;
}
