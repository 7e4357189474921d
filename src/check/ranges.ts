// Where to sample each variable: ranges inferred from the shape of the expressions, so that
// rejection sampling rarely rejects. Invariants: inference only looks at patterns (a symbol that is
// DIRECTLY a function's argument, or `1 − s`), never evaluates; a variable without a pattern gets
// no range (the default sampler in sample.ts: magnitude in [0.1, 3], either sign); every range is
// an OPEN interval (lo, hi) with finite lo < hi, or its mirror pair (−hi, −lo) ∪ (lo, hi) when
// `signed`; declared ranges always win over inferred ones.
import type { Expr } from '../ast/nodes.js';
import { children } from '../ast/traverse.js';

/** An open interval (lo, hi) for one variable, as callers declare it. */
export type Range = readonly [number, number];

/** Where the sampler draws one variable: (lo, hi), or (−hi, −lo) ∪ (lo, hi) with a random sign. */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
  readonly signed: boolean;
}
const plain = (lo: number, hi: number): Interval => ({ lo, hi, signed: false });

/** The range a symbol gets when it is directly the argument of one of these functions. The
 * intervals are the function's real domain cut to the default magnitude 3 (sample.ts), so a
 * `log(x)` check still spans more than an order of magnitude. The |x| > 1 functions get both
 * branches: the default sampler puts 31 % of its values in (−1, 1), more than ONE_SIDED_LIMIT. */
const DIRECT: Readonly<Record<string, Interval>> = {
  log: plain(0, 3),
  log10: plain(0, 3),
  sqrt: plain(0, 3),
  asin: plain(-1, 1),
  acos: plain(-1, 1),
  atanh: plain(-1, 1),
  logit: plain(0, 1),
  acosh: plain(1, 3),
  asech: plain(0, 1),
  acoth: { lo: 1, hi: 3, signed: true },
  asec: { lo: 1, hi: 3, signed: true },
  acsc: { lo: 1, hi: 3, signed: true },
};

/** Functions whose argument `1 − s` marks `s` as a probability (log(1 − y) in cross-entropy). */
const POSITIVE_ARG = new Set(['log', 'log10', 'sqrt']);

/** A probability: BCE's prediction, or `s` inside log(1 − s). SEEDS.md G1/G2. */
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

/** Check a declared range; a malformed one is a caller's bug, not a failed check. */
export function validateRange(name: string, r: Range): void {
  if (!(Number.isFinite(r[0]) && Number.isFinite(r[1]) && r[0] < r[1])) {
    throw new RangeError(`the range of ${name} must be two finite numbers lo < hi, got [${r[0]}, ${r[1]}]`);
  }
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
  const seen = new Set<Expr>();
  const stack: Expr[] = [...exprs];
  while (stack.length) {
    const e = stack.pop()!;
    if (seen.has(e)) continue; // a DAG of shared subtrees is walked once per node
    seen.add(e);
    if (e.kind === 'call') {
      const a0 = e.args[0];
      if (e.fn === 'BCE' && a0?.kind === 'sym') constrain(a0.name, PROBABILITY);
      const direct = DIRECT[e.fn];
      if (direct && e.args.length === 1 && a0?.kind === 'sym') constrain(a0.name, direct);
      const s = POSITIVE_ARG.has(e.fn) && a0 ? oneMinusSymbol(a0) : undefined;
      if (s !== undefined) constrain(s, PROBABILITY);
    }
    for (const k of children(e)) stack.push(k);
  }
  const out: Record<string, Interval> = {};
  for (const name of [...found.keys()].sort()) out[name] = found.get(name)!;
  for (const [name, r] of Object.entries(declared)) {
    validateRange(name, r);
    out[name] = plain(r[0], r[1]);
  }
  return out;
}
