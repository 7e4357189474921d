// Writes docs/rules.md from the rule tables themselves (DIFF_RULES, FUNCTION_RULES, SIMP_RULES),
// the textbook steps named in src/simplify/simplify.ts and the unsound candidates in the header of
// src/rules/simp.ts, so the page cannot drift from the code (test/rules-doc.test.ts regenerates it
// in memory and compares). Run after `npm run build`: `node scripts/gen-rules-doc.mjs`, or with
// `--stdout` to print instead of writing. `generateRulesDoc` is pure: same modules and sources →
// byte-identical Markdown; it throws when a step id in simplify.ts has no sentence here, or back.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @typedef {object} RuleModules  what the generator reads; the built modules (dist/) or, in the
 *   test, the TypeScript sources
 * @property {readonly any[]} DIFF_RULES
 * @property {readonly any[]} FUNCTION_RULES
 * @property {readonly any[]} SIMP_RULES
 * @property {(e: any) => string} toLatex
 * @property {(e: any) => string} toText
 * @property {(e: any) => number} leafCount
 * @property {(e: any) => number} size
 * @property {(s: string) => any} parseExpr  plain text → the main expression
 *
 * @typedef {object} RuleSources  file texts the generator reads comments and step ids from
 * @property {string} simp      src/rules/simp.ts
 * @property {string} simplify  src/simplify/simplify.ts
 */

/** One sentence per textbook step of src/simplify/simplify.ts (from its header and comments). */
const STEP_SENTENCES = {
  'simp.tidy':
    'Apply the simplification rules above (×1, +0, signs, brackets, folding numbers) bottom-up until none applies; recorded as one textbook step whose substeps are the fine rewrites.',
  'simp.combine-fractions':
    'Bring the terms over one common denominator (only when the rational normal form is smaller, or a common factor cancels).',
  'simp.expand-numerator':
    'Multiply out the numerator of the combined fraction and collect like terms; recorded only when that numerator is a sum holding products of sums.',
  'simp.cancel':
    'Rewrite into the rational normal form, cancelling a factor common to numerator and denominator; the step carries the conditions it assumes (each cancelled factor ≠ 0).',
  'simp.collect':
    'Rewrite into the rational normal form (like terms collected, common factors taken out) when nothing cancels but the form is smaller by the size measure.',
  'simp.sigmoid-substitute':
    'Write e^(−z) as (1 − σ(z))/σ(z) and e^z as σ(z)/(1 − σ(z)), kept only when the collected and cancelled result is smaller and has no exp left.',
};

/** Load the built modules (run `npm run build` first). */
export async function loadDist(root = ROOT) {
  const mod = (p) => import(pathToFileURL(join(root, 'dist', 'src', p)).href);
  const [diff, simp, render, traverse, text, parse] = await Promise.all([
    mod('rules/diff.js'),
    mod('rules/simp.js'),
    mod('render/index.js'),
    mod('ast/traverse.js'),
    mod('parse/text.js'),
    mod('parse/index.js'),
  ]);
  return {
    DIFF_RULES: diff.DIFF_RULES,
    FUNCTION_RULES: diff.FUNCTION_RULES,
    SIMP_RULES: simp.SIMP_RULES,
    toLatex: render.toLatex,
    toText: render.toText,
    leafCount: traverse.leafCount,
    size: traverse.size,
    parseExpr: (s) => parse.mainExpr(text.parseTextProgram(s)),
  };
}

/** @returns {RuleSources} */
export function readSources(root = ROOT) {
  return {
    simp: readFileSync(join(root, 'src/rules/simp.ts'), 'utf8'),
    simplify: readFileSync(join(root, 'src/simplify/simplify.ts'), 'utf8'),
  };
}

/** The textbook step ids of simplify.ts in order of first appearance, with their first label. */
export function textbookSteps(simplifySource) {
  const steps = new Map();
  for (const m of simplifySource.matchAll(/'(simp\.[a-z-]+)'(?:, label: '([^']*)')?/g)) {
    if (!steps.has(m[1])) steps.set(m[1], m[2]);
    else if (steps.get(m[1]) === undefined && m[2] !== undefined) steps.set(m[1], m[2]);
  }
  return [...steps].map(([id, label]) => ({ id, label: label ?? '' }));
}

/** The unsound candidates kept as comments in simp.ts's header: `//   equation   counterexample`. */
export function unsoundCandidates(simpSource) {
  const lines = simpSource.split('\n');
  const start = lines.findIndex((l) => /unsound candidates/i.test(l));
  if (start < 0) return [];
  const out = [];
  for (const line of lines.slice(start + 1)) {
    const m = /^\/\/\s{2,}(\S.*?)\s{2,}(\S.*)$/.exec(line);
    if (!m) break;
    out.push({ equation: m[1], counterexample: m[2] });
  }
  return out;
}

/** `a = b` as LaTeX through the project's parser and printer; undefined if a side does not parse. */
function equationLatex(m, equation) {
  const sides = equation.split(' = ');
  if (sides.length !== 2) return undefined;
  try {
    return sides.map((s) => m.toLatex(m.parseExpr(s))).join(' = ');
  } catch {
    return undefined;
  }
}

const code = (s) => '`' + s.replaceAll('`', "'") + '`';

/**
 * @param {RuleModules} m
 * @param {RuleSources} sources
 * @returns {{ markdown: string, latex: string[] }}
 */
