// `chainrule worksheet file.yaml --out dir --format html,tex,pdf --lang ko [--view both]`: build
// every sheet in memory (a progress line per problem on stderr), then write them all at once.
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { ChainruleError } from '../errors.js';
import { type Lang, plain } from '../i18n/index.js';
import { solveWorksheet } from './build.js';
import { batchRunner } from './runner.js';
import { toHtml } from './html.js';
import { compilePdf, noTex, texAvailable } from './pdf.js';
import { toTex, type View } from './tex.js';
import { writeAll } from './write.js';

export interface WorksheetCommandOptions {
  readonly out: string;
  readonly format: string;
  readonly lang?: string;
  readonly view: string;
  readonly quiet?: boolean;
}

export async function worksheetCommand(file: string, o: WorksheetCommandOptions): Promise<string> {
  const formats = o.format.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = formats.find((f) => !['html', 'tex', 'pdf'].includes(f));
  if (bad || !formats.length) throw new ChainruleError('BAD_REQUEST', `--format is a comma-separated list of html, tex, pdf (got ${JSON.stringify(o.format)}).`);
  if (o.lang !== undefined && o.lang !== 'en' && o.lang !== 'ko') throw new ChainruleError('BAD_REQUEST', '--lang is en or ko.');
  let yaml: string;
  try {
    yaml = await readFile(file, 'utf8');
  } catch (e) {
    throw new ChainruleError('BAD_REQUEST', `Cannot read the worksheet file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
  }
  if (formats.includes('pdf') && !(await texAvailable())) throw noTex();
  const progress = o.quiet ? undefined : (n: number, total: number, id: string) => process.stderr.write(`${plain('en', 'progress', { n, total, id })}\n`);
  const ws = await solveWorksheet(yaml, batchRunner, progress ? { progress } : {});
  const lang = (o.lang ?? ws.lang) as Lang;
  const views: View[] = o.view === 'student' ? ['student'] : o.view === 'solution' ? ['solution'] : ['student', 'solution'];
  // backprop.ko.yaml → backprop.ko.student.html, not backprop.ko.ko.…
  const stem = basename(file, extname(file)).replace(/\.(en|ko)$/, "");
  const files = new Map<string, string | Buffer>();
  for (const view of views) {
    const name = `${stem}.${lang}.${view}`;
    const tex = toTex(ws, lang, view);
    if (formats.includes('html')) files.set(`${name}.html`, toHtml(ws, lang, view));
    if (formats.includes('tex')) files.set(`${name}.tex`, tex);
    if (formats.includes('pdf')) files.set(`${name}.pdf`, (await compilePdf(tex, name)).pdf);
  }
  const written = await writeAll(o.out, files);
  return written.map((w) => `wrote ${w}\n`).join('');
}
