// The reading ops: `parse`, `evaluate`, `latex` — validate (done by run.ts), one domain call,
// serialize.
import { ratString, toJson } from '../../ast/json.js';
import type { Expr } from '../../ast/nodes.js';
import { evaluate as evaluateFloat } from '../../numeric/float.js';
import { evaluateRational, type RationalValue } from '../../numeric/rational.js';
import { mainExpr, type Parsed } from '../../parse/index.js';
import { toLatex, toText, toUnicode } from '../../render/index.js';
import { fieldError } from '../errors.js';
import { parseText, readingsJson, readPoint, withReadings, type PointEntry } from '../fields.js';
import type { RequestOf, ResponseOf } from '../schema/index.js';

function renderTree(e: Expr) {
  return { text: toText(e), unicode: toUnicode(e), latex: toLatex(e) };
}

export async function parse(req: RequestOf<'parse'>): Promise<ResponseOf<'parse'>> {
  const p = await parseText('expr', req.expr, req);
  const main = p.program.body;
  return {
    ...(main ? { ...renderTree(main), tree: toJson(main) as ResponseOf<'parse'>['tree'] & object } : {}),
    definitions: p.program.definitions.map((d) => ({ name: d.name, ...renderTree(d.expr), tree: toJson(d.expr) as { kind: string } })),
    ...withReadings(readingsJson('expr', p)),
  };
}

export async function evaluate(req: RequestOf<'evaluate'>): Promise<ResponseOf<'evaluate'>> {
  const p = await parseText('expr', req.expr, req);
  return { ...evaluateProgram(p, readPoint('at', req.at, req.names)), ...withReadings(readingsJson('expr', p)) };
}

export async function latex(req: RequestOf<'latex'>): Promise<ResponseOf<'latex'>> {
  const p = await parseText('expr', req.expr, req);
  return { latex: toLatex(mainExpr(p), { layerIndex: req.layerIndex ?? false }), ...withReadings(readingsJson('expr', p)) };
}

/** Evaluate a program at a point: definitions in order, then its main expression; floats and,
 * while every value stays rational, exact rationals alongside. */
export function evaluateProgram(p: Parsed, point: ReadonlyMap<string, PointEntry>): ResponseOf<'evaluate'> {
  for (const d of p.program.definitions) {
    if (point.has(d.name)) throw fieldError('at', '', 'BAD_VALUE', `${d.name} is defined by the expression; it cannot also be given a value.`);
  }
  const float = new Map<string, number>([...point].map(([k, v]) => [k, v.value]));
  const exact = new Map<string, RationalValue | string | number>([...point].map(([k, v]) => [k, v.raw]));
  let exactOk = true;
  const steps: Array<{ name: string; expr: Expr }> = [...p.program.definitions];
  const main = p.program.body;
  if (main) steps.push({ name: '', expr: main });
  let value = NaN;
  let exactValue: RationalValue | undefined;
  for (const s of steps) {
    const r = evaluateFloat(s.expr, float);
    if (!r.ok) throw fieldError('expr', p.input, r.code, r.message, p.spans.get(r.node));
    value = r.value;
    if (s.name) float.set(s.name, value);
    if (exactOk) {
      const q = evaluateRational(s.expr, exact);
      if (q.ok) {
        exactValue = q.value;
        if (s.name) exact.set(s.name, q.value);
      } else exactOk = false;
    }
  }
  return { value: Number.isFinite(value) ? value : String(value), ...(exactOk && exactValue ? { exact: ratString(exactValue.n, exactValue.d) } : {}) };
}
