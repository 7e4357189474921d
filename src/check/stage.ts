// The numeric check as an explicit stage between deriving and serialising: a derivation in, a
// checked derivation out (every step's verdict, and the verdicts of the proofs its steps carry),
// so serialisers and printers only read results and never run checks themselves.
import type { Expr } from '../ast/nodes.js';
import type { Derivation, Step } from '../trace/types.js';
import { checkDerivation, combine, type DerivationCheck, type Status } from './derivation.js';
import { checkDerivative, checkEquivalent, type Verdict } from './equivalent.js';
import { storedProofCheck } from './proofVerdicts.js';

export interface CheckedDerivation {
  readonly derivation: Derivation;
  /** absent when checks were not asked for */
  readonly check?: DerivationCheck;
  /** the checks of the proofs carried by steps and substeps (proofs are always checked) */
  readonly proofs: ReadonlyMap<Derivation, CheckedDerivation>;
}

/** Check a derivation (when `run`), and every proof inside it. */
export function checkStage(d: Derivation, run: boolean): CheckedDerivation {
  const proofs = new Map<Derivation, CheckedDerivation>();
  const visit = (steps: readonly Step[]): void => {
    for (const s of steps) {
      if (s.substeps) visit(s.substeps);
      if (s.proof && !proofs.has(s.proof)) proofs.set(s.proof, checkedProof(s.proof));
    }
  };
  visit(d.steps);
  return { derivation: d, ...(run ? { check: checkDerivation(d) } : {}), proofs };
}

/** A proof (σ′ from σ's definition) is one shared, immutable derivation per rule: checked once
 * per process, not again in each of the 200 local gradients of σ(σ(…σ(x)…)) that carry it; and
 * not at all where its check was computed ahead for exactly this derivation (proofVerdicts.ts). */
const provenOnce = new WeakMap<Derivation, CheckedDerivation>();
function checkedProof(p: Derivation): CheckedDerivation {
  let c = provenOnce.get(p);
  if (!c) {
    const stored = storedProofCheck(p);
    provenOnce.set(p, (c = stored ? { ...checkStage(p, false), check: stored } : checkStage(p, true)));
  }
  return c;
}

/** The whole-chain verdicts of a derivation through definitions: each gradient (definitions
 * substituted) against a numerical derivative of the substituted target, and each local
 * gradient's renaming into intermediate names. */
export interface ChainCheckInput {
  readonly substitutedTarget: Expr;
  /** wrt → the flat gradient (definitions substituted, simplified) */
  readonly flat: ReadonlyArray<readonly [string, Expr]>;
  /** each local: its result in names, and the derivation result, both substituted */
  readonly locals: ReadonlyArray<readonly [Expr, Expr]>;
  /** premises the local derivations used (CE(y, t) declares Σ_k t_k = 1): the gradient holds only
   * under them, and is checked under them, as one expression's derivation is */
  readonly premises?: readonly Expr[];
}

export interface ChainCheck {
  readonly status: Status;
  readonly gradient: readonly Verdict[];
}

/** `statuses`: the statuses of the chain's local and upstream derivation checks. */
export function checkChainStage(c: ChainCheckInput, statuses: readonly Status[]): ChainCheck {
  const opts = c.premises?.length ? { premises: c.premises } : {};
  const gradient = c.flat.map(([w, g]) => checkDerivative(c.substitutedTarget, w, g, opts));
  const overall: Verdict[] = [...gradient, ...c.locals.map(([a, b]) => checkEquivalent(a, b, opts))];
  return { status: worst([combine(overall), ...statuses]), gradient };
}

/** refuted beats unverifiable beats verified */
function worst(ss: readonly Status[]): Status {
  return ss.includes('refuted') ? 'refuted' : ss.every((x) => x === 'verified') ? 'verified' : 'unverifiable';
}
