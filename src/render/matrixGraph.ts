// The matrix graph (`graph` with `shapes`, src/tensor/graph.ts) as a picture, the layout shared by
// the SVG here and the TikZ in matrixGraphTikz.ts: one box per matrix, titled with its name and
// shape (`X 4×2`), its gate and formula, the gate's local gradient (σ, softmax, the fused softmax +
// CE gate with P − T), and — when at most 4×4 and known — its forward value (→, green) and ∂L/∂ it
// (←, red) as grids, as the scalar graph writes values on its edges. Laid out left to right by
// dagre as graphLayout.ts does; deterministic: fixed decimals, ids from the graph.
import dagre from '@dagrejs/dagre';
import { GREEK, toSubscriptDigits } from '../ast/names.js';
import { BACKWARD_COLOUR, FORWARD_COLOUR, xmlEscape } from './graphSvg.js';
import { coord, MARGIN, STUB } from './graphLayout.js';

export type Grid = readonly (readonly (number | null)[])[];

/** The part of the matrix graph response a picture needs. */
export interface MatPicNode {
  readonly id: string;
  readonly kind: 'input' | 'op' | 'loss';
  readonly op: string;
  readonly opLatex: string;
  readonly gate: string;
  readonly local?: string;
  readonly localLatex?: string;
  readonly shape: string;
  readonly size: string;
  readonly inputs: readonly string[];
  readonly value?: Grid;
  readonly grad?: Grid;
  readonly fused?: unknown;
}
export interface MatPicGraph {
  readonly loss: string;
  readonly nodes: readonly MatPicNode[];
}

/** A node's box: its text lines (Unicode) and grids, and its size in px at 13 px type. */
export interface MatBox {
  readonly node: MatPicNode;
  readonly title: string;
  /** the gate and formula (ops only) */
  readonly gate?: string;
  /** the local gradient, cut into lines at its clauses */
  readonly local: readonly string[];
  readonly value?: readonly (readonly string[])[];
  readonly grad?: readonly (readonly string[])[];
  readonly x: number;
  readonly y: number;
  readonly hw: number;
  readonly hh: number;
}
export interface MatLayout {
  readonly boxes: ReadonlyMap<string, MatBox>;
  readonly width: number;
  readonly height: number;
}

export const LINE = 17;
const CHAR = 7.2;
const SMALL_CHAR = 6.2;
/** One grid cell: up to 6 characters of 11 px type, and the gap after it. */
export const CELL = 44;
const PAD = 8;

/** W1 → W₁, beta → β: a matrix name as the Unicode printer writes it. */
export function unicodeMat(name: string): string {
  const m = /^([A-Za-z]+?)_?(\d+)$/.exec(name);
  const [base, sub] = m ? [m[1]!, m[2]!] : [name, ''];
  return (GREEK[base] ?? base) + (sub ? (toSubscriptDigits(sub) ?? `_${sub}`) : '');
}

/** A matrix's title: its name and shape, the instantiated size beside a symbolic shape. */
export function titleOf(n: MatPicNode): string {
  return `${unicodeMat(n.id)} ${n.shape}${n.size !== n.shape ? ` (${n.size})` : ''}`;
}

/** An entry as a picture writes it: 2 decimals (0.73, −0.27), Unicode minus. */
export function cell(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '?';
  const r = Number(v.toFixed(2));
  return String(Object.is(r, -0) ? 0 : r).replace(/^-/, '−');
}

const cells = (g: Grid | undefined) => g?.map((row) => row.map(cell));
const gridWidth = (g: readonly (readonly string[])[] | undefined) => (g ? (g[0]?.length ?? 0) * CELL + 2 * PAD : 0);

/** The local gradient in lines: `each row p of P: …, so ∂L/∂c = …` is two. */
export function localLines(s: string | undefined): string[] {
  return s ? s.split(/(?<=,) (?=so )/) : [];
}

