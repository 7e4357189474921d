// Deck 004's network in the slide's scalar form (definitions by index), timed (part of `npm run
// bench`; not a test). ∂L/∂w₁₁⁽¹⁾: derive alone, its checks, and the derive op (parse, derive,
// checks, JSON) — against the previous path, the same network written out component by component
// (s1 = σ(w11 x1 + w12 x2); …; y1 = e^h1/(e^h1 + e^h2 + e^h3); …) through the scalar chain.
// The aim in issue 12: under 100 ms per derive op. CPU time beside wall time (the machine is shared).
import { performance } from 'node:perf_hooks';
import { runOp } from '../src/api/run.js';
import { checkDerivation } from '../src/check/index.js';
import { deriveIndexed } from '../src/derive/indexedChain.js';
import { parseTextProgram } from '../src/parse/text.js';

export const NETWORK = 's_i = σ(Σ_{k=1}^{2} w_ik x_k); h_j = σ(Σ_{i=1}^{3} v_ji s_i); y_j = softmax(h_j); L = -Σ_{j=1}^{3} t_j log y_j';

/** The same network written out component by component (the path before definitions by index). */
export function writtenOut(): string {
  const defs: string[] = [];
  for (let i = 1; i <= 3; i++) defs.push(`s${i} = σ(w${i}1 x1 + w${i}2 x2)`);
  for (let j = 1; j <= 3; j++) defs.push(`h${j} = σ(v${j}1 s1 + v${j}2 s2 + v${j}3 s3)`);
  for (let j = 1; j <= 3; j++) defs.push(`y${j} = e^h${j}/(e^h1 + e^h2 + e^h3)`);
  defs.push('L = -(t1 log y1 + t2 log y2 + t3 log y3)');
  return defs.join('; ');
}

/** Median wall and CPU milliseconds per call over `rounds` calls, after one warm-up call. */
async function timed(f: () => unknown, rounds = 9): Promise<{ wall: number; cpu: number }> {
  await f();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await f();
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { wall: med(wall), cpu: med(cpu) };
}

const fmt = (x: { wall: number; cpu: number }) => `${x.wall.toFixed(1)} ms wall, ${x.cpu.toFixed(1)} ms CPU`;

/** The aim of issue 12 for the derive op on deck 004's scalar network. */
const AIM_MS = 100;

export async function benchIndexed(): Promise<void> {
  console.log("deck 004's network by index, ∂L/∂w_11 (median of 9 after a warm-up)");
  const defs = parseTextProgram(NETWORK).program.definitions;
  const d = deriveIndexed(defs, 'w_11', 'L');
  const derive = await timed(() => deriveIndexed(defs, 'w_11', 'L'));
  const check = await timed(() => checkDerivation(d), 5);
  const opNoCheck = await timed(() => runOp('derive', { expr: NETWORK, wrt: 'w_11', check: false }));
  const op = await timed(() => runOp('derive', { expr: NETWORK, wrt: 'w_11' }), 5);
  const size = JSON.stringify(await runOp('derive', { expr: NETWORK, wrt: 'w_11', steps: 'none', check: false })).length;
  console.log(`  derive ${fmt(derive)}; checks of its ${d.steps.length} steps ${fmt(check)}`);
  console.log(`  derive op without checks ${fmt(opNoCheck)} (aim ${AIM_MS} ms: ${opNoCheck.cpu <= AIM_MS ? 'met' : 'not met'}); with checks ${fmt(op)}; result-only response ${size} B`);
  const old = writtenOut();
  const before = await timed(() => runOp('derive', { expr: old, wrt: 'w11', check: false }), 1);
  const oldSize = JSON.stringify(await runOp('derive', { expr: old, wrt: 'w11', steps: 'none', check: false })).length;
  console.log(`  the previous path (written out component by component, scalar chain): ${fmt(before)} without checks, result-only response ${oldSize} B; ratio ${(before.cpu / opNoCheck.cpu).toFixed(0)}×`);
}
