// The CLI's commands as functions from arguments to output text, built on the same ops as the
// batch protocol (ops.ts), so both give the same answers and the same errors.
import { inField } from './errors.js';
import { evaluateProgram, OPS } from './ops.js';
import { parseAsync, parsePoint, type Notation } from '../parse/index.js';
import { inFieldAsync } from './errors.js';

export async function parseCommand(expr: string, names: string[], notation: string, format: string): Promise<string> {
  const res = await OPS['parse']!({ expr, names, notation });
  if (format === 'json') return JSON.stringify(res, null, 2) + '\n';
  const defs = res['definitions'] as Array<Record<string, string>>;
  const lines = defs.map((d) => `${format === 'latex' ? d['latex'] : d['name']} = ${d[format]}`);
  if (res[format] !== undefined) lines.push(String(res[format]));
  return lines.join('\n') + '\n';
}

export async function evalCommand(expr: string, at: string, names: string[], notation: string, exact: boolean): Promise<string> {
  const p = await inFieldAsync('expr', expr, () => parseAsync(expr, { names, notation: notation as Notation }));
  const point = new Map(inField('at', at, () => parsePoint(at)).map((e) => [e.name, e.value] as const));
  const res = evaluateProgram(p, point);
  return `${exact && res['exact'] !== undefined ? res['exact'] : res['value']}\n`;
}

export async function latexCommand(expr: string, names: string[], notation: string, layerIndex: boolean): Promise<string> {
  const p = await inFieldAsync('expr', expr, () => parseAsync(expr, { names, notation: notation as Notation }));
  const { toLatex } = await import('../render/index.js');
  const { mainExpr } = await import('../parse/index.js');
  return toLatex(mainExpr(p), { layerIndex }) + '\n';
}
