// The `graph` and `descend` operations (docs/api.md): a computational graph with its forward and
// backward passes at a point, every input's gradient checked against finite differences; and
// gradient descent on a loss over data. Both read Σ_i / sum_i(…) over the rows of `data` (inline
// text, an object of columns or an array of rows) or `csv` (CSV text). Errors are ChainruleErrors
// tagged with the field and position they concern, as in the other ops.
import Fraction from 'fraction.js';
import { add, rat, sym } from '../ast/build.js';
import { ratString } from '../ast/json.js';
import type { Definition, Expr } from '../ast/nodes.js';
import type { Span } from '../ast/spans.js';
import { ChainruleError } from '../errors.js';
import { ratToNumber } from '../numeric/number.js';
import { parseRational } from '../numeric/rational.js';
import {
  buildGraph, checkPartial, descend, evaluateLoss, extractSums, findSym, GRANULARITIES, gradientDisplay, hasSums,
  lossDisplay, makeLossModel, NotExact, parseWithSums, readCsv, readInlineData, readJsonData, runPasses, sumLatex, sumUnicode,
  wholeFunction, worst, type Data, type Granularity, type GradientCheck, type InputValue, type LossModel, type Num,
  type GraphNode, type ParsedWithSums, type RowTable, type Value,
} from '../graph/index.js';
import { substituteSyms } from '../graph/gates.js';
import { symbolsOf, unfoldedSize } from '../graph/dag.js';
import { canonicalSymbol, parsePoint } from '../parse/index.js';
import { gateLabel, toLatex, toText, toUnicode } from '../render/index.js';
import type { PicGraph } from '../render/graphLayout.js';
import { latexName, unicodeName } from '../ast/names.js';
import { fieldError, inField, inFieldAsync } from './errors.js';
import { namesField, notationField, stringField, type Request, type Response } from './ops.js';

/** An expression as text (parses back), Unicode and LaTeX; a printed sum as Σ_i / \sum_{i}. */
export function forms(e: Expr): { text: string; unicode: string; latex: string } {
  return { text: toText(e), unicode: sumUnicode(toUnicode(e)), latex: sumLatex(toLatex(e)) };
}

export function valueJson(v: Value | Num): Record<string, unknown> {
  const exact = v.exact === undefined ? undefined : typeof v.exact === 'string' ? v.exact : ratString(v.exact.s * v.exact.n, v.exact.d);
  return { value: Number.isFinite(v.value) ? (Object.is(v.value, -0) ? 0 : v.value) : String(v.value), ...(exact !== undefined ? { exact } : {}) };
}

// ---- fields ----

interface Program {
  readonly text: string;
  readonly p: ParsedWithSums;
  readonly defs: readonly Definition[];
  /** the expression the program stands for, definitions substituted */
  readonly whole: Expr;
  /** its main expression: the body, else the last definition's name */
  readonly target: Expr;
}

async function programField(req: Request): Promise<Program> {
  const text = stringField(req, 'expr', true);
  const names = namesField(req);
  const notation = notationField(req);
  const p = await inFieldAsync('expr', text, () => parseWithSums(text, { names, notation }));
  const { definitions: defs, body } = p.parsed.program;
  const target = body ?? sym(defs[defs.length - 1]!.name);
  return { text, p, defs, target, whole: wholeFunction(defs, target) };
}

interface PointValue extends InputValue {
  /** where the name is, in text points */
  readonly span?: Span;
}

/** The span of the name before a value's `=` in "w=2, b=1" (parsePoint gives the value's). */
function nameSpan(text: string, value: Span): Span {
  const eq = text.lastIndexOf('=', value.start);
  const from = Math.max(text.lastIndexOf(',', eq), text.lastIndexOf(';', eq)) + 1;
  const raw = text.slice(from, eq);
  const start = from + raw.length - raw.trimStart().length;
  return { start, end: Math.max(start + 1, from + raw.trimEnd().length) };
}

/** The position of the first use of a symbol in the program (definitions, then the body). */
function firstUse(prog: Program, name: string): Span | undefined {
  const { definitions, body } = prog.p.parsed.program;
  for (const e of [...definitions.map((d) => d.expr), ...(body ? [body] : [])]) {
    const at = findSym(e, name);
    if (at) return prog.p.spanOf(at);
  }
  return undefined;
}

