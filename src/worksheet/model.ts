// The solved worksheet, language-neutral: LaTeX strings, step ids and verdicts, read off the
// engine's op responses by src/worksheet/solve.ts and typeset by html.ts and tex.ts (which add
// the words, in the sheet's language, from src/i18n).
import type { ProblemSpec, WorksheetSpec } from './schema.js';

export type Status = 'verified' | 'refuted' | 'unverifiable';

/** One line of a derivation: `= latex`, by the step `rule`. */
export interface Line {
  readonly latex: string;
  readonly rule?: string;
  readonly check?: Status;
  /** LaTeX of the conditions a cancellation assumes (`y \neq 0`) */
  readonly conditions?: readonly string[];
}

/** An equation written as a chain of lines: lhs = line₀ = line₁ = … */
export interface Equation {
  readonly lhs: string;
  /** a message for the heading of this equation (rule-chain_local with fracMath, …) */
  readonly label?: { readonly key: string; readonly args: Record<string, string> };
  readonly lines: readonly Line[];
}

export interface Section {
  readonly key: string;
  readonly equations: readonly Equation[];
}

export interface Result {
  readonly lhs: string;
  readonly rhs: string;
  /** the result with the definitions put back in, when it differs */
  readonly substituted?: string;
  readonly check?: Status;
  /** the teacher's answer key (overrides rhs in the box) */
  readonly override?: string;
}

export interface Table {
  readonly caption: { readonly key: string; readonly args?: Record<string, string | number> };
  /** header cells: a message key, or LaTeX */
  readonly head: readonly ({ readonly key: string } | { readonly math: string })[];
  /** body cells, LaTeX (math) or a verdict */
  readonly rows: readonly (readonly ({ readonly math: string } | { readonly check: Status })[])[];
  /** the last row is a total (ruled off) */
  readonly total?: boolean;
}

export interface GraphPicture {
  readonly svg: string;
  readonly tikz: string;
}

export interface SolvedProblem {
  readonly index: number;
  readonly id: string;
  readonly spec: ProblemSpec;
  /** what the prompt message needs */
  readonly prompt: { readonly key: string; readonly args: Record<string, string | number> };
  /** the given definitions or expression, LaTeX lines */
  readonly given: readonly string[];
  readonly sections: readonly Section[];
  readonly graph?: GraphPicture;
  /** the student's data table (descent): data columns only */
  readonly dataTable?: Table;
  readonly tables: readonly Table[];
  readonly results: readonly Result[];
  /** the worst verdict over every check shown */
  readonly status: Status;
}

export interface SolvedWorksheet {
  readonly spec: WorksheetSpec;
  readonly problems: readonly SolvedProblem[];
}
