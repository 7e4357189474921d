// The CLI's commands as functions from arguments to output text, built on the same ops as the
// batch protocol (ops.ts), so both give the same answers and the same errors.
import { ChainruleError } from '../errors.js';
import { sym } from '../ast/build.js';
import { inField, inFieldAsync } from './errors.js';
import { evaluateProgram, OPS, zeroDenominator } from './ops.js';
import { parseAsync, parsePoint, type Notation } from '../parse/index.js';
import { toLatex, toText, toUnicode } from '../render/index.js';

/** A defined name printed in the output format (`y_hat`, `ŷ`, `\hat{y}`). */
const NAME_PRINTERS: Record<string, (name: string) => string> = {
  text: (n) => toText(sym(n)),
  unicode: (n) => toUnicode(sym(n)),
  latex: (n) => toLatex(sym(n)),
};

export async function parseCommand(expr: string, names: string[], notation: string, format: string): Promise<string> {
  const res = await OPS['parse']!({ expr, names, notation });
  if (format === 'json') return JSON.stringify(res, null, 2) + '\n';
  const printName = NAME_PRINTERS[format] ?? ((n: string) => n);
  const defs = res['definitions'] as Array<Record<string, string>>;
  const lines = defs.map((d) => `${printName(d['name']!)} = ${d[format]}`);
  if (res[format] !== undefined) lines.push(String(res[format]));
  return lines.join('\n') + '\n';
}

/** The --at text as a point, with the same checks as the batch `at` (ops.ts pointField). */
function pointOf(at: string): Map<string, string> {
  return inField('at', at, () => {
    const point = new Map<string, string>();
    for (const e of parsePoint(at)) {
      if (point.has(e.name)) throw new ChainruleError('BAD_REQUEST', `${e.name} is given a value a second time.`, e.span);
      if (zeroDenominator(e.value)) throw new ChainruleError('BAD_VALUE', `${JSON.stringify(e.value)} divides by zero; a value must be a finite number.`, e.span);
      point.set(e.name, e.value);
    }
    return point;
  });
}

export async function evalCommand(expr: string, at: string, names: string[], notation: string, exact: boolean): Promise<string> {
  const p = await inFieldAsync('expr', expr, () => parseAsync(expr, { names, notation: notation as Notation }));
  const res = evaluateProgram(p, pointOf(at));
  return `${exact && res['exact'] !== undefined ? res['exact'] : res['value']}\n`;
}

export async function latexCommand(expr: string, names: string[], notation: string, layerIndex: boolean): Promise<string> {
  const p = await inFieldAsync('expr', expr, () => parseAsync(expr, { names, notation: notation as Notation }));
  const { mainExpr } = await import('../parse/index.js');
  return toLatex(mainExpr(p), { layerIndex }) + '\n';
}

/** `chainrule derive`: the derive op, shown as text, LaTeX or JSON. */
export async function deriveCommand(
  expr: string, wrt: string[] | undefined, given: string | undefined, order: number, check: boolean, format: string, names: string[], notation: string,
): Promise<string> {
  const req = { expr, ...(wrt ? { wrt } : {}), ...(given ? { given } : {}), order, check, names, notation };
  const res = await OPS['derive']!(req);
  return render(res, format, `d/d${wrt?.join(', d/d') ?? '(every input)'} ${expr}`);
}

/** `chainrule simplify`. */
export async function simplifyCommand(expr: string, check: boolean, format: string, names: string[], notation: string): Promise<string> {
  const res = await OPS['simplify']!({ expr, check, names, notation });
  return render(res, format, `simplify ${expr}`);
}

async function render(res: Record<string, unknown>, format: string, title: string): Promise<string> {
  if (format === 'json') return JSON.stringify(res, null, 2) + '\n';
  const { formatLatex, formatText } = await import('./format.js');
  return format === 'latex' ? formatLatex(res) : formatText(res, title);
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
  frames?: string,
): Promise<string> {
  const picture = format === 'svg' || format === 'tikz' ? format : 'json';
  const res = await OPS['graph']!({ expr, at, granularity, check, names, notation, format: picture, ...(frames ? { frames: true } : {}), ...(await dataRequest(data)) });
  if (frames) {
    const { mkdir, writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    await mkdir(frames, { recursive: true });
    const list = res['frames'] as string[];
    const width = Math.max(3, String(list.length).length);
    for (let i = 0; i < list.length; i++) await writeFile(join(frames, `frame-${String(i + 1).padStart(width, '0')}.svg`), list[i]!);
    delete res['frames'];
  }
  if (picture !== 'json') return String(res[picture]);
  if (format === 'json') return JSON.stringify(res, null, 2) + '\n';
  return (await import('./graphFormat.js')).formatGraph(res);
}

/** `chainrule descend`: one row per step, and the per-row tables at the first and last step. */
export async function descendCommand(
  expr: string, data: string | undefined, start: string, rate: string, steps: string, format: string, names: string[], notation: string,
): Promise<string> {
  const res = await OPS['descend']!({ expr, start, rate, steps, names, notation, ...(await dataRequest(data)) });
  if (format === 'json') return JSON.stringify(res, null, 2) + '\n';
  return (await import('./graphFormat.js')).formatDescend(res);
}

/** `chainrule verify`: the verify op; exit status 0 whatever the verdict (a wrong answer is data). */
export async function verifyCommand(o: { problem?: string; wrt?: string; expected?: string; answer?: string; line?: string[]; simplified?: boolean; format: string }): Promise<string> {
  const req: Record<string, unknown> = {
    ...(o.problem ? { problem: { expr: o.problem, wrt: o.wrt } } : {}),
    ...(o.expected ? { expected: o.expected } : {}),
    ...(o.answer ? { answer: o.answer } : {}),
    ...(o.line ? { lines: o.line } : {}),
    ...(o.simplified ? { requireSimplified: true } : {}),
  };
  const res = await OPS['verify']!(req);
  if (o.format === 'json') return JSON.stringify(res, null, 2) + '\n';
  const out = [`verdict: ${String(res['verdict'])} (${String(res['method'])})`];
  const err = res['error'] as { code: string; message: string; position?: { column: number } } | undefined;
  if (err) out.push(`the answer does not parse: ${err.code}: ${err.message}${err.position ? ` (column ${err.position.column})` : ''}`);
  const expected = res['expected'] as { text: string } | undefined;
  if (expected && res['verdict'] !== 'correct') out.push(`expected: ${expected.text}`);
  for (const f of (res['diagnosis'] as Array<{ id: string; message: string }>) ?? []) out.push(`- ${f.message} [${f.id}]`);
  if (res['reason']) out.push(`why: ${String(res['reason'])}`);
  const lines = res['lines'] as { ok: boolean; firstBad?: number; fine: number[]; findings: Array<{ message: string }> } | undefined;
  if (lines) {
    out.push(lines.ok ? 'every line follows from the one before' : `line ${(lines.firstBad ?? 0) + 1} does not follow from the line before; fine: ${lines.fine.map((i) => i + 1).join(', ') || 'none'}`);
    for (const f of lines.findings) out.push(`- ${f.message}`);
  }
  return out.join('\n') + '\n';
}
