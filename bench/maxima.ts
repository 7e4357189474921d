// `npm run bench`, derivative + simplify on the seed tasks against Maxima (issue 15's first bar):
// chainrule's `derive` (differentiate and simplify, parsing excluded) against Maxima's
// `ratsimp(diff(f, v))` (and `factor(diff(f, v))`), each in its own notation (σ and BCE as Maxima
// functions s(z) and BCE(p, t)), then with σ and BCE written out on both sides. One Maxima process
// for the whole run, timed by its own clock (elapsed_run_time: CPU seconds), interleaved task by
// task with chainrule (process.cpuUsage: CPU too); medians over rounds, then over the tasks.
// Without Maxima on the PATH it prints "not installed, skipped".
import { parseTextProgram } from '../src/parse/text.js';
import { mainExpr } from '../src/parse/index.js';
import { derive } from '../src/derive/derive.js';
import { toText } from '../src/render/index.js';
import { installed, median, startPeer, fmtMs, type Peer } from './peer.js';

type Side = 'ours' | 'maxima';
type Style = 'own' | 'written';
interface Task {
  readonly name: string;
  /** the function, in a side's spelling and style */
  readonly f: (side: Side, style: Style) => string;
  /** the variable: chainrule's canonical name, and Maxima's */
  readonly wrt: { readonly ours: string; readonly maxima: string };
}

const sig = (side: Side, style: Style, u: string) => (style === 'written' ? `1/(1+exp(-(${u})))` : side === 'ours' ? `σ(${u})` : `s(${u})`);
const bce = (side: Side, style: Style, p: string, t: string) =>
  style === 'written' ? `-((${t})*log(${p})+(1-(${t}))*log(1-(${p})))` : `BCE(${p}, ${t})`;
const yh = (side: Side) => (side === 'ours' ? 'y_hat' : 'yh');
const w = (v: string) => ({ ours: v, maxima: v });

/** The seed tasks of bench/ops.ts (SEEDS.md G1–G5, the two-layer network's weights, least squares). */
const TASKS: readonly Task[] = [
  { name: 'G1 ∂/∂w BCE(σ(wx+b), ŷ)', f: (s, t) => bce(s, t, sig(s, t, 'w*x+b'), yh(s)), wrt: w('w') },
  { name: 'G1 ∂/∂b BCE(σ(wx+b), ŷ)', f: (s, t) => bce(s, t, sig(s, t, 'w*x+b'), yh(s)), wrt: w('b') },
  { name: 'G1 ∂/∂y BCE(y, ŷ)', f: (s, t) => bce(s, t, 'y', yh(s)), wrt: w('y') },
  { name: 'G1 ∂/∂z 1/(1+e^(−z))', f: () => '1/(1+exp(-z))', wrt: w('z') },
  { name: 'G3 ∂/∂x log(x/3+2/3)', f: () => 'log(x/3+2/3)', wrt: w('x') },
  { name: 'G5 ∂/∂x e^x/(e^x+1)', f: () => 'exp(x)/(exp(x)+1)', wrt: w('x') },
  { name: 'G4 ∂/∂W2 (two layers)', f: (s, t) => bce(s, t, sig(s, t, `W2*${sig(s, t, 'W1*X+b1')}+b2`), 'y'), wrt: { ours: 'W_2', maxima: 'W2' } },
  { name: 'G4 ∂/∂W1 (two layers)', f: (s, t) => bce(s, t, sig(s, t, `W2*${sig(s, t, 'W1*X+b1')}+b2`), 'y'), wrt: { ours: 'W_1', maxima: 'W1' } },
  { name: 'least squares ∂/∂w (wx+b−y)²', f: () => '(w*x+b-y)^2', wrt: w('w') },
];

const ROUNDS = Number(process.env['BENCH_MAXIMA_ROUNDS'] ?? 3);
/** CPU time each side spends per measurement (Maxima's clock under GCL ticks in 10 ms). */
const MIN_CPU_MS = 200;
/** Untimed CPU time per task before the rounds: V8 needs more than a second of a small task to
 * reach its steady state (derive of BCE(y, ŷ) took 1.2 ms, then 0.36, then 0.2 ms per call in
 * consecutive 0.4 s slices), while Maxima's compiled Lisp has no warm-up. A tutoring service is a
 * long-lived process, so the steady state is what is compared (docs/performance.md). */
const WARM_CPU_MS = 400;

/** Maxima's side: σ and BCE as functions; bench_ratsimp/bench_factor double the repetitions until
 * MIN_CPU_MS of CPU and answer ms per call. */
const PRELUDE = `display2d:false$
s(z) := 1/(1+exp(-z))$
BCE(p, t) := -(t*log(p) + (1-t)*log(1-p))$
bench_ratsimp(f, v) := block([n: 1, t: 0, t0, r], while t < ${MIN_CPU_MS / 1000} do (n: 2*n, t0: elapsed_run_time(), for i thru n do r: ratsimp(diff(f, v)), t: elapsed_run_time() - t0), 1000.0*t/n)$
bench_factor(f, v) := block([n: 1, t: 0, t0, r], while t < ${MIN_CPU_MS / 1000} do (n: 2*n, t0: elapsed_run_time(), for i thru n do r: factor(diff(f, v)), t: elapsed_run_time() - t0), 1000.0*t/n)$
print("@@END")$
`;

