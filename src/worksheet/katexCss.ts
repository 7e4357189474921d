// KaTeX's stylesheet for a self-contained HTML sheet: katex.min.css with each font as a woff2 data
// URI, so the page renders offline with no client JavaScript and no side files. Built once.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let css: string | undefined;

export function katexCss(): string {
  if (css !== undefined) return css;
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('katex/package.json')), 'dist');
  const raw = readFileSync(join(dir, 'katex.min.css'), 'utf8');
  // every @font-face src lists woff2, woff and ttf; keep the woff2, inlined
  css = raw.replace(/src:url\((fonts\/[^)]+\.woff2)\) format\("woff2"\)[^;}]*/g, (_m, file: string) => {
    const data = readFileSync(join(dir, file)).toString('base64');
    return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
  });
  return css;
}
