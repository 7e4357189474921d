// Checking a whole derivation: every step's before against its after (derivative nodes are
// evaluated numerically), and the result against a numerical derivative of the input. Returns
// data: one Verdict per step (substeps are checked too, so a wrong fine rewrite is found), and an
// overall status — refuted if any check is refuted, verified only if every check verified.
// The checks of one derivation draw their points from one seeded stream per variable set and are
// evaluated together, point by point (shared.ts; docs/numeric.md "One stream per derivation").
import type { Expr } from '../ast/nodes.js';
import type { Derivation, Step } from '../trace/types.js';
import { diff } from '../ast/build.js';
import { seedOf } from '../numeric/index.js';
import { checkEquivalent, type CheckOptions, type Verdict } from './equivalent.js';
import { checkTogether, derivationSeed, type Job } from './shared.js';

export type Status = Verdict['status'];

export interface StepCheck {
  readonly verdict: Verdict;
  readonly substeps?: readonly StepCheck[];
}

export interface DerivationCheck {
  readonly status: Status;
  readonly steps: readonly StepCheck[];
  /** the result against a numerical derivative of the input (derivations only) */
  readonly result?: Verdict;
  /** counts over every check made */
  readonly verified: number;
  readonly refuted: number;
  readonly unverifiable: number;
}

/** The overall status of many verdicts. */
export function combine(vs: readonly Verdict[]): Status {
  if (vs.some((v) => v.status === 'refuted')) return 'refuted';
  if (vs.length > 0 && vs.every((v) => v.status === 'verified')) return 'verified';
  return vs.length === 0 ? 'verified' : 'unverifiable';
}

export function checkDerivation(d: Derivation, opts: CheckOptions = {}): DerivationCheck {
  // a derivative exists only where the function does: compare every step on the input's domain
  if (d.wrt !== undefined) opts = { ...opts, domain: [...(opts.domain ?? []), d.input] };
  if (d.premises?.length) opts = { ...opts, premises: [...(opts.premises ?? []), ...d.premises] };
  if (d.definitions) opts = { ...opts, definitions: d.definitions };
  // every check in order (each step, then its substeps), checked together: the steps share one
  // stream of points per variable set, and each node's value at a point is computed once (shared.ts)
  const jobs: Job[] = [];
  const collect = (s: Step): void => {
    jobs.push({ a: s.before, b: s.after, opts });
    s.substeps?.forEach(collect);
  };
  d.steps.forEach(collect);
  // the result against a numerical derivative of the input (as checkDerivative asks it)
  // (d/dv of the input is the derivation's start, the same node when it is: its Ridders values at
  // each point are then the first step's, not computed again for an equal new node)
  if (d.wrt !== undefined) {
    const s = d.start;
    const a = s.kind === 'diff' && s.wrt === d.wrt && s.arg === d.input ? s : diff(d.input, d.wrt);
    jobs.push({ a, b: d.result, opts: { ...opts, domain: [...(opts.domain ?? []), d.input] } });
  }
  // seeded by what is differentiated (the start and the domain), never by a step's rewrite
  const start = seedOf([d.start, ...(opts.domain ?? [])]);
  const all = checkTogether(jobs, (key) => opts.seed ?? derivationSeed(start, key));
  let i = 0;
  const build = (s: Step): StepCheck => {
    const verdict = all[i++]!;
    const substeps = s.substeps?.map(build);
    return substeps ? { verdict, substeps } : { verdict };
  };
  const steps = d.steps.map(build);
  const result = d.wrt !== undefined ? all[i] : undefined;
  return {
    status: combine(all),
    steps,
    ...(result ? { result } : {}),
    verified: all.filter((v) => v.status === 'verified').length,
    refuted: all.filter((v) => v.status === 'refuted').length,
    unverifiable: all.filter((v) => v.status === 'unverifiable').length,
  };
}

/** Equivalence of two expressions as one check (for chain steps such as renaming). */
export function checkSame(a: Expr, b: Expr, opts: CheckOptions = {}): Verdict {
  return checkEquivalent(a, b, opts);
}
