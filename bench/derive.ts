// `npm run bench`, derivation part (docs/performance.md#derivation): chainrule's derive + simplify
// against mathjs's `derivative` + `simplify`, measured in the same run and printed as ratios
// chainrule/mathjs, with the size of each result as a leaf count (mathjs's `leafCount` measure;
// node counts in brackets, since a leaf count hides nesting: σ(σ(x)) has one leaf).
//
// mathjs knows neither σ nor BCE, so it is given the expanded definitions σ(u) = 1/(1+exp(-u)) and
// BCE(p,t) = -(t*log(p)+(1-t)*log(1-p)). Time excludes parsing on both sides.
//
// 1. Golden cases (small, fixed): median times in this thread.
// 2. Growing families (n = 1, 2, 4, …, 64): each call runs in a worker thread that this thread
//    waits for synchronously (Atomics.wait) with a hard time limit, so a call that would run for
//    minutes is killed instead of stalling the bench; a side stops at the first n over its budget.
import { performance } from 'node:perf_hooks';
import { MessageChannel, Worker, isMainThread, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import * as math from 'mathjs';
import { sym } from '../src/ast/build.js';
import type { Definition, Expr } from '../src/ast/nodes.js';
import { leafCount, size } from '../src/ast/traverse.js';
import { checkDerivation, checkDerivative, checkEquivalent, combine, type Verdict } from '../src/check/index.js';
import { deriveChain, substitute, type ChainDerivation } from '../src/derive/chain.js';
import { derive } from '../src/derive/derive.js';
import { mainExpr } from '../src/parse/index.js';
import { parseTextProgram } from '../src/parse/text.js';
import { toText } from '../src/render/index.js';
import { simplify } from '../src/simplify/simplify.js';

/** Per-call budgets of the growing families: a call is killed at its side's budget and the side
 * stops there. mathjs: 5 s. chainrule gets more room so that its largest sizes (64 layers through
 * definitions: 20–35 s on the project's 2 cores) are measured rather than cut off. */
const BUDGET_MS = { chainrule: 40_000, mathjs: 5_000 } as const;
const SIZES = [1, 2, 4, 8, 16, 32, 64];

// ---------------------------------------------------------------------------------------------
// expressions, in chainrule's notation and expanded for mathjs

type Side = 'chainrule' | 'mathjs';
const sig = (side: Side, u: string) => (side === 'chainrule' ? `σ(${u})` : `1/(1+exp(-(${u})))`);
const bce = (side: Side, p: string, t: string) => (side === 'chainrule' ? `BCE(${p}, ${t})` : `-((${t})*log(${p})+(1-(${t}))*log(1-(${p})))`);

type Family = 'nest' | 'net' | 'defs' | 'product';

/** The input of a family at size n and the variable (chainrule's canonical name / mathjs's). */
function familyInput(family: Family, side: Side, n: number): { src: string; wrt: string } {
  switch (family) {
    case 'nest': {
      let s = 'x';
      for (let i = 0; i < n; i++) s = sig(side, s);
      return { src: s, wrt: 'x' };
    }
    case 'net': {
      let a = 'x';
      for (let i = 1; i <= n; i++) a = sig(side, `w${i}*${a} + b${i}`);
      return { src: bce(side, a, 'y'), wrt: side === 'chainrule' ? 'w_1' : 'w1' };
    }
    case 'defs': {
      const lines: string[] = [];
      let a = 'x';
      for (let i = 1; i <= n; i++) {
        lines.push(`z${i} = w${i}*${a} + b${i}`, `a${i} = σ(z${i})`);
        a = `a${i}`;
      }
      lines.push(`L = BCE(${a}, y)`);
      return { src: lines.join('; '), wrt: 'w_1' };
    }
    case 'product':
      return { src: Array.from({ length: n }, (_, i) => `(x+${i + 1})`).join('*'), wrt: 'x' };
  }
}

// ---------------------------------------------------------------------------------------------
// the measured operations

interface Size {
  readonly leaves: number;
  readonly nodes: number;
}
const ourSize = (e: Expr): Size => ({ leaves: leafCount(e), nodes: size(e) });
function mathjsSize(node: math.MathNode): Size {
  let nodes = 0;
  node.traverse(() => void nodes++);
  return { leaves: math.leafCount(node), nodes };
}

/** ∂target/∂wrt through the definitions, with the checks the `derive` op makes in chain mode
 * (src/api/deriveOps.ts, without the JSON): every local and upstream derivation step by step, each
 * local gradient against its derivation, and the gradient substituted into the inputs, simplified
 * and checked against a numerical derivative of the substituted target. */
function checkChain(c: ChainDerivation, defs: readonly Definition[], wrt: string): { flat: Expr; status: string } {
  const verdicts: Verdict[] = [];
  const statuses: string[] = [];
  for (const x of [...c.locals, ...c.adjoints]) statuses.push(checkDerivation(x.derivation).status);
  for (const l of c.locals) verdicts.push(checkEquivalent(substitute(l.result, defs), substitute(l.derivation.result, defs)));
  const flat = simplify(substitute(c.gradients[wrt]!, defs)).result;
  verdicts.push(checkDerivative(substitute(sym(c.target), defs), wrt, flat));
  const all = [combine(verdicts), ...statuses];
  const status = all.includes('refuted') ? 'refuted' : all.every((s) => s === 'verified') ? 'verified' : 'unverifiable';
  return { flat, status };
}

interface CallResult {
  readonly ms: number;
  readonly size?: Size;
  /** definitions: the same call continued with the checks (total time, substituted gradient, status) */
  readonly checked?: { readonly ms: number; readonly size: Size; readonly status: string };
  readonly error?: string;
}

/** One call of a family at size n (parsing outside the timed part). Runs in the worker. */
function runFamily(family: Family, side: Side, n: number): CallResult {
  const { src, wrt } = familyInput(family, side, n);
  try {
    if (side === 'mathjs') {
      const node = math.parse(src);
      const t = performance.now();
      const r = math.simplify(math.derivative(node, wrt, { simplify: false }));
      return { ms: performance.now() - t, size: mathjsSize(r) };
    }
    const parsed = parseTextProgram(src);
    if (family === 'defs') {
      const defs = parsed.program.definitions;
      const t = performance.now();
      const c = deriveChain(defs, [wrt]);
      const ms = performance.now() - t;
      const { flat, status } = checkChain(c, defs, wrt);
      const checked = { ms: performance.now() - t, size: ourSize(flat), status };
      return { ms, size: ourSize(c.gradients[wrt]!), checked };
    }
    const e = mainExpr(parsed);
    const t = performance.now();
    const d = derive(e, wrt);
    return { ms: performance.now() - t, size: ourSize(d.result) };
  } catch (err) {
    return { ms: NaN, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

// ---------------------------------------------------------------------------------------------
// a worker thread called synchronously, killed at a time limit

interface Task {
  readonly family: Family;
  readonly side: Side;
  readonly n: number;
}
interface Boot {
  readonly role: 'bench-derive';
  readonly flag: Int32Array;
  readonly port: MessagePort;
}

function serve({ flag, port }: Boot): void {
  port.on('message', (task: Task) => {
    const r = runFamily(task.family, task.side, task.n);
    port.postMessage(r);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  });
  Atomics.store(flag, 0, 1); // ready
  Atomics.notify(flag, 0);
}

if (!isMainThread && (workerData as Partial<Boot> | null)?.role === 'bench-derive') serve(workerData as Boot);

class Sandbox {
  private worker: Worker | undefined;
  private port: MessagePort | undefined;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  restarts = 0;

  private start(): void {
    const { port1, port2 } = new MessageChannel();
    Atomics.store(this.flag, 0, 0);
    const boot: Boot = { role: 'bench-derive', flag: this.flag, port: port2 };
    this.worker = new Worker(new URL(import.meta.url), { workerData: boot, transferList: [port2] });
    this.worker.unref();
    this.port = port1;
    if (Atomics.wait(this.flag, 0, 0, 60_000) === 'timed-out') throw new Error('bench/derive: the worker did not start within 60 s');
  }

  /** Run the task; undefined when it did not finish within limitMs (the worker is then killed). */
  run(task: Task, limitMs: number): CallResult | undefined {
    if (!this.worker) this.start();
    Atomics.store(this.flag, 0, 0);
    this.port!.postMessage(task);
    if (Atomics.wait(this.flag, 0, 0, limitMs) === 'timed-out') {
      this.stop();
      this.restarts++;
      return undefined;
    }
    for (let i = 0; i < 1000; i++) {
      const m = receiveMessageOnPort(this.port!);
      if (m) return m.message as CallResult;
      Atomics.wait(this.flag, 0, 1, 1); // the message follows the flag by a moment at most
    }
    throw new Error('bench/derive: the worker signalled a result but sent none');
  }

  stop(): void {
    if (this.worker) void this.worker.terminate();
    this.port?.close();
    this.worker = undefined;
    this.port = undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// formatting and timing

function fmt(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : ms < 100 ? 1 : 0)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? (a / b).toFixed(a / b < 0.1 ? 3 : 2) : '—');
const sz = (s: Size | undefined) => (s ? `${s.leaves} (${s.nodes})` : '—');
const pad = (s: string, w: number) => s.padStart(w);
const padR = (s: string, w: number) => s.padEnd(w);

/** Median wall time of one call in ms: calls batched to ~20 ms a round, 7 rounds (3 if slow). */
function medianMs(f: () => void): number {
  let t = performance.now();
  f(); // warm-up, and a first estimate
  const once = Math.max(performance.now() - t, 0.001);
  const batch = Math.max(1, Math.floor(20 / once));
  const rounds = once > 200 ? 3 : 7;
  const per: number[] = [];
  for (let r = 0; r < rounds; r++) {
    t = performance.now();
    for (let i = 0; i < batch; i++) f();
    per.push((performance.now() - t) / batch);
  }
  per.sort((a, b) => a - b);
  return per[Math.floor(per.length / 2)]!;
}

// ---------------------------------------------------------------------------------------------
// 1. golden cases

interface Golden {
  readonly name: string;
  /** chainrule's input; `wrt` absent: a simplification */
  readonly ours: string;
  readonly theirs: string;
  readonly wrt?: string;
}

const GOLDEN: readonly Golden[] = [
  { name: 'G1 d/dw BCE(σ(wx+b), ŷ)', ours: 'BCE(σ(w*x + b), y_hat)', theirs: bce('mathjs', sig('mathjs', 'w*x + b'), 'y_hat'), wrt: 'w' },
  { name: 'G1 d/dy BCE(y, ŷ)', ours: 'BCE(y, y_hat)', theirs: bce('mathjs', 'y', 'y_hat'), wrt: 'y' },
  { name: 'G1 d/dz 1/(1+e^(−z))', ours: '1/(1 + e^(-z))', theirs: '1/(1 + e^(-z))', wrt: 'z' },
  { name: 'G3 d/dx log(x/3+2/3)', ours: 'log(x/3 + 2/3)', theirs: 'log(x/3 + 2/3)', wrt: 'x' },
  { name: 'G5 d/dx e^x/(e^x+1)', ours: 'e^x/(e^x + 1)', theirs: 'e^x/(e^x + 1)', wrt: 'x' },
  { name: 'G5 d/dx x²+2x+1', ours: 'x^2 + 2*x + 1', theirs: 'x^2 + 2*x + 1', wrt: 'x' },
  { name: 'simplify ((1−y)/(1−s)−y/s)·s(1−s)', ours: '((1 - y)/(1 - s) - y/s)*s*(1 - s)', theirs: '((1 - y)/(1 - s) - y/s)*s*(1 - s)' },
];

function benchGolden(): void {
  console.log('derivation, golden cases: median time per call (parsing excluded); size = leaves (nodes) of the result');
  console.log('  chainrule = derive + simplify (a) alone, (b) + checkDerivation; mathjs = simplify(derivative(e, v, {simplify: false}))');
  const W = 36;
  console.log(`  ${padR('case', W)}${pad('chainrule', 11)}${pad('+checks', 11)}${pad('mathjs', 11)}${pad('ratio', 8)}${pad('+chk', 8)}${pad('size ours', 12)}${pad('mathjs', 10)}  check`);
  const outputs: string[] = [];
  for (const g of GOLDEN) {
    const e = mainExpr(parseTextProgram(g.ours));
    const run = g.wrt ? () => derive(e, g.wrt!) : () => simplify(e);
    const d = run();
    const status = checkDerivation(d).status;
    const ta = medianMs(() => void run());
    const tb = medianMs(() => void checkDerivation(run()));
    const node = math.parse(g.theirs);
    const wrt = g.wrt;
    const theirs = wrt ? () => math.simplify(math.derivative(node, wrt, { simplify: false })) : () => math.simplify(node);
    let tm = NaN;
    let ms: Size | undefined;
    let mout = '';
    try {
      const r = theirs();
      ms = mathjsSize(r);
      mout = r.toString();
      tm = medianMs(() => void theirs());
    } catch (err) {
      mout = `mathjs fails: ${err instanceof Error ? err.message : String(err)}`;
    }
    console.log(`  ${padR(g.name, W)}${pad(fmt(ta), 11)}${pad(fmt(tb), 11)}${pad(fmt(tm), 11)}${pad(ratio(ta, tm), 8)}${pad(ratio(tb, tm), 8)}${pad(sz(ourSize(d.result)), 12)}${pad(sz(ms), 10)}  ${status}`);
    outputs.push(`  ${padR(g.name, W)}chainrule: ${toText(d.result)}\n  ${padR('', W)}mathjs:    ${mout}`);
  }
  console.log('  results:');
  for (const o of outputs) console.log(o);
}

// ---------------------------------------------------------------------------------------------
// 2. growing families

interface Point {
  readonly n: number;
  /** median ms; NaN when not run or failed */
  readonly ms: number;
  readonly size?: Size;
  /** definitions only: the same runs continued with the checks */
  readonly checked?: { readonly ms: number; readonly size: Size; readonly status: string };
  /** why there is no time: killed, not run, fails */
  readonly note?: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Measure one side of a family for every n; the side stops at its first call over budget. */
function measureSide(box: Sandbox, family: Family, side: Side): Point[] {
  const out: Point[] = [];
  const budget = BUDGET_MS[side];
  let stopped = false;
  for (const n of SIZES) {
    if (stopped) {
      out.push({ n, ms: NaN, note: 'not run' });
      continue;
    }
    const first = box.run({ family, side, n }, budget);
    if (!first || first.error) {
      out.push({ n, ms: NaN, note: first ? `fails: ${first.error!.slice(0, 60)}` : `killed at ${fmt(budget)}` });
      stopped = true;
      continue;
    }
    // more runs for a median when they are cheap: 5 under 100 ms, 3 under 1 s, else one
    const runs = [first];
    const total = first.checked?.ms ?? first.ms;
    const extra = total < 100 ? 4 : total < 1000 ? 2 : 0;
    for (let i = 0; i < extra; i++) {
      const r = box.run({ family, side, n }, budget);
      if (r && !r.error) runs.push(r);
    }
    const ms = median(runs.map((r) => r.ms));
    const checked = first.checked ? { ...first.checked, ms: median(runs.map((r) => r.checked!.ms)) } : undefined;
    out.push({ n, ms, ...(first.size ? { size: first.size } : {}), ...(checked ? { checked } : {}) });
  }
  return out;
}

/** time(n)/time(n/2) */
const growth = (ms: (p: Point) => number, pts: readonly Point[], i: number) => (i > 0 ? ratio(ms(pts[i]!), ms(pts[i - 1]!)) : '');

function cells(p: Point, pts: readonly Point[], i: number, ms: (p: Point) => number = (q) => q.ms, size: (p: Point) => Size | undefined = (q) => q.size): string {
  if (!Number.isFinite(ms(p))) return padR(`  ${p.note ?? '—'}`, 32);
  return `${pad(fmt(ms(p)), 11)}${pad(growth(ms, pts, i), 7)}${pad(sz(size(p)), 14)}`;
}

function printFamily(title: string, ours: readonly Point[], theirs: readonly Point[]): void {
  console.log(title);
  console.log(`  ${pad('n', 3)}${pad('chainrule', 11)}${pad('×t', 7)}${pad('size', 14)}${pad('mathjs', 11)}${pad('×t', 7)}${pad('size', 14)}${pad('ratio', 8)}`);
  ours.forEach((a, i) => {
    const b = theirs[i]!;
    console.log(`  ${pad(String(a.n), 3)}${cells(a, ours, i)}${cells(b, theirs, i)}${pad(ratio(a.ms, b.ms), 8)}`);
  });
}

function printDefinitions(ours: readonly Point[], theirs: readonly Point[]): void {
  console.log('the same network as definitions z_i = w_i·a_(i−1) + b_i; a_i = σ(z_i); L = BCE(a_n, y), ∂L/∂w_1:');
  console.log('  deriveChain (size: ∂L/∂w_1 in the names), then + the checks of the derive op (every local and upstream');
  console.log('  derivation step by step; ∂L/∂w_1 substituted, simplified, checked; size: the substituted ∂L/∂w_1);');
  console.log('  ratios against mathjs on the one expression above (mathjs has no definitions)');
  console.log(`  ${pad('n', 3)}${pad('deriveChain', 12)}${pad('×t', 6)}${pad('size', 14)}${pad('+checks', 11)}${pad('×t', 7)}${pad('size', 14)}${pad('ratio', 8)}${pad('+chk', 8)}`);
  const chk = (p: Point) => p.checked?.ms ?? NaN;
  ours.forEach((a, i) => {
    const b = theirs[i]!;
    const status = a.checked && a.checked.status !== 'verified' ? `  check: ${a.checked.status}` : '';
    const second = Number.isFinite(a.ms) ? cells(a, ours, i, chk, (p) => p.checked?.size) : '';
    console.log(`  ${pad(String(a.n), 3)}${cells(a, ours, i)}${second}${pad(ratio(a.ms, b.ms), 8)}${pad(ratio(chk(a), b.ms), 8)}${status}`);
  });
}

function benchFamilies(): void {
  const box = new Sandbox();
  console.log(`derivation, growing families, n = ${SIZES.join(', ')}: each call in a worker thread (parsing excluded), median of 5 runs under`);
  console.log(`  100 ms, 3 under 1 s, else 1 run; a call is killed at its side's budget (chainrule ${fmt(BUDGET_MS.chainrule)}, mathjs ${fmt(BUDGET_MS.mathjs)}) and that`);
  console.log('  side stops there. ×t = time(n)/time(n/2); size = leaves (nodes) of the result; ratio = chainrule/mathjs');
  try {
    const t0 = performance.now();
    // chainrule first, then mathjs: a killed worker is replaced (and mathjs reloaded) on the next call
    const ours = { nest: measureSide(box, 'nest', 'chainrule'), net: measureSide(box, 'net', 'chainrule'), defs: measureSide(box, 'defs', 'chainrule'), product: measureSide(box, 'product', 'chainrule') };
    const theirs = { nest: measureSide(box, 'nest', 'mathjs'), net: measureSide(box, 'net', 'mathjs'), product: measureSide(box, 'product', 'mathjs') };
    printFamily('σ nested n deep, σ(σ(…σ(x)…)), d/dx', ours.nest, theirs.nest);
    printFamily('n-layer scalar network as one expression, BCE(σ(w_n·σ(… σ(w_1·x + b_1) …) + b_n), y), ∂/∂w_1', ours.net, theirs.net);
    printDefinitions(ours.defs, theirs.net);
    printFamily('product (x+1)(x+2)…(x+n), d/dx', ours.product, theirs.product);
    console.log(`  (families took ${fmt(performance.now() - t0)}; workers killed at the budget: ${box.restarts})`);
  } finally {
    box.stop();
  }
}

export function benchDerive(): void {
  benchGolden();
  benchFamilies();
}