/** `at`/`start`: an object {"w": 2, "b": "1/3"} or text "w=2, b=1/3". */
function pointOf(req: Request, key: string): Map<string, PointValue> {
  const v = req[key];
  const out = new Map<string, PointValue>();
  const put = (name: string, raw: number | string, where: string, text: string, span?: Span, at?: Span) => {
    if (out.has(name)) throw fieldError(where, text, 'BAD_REQUEST', `${name} is given a value a second time.`, span);
    const q = parseRational(String(raw));
    if (!q || q === 'too-large' || (typeof raw === 'number' && !Number.isFinite(raw))) throw fieldError(where, text, 'BAD_VALUE', `The value of ${name} must be a finite number.`, span);
    if (q.d === 0n) throw fieldError(where, text, 'BAD_VALUE', `The value of ${name} divides by zero.`, span);
    out.set(name, { value: ratToNumber(q.n, q.d), exact: q, ...(at ? { span: at } : {}) });
  };
  if (v === undefined || v === null) return out;
  if (typeof v === 'string') {
    for (const e of inField(key, v, () => parsePoint(v))) put(e.name, e.value, key, v, e.span, nameSpan(v, e.span));
  } else if (typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const name = inField(`${key}.${k}`, k, () => canonicalSymbol(k));
      if (typeof x !== 'number' && typeof x !== 'string') throw new ChainruleError('BAD_VALUE', `The value of ${k} in "${key}" must be a number or a string such as "1/3".`);
      put(name, x, key, '', undefined);
    }
  } else throw new ChainruleError('BAD_REQUEST', `The field "${key}" must be an object such as {"w": 2} or text such as "w=2, b=1".`);
  return out;
}

function dataField(req: Request): Data | undefined {
  const d = req['data'];
  const csv = req['csv'];
  if (d !== undefined && d !== null && csv !== undefined && csv !== null) throw new ChainruleError('BAD_REQUEST', 'Give the data either as "data" or as "csv", not both.');
  if (csv !== undefined && csv !== null) {
    if (typeof csv !== 'string') throw new ChainruleError('BAD_REQUEST', 'The field "csv" must be the text of a CSV file.');
    return inField('csv', csv, () => readCsv(csv));
  }
  if (d === undefined || d === null) return undefined;
  if (typeof d === 'string') return inField('data', d, () => readInlineData(d));
  return inField('data', '', () => readJsonData(d));
}

function granularityField(req: Request): Granularity {
  const v = stringField(req, 'granularity') ?? 'standard';
  if (!(GRANULARITIES as readonly string[]).includes(v)) throw new ChainruleError('BAD_REQUEST', `The field "granularity" must be ${GRANULARITIES.map((g) => `"${g}"`).join(', ')}.`);
  return v as Granularity;
}

function boolField(req: Request, key: string, dflt: boolean): boolean {
  const v = req[key];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'boolean') throw new ChainruleError('BAD_REQUEST', `The field "${key}" must be true or false.`);
  return v;
}

// ---- sums over data ----

/** Largest loss (as a tree, definitions substituted) derived symbolically: 20,000 nodes, the
 * parser's token limit, so no input the parser admits is refused unless definitions multiply it. */
const MAX_LOSS_SIZE = 20_000;

interface Summed {
  readonly model: LossModel;
  /** the whole loss with each sum written out row by row (data as constants) */
  readonly expanded: Expr;
}

