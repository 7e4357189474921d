// The published package works by name: `npm pack` the project (dist as built by `npm run build`,
// rebuilt here when stale), unpack the tarball into a temporary project's node_modules/chainrule
// and import it as `chainrule` — the exports map, the types and the bin. No network: the runtime
// dependencies are linked from this project's node_modules (an offline `npm install` of the
// tarball needs registry metadata that `npm ci` does not cache).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string>; dependencies: Record<string, string> };
let dir = '';

function stale(): boolean {
  let out = !existsSync(join(ROOT, 'dist', 'src', 'index.js'));
  const walk = (d: string): void => {
    for (const ent of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, ent.name);
      if (ent.isDirectory()) walk(p);
      else if (ent.name.endsWith('.ts') && !ent.name.endsWith('.d.ts')) {
        const js = join(ROOT, 'dist', relative(ROOT, p)).replace(/\.ts$/, '.js');
        if (!existsSync(js) || statSync(js).mtimeMs < statSync(p).mtimeMs) out = true;
      }
    }
  };
  walk(join(ROOT, 'src'));
  return out;
}

beforeAll(() => {
  if (stale()) {
    try {
      execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
    } catch {
      // tsc emits despite type errors elsewhere; the imports below say whether dist works
    }
  }
  dir = mkdtempSync(join(tmpdir(), 'chainrule-pack-'));
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const tarball = join(dir, (JSON.parse(out) as Array<{ filename: string }>)[0]!.filename);
  const home = join(dir, 'node_modules', 'chainrule');
  mkdirSync(home, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', home, '--strip-components=1']);
  for (const dep of Object.keys(PKG.dependencies)) {
    mkdirSync(dirname(join(dir, 'node_modules', dep)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', dep), join(dir, 'node_modules', dep), 'dir');
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'uses-chainrule', private: true, type: 'module' }));
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('the packed package', () => {
  it('holds dist and the docs, not the sources or tests', () => {
    const files = readdirSync(join(dir, 'node_modules', 'chainrule'));
    expect(files.sort()).toEqual(['README.md', 'dist', 'docs', 'package.json']);
    expect(existsSync(join(dir, 'node_modules', 'chainrule', 'dist', 'src', 'index.d.ts'))).toBe(true);
  });

  it("import { derive, verify } from 'chainrule' works, G1 included", { timeout: 120_000 }, () => {
    writeFileSync(
      join(dir, 'use.mjs'),
      `import { derive, verify, toLatex, evaluate, OP_NAMES, ChainruleError } from 'chainrule';
const d = await derive({ expr: 'z = wx + b; y = σ(z); L = BCE(y, ŷ)', wrt: ['w', 'b'] });
const v = await verify({ problem: { expr: 'BCE(σ(wx+b), ŷ)', wrt: 'w' }, answer: '(σ(wx+b) − ŷ)x' });
let bad = null;
try { await derive({ expr: 'x^2', wtr: 'x' }); } catch (e) { bad = e instanceof ChainruleError ? e.code + ' ' + e.message : String(e); }
console.log(JSON.stringify({ result: d.chain.gradients.w.substituted.text, status: d.check.status, verdict: v.verdict, latex: await toLatex('σ(wx+b)'), value: (await evaluate({ expr: '0.1 + 0.2' })).exact, ops: OP_NAMES.length, bad }));
`,
    );
    const got = JSON.parse(node(['use.mjs'])) as Record<string, unknown>;
    expect(got).toEqual({
      result: '(sigmoid(w*x + b) - y_hat)*x',
      status: 'verified',
      verdict: 'correct',
      latex: '\\sigma(wx + b)',
      value: '3/10',
      ops: 8,
      bad: expect.stringMatching(/^BAD_REQUEST .*"wtr".*"wrt"/),
    });
  });

  it('the library example of docs/api.md runs and prints what its comments say', { timeout: 120_000 }, () => {
    const doc = readFileSync(join(ROOT, 'docs', 'api.md'), 'utf8');
    const code = /## Library\n\n```js\n([\s\S]*?)```/.exec(doc)![1]!;
    writeFileSync(join(dir, 'example.mjs'), code);
    const printed = node(['example.mjs']).trimEnd().split('\n');
    // each console.log line's comment is the start of what it prints (… elides the rest)
    const said = [...code.matchAll(/console\.log\(.*\/\/ (.*)$/gm)].map((m) => m[1]!.split(' … ')[0]!);
    expect(printed).toHaveLength(said.length);
    said.forEach((s, i) => expect(printed[i]!.startsWith(s), `${printed[i]} / ${s}`).toBe(true));
  });

  it('the bin answers (what npx chainrule runs)', { timeout: 60_000 }, () => {
    const bin = join(dir, 'node_modules', 'chainrule', PKG.bin['chainrule']!);
    expect(node([bin, '--version']).trim()).toBe(PKG.version);
    expect(node([bin, 'eval', '0.1 + 0.2', '--exact'])).toBe('3/10\n');
  });

  it('its types resolve for a TypeScript user (NodeNext)', { timeout: 180_000 }, () => {
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['use.ts'] }));
    writeFileSync(
      join(dir, 'use.ts'),
      `import { derive, type DeriveResponse, type RequestOf } from 'chainrule';
const req: RequestOf<'derive'> = { expr: 'x^2', wrt: 'x' };
export const r: Promise<DeriveResponse> = derive(req);
// @ts-expect-error a misspelt field is a type error too
export const bad = derive({ expr: 'x^2', wtr: 'x' });
`,
    );
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
  });
});
