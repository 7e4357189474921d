// The `worksheet` op (WORKSHEET_SCHEMA): YAML in; HTML, .tex and PDF (base64) out, for the student
// sheet, the solution sheet or both. With one view the files are also at the top level.
import type { Lang } from '../i18n/index.js';
import { ChainruleError } from '../errors.js';
import { solveWorksheet } from './build.js';
import { toHtml } from './html.js';
import { compilePdf, texAvailable } from './pdf.js';
import type { SheetFiles, WorksheetRequest, WorksheetResponse } from './schema.js';
import type { Runner } from './solve.js';
import { toTex, type View } from './tex.js';

const FORMATS = ['html', 'tex', 'pdf'] as const;

function check(req: Record<string, unknown>): WorksheetRequest {
  if (typeof req['yaml'] !== 'string' || req['yaml'] === '') throw new ChainruleError('BAD_REQUEST', 'The field "yaml" (the worksheet file as text) is missing.');
  const f = req['format'];
  if (f !== undefined && (!Array.isArray(f) || f.length === 0 || f.some((x) => !FORMATS.includes(x)))) throw new ChainruleError('BAD_REQUEST', 'The field "format" is a list of "html", "tex", "pdf".');
  if (req['lang'] !== undefined && req['lang'] !== 'en' && req['lang'] !== 'ko') throw new ChainruleError('BAD_REQUEST', 'The field "lang" is "en" or "ko".');
  const v = req['view'];
  if (v !== undefined && v !== 'student' && v !== 'solution' && v !== 'both') throw new ChainruleError('BAD_REQUEST', 'The field "view" is "student", "solution" or "both".');
  return req as unknown as WorksheetRequest;
}

/** `run` answers one batch request (the api passes its handleRequest: no import back into api). */
export async function worksheetOp(raw: Record<string, unknown>, run: Runner): Promise<WorksheetResponse> {
  const req = check(raw);
  const formats = new Set(req.format ?? ['html', 'tex']);
  const ws = await solveWorksheet(req.yaml, run);
  const lang: Lang = req.lang ?? ws.lang;
  const views: View[] = req.view === 'student' ? ['student'] : req.view === 'solution' ? ['solution'] : ['student', 'solution'];
  const pdfOk = formats.has('pdf') && (await texAvailable());
  const sheets: WorksheetResponse['sheets'] = {};
  for (const view of views) {
    const files: SheetFiles = {};
    const tex = toTex(ws, lang, view);
    if (formats.has('html')) files.html = toHtml(ws, lang, view);
    if (formats.has('tex')) files.tex = tex;
    if (pdfOk) files.pdf = (await compilePdf(tex, view)).pdf.toString('base64');
    sheets[view] = files;
  }
  const one = views.length === 1 ? sheets[views[0]!] : undefined;
  return { ...(one ?? {}), sheets, ...(formats.has('pdf') && !pdfOk ? { pdfUnavailable: 'TeX Live (latexmk, pdflatex) is not installed on this machine.' } : {}) };
}
