// The TikZ picture of `graph --format tikz` compiles with exactly the packages docs/api.md names
// for it (tikz and amsmath) in a plain article: no more is needed, and the docs say all that is.
import { describe, expect, it } from 'vitest';
import { OPS } from '../../src/api/ops.js';
import { compile, docPackages, document, PDFLATEX } from './latexDoc.js';

const PACKAGES = docPackages('the picture needs exactly the packages');

const PICTURES: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
  ['tikz-g2-primitive', { expr: 'z = w0 + w1*x1 + w2*x2; p = σ(z); L = BCE(p, y)', at: 'w0=-3, w1=2, w2=-3, x1=-1, x2=-2, y=1', granularity: 'primitive' }],
  ['tikz-g2-fused', { expr: 'z = w0 + w1*x1 + w2*x2; p = σ(z); L = BCE(p, y)', at: 'w0=-3, w1=2, w2=-3, x1=-1, x2=-2, y=1', granularity: 'fused' }],
  ['tikz-g1-standard', { expr: 'z = wx + b; y = σ(z); L = BCE(y, ŷ)', at: 'w=0.5, x=2, b=-1, ŷ=1', granularity: 'standard' }],
];

if (!PDFLATEX) console.warn('\ntikz-packages.test.ts: pdflatex is NOT on PATH — the TikZ compile tests are SKIPPED (.ci/run installs TeX Live)\n');

describe('TikZ pictures and the packages docs/api.md names', () => {
  it('docs/api.md names tikz and amsmath', () => {
    expect([...PACKAGES].sort()).toEqual(['amsmath', 'tikz']);
  });

  it('pdflatex is installed when CI is set', () => {
    if (process.env['CI']) expect(PDFLATEX, 'CI must install pdflatex (.ci/run)').toBe(true);
    else expect(typeof PDFLATEX).toBe('boolean');
  });

  it.skipIf(!PDFLATEX).each(PICTURES.map(([n, r]) => [n, r] as const))('%s compiles with exactly those packages', async (name, req) => {
    const r = (await OPS['graph']!({ ...req, format: 'tikz' })) as { tikz?: string };
    expect(r.tikz).toContain('\\begin{tikzpicture}');
    const c = compile(name, document(`\\noindent\n${r.tikz!}`, PACKAGES, false));
    expect(c.ok, c.log.slice(-3000)).toBe(true);
  }, 120_000);
});
