// Where the STEP policy samples each variable (sample.ts): ranges inferred from the shape of the expressions, so that
// rejection sampling rarely rejects. Invariants: inference only looks at patterns (a symbol that is
// DIRECTLY a function's first argument: spec.sampleRange; or `1 − s` inside a function whose
// argument must be positive: spec.positiveArg), never evaluates; a variable without a pattern gets
// no range (STEP's default: magnitude in [0.1, 3], either sign); every range is
// an OPEN interval (lo, hi) with finite lo < hi, or its mirror pair (−hi, −lo) ∪ (lo, hi) when
// `signed`; declared ranges always win over inferred ones.
import type { Expr } from '../ast/nodes.js';
import { forEachNode } from '../ast/traverse.js';
import { getFunction } from '../functions/index.js';
import { STEP, type Interval, type Range } from './sample.js';
import { hasPattern } from './checkFacts.js';

export type { Interval, Range };
const plain = (lo: number, hi: number): Interval => ({ lo, hi, signed: false });

/** A probability: `s` inside log(1 − s). SEEDS.md G1/G2. */
const PROBABILITY: Interval = plain(0, 1);

/** `1 − s` as the parser builds it (add(1, neg(s)) in either order): the name s, or undefined. */
function oneMinusSymbol(e: Expr): string | undefined {
  if (e.kind !== 'add' || e.terms.length !== 2) return undefined;
  const [p, q] = e.terms as [Expr, Expr];
  const isOne = (t: Expr) => t.kind === 'num' && t.n === 1n && t.d === 1n;
  const negSym = (t: Expr) => (t.kind === 'neg' && t.arg.kind === 'sym' ? t.arg.name : undefined);
  if (isOne(p)) return negSym(q);
  if (isOne(q)) return negSym(p);
  return undefined;
}

/** What the node itself tells: a symbol directly the first argument of a function with a
 * sampleRange, and `s` of `1 − s` as the first argument of a positiveArg function. */
function patternAt(e: Expr): { sampled?: string; range?: Interval; probability?: string } | undefined {
  if (e.kind !== 'call') return undefined;
  const a0 = e.args[0];
  const spec = getFunction(e.fn);
  const sampled = spec.sampleRange && a0?.kind === 'sym' ? a0.name : undefined;
  const probability = spec.positiveArg && a0 ? oneMinusSymbol(a0) : undefined;
  if (sampled === undefined && probability === undefined) return undefined;
  return { ...(sampled !== undefined ? { sampled, range: spec.sampleRange! } : {}), ...(probability !== undefined ? { probability } : {}) };
}

function meet(a: Interval, b: Interval): Interval | undefined {
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  return lo < hi ? { lo, hi, signed: a.signed } : undefined;
}

/** The intersection of two ranges, or undefined when it is empty. A signed range meets a plain one
 * through its positive half, else its negative half. */
function intersect(a: Interval, b: Interval): Interval | undefined {
  if (a.signed === b.signed) return meet(a, b);
  const [s, p] = a.signed ? [a, b] : [b, a];
  return meet(plain(s.lo, s.hi), p) ?? meet(plain(-s.hi, -s.lo), p);
}

/** Check a declared range (STEP policy); a malformed one is a caller's bug, not a failed check. */
export function validateRange(name: string, r: Range): void {
  STEP.validate(name, r);
}

/**
 * Ranges for the variables of `exprs` that have a telling pattern, with `declared` on top.
 * Constraints on one symbol are intersected (log(y) and log(1 − y) give (0, 1)); when they
 * contradict, the first one found is kept and rejection sampling reports what is left.
 */
export function inferRanges(exprs: readonly Expr[], declared: Readonly<Record<string, Range>> = {}): Record<string, Interval> {
  const found = new Map<string, Interval>();
  const constrain = (name: string, r: Interval) => {
    const old = found.get(name);
    found.set(name, old ? (intersect(old, r) ?? old) : r);
  };
  // a DAG of shared subtrees is walked once per node; trees without a telling pattern (most steps
  // of a derivation: known per node, checkFacts.ts) are not walked at all, so the order of what is found stays
  // that of the one walk
  if (exprs.some(hasPattern)) {
    forEachNode(exprs, (e) => {
      const r = patternAt(e);
      if (r?.sampled !== undefined) constrain(r.sampled, r.range!);
      if (r?.probability !== undefined) constrain(r.probability, PROBABILITY);
    });
  }
  const out: Record<string, Interval> = {};
  for (const name of [...found.keys()].sort()) out[name] = found.get(name)!;
  for (const [name, r] of Object.entries(declared)) {
    validateRange(name, r);
    out[name] = plain(r[0], r[1]);
  }
  return out;
}