export function layoutMatrixGraph(g: MatPicGraph): MatLayout {
  const dg = new dagre.graphlib.Graph({ multigraph: true });
  dg.setGraph({ rankdir: 'LR', ranksep: 70, nodesep: 26, marginx: MARGIN, marginy: MARGIN });
  dg.setDefaultEdgeLabel(() => ({}));
  const sized = new Map<string, Omit<MatBox, 'x' | 'y'>>();
  for (const n of g.nodes) {
    const title = titleOf(n);
    const gate = n.kind === 'input' ? undefined : n.fused ? n.op : `${n.gate}: ${n.op}`;
    const local = localLines(n.local);
    const value = cells(n.value);
    const grad = cells(n.grad);
    const rows = Math.max(value?.length ?? 0, grad?.length ?? 0);
    const width =
      Math.max(
        [...title].length * CHAR,
        gate ? [...gate].length * CHAR : 0,
        ...local.map((l) => [...l].length * SMALL_CHAR),
        gridWidth(value) + gridWidth(grad) + (value && grad ? 12 : 0),
        60,
      ) +
      2 * PAD;
    const lines = 1 + (gate ? 1 : 0) + local.length;
    const height = lines * LINE + (rows ? (rows + 1) * LINE : 0) + 2 * PAD;
    sized.set(n.id, { node: n, title, ...(gate ? { gate } : {}), local, ...(value ? { value } : {}), ...(grad ? { grad } : {}), hw: width / 2, hh: height / 2 });
    dg.setNode(n.id, { width, height });
  }
  const known = new Set(g.nodes.map((n) => n.id));
  for (const n of g.nodes) for (const i of new Set(n.inputs)) if (known.has(i)) dg.setEdge(i, n.id, { minlen: 1 }, `${i}->${n.id}`);
  dagre.layout(dg);
  const boxes = new Map<string, MatBox>();
  let maxX = 0;
  let maxY = 0;
  for (const n of g.nodes) {
    const p = dg.node(n.id) as { x: number; y: number };
    const b = sized.get(n.id)!;
    const x = Math.round(p.x * 10) / 10;
    const y = Math.round(p.y * 10) / 10;
    boxes.set(n.id, { ...b, x, y });
    maxX = Math.max(maxX, x + b.hw);
    maxY = Math.max(maxY, y + b.hh);
  }
  // room for the loss's stub and the legend line under the picture
  return { boxes, width: Math.ceil(maxX + MARGIN + STUB), height: Math.ceil(maxY + MARGIN + 10) };
}

/** The edges of the picture: each input of a node once, from the input's box to the node's. */
export function edgesOf(g: MatPicGraph): { from: string; to: string }[] {
  const known = new Set(g.nodes.map((n) => n.id));
  return g.nodes.flatMap((n) => [...new Set(n.inputs)].filter((i) => known.has(i)).map((i) => ({ from: i, to: n.id })));
}

