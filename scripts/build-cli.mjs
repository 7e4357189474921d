// Bundles the CLI (src/api/cli.ts) with esbuild into dist/bin/ (package.json `bin`): one ES
// module entry plus the chunks its lazily imported commands need (code splitting keeps `import()`
// lazy), npm dependencies included, so start-up reads a few files instead of a few hundred
// modules (docs/performance.md, "CLI start-up"). The batch worker is an entry of its own beside
// the chunks (isolate.ts finds it as ./batchWorker.js); serve, mcp and worksheet, which find
// files and workers relative to their own modules, stay in dist/src and are imported from there.
// `node scripts/build-cli.mjs` (part of `npm run build`, after tsc).
import { chmodSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'bin');
rmSync(out, { recursive: true, force: true });
/** `../server/…`, `../mcp/…`, `../worksheet/…` imported by cliMain: left to the tsc output. */
const unbundled = {
  name: 'unbundled-commands',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/(server|mcp|worksheet)\// }, (args) =>
      args.importer.endsWith(join('src', 'api', 'cliMain.ts')) ? { path: `../src/${args.path.slice(3)}`, external: true } : undefined,
    );
  },
};

await build({
  entryPoints: { chainrule: join(root, 'src', 'api', 'cli.ts'), batchWorker: join(root, 'src', 'api', 'batchWorker.ts') },
  plugins: [unbundled],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: ['node20'],
  outdir: out,
  chunkNames: '[name]-[hash]',
  // CommonJS dependencies bundled into an ES module call require() for node built-ins
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
chmodSync(join(out, 'chainrule.js'), 0o755);
console.log(`cli → ${out}`);
