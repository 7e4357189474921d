// `npm run bench`, the derive op as a client calls it (docs/performance.md, "The derive op"):
// runOp('derive') with steps and checks, parsing and JSON included, on (1) the seed tasks —
// median time per request and response size, beside mathjs's derivative + simplify of the same
// task (σ and BCE written out for it) measured in the same run — and (2) the n-layer network
// through definitions (`z1 = w1 x + b1; a1 = σ(z1); … L = BCE(an, y)`, d/dw1) at n = 8 … 128,
// with the growth exponents of time and size fitted by least squares on log–log; (3) σ nested
// 50/100/200 deep and the n-layer network in one expression, n = 8 … 64 (time, CPU, bytes).
import { performance } from 'node:perf_hooks';
import * as math from 'mathjs';
import { runOp } from '../src/api/run.js';
import { derive } from '../src/derive/derive.js';
import { parseTextProgram } from '../src/parse/text.js';
import { toText } from '../src/render/index.js';
import { nestedSigmoid, networkDefinitions, networkExpression } from './programs.js';

export { nestedSigmoid, networkDefinitions, networkExpression };

interface Task {
  readonly name: string;
  readonly expr: string;
  readonly wrt: string;
  /** the same function for mathjs (σ and BCE written out) */
  readonly mathjs: string;
}
const S = (u: string) => `1/(1+exp(-(${u})))`;
const B = (p: string, t: string) => `-((${t})*log(${p})+(1-(${t}))*log(1-(${p})))`;

/** The course's seed tasks (SEEDS.md G1–G5 and the two-layer network's weights). */
export const SEED_TASKS: readonly Task[] = [
  { name: 'G1 ∂/∂w BCE(σ(wx+b), ŷ)', expr: 'BCE(σ(wx+b), ŷ)', wrt: 'w', mathjs: B(S('w*x+b'), 'yh') },
  { name: 'G1 ∂/∂b BCE(σ(wx+b), ŷ)', expr: 'BCE(σ(wx+b), ŷ)', wrt: 'b', mathjs: B(S('w*x+b'), 'yh') },
  { name: 'G1 ∂/∂y BCE(y, ŷ)', expr: 'BCE(y, ŷ)', wrt: 'y', mathjs: B('y', 'yh') },
  { name: 'G1 ∂/∂z 1/(1+e^(−z))', expr: '1/(1 + e^(-z))', wrt: 'z', mathjs: '1/(1+exp(-z))' },
  { name: 'G3 ∂/∂x log(x/3+2/3)', expr: 'log(x/3 + 2/3)', wrt: 'x', mathjs: 'log(x/3+2/3)' },
  { name: 'G5 ∂/∂x e^x/(e^x+1)', expr: 'e^x/(e^x + 1)', wrt: 'x', mathjs: 'exp(x)/(exp(x)+1)' },
  { name: 'G4 ∂/∂W2 (two layers)', expr: 'BCE(σ(W2 σ(W1 X + b1) + b2), y)', wrt: 'W2', mathjs: B(S(`W2*${S('W1*X+b1')}+b2`), 'y') },
  { name: 'G4 ∂/∂W1 (two layers)', expr: 'BCE(σ(W2 σ(W1 X + b1) + b2), y)', wrt: 'W1', mathjs: B(S(`W2*${S('W1*X+b1')}+b2`), 'y') },
  { name: 'least squares ∂/∂w (wx+b−y)²', expr: '(wx + b - y)^2', wrt: 'w', mathjs: '(w*x+b-y)^2' },
];

async function timeAsync(f: () => Promise<unknown>, minRuns: number, minMs: number): Promise<number[]> {
  await f(); // warm-up (and the lazy loading of the op)
  const out: number[] = [];
  const start = performance.now();
  while (out.length < minRuns || (performance.now() - start < minMs && out.length < 200)) {
    const t = performance.now();
    await f();
    out.push(performance.now() - t);
  }
  return out;
}
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

/** Least-squares slope of log y on log x: y ∝ x^slope. */
export function growthExponent(xs: readonly number[], ys: readonly number[]): number {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += (lx[i]! - mx) * (ly[i]! - my);
    den += (lx[i]! - mx) ** 2;
  }
  return num / den;
}

