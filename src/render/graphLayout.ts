// The layout of a computational graph, shared by the SVG and TikZ pictures (issue 4 item 5):
// dagre (@dagrejs/dagre, the maintained Sugiyama-style layered layout in pure JS: ranks, crossing
// reduction, coordinate assignment) left to right. Deterministic: dagre has no randomness and is
// fed nodes and edges in topological order. Input is the `graph` op's JSON (nodes, edges,
// backward), so a picture shows exactly what the batch protocol returns.
import dagre from '@dagrejs/dagre';

/** A value as the graph op returns it. */
export interface PicValue {
  readonly value: number | string;
  readonly exact?: string;
}

export interface PicNode {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly label: string;
  readonly latexLabel: string;
  readonly rank: number;
  readonly value: number | string;
  readonly grad: PicValue;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

export interface PicEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
}

export interface PicBackward {
  readonly edge: string;
  readonly forward: PicValue;
  readonly downstream: PicValue;
}

/** The part of the graph op's response a picture needs. */
export interface PicGraph {
  readonly output: string;
  readonly nodes: readonly PicNode[];
  readonly edges: readonly PicEdge[];
  readonly backward: readonly PicBackward[];
}

export interface PlacedNode {
  readonly node: PicNode;
  readonly x: number;
  readonly y: number;
  /** half the width and half the height of its box (or ellipse) */
  readonly hw: number;
  readonly hh: number;
}

export interface Layout {
  readonly nodes: ReadonlyMap<string, PlacedNode>;
  readonly width: number;
  readonly height: number;
}

/** Column and row spacing and the margin, in SVG user units (px). */
export const DX = 150;
export const DY = 64;
export const MARGIN = 40;
/** The output's stub (its value and ∂output/∂output = 1), to the right of it. */
export const STUB = 70;

/** Approximate width of a label at 13px: code points × 7.5. */
export function labelWidth(s: string): number {
  return [...s].length * 7.5;
}

export function layoutGraph(g: PicGraph): Layout {
  const dg = new dagre.graphlib.Graph({ multigraph: true });
  // ranksep leaves room for the value/gradient labels on the edges; nodesep for two label lines
  dg.setGraph({ rankdir: 'LR', ranksep: DX - 60, nodesep: DY - 32, marginx: MARGIN, marginy: MARGIN });
  dg.setDefaultEdgeLabel(() => ({}));
  const size = new Map<string, { hw: number; hh: number }>();
  for (const n of g.nodes) {
    const hw = Math.max(20, labelWidth(n.label) / 2 + 10);
    size.set(n.id, { hw, hh: 16 });
    dg.setNode(n.id, { width: 2 * hw, height: 32 });
  }
  // each edge once, by id: x·x keeps both of its edges (a multigraph)
  for (const e of g.edges) dg.setEdge(e.from, e.to, { minlen: 1 }, e.id);
  dagre.layout(dg);
  const placed = new Map<string, PlacedNode>();
  let maxX = 0;
  let maxY = 0;
  for (const n of g.nodes) {
    const p = dg.node(n.id) as { x: number; y: number };
    const { hw, hh } = size.get(n.id)!;
    // rounded to 1/10 px so the SVG and TikZ text is byte-stable across platforms
    const x = Math.round(p.x * 10) / 10;
    const y = Math.round(p.y * 10) / 10;
    placed.set(n.id, { node: n, x, y, hw, hh });
    maxX = Math.max(maxX, x + hw);
    maxY = Math.max(maxY, y + hh);
  }
  return { nodes: placed, width: Math.ceil(maxX + MARGIN + STUB), height: Math.ceil(maxY + MARGIN) };
}

/** A number for a picture: 2 decimals as in the classic diagrams (0.73, −0.27), exact integers as they are. */
export function shortNumber(v: PicValue | number | string): string {
  const x = typeof v === 'object' ? v.value : v;
  if (typeof x !== 'number') return String(x);
  const r = Number(x.toFixed(2));
  return String(Object.is(r, -0) ? 0 : r);
}

/** Coordinates with fixed decimals, so the same input gives byte-identical output. */
export function coord(x: number): string {
  const s = x.toFixed(2).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}
