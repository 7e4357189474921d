// The LaTeX of the golden derivations (G1 through definitions and as one expression, G4 both
// ways, σ′ from its definition) is complete and fits the page: compiled by pdflatex in a minimal
// A4 document (11 pt, 2.5 cm margins, the packages docs/api.md names) with no overfull box, every math part
// valid in KaTeX strict, every step label intact, and no LaTeX in the plain-text form.
// Rendered pages: test-artifacts/latex-fit/ (git-ignored), to be looked at.
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { OPS } from '../../src/api/ops.js';
import { formatLatex, latexParts } from '../../src/render/derivationLatex.js';
import { formatText } from '../../src/render/derivationText.js';
import { compile, docPackages, document, PDFLATEX } from './latexDoc.js';

/** What docs/api.md says `--format latex` needs (amsmath, amssymb). */
const PACKAGES = docPackages('fragment for a document body; it needs exactly the packages');

type Res = Parameters<typeof formatLatex>[0];

const GOLDENS: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
  ['g1-chain', { op: 'derive', expr: 'z = wx + b; y = σ(z); L = BCE(y, ŷ)', wrt: ['w', 'b'] }],
  // one expression rewrite by rewrite (steps: full), and through named parts (the default)
  ['g1-one', { op: 'derive', expr: 'BCE(σ(wx+b), ŷ)', wrt: 'w', steps: 'full' }],
  ['g1-one-parts', { op: 'derive', expr: 'BCE(σ(wx+b), ŷ)', wrt: 'w' }],
  ['g4-chain', { op: 'derive', expr: 'z1 = W1 X + b1; a1 = σ(z1); z2 = W2 a1 + b2; a2 = σ(z2); L = BCE(a2, y)', wrt: ['W_1', 'b_1', 'W_2', 'b_2'] }],
  ['g4-one', { op: 'derive', expr: 'BCE(σ(W2 σ(W1 X + b1) + b2), y)', wrt: 'W1', steps: 'full' }],
  ['g4-one-parts', { op: 'derive', expr: 'BCE(σ(W2 σ(W1 X + b1) + b2), y)', wrt: 'W1' }],
  ['sigma-prime', { op: 'derive', expr: 'σ(z)', wrt: 'z' }],
  ['sigma-definition', { op: 'derive', expr: '1/(1 + exp(-z))', wrt: 'z' }],
  // a gradient (one block per component) and a simplification print through the same layout
  ['g1-one-gradient', { op: 'derive', expr: 'BCE(σ(wx+b), ŷ)', wrt: ['w', 'b'] }],
  ['g1-simplify', { op: 'simplify', expr: '((1−y)/(1−s) − y/s)·s(1−s)' }],
];

const responses = new Map<string, Res>();
async function response(name: string): Promise<Res> {
  if (!responses.has(name)) {
    const req = GOLDENS.find(([n]) => n === name)![1];
    responses.set(name, (await OPS[req['op'] as string]!(req)) as unknown as Res);
  }
  return responses.get(name)!;
}

/** Every math string of the LaTeX form: the display blocks and the `$…$` inside text lines. */
function mathOf(r: Res): string[] {
  return latexParts(r).flatMap((p) => ('math' in p ? [p.math] : [...p.text.matchAll(/\$([^$]*)\$/g)].map((m) => m[1]!)));
}

/** Every step label of a response, at any depth. */
function labels(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) labels(x, out);
  else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o['label'] === 'string' && typeof o['rule'] === 'string' && !String(o['rule']).startsWith('chain.')) out.push(o['label']);
    // substeps (the fine rewrites inside a tidy-up) are not printed, in text or LaTeX
    for (const [k, x] of Object.entries(o)) if (k !== 'substeps') labels(x, out);
  }
  return out;
}

if (!PDFLATEX) {
  const notice = 'latex-fit.test.ts: pdflatex is NOT on PATH — the compile and overfull-box tests are SKIPPED (.ci/run installs TeX Live)';
  console.warn(`\n${'!'.repeat(notice.length)}\n${notice}\n${'!'.repeat(notice.length)}\n`);
}

describe('LaTeX of the golden derivations', () => {
  it('docs/api.md names the packages', () => {
    expect(PACKAGES).toEqual(['amsmath', 'amssymb']);
  });

  it('pdflatex is installed when CI is set', () => {
    if (process.env['CI']) expect(PDFLATEX, 'CI must install pdflatex (.ci/run)').toBe(true);
    else expect(typeof PDFLATEX).toBe('boolean');
  });

  it.each(GOLDENS.map(([n]) => [n]))('%s: every math part passes KaTeX strict', async (name) => {
    const maths = mathOf(await response(name));
    expect(maths.length).toBeGreaterThan(0);
    for (const m of maths) expect(() => katex.renderToString(m, { displayMode: true, throwOnError: true, strict: 'error' }), m).not.toThrow();
  });

  it.skipIf(!PDFLATEX).each(GOLDENS.map(([n]) => [n]))('%s: compiles with pdflatex, no overfull box', async (name) => {
    const c = compile(name, document(formatLatex(await response(name)), PACKAGES));
    expect(c.ok, c.log.slice(-3000)).toBe(true);
    expect(c.overfull, c.overfull.join('\n---\n')).toEqual([]);
  }, 120_000);

  it.each(GOLDENS.map(([n]) => [n]))('%s: every step label is there, every character kept', async (name) => {
    const r = await response(name);
    const tex = formatLatex(r);
    for (const l of labels(r)) {
      // the label's words appear as \text{…} runs, its math as math: compare the letters only
      const words = l.split(/[^A-Za-z]+/).filter((w) => w.length > 1);
      for (const w of words) expect(tex, `${w} of "${l}"`).toContain(w);
    }
    expect(tex).not.toMatch(/\\text\{[^}]*[^\x20-\x7e}][^}]*\}/); // no stray non-ASCII left in \text for pdflatex
  });

  it('chain mode holds the local gradients with their steps, the σ′ proof, upstream gradients and the substituted result', async () => {
    const tex = formatLatex(await response('g1-chain'));
    for (const s of [
      '\\frac{\\partial y}{\\partial z}',
      '\\frac{\\partial z}{\\partial w}',
      '\\text{combine the fractions}',
      '\\text{derivative of }\\sigma',
      '\\text{sum rule}',
      'is derived from the definition',
      '\\frac{d}{dz}\\left(\\frac{1}{1 + e^{-z}}\\right)',
      '\\frac{\\partial L}{\\partial y} \\cdot \\frac{\\partial y}{\\partial z}',
      '(\\sigma(wx + b) - \\hat{y})x',
      '\\text{cancel the common factor}',
    ]) expect(tex, s).toContain(s);
  });

  it('labels keep σ and −', async () => {
    const tex = formatLatex(await response('g1-one'));
    expect(tex).toContain('\\text{chain rule through }\\sigma');
    expect(tex).toContain('\\text{constant multiple }{-1}');
  });

  it.each(GOLDENS.map(([n]) => [n]))('%s: the plain-text form holds no LaTeX', async (name) => {
    const text = formatText(await response(name), name);
    expect(text).not.toMatch(/\\[a-z]/);
  });
});

describe('no LaTeX in the plain-text outputs', () => {
  it('the demo (npm start) prints no LaTeX', async () => {
    const { demo } = await import('../../src/api/demo.js');
    const out = await demo();
    expect(out).toContain('derived from the definition σ(z) = 1/(1 + e^(−z))');
    expect(out).not.toMatch(/\\[a-z]/);
  }, 120_000);
});
