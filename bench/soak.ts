// The soak (`npm run bench`, or `node dist/bench/soak.js [count] [seed]`): thousands of seeded
// random requests (bench/requests.ts) through the batch entry, deeper than the fuzz test's;
// prints time and heap per op, the answers by code, and the slowest requests. Not a test:
// nothing here fails CI, but an INTERNAL answer is listed so it can be turned into a test.
import { performance } from 'node:perf_hooks';
import { FUZZ_OPS, randomRequest, rng } from './requests.js';
import { handleRequest } from '../src/api/run.js';

interface Seen {
  ms: number;
  req: Record<string, unknown>;
  code: string;
}

export async function soak(count = 3000, seed = 1): Promise<void> {
  const r = rng(seed);
  const perOp = new Map<string, { n: number; ms: number; heapMb: number; codes: Map<string, number> }>();
  const all: Seen[] = [];
  const t0 = performance.now();
  let peakHeap = 0;
  for (let i = 0; i < count; i++) {
    const op = FUZZ_OPS[i % FUZZ_OPS.length]!;
    const req = { id: i, ...randomRequest(r, op, 2 + (i % 3)) };
    const heap0 = process.memoryUsage().heapUsed;
    const t = performance.now();
    const res = await handleRequest(req);
    const ms = performance.now() - t;
    const heap = process.memoryUsage().heapUsed;
    peakHeap = Math.max(peakHeap, heap);
    const code = res['ok'] === true ? 'ok' : (res['error'] as { code: string }).code;
    const s = perOp.get(op) ?? { n: 0, ms: 0, heapMb: 0, codes: new Map<string, number>() };
    s.n++;
    s.ms += ms;
    s.heapMb = Math.max(s.heapMb, (heap - heap0) / 2 ** 20);
    s.codes.set(code, (s.codes.get(code) ?? 0) + 1);
    perOp.set(op, s);
    all.push({ ms, req, code });
  }
  const total = (performance.now() - t0) / 1000;
  console.log(`\nsoak: ${count} requests, seed ${seed}, ${total.toFixed(1)} s, peak heap ${(peakHeap / 2 ** 20).toFixed(0)} MB, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
  console.log('op        n   mean ms  max heap growth MB  answers');
  for (const [op, s] of perOp) {
    const codes = [...s.codes].map(([c, n]) => `${c} ${n}`).join(', ');
    console.log(`${op.padEnd(9)} ${String(s.n).padStart(4)} ${(s.ms / s.n).toFixed(1).padStart(9)} ${s.heapMb.toFixed(1).padStart(19)}  ${codes}`);
  }
  all.sort((a, b) => b.ms - a.ms);
  console.log('slowest:');
  for (const s of all.slice(0, 8)) console.log(`  ${s.ms.toFixed(0).padStart(6)} ms  ${s.code.padEnd(10)} ${JSON.stringify(s.req).slice(0, 160)}`);
  const internal = all.filter((s) => s.code === 'INTERNAL' || s.code === 'TIME_LIMIT');
  for (const s of internal) console.log(`  !! ${s.code}: ${JSON.stringify(s.req)}`);
}

// run directly: node dist/bench/soak.js [count] [seed]
if (process.argv[1] && /soak\.js$/.test(process.argv[1])) await soak(Number(process.argv[2] ?? 3000), Number(process.argv[3] ?? 1));
