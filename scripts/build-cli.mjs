// Bundles the CLI with esbuild into dist/bin/ (package.json `bin`, docs/performance.md "CLI start-up"):
// core.js, ONE CommonJS script with every command (worksheet included; serve and mcp, which find files
// and workers relative to their modules, are imported from dist/src), and core.cache, V8's code cache
// for it, written by a training run of the commands right after the build (scripts/train-cli-cache.mjs);
// mathjs.js and typebox.js, bundles of their own that core.js loads when a command needs them. The
// binary (chainrule.js), the batch's worker (batchWorker.js) and their loader (load.js) are copied
// from scripts/bin/.
// Why CommonJS: Node 20 has no code cache for ES modules, and its ES module loader reads each chunk
// through promises; a vm.Script with cachedData starts without parsing or compiling what it has run.
// `node scripts/build-cli.mjs` (part of `npm run build`, after tsc).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'bin');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

/** `../server/…`, `../mcp/…` imported by cliMain: left to the tsc output (dist/src), loaded by import().
 * mathjs (the complex and decimal tiers, rarely needed, 1.1 MB) and typebox (0.4 MB of ES module
 * functions, which a bundle would create at every start) are bundles of their own beside core.js. */
const unbundled = {
  name: 'unbundled-commands',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/(server|mcp)\// }, (args) =>
      args.importer.endsWith(join('src', 'api', 'cliMain.ts')) ? { path: `../src/${args.path.slice(3)}`, external: true } : undefined,
    );
    b.onResolve({ filter: /^mathjs$/ }, (args) => (args.kind === 'dynamic-import' ? { path: './mathjs.js', external: true } : undefined));
    // typebox (the op schemas for the server's docs, the worksheet's errors): one bundle of its own,
    // typebox.js, whose three entry points each module here reads through a CommonJS shim
    b.onResolve({ filter: /^typebox(\/(compile|value))?$/ }, (args) => ({ path: args.path, namespace: 'typebox-shim' }));
    b.onLoad({ filter: /.*/, namespace: 'typebox-shim' }, (args) => ({
      contents: `module.exports = { __esModule: true, ...require('./typebox.js')[${JSON.stringify(TYPEBOX_PARTS[args.path])}] };`,
      loader: 'js',
    }));
    b.onResolve({ filter: /^\.\/typebox\.js$/ }, (args) => (args.namespace === 'typebox-shim' ? { path: './typebox.js', external: true } : undefined));
    // commander requires node:child_process at load (≈ 3 ms of every start) for executable
    // subcommands, which this CLI has none of: it gets the module on first use instead
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes(join('node_modules', 'commander')) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      contents: "let m; module.exports = new Proxy({}, { get: (_, k) => (m ??= require('node:child_process'))[k] });",
      loader: 'js',
    }));
  },
};
/** CommonJS's module wrapper, plus the import() the bundle calls (below): load.js runs the script and calls the function. */
const WRAPPER = '(function (exports, require, module, __filename, __dirname, __chainrule_import) {';
const TYPEBOX_PARTS = { typebox: 'main', 'typebox/compile': 'compile', 'typebox/value': 'value' };
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: ['node20'],
  charset: 'ascii',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
};
await build({ ...common, stdin: { contents: "export * from 'mathjs';", resolveDir: root }, outfile: join(out, 'mathjs.js') });
const typeboxEntry = Object.entries(TYPEBOX_PARTS)
  .map(([from, as]) => `export * as ${as} from '${from}';`)
  .join('\n');
await build({ ...common, stdin: { contents: typeboxEntry, resolveDir: root }, outfile: join(out, 'typebox.js') });

await build({
  entryPoints: { core: join(root, 'scripts', 'cli-entry.mjs') },
  plugins: [unbundled],
  ...common,
  outdir: out,
  // charset ascii (and ascii() below): load.js reads it as latin1, exact and faster than UTF-8;
  // minified whitespace and syntax, smaller to read; identifiers are kept (error names use them)
  // the modules' own import.meta.url: the bundle's (katexCss resolves katex from it, isolate.ts the worker)
  define: { 'import.meta.url': '__chainrule_bundle_url' },
  banner: { js: "var __chainrule_bundle_url = require('node:url').pathToFileURL(__filename).href;" },
});
// The bundle's few import() (node built-ins, the unbundled server, MCP and mathjs) call the loader's
// import instead (load.js passes it in): a script compiled from a code cache cannot import() by itself.
const core = join(out, 'core.js');
const code = readFileSync(core, 'latin1').replace(/(?<![.\w$])import\("((?:node:|\.\.?\/)[^"]*)"\)/g, '__chainrule_import("$1")');
const left = code.match(/(?<![.\w$])import\("[^"]*"\)/g);
if (left) throw new Error(`build-cli: import() the loader does not handle: ${left.join(', ')}`);
// Wrapped here, not by load.js: a wrapper added at load time made V8 copy the 1.4 MB source into
// one flat string before compiling (≈ 1.3 ms of every start); read as it is, it is compiled in place.
writeFileSync(core, `${WRAPPER}${ascii(code)}\n})`, 'latin1');
writeFileSync(join(out, 'package.json'), '{ "type": "commonjs" }\n');
for (const [from, to] of [
  ['load.cjs', 'load.js'],
  ['chainrule.cjs', 'chainrule.js'],
  ['batchWorker.cjs', 'batchWorker.js'],
]) {
  copyFileSync(join(root, 'scripts', 'bin', from), join(out, to));
}
chmodSync(join(out, 'chainrule.js'), 0o755);

// The code cache: a fresh process runs the commands whose start-up counts (derive, the batch, the
// other one-shot ops) in-process, then asks V8 for the bytecode of everything it compiled.
execFileSync(process.execPath, [join(root, 'scripts', 'train-cli-cache.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
console.log(`cli → ${out} (core.js ${kib(join(out, 'core.js'))} KiB, code cache ${kib(join(out, 'core.cache'))} KiB)`);

/** The bundle in ASCII, so load.js can read it as latin1 (exact, and faster than UTF-8 decoding):
 * esbuild's charset ascii escapes strings and identifiers but leaves a regular expression literal's
 * characters (and raw template text) as they are; `\\uXXXX` means the same there, and in a
 * String.raw template only when the text becomes a RegExp source, so any other such template fails
 * the build. (readFileSync(…, 'latin1') decodes bytes, so the text is still UTF-8 here.) */
function ascii(latin1) {
  const text = Buffer.from(latin1, 'latin1').toString('utf8');
  for (const m of text.matchAll(/(new RegExp\()?String\.raw`([^`]*)`/g)) {
    if (!m[1] && /[^\0-\x7f]/.test(m[2])) throw new Error(`build-cli: non-ASCII text in a String.raw template: ${m[0].slice(0, 80)}`);
  }
  // an escaped character (`\\·` in a regular expression) would become `\\\\u00b7`: refuse it
  const escaped = /\\[^\0-\x7f]/.exec(text);
  if (escaped) throw new Error(`build-cli: a backslash before a non-ASCII character: ${text.slice(escaped.index - 40, escaped.index + 10)}`);
  return text.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function kib(file) {
  return Math.round(statSync(file).size / 1024);
}
