// PDF through latexmk + pdflatex (Korean through kotex, which pdflatex reads with the Nanum Type 1
// fonts of texlive-lang-korean). Compiles in a private temporary directory, removed afterwards.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ChainruleError } from '../errors.js';

const run = promisify(execFile);

/** Whether latexmk and pdflatex are on the PATH. */
export async function texAvailable(): Promise<boolean> {
  try {
    await run('latexmk', ['-v']);
    await run('pdflatex', ['-version']);
    return true;
  } catch {
    return false;
  }
}

export interface PdfOut {
  readonly pdf: Buffer;
  readonly log: string;
}

/** Compile one .tex; an error carries the first TeX error line (a bug in our LaTeX, not the user's). */
export async function compilePdf(texSource: string, name = 'sheet'): Promise<PdfOut> {
  const dir = await mkdtemp(join(tmpdir(), 'chainrule-tex-'));
  try {
    await writeFile(join(dir, `${name}.tex`), texSource);
    try {
      await run('latexmk', ['-pdf', '-interaction=nonstopmode', '-halt-on-error', `${name}.tex`], { cwd: dir, timeout: 120_000, maxBuffer: 16 << 20 });
    } catch (e) {
      const log = await readFile(join(dir, `${name}.log`), 'utf8').catch(() => '');
      const first = /^!.*$/m.exec(log)?.[0] ?? (e as Error).message.split('\n')[0];
      throw new Error(`pdflatex failed on the worksheet: ${first}`);
    }
    return { pdf: await readFile(join(dir, `${name}.pdf`)), log: await readFile(join(dir, `${name}.log`), 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function noTex(): ChainruleError {
  return new ChainruleError('BAD_REQUEST', 'PDF needs TeX Live (latexmk, pdflatex, kotex for Korean): not installed on this machine.');
}