/** The program's sums over `data`: checked (each x_i has a column x) and expanded row by row. */
function summed(prog: Program, data: Data | undefined): Summed | undefined {
  if (!hasSums(prog.whole)) {
    if (data) throw fieldError('expr', prog.text, 'BAD_REQUEST', 'Data was given but the expression has no sum over it: write Σ_i (…) or sum_i(…), with x_i for column x.');
    return undefined;
  }
  if (!data) throw fieldError('expr', prog.text, 'BAD_REQUEST', 'The expression sums over data (Σ_i): give the rows in "data" (x=-2,0,1; y=-1,1,2) or "csv".');
  // the loss is derived symbolically, written out: bound its size (definitions used twice double it)
  if (unfoldedSize(prog.whole, MAX_LOSS_SIZE) > MAX_LOSS_SIZE) throw fieldError('expr', prog.text, 'TOO_MANY_NODES', `The loss, with its definitions substituted, has more than ${MAX_LOSS_SIZE} nodes.`);
  const taken = new Set(symbolsOf(prog.whole));
  const { outer, sums } = inField('expr', prog.text, () => extractSums(prog.whole, prog.p.spanOf, taken));
  for (const s of sums) {
    for (const [col, n] of s.columns) {
      if (!data.values.has(col)) {
        throw fieldError('expr', prog.text, 'UNBOUND_VARIABLE', `${n} reads column ${col}, which the data does not have (its columns: ${data.columns.join(', ')}).`, firstUse(prog, n) ?? s.span);
      }
    }
  }
  const labels = prog.defs.map((d) => ({ name: d.name, expr: wholeFunction(prog.defs, d.expr) }));
  // the parameters: every symbol but the sums' placeholders and the row symbols (x_i)
  const params = new Set(symbolsOf(outer).filter((n) => !sums.some((x) => x.placeholder === n)));
  for (const x of sums) for (const n of symbolsOf(x.body)) if (![...x.columns.values()].includes(n)) params.add(n);
  const model = makeLossModel(outer, sums, data, [...params].sort(), labels);
  const rows = sums.map((s) =>
    Array.from({ length: data.rows }, (_, r) => substituteSyms(s.body, new Map([...s.columns].map(([col, n]) => [n, constant(data.values.get(col)![r]!)])))),
  );
  const expanded = substituteSyms(outer, new Map(sums.map((x, k) => [x.placeholder, rows[k]!.length === 1 ? rows[k]![0]! : add(...rows[k]!)])));
  return { model, expanded };
}

/** A data value as a number node (data.ts checked the text). */
function constant(text: string): Expr {
  const q = parseRational(text) as { n: bigint; d: bigint };
  return rat(q.n, q.d);
}

function rowErrorFor(prog: Program, model: () => LossModel) {
  return (k: number, r: number, why: string) =>
    fieldError('expr', prog.text, 'DOMAIN', `Row ${r + 1} of the data: ${why}`, model().sums[k]?.span);
}

export function tableJson(t: RowTable): Record<string, unknown> {
  return {
    index: t.index,
    columns: t.columns.map((c) => ({ kind: c.kind, ...(c.role ? { role: c.role } : {}), ...(c.param ? { param: c.param } : {}), ...forms(c.expr) })),
    rows: t.rows.map((row) => row.map(valueJson)),
    totals: t.totals.map((v) => (v ? valueJson(v) : null)),
  };
}

// ---- graph ----

