// The form a check evaluates BCE and the logs of σ in: BCE(σ(u), t) = t·softplus(−u) +
// (1 − t)·softplus(u), log(1 − σ(u)) = −softplus(u), log(σ(u)) = −softplus(−u) — the same
// functions, written so that doubles keep their digits. Evaluated as written, 1 − σ(u) loses all
// but ~18 of its bits at u ≈ 23 (σ(23.5) = 1 − 6·10⁻¹¹), so Ridders' derivative of
// BCE(σ((yb)²), y) came out −13.45 against the exact −13.71 and a correct gradient was reported
// refuted (docs/numeric.md). Only the evaluators of checks use this form; every printed tree, and
// every other evaluator, is the tree as derived. The rewrite and its walk live in checkFacts.ts (one
// walk per new node for every fact a check asks), memoised per node, so a step's shared sub-trees
// map to shared nodes and their cached closures (closure.ts) stay shared.
export { stableForm } from './checkFacts.js';
