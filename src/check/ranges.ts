// Where to sample each variable: ranges inferred from the shape of the expressions, so that
// rejection sampling rarely rejects. Invariants: inference only looks at patterns (a symbol that is
// DIRECTLY a function's argument, or `1 − s`), never evaluates; a variable without a pattern gets
// no range (the default sampler in sample.ts: magnitude in [0.1, 3], either sign); every range is
// an OPEN interval (lo, hi) with finite lo < hi; declared ranges always win over inferred ones.
import type { Expr } from '../ast/nodes.js';
import { children } from '../ast/traverse.js';

/** An open interval (lo, hi) for one variable. */
export type Range = readonly [number, number];

/** The range a symbol gets when it is directly the argument of one of these functions. The
 * intervals are the function's real domain cut to the default magnitude 3 (sample.ts), so a
 * `log(x)` check still spans more than an order of magnitude. acoth, asec, acsc (|x| > 1) need no
 * entry: two thirds of the default sampler's values already lie outside (−1, 1). */
const DIRECT: Readonly<Record<string, Range>> = {
  log: [0, 3],
  log10: [0, 3],
  sqrt: [0, 3],
  asin: [-1, 1],
  acos: [-1, 1],
  atanh: [-1, 1],
  acosh: [1, 3],
  asech: [0, 1],
};

/** Functions whose argument `1 − s` marks `s` as a probability (log(1 − y) in cross-entropy). */
const POSITIVE_ARG = new Set(['log', 'log10', 'sqrt']);

/** A probability: BCE's prediction, or `s` inside log(1 − s). SEEDS.md G1/G2. */
const PROBABILITY: Range = [0, 1];

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

function intersect(a: Range, b: Range): Range | undefined {
  const lo = Math.max(a[0], b[0]);
  const hi = Math.min(a[1], b[1]);
  return lo < hi ? [lo, hi] : undefined;
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
export function inferRanges(exprs: readonly Expr[], declared: Readonly<Record<string, Range>> = {}): Record<string, Range> {
  const found = new Map<string, Range>();
  const constrain = (name: string, r: Range) => {
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
  const out: Record<string, Range> = {};
  for (const name of [...found.keys()].sort()) out[name] = found.get(name)!;
  for (const [name, r] of Object.entries(declared)) {
    validateRange(name, r);
    out[name] = r;
  }
  return out;
}
