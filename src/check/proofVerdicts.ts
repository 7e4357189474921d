// The checks of the proofs (σ′ derived from σ's definition, softmax's Jacobian), computed ahead:
// a proof is the same derivation in every process, and its check is deterministic (seeded by the
// trees), yet a one-shot CLI process paid for it on every start (~11 ms CPU of a cold
// `chainrule derive`, docs/performance.md). The verdicts are stored with the proof's exact
// canonical text (proofVerdicts.generated.ts, written by `npm run gen:proofs`); a proof whose text
// differs from the stored one (the engine changed) is checked as before, and a test fails until
// the file is regenerated, so a stored verdict is only ever used for the derivation it checked.
import type { Expr } from '../ast/nodes.js';
import type { Derivation, Step } from '../trace/types.js';
import type { DerivationCheck } from './derivation.js';
import { PROOF_VERDICTS } from './proofVerdicts.generated.js';

/** A tree as exact canonical text (every field that a check reads). */
function canonical(e: Expr): string {
  switch (e.kind) {
    case 'num':
      return `${e.n}/${e.d}`;
    case 'sym':
      return `$${e.name}`;
    case 'const':
      return `#${e.name}`;
    case 'call':
      return `${e.fn}(${e.args.map(canonical).join(',')})`;
    case 'diff':
      return `d(${canonical(e.arg)};${e.wrt})`;
    case 'sum':
      return `S(${e.index};${e.lo ? canonical(e.lo) : ''};${e.hi ? canonical(e.hi) : ''};${canonical(e.body)})`;
    case 'neg':
      return `-(${canonical(e.arg)})`;
    case 'add':
      return `+(${e.terms.map(canonical).join(',')})`;
    case 'mul':
      return `*(${e.factors.map(canonical).join(',')})`;
    case 'div':
      return `/(${canonical(e.num)},${canonical(e.den)})`;
    case 'pow':
      return `^(${canonical(e.base)},${canonical(e.exp)})`;
  }
}

const stepText = (s: Step): string =>
  `${s.rule}[${canonical(s.before)}>${canonical(s.after)}]${s.substeps ? `{${s.substeps.map(stepText).join(';')}}` : ''}`;

/** What a proof's check depends on: its input, variable, premises, definitions and every step. */
export function proofKey(p: Derivation): string | undefined {
  // definitions by index change how names are evaluated: such a proof is always checked afresh
  if (p.definitions) return undefined;
  const premises = (p.premises ?? []).map(canonical).join(',');
  return `${canonical(p.input)}|${p.wrt ?? ''}|${premises}|${canonical(p.start)}|${p.steps.map(stepText).join(';')}|${canonical(p.result)}`;
}

/** The stored check of `p`, when one was computed for exactly this derivation. */
export function storedProofCheck(p: Derivation): DerivationCheck | undefined {
  const key = proofKey(p);
  return key === undefined ? undefined : PROOF_VERDICTS.get(key);
}