export async function graphOp(req: Request): Promise<Response> {
  const prog = await programField(req);
  const granularity = granularityField(req);
  const check = boolField(req, 'check', true);
  const picture = pictureField(req);
  const frames = boolField(req, 'frames', false);
  const data = dataField(req);
  const at = pointOf(req, 'at');
  let model: LossModel | undefined;
  const s = summed(prog, data);
  if (s) model = s.model;
  // a data graph is the loss written out row by row; it keeps the loss's name (L = Σ_i …)
  const named = prog.p.parsed.program.body ? undefined : prog.defs[prog.defs.length - 1]!.name;
  const program = s ? (named ? { definitions: [{ name: named, expr: s.expanded }], body: null } : { definitions: [], body: s.expanded }) : prog.p.parsed.program;
  const built = inField('expr', prog.text, () => buildGraph(program, granularity));
  const { graph, sources } = built;
  for (const d of prog.defs) if (at.has(d.name)) throw fieldError('at', typeof req['at'] === 'string' ? req['at'] : '', 'BAD_VALUE', `${d.name} is defined by the expression; it cannot also be given a value.`, at.get(d.name)!.span);
  for (const [name, v] of at) {
    if (!graph.inputs.includes(name)) throw fieldError('at', typeof req['at'] === 'string' ? req['at'] : '', 'BAD_VALUE', `${name} is not an input of the graph (its inputs: ${graph.inputs.join(', ')}).`, v.span);
  }
  const spanOf = (id: string) => {
    for (const e of sources.get(id) ?? []) {
      const sp = prog.p.spanOf(e);
      if (sp) return sp;
    }
    return undefined;
  };
  const passes = inField('expr', prog.text, () => runPasses(graph, at, spanOf));
  const point: Record<string, number> = Object.fromEntries([...at].map(([k, v]) => [k, v.value]));
  const whole = s ? s.expanded : prog.whole;
  const checks = new Map<string, GradientCheck>();
  const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
  if (check) {
    for (const n of graph.nodes) {
      const grad = passes.nodes[index.get(n.id)!]!.grad.value;
      if (n.kind === 'input') checks.set(n.id, checkPartial(whole, n.name, point, grad));
      else if (!s && n.named && n.id !== graph.output && prog.defs.some((d) => d.name === n.name)) {
        const f = wholeFunction(prog.defs, prog.target, n.name);
        checks.set(n.id, checkPartial(f, n.name, { ...point, [n.name]: passes.nodes[index.get(n.id)!]!.value.value }, grad));
      }
    }
  }
  const output = graph.nodes[index.get(graph.output)!]!;
  const gradients: Record<string, unknown> = {};
  for (const name of graph.inputs) {
    const n = graph.nodes.find((x) => x.kind === 'input' && x.name === name)!;
    const np = passes.nodes[index.get(n.id)!]!;
    gradients[name] = { ...valueJson(np.grad), terms: np.terms, ...(checks.has(n.id) ? { check: checks.get(n.id) } : {}) };
  }
  let tables: RowTable[] | undefined;
  if (model) {
    const theta = new Map(model.params.map((p) => [p, at.get(p) ? num(at.get(p)!) : undefined] as const));
    const missing = [...theta].find(([, v]) => !v);
    if (!missing) {
      const th = theta as Map<string, Num>;
      const rowError = rowErrorFor(prog, () => model!);
      try {
        tables = evaluateLoss(model, th, true, true, rowError).tables as RowTable[];
      } catch (e) {
        if (!(e instanceof NotExact)) throw e;
        tables = evaluateLoss(model, th, false, true, rowError).tables as RowTable[];
      }
    }
  }
  const res: Response = {
    granularity,
    output: graph.output,
    target: output.name,
    value: valueJson(passes.nodes[index.get(graph.output)!]!.value),
    nodes: graph.nodes.map((n, i) => {
      const np = passes.nodes[i]!;
      return {
        id: n.id, kind: n.kind, name: n.name, named: n.named, op: n.op, ...labelOf(n), rank: n.rank,
        expr: forms(n.expr), ...(n.gate ? { gate: forms(n.gate) } : {}),
        inputs: n.inputs, outputs: n.outputs,
        ...valueJson(np.value), grad: valueJson(np.grad), terms: np.terms,
        ...(n.inner ? { inner: n.inner.map((x, k) => ({ label: x.label, ...(x.name ? { name: x.name } : {}), gate: forms(x.gate), ...valueJson(np.inner![k]!) })) } : {}),
        ...(checks.has(n.id) ? { check: checks.get(n.id) } : {}),
      };
    }),
    edges: graph.edges,
    order: graph.nodes.map((n) => n.id),
    backward: passes.edges.map((e) => {
      const edge = graph.edges[Number(e.edge.slice(1))]!;
      return {
        edge: e.edge, from: edge.from, to: edge.to,
        forward: valueJson(e.forward), upstream: valueJson(e.upstream),
        local: { gate: forms(e.local.gate), named: forms(e.local.named), ...valueJson(e.local.value) },
        downstream: valueJson(e.downstream),
      };
    }),
    gradients,
    ...(check ? { check: { status: worst([...checks.values()]) } } : {}),
    ...(model ? { loss: forms(lossDisplay(model)), ...(tables ? { tables: tables.map(tableJson) } : {}) } : {}),
  };
  return { ...res, ...(await pictures(res, picture, frames)) };
}

/** `format`: "json" (the default: no picture), "svg" or "tikz" (the picture under that key). */
function pictureField(req: Request): 'json' | 'svg' | 'tikz' {
  const v = stringField(req, 'format') ?? 'json';
  if (v !== 'json' && v !== 'svg' && v !== 'tikz') throw new ChainruleError('BAD_REQUEST', 'The field "format" must be "json", "svg" or "tikz".');
  return v;
}

