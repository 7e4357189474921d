// Step labels as LaTeX keep every character (text in \text{}, σ, −, ∂, ŷ, superscripts as math,
// Hangul inside \text{}), and long formulas break into pieces that fit and read back as the same
// formula. Korean labels (src/i18n/localise.ts) compile with kotex and show in the PDF's text.
import { execFileSync, spawnSync } from 'node:child_process';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { OPS } from '../../src/api/ops.js';
import { localise } from '../../src/i18n/localise.js';
import { formatLatex } from '../../src/render/derivationLatex.js';
import { breakLatex, latexWidth } from '../../src/render/latexBreak.js';
import { labelLatex } from '../../src/render/latexLabel.js';
import { compile, docPackages, document, PDFLATEX } from './latexDoc.js';

const katexOk = (s: string) => katex.renderToString(s, { throwOnError: true, strict: 'error' });

describe('labelLatex', () => {
  it.each([
    ['constant multiple −1', '\\text{constant multiple }{-1}'],
    ['chain rule through σ', '\\text{chain rule through }\\sigma'],
    ['chain rule through BCE', '\\text{chain rule through BCE}'],
    ['local gradient ∂L/∂y', '\\text{local gradient }\\partial L/\\partial y'],
    ['write e^u through σ: e^(−z) = (1 − σ(z))/σ(z)', '\\text{write }e^{u}\\text{ through }\\sigma\\text{: }e^{-z} = (1 - \\sigma(z))/\\sigma(z)'],
    ['x² rule for ŷ and x₂', 'x^{2}\\text{ rule for }\\hat{y}\\text{ and }x_{2}'],
    ['연쇄 법칙', '\\text{연쇄 법칙}'],
    ['σ를 통한 연쇄 법칙', '\\sigma\\text{를 통한 연쇄 법칙}'],
    ['상수배 −1', '\\text{상수배 }{-1}'],
    ['eᵘ를 σ로 나타내기', 'e^{u}\\text{를 }\\sigma\\text{로 나타내기}'],
    ['50% & $ _ ^ ~ {x}', '\\text{50\\% \\& \\$ \\_ \\textasciicircum{} \\textasciitilde{} \\{x\\}}'],
  ])('%s', (label, latex) => {
    expect(labelLatex(label)).toBe(latex);
    expect(() => katexOk(latex)).not.toThrow();
  });
});

describe('breakLatex', () => {
  const long =
    '\\left(-\\left(\\frac{\\hat{y}}{\\sigma(wx + b)} - \\frac{1 - \\hat{y}}{1 - \\sigma(wx + b)}\\right)\\right)\\left((\\sigma(wx + b)(1 - \\sigma(wx + b)))\\left(\\frac{d}{dw}\\left(wx\\right) + \\frac{d}{dw}\\left(b\\right)\\right)\\right)';

  it('leaves a formula that fits alone', () => {
    expect(breakLatex('y - \\hat{y}', 400)).toEqual(['y - \\hat{y}']);
  });

  it.each([150, 200, 300])('breaks a long product into pieces of at most %i pt that read back as it', (max) => {
    const pieces = breakLatex(long, max);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) {
      expect(latexWidth(p)).toBeLessThanOrEqual(max);
      expect(() => katexOk(p)).not.toThrow();
    }
    // the same formula: a broken bracket becomes fixed-size, a juxtaposition a \cdot
    const norm = (s: string) => s.replace(/\\(left|right|Bigl|Bigr)/g, '').replace(/\\cdot|\s/g, '');
    expect(norm(pieces.join(' '))).toBe(norm(long));
  });

  it('breaks a very long sum (3000 terms) into lines that all fit', () => {
    const sum = Array.from({ length: 3000 }, (_, i) => `\\sigma(w_{${i}}x)`).join(' + ');
    const pieces = breakLatex(sum, 400);
    expect(pieces.length).toBeGreaterThan(50);
    for (const p of pieces) expect(latexWidth(p)).toBeLessThanOrEqual(400);
  });

  it('breaks a sum at its top-level operators first', () => {
    const sum = Array.from({ length: 12 }, (_, i) => `\\frac{x_{${i}}}{1 + e^{-z_{${i}}}}`).join(' + ');
    const pieces = breakLatex(sum, 200);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces.slice(1)) expect(p.startsWith('+ ')).toBe(true);
  });
});

const KOTEX = spawnSync('kpsewhich', ['kotex.sty'], { encoding: 'utf8' }).stdout.trim() !== '';
if (!KOTEX) console.warn('\nlatex-label.test.ts: kotex is NOT installed — the Korean compile test is SKIPPED (.ci/run installs texlive-lang-korean)\n');

describe('Korean labels', () => {
  it('kotex is installed when CI is set', () => {
    if (process.env['CI']) expect(PDFLATEX && KOTEX, 'CI must install pdflatex and kotex (.ci/run)').toBe(true);
    else expect(typeof KOTEX).toBe('boolean');
  });

  it.skipIf(!PDFLATEX || !KOTEX)('G1 with Korean labels compiles with kotex, no overfull box, the labels in the PDF', async () => {
    const res = localise(await OPS['derive']!({ expr: 'BCE(σ(wx+b), ŷ)', wrt: 'w' }), 'ko');
    const tex = formatLatex(res as unknown as Parameters<typeof formatLatex>[0]);
    expect(tex).toMatch(/\\text\{[^}]*연쇄 법칙\}/);
    const c = compile('g1-one-ko', document(tex, ['kotex', ...docPackages('fragment for a document body; it needs exactly the packages')]));
    expect(c.ok, c.log.slice(-3000)).toBe(true);
    expect(c.overfull, c.overfull.join('\n---\n')).toEqual([]);
    const text = execFileSync('pdftotext', [c.pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('연쇄 법칙');
  }, 120_000);
});
