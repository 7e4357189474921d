// Matrix derivations, timed (part of `npm run bench`; not a test: nothing here fails CI). G4 (one
// sample per column) and G5 (one sample per row) with every gradient and its checks at m = 1 and
// m = 4, and a 10-layer network's gradients. The aim in issue 12 is under 50 ms for G4 and G5 each.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { checkMatrixSteps, deriveAll, deriveMatrices, deriveMatrix, gradient, parseShapes, readMatrices } from '../src/tensor/index.js';

/** Median time per call in milliseconds over `rounds` calls, after one warm-up call. */
function time(f: () => void, rounds = 9): number {
  f();
  const per: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    f();
    per.push(performance.now() - t);
  }
  per.sort((a, b) => a - b);
  return per[Math.floor(per.length / 2)]!;
}

const G5 = {
  given: 'a = X W1 + b1; S = σ(a); c = S W2 + b2; P = softmax(c); L = CE(P, T)',
  shapes: { X: 'm×2', W1: '2x3', b1: '1x3', W2: '3x3', b2: '1x3', T: 'm×3' },
};
const G4 = {
  given: 'a = W1 X + b1; S = σ(a); c = W2 S + b2; P = σ(c); L = BCE(P, T)',
  shapes: { X: '2×m', W1: '3x2', b1: '3x1', W2: '1x3', b2: '1x1', T: '1×m' },
};

function network(layers: number, width: number): { given: string; shapes: Record<string, string> } {
  const defs: string[] = [];
  const shapes: Record<string, string> = { X: `m×${width}`, T: `m×${width}` };
  for (let k = 1; k <= layers; k++) {
    defs.push(`a${k} = ${k === 1 ? 'X' : `S${k - 1}`} W${k} + b${k}`);
    if (k < layers) defs.push(`S${k} = σ(a${k})`);
    shapes[`W${k}`] = `${width}x${width}`;
    shapes[`b${k}`] = `1x${width}`;
  }
  defs.push(`P = softmax(a${layers})`, 'L = CE(P, T)');
  return { given: defs.join('; '), shapes };
}

/** Median wall and CPU time (process.cpuUsage: user + system, every thread) of an async call in
 * milliseconds, after one warm-up call. On a shared machine the CPU time is the figure to compare:
 * the wall time grows with the load average, printed beside it. */
async function timeAsync(f: () => Promise<unknown>, rounds = 15): Promise<{ wall: number; cpu: number }> {
  await f();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    const c = process.cpuUsage();
    await f();
    const d = process.cpuUsage(c);
    wall.push(performance.now() - t);
    cpu.push((d.user + d.system) / 1000);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { wall: median(wall), cpu: median(cpu) };
}

/** The aim of issue 12 for G4 and G5 each, with their checks. */
const AIM_MS = 50;

export async function benchTensor(): Promise<void> {
  console.log('matrix derivations (src/tensor), median ms');
  for (const [name, p] of [['G4', G4], ['G5', G5]] as const) {
    const ws = ['W1', 'b1', 'W2', 'b2'];
    const derive = time(() => deriveMatrices({ expr: 'L', wrt: ws, ...p, check: false }));
    const checked = time(() => deriveMatrices({ expr: 'L', wrt: ws, ...p }));
    const one = time(() => deriveMatrix({ expr: 'L', wrt: 'W1', ...p }));
    console.log(`  ${name}: 4 gradients, steps ${derive.toFixed(2)} ms; with checks at m = 1 and m = 4 ${checked.toFixed(1)} ms = ${(checked / AIM_MS).toFixed(2)} × the ${AIM_MS} ms aim (∂L/∂W1 alone, checked: ${one.toFixed(1)} ms)`);
  }
  // the same through the derive op (validation, reading, checks, the JSON response), as the batch,
  // the CLI and the HTTP server answer it: G5 declared with 4 samples, the batch made symbolic
  const { runOp } = await import('../src/api/run.js');
  const G5_4 = { ...G5, shapes: { ...G5.shapes, X: '4x2', T: '4x3' } };
  for (const [name, p] of [['G4', G4], ['G5', G5], ['G5, 4 samples declared', G5_4]] as const) {
    const op = await timeAsync(() => runOp('derive', { expr: 'L', wrt: ['W1', 'b1', 'W2', 'b2'], ...p }));
    const load = loadavg()[0]!.toFixed(1);
    console.log(`  ${name} through the derive op (every gradient, checked at m = 1 and m = 4): CPU ${op.cpu.toFixed(1)} ms = ${(op.cpu / AIM_MS).toFixed(2)} × the aim; wall ${op.wall.toFixed(1)} ms at load ${load}`);
  }
  const net = network(10, 4);
  const { program } = readMatrices(net.given, parseShapes(net.shapes));
  const ws = Object.keys(net.shapes).filter((n) => n !== 'X' && n !== 'T');
  const all = time(() => { const d = deriveAll(program, 'L'); for (const w of ws) gradient(d, w); });
  const d = deriveAll(program, 'L');
  const checked = time(() => checkMatrixSteps(program, d, d.steps, { batches: [4] }), 3);
  console.log(`  10-layer network (width 4, ${ws.length} parameters): all gradients ${all.toFixed(2)} ms; every step checked at m = 4 ${checked.toFixed(0)} ms`);
}

// run directly: node dist/bench/tensor.js
if (process.argv[1]?.endsWith('tensor.js')) await benchTensor();
