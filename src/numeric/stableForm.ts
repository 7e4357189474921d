// The form a check evaluates BCE and the logs of σ in: BCE(σ(u), t) = t·softplus(−u) +
// (1 − t)·softplus(u), log(1 − σ(u)) = −softplus(u), log(σ(u)) = −softplus(−u) — the same
// functions, written so that doubles keep their digits. Evaluated as written, 1 − σ(u) loses all
// but ~18 of its bits at u ≈ 23 (σ(23.5) = 1 − 6·10⁻¹¹), so Ridders' derivative of
// BCE(σ((yb)²), y) came out −13.45 against the exact −13.71 and a correct gradient was reported
// refuted (docs/numeric.md). Only the evaluators of checks use this form; every printed tree, and
// every other evaluator, is the tree as derived. The walk is checkFacts.ts stableForm, memoised per
// node, so a step's shared sub-trees map to shared nodes and their cached closures (closure.ts) stay shared.
import { add, call, int, mul, neg, sub } from '../ast/build.js';
import type { Expr } from '../ast/nodes.js';

const sigmoidArg = (e: Expr): Expr | undefined => (e.kind === 'call' && e.fn === 'sigmoid' && e.args.length === 1 ? e.args[0]! : undefined);
const isOne = (e: Expr): boolean => e.kind === 'num' && e.n === 1n && e.d === 1n;

/** u when `e` is 1 − σ(u) (as add(1, −σ(u))) */
function oneMinusSigmoidArg(e: Expr): Expr | undefined {
  if (e.kind !== 'add' || e.terms.length !== 2 || !isOne(e.terms[0]!) || e.terms[1]!.kind !== 'neg') return undefined;
  return sigmoidArg(e.terms[1]!.arg);
}

const softplus = (u: Expr): Expr => call('softplus', u);

/** `out` (a node whose children are in the stable form already) with BCE of σ and the logs of σ
 * written through softplus, or `out` itself. The walk over a tree, memoised per node so that a
 * step's shared sub-trees map to shared nodes, is checkFacts.ts stableForm. */
export function rewriteStable(out: Expr): Expr {
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
