// The `chainrule` command line. Every row runs in-process (main(argv, io) of src/api/cliMain.ts
// with captured streams); the rows in REAL also run as a real process, `node dist/src/api/cli.js`
// (the built binary, what `npx chainrule` runs), as does the batch comparison. `npm test` builds
// dist first (the pretest script); when this file runs on its own and dist is missing or older
// than a source file, beforeAll runs `npm run build` once. Rows are [args, stdin, exit code,
// stdout must contain, stderr must contain]; every row also checks that no stack trace reaches
// stderr and that a failure prints nothing on stdout.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { handleLine } from '../../src/api/batch.js';
import { runCli } from '../helpers/cli.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'dist', 'src', 'api', 'cli.js');

/** Source files whose compiled output is missing or older than the source. */
function staleOutputs(): string[] {
  const stale: string[] = [];
  const walk = (dir: string): void => {
    for (const ent of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, ent.name);
      if (ent.isDirectory()) walk(p);
      else if (ent.name.endsWith('.ts') && !ent.name.endsWith('.d.ts')) {
        const out = join(ROOT, 'dist', relative(ROOT, p)).replace(/\.ts$/, '.js');
        if (!existsSync(out) || statSync(out).mtimeMs < statSync(p).mtimeMs) stale.push(relative(ROOT, p));
      }
    }
  };
  walk(join(ROOT, 'src'));
  return existsSync(CLI) ? stale : ['dist/src/api/cli.js', ...stale];
}

beforeAll(() => {
  if (staleOutputs().length === 0) return;
  let log = '';
  try {
    log = execFileSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    // tsc still emits on type errors elsewhere in the tree; only fail if our outputs are stale.
    log = String((e as { stdout?: string }).stdout ?? '') + String((e as { stderr?: string }).stderr ?? '');
  }
  const still = staleOutputs();
  if (still.length) throw new Error(`dist is stale after npm run build (${still.slice(0, 5).join(', ')}):\n${log}`);
}, 120_000);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI in-process: main() with captured stdout/stderr and the given stdin. */
const runIn = runCli;

