// Test helper: compile LaTeX with pdflatex in a minimal A4 document (11 pt, 2.5 cm margins, and
// exactly the packages docs/api.md names for that output) and report what the log says about
// overfull boxes. Pages are rendered with pdftoppm into test-artifacts/ (git-ignored)
// so that a person can look at them. pdflatex missing: the caller skips loudly, or fails under CI.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/latex-fit/', import.meta.url));

const has = (cmd: string) => spawnSync('which', [cmd]).status === 0;
export const PDFLATEX = has('pdflatex');
export const PDFTOPPM = has('pdftoppm');

/** The packages docs/api.md says a LaTeX output needs: the backticked names in the sentence
 * that follows `marker` (up to its first `.`, `(` or `;`). */
export function docPackages(marker: string): string[] {
  const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
  const i = doc.indexOf(marker);
  if (i < 0) throw new Error(`docs/api.md no longer says "${marker}"`);
  const rest = doc.slice(i + marker.length);
  return [...rest.slice(0, rest.search(/[.(;]/)).matchAll(/`([A-Za-z-]+)`/g)].map((m) => m[1]!);
}

/** A whole document around a body, with exactly the packages named (and geometry for the page:
 * A4, 2.5 cm margins, 11 pt — left out for a picture, which sets its own size). */
export function document(body: string, packages: readonly string[], page = true): string {
  return [
    page ? '\\documentclass[11pt]{article}' : '\\documentclass{article}',
    ...(page ? ['\\usepackage[a4paper,margin=2.5cm]{geometry}'] : []),
    ...packages.map((p) => `\\usepackage{${p}}`),
    '\\begin{document}',
    body,
    '\\end{document}',
    '',
  ].join('\n');
}

export interface Compiled {
  readonly ok: boolean;
  readonly log: string;
  /** the log's `Overfull \hbox` warnings, each with the lines that follow it */
  readonly overfull: readonly string[];
  readonly pdf: string;
}

/** Compile `tex` as test-artifacts/latex-fit/<name>.tex; render page PNGs beside it. */
export function compile(name: string, tex: string): Compiled {
  mkdirSync(ARTIFACTS, { recursive: true });
  // pages of an earlier run would linger beside this run's
  for (const f of readdirSync(ARTIFACTS)) if (f.startsWith(`${name}-`) && f.endsWith('.png')) rmSync(join(ARTIFACTS, f));
  writeFileSync(join(ARTIFACTS, `${name}.tex`), tex);
  const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', `${name}.tex`], { cwd: ARTIFACTS, encoding: 'utf8', timeout: 120_000 });
  const log = readFileSync(join(ARTIFACTS, `${name}.log`), 'latin1');
  const lines = log.split('\n');
  const overfull = lines.flatMap((l, i) => (/^Overfull \\hbox/.test(l) ? [lines.slice(i, i + 4).join('\n')] : []));
  const pdf = join(ARTIFACTS, `${name}.pdf`);
  if (r.status === 0 && PDFTOPPM) execFileSync('pdftoppm', ['-png', '-r', '70', pdf, join(ARTIFACTS, name)], { timeout: 60_000 });
  return { ok: r.status === 0, log, overfull, pdf };
}
