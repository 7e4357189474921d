// The computational graph as SVG in the style of the classic backprop diagrams (issue 4 item 5):
// inputs as boxes, gates as ellipses with their label (×, +, σ, 1/x), one arrow per edge with the
// forward value above it ("→ 0.73", green) and the gradient it carries back below it ("← −0.27",
// red). The arrows → and ← say which is which without colour, for print and colour-blind readers.
// Deterministic: fixed decimals, ids from the graph, no randomness — same input, same bytes.
import { coord, layoutGraph, shortNumber, STUB, type Layout, type PicGraph, type PlacedNode } from './graphLayout.js';

export const FORWARD_COLOUR = '#1a7f37';
export const BACKWARD_COLOUR = '#c62828';

/** Escape text for XML content and attribute values. */
export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Unicode minus for negative numbers in pictures. */
const minus = (s: string) => s.replace(/^-/, '−');

export interface SvgOptions {
  /** the backward pass up to here: this edge highlighted, gradients shown only on it and the edges before it in backward order */
  readonly frame?: number;
}

/** Where an edge leaves its source and meets its target (on the boxes' left/right sides). */
function ends(a: PlacedNode, b: PlacedNode): { x1: number; y1: number; x2: number; y2: number } {
  return { x1: a.x + a.hw, y1: a.y, x2: b.x - b.hw, y2: b.y };
}

export function graphSvg(g: PicGraph, opts: SvgOptions = {}): string {
  const layout: Layout = layoutGraph(g);
  const out: string[] = [];
  const w = coord(layout.width);
  const h = coord(layout.height);
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="DejaVu Sans, Arial, sans-serif" font-size="13">`);
  out.push('<defs>');
  out.push('<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker>');
  out.push('</defs>');
  out.push(`<rect x="0" y="0" width="${w}" height="${h}" fill="#ffffff"/>`);
  const legendY = coord(layout.height - 12);
  out.push(`<text x="${coord(12)}" y="${legendY}" font-size="11" fill="${FORWARD_COLOUR}">→ forward value (above an edge)</text>`);
  out.push(`<text x="${coord(230)}" y="${legendY}" font-size="11" fill="${BACKWARD_COLOUR}">← gradient of the output (below an edge)</text>`);
  const backward = new Map(g.backward.map((b, i) => [b.edge, { b, i }]));
  const current = opts.frame === undefined ? undefined : g.backward[opts.frame]?.edge;
  for (const e of g.edges) {
    const a = layout.nodes.get(e.from)!;
    const b = layout.nodes.get(e.to)!;
    const { x1, y1, x2, y2 } = ends(a, b);
    const bw = backward.get(e.id);
    const hot = e.id === current;
    out.push(`<g id="${xmlEscape(e.id)}">`);
    out.push(`<line x1="${coord(x1)}" y1="${coord(y1)}" x2="${coord(x2)}" y2="${coord(y2)}" stroke="${hot ? BACKWARD_COLOUR : '#333'}" stroke-width="${hot ? 3 : 1.2}" marker-end="url(#arrow)"/>`);
    // labels near the source end, where fan-in edges are still apart
    const t = 0.4;
    const mx = x1 + (x2 - x1) * t;
    const my = y1 + (y2 - y1) * t;
    if (bw) {
      out.push(`<text x="${coord(mx)}" y="${coord(my - 5)}" text-anchor="middle" fill="${FORWARD_COLOUR}">${xmlEscape(`→ ${minus(shortNumber(bw.b.forward))}`)}</text>`);
      const shown = opts.frame === undefined || bw.i <= opts.frame;
      if (shown) out.push(`<text x="${coord(mx)}" y="${coord(my + 15)}" text-anchor="middle" fill="${BACKWARD_COLOUR}"${hot ? ' font-weight="bold"' : ''}>${xmlEscape(`← ${minus(shortNumber(bw.b.downstream))}`)}</text>`);
    }
    out.push('</g>');
  }
  for (const p of layout.nodes.values()) {
    const n = p.node;
    out.push(`<g id="${xmlEscape(n.id)}">`);
    if (n.kind === 'input') out.push(`<rect x="${coord(p.x - p.hw)}" y="${coord(p.y - p.hh)}" width="${coord(2 * p.hw)}" height="${coord(2 * p.hh)}" fill="#f3f3f3" stroke="#333"/>`);
    else out.push(`<ellipse cx="${coord(p.x)}" cy="${coord(p.y)}" rx="${coord(p.hw)}" ry="${coord(p.hh)}" fill="#ffffff" stroke="#333"/>`);
    out.push(`<text x="${coord(p.x)}" y="${coord(p.y + 4.5)}" text-anchor="middle">${xmlEscape(n.label)}</text>`);
    out.push('</g>');
  }
  // the output: its value, and ∂output/∂output = 1 where the backward pass starts
  const o = layout.nodes.get(g.output);
  if (o) {
    const x1 = o.x + o.hw;
    const x2 = x1 + STUB;
    const mx = (x1 + x2) / 2;
    out.push(`<g id="output">`);
    out.push(`<line x1="${coord(x1)}" y1="${coord(o.y)}" x2="${coord(x2)}" y2="${coord(o.y)}" stroke="#333" stroke-width="1.2" marker-end="url(#arrow)"/>`);
    out.push(`<text x="${coord(mx)}" y="${coord(o.y - 5)}" text-anchor="middle" fill="${FORWARD_COLOUR}">${xmlEscape(`→ ${minus(shortNumber(o.node.value))}`)}</text>`);
    out.push(`<text x="${coord(mx)}" y="${coord(o.y + 15)}" text-anchor="middle" fill="${BACKWARD_COLOUR}">${xmlEscape(`← ${minus(shortNumber(o.node.grad))}`)}</text>`);
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/** The backward pass as frames: one per edge in reverse topological order, the current edge highlighted. */
export function graphSvgFrames(g: PicGraph): string[] {
  return g.backward.map((_, i) => graphSvg(g, { frame: i }));
}
