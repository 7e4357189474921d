// The checks of the proofs (σ′ derived from σ's definition, softmax's Jacobian), computed ahead:
// a proof is the same derivation in every process, and its check is deterministic (seeded by the
// trees), yet a one-shot CLI process paid for it on every start (~11 ms CPU of a cold
// `chainrule derive`, docs/performance.md). The verdicts are stored with the proof's exact
// canonical text (proofVerdicts.generated.ts, written by `npm run gen:proofs`); a proof whose text
// differs from the stored one (the engine changed) is checked as before, and a test fails until
// the file is regenerated, so a stored verdict is only ever used for the derivation it checked.
import { atomKey } from '../algebra/atoms.js';
import type { Derivation, Step } from '../trace/types.js';
import type { DerivationCheck } from './derivation.js';
import { PROOF_VERDICTS } from './proofVerdicts.generated.js';

const stepText = (s: Step): string =>
  `${s.rule}[${atomKey(s.before)}>${atomKey(s.after)}]${s.substeps ? `{${s.substeps.map(stepText).join(';')}}` : ''}`;

/** What a proof's check depends on: its input, variable, premises, definitions and every step,
 * each tree by its canonical text (atoms.ts atomKey: equal trees, equal keys, and vice versa). */
export function proofKey(p: Derivation): string | undefined {
  // definitions by index change how names are evaluated: such a proof is always checked afresh
  if (p.definitions) return undefined;
  const premises = (p.premises ?? []).map(atomKey).join(',');
  return `${atomKey(p.input)}|${p.wrt ?? ''}|${premises}|${atomKey(p.start)}|${p.steps.map(stepText).join(';')}|${atomKey(p.result)}`;
}

/** The stored check of `p`, when one was computed for exactly this derivation. */
export function storedProofCheck(p: Derivation): DerivationCheck | undefined {
  const key = proofKey(p);
  return key === undefined ? undefined : PROOF_VERDICTS.get(key);
}
