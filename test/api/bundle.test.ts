// The bundled binary (dist/bin/chainrule.js, package.json `bin`, built by scripts/build-cli.mjs: one
// CommonJS script loaded through V8's code cache) answers exactly as the tsc output it is bundled
// from (dist/src/api/cli.js): every command — output, messages and exit code — the batch in its own
// bundled worker, the worksheet's files, and serve and mcp, which it imports from dist/src.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUNDLE = join(root, 'dist', 'bin', 'chainrule.js');
const PLAIN = join(root, 'dist', 'src', 'api', 'cli.js');
const run = (bin: string, args: string[], input = '') => {
  const r = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', cwd: root, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const G1 = 'BCE(σ(wx+b), ŷ)';
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'chainrule-bundle-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.skipIf(!existsSync(BUNDLE))('the bundled CLI', { timeout: 180_000 }, () => {
  it.each([
    [['parse', G1]],
    [['parse', 'z = wx + b; y = σ(z)', '-f', 'json']],
    [['eval', 'σ(1)']],
    // 1 − σ(40) needs the 64- and 128-digit decimals: mathjs, a bundle of its own (dist/bin/mathjs.js)
    [['eval', '1 - σ(40)']],
    [['latex', 'x^2/(1+x)']],
    [['derive', G1, '--wrt', 'w']],
    [['derive', G1, '--wrt', 'w', '-f', 'json']],
    [['derive', 'z = wx + b; y = σ(z); L = BCE(y, ŷ)', '--wrt', 'w', '-f', 'latex']],
    [['derive', G1, '--wrt', 'w', '--lang', 'ko']],
    [['simplify', '((1−y)/(1−s) − y/s)·s(1−s)']],
    [['graph', 'z = w*x + b; p = σ(z); L = BCE(p, y)', '--at', 'w=1, x=2, b=0, y=1']],
    [['graph', 'z = w*x + b; p = σ(z); L = BCE(p, y)', '--at', 'w=1, x=2, b=0, y=1', '-f', 'svg']],
    [['descend', 'L = Σ_i (y_i - (a x_i + b))^2', '--data', 'x=-2,0,1; y=-1,1,2', '--start', 'a=2, b=1', '--rate', '0.1', '--steps', '2']],
    [['verify', '--problem', G1, '--wrt', 'w', '--answer', 'σ(wx+b) − ŷ']],
    [['demo']],
    [['--help']],
    [['--version']],
    // user errors: the same message, caret and exit code 2
    [['derive', '((x', '--wrt', 'x']],
    [['frob']],
  ])('%j answers as the unbundled CLI', (args) => {
    const bundled = run(BUNDLE, args);
    expect(bundled.stdout.length + bundled.stderr.length).toBeGreaterThan(0);
    expect(bundled).toEqual(run(PLAIN, args));
  });

  it('the batch answers as the unbundled batch, each line', () => {
    const lines = `${[
      { id: 1, op: 'derive', expr: 'σ(x)', wrt: 'x' },
      { id: 2, op: 'verify', expr: 'σ(x)', wrt: 'x', answer: 'σ(x)(1-σ(x))' },
      { id: 3, op: 'parse', expr: '((x' },
      { id: 4, op: 'evaluate', expr: 'log(σ(-800))' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n')}\n`;
    const out = run(BUNDLE, ['batch'], lines);
    expect(out.stdout.trim().split('\n')).toHaveLength(4);
    expect(out).toEqual(run(PLAIN, ['batch'], lines));
  });

  it('the worksheet writes the same sheets', () => {
    const [a, b] = [tempDir(), tempDir()];
    const args = (out: string) => ['worksheet', join(root, 'docs', 'examples', 'backprop.yaml'), '-o', out, '-f', 'html,tex', '-q'];
    const bundled = run(BUNDLE, args(a));
    expect(bundled.code).toBe(0);
    expect(run(PLAIN, args(b)).code).toBe(0);
    const files = readdirSync(a).sort();
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(readdirSync(b).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(a, f), 'utf8'), f).toBe(readFileSync(join(b, f), 'utf8'));
  });

  it('serve answers over HTTP (the server imported from dist/src)', async () => {
    const child: ChildProcess = spawn(process.execPath, [BUNDLE, 'serve', '--port', '0', '--host', '127.0.0.1', '--workers', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let seen = '';
        child.stdout!.on('data', (d: Buffer) => {
          seen += d.toString();
          const m = /listening on (http:\/\/[^\s"]+)/.exec(seen);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (c) => reject(new Error(`serve exited ${c}: ${seen}`)));
      });
      const res = await fetch(`${url}/v1/derive`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ expr: 'σ(x)', wrt: 'x' }) });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { result: string }).result).toBe('sigmoid(x)*(1 - sigmoid(x))');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('mcp lists its tools and derives (the MCP server imported from dist/src)', async () => {
    const client = new Client({ name: 'chainrule-bundle-test', version: '1.0.0' });
    const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [BUNDLE, 'mcp'], env: { ...env, CHAINRULE_WORKERS: '1' }, stderr: 'pipe' }));
    try {
      expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(['derive', 'evaluate', 'graph', 'simplify', 'verify']);
      const r = await client.callTool({ name: 'derive', arguments: { expr: 'σ(x)', wrt: 'x' } });
      expect((r.structuredContent as { result: string }).result).toBe('sigmoid(x)*(1 - sigmoid(x))');
    } finally {
      await client.close();
    }
  });

  it('a reader that has gone away (EPIPE) ends the output quietly: no stack trace, exit 0', async () => {
    const child = spawn(process.execPath, [BUNDLE, 'derive', G1, '--wrt', 'w', '-f', 'json'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // closed before the command writes (it starts in ~0.1 s)
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled|\n\s+at /);
    expect(code).toBe(0);
  });

  it('without its code cache it answers the same, and writes a fresh cache as it exits', () => {
    const bin = join(tempDir(), 'bin');
    cpSync(dirname(BUNDLE), bin, { recursive: true });
    rmSync(join(bin, 'core.cache'));
    const args = ['derive', G1, '--wrt', 'w'];
    const expected = run(BUNDLE, args);
    const env = { ...process.env, NODE_OPTIONS: '' };
    const plain = (a: string[]) => spawnSync(process.execPath, [join(bin, 'chainrule.js'), ...a], { encoding: 'utf8', env });
    expect(plain(args).stdout).toBe(expected.stdout);
    expect(existsSync(join(bin, 'core.cache'))).toBe(true);
    const accepted = spawnSync(process.execPath, ['-e', `process.stdout.write(String(require(${JSON.stringify(join(bin, 'load.js'))}).loadCore().cacheRejected))`], {
      encoding: 'utf8',
      env,
    });
    expect(accepted.stdout).toBe('false');
    expect(plain(args).stdout).toBe(expected.stdout);
  });

  it("raising V8's tier-up threshold (a derive, the batch's worker) keeps every code cache: a worker started after it loads its own", () => {
    // load.js raises V8's interrupt budget once a cache is loaded; V8 keys a cache by its flags, so a
    // thread loading after the raise must load under the initial flags (docs/performance.md, third pass)
    const load = JSON.stringify(join(root, 'dist', 'bin', 'load.js'));
    const dir = tempDir();
    const worker = join(dir, 'worker.cjs');
    writeFileSync(worker, `require('node:worker_threads').parentPort.postMessage(String(require(${load}).loadCore({ tiering: true }).cacheRejected));`);
    const main = join(dir, 'main.cjs');
    writeFileSync(
      main,
      `const rejected = require(${load}).loadCore({ tiering: true }).cacheRejected;
      const w = new (require('node:worker_threads').Worker)(${JSON.stringify(worker)});
      w.on('message', (m) => { process.stdout.write(rejected + ' ' + m); void w.terminate(); });`,
    );
    // script files, not -e: load.js leaves V8's flags alone when the node command line has options
    const r = spawnSync(process.execPath, [main], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('false false');
  });

  it('a derive raises the tier-up threshold quietly: no deprecation warning on stderr', () => {
    const r = spawnSync(process.execPath, [BUNDLE, 'derive', 'x^2', '--wrt', 'x'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('loads through its code cache: V8 accepts the cache the build trained', () => {
    const r = spawnSync(process.execPath, ['-e', `process.stdout.write(String(require(${JSON.stringify(join(root, 'dist', 'bin', 'load.js'))}).loadCore().cacheRejected))`], {
      encoding: 'utf8',
    });
    expect(r.stdout).toBe('false');
  });
});
