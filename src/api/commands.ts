// The CLI's commands as functions from arguments to output text, each one runOp call (run.ts)
// — the same validation, answers and errors as the batch protocol — then a printer from
// src/render (derivation text/LaTeX, graph tables) or the JSON.
import { sym } from '../ast/build.js';
import { ChainruleError } from '../errors.js';
import { parsePoint } from '../parse/index.js';
import { toLatex, toText, toUnicode } from '../render/index.js';
import { fieldError, inField } from './errors.js';
import { runOp as runOpPlain } from './run.js';
import { cliContext } from './cliContext.js';
import { ALL_VIEWS, printedIn, type Views } from './views.js';

/** runOp with this invocation's `--functions`, `--assume` and `--lang`, collecting the responses' readings as notes. */
const runOp: typeof runOpPlain = async (op, req) => {
  const ctx = cliContext.getStore();
  const isObject = req !== null && typeof req === 'object';
  const withContext = isObject
    ? {
        ...(req as object),
        ...(ctx?.functions.length ? { functions: ctx.functions } : {}),
        ...(ctx?.assume !== undefined ? { assume: ctx.assume } : {}),
        ...(ctx?.lang ? { lang: ctx.lang } : {}),
      }
    : req;
  const res = await runOpPlain(op, withContext);
  const rs = (res as { readings?: ReadonlyArray<{ message: string }> }).readings;
  if (ctx && rs) for (const r of rs) if (!ctx.notes.includes(r.message)) ctx.notes.push(r.message);
  return res;
};
import type { ResponseOf } from './schema/index.js';

/** A defined name printed in the output format (`y_hat`, `ŷ`, `\hat{y}`). */
const NAME_PRINTERS: Record<string, (name: string) => string> = {
  text: (n) => toText(sym(n)),
  unicode: (n) => toUnicode(sym(n)),
  latex: (n) => toLatex(sym(n)),
};

const json = (res: unknown) => JSON.stringify(res, null, 2) + '\n';

/** What a derivation printed in `format` reads of the response (views.ts): the text form reads
 * Unicode, the LaTeX form LaTeX; the JSON is the op's whole response. */
const viewsFor = (format: string): Views => (format === 'text' ? { unicode: true, latex: false } : format === 'latex' ? { unicode: false, latex: true } : ALL_VIEWS);

export async function parseCommand(expr: string, names: string[], notation: string, format: string): Promise<string> {
  const res = await runOp('parse', { expr, names, notation });
  if (format === 'json') return json(res);
  const printName = NAME_PRINTERS[format] ?? ((n: string) => n);
  const key = format as 'text' | 'unicode' | 'latex';
  const lines = res.definitions.map((d) => `${printName(d.name)} = ${d[key]}`);
  if (res[key] !== undefined) lines.push(String(res[key]));
  return lines.join('\n') + '\n';
}

/** The --at text "x=1.5, y=1/3" as the evaluate op's `at` object (values kept as text). */
function pointObject(at: string): Record<string, string> {
  return inField('at', at, () => {
    const out: Record<string, string> = {};
    for (const e of parsePoint(at)) {
      if (Object.hasOwn(out, e.name)) throw new ChainruleError('BAD_REQUEST', `${e.name} is given a value a second time.`, e.span);
      if (/\/\s*[+-]?0+$/.test(e.value)) throw new ChainruleError('BAD_VALUE', `${JSON.stringify(e.value)} divides by zero; a value must be a finite number.`, e.span);
      out[e.name] = e.value;
    }
    return out;
  });
}

export async function evalCommand(expr: string, at: string, names: string[], notation: string, exact: boolean): Promise<string> {
  const res = await runOp('evaluate', { expr, at: pointObject(at), names, notation });
  const approx = res.approximate ? ` (approximate, error ≤ ${res.errorBound})` : '';
  return `${exact && res.exact !== undefined ? res.exact : res.value}${approx}\n`;
}

