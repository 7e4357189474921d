// A verification result as the API, CLI and worksheets show it: the decided verdict (src/verify/
// verdict.ts), the expected answer and each finding's expression printed as text and LaTeX, the
// counterexample, the conditions, and for worked lines the first bad line. Reads typed results only.
import type { VerifyResult } from '../verify/index.js';
import type { Counterexample, DomainDifference } from '../verify/types.js';
import type { Decision } from '../verify/verdict.js';
import { toLatex, toText } from './index.js';

export interface VerdictView extends Decision {
  readonly expected: { readonly text: string; readonly latex: string };
  readonly diagnosis: ReadonlyArray<{ readonly id: string; readonly message: string; readonly latex: string; readonly expr?: string }>;
  readonly reason?: string;
  readonly counterexample?: Counterexample;
  readonly conditions?: readonly string[];
  readonly domainDifference?: DomainDifference;
  readonly lines?: {
    readonly ok: boolean;
    readonly firstBad?: number;
    readonly fine: readonly number[];
    readonly findings: ReadonlyArray<{ readonly id: string; readonly message: string; readonly latex: string }>;
  };
}

export function verdictView(r: VerifyResult, decision: Decision): VerdictView {
  const eq = r.equivalence;
  return {
    ...decision,
    expected: { text: toText(r.expected), latex: toLatex(r.expected) },
    diagnosis: r.diagnosis.map((f) => ({ id: f.id, message: f.message, latex: f.latex, ...(f.expr ? { expr: toText(f.expr) } : {}) })),
    ...(eq?.reason ? { reason: eq.reason } : {}),
    ...(eq?.counterexample ? { counterexample: eq.counterexample } : {}),
    ...(eq?.conditions?.length ? { conditions: eq.conditions.map((c) => `${toText(c)} != 0`) } : {}),
    ...(eq?.domainDifference ? { domainDifference: eq.domainDifference } : {}),
    ...(r.lines
      ? {
          lines: {
            ok: r.lines.ok,
            ...(r.lines.firstBad !== undefined ? { firstBad: r.lines.firstBad } : {}),
            fine: r.lines.fine,
            findings: r.lines.findings.map((f) => ({ id: f.id, message: f.message, latex: f.latex })),
          },
        }
      : {}),
  };
}