export async function benchOps(): Promise<void> {
  console.log('the derive op (runOp: parse, derive, simplify, steps, checks, JSON), median per request');
  console.log('  mathjs = simplify(derivative(parse(e), v)), σ and BCE written out; same run');
  const ours: number[] = [];
  const theirs: number[] = [];
  const oursNoCheck: number[] = [];
  for (const t of SEED_TASKS) {
    let size = 0;
    let status = '';
    const a = median(await timeAsync(async () => {
      const r = (await runOp('derive', { expr: t.expr, wrt: t.wrt })) as Record<string, unknown>;
      size = JSON.stringify(r).length;
      status = String((r['check'] as { status?: string } | undefined)?.status ?? '');
    }, 7, 400));
    const b = median(await timeAsync(() => runOp('derive', { expr: t.expr, wrt: t.wrt, check: false }), 7, 200));
    const m = median(await timeAsync(async () => void math.simplify(math.derivative(math.parse(t.mathjs), t.wrt)), 7, 200));
    ours.push(a);
    oursNoCheck.push(b);
    theirs.push(m);
    console.log(`  ${t.name.padEnd(34)} ${fmt(a).padStart(7)} ms (no checks ${fmt(b).padStart(6)} ms), ${String(size).padStart(7)} chars, ${status}; mathjs ${fmt(m).padStart(6)} ms; ratio ${(a / m).toFixed(2)}`);
  }
  const ma = median(ours);
  const mb = median(oursNoCheck);
  const mm = median(theirs);
  console.log(`  median over ${SEED_TASKS.length} tasks: ${fmt(ma)} ms with checks, ${fmt(mb)} ms without; mathjs ${fmt(mm)} ms; ratios ${(ma / mm).toFixed(2)}, ${(mb / mm).toFixed(2)}`);

  // through definitions, σ nested, the network in one expression: time (wall and CPU) and
  // response bytes per n, with fitted growth exponents (issue 15 §2–3, issue 10 §1)
  const max = Number(process.env['BENCH_CHAIN_MAX'] ?? 128); // BENCH_CHAIN_MAX caps n for a quicker run
  await series('through definitions: n-layer network, ∂L/∂w1', [8, 16, 32, 64, 128].filter((n) => n <= max), (n) => ({ expr: networkDefinitions(n), wrt: 'w1' }));
  await series('σ nested n deep, d/dx (named parts)', [50, 100, 200], (n) => ({ expr: nestedSigmoid(n), wrt: 'x' }));
  await series('one expression: n-layer network, ∂L/∂w1 (named parts)', [8, 16, 32, 64].filter((n) => n <= max), (n) => ({ expr: networkExpression(n), wrt: 'w1' }));
  wholeExpression([8, 12, 13, 16, 32, 64].filter((n) => n <= max));
}

/** derive + simplify of the whole one-expression network (what `steps: "full"` starts from; its
 * op response, every step printed whole, is refused TOO_LARGE past n ≈ 12): CPU time, result
 * length, and whether the result is factored — (σ(…) − y)·w_n·… — or left raw (y/σ(…) − …). */
export function wholeExpression(ns: readonly number[]): void {
  console.log('one expression, derive + simplify of the whole (no steps printed, no checks): CPU, result');
  const cpu: number[] = [];
  for (const n of ns) {
    const e = parseTextProgram(networkExpression(n)).program.body!;
    derive(e, 'w_1');
    const c0 = process.cpuUsage();
    const d = derive(e, 'w_1');
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    const text = toText(d.result);
    const raw = text.includes('y/sigmoid(');
    console.log(`  n = ${String(n).padStart(3)}: CPU ${fmt(cpu[cpu.length - 1]!).padStart(8)} ms, ${d.steps.length} steps, result ${text.length} chars, ${raw ? 'RAW (not cancelled)' : 'factored'}`);
  }
  console.log(`  growth exponent over n = ${ns[0]}…${ns[ns.length - 1]}: CPU n^${growthExponent(ns, cpu).toFixed(2)}`);
}

/** The derive op with checks on each n: median wall and CPU time, response bytes, the check's
 * status and whether the result stayed in the names; then the fitted exponents. */
async function series(title: string, ns: readonly number[], request: (n: number) => Record<string, unknown>): Promise<void> {
  console.log(`${title}: the derive op with checks (median of ≥ 3; CPU = user + system of this process)`);
  const ms: number[] = [];
  const cpu: number[] = [];
  const bytes: number[] = [];
  for (const n of ns) {
    let size = 0;
    let status = '';
    let inNames = false;
    const cpus: number[] = [];
    let runs: number[];
    try {
      runs = await timeAsync(async () => {
        const c0 = process.cpuUsage();
        const r = (await runOp('derive', { ...request(n), budgetMs: 600_000 })) as Record<string, unknown>;
        size = Buffer.byteLength(JSON.stringify(r));
        const c = process.cpuUsage(c0);
        cpus.push((c.user + c.system) / 1000);
        status = String((r['check'] as { status?: string } | undefined)?.status ?? '');
        inNames = ((r['readings'] as { code: string }[] | undefined) ?? []).some((x) => x.code === 'RESULT_IN_NAMES');
      }, n >= 64 ? 2 : 3, 0);
    } catch (err) {
      // the response cap (TOO_LARGE) or the budget: reported, and the sizes above are fitted
      console.log(`  n = ${String(n).padStart(3)}: ${(err as { code?: string }).code ?? String(err)}`);
      break;
    }
    ms.push(median(runs));
    cpu.push(median(cpus));
    bytes.push(size);
    console.log(`  n = ${String(n).padStart(3)}: ${fmt(median(runs)).padStart(8)} ms (CPU ${fmt(median(cpus)).padStart(8)} ms), ${String(size).padStart(9)} bytes, ${status}${inNames ? ', result in names' : ''}`);
  }
  const fitted = ns.slice(0, ms.length);
  if (fitted.length >= 2) {
    console.log(`  growth exponents over n = ${fitted[0]}…${fitted[fitted.length - 1]}: time n^${growthExponent(fitted, ms).toFixed(2)} (CPU n^${growthExponent(fitted, cpu).toFixed(2)}), bytes n^${growthExponent(fitted, bytes).toFixed(2)}`);
  }
}
