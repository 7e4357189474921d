// The matrix graph as TikZ, at the SVG's layout (matrixGraph.ts; 52 px = 1 cm, y up: TeX's boxes
// are about three quarters of the SVG's estimate, so the picture stays as dense): each matrix
// a box with its name and shape, its gate and formula, its local gradient, and its forward value
// (→, green) and ∂L/∂ it (←, red) as bmatrix grids when at most 4×4. Needs tikz and amsmath only,
// like the scalar graph's picture (docs/api.md; test/render/tikz-packages.test.ts compiles it).
// Deterministic: fixed decimals, ids from the graph.
import { coord } from './graphLayout.js';
import { cell, edgesOf, layoutMatrixGraph, type Grid, type MatBox, type MatPicGraph } from './matrixGraph.js';
import { STUB } from './graphLayout.js';

const cm = (px: number) => coord(px / 52);
/** A node name TikZ accepts whatever the matrix is called. */
const nodeName = (id: string) => `m-${id.replace(/[^A-Za-z0-9]/g, (c) => `x${c.codePointAt(0)!.toString(16)}`)}`;
/** A shape for LaTeX: 4×2 → 4\times 2. */
const shapeTex = (s: string) => s.replace(/×/g, '\\times ');
/** An entry in math mode: 2 decimals, a minus sign. */
const entry = (v: number | null) => cell(v).replace(/−/g, '-').replace('?', '\\text{?}');

/** A gate's name (σ, ⊙, softmax (each row)) in LaTeX text: its symbols in math mode. */
const GATE_SYMBOLS: Readonly<Record<string, string>> = { σ: '$\\sigma$', '⊙': '$\\odot$', '⊘': '$\\oslash$', '→': '$\\to$' };
function gateTex(gate: string): string {
  return `\\textit{${[...gate.replace(/[\\{}$&%#_^~]/g, '')].map((c) => GATE_SYMBOLS[c] ?? (c.charCodeAt(0) < 128 ? c : '?')).join('')}}`;
}

function bmatrix(g: Grid): string {
  return `\\begin{bmatrix}${g.map((row) => row.map(entry).join(' & ')).join(' \\\\ ')}\\end{bmatrix}`;
}

function boxTex(b: MatBox): string {
  const n = b.node;
  const name = n.kind === 'input' ? n.opLatex : n.id.replace(/^([A-Za-z]+?)_?(\d+)$/, '$1_{$2}');
  const lines = [`$\\boldsymbol{${name}}$ \\ $${shapeTex(n.shape)}${n.size !== n.shape ? `\\ (${shapeTex(n.size)})` : ''}$`];
  if (n.kind !== 'input') lines.push(`${gateTex(n.fused ? 'softmax + CE' : n.gate)}: $${n.opLatex}$`);
  // the softmax rule is two clauses (`each row p of P: …, so ∂L/∂c = …`): one line each
  if (n.localLatex) for (const l of n.localLatex.split('\\text{, so }')) lines.push(`{\\scriptsize $${l}$}`);
  const grids: string[] = [];
  if (n.value) grids.push(`\\color{green!45!black}$\\rightarrow ${bmatrix(n.value)}$`);
  if (n.grad) grids.push(`\\color{red!75!black}$\\leftarrow ${bmatrix(n.grad)}$`);
  if (grids.length) lines.push(`{\\scriptsize ${grids.map((g) => `{${g}}`).join(' \\quad ')}}`);
  return `\\begin{tabular}{@{}c@{}}${lines.join(' \\\\ ')}\\end{tabular}`;
}

export function matrixGraphTikz(g: MatPicGraph): string {
  const layout = layoutMatrixGraph(g);
  const out: string[] = [];
  out.push('\\begin{tikzpicture}[>=stealth, every node/.style={font=\\small},');
  out.push('  input/.style={draw, rectangle, fill=black!5, inner sep=4pt},');
  out.push('  gate/.style={draw, rectangle, rounded corners=6pt, inner sep=4pt},');
  out.push('  fused/.style={gate, fill=orange!8, very thick},');
  out.push('  fwd/.style={above, font=\\scriptsize, text=green!45!black},');
  out.push('  bwd/.style={below, font=\\scriptsize, text=red!75!black}]');
  for (const b of layout.boxes.values()) {
    const style = b.node.kind === 'input' ? 'input' : b.node.fused ? 'fused' : b.node.kind === 'loss' ? 'gate, thick' : 'gate';
    out.push(`\\node[${style}] (${nodeName(b.node.id)}) at (${cm(b.x)},${cm(-b.y)}) {${boxTex(b)}};`);
  }
  for (const e of edgesOf(g)) out.push(`\\draw[->] (${nodeName(e.from)}.east) -- (${nodeName(e.to)}.west);`);
  const o = layout.boxes.get(g.loss);
  const v = o?.node.value?.[0]?.[0];
  if (o && v !== undefined) {
    out.push(`\\draw[->] (${nodeName(o.node.id)}.east) -- node[midway, fwd] {$\\rightarrow ${entry(v)}$} node[midway, bwd] {$\\leftarrow 1$} ++(${cm(STUB)},0);`);
  }
  out.push('\\end{tikzpicture}');
  return out.join('\n') + '\n';
}

/** A whole document pdflatex compiles as it is, one page the size of the picture. */
export function matrixGraphTikzStandalone(g: MatPicGraph): string {
  const { width, height } = layoutMatrixGraph(g);
  return [
    '\\documentclass{article}',
    `\\usepackage[paperwidth=${cm(width + 80)}cm, paperheight=${cm(height + 80)}cm, margin=0.5cm]{geometry}`,
    '\\usepackage{amsmath}',
    '\\usepackage{tikz}',
    '\\pagestyle{empty}',
    '\\begin{document}',
    '\\noindent',
    matrixGraphTikz(g) + '\\end{document}',
    '',
  ].join('\n');
}
