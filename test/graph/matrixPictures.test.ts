// Pictures of matrix graphs (issue 12 item 7): G5 (one sample per row, the fused softmax + CE gate)
// and G4 (one sample per column, σ and BCE) as SVG and TikZ, golden byte for byte
// (test/graph/golden/<name>.svg/.tex; UPDATE_GOLDEN=1 rewrites them). Every box is titled with its
// matrix's name and shape, holds its value and ∂L/∂ grid when at most 4×4 (never beyond), the fused
// gate says P − T; the TikZ document compiles with pdflatex and is rendered to PNG in
// test-artifacts/matrix-graphs/ to be looked at; the CLI draws it with --shapes --format svg|tikz.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { handleLine } from '../../src/api/batch.js';
import { matrixGraphSvg, type MatPicGraph } from '../../src/render/matrixGraph.js';
import { matrixGraphTikz, matrixGraphTikzStandalone } from '../../src/render/matrixGraphTikz.js';
import { runCli } from '../helpers/cli.js';
import { PDFLATEX, PDFTOPPM } from '../render/latexDoc.js';
import { wellFormed } from '../helpers/xml.js';

// biome-ignore lint/suspicious/noExplicitAny: responses are read by path, as in pictures.test.ts
type Json = Record<string, any>;
const HERE = dirname(fileURLToPath(import.meta.url));
const GOLDEN = join(HERE, 'golden');
const ARTIFACTS = join(HERE, '../../test-artifacts/matrix-graphs');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

const G5 = { expr: 'a = X W1 + b1; S = σ(a); c = S W2 + b2; P = softmax(c); L = CE(P, T)', shapes: { X: '4x2', W1: '2x3', b1: '1x3', W2: '3x3', b2: '1x3', T: '4x3' } };
const G4 = { expr: 'a = W1 X + b1; S = σ(a); c = W2 S + b2; P = σ(c); L = BCE(P, T)', shapes: { X: '2×m', W1: '3x2', b1: '3x1', W2: '1x3', b2: '1x1', T: '1×m' } };
const CASES: ReadonlyArray<readonly [string, Json]> = [
  ['g5-matrix-standard', G5],
  ['g5-matrix-primitive', { ...G5, granularity: 'primitive' }],
  ['g4-matrix-standard', G4],
];