/** The built binary as a real process. */
function run(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

type Want = string | RegExp | Array<string | RegExp>;
type Row = [args: string[], stdin: string | undefined, code: number, stdout: Want, stderr: Want];

const wants = (w: Want): Array<string | RegExp> => (Array.isArray(w) ? w : [w]);
/** The input line with a caret of `width` under 1-based `column` (formatError's layout). */
const caret = (text: string, column: number, width: number) => `${text}\n${' '.repeat(column - 1)}${'^'.repeat(width)}\n`;
const STACK = /\n\s+at |node:internal|\.[jt]s:\d+:\d+|Error: .*\n\s+at/;

const G1 = 'z = wx + b; y = σ(z); L = BCE(y, ŷ)';
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const ROWS: Row[] = [
  // ---- parse ----
  [['parse', G1], undefined, 0, 'z = w*x + b\ny = sigmoid(z)\nL = BCE(y, y_hat)\n', ''],
  [['parse', G1, '--format', 'unicode'], undefined, 0, 'z = wx + b\ny = σ(z)\nL = BCE(y, ŷ)\n', ''],
  [['parse', G1, '--format', 'latex'], undefined, 0, 'z = wx + b\ny = \\sigma(z)\nL = \\operatorname{BCE}(y, \\hat{y})\n', ''],
  [['parse', 'ŷ = σ(z); 2ŷ', '-f', 'latex'], undefined, 0, '\\hat{y} = \\sigma(z)\n2\\hat{y}\n', ''],
  [['parse', 'ŷ = σ(z)', '-f', 'unicode'], undefined, 0, 'ŷ = σ(z)\n', ''],
  [['parse', 'ŷ = σ(z)'], undefined, 0, 'y_hat = sigmoid(z)\n', ''],
  [['parse', 'BCE(σ(z), ŷ)', '--format', 'json'], undefined, 0, ['"text": "BCE(sigmoid(z), y_hat)"', '"kind": "call"', '"definitions": []'], ''],
  [['parse', 'loss*lr', '--vars', 'loss, lr'], undefined, 0, 'loss*lr\n', ''],
  // undeclared words are products of letters, and the reading says so (issue 9)
  [['parse', 'loss*lr'], undefined, 0, /^l\*o\*s\*s\*\(?l\*r\)?\n$/, /^note: loss was read as the product l·o·s·s; to mean one symbol, declare loss as a name\.\n$/],
  [['parse', '\\frac{1}{1+e^{-z}}'], undefined, 0, '1/(1 + exp(-z))\n', ''],
  [['parse', '\\frac{1}{2}', '--notation', 'text'], undefined, 2, '', ['error INVALID_CHARACTER', caret('\\frac{1}{2}', 1, 1)]],
  [['parse', '1 +* 2'], undefined, 2, '', ['error UNEXPECTED_TOKEN', '(expr, line 1, column 4)', caret('1 +* 2', 4, 1)]],
  [['parse', 'a = 1\nb = (a'], undefined, 2, '', ['error UNBALANCED_PAREN', '(expr, line 2, column 5)', caret('b = (a', 5, 1)]],
  [['parse', ''], undefined, 2, '', 'error EMPTY_INPUT'],
  [['parse', `${'('.repeat(10_000)}x${')'.repeat(10_000)}`], undefined, 2, '', ['error NESTING_TOO_DEEP', '(expr, line 1, column 501)']],
  // ---- latex ----
  [['latex', '(y − ŷ)/(y(1 − y)) · y(1 − y)'], undefined, 0, '\\frac{y - \\hat{y}}{y(1 - y)} \\cdot y(1 - y)\n', ''],
  [['latex', '\\frac{1}{1+e^{-z}}'], undefined, 0, '\\frac{1}{1 + e^{-z}}\n', ''],
  [['latex', 'W_1 x', '--layer-index'], undefined, 0, 'W^{(1)}x\n', ''],
  [['latex', 'W_1 x'], undefined, 0, 'W_{1}x\n', ''],
  [['latex', 'sigmod(x)'], undefined, 2, '', ['did you mean sigmoid?', caret('sigmod(x)', 1, 6)]],
  // ---- eval ----
  [['eval', 'BCE(σ(wx+b), ŷ)', '--at', 'w=0.5, x=2, b=-0.5, ŷ=1'], undefined, 0, '0.47407698418010663\n', ''],
  [['eval', G1, '--at', 'w=0.5, x=2, b=-0.5, y_hat=1'], undefined, 0, '0.47407698418010663\n', ''],
  [['eval', '0.1 + 0.2'], undefined, 0, '0.3\n', ''],
  [['eval', '0.1 + 0.2', '--exact'], undefined, 0, '3/10\n', ''],
  [['eval', 'sin(x)', '--at', 'x=1', '--exact'], undefined, 0, '0.8414709848078965\n', ''],
  [['eval', 'x_2 + ŷ', '-a', 'x₂=1; y_hat=1/2', '--exact'], undefined, 0, '3/2\n', ''],
  [['eval', 'a = 2; b = a^2 + 1; b/a', '--exact'], undefined, 0, '5/2\n', ''],
  [['eval', 'loss*lr', '--vars', 'loss,lr', '--at', 'loss=2, lr=0.1', '--exact'], undefined, 0, '1/5\n', ''],
  [['eval', 'exp(1000)'], undefined, 2, '', ['error NOT_FINITE']],
  [['eval', '\\frac{1}{1+e^{-z}}', '--at', 'z=0'], undefined, 0, '0.5\n', ''],
  [['eval', 'sigmod(x)', '--at', 'x=1'], undefined, 2, '', 'error UNKNOWN_FUNCTION: Unknown function sigmod; did you mean sigmoid? (expr, line 1, column 1)\n' + caret('sigmod(x)', 1, 6)],
  [['eval', 'x + y', '--at', 'x=1, y=abc'], undefined, 2, '', ['error BAD_VALUE', '(at, line 1, column 8)', caret('x=1, y=abc', 8, 3)]],
  [['eval', '1 + log(-2)'], undefined, 2, '', ['error DOMAIN', '(expr, line 1, column 5)', caret('1 + log(-2)', 5, 7)]],
  [['eval', 'x + y', '--at', 'x=1'], undefined, 2, '', ['error UNBOUND_VARIABLE', caret('x + y', 5, 1)]],
  [['eval', 'x', '--at', 'x=1, x₁=2, x=3'], undefined, 2, '', ['error BAD_REQUEST', '(at, line 1, column 14)', caret('x=1, x₁=2, x=3', 14, 1)]],
  [['eval', 'x', '--at', 'x=1/0'], undefined, 2, '', ['error BAD_VALUE', caret('x=1/0', 3, 3)]],
  [['eval', 'x', '--at', '2x=1'], undefined, 2, '', ['error BAD_NAME', caret('2x=1', 1, 2)]],
  [['eval', 'x', '--at', 'x'], undefined, 2, '', ['error BAD_VALUE', 'name=number']],
  [['eval', 'z = 2x; z', '--at', 'x=1, z=2'], undefined, 2, '', ['error BAD_VALUE', 'defined']],
  [['eval', `${'x + '.repeat(60)}sigmod(x)`, '--at', 'x=1'], undefined, 2, '', ['(expr, line 1, column 241)', /\n…[x +]+sigmod\(x\)\n {41}\^{6}\n/]],
  // ---- batch, demo, commander ----
  [['batch'], '', 0, /^$/, ''],
  [['batch'], '{"id":1,"op":"evaluate","expr":"x₁ + 0.1","at":{"x_1":"0.2"}}\n', 0, '{"id":1,"ok":true,"value":0.3,"exact":"3/10"}\n', ''],
  [['batch'], '{bad\n\n{"id":2,"op":"nope"}\n', 0, ['"code":"BAD_REQUEST"', '"id":2,"ok":false,"error":{"code":"UNKNOWN_OP"'], ''],
  [['demo'], undefined, 0, ['G1', '∂L/∂z = (y − ŷ)/(y(1 − y))·y(1 − y) = y − ŷ', '∂L/∂w = (y − ŷ)x = (σ(wx + b) − ŷ)x', 'check: verified'], 'note: BCE: y is taken as the prediction and ŷ as the label (by position).'],
  [['--version'], undefined, 0, `${version}\n`, ''],
  [['--help'], undefined, 0, ['Usage: chainrule', 'parse', 'eval', 'latex', 'batch', 'demo'], ''],
  [['parse', 'x', '--format', 'yaml'], undefined, 2, '', ["argument 'yaml' is invalid", 'text, unicode, latex, json']],
  [['parse', 'x', '--notation', 'tex'], undefined, 2, '', "argument 'tex' is invalid"],
  [['frob'], undefined, 2, '', "unknown command 'frob'"],
  [[], undefined, 2, '', 'Usage: chainrule'],
  // verify reads names and abstract functions as the other commands do (issue 9)
  [['verify', '--problem', '(yhat - y)^2', '--wrt', 'yhat', '--answer', '2(yhat - y)', '--vars', 'yhat'], undefined, 0, 'verdict: correct', ''],
  [['verify', '--problem', 'g(f(x))', '--wrt', 'x', '--answer', "g'(f(x)) f'(x)", '--functions', 'f,g'], undefined, 0, 'verdict: correct', ''],
  [['verify', '--problem', 'g(f(x))', '--wrt', 'x', '--answer', "g'(x) f'(x)", '--functions', 'f,g'], undefined, 0, 'verdict: incorrect', ''],
  [['eval'], undefined, 2, '', "missing required argument 'expr'"],
  [['eval', 'x', '--at', 'x=1', '--bogus'], undefined, 2, '', "unknown option '--bogus'"],
  [['eval', 'x', '--at'], undefined, 2, '', "option '-a, --at <point>' argument missing"],
];

/** Rows that also run as a real process: output, errors, exit codes, stdin and commander's own. */
const REAL = new Set(['["parse","1 +* 2"]', '["eval","0.1 + 0.2","--exact"]', '["eval","x + y","--at","x=1, y=abc"]', '["batch"]', '["--version"]', '[]', '["frob"]', '["demo"]']);

describe('chainrule CLI', () => {
  it.concurrent.for(ROWS)('%j (stdin %j) → exit %i', async ([args, stdin, code, out, err], { expect }) => {
    await expectRow(await runIn(args, stdin), code, out, err, expect);
  });

  // one process at a time, with room for a loaded machine (a spawn is ~100 ms on an idle one)
  it.for(ROWS.filter(([args]) => REAL.has(JSON.stringify(args))))('real process: %j (stdin %j) → exit %i', { timeout: 60_000 }, async ([args, stdin, code, out, err], { expect }) => {
    await expectRow(await run(args, stdin), code, out, err, expect);
  });

  async function expectRow(r: Run, code: number, out: Want, err: Want, expect: typeof import('vitest').expect): Promise<void> {
    const show = `stdout:\n${r.stdout}\nstderr:\n${r.stderr}`;
    expect(r.code, show).toBe(code);
    for (const w of wants(out)) w === '' ? expect(r.stdout, show).toBe('') : expect(r.stdout, show).toMatch(w);
    for (const w of wants(err)) w === '' ? expect(r.stderr, show).toBe('') : expect(r.stderr, show).toMatch(w);
    expect(r.stderr, 'no stack trace').not.toMatch(STACK);
    if (code !== 0) expect(r.stdout, 'a failure prints nothing on stdout').toBe('');
  }

  it('a simplify that takes no step says there was nothing to check, not "verified (0 checks)"', async () => {
    const same = await runIn(['simplify', 'x + y']);
    expect(same.stdout).toContain('check: nothing to check (no step was taken)');
    expect(same.stdout).not.toMatch(/verified \(0 checks/);
    const ko = await runIn(['simplify', 'x + y', '--lang', 'ko']);
    expect(ko.stdout).toContain('검산할 것 없음');
    expect((await runIn(['simplify', 'x + x'])).stdout).toContain('check: verified (1 checks verified');
  });

  it('parse --format json prints the parse op response', async () => {
    const r = await runIn(['parse', 'a = 2x; a^2', '--format', 'json']);
    expect(r.code).toBe(0);
    const { id: _id, ok: _ok, ...op } = await handleLine(JSON.stringify({ op: 'parse', expr: 'a = 2x; a^2' }));
    expect(JSON.parse(r.stdout)).toEqual(op);
  });

  it('batch answers like handleLine, line for line, in order', { timeout: 60_000 }, async () => {
    const long = `{"id":"long","op":"latex","expr":"${'x'.repeat(1_000_001)}"}`;
    const lines = [
      '{"id":1,"op":"parse","expr":"BCE(σ(z), ŷ)"}',
      '{"id":2,"op":"evaluate","expr":"σ(wx+b)","at":{"w":2,"x":1.5,"b":"-1/2"}}',
      '{"id":3,"op":"evaluate","expr":"log(x)","at":{"x":-2}}',
      '{"id":{"k":[4]},"op":"evaluate","expr":"x","at":{"x₂":1,"x2":2}}',
      '{"op":"evaluate","expr":"x\\ud800"}',
      '{"id":6,"op":"evaluate","expr":"x\\u0000"}',
      '[6]',
      '{"id":"s","op":"latex","expr":"\\\\frac{1}{1+e^{-z}}"}',
      '{"id":8,"op":"evaluate","expr":"x","at":{"x":NaN}}',
      long,
      `{"id":"deep","op":"parse","expr":"${'('.repeat(10_000)}x${')'.repeat(10_000)}"}`,
      ...Array.from({ length: 200 }, (_, i) => JSON.stringify({ id: `n${i}`, op: i % 2 ? 'evaluate' : 'nope', expr: `${i}/3`, at: {} })),
    ];
    const r = await run(['batch'], lines.join('\n') + '\n');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const got = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
    const want = await Promise.all(lines.map((l) => handleLine(l)));
    expect(got).toEqual(want);
    expect(got[9]).toMatchObject({ id: 'long', error: { code: 'INPUT_TOO_LONG' } });
  });
});
