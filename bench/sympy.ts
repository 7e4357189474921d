// `npm run bench`, the held-out-style batch against SymPy (issue 15): random course-style problems
// from the generator of the held-out correctness properties (test/derive/arbitrary.ts,
// arbCourseExpr depth 3, as test/derive/properties.test.ts draws them; fixed seed), each
// differentiated by the derive op as a tutoring client calls it (runOp: parse, derive, simplify,
// steps, checks, JSON) and by SymPy's simplify(diff(f, v)) in one long-lived python3 process timed
// by its own clock (time.process_time: CPU), interleaved case by case. Prints throughput, p50 and
// p99 of each, and the ratios. Without python3 + sympy: "not installed, skipped".
import fc from 'fast-check';
import { freeSymbols } from '../src/ast/traverse.js';
import { runOp } from '../src/api/run.js';
import { toText } from '../src/render/index.js';
import { arbCourseExpr } from '../test/derive/arbitrary.js';
import { installed, median, quantile, startPeer, fmtMs } from './peer.js';
import { threadCpu, warmUntilSettled } from './settle.js';

const COUNT = Number(process.env['BENCH_HELDOUT_N'] ?? 300);
/** Untimed warm-up before the batch, on problems of another seed: chainrule at least this much CPU
 * and until V8 has settled (bench/settle.ts), SymPy the first SYMPY_WARM of them. */
const WARM_CPU_MS = 2000;
/** Warming until V8 settles stops here even if it has not (bench/settle.ts). */
const SETTLE_MAX_CPU_MS = 30_000;
const WARM_PROBLEMS = 300;
const SYMPY_WARM = 20;
const SEED = 0x5eed_c4a1; // properties.test.ts's seed
/** SymPy's simplify can run for minutes on a tall input: a case is stopped here (wall time, on a
 * shared machine) and left out of both sides' figures, so the ratio never counts a guessed time. */
const SYMPY_TIMEOUT_MS = 60_000;

const SCRIPT = String.raw`
import sys, json, time
from sympy import sympify, diff, simplify, Symbol, Lambda, exp, log, E
z, p, t = Symbol('z'), Symbol('p'), Symbol('t')
ns = {'sigmoid': Lambda(z, 1/(1+exp(-z))), 'BCE': Lambda((p, t), -(t*log(p) + (1-t)*log(1-p))),
      'MSE': Lambda((p, t), (p-t)**2), 'e': E}
print('@@END', flush=True)
for line in sys.stdin:
    q = json.loads(line)
    f = sympify(q['expr'].replace('^', '**'), locals=ns)
    v = Symbol(q['wrt'])
    t0 = time.process_time()
    try:
        r = simplify(diff(f, v)); ok = 1
    except Exception:
        ok = 0
    print('@@T', 1000*(time.process_time() - t0), ok, flush=True)
    print('@@END', flush=True)
`;

/** The problems: (text, variable) with the variable occurring in the expression. */
export function heldOutProblems(n: number, seed = SEED): { expr: string; wrt: string }[] {
  const out: { expr: string; wrt: string }[] = [];
  const trees = fc.sample(arbCourseExpr({ depth: 3 }), { seed, numRuns: n * 3 });
  for (const [i, e] of trees.entries()) {
    const vs = freeSymbols(e);
    if (vs.length === 0) continue;
    out.push({ expr: toText(e), wrt: vs[i % vs.length]! });
    if (out.length === n) break;
  }
  return out;
}

function summary(label: string, ms: readonly number[]): { line: string; total: number; p50: number; p99: number } {
  const total = ms.reduce((a, b) => a + b, 0);
  const p50 = median(ms);
  const p99 = quantile(ms, 0.99);
  return { line: `${label} ${(ms.length / (total / 1000)).toFixed(1)} cases/s CPU, p50 ${fmtMs(p50)}, p99 ${fmtMs(p99)}, max ${fmtMs(Math.max(...ms))}`, total, p50, p99 };
}

