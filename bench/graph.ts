// Graph speed (issue 4): layout + SVG for graphs of ~30, ~120 and ~250 nodes (n-layer scalar
// networks at the primitive granularity), and the graph op (build + forward + backward, checks
// off) on a graph of ~1,000 nodes. Aim from the issue: layout + SVG under 100 ms at 250 nodes.
import { performance } from 'node:perf_hooks';
import { OPS } from '../src/api/ops.js';
import { layoutGraph, type PicGraph } from '../src/render/graphLayout.js';
import { graphSvg } from '../src/render/graphSvg.js';

function network(n: number): { expr: string; at: Record<string, number> } {
  const lines: string[] = [];
  const at: Record<string, number> = { x: 0.5, y: 1 };
  for (let i = 1; i <= n; i++) {
    lines.push(`z${i} = w${i}*${i === 1 ? 'x' : `a${i - 1}`} + b${i}`, `a${i} = σ(z${i})`);
    at[`w_${i}`] = 0.3 + i / 100;
    at[`b_${i}`] = -0.1;
  }
  lines.push(`L = BCE(a${n}, y)`);
  return { expr: lines.join('; '), at };
}

async function time<T>(f: () => Promise<T> | T, reps: number): Promise<{ ms: number; value: T }> {
  let value = await f();
  const t: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    value = await f();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return { ms: t[Math.floor(t.length / 2)]!, value };
}

export async function benchGraph(): Promise<void> {
  console.log('graph: n-layer networks, primitive granularity (median of 5)');
  for (const n of [2, 14, 30, 124]) {
    const { expr, at } = network(n);
    const op = await time(() => OPS['graph']!({ expr, at, granularity: 'primitive', check: false }), 5);
    const g = op.value as unknown as PicGraph & { nodes: unknown[] };
    const pic = await time(() => graphSvg(g), 5);
    const lay = await time(() => layoutGraph(g), 5);
    console.log(`  n = ${String(n).padStart(2)}: ${String(g.nodes.length).padStart(4)} nodes; build + forward + backward ${op.ms.toFixed(1)} ms; layout ${lay.ms.toFixed(1)} ms; layout + SVG ${pic.ms.toFixed(1)} ms (${(pic.value.length / 1024).toFixed(0)} KiB)`);
  }
}
