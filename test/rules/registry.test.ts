// The step-id registry (src/rules/registry.ts) is the one place step ids are declared: each id
// once, well formed, frozen, with a label, a sentence and KaTeX-valid LaTeX; the rule tables follow
// its order; and no source file outside it writes an id as a string literal (grep-style scan of
// src/, comments stripped).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../src/functions/index.js';
import { mainExpr } from '../../src/parse/index.js';
import { parseTextProgram } from '../../src/parse/text.js';
import { toLatex } from '../../src/render/index.js';
import { DIFF_RULES, FUNCTION_RULES } from '../../src/rules/diff.js';
import { CHAIN_STEP, DIFF_STEP, PHASE_STEP, SIMP_STEP, STEPS, UNSOUND_CANDIDATES, functionStepId, isRegistered, step, stepInfo } from '../../src/rules/registry.js';
import { SIMP_RULES } from '../../src/rules/simp.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const P = (s: string) => mainExpr(parseTextProgram(s));

const katexError = (s: string): string => {
  try {
    katex.renderToString(s, { throwOnError: true, strict: 'error' });
    return '';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
};

describe('the step-id registry', () => {
  it('declares each id once, as group.kebab-name', () => {
    const ids = STEPS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(\.fn)?\.[A-Za-z0-9][A-Za-z0-9-]*$/);
  });

  it.each(STEPS.map((s) => [s.id, s] as const))('%s has a label, a sentence, a frozen flag and KaTeX-valid LaTeX', (_id, s) => {
    expect(s.label.length).toBeGreaterThan(0);
    expect(s.sentence).toMatch(/\.$/);
    expect(s.frozen).toBe(true);
    if (s.kind !== 'phase' && s.kind !== 'chain') expect(s.latex).toBeDefined();
    if (s.latex !== undefined) expect(katexError(s.latex)).toBe('');
    expect(Object.isFrozen(s)).toBe(true);
  });

  it('has one diff.fn.* entry per function of src/functions, and looks ids up', () => {
    expect(STEPS.filter((s) => s.kind === 'function').map((s) => s.id)).toEqual(FUNCTIONS.map((f) => functionStepId(f.name)));
    expect(stepInfo('diff.fn.sigmoid')?.label).toBe('derivative of σ');
    expect(isRegistered('diff.no-such-rule')).toBe(false);
    expect(() => step('diff.no-such-rule')).toThrow(/not in src\/rules\/registry.ts/);
  });

  it('lists the rule tables in the order they are tried', () => {
    expect(DIFF_RULES.map((r) => r.id)).toEqual(Object.values(DIFF_STEP).map((s) => s.id));
    expect(SIMP_RULES.map((r) => r.id)).toEqual(Object.values(SIMP_STEP).map((s) => s.id));
    expect(FUNCTION_RULES.map((r) => r.id)).toEqual(STEPS.filter((s) => s.kind === 'function').map((s) => s.id));
    for (const r of [...DIFF_RULES, ...SIMP_RULES]) expect(r.label).toBe(step(r.id).label);
  });

  it('holds each differentiation rule’s LaTeX as the printer writes its equation', () => {
    for (const r of DIFF_RULES) {
      if (!r.lhs || !r.rhs) continue; // diff.chain: f is any function, written schematically
      expect(step(r.id).latex).toBe(`${toLatex(r.lhs)} = ${toLatex(r.rhs)}`);
    }
  });

  it('writes every rule and unsound candidate in the project’s notation (each side parses)', () => {
    for (const s of STEPS) if (s.text && s.id !== DIFF_STEP.chain.id) for (const side of s.text.split(' = ')) expect(() => P(side)).not.toThrow();
    for (const c of UNSOUND_CANDIDATES) for (const side of c.text.split(' = ')) expect(() => P(side)).not.toThrow();
  });

  it('keeps the phases and chain steps the engine and the api emit', () => {
    expect(Object.values(PHASE_STEP).map((s) => s.id)).toEqual(['simp.tidy', 'simp.combine-fractions', 'simp.expand-numerator', 'simp.cancel', 'simp.collect', 'simp.sigmoid-substitute', 'simp.like-terms', 'simp.sign-into-numerator', 'simp.split-fraction', 'simp.recognise-sigmoid', 'simp.softmax-substitute']);
    expect(Object.values(CHAIN_STEP).map((s) => s.id)).toEqual(['chain.local', 'chain.upstream', 'chain.parts', 'chain.substitute']);
  });
});

// ---------------------------------------------------------------------------------------------
// grep-style: no string literal step id in src/ outside the registry.

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'generated' ? [] : tsFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}
/** Comments removed (a comment may name an id: "see `diff.product`"). Rough, but strings in this
 * code base do not hold comment markers next to step ids. */
const stripComments = (src: string) => src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
/** The id groups of the registry (diff, simp, chain, and any a later issue adds). */
const GROUPS = [...new Set(STEPS.map((s) => s.id.split('.')[0]!))].join('|');
/** A quoted step id of a registered group, or a template that builds one (`diff.fn.${…}`). */
const LITERAL_ID = new RegExp(`(['"\`])(?:${GROUPS})\\.[A-Za-z0-9.$-][^'"\`\\s]*\\1|\`(?:${GROUPS})\\.[^\`]*\\$\\{`, 'g');

/** Files another helper owns that still write a literal id; each must be replaced by the registry
 * entry (CHAIN_STEP.local.id, CHAIN_STEP.upstream.id) when the branches merge, then removed here. */
const PENDING: Readonly<Record<string, readonly string[]>> = {};

describe('no step id outside the registry', () => {
  const files = tsFiles(join(ROOT, 'src')).filter((f) => !f.endsWith(join('rules', 'registry.ts')));
  it.each(files.map((f) => relative(ROOT, f).split('\\').join('/')))('%s writes no step id literal', (rel) => {
    const found = [...stripComments(readFileSync(join(ROOT, rel), 'utf8')).matchAll(LITERAL_ID)].map((m) => m[0]);
    expect(found.filter((x) => !(PENDING[rel] ?? []).includes(x))).toEqual([]);
    // an exception that is no longer needed must go
    for (const x of PENDING[rel] ?? []) expect(found).toContain(x);
  });
  it('every literal still pending is a registered id', () => {
    for (const xs of Object.values(PENDING)) for (const x of xs) expect(isRegistered(x.slice(1, -1))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// The registry is light: the api layer and a browser bundle load it, so what it imports at run
// time (type-only imports aside) must stay within ast, functions and the LaTeX printer — no npm
// package (mathjs, katex, …), no parser.

function runtimeImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const src = readFileSync(file, 'utf8');
  for (const m of src.matchAll(/^import\s+(?!type\b)[^'"]*from\s+'([^']+)';/gm)) {
    const spec = m[1]!;
    if (!spec.startsWith('.')) seen.add(`package:${spec}`);
    else runtimeImports(join(file, '..', spec.replace(/\.js$/, '.ts')), seen);
  }
  return seen;
}

it('loads no npm package and no module outside ast, functions and the LaTeX printer', () => {
  const loaded = [...runtimeImports(join(ROOT, 'src/rules/registry.ts'))].map((f) => (f.startsWith('package:') ? f : relative(ROOT, f).split('\\').join('/')));
  expect(loaded.filter((f) => !/^src\/(ast|functions)\/|^src\/render\/(latex|normal|precedence)\.ts$|^src\/rules\/registry\.ts$/.test(f))).toEqual([]);
  expect(loaded).toContain('src/functions/index.ts');
});
