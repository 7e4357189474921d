// `npm run bench`: speed measured against mathjs IN THE SAME RUN, printed as ratios (docs/performance.md).
// Numbers vary with the machine; the ratios are what we track. Not a test: nothing here fails CI.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import * as math from 'mathjs';
import { parseTextProgram } from '../src/parse/text.js';
import { compile } from '../src/numeric/compile.js';
import { evaluate } from '../src/numeric/float.js';
import { mainExpr } from '../src/parse/index.js';
import { freeSymbols } from '../src/ast/traverse.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Median time per call in microseconds over `rounds` rounds of `n` calls. */
function time(f: () => void, n: number, rounds = 7): number {
  for (let i = 0; i < n; i++) f(); // warm-up
  const per: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) f();
    per.push(((performance.now() - t) * 1000) / n);
  }
  per.sort((a, b) => a - b);
  return per[Math.floor(per.length / 2)]!;
}

function corpus(): string[] {
  const golden = [
    'BCE(sigmoid(w*x + b), y_hat)', '(y - y_hat)/(y*(1 - y))*y*(1 - y)', 'exp(-z)/(1 + exp(-z))^2',
    '-(y_hat*log(y) + (1 - y_hat)*log(1 - y))', 'sigmoid(w0 + w1*x1 + w2*x2)', '(a2 - y)*W2*a1*(1 - a1)*X',
    '((1 - y)/(1 - s) - y/s)*s*(1 - s)', 'x^2 + 2*x + 1',
  ];
  const shared = join(root, '..', 'shared', 'conformance');
  const fromShared = existsSync(shared)
    ? ['mathjs-derivative.jsonl', 'mathjs-simplify.jsonl'].flatMap((f) =>
        readFileSync(join(shared, f), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { expr: string }).expr))
    : [];
  return [...golden, ...fromShared];
}

function benchParse(): void {
  const inputs = corpus();
  const ours = time(() => { for (const s of inputs) parseTextProgram(s); }, 20);
  const theirs = time(() => { for (const s of inputs) math.parse(s); }, 20);
  console.log(`parse: ${inputs.length} expressions`);
  console.log(`  chainrule ${(ours / inputs.length).toFixed(1)} µs/expr, mathjs.parse ${(theirs / inputs.length).toFixed(1)} µs/expr, ratio chainrule/mathjs = ${(ours / theirs).toFixed(2)}`);
  const long = Array.from({ length: 200 }, (_, i) => `w${i}*x${i}`).join(' + ');
  const ol = time(() => parseTextProgram(long), 20);
  const tl = time(() => math.parse(long), 20);
  console.log(`  a 200-term sum (${long.length} chars): chainrule ${ol.toFixed(0)} µs, mathjs ${tl.toFixed(0)} µs, ratio ${(ol / tl).toFixed(2)}`);
}

function benchEval(): void {
  // the 2-layer network's loss, evaluated at many points
  const src = 'BCE(sigmoid(v1*sigmoid(w1*x + b1) + v2*sigmoid(w2*x + b2) + c), y)';
  const tree = mainExpr(parseTextProgram(src));
  const vars = freeSymbols(tree);
  const f = compile(tree, vars);
  const vals = new Float64Array(vars.map((_, i) => 0.1 + i / 10));
  const at = Object.fromEntries(vars.map((v, i) => [v, vals[i]!]));
  const p = 's(v1*s(w1*x + b1) + v2*s(w2*x + b2) + c)';
  const mjs = math.compile(`-(y*log(${p}) + (1-y)*log(1-${p}))`);
  // mathjs names: our canonical v_1 is v1 there
  const scope = { ...Object.fromEntries(vars.map((v, i) => [v.replace('_', ''), vals[i]!])), s: (z: number) => 1 / (1 + Math.exp(-z)) };
  const tc = time(() => f(vals), 20000) * 1000;
  const tw = time(() => evaluate(tree, at), 5000) * 1000;
  const tm = time(() => mjs.evaluate(scope), 5000) * 1000;
  console.log('evaluate: 2-layer network loss, one point');
  console.log(`  compiled ${tc.toFixed(0)} ns, tree walk ${tw.toFixed(0)} ns, mathjs compiled evaluate ${tm.toFixed(0)} ns; ratio compiled/mathjs = ${(tc / tm).toFixed(3)}`);
}

/** The sections, in the order `npm run bench` runs them. */
const SECTIONS: Record<string, () => unknown> = {
  parse: benchParse,
  eval: benchEval,
  startup: async () => (await import('./startup.js')).benchStartup(),
  numeric: async () => (await import('./numeric.js')).benchNumeric(),
  derive: async () => (await import('./derive.js')).benchDerive(),
  ops: async () => (await import('./ops.js')).benchOps(),
  deriveop: async () => (await import('./deriveop.js')).benchDeriveOp(),
  maxima: async () => (await import('./maxima.js')).benchMaxima(),
  sympy: async () => (await import('./sympy.js')).benchSympy(),
  verify: async () => (await import('./verify.js')).benchVerify(root),
  graph: async () => (await import('./graph.js')).benchGraph(),
  load: async () => (await import('./load.js')).benchLoad(),
  worksheet: async () => (await import('./worksheet.js')).benchWorksheet(root),
  tensor: async () => (await import('./tensor.js')).benchTensor(),
  indexed: async () => (await import('./indexed.js')).benchIndexed(),
  soak: async () => (await import('./soak.js')).soak(3000, 1),
};

// `npm run bench [section …]`: each section in a process of its own (a fresh heap and fresh JIT
// state: one process running every section measured later sections after the earlier ones' garbage
// and caches, and one task of the Maxima section ran 3–4× slower in one such run); `--in-process`
// runs the named sections here (what each child does).
const args = process.argv.slice(2);
const inProcess = args.includes('--in-process');
const names = args.filter((a) => a !== '--in-process');
const unknown = names.filter((n) => !Object.hasOwn(SECTIONS, n));
if (unknown.length) {
  console.error(`unknown bench section ${unknown.join(', ')}; the sections: ${Object.keys(SECTIONS).join(', ')}`);
  process.exit(2);
}
const chosen = names.length ? names : Object.keys(SECTIONS);
if (inProcess) {
  for (const n of chosen) await SECTIONS[n]!();
} else {
  const { spawnSync } = await import('node:child_process');
  for (const n of chosen) {
    const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), n, '--in-process'], { stdio: 'inherit' });
    if (r.status !== 0) console.log(`(bench section ${n} exited with ${r.status ?? r.signal})`);
  }
}
