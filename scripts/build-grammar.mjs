// Compiles grammar/*.ne with nearleyc into src/parse/generated/*.ts (git-ignored build output).
// Skips a grammar whose output is newer than its source, so `npm test` stays quick.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'src/parse/generated');
mkdirSync(out, { recursive: true });
const nearleyc = createRequire(import.meta.url).resolve('nearley/bin/nearleyc.js');
for (const f of readdirSync(join(root, 'grammar')).filter((f) => f.endsWith('.ne'))) {
  const src = join(root, 'grammar', f);
  const dst = join(out, f.replace(/\.ne$/, '.ts'));
  if (existsSync(dst) && statSync(dst).mtimeMs >= statSync(src).mtimeMs) continue;
  execFileSync(process.execPath, [nearleyc, src, '-o', dst], { stdio: 'inherit' });
  console.log(`nearleyc ${f} -> ${dst.slice(root.length + 1)}`);
}
