// docs/rules.md is generated from the step-id registry (scripts/gen-rules-doc.mjs) and must never drift:
// it is regenerated here in memory from the TypeScript sources and compared byte for byte, the
// script's own `--stdout` path (which reads the built dist/) must print the same page, and every
// LaTeX string on the page passes KaTeX in strict mode (ARCHITECTURE.md: every LaTeX we emit does).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { leafCount, size } from '../src/ast/traverse.js';
import { mainExpr } from '../src/parse/index.js';
import { parseTextProgram } from '../src/parse/text.js';
import { toText } from '../src/render/index.js';
import { DIFF_RULES, FUNCTION_RULES } from '../src/rules/diff.js';
import { PHASE_STEP, STEPS, UNSOUND_CANDIDATES } from '../src/rules/registry.js';
import { SIMP_RULES } from '../src/rules/simp.js';
import { generateRulesDoc } from '../scripts/gen-rules-doc.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const docPath = fileURLToPath(new URL('../docs/rules.md', import.meta.url));
const script = fileURLToPath(new URL('../scripts/gen-rules-doc.mjs', import.meta.url));
const doc = readFileSync(docPath, 'utf8');
const simplifySource = readFileSync(fileURLToPath(new URL('../src/simplify/simplify.ts', import.meta.url)), 'utf8');
const modules = {
  STEPS,
  UNSOUND_CANDIDATES,
  toText,
  leafCount,
  size,
  parseExpr: (s: string) => mainExpr(parseTextProgram(s)),
};
const generated = generateRulesDoc(modules);
const HAS_DIST = existsSync(fileURLToPath(new URL('../dist/src/rules/diff.js', import.meta.url)));
if (!HAS_DIST) console.warn('notice: dist/ is absent (run `npm run build`); the test of the script’s --stdout path is skipped.');

/** The display-math blocks of a Markdown page: `$$`, one line of LaTeX, `$$`. */
function displayBlocks(md: string): string[] {
  return [...md.matchAll(/^\$\$\n(.*)\n\$\$$/gm)].map((m) => m[1]!);
}

const katexError = (s: string): string => {
  try {
    katex.renderToString(s, { throwOnError: true, strict: 'error' });
    return '';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
};

describe('docs/rules.md', () => {
  it('is up to date with the registry (run `npm run build && node scripts/gen-rules-doc.mjs`)', () => {
    expect(doc).toBe(generated.markdown);
  });

  it.skipIf(!HAS_DIST)('is what `node scripts/gen-rules-doc.mjs --stdout` prints (from dist/)', () => {
    const out = execFileSync(process.execPath, [script, '--stdout'], { cwd: root, encoding: 'utf8' });
    expect(out).toBe(doc);
  });

  it('has every display block from the generator, and only those', () => {
    expect(displayBlocks(doc)).toEqual(generated.latex);
    expect(generated.latex.length).toBeGreaterThan(DIFF_RULES.length + FUNCTION_RULES.length - 1);
  });

  it.each(generated.latex.map((s, i) => [i, s] as const))('LaTeX %i passes KaTeX strict: %s', (_i, s) => {
    expect(katexError(s)).toBe('');
  });

  const ids = [...DIFF_RULES.map((r) => r.id), ...FUNCTION_RULES.map((r) => r.id), ...SIMP_RULES.map((r) => r.id)];
  it.each(ids)('documents %s', (id) => {
    expect(doc).toContain('`' + id + '`');
  });

  it('documents the textbook steps of src/simplify/simplify.ts', () => {
    const steps = Object.values(PHASE_STEP).map((s) => s.id);
    expect(steps).toEqual(['simp.tidy', 'simp.combine-fractions', 'simp.expand-numerator', 'simp.cancel', 'simp.collect', 'simp.sigmoid-substitute', 'simp.like-terms', 'simp.sign-into-numerator', 'simp.split-fraction', 'simp.recognise-sigmoid', 'simp.softmax-substitute']);
    for (const id of steps) expect(doc).toContain('`' + id + '`');
  });

  it('documents every registered step id', () => {
    for (const s of STEPS) expect(doc).toContain('`' + s.id + '`');
  });

  it('documents the unsound candidates of the registry, each with its counterexample', () => {
    const cands = UNSOUND_CANDIDATES;
    expect(cands.length).toBeGreaterThanOrEqual(3);
    for (const c of cands) {
      expect(c.counterexample).toMatch(/^false for /);
      expect(doc).toContain(c.counterexample);
    }
  });

  it('has the #size section that src/simplify/simplify.ts points to', () => {
    expect(simplifySource).toContain('docs/rules.md#size');
    expect(doc).toMatch(/^## Size$/m);
  });

  it('fails loudly when a registry entry has no sentence', () => {
    const extra = [...STEPS, { id: 'simp.new-step', kind: 'phase', label: 'new', sentence: '', frozen: false }];
    expect(() => generateRulesDoc({ ...modules, STEPS: extra })).toThrow(/simp\.new-step/);
  });
});