export async function latexCommand(expr: string, names: string[], notation: string, layerIndex: boolean): Promise<string> {
  return (await runOp('latex', { expr, names, notation, layerIndex })).latex + '\n';
}

/** `--shapes "X:4x2, W1:2x3"` (or `X=m×2`) as the ops' `shapes` object; undefined without it. */
export function shapesOption(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined) return undefined;
  const out: Record<string, string> = {};
  let at = 0;
  for (const part of text.split(',')) {
    const m = /^\s*([^:=\s]+)\s*[:=]\s*(\S(?:.*\S)?)\s*$/u.exec(part);
    const span = { start: at, end: at + Math.max(1, part.length) };
    if (!m) throw fieldError('shapes', text, 'SHAPE_BAD', `${JSON.stringify(part.trim())} is not name:rows×cols (e.g. "X:4x2, W1:2x3").`, span);
    if (Object.hasOwn(out, m[1]!)) throw fieldError('shapes', text, 'BAD_REQUEST', `${m[1]} is given a shape a second time.`, span);
    out[m[1]!] = m[2]!;
    at += part.length + 1;
  }
  return out;
}

/** An input that starts with a derivative operator: d/dw, ∂/∂w, \\frac{d}{dw}, \\frac{\\partial}{…}. */
const DERIVATIVE_OPERATOR = /^\s*(?:d\/d|∂\/∂|\\frac\s*\{\s*(?:d|\\mathrm\{d\}|\\partial)\s*\})/;

/** The program's body is a derivative operator (what the derive op then carries out). */
async function isOperator(expr: string, names: string[], notation: string): Promise<boolean> {
  const { parseText } = await import('./fields.js');
  const functions = cliContext.getStore()?.functions ?? [];
  const p = await parseText('expr', expr, { names, functions, notation: notation as 'auto' | 'text' | 'latex' });
  return p.program.body?.kind === 'diff';
}

/** `chainrule derive`: the derive op, shown as text, LaTeX or JSON. */
export async function deriveCommand(
  expr: string, wrt: string[] | undefined, given: string | undefined, order: number, check: boolean, format: string, names: string[], notation: string, shapes?: string, steps?: string,
): Promise<string> {
  const sh = shapesOption(shapes);
  const req = { expr, ...(wrt ? { wrt } : {}), ...(given ? { given } : {}), order, check, names, notation, ...(sh ? { shapes: sh } : {}), ...(steps ? { steps } : {}) };
  const res = await printedIn(viewsFor(format), () => runOp('derive', req));
  if ('form' in res) {
    if (format === 'json') return json(res);
    const m = await import('../render/matrixText.js');
    return format === 'latex' ? m.formatMatrixDeriveLatex(res) : m.formatMatrixDerive(res);
  }
  // `derive "d/dw f"` without --wrt carries out the operator written: the title is the input itself
  const operator = !wrt && DERIVATIVE_OPERATOR.test(expr) && (await isOperator(expr, names, notation));
  return render(res, format, operator ? expr : `d/d${wrt?.join(', d/d') ?? '(every input)'} ${expr}`);
}

/** `chainrule simplify`. */
export async function simplifyCommand(expr: string, check: boolean, format: string, names: string[], notation: string): Promise<string> {
  const res = await printedIn(viewsFor(format), () => runOp('simplify', { expr, check, names, notation }));
  return render(res, format, `simplify ${expr}`);
}

async function render(res: Exclude<ResponseOf<'derive'>, { form: 'matrix' }> | ResponseOf<'simplify'>, format: string, title: string): Promise<string> {
  if (format === 'json') return json(res);
  // each printer loads only when its format is asked for (start-up, docs/performance.md)
  if (format === 'latex') return (await import('../render/derivationLatex.js')).formatLatex(res);
  const { formatText } = await import('../render/derivationText.js');
  const lang = cliContext.getStore()?.lang;
  return formatText(res, title, lang && lang !== 'en' ? (await import('../i18n/words.js')).textWords(lang) : undefined);
}

