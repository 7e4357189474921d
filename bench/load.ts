// `npm run bench` (and `npm run bench:load`), HTTP part (docs/performance.md#http): autocannon
// against `chainrule serve` on 127.0.0.1 (a child process), 50 connections, /v1/derive and
// /v1/verify: requests/s, p50/p99 latency, errors; the in-process batch throughput on the same
// requests in the same run; then the same derive load while one client sends pathological
// requests (deep nesting, huge powers, time-budget busters). Bounded: a few seconds per phase.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { handleLine } from '../src/api/batch.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SECONDS = Number(process.env['LOAD_SECONDS'] ?? 8);
const CONNECTIONS = 50;

const DERIVE = { expr: 'BCE(σ(wx+b), ŷ)', wrt: 'w' };
const VERIFY = { problem: { expr: 'BCE(σ(wx+b), ŷ)', wrt: 'w' }, answer: '(σ(wx+b) − ŷ)x' };
const PATHOLOGICAL: Array<[string, unknown]> = [
  ['parse', { expr: '('.repeat(10_000) + 'x' + ')'.repeat(10_000) }],
  ['derive', { expr: 'x^(10^9) * (x+1)^(10^6)', wrt: 'x' }],
  ['simplify', { expr: '(x+y+z+w+1)^16' }], // takes seconds: stopped at the time budget
  ['derive', { expr: Array.from({ length: 60 }, (_, i) => `σ(w${i}x+b${i})`).join('·'), wrt: 'x' }], // minutes: stopped
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(root, 'dist', 'src', 'api', 'cli.js'), 'serve', '--host', '127.0.0.1', '--port', String(port)], {
    env: { ...process.env, CHAINRULE_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (r.ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new Error('the server did not become ready in 60 s');
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  total: number;
}

async function load(url: string, body: unknown): Promise<Load> {
  const r = await autocannon({ url, method: 'POST', connections: CONNECTIONS, duration: SECONDS, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts + r.non2xx, total: r.requests.total };
}

/** In-process batch throughput on the same request: handleLine in a loop, one thread, warm. */
async function inProcess(op: string, body: object): Promise<number> {
  const line = JSON.stringify({ op, ...body });
  for (let i = 0; i < 20; i++) await handleLine(line);
  let n = 0;
  const t = performance.now();
  while (performance.now() - t < 3000) {
    await handleLine(line);
    n++;
  }
  return (n * 1000) / (performance.now() - t);
}

/** One client sending pathological requests back to back until `stop`; counts answers by status. */
async function pathologicalClient(base: string, stop: { done: boolean }): Promise<Record<string, number>> {
  const seen: Record<string, number> = {};
  for (let i = 0; !stop.done; i++) {
    const [op, body] = PATHOLOGICAL[i % PATHOLOGICAL.length]!;
    const r = await fetch(`${base}/v1/${op}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const j = (await r.json()) as { error?: { code: string } };
    const k = `${r.status} ${j.error?.code ?? 'ok'}`;
    seen[k] = (seen[k] ?? 0) + 1;
  }
  return seen;
}

const fmt = (l: Load) => `${l.rps.toFixed(0)} req/s, p50 ${l.p50} ms, p99 ${l.p99} ms, errors ${l.errors} of ${l.total}`;

export async function benchLoad(): Promise<void> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(port);
  try {
    console.log(`HTTP load (autocannon, ${CONNECTIONS} connections, ${SECONDS} s each, server on 127.0.0.1 with ${process.env['CHAINRULE_WORKERS'] ?? 'one worker per core'})`);
    // warm both paths in every worker before measuring
    await autocannon({ url: `${base}/v1/verify`, method: 'POST', connections: 4, amount: 40, headers: { 'content-type': 'application/json' }, body: JSON.stringify(VERIFY) });
    const derive = await load(`${base}/v1/derive`, DERIVE);
    const verify = await load(`${base}/v1/verify`, VERIFY);
    const ipDerive = await inProcess('derive', DERIVE);
    const ipVerify = await inProcess('verify', VERIFY);
    console.log(`  /v1/derive  ${fmt(derive)}; in-process batch ${ipDerive.toFixed(0)} req/s; ratio HTTP/in-process = ${(derive.rps / ipDerive).toFixed(2)}`);
    console.log(`  /v1/verify  ${fmt(verify)}; in-process batch ${ipVerify.toFixed(0)} req/s; ratio HTTP/in-process = ${(verify.rps / ipVerify).toFixed(2)}`);
    const stop = { done: false };
    const bad = pathologicalClient(base, stop);
    const noisy = await load(`${base}/v1/derive`, DERIVE);
    stop.done = true;
    const seen = await bad;
    console.log(`  /v1/derive with one pathological client: ${fmt(noisy)}; p99 ratio noisy/quiet = ${(noisy.p99 / derive.p99).toFixed(2)}`);
    console.log(`    the pathological client's answers: ${Object.entries(seen).map(([k, v]) => `${k} ×${v}`).join(', ')}`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await benchLoad();
