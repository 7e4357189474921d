// The verdict of a verification result, decided in one place: an answer's equivalence decides it;
// without an answer, the lines' outcome does (correct when every line follows, incorrect at the
// first bad line, else undetermined). Printing the verdict for users is src/render/verdictView.ts.
import type { VerifyResult } from './index.js';
import type { VerdictKind } from './types.js';

export interface Decision {
  readonly verdict: VerdictKind;
  readonly method: 'symbolic' | 'numeric' | 'lines';
}

export function decide(r: VerifyResult): Decision {
  const eq = r.equivalence;
  return {
    verdict: eq ? eq.verdict : r.lines?.ok ? 'correct' : r.lines?.firstBad !== undefined ? 'incorrect' : 'undetermined',
    method: eq?.method ?? 'lines',
  };
}
