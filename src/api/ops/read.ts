// The reading ops: `parse`, `evaluate`, `latex` — validate (done by run.ts), one domain call,
// serialize.
import { ratString, toJson } from '../../ast/json.js';
import type { Expr } from '../../ast/nodes.js';
import { substituteSymbols } from '../../ast/traverse.js';
import type { ErrorCode } from '../../errors.js';
import { honestValue, type HonestValue } from '../../numeric/honest.js';
import type { RationalValue } from '../../numeric/rational.js';
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
  return { ...(await evaluateProgram(p, readPoint('at', req.at, req.names))), ...withReadings(readingsJson('expr', p)) };
}

export async function latex(req: RequestOf<'latex'>): Promise<ResponseOf<'latex'>> {
  const p = await parseText('expr', req.expr, req);
  return { latex: toLatex(mainExpr(p), { layerIndex: req.layerIndex ?? false }), ...withReadings(readingsJson('expr', p)) };
}

/** Evaluate a program at a point: definitions in order, then its main expression. Each value is
 * honest (src/numeric/honest.ts): exact when rational, re-evaluated at 64/128 digits when doubles
 * lost it, flagged `approximate` with an error bound when even that cannot settle it; overflow is
 * a NOT_FINITE error. */
export async function evaluateProgram(p: Parsed, point: ReadonlyMap<string, PointEntry>): Promise<ResponseOf<'evaluate'>> {
  for (const d of p.program.definitions) {
    if (point.has(d.name)) throw fieldError('at', '', 'BAD_VALUE', `${d.name} is defined by the expression; it cannot also be given a value.`);
  }
  const float = new Map<string, number>([...point].map(([k, v]) => [k, v.value]));
  const exact = new Map<string, RationalValue | string | number>([...point].map(([k, v]) => [k, v.raw]));
  const inputs = Object.fromEntries(float);
  const trees = new Map<string, Expr>(); // each definition with the earlier ones substituted (decimals)
  let exactOk = true;
  const steps: Array<{ name: string; expr: Expr }> = [...p.program.definitions];
  const main = p.program.body;
  if (main) steps.push({ name: '', expr: main });
  let last: Extract<HonestValue, { ok: true }> | undefined;
  for (const s of steps) {
    const tree = trees.size > 0 ? substituteSymbols(s.expr, trees) : s.expr;
    const r = await honestValue(s.expr, float, exactOk ? exact : undefined, tree, inputs);
    if (!r.ok) throw fieldError('expr', p.input, r.code as ErrorCode, r.message, p.spans.get(r.node) ?? p.spans.get(s.expr));
    last = r;
    if (!r.exact) exactOk = false;
    if (s.name) {
      float.set(s.name, r.value);
      trees.set(s.name, tree);
      if (r.exact) exact.set(s.name, r.exact);
    }
  }
  if (!last) return { value: NaN };
  return {
    value: last.value,
    ...(exactOk && last.exact ? { exact: ratString(last.exact.n, last.exact.d) } : {}),
    ...(last.approximate ? { approximate: true, errorBound: last.errorBound ?? Math.abs(last.value) } : {}),
  };
}
