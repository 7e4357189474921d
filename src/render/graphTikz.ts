// The computational graph as TikZ, at the same layout as the SVG (graphLayout.ts; 40 px = 1 cm,
// y up): inputs as boxes, gates as rounded boxes with their LaTeX label, each edge with its
// forward value above (→ 0.73) and its gradient below (← −0.27). Needs the tikz package (no
// libraries) and amsmath (gate labels use \operatorname, odd values \text) — docs/api.md says so and
// test/render/tikz-packages.test.ts compiles it with exactly those. `graphTikzStandalone` is a whole
// document that needs only Debian's texlive-latex-base, -latex-recommended and -pictures (standalone.cls
// is in the much larger texlive-latex-extra): article with the paper cut to the picture by geometry.
// Deterministic: fixed decimals, ids from the graph.
import { coord, layoutGraph, shortNumber, STUB, type PicGraph } from './graphLayout.js';

const cm = (px: number) => coord(px / 40);

/** A number in math mode. */
const mathNumber = (s: string) => (/^-?[0-9.]+$/.test(s) ? s : `\\text{${s.replace(/[\\{}$&%#_^~]/g, '')}}`);

export function graphTikz(g: PicGraph): string {
  const layout = layoutGraph(g);
  const out: string[] = [];
  out.push('\\begin{tikzpicture}[>=stealth, every node/.style={font=\\small},');
  out.push('  input/.style={draw, rectangle, fill=black!5, minimum size=0.7cm},');
  out.push('  gate/.style={draw, rectangle, rounded corners=0.3cm, minimum size=0.7cm},');
  out.push('  fwd/.style={above, font=\\scriptsize, text=green!45!black},');
  out.push('  bwd/.style={below, font=\\scriptsize, text=red!75!black}]');
  for (const p of layout.nodes.values()) {
    const n = p.node;
    out.push(`\\node[${n.kind === 'input' ? 'input' : 'gate'}] (${n.id}) at (${cm(p.x)},${cm(-p.y)}) {$${n.latexLabel}$};`);
  }
  const backward = new Map(g.backward.map((b) => [b.edge, b]));
  for (const e of g.edges) {
    const b = backward.get(e.id);
    const labels = b ? ` node[pos=0.4, fwd] {$\\rightarrow ${mathNumber(shortNumber(b.forward))}$} node[pos=0.4, bwd] {$\\leftarrow ${mathNumber(shortNumber(b.downstream))}$}` : '';
    out.push(`\\draw[->] (${e.from}.east) --${labels} (${e.to}.west);`);
  }
  const o = layout.nodes.get(g.output);
  if (o) {
    out.push(`\\draw[->] (${o.node.id}.east) -- node[midway, fwd] {$\\rightarrow ${mathNumber(shortNumber(o.node.value))}$} node[midway, bwd] {$\\leftarrow ${mathNumber(shortNumber(o.node.grad))}$} ++(${cm(STUB)},0);`);
  }
  out.push('\\end{tikzpicture}');
  return out.join('\n') + '\n';
}

/** A whole document pdflatex compiles as it is, one page the size of the picture. */
export function graphTikzStandalone(g: PicGraph): string {
  const { width, height } = layoutGraph(g);
  return [
    '\\documentclass{article}',
    `\\usepackage[paperwidth=${cm(width + 40)}cm, paperheight=${cm(height + 40)}cm, margin=0.5cm]{geometry}`,
    '\\usepackage{amsmath}',
    '\\usepackage{tikz}',
    '\\pagestyle{empty}',
    '\\begin{document}',
    '\\noindent',
    graphTikz(g) + '\\end{document}',
    '',
  ].join('\n');
}
