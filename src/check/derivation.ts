// Checking a whole derivation: every step's before against its after (derivative nodes are
// evaluated numerically), and the result against a numerical derivative of the input. Returns
// data: one Verdict per step (substeps are checked too, so a wrong fine rewrite is found), and an
// overall status — refuted if any check is refuted, verified only if every check verified.
import type { Expr } from '../ast/nodes.js';
import type { Derivation, Step } from '../trace/types.js';
import { checkDerivative, checkEquivalent, type CheckOptions, type Verdict } from './equivalent.js';

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

function checkStep(s: Step, opts: CheckOptions, all: Verdict[]): StepCheck {
  const verdict = checkEquivalent(s.before, s.after, opts);
  all.push(verdict);
  const substeps = s.substeps?.map((t) => checkStep(t, opts, all));
  return substeps ? { verdict, substeps } : { verdict };
}

export function checkDerivation(d: Derivation, opts: CheckOptions = {}): DerivationCheck {
  const all: Verdict[] = [];
  // a derivative exists only where the function does: compare every step on the input's domain
  if (d.wrt !== undefined) opts = { ...opts, domain: [...(opts.domain ?? []), d.input] };
  if (d.premises?.length) opts = { ...opts, premises: [...(opts.premises ?? []), ...d.premises] };
  if (d.definitions) opts = { ...opts, definitions: d.definitions };
  const steps = d.steps.map((s) => checkStep(s, opts, all));
  let result: Verdict | undefined;
  if (d.wrt !== undefined) {
    result = checkDerivative(d.input, d.wrt, d.result, opts);
    all.push(result);
  }
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
