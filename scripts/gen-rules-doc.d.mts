// Types of scripts/gen-rules-doc.mjs for the TypeScript tests that import it.
export interface RuleModules {
  /** the step-id registry, src/rules/registry.ts STEPS */
  readonly STEPS: readonly unknown[];
  readonly UNSOUND_CANDIDATES: readonly unknown[];
  readonly toText: (e: never) => string;
  readonly leafCount: (e: never) => number;
  readonly size: (e: never) => number;
  readonly parseExpr: (s: string) => unknown;
}
export function loadDist(root?: string): Promise<RuleModules>;
export function generateRulesDoc(m: RuleModules): { markdown: string; latex: string[] };
