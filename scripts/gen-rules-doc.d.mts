// Types of scripts/gen-rules-doc.mjs for the TypeScript tests that import it.
export interface RuleModules {
  readonly DIFF_RULES: readonly unknown[];
  readonly FUNCTION_RULES: readonly unknown[];
  readonly SIMP_RULES: readonly unknown[];
  readonly toLatex: (e: never) => string;
  readonly toText: (e: never) => string;
  readonly leafCount: (e: never) => number;
  readonly size: (e: never) => number;
  readonly parseExpr: (s: string) => unknown;
}
export interface RuleSources {
  /** the text of src/rules/simp.ts */
  readonly simp: string;
  /** the text of src/simplify/simplify.ts */
  readonly simplify: string;
}
export function loadDist(root?: string): Promise<RuleModules>;
export function readSources(root?: string): RuleSources;
export function textbookSteps(simplifySource: string): { id: string; label: string }[];
export function unsoundCandidates(simpSource: string): { equation: string; counterexample: string }[];
export function generateRulesDoc(m: RuleModules, sources: RuleSources): { markdown: string; latex: string[] };
