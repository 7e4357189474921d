// Golden pictures of G2 at each granularity (issue 4 item 5): the SVG and the TikZ document are
// compared byte for byte with test/graph/golden/g2-<granularity>.svg/.tex (UPDATE_GOLDEN=1 rewrites
// them: `npm run golden:pictures`). The SVG must be well-formed XML and not blank; the TikZ must
// compile with pdflatex when it is on PATH (CI installs TeX Live), else that test is skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { handleLine } from '../../src/api/batch.js';
import { graphSvg, graphSvgFrames, xmlEscape } from '../../src/render/graphSvg.js';
import { graphTikz, graphTikzStandalone } from '../../src/render/graphTikz.js';
import type { PicGraph } from '../../src/render/graphLayout.js';
import { wellFormed } from '../helpers/xml.js';

type Json = Record<string, any>;
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const G2 = 'z = w0 + w1*x1 + w2*x2; p = σ(z); L = BCE(p, y)';
const G2_AT = 'w0=-3, w1=2, w2=-3, x1=-1, x2=-2, y=1';
const GRANS = ['primitive', 'standard', 'fused'] as const;

async function graph(granularity: string, extra: Json = {}): Promise<Json> {
  const r = (await handleLine(JSON.stringify({ op: 'graph', expr: G2, at: G2_AT, granularity, ...extra }))) as Json;
  if (!r['ok']) throw new Error(JSON.stringify(r['error']));
  return r;
}

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (UPDATE || !existsSync(file)) {
    if (!UPDATE) throw new Error(`missing golden file ${file}: run UPDATE_GOLDEN=1 npx vitest run test/graph/pictures.test.ts`);
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('pictures of G2', () => {
  it.each(GRANS)('%s: golden SVG, well-formed and not blank', async (gran) => {
    const g = await graph(gran, { format: 'svg' });
    const svg = g['svg'] as string;
    expect(svg).toBe(graphSvg(g as unknown as PicGraph));
    golden(`g2-${gran}.svg`, svg);
    const { elements } = wellFormed(svg);
    expect(elements.get('svg')).toBe(1);
    // one label per node, two per edge (value and gradient), the legend and the output's stub
    const nodes = (g['nodes'] as Json[]).length;
    const edges = (g['edges'] as Json[]).length;
    expect(elements.get('text')).toBe(nodes + 2 * edges + 2 + 2);
    expect(elements.get('line')).toBe(edges + 1);
    // text markers as well as colour
    if (gran !== 'fused') expect(svg).toContain('→ 0.73'); // σ is inside the fused gate
    expect(svg).toContain('← −0.27');
  });

  it.each(GRANS)('%s: golden TikZ document', async (gran) => {
    const g = await graph(gran, { format: 'tikz' });
    expect(g['tikz']).toBe(graphTikz(g as unknown as PicGraph));
    const doc = graphTikzStandalone(g as unknown as PicGraph);
    expect(doc).toContain(g['tikz']);
    golden(`g2-${gran}.tex`, doc);
  });

  it('same input, byte-identical output', async () => {
    const a = await graph('primitive', { format: 'svg' });
    const b = await graph('primitive', { format: 'svg' });
    expect(a['svg']).toBe(b['svg']);
  });

  it('the backward pass as frames: one per edge, the current edge highlighted', async () => {
    const g = await graph('standard', { frames: true });
    const frames = g['frames'] as string[];
    expect(frames).toEqual(graphSvgFrames(g as unknown as PicGraph));
    expect(frames.length).toBe((g['backward'] as Json[]).length);
    for (const f of frames) wellFormed(f);
    // the first frame shows one gradient on the edges, the last all of them
    const grads = (s: string) => (s.match(/font-weight="bold"/g) ?? []).length;
    expect(grads(frames[0]!)).toBe(1);
    expect(frames[0]!.split('← ').length).toBeLessThan(frames.at(-1)!.split('← ').length);
  });

  it('escapes text for XML', () => {
    expect(xmlEscape(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
  });

  it('rejects an unknown format', async () => {
    const r = (await handleLine(JSON.stringify({ op: 'graph', expr: G2, at: G2_AT, format: 'png' }))) as Json;
    expect(r['ok']).toBe(false);
  });

  const pdflatex = spawnSync('which', ['pdflatex']).status === 0;
  if (!pdflatex) console.warn('pictures.test.ts: pdflatex is not on PATH; the TikZ compile test is skipped (CI installs TeX Live)');
  it.skipIf(!pdflatex).each(GRANS)('%s: the TikZ document compiles with pdflatex', (gran) => {
    const dir = mkdtempSync(join(tmpdir(), 'chainrule-tikz-'));
    try {
      writeFileSync(join(dir, 'g.tex'), readFileSync(join(GOLDEN, `g2-${gran}.tex`), 'utf8'));
      execFileSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'g.tex'], { cwd: dir, stdio: 'pipe', timeout: 60_000 });
      expect(readFileSync(join(dir, 'g.pdf')).length).toBeGreaterThan(1000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
