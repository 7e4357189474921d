// `chainrule graph` and `chainrule descend` end to end: spawns the built CLI (dist/, rebuilt by
// beforeAll when a source file of src/graph or src/api is newer than its output). Rows are
// [args, exit code, stdout must contain, stderr must contain]; no stack trace ever reaches stderr.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'dist', 'src', 'api', 'cli.js');

function stale(): boolean {
  for (const dir of ['src/graph', 'src/api']) {
    for (const f of readdirSync(join(ROOT, dir))) {
      if (!f.endsWith('.ts')) continue;
      const out = join(ROOT, 'dist', dir, f.replace(/\.ts$/, '.js'));
      if (!existsSync(out) || statSync(out).mtimeMs < statSync(join(ROOT, dir, f)).mtimeMs) return true;
    }
  }
  return false;
}

beforeAll(() => {
  if (!stale()) return;
  try {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
  } catch {
    // tsc emits despite type errors elsewhere in the tree; the staleness check below decides
  }
  if (stale()) throw new Error('dist is stale after npm run build');
}, 120_000);

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'chainrule-graph-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CSV = join(dir, 'g3.csv');
const JSONF = join(dir, 'g3.json');
const BADJSON = join(dir, 'bad.json');
writeFileSync(CSV, 'x,y\n-2,-1\n0,1\n1,2\n');
writeFileSync(JSONF, JSON.stringify([{ x: -2, y: -1 }, { x: 0, y: 1 }, { x: 1, y: 2 }]));
writeFileSync(BADJSON, '{"x": [1, 2');

const G2 = 'z = w0 + w1*x1 + w2*x2; p = σ(z); L = BCE(p, y)';
const G2_AT = 'w0=-3, w1=2, w2=-3, x1=-1, x2=-2, y=1';
const G3 = 'L = Σ_i (y_i - (a x_i + b))^2';
const STEP = ['--start', 'a=2, b=1', '--rate', '0.1', '--steps', '1'];

const ROWS: [args: string[], code: number, stdout: (string | RegExp)[], stderr: (string | RegExp)[]][] = [
  [['graph', G2, '--at', G2_AT, '--granularity', 'primitive'], 0,
    ['(primitive gates): 24 nodes', /u₄ +·\(−1\) +−z +-1/, /u₅ +exp +e\^u₄ +0\.3679/, /u₆ +\+1 +u₅ \+ 1 +1\.3679/, /p +1\/x +1\/u₆ +0\.7311/,
      /∂p\/∂u₆ = −\(1\/u₆²\) +-0\.5344 +0\.7311/, '∂L/∂w₂ = 0.5379   ✓', '∂L/∂x₂ = 0.8068   ✓', '∂L/∂p = -1.3679 + 0 = -1.3679', 'check: verified'], []],
  [['graph', G2, '--at', G2_AT, '--granularity', 'fused'], 0, ['σ→BCE', '(inside: σ = p = 0.7311)', '∂L/∂z = σ(z) − y', '∂L/∂w₀ = -0.2689'], []],
  [['graph', 'x*x', '--at', 'x=3'], 0, ['x → f (port x)', 'x → f (port y)', '∂f/∂x = 3 + 3 = 6'], []],
  [['graph', 'q = x + y; f = q z', '--at', 'x=-2, y=5, z=-4', '--format', 'json'], 0, ['"exact": "-12"', '"granularity": "standard"'], []],
  [['graph', G3, '--at', 'a=2, b=1', '--data', 'x=-2,0,1; y=-1,1,2'], 0, ['∂L/∂a = 8 + 0 + 2 = 10', 'rows (sum over i)'], []],
  [['descend', G3, '--data', 'x=-2,0,1; y=-1,1,2', ...STEP], 0,
    [/^0 +2 +1 +5 +10 +-2$/m, /^1 +1 +1\.2 +0\.12 +-0\.4 +1\.2$/m, 'rows at step 0', 'rows at step 1', /^ {2}Σ +5 +10 +-2$/m, '(exact)'], []],
  [['descend', G3, '--data', CSV, ...STEP], 0, [/^1 +1 +1\.2 +0\.12/m], []],
  [['descend', G3, '--data', JSONF, ...STEP, '--format', 'json'], 0, ['"exact": "3/25"'], []],
  [['descend', 'L = sum_i((y_i - (a x_i + b))^2)', '--data', 'x=-2,0,1; y=-1,1,2', ...STEP], 0, [/^1 +1 +1\.2 +0\.12/m], []],
  // user errors: exit 2, caret under the position
  [['graph', 'x*y + w', '--at', 'x=1, y=2'], 2, [], ['error UNBOUND_VARIABLE', 'x*y + w\n      ^']],
  [['graph', G2, '--at', G2_AT, '--granularity', 'coarse'], 2, [], ['coarse']],
  [['descend', G3, '--data', 'x=-2,0,1; y=-1,1', ...STEP], 2, [], ['error BAD_VALUE', '(data, line 1, column 10)']],
  [['descend', G3, '--data', BADJSON, ...STEP], 2, [], ['error BAD_VALUE', 'not valid JSON']],
  [['descend', G3, '--data', 'x=-2,0,1; y=-1,1,2', '--start', 'a=2'], 2, [], ["required option '-r, --rate <rate>'"]],
];

describe('chainrule graph / descend', () => {
  it.each(ROWS)('%j → exit %i', async (args, code, out, err) => {
    const r = await run(args);
    expect(r.code, r.stderr).toBe(code);
    for (const w of out) (typeof w === 'string' ? expect(r.stdout).toContain(w) : expect(r.stdout).toMatch(w));
    for (const w of err) (typeof w === 'string' ? expect(r.stderr).toContain(w) : expect(r.stderr).toMatch(w));
    expect(r.stderr).not.toMatch(/\n\s+at |node:internal/);
    if (code !== 0) expect(r.stdout).toBe('');
  });
});
