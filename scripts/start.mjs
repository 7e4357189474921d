// `npm start`: build only if a source is newer than the build, then serve on localhost:8080
// (`chainrule serve`; PORT, HOST and the CHAINRULE_* variables apply — docs/deploy.md).
// A fresh build stays fast to start: the mtime scan takes milliseconds.
import { execSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const newest = (dir) => {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? (e.name === 'generated' ? 0 : newest(p)) : statSync(p).mtimeMs);
  }
  return t;
};
const stamps = [join(root, 'dist', 'src', 'api', 'cli.js'), join(root, 'dist', 'src', 'server', 'worker.js'), join(root, 'dist', 'web', 'app.js')];
const built = Math.min(...stamps.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'grammar')), newest(join(root, 'web')), statSync(join(root, 'package.json')).mtimeMs);
if (built < sources) {
  console.error('chainrule: building (sources changed since the last build)…');
  execSync('npm run build', { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}
const child = spawn(process.execPath, [join(root, 'dist', 'src', 'api', 'cli.js'), 'serve', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