export function generateRulesDoc(m, sources) {
  const latex = [];
  const out = [];
  const display = (s) => {
    latex.push(s);
    out.push('$$', s, '$$', '');
  };
  const steps = textbookSteps(sources.simplify);
  const ids = steps.map((s) => s.id);
  const missing = ids.filter((id) => !(id in STEP_SENTENCES));
  const stale = Object.keys(STEP_SENTENCES).filter((id) => !ids.includes(id));
  if (missing.length || stale.length) {
    throw new Error(`scripts/gen-rules-doc.mjs: textbook steps out of step with src/simplify/simplify.ts (no sentence: ${missing.join(', ') || '—'}; not in simplify.ts: ${stale.join(', ') || '—'})`);
  }

  out.push(
    '# Rules',
    '',
    '<!-- Generated by scripts/gen-rules-doc.mjs from src/rules/diff.ts, src/rules/simp.ts and',
    '     src/simplify/simplify.ts. Do not edit: run `npm run build && node scripts/gen-rules-doc.mjs`.',
    '     test/rules-doc.test.ts fails when this page and the tables disagree. -->',
    '',
    'Every rewrite in a derivation names one of the rules below by its id. Ids are stable: worksheets,',
    'the API and translations key off them, so a shipped id is never renamed.',
    '',
    '- [Differentiation rules](#differentiation-rules)',
    '- [Function rules](#function-rules)',
    '- [Simplification rules](#simplification-rules)',
    '- [Textbook simplification steps](#textbook-simplification-steps)',
    '- [Unsound candidates](#unsound-candidates)',
    '- [Size](#size)',
    '',
    '## Differentiation rules',
    '',
    'A derivation starts from d/dx(input). Each step takes the first derivative node (left to right,',
    'outside in) whose argument holds no other derivative, and rewrites it by the first rule of this',
    'list that matches. Pattern letters: `c`, `a` and `n` do not depend on x; `u` and `v` may.',
    '',
  );
  for (const r of m.DIFF_RULES) {
    out.push(`### ${code(r.id)}: ${r.label}`, '', code(r.text), '');
    if (r.lhs && r.rhs) display(`${m.toLatex(r.lhs)} = ${m.toLatex(r.rhs)}`);
    else out.push('f′ is the partial derivative from the function’s spec: the step is named `diff.fn.<name>` when the argument is the variable itself, and `diff.chain` otherwise. See [Function rules](#function-rules).', '');
  }

  out.push(
    '## Function rules',
    '',
    'One per function of the registry (src/functions), generated from its spec’s partial derivatives;',
    'the chain rule multiplies each by the derivative of its argument.',
    '',
  );
  for (const r of m.FUNCTION_RULES) {
    out.push(`### ${code(r.id)}: ${r.label}`, '');
    for (const eq of r.equations) {
      if (r.equations.length > 1) out.push(`with respect to ${code(eq.param)}:`, '');
      display(`${m.toLatex(eq.lhs)} = ${m.toLatex(eq.rhs)}`);
    }
    if (r.note) out.push(`Note: ${r.note}.`.replace(/\.\.$/, '.'), '');
  }

  out.push(
    '## Simplification rules',
    '',
    'The local tidy-up a textbook does silently after differentiating, each applied to one node; they',
    'run bottom-up, in this order, as the substeps of [`simp.tidy`](#textbook-simplification-steps).',
    '',
    '| id | label | rule | condition |',
    '|---|---|---|---|',
  );
  for (const r of m.SIMP_RULES) out.push(`| ${code(r.id)} | ${r.label} | ${code(r.text)} | ${r.condition ?? '—'} |`);
  out.push('');

  out.push(
    '## Textbook simplification steps',
    '',
    'What a derivation shows after the differentiation rules, in this order: the arguments of',
    'function calls first (each as an expression of its own), then tidy, then the rational phase',
    '(combine, expand, cancel or collect), then σ. A phase is kept only when its result is no larger',
    '(see [Size](#size)), so a simplified result is never larger than what it started from.',
    '',
    '| id | label | what it does |',
    '|---|---|---|',
  );
  for (const s of steps) out.push(`| ${code(s.id)} | ${s.label.replaceAll('|', '\\|')} | ${STEP_SENTENCES[s.id]} |`);
  out.push('');

  out.push(
    '## Unsound candidates',
    '',
    'Rewrites that look like simplifications but are false for some real values. They are kept out',
    'of the rule tables, with a counterexample each (src/rules/simp.ts).',
    '',
  );
  for (const c of unsoundCandidates(sources.simp)) {
    out.push(`- ${code(c.equation)}: ${c.counterexample}`, '');
    const l = equationLatex(m, c.equation);
    if (l) display(l.replace(' = ', ' \\overset{?}{=} '));
  }

  const examples = ['2*x', 'x + x', 'x^2/2', 'x/2*x'];
  out.push(
    '## Size',
    '',
    'The simplifier compares expressions by their **leaf count**, the measure of mathjs’s `leafCount`:',
    'numbers, symbols and constants each count one, operators and function calls nothing. Ties are',
    'broken by the **node count** (every node of the tree); this is `measure` in',
    'src/simplify/simplify.ts. So `x + x` and `2*x` tie on both, and the user’s form is kept: the',
    'rational normal form replaces an expression only when it is smaller or a common factor cancels.',
    '',
    '| expression | leaves | nodes |',
    '|---|---|---|',
  );
  for (const s of examples) {
    const e = m.parseExpr(s);
    out.push(`| ${code(m.toText(e))} | ${m.leafCount(e)} | ${m.size(e)} |`);
  }
  out.push('');
  return { markdown: out.join('\n'), latex };
}

async function main() {
  const { markdown } = generateRulesDoc(await loadDist(), readSources());
  if (process.argv.includes('--stdout')) process.stdout.write(markdown);
  else {
    writeFileSync(join(ROOT, 'docs', 'rules.md'), markdown);
    console.log('wrote docs/rules.md');
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    if (err?.code === 'ERR_MODULE_NOT_FOUND') console.error('run `npm run build` first: this script reads dist/');
    process.exit(1);
  });
}