/** The SVG picture. */
export function matrixGraphSvg(g: MatPicGraph): string {
  const layout = layoutMatrixGraph(g);
  const out: string[] = [];
  const w = coord(layout.width);
  const h = coord(layout.height);
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="DejaVu Sans, Arial, sans-serif" font-size="13">`);
  out.push(
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>',
  );
  out.push(`<rect x="0" y="0" width="${w}" height="${h}" fill="#ffffff"/>`);
  const legendY = coord(layout.height - 12);
  out.push(`<text x="12" y="${legendY}" font-size="11" fill="${FORWARD_COLOUR}">→ forward value</text>`);
  out.push(`<text x="130" y="${legendY}" font-size="11" fill="${BACKWARD_COLOUR}">← ∂${xmlEscape(unicodeMat(g.loss))}/∂ the box's matrix: its gradient, of the same shape</text>`);
  for (const e of edgesOf(g)) {
    const a = layout.boxes.get(e.from)!;
    const b = layout.boxes.get(e.to)!;
    out.push(`<line x1="${coord(a.x + a.hw)}" y1="${coord(a.y)}" x2="${coord(b.x - b.hw)}" y2="${coord(b.y)}" stroke="#333" stroke-width="1.2" marker-end="url(#arrow)"/>`);
  }
  for (const b of layout.boxes.values()) out.push(...boxSvg(b));
  const o = layout.boxes.get(g.loss);
  const v = o?.node.value?.[0]?.[0];
  if (o && v !== undefined) {
    const x1 = o.x + o.hw;
    const mx = x1 + STUB / 2;
    out.push('<g id="output">');
    out.push(`<line x1="${coord(x1)}" y1="${coord(o.y)}" x2="${coord(x1 + STUB)}" y2="${coord(o.y)}" stroke="#333" stroke-width="1.2" marker-end="url(#arrow)"/>`);
    out.push(`<text x="${coord(mx)}" y="${coord(o.y - 5)}" text-anchor="middle" fill="${FORWARD_COLOUR}">→ ${cell(v)}</text>`);
    out.push(`<text x="${coord(mx)}" y="${coord(o.y + 15)}" text-anchor="middle" fill="${BACKWARD_COLOUR}">← 1</text>`);
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function boxSvg(b: MatBox): string[] {
  const n = b.node;
  const out = [`<g id="${xmlEscape(n.id)}">`];
  const [left, top] = [b.x - b.hw, b.y - b.hh];
  const fill = n.kind === 'input' ? '#f3f3f3' : n.fused ? '#fff8e1' : '#ffffff';
  out.push(
    `<rect x="${coord(left)}" y="${coord(top)}" width="${coord(2 * b.hw)}" height="${coord(2 * b.hh)}" rx="${n.kind === 'input' ? 0 : 10}" fill="${fill}" stroke="#333"${n.kind === 'loss' ? ' stroke-width="2"' : ''}/>`,
  );
  let y = top + PAD + 13;
  const text = (s: string, extra = '') => {
    out.push(`<text x="${coord(b.x)}" y="${coord(y)}" text-anchor="middle"${extra}>${xmlEscape(s)}</text>`);
    y += LINE;
  };
  text(b.title, ' font-weight="bold"');
  if (b.gate) text(b.gate);
  for (const l of b.local) text(l, ' font-size="11" font-style="italic"');
  if (b.value || b.grad) {
    const gw = (g: readonly (readonly string[])[] | undefined) => gridWidth(g);
    const total = gw(b.value) + gw(b.grad) + (b.value && b.grad ? 12 : 0);
    let x = b.x - total / 2;
    for (const [g, colour, arrow] of [
      [b.value, FORWARD_COLOUR, '→ value'],
      [b.grad, BACKWARD_COLOUR, `← ∂L/∂${unicodeMat(n.id)}`],
    ] as const) {
      if (!g) continue;
      out.push(...gridSvg(g, x, y, colour, arrow));
      x += gw(g) + 12;
    }
  }
  out.push('</g>');
  return out;
}

/** A grid of entries in brackets, right-aligned columns, its caption above it. */
function gridSvg(g: readonly (readonly string[])[], x: number, y: number, colour: string, caption: string): string[] {
  const w = gridWidth(g);
  const out = [`<text x="${coord(x + w / 2)}" y="${coord(y)}" text-anchor="middle" font-size="11" fill="${colour}">${xmlEscape(caption)}</text>`];
  const top = y + 5;
  const bottom = top + g.length * LINE;
  out.push(
    `<path d="M${coord(x + 4)},${coord(top)} h-4 v${coord(bottom - top)} h4 M${coord(x + w - 4)},${coord(top)} h4 v${coord(bottom - top)} h-4" fill="none" stroke="${colour}"/>`,
  );
  g.forEach((row, i) => {
    row.forEach((c, j) => {
      out.push(`<text x="${coord(x + PAD + (j + 1) * CELL - 6)}" y="${coord(top + (i + 1) * LINE - 4)}" text-anchor="end" font-size="11" fill="${colour}">${xmlEscape(c)}</text>`);
    });
  });
  return out;
}
