// Writes dist/bin/core.cache, V8's code cache for the bundled CLI (scripts/build-cli.mjs): loads the
// bundle as the binary does (dist/bin/load.js, here without a cache), runs the commands whose start-up
// counts in-process — derive (text, LaTeX, JSON), the batch, simplify, verify, eval, parse, latex,
// graph — and saves the bytecode of every function they compiled. Run by build-cli.mjs in a fresh
// process with no V8 flags, as the binary runs (V8 rejects a cache made under other flags).
import { renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'bin');
process.env.CHAINRULE_CODE_CACHE = '0';
// the batch answers in this thread, so its request path is compiled here too
process.env.CHAINRULE_BATCH_IN_PROCESS = '1';
const { loadCore, CACHE } = createRequire(import.meta.url)(join(bin, 'load.js'));
const { exports: core, script } = loadCore();

const sink = () => new Writable({ write: (_c, _e, done) => done() });
const io = (input = '') => ({ stdin: Readable.from([input]), stdout: sink(), stderr: sink() });
const G1 = 'BCE(σ(w*x+b), y)';
const runs = [
  ['derive', G1, '--wrt', 'w'],
  ['derive', 'z = wx + b; y = σ(z); L = BCE(y, ŷ)', '--wrt', 'w', '-f', 'latex'],
  ['derive', G1, '--wrt', 'w', '-f', 'json'],
  ['simplify', '((1−y)/(1−s) − y/s)·s(1−s)'],
  ['verify', '--problem', G1, '--wrt', 'w', '--answer', '(σ(wx+b) − y)x'],
  ['eval', 'σ(1)'],
  ['parse', 'x^2/(1+x)'],
  ['latex', 'x^2/(1+x)'],
  ['graph', 'z = w*x + b; p = σ(z); L = BCE(p, y)', '--at', 'w=1, x=2, b=0, y=1'],
];
for (const argv of runs) {
  const code = await core.runCli(argv, io());
  if (code !== 0) throw new Error(`training run ${JSON.stringify(argv)} exited ${code}`);
}
const batch = `${JSON.stringify({ id: 1, op: 'derive', expr: G1, wrt: ['w'] })}\n${JSON.stringify({ id: 2, op: 'verify', expr: G1, wrt: 'w', answer: '(σ(wx+b) − y)x' })}\n`;
if ((await core.runCli(['batch'], io(batch))) !== 0) throw new Error('training batch failed');

const tmp = `${CACHE}.${process.pid}`;
writeFileSync(tmp, script.createCachedData());
renameSync(tmp, CACHE);