/** `--data`: inline columns ("x=-2,0,1; y=-1,1,2"), or the name of a CSV or JSON file. */
async function dataRequest(data: string | undefined): Promise<Record<string, unknown>> {
  if (data === undefined) return {};
  const { existsSync, readFileSync, statSync } = await import('node:fs');
  if (data.includes('=') || !existsSync(data) || !statSync(data).isFile()) return { data };
  const text = readFileSync(data, 'utf8');
  if (!/\.json$/i.test(data)) return { csv: text };
  try {
    return { data: JSON.parse(text) as unknown };
  } catch (e) {
    throw new ChainruleError('BAD_VALUE', `${data} is not valid JSON: ${(e as Error).message}`);
  }
}

/** `chainrule graph`: forward and backward passes as tables, or the JSON of the graph op. */
export async function graphCommand(
  expr: string, at: string, granularity: string, data: string | undefined, check: boolean, format: string, names: string[], notation: string,
  frames?: string, shapes?: string,
): Promise<string> {
  const picture = format === 'svg' || format === 'tikz' ? format : 'json';
  const sh = shapesOption(shapes);
  const res = await runOp('graph', {
    expr, ...(sh ? {} : { at }), granularity, check, names, notation, format: picture, ...(frames ? { frames: true } : {}), ...(await dataRequest(data)), ...(sh ? { shapes: sh } : {}),
  });
  if ('form' in res) {
    if (picture !== 'json') return String((res as { svg?: string; tikz?: string })[picture]);
    return format === 'json' ? json(res) : (await import('../render/matrixText.js')).formatMatrixGraph(res);
  }
  if (frames) {
    const { mkdir, writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    await mkdir(frames, { recursive: true });
    const list = res.frames ?? [];
    const width = Math.max(3, String(list.length).length);
    for (let i = 0; i < list.length; i++) await writeFile(join(frames, `frame-${String(i + 1).padStart(width, '0')}.svg`), list[i]!);
    delete res.frames;
  }
  if (picture !== 'json') return String(res[picture]);
  if (format === 'json') return json(res);
  return (await import('../render/graphTables.js')).formatGraph(res);
}

/** `chainrule descend`: one row per step, and the per-row tables at the first and last step. */
export async function descendCommand(
  expr: string, data: string | undefined, start: string, rate: string, steps: string, format: string, names: string[], notation: string,
): Promise<string> {
  const res = await runOp('descend', { expr, start, rate, steps, names, notation, ...(await dataRequest(data)) });
  if (format === 'json') return json(res);
  return (await import('../render/graphTables.js')).formatDescend(res);
}

/** `chainrule verify`: the verify op; exit status 0 whatever the verdict (a wrong answer is data). */
export async function verifyCommand(o: { problem?: string; wrt?: string; expected?: string; answer?: string; line?: string[]; simplified?: boolean; names?: string[]; format: string; shapes?: string }): Promise<string> {
  const sh = shapesOption(o.shapes);
  const req: Record<string, unknown> = {
    ...(sh ? { shapes: sh } : {}),
    ...(o.names?.length ? { names: o.names } : {}),
    ...(o.problem ? { problem: { expr: o.problem, wrt: o.wrt } } : {}),
    ...(o.expected ? { expected: o.expected } : {}),
    ...(o.answer ? { answer: o.answer } : {}),
    ...(o.line ? { lines: o.line } : {}),
    ...(o.simplified ? { requireSimplified: true } : {}),
  };
  const res = await runOp('verify', req);
  if (o.format === 'json') return json(res);
  const { formatVerdict } = await import('../render/verdictText.js');
  const lang = cliContext.getStore()?.lang;
  return formatVerdict(res, lang && lang !== 'en' ? (await import('../i18n/words.js')).verdictWords(lang) : undefined);
}