export async function benchSympy(): Promise<void> {
  const problems = heldOutProblems(COUNT);
  console.log(`held-out-style batch (issue 15): ${problems.length} random course-style problems (test/derive/arbitrary.ts, depth 3, seed ${SEED.toString(16)})`);
  console.log('  chainrule: the derive op (runOp with steps, checks, JSON), CPU per case; SymPy: simplify(diff(f, v)), its own process_time; interleaved');
  if (!installed('python3', ['-c', 'import sympy'])) {
    console.log('  SymPy: not installed, skipped');
    return;
  }
  const py = startPeer('python3', ['-u', '-c', SCRIPT]);
  try {
    if ((await py.ask('', '@@END', 60_000)) === 'timeout') throw new Error('python3 + sympy did not start');
    const ours: number[] = [];
    const oursNoCheck: number[] = [];
    const theirs: number[] = [];
    const codes = new Map<string, number>();
    let sympyFailed = 0;
    let sympyTimeouts = 0;
    // warm-up on problems of ANOTHER seed (no case of the batch is seen before it is timed): a
    // tutoring service answers from a warm process, as bench/deriveop.ts and bench/maxima.ts
    // measure it; in a cold one V8's compilation and the op's lazy loading were charged to the
    // first cases (docs/performance.md). Warm until V8's compiler threads have settled (bench/settle.ts:
    // after a fixed 2 s they still used as much CPU as the requests), at least WARM_CPU_MS;
    // BENCH_WARM_MS=<ms> warms for that long instead. SymPy is warmed on the same problems.
    const warm = heldOutProblems(WARM_PROBLEMS, SEED + 1);
    const fixed = process.env['BENCH_WARM_MS'] ? Number(process.env['BENCH_WARM_MS']) : undefined;
    const settled = await warmUntilSettled(
      async (i) => {
        const q = warm[i % warm.length]!;
        for (const check of [true, false]) await runOp('derive', { expr: q.expr, wrt: q.wrt, check }).catch(() => undefined);
      },
      fixed !== undefined ? { minCpuMs: fixed, maxCpuMs: fixed, window: 20 } : { minCpuMs: WARM_CPU_MS, maxCpuMs: SETTLE_MAX_CPU_MS },
    );
    const share = (x: number | undefined) => (x === undefined ? 'unknown (no /proc)' : `${(100 * x).toFixed(0)} % of the main thread's`);
    console.log(`  chainrule warmed up for ${(settled.cpuMs / 1000).toFixed(1)} s of CPU${fixed !== undefined ? ' (BENCH_WARM_MS)' : settled.settled ? ', until V8 settled' : `, NOT settled within ${SETTLE_MAX_CPU_MS / 1000} s`}: other threads (compiler, GC) ${share(settled.otherShare)} in its last window`);
    const measured0 = threadCpu();
    for (const q of warm.slice(0, SYMPY_WARM)) {
      if ((await py.ask(`${JSON.stringify(q)}\n`, '@@END', SYMPY_TIMEOUT_MS)) === 'timeout') await py.ask('', '@@END', 60_000);
    }
    for (const q of problems) {
      for (const check of [true, false]) {
        const t0 = process.cpuUsage();
        let code = 'ok';
        try {
          const r = (await runOp('derive', { expr: q.expr, wrt: q.wrt, check })) as Record<string, unknown>;
          JSON.stringify(r);
          if (check) code = String((r['check'] as { status?: string } | undefined)?.status ?? 'ok');
        } catch (err) {
          code = (err as { code?: string }).code ?? 'INTERNAL';
        }
        const d = process.cpuUsage(t0);
        (check ? ours : oursNoCheck).push((d.user + d.system) / 1000);
        if (check) codes.set(code, (codes.get(code) ?? 0) + 1);
      }
      const out = await py.ask(`${JSON.stringify(q)}\n`, '@@END', SYMPY_TIMEOUT_MS);
      if (out === 'timeout') {
        sympyTimeouts++;
        ours.pop();
        oursNoCheck.pop();
        await py.ask('', '@@END', 60_000); // the replacement process's start line
        continue;
      }
      const [, ms, ok] = (out.find((l) => l.startsWith('@@T')) ?? '@@T NaN 0').split(/\s+/);
      if (ok !== '1') sympyFailed++;
      theirs.push(Number(ms));
    }
    const measured1 = threadCpu();
    const a = summary('chainrule derive op          ', ours);
    const b = summary('chainrule, check: false      ', oursNoCheck);
    const c = summary('SymPy simplify(diff(f, v))   ', theirs);
    console.log(`  ${a.line}`);
    console.log(`  ${b.line}`);
    console.log(`  ${c.line}${sympyTimeouts ? `; ${sympyTimeouts} stopped at ${SYMPY_TIMEOUT_MS / 1000} s (left out on both sides)` : ''}${sympyFailed ? `; ${sympyFailed} raised` : ''}`);
    if (measured0 && measured1) console.log(`  during the batch, chainrule's other threads (compiler, GC): ${share((measured1.other - measured0.other) / Math.max(1, measured1.main - measured0.main))} (counted in its CPU per case)`);
    console.log(`  chainrule answers: ${[...codes].map(([k, v]) => `${k} ×${v}`).join(', ')}`);
    // the numeric checks' share of a case (what check: false saves), per case on average
    console.log(`  the checks: ${fmtMs((a.total - b.total) / ours.length)} per case on average, ${((100 * (a.total - b.total)) / a.total).toFixed(0)} % of the op's CPU`);
    console.log(`  throughput ratio chainrule/SymPy = ${(c.total / a.total).toFixed(1)}× with checks (aim ≥ 30×, stretch 50×), ${(c.total / b.total).toFixed(1)}× without; p99 ${fmtMs(a.p99)} (aim < 50 ms)`);
  } finally {
    py.close();
  }
}