async function maximaMs(m: Peer, fn: 'bench_ratsimp' | 'bench_factor', f: string, v: string): Promise<number> {
  const out = await m.ask(`print("@@T", ${fn}(${f}, ${v}))$\nprint("@@END")$\n`, '@@END', 120_000);
  const line = out === 'timeout' ? undefined : out.find((l) => l.startsWith('@@T'));
  if (!line) throw new Error(`Maxima gave no time for ${fn}(${f}, ${v}): ${String(out)}`);
  return Number(line.slice(3).trim());
}

/** Fresh trees parsed per measured call (parsing untimed): derive on the SAME tree again found its
 * cached facts (hashes, names, the simplifier's identity caches) from the call before, 6–40 %
 * cheaper than a service's request, which parses anew (docs/performance.md). */
const POOL = 64;

/** chainrule: derive (differentiate + simplify) of a freshly parsed tree, CPU ms per call. */
function oursMs(src: string, wrt: string, minMs: number = MIN_CPU_MS): { ms: number; result: string } {
  const fresh = () => mainExpr(parseTextProgram(src));
  let result = toText(derive(fresh(), wrt).result);
  let n = 0;
  let spent = 0;
  while (spent < minMs || n < 3) {
    const pool = Array.from({ length: POOL }, fresh);
    const t0 = process.cpuUsage();
    for (const e of pool) result = toText(derive(e, wrt).result);
    const d = process.cpuUsage(t0);
    spent += (d.user + d.system) / 1000;
    n += pool.length;
  }
  return { ms: spent / n, result };
}

export async function benchMaxima(): Promise<void> {
  console.log('derivative + simplify vs Maxima (issue 15): chainrule derive(e, v) against Maxima ratsimp(diff(f, v)) and factor(diff(f, v)),');
  console.log(`  one Maxima process timed by its own clock (elapsed_run_time), interleaved task by task; CPU ms per call, median of ${ROUNDS} rounds after ${WARM_CPU_MS} ms of warm-up per task`);
  if (!installed('maxima', ['--version'])) {
    console.log('  Maxima: not installed, skipped');
    return;
  }
  const m = startPeer('maxima', ['--very-quiet']);
  try {
    const ok = await m.ask(PRELUDE, '@@END', 60_000);
    if (ok === 'timeout') throw new Error('Maxima did not start');
    const summary: string[] = [];
    for (const style of ['own', 'written'] as const) {
      console.log(style === 'own' ? '  each in its own notation (σ, BCE: chainrule\'s functions; Maxima: s(z), BCE(p, t) as Maxima functions)' : '  σ and BCE written out on both sides (1/(1+exp(-(w*x+b))), -(t*log(p)+(1-t)*log(1-p)))');
      const ours: number[][] = TASKS.map(() => []);
      const rat: number[][] = TASKS.map(() => []);
      const fac: number[][] = TASKS.map(() => []);
      const results: string[] = [];
      for (const t of TASKS) oursMs(t.f('ours', style), t.wrt.ours, WARM_CPU_MS);
      for (let r = 0; r < ROUNDS; r++) {
        for (const [i, t] of TASKS.entries()) {
          const o = oursMs(t.f('ours', style), t.wrt.ours);
          ours[i]!.push(o.ms);
          results[i] = o.result;
          rat[i]!.push(await maximaMs(m, 'bench_ratsimp', t.f('maxima', style), t.wrt.maxima));
          fac[i]!.push(await maximaMs(m, 'bench_factor', t.f('maxima', style), t.wrt.maxima));
        }
      }
      const o = ours.map(median);
      const a = rat.map(median);
      const b = fac.map(median);
      for (const [i, t] of TASKS.entries()) {
        console.log(`    ${t.name.padEnd(32)} chainrule ${fmtMs(o[i]!).padStart(8)}  Maxima ratsimp ${fmtMs(a[i]!).padStart(8)}, factor ${fmtMs(b[i]!).padStart(8)}  ratio ${(o[i]! / a[i]!).toFixed(2)}   ${results[i]}`);
      }
      const mo = median(o);
      const ma = median(a);
      const mb = median(b);
      const line = `median over ${TASKS.length} tasks (${style === 'own' ? 'own notation' : 'written out'}): chainrule ${fmtMs(mo)}, Maxima ratsimp ${fmtMs(ma)}, factor ${fmtMs(mb)}; ratio chainrule/Maxima(ratsimp) = ${(mo / ma).toFixed(2)} (aim ≤ ${style === 'own' ? 2 : 3})`;
      console.log(`    ${line}`);
      summary.push(line);
    }
  } finally {
    m.close();
  }
}
