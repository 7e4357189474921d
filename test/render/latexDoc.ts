// Test helper: compile LaTeX with pdflatex in a minimal A4 document (11 pt, 2.5 cm margins,
// amsmath + amssymb — the packages docs/api.md names for `--format latex`) and report what the
// log says about overfull boxes. Pages are rendered with pdftoppm into test-artifacts/ (git-ignored)
// so that a person can look at them. pdflatex missing: the caller skips loudly, or fails under CI.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/latex-fit/', import.meta.url));

const has = (cmd: string) => spawnSync('which', [cmd]).status === 0;
export const PDFLATEX = has('pdflatex');
export const PDFTOPPM = has('pdftoppm');

/** A whole document around a body, with exactly the packages named. */
export function document(body: string, packages: readonly string[] = ['amsmath', 'amssymb']): string {
  return [
    '\\documentclass[11pt]{article}',
    '\\usepackage[a4paper,margin=2.5cm]{geometry}',
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
