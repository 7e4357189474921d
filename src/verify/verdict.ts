// The verdict of a verification result, decided in one place: an answer's equivalence decides it;
// without an answer, the lines' outcome does (correct when every line follows, incorrect at the
// first bad line, else undetermined). Printing the verdict for users is src/render/verdictView.ts.
import type { VerifyResult } from './index.js';
import type { VerdictKind } from './types.js';

export interface Decision {
  readonly verdict: VerdictKind;
  readonly method: 'symbolic' | 'numeric' | 'lines';
  /** correct only under these assumptions (`assume`): "correct if 0 < p < 1" */
  readonly premise?: { readonly assumptions: readonly string[]; readonly text: string };
}

export function decide(r: VerifyResult): Decision {
  const eq = r.equivalence;
  return {
    verdict: eq ? eq.verdict : r.lines?.ok ? 'correct' : r.lines?.firstBad !== undefined ? 'incorrect' : 'undetermined',
    method: eq?.method ?? 'lines',
  };
}

/** A correct verdict that holds only under assumptions says so: "correct if 0 < p < 1" for domain
 * facts, "correct given t1 + t2 + t3 = 1" for constraints. */
export function withPremise(d: Decision, needed: ReadonlyArray<{ readonly text: string; readonly constraint: boolean }>): Decision {
  const facts = needed.filter((x) => !x.constraint).map((x) => x.text);
  const cons = needed.filter((x) => x.constraint).map((x) => x.text);
  const text = ['correct', ...(facts.length ? [`if ${facts.join(' and ')}`] : []), ...(cons.length ? [`${facts.length ? ', ' : ''}given ${cons.join(' and ')}`] : [])].join(' ').replace(' , ', ', ');
  return { ...d, premise: { assumptions: needed.map((x) => x.text), text } };
}