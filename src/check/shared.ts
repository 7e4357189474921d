// A derivation's step checks evaluated incrementally: the checks whose trees sample the same
// variables over the same ranges draw their candidates from ONE seeded stream (seeded by the
// derivation's input, never by a step's rewrite), and every candidate is offered to all of them
// under one evaluation stamp. A step shares every node but its rewrite's with the step before
// (step i's `after` is step i+1's `before`), so at each point a node is computed once for the
// whole derivation — Ridders' d/dv values too — instead of once per step. Each check still
// classifies its own candidates (equivalent.ts Comparison: its own domain, N valid points, budget,
// one-sided limit and rounding rule); docs/numeric.md says why this is as strong as a stream per step.
import type { Expr } from '../ast/nodes.js';
import { hashSeed, inferRanges, candidateStream, hasDiff, newEpoch, evaluatorFor, variablesOf, type Interval } from '../numeric/index.js';
import { Comparison, checkEquivalent, toleranceFor, type CheckOptions, type Verdict } from './equivalent.js';
import { needsInstances } from './indexed.js';

/** One check: is `a` = `b` under `opts` (a step's two sides, or a derivative against its result)? */
export interface Job {
  readonly a: Expr;
  readonly b: Expr;
  readonly opts: CheckOptions;
}

interface Group {
  readonly vars: readonly string[];
  readonly ranges: Readonly<Record<string, Interval>>;
  readonly key: string;
  readonly members: Comparison[];
}

const rangesKey = (r: Readonly<Record<string, Interval>>): string =>
  Object.keys(r).map((k) => `${k}:${r[k]!.lo},${r[k]!.hi},${r[k]!.signed ? 1 : 0}`).join(';');

/**
 * The verdicts of `jobs`, in order. `seed(key)` gives the stream's seed for a group of checks (the
 * key names its variables and ranges). A check with sums, δ, premises or definitions by index is
 * checked on its own (checkEquivalent: it is instantiated first); the others share streams.
 */
export function checkTogether(jobs: readonly Job[], seed: (key: string) => number): Verdict[] {
  const out: (Verdict | Comparison)[] = [];
  const groups = new Map<string, Group>();
  for (const { a, b, opts } of jobs) {
    const domain = opts.domain ?? [];
    const exprs = [a, b, ...domain];
    if (opts.definitions || opts.premises?.length || exprs.some(needsInstances)) {
      out.push(checkEquivalent(a, b, opts));
      continue;
    }
    const vars = variablesOf(exprs);
    const ranges = inferRanges(exprs, opts.ranges);
    const key = `${vars.join('\u0000')}|${rangesKey(ranges)}|${opts.seed ?? ''}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { vars, ranges, key, members: [] }));
    const c = new Comparison(vars, evaluatorFor(a, vars), evaluatorFor(b, vars), toleranceFor(hasDiff(a) || hasDiff(b), opts), opts, [a, b]);
    g.members.push(c);
    out.push(c);
  }
  for (const g of groups.values()) run(g, seed(g.key));
  return out.map((x) => (x instanceof Comparison ? x.verdict() : x));
}

/** Offer the group's stream to its checks, each candidate under one stamp, until all are done. */
function run(g: Group, seed: number): void {
  const next = candidateStream(g.vars, g.ranges, seed);
  const v = new Float64Array(g.vars.length);
  const active = g.members.filter((c) => !c.done);
  while (active.length > 0) {
    next(v);
    const ep = newEpoch();
    let stillActive = 0;
    for (const c of active) {
      c.offer(v, ep);
      if (!c.done) active[stillActive++] = c;
    }
    active.length = stillActive;
  }
}

/** The seed of a derivation's group of checks: the hash of its start and domain (what is
 * differentiated, seedOf), mixed with the group's variables and ranges — nothing a step's rewrite chose. */
export function derivationSeed(start: number, key: string): number {
  return (start ^ hashSeed(key)) >>> 0;
}