async function graph(req: Json): Promise<Json> {
  const r = (await handleLine(JSON.stringify({ op: 'graph', ...req }))) as Json;
  if (!r['ok']) throw new Error(JSON.stringify(r['error']));
  return r;
}

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (UPDATE || !existsSync(file)) {
    if (!UPDATE) throw new Error(`missing golden file ${file}: run UPDATE_GOLDEN=1 npx vitest run test/graph/matrixPictures.test.ts`);
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const title = (n: Json) => `${n.id.replace(/(\d+)$/, (d: string) => [...d].map((c) => '₀₁₂₃₄₅₆₇₈₉'[Number(c)]).join(''))} ${n.shape}${n.size !== n.shape ? ` (${n.size})` : ''}`;

describe('matrix graphs as SVG', () => {
  it.each(CASES)('%s: golden, well-formed, one titled box per matrix with its grids', async (name, req) => {
    const g = await graph({ ...req, format: 'svg' });
    const svg = g['svg'] as string;
    expect(svg).toBe(matrixGraphSvg(g as unknown as MatPicGraph));
    golden(`${name}.svg`, svg);
    const { elements } = wellFormed(svg);
    expect(elements.get('svg')).toBe(1);
    const nodes = g['nodes'] as Json[];
    expect(elements.get('rect')).toBe(nodes.length + 1); // the background and one box each
    for (const n of nodes) expect(svg).toContain(`>${title(n)}</text>`);
    // a caption per grid: the value (→, green) and ∂L/∂ (←, red) of each matrix that has them
    const grids = nodes.reduce((k, n) => k + (n.value ? 1 : 0) + (n.grad ? 1 : 0), 0);
    expect(svg.split('>→ value</text>').length - 1 + (svg.match(/>← ∂L\/∂[^ <]+<\/text>/g) ?? []).length).toBe(grids);
    expect(svg).toContain('→ forward value');
  });

  it('the fused softmax + CE gate says P − T; primitive shows the softmax and CE gates instead', async () => {
    const fused = (await graph({ ...G5, format: 'svg' }))['svg'] as string;
    expect(fused).toContain('softmax → CE: CE(softmax(c), T)');
    expect(fused).toContain('∂L/∂c = P − T');
    const primitive = (await graph({ ...G5, granularity: 'primitive', format: 'svg' }))['svg'] as string;
    expect(primitive).not.toContain('P − T');
    expect(primitive).toContain('softmax (each row): softmax(c)');
    expect(primitive).toContain('so ∂L/∂c = P ⊙ (∂L/∂P − sum(∂L/∂P ⊙ P, cols) 𝟏ᵀ)');
  });

  it('values only when at most 4×4: a 5-sample batch shows the weights’ grids, not the batch’s', async () => {
    const g = await graph({ ...G5, shapes: { ...G5.shapes, X: '5x2', T: '5x3' }, format: 'svg' });
    const svg = g['svg'] as string;
    expect(svg).toContain('>X 5×2</text>');
    expect(svg).toContain('>← ∂L/∂W₁</text>');
    expect(svg).not.toContain('>← ∂L/∂X</text>');
    expect(svg).not.toContain('>← ∂L/∂a</text>');
  });

  it('given values are drawn as given (2 decimals, a minus sign)', async () => {
    const values = {
      X: [[1, -2]],
      W1: [
        [0.125, 0.2, 0.3],
        [0.4, 0.5, 0.6],
      ],
      b1: [[0, 0, 0]],
      W2: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
      b2: [[0, 0, 0]],
      T: [[0, 1, 0]],
    };
    const svg = (await graph({ ...G5, shapes: { ...G5.shapes, X: 'm×2', T: 'm×3' }, values, format: 'svg' }))['svg'] as string;
    expect(svg).toContain('>X m×2 (1×2)</text>');
    for (const v of ['>1</text>', '>−2</text>', '>0.13</text>']) expect(svg).toContain(v);
  });

  it('same input, byte-identical output', async () => {
    expect((await graph({ ...G5, format: 'svg' }))['svg']).toBe((await graph({ ...G5, format: 'svg' }))['svg']);
  });
});

describe('matrix graphs as TikZ', () => {
  it.each(CASES)('%s: golden document', async (name, req) => {
    const g = await graph({ ...req, format: 'tikz' });
    expect(g['tikz']).toBe(matrixGraphTikz(g as unknown as MatPicGraph));
    const doc = matrixGraphTikzStandalone(g as unknown as MatPicGraph);
    expect(doc).toContain(g['tikz']);
    golden(`${name}.tex`, doc);
  });

  it.skipIf(!PDFLATEX).each(CASES)(
    '%s: compiles with pdflatex (PNG in test-artifacts/matrix-graphs)',
    (name) => {
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, `${name}.tex`), readFileSync(join(GOLDEN, `${name}.tex`), 'utf8'));
      execFileSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', `${name}.tex`], { cwd: ARTIFACTS, stdio: 'pipe', timeout: 60_000 });
      expect(readFileSync(join(ARTIFACTS, `${name}.pdf`)).length).toBeGreaterThan(1000);
      if (PDFTOPPM) execFileSync('pdftoppm', ['-png', '-r', '90', '-singlefile', `${name}.pdf`, name], { cwd: ARTIFACTS, stdio: 'pipe', timeout: 60_000 });
    },
    120_000,
  );
});

describe('the CLI draws them', () => {
  it.each(['svg', 'tikz'])('graph --shapes … --format %s', async (format) => {
    const r = await runCli(['graph', G5.expr, '--shapes', 'X: 4x2, W1: 2x3, b1: 1x3, W2: 3x3, b2: 1x3, T: 4x3', '--format', format]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(format === 'svg' ? '<svg ' : '\\begin{tikzpicture}')).toBe(true);
    expect(r.stdout).toContain(format === 'svg' ? '∂L/∂c = P − T' : '\\partial L/\\partial c = P - T');
  });
});
