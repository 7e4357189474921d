// `npm run bench` (and alone: `npm run bench:startup`): start-up of the installed binary
// (dist/bin/chainrule.js) as whole processes, each run paired with a bare `node -e 0` started right
// before it, so the ratio to bare node is taken in the same moment of the machine's load
// (docs/performance.md, "CLI start-up"). CPU seconds (user + system of the child, from bash's `times`,
// to the millisecond) where bash is, else wall time; the median of the pairwise ratios over several
// runs, and the load average. `--against <other build's dist/bin>`: an A/B run of two builds.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BASH = '/bin/bash';

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  /** standard input (a batch's request lines) */
  readonly input?: string;
}

const G1 = 'BCE(σ(w*x+b), y)';
const line = (r: object) => `${JSON.stringify(r)}\n`;
export const STARTUP_CASES: readonly Case[] = [
  { name: `derive "${G1}" --wrt w`, args: ['derive', G1, '--wrt', 'w'] },
  { name: 'derive "x" --wrt x (start-up alone)', args: ['derive', 'x', '--wrt', 'x'] },
  { name: 'eval "σ(1)"', args: ['eval', 'σ(1)'] },
  { name: 'batch, no request', args: ['batch'], input: '' },
  { name: 'batch, one request: derive x', args: ['batch'], input: line({ id: 1, op: 'derive', expr: 'x', wrt: 'x' }) },
  { name: `batch, one request: derive ${G1}`, args: ['batch'], input: line({ id: 1, op: 'derive', expr: G1, wrt: 'w' }) },
];

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Seconds of one whole process: CPU (user + system) through bash's `times` when bash is there, else wall. */
function measure(args: readonly string[], input: string): number {
  if (!existsSync(BASH)) {
    const t = performance.now();
    execFileSync(process.execPath, args, { input, stdio: ['pipe', 'ignore', 'ignore'] });
    return (performance.now() - t) / 1000;
  }
  // `times` prints the shell's user and system time, then its children's: "0m0.068s 0m0.008s"
  const out = execFileSync(BASH, ['-c', '"$@" >/dev/null 2>&1; times', 'bash', process.execPath, ...args], { input, encoding: 'utf8' });
  const children = out.trim().split('\n').at(-1)!;
  const secs = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return secs[0]! + secs[1]!;
}

/** `against`: another build's dist/bin directory (an A/B run: each run measures bare node, then
 * both builds in alternating order, so both see the same moments of the machine's load). */
export function benchStartup(runs = 7, against?: string): void {
  const cli = join(root, 'dist', 'bin', 'chainrule.js');
  const other = against === undefined ? undefined : join(against, 'chainrule.js');
  const what = existsSync(BASH) ? 'CPU (user + system)' : 'wall';
  const load = loadavg()
    .map((x) => x.toFixed(1))
    .join(', ');
  console.log(
    `CLI start-up, whole process: dist/bin/chainrule.js against a bare \`node -e 0\` run just before it; ${what}; median of ${runs} runs, ratio = median of the pairwise ratios (load average ${load})`,
  );
  if (other) console.log(`  A/B: each run also measures ${other} (A), alternating which goes first; B/A = median of the pairwise ratios`);
  for (const c of STARTUP_CASES) {
    const input = c.input ?? '';
    measure([cli, ...c.args], input); // warm-up: the file cache, not the process
    if (other) measure([other, ...c.args], input);
    const ours: number[] = [];
    const bare: number[] = [];
    const ratios: number[] = [];
    const theirs: number[] = [];
    const theirRatios: number[] = [];
    const ab: number[] = [];
    for (let i = 0; i < runs; i++) {
      const b = measure(['-e', '0'], '');
      let a: number;
      let o = Number.NaN;
      if (other && i % 2) {
        o = measure([other, ...c.args], input);
        a = measure([cli, ...c.args], input);
      } else {
        a = measure([cli, ...c.args], input);
        if (other) o = measure([other, ...c.args], input);
      }
      bare.push(b);
      ours.push(a);
      ratios.push(a / b);
      if (other) {
        theirs.push(o);
        theirRatios.push(o / b);
        ab.push(a / o);
      }
    }
    const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`;
    const vs = other ? `; A ${ms(median(theirs)).padStart(6)}, ratio ${median(theirRatios).toFixed(2)}; B/A ${median(ab).toFixed(2)}` : '';
    console.log(`  ${c.name.padEnd(48)} ${ms(median(ours)).padStart(7)}; bare node ${ms(median(bare)).padStart(6)}; ratio ${median(ratios).toFixed(2)}${vs}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--against');
  const against = at > 0 ? process.argv[at + 1] : undefined;
  const rest = process.argv.slice(2).filter((_, i) => i + 2 !== at && i + 2 !== at + 1);
  const runs = Number(rest[0] ?? 7);
  if (!Number.isInteger(runs) || runs < 1 || (at > 0 && !against)) {
    console.error('usage: node dist/bench/startup.js [runs, default 7] [--against <other build\'s dist/bin>]');
    process.exitCode = 2;
  } else benchStartup(runs, against);
}