/** The pictures (src/render/graphSvg.ts, graphTikz.ts) of the op's own response. */
async function pictures(res: Response, format: 'json' | 'svg' | 'tikz', frames: boolean): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const g = res as unknown as PicGraph;
  if (format === 'svg' || frames) {
    const { graphSvg, graphSvgFrames } = await import('../render/graphSvg.js');
    if (format === 'svg') out['svg'] = graphSvg(g);
    if (frames) out['frames'] = graphSvgFrames(g);
  }
  if (format === 'tikz') out['tikz'] = (await import('../render/graphTikz.js')).graphTikz(g);
  return out;
}

/** What a picture writes in a node: the input's name, or the gate's label (σ, +1, 1/x, …). */
function labelOf(n: GraphNode): { label: string; latexLabel: string } {
  if (n.kind === 'input' || !n.gate) return { label: unicodeName(n.name), latexLabel: latexName(n.name) };
  const l = gateLabel(n.op, n.gate);
  return { label: l.label, latexLabel: l.latex };
}

function num(v: InputValue): Num {
  return v.exact ? { value: v.value, exact: new Fraction(v.exact.n, v.exact.d) } : { value: v.value };
}

// ---- descend ----

export async function descendOp(req: Request): Promise<Response> {
  const prog = await programField(req);
  const data = dataField(req);
  const start = pointOf(req, 'start');
  const rate = rateField(req);
  const steps = stepsField(req);
  const s = summed(prog, data);
  // a loss without a sum needs no data: plain minimisation of a function
  if (!s && unfoldedSize(prog.whole, MAX_LOSS_SIZE) > MAX_LOSS_SIZE) throw fieldError('expr', prog.text, 'TOO_MANY_NODES', `The loss, with its definitions substituted, has more than ${MAX_LOSS_SIZE} nodes.`);
  const model = s ? s.model : makeLossModel(prog.whole, [], { columns: [], rows: 1, values: new Map() }, symbolsOf(prog.whole));
  const params = model.params;
  for (const p of params) {
    if (!start.has(p)) {
      throw fieldError('expr', prog.text, 'UNBOUND_VARIABLE', `${p} has no starting value: give it in "start" (e.g. ${p}=0).`, firstUse(prog, p));
    }
  }
  for (const [name, v] of start) {
    if (!params.includes(name)) throw fieldError('start', typeof req['start'] === 'string' ? req['start'] : '', 'BAD_VALUE', `${name} is not a parameter of the loss (its parameters: ${params.join(', ') || 'none'}).`, v.span);
  }
  const theta = new Map(params.map((p) => [p, num(start.get(p)!)]));
  const run = inField('expr', prog.text, () => descend(model, theta, { rate, steps }, rowErrorFor(prog, () => model)));
  const pv = (m: ReadonlyMap<string, Num>) => Object.fromEntries(params.map((p) => [p, valueJson(m.get(p)!)]));
  return {
    parameters: params,
    loss: forms(lossDisplay(model)),
    gradient: Object.fromEntries(params.map((p) => [p, forms(gradientDisplay(model, p))])),
    rate: valueJson(rate),
    steps,
    exact: run.exact,
    ...(run.exactUntil ? { exactUntil: run.exactUntil } : {}),
    ...(run.stopped ? { stopped: run.stopped } : {}),
    table: run.rows.map((r) => ({ step: r.step, parameters: pv(r.parameters), loss: valueJson(r.loss), gradient: pv(r.gradient) })),
    rows: run.tables.map((t) => ({ step: t.step, sums: t.tables.map(tableJson) })),
  };
}

function rateField(req: Request): Num {
  const v = req['rate'];
  if (v === undefined || v === null) throw new ChainruleError('BAD_REQUEST', 'The field "rate" (the learning rate, e.g. 0.1) is missing.');
  const text = typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v.trim() : undefined;
  const q = text === undefined ? undefined : parseRational(text);
  if (!q || q === 'too-large' || q.d === 0n) throw new ChainruleError('BAD_VALUE', 'The field "rate" must be a finite number such as 0.1 or "1/10".');
  if (q.n <= 0n) throw new ChainruleError('BAD_VALUE', 'The learning rate must be positive.');
  return { value: ratToNumber(q.n, q.d), exact: new Fraction(q.n, q.d) };
}

function stepsField(req: Request): number {
  const v = req['steps'];
  if (v === undefined || v === null) return 1;
  const n = typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new ChainruleError('BAD_REQUEST', 'The field "steps" must be a whole number (0 or more).');
  return n;
}
