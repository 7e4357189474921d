// A deterministic layered layout of a computational graph, shared by the SVG and TikZ pictures
// (issue 4 item 5): rank = column (longest path from an input, computed by src/graph), order in a
// column by one barycentre pass (the mean row of a node's sources, ties by topological order), each
// column centred vertically. Input is the `graph` op's JSON (nodes, edges, backward), so a picture
// shows exactly what the batch protocol returns. No layout library: see docs/dependencies.md.

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
  const topo = new Map(g.nodes.map((n, i) => [n.id, i]));
  const edgeById = new Map(g.edges.map((e) => [e.id, e]));
  const columns: PicNode[][] = [];
  for (const n of g.nodes) (columns[n.rank] ??= []).push(n);
  const row = new Map<string, number>();
  for (let c = 0; c < columns.length; c++) {
    const col = columns[c] ?? [];
    const key = (n: PicNode): number => {
      if (c === 0 || n.inputs.length === 0) return topo.get(n.id)!;
      const rows = n.inputs.map((e) => row.get(edgeById.get(e)!.from) ?? 0);
      return rows.reduce((a, b) => a + b, 0) / rows.length;
    };
    const keyed = col.map((n) => ({ n, k: key(n), t: topo.get(n.id)! }));
    // inputs that feed later columns only: place them by topological order among the rest
    keyed.sort((a, b) => a.k - b.k || a.t - b.t);
    keyed.forEach((x, i) => row.set(x.n.id, i));
    columns[c] = keyed.map((x) => x.n);
  }
  const maxRows = Math.max(1, ...columns.map((c) => (c ?? []).length));
  const placed = new Map<string, PlacedNode>();
  let maxW = 0;
  for (let c = 0; c < columns.length; c++) {
    const col = columns[c] ?? [];
    col.forEach((n, i) => {
      const hw = Math.max(20, labelWidth(n.label) / 2 + 10);
      maxW = Math.max(maxW, hw);
      placed.set(n.id, { node: n, x: MARGIN + 30 + c * DX, y: MARGIN + (i + (maxRows - col.length) / 2) * DY + DY / 2, hw, hh: 16 });
    });
  }
  return { nodes: placed, width: MARGIN * 2 + 60 + (columns.length - 1) * DX + STUB + maxW, height: MARGIN * 2 + maxRows * DY };
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
