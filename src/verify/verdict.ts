// Shaping a verification result into the verdict the API, CLI and worksheets show: one verdict
// word (an answer's equivalence, or the lines' outcome), how it was decided, the expected
// answer, the findings, and for lines the first bad line. Expressions as text/LaTeX.
import { toLatex, toText } from '../render/index.js';
import type { VerifyResult } from './index.js';
import type { Counterexample, VerdictKind } from './types.js';

export interface VerdictView {
  readonly verdict: VerdictKind;
  readonly method: 'symbolic' | 'numeric' | 'lines';
  readonly expected: { readonly text: string; readonly latex: string };
  readonly diagnosis: ReadonlyArray<{ readonly id: string; readonly message: string; readonly latex: string; readonly expr?: string }>;
  readonly reason?: string;
  readonly counterexample?: Counterexample;
  readonly conditions?: readonly string[];
  readonly lines?: {
    readonly ok: boolean;
    readonly firstBad?: number;
    readonly fine: readonly number[];
    readonly findings: ReadonlyArray<{ readonly id: string; readonly message: string; readonly latex: string }>;
  };
}

export function verdictOf(r: VerifyResult): VerdictView {
  const eq = r.equivalence;
  return {
    verdict: eq ? eq.verdict : r.lines?.ok ? 'correct' : r.lines?.firstBad !== undefined ? 'incorrect' : 'undetermined',
    method: eq?.method ?? 'lines',
    expected: { text: toText(r.expected), latex: toLatex(r.expected) },
    diagnosis: r.diagnosis.map((f) => ({ id: f.id, message: f.message, latex: f.latex, ...(f.expr ? { expr: toText(f.expr) } : {}) })),
    ...(eq?.reason ? { reason: eq.reason } : {}),
    ...(eq?.counterexample ? { counterexample: eq.counterexample } : {}),
    ...(eq?.conditions?.length ? { conditions: eq.conditions.map((c) => `${toText(c)} != 0`) } : {}),
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
