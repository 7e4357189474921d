// `graph` and `descend`: read the program (with Σ_i) and the data, one domain call (buildGraph +
// runPasses + checks / descend), serialize. The sums over data live in src/graph/program.ts.
import Fraction from 'fraction.js';
import { ratString } from '../../ast/json.js';
import type { Expr } from '../../ast/nodes.js';
import { latexName, unicodeName } from '../../ast/names.js';
import { ChainruleError } from '../../errors.js';
import {
  buildGraph, checkPartial, descend as runDescent, evaluateLoss, gradientDisplay, lossDisplay, makeLossModel, NotExact,
  runPasses, wholeFunction, worst, type GradientCheck, type GraphNode,
  type LossModel, type Num, type RowTable, type Value,
} from '../../graph/index.js';
import { readCsv, readInlineData, readJsonData, type Data } from '../../parse/data.js';
import { parseAsync } from '../../parse/index.js';
import { symbolsOf } from '../../graph/dag.js';
import { checkLossSize, expandSums, firstUse, programOf as graphProgram, rowError, type GraphProgram } from '../../graph/program.js';
import { ratToNumber } from '../../numeric/number.js';
import { parseRational } from '../../numeric/rational.js';
import { gateLabel, toLatex, toText, toUnicode } from '../../render/index.js';
import type { PicGraph } from '../../render/graphLayout.js';
import { fieldError, inField, inFieldAsync } from '../errors.js';
import { readingsJson, readPoint, withReadings, type PointEntry } from '../fields.js';
import { rolesReadings } from '../../derive/roles.js';
import type { RequestOf, ResponseOf } from '../schema/index.js';

/** An expression as text (parses back, sums included), Unicode and LaTeX. */
export function forms(e: Expr): { text: string; unicode: string; latex: string } {
  return { text: toText(e), unicode: toUnicode(e), latex: toLatex(e) };
}

export function valueJson(v: Value | Num): { value: number | string; exact?: string } {
  const exact = v.exact === undefined ? undefined : typeof v.exact === 'string' ? v.exact : ratString(v.exact.s * v.exact.n, v.exact.d);
  return { value: Number.isFinite(v.value) ? (Object.is(v.value, -0) ? 0 : v.value) : String(v.value), ...(exact !== undefined ? { exact } : {}) };
}

export function tableJson(t: RowTable) {
  return {
    index: t.index,
    columns: t.columns.map((c) => ({ kind: c.kind, ...(c.role ? { role: c.role } : {}), ...(c.param ? { param: c.param } : {}), ...forms(c.expr) })),
    rows: t.rows.map((row) => row.map(valueJson)),
    totals: t.totals.map((v) => (v ? valueJson(v) : null)),
  };
}

/** The readings of the program, with positions in the user's text, and which argument of BCE/MSE/CE
 * is taken as the prediction for the variables whose gradients are given (as derive says it). */
function readingsOf(prog: GraphProgram, vars: readonly string[]) {
  const parsed = { ...prog.p.parsed, input: prog.text };
  return withReadings(readingsJson('expr', parsed, vars.length ? rolesReadings(parsed, vars, toUnicode) : []));
}

function programOf(req: RequestOf<'graph'> | RequestOf<'descend'>): Promise<GraphProgram> {
  return inFieldAsync('expr', req.expr, async () => graphProgram(req.expr, await parseAsync(req.expr, { names: [...(req.names ?? [])], notation: req.notation ?? 'auto' })));
}

function dataOf(req: RequestOf<'graph'> | RequestOf<'descend'>): Data | undefined {
  if (req.data !== undefined && req.csv !== undefined) throw new ChainruleError('BAD_REQUEST', 'Give the data either as "data" or as "csv", not both.');
  if (req.csv !== undefined) return inField('csv', req.csv, () => readCsv(req.csv!));
  const d = req.data;
  if (d === undefined) return undefined;
  if (typeof d === 'string') return inField('data', d, () => readInlineData(d));
  return inField('data', '', () => readJsonData(d));
}

/** The text of a point field, for positions (empty for an object point). */
const textOf = (v: unknown): string => (typeof v === 'string' ? v : '');

function num(v: PointEntry): Num {
  return v.exact ? { value: v.value, exact: new Fraction(v.exact.n, v.exact.d) } : { value: v.value };
}

export async function graph(req: RequestOf<'graph'>): Promise<ResponseOf<'graph'>> {
  // with shapes: the matrix program's graph (src/tensor)
  if (req.shapes) return (await import('./matrix.js')).graphMatrixOp(req, req.shapes, req.values);
  if (req.values) throw fieldError('values', '', 'BAD_REQUEST', '"values" gives the entries of matrices: declare their "shapes" too (else give the inputs as "at").');
  const prog = await programOf(req);
  const granularity = req.granularity ?? 'standard';
  const check = req.check ?? true;
  const data = dataOf(req);
  const at = readPoint('at', req.at);
  const s = inField('expr', prog.text, () => expandSums(prog, data));
  const model = s?.model;
  // a data graph is the loss written out row by row; it keeps the loss's name (L = Σ_i …)
  const named = prog.p.parsed.program.body ? undefined : prog.defs[prog.defs.length - 1]!.name;
  const program = s ? (named ? { definitions: [{ name: named, expr: s.expanded }], body: null } : { definitions: [], body: s.expanded }) : prog.p.parsed.program;
  const { graph: g, sources } = inField('expr', prog.text, () => buildGraph(program, granularity));
  for (const d of prog.defs) if (at.has(d.name)) throw fieldError('at', textOf(req.at), 'BAD_VALUE', `${d.name} is defined by the expression; it cannot also be given a value.`, at.get(d.name)!.nameSpan);
  for (const [name, v] of at) {
    if (!g.inputs.includes(name)) throw fieldError('at', textOf(req.at), 'BAD_VALUE', `${name} is not an input of the graph (its inputs: ${g.inputs.join(', ')}).`, v.nameSpan);
  }
  const spanOf = (id: string) => {
    for (const e of sources.get(id) ?? []) {
      const sp = prog.p.spanOf(e);
      if (sp) return sp;
    }
    return undefined;
  };
  const passes = inField('expr', prog.text, () => runPasses(g, new Map([...at].map(([k, v]) => [k, { value: v.value, ...(v.exact ? { exact: v.exact } : {}) }])), spanOf));
  const point: Record<string, number> = Object.fromEntries([...at].map(([k, v]) => [k, v.value]));
  const whole = s ? s.expanded : prog.whole;
  const checks = new Map<string, GradientCheck>();
  const index = new Map(g.nodes.map((n, i) => [n.id, i]));
  if (check) {
    for (const n of g.nodes) {
      const grad = passes.nodes[index.get(n.id)!]!.grad.value;
      if (n.kind === 'input') checks.set(n.id, checkPartial(whole, n.name, point, grad));
      else if (!s && n.named && n.id !== g.output && prog.defs.some((d) => d.name === n.name)) {
        const f = wholeFunction(prog.defs, prog.target, n.name);
        checks.set(n.id, checkPartial(f, n.name, { ...point, [n.name]: passes.nodes[index.get(n.id)!]!.value.value }, grad));
      }
    }
  }
  const output = g.nodes[index.get(g.output)!]!;
  const gradients: Record<string, unknown> = {};
  for (const name of g.inputs) {
    const n = g.nodes.find((x) => x.kind === 'input' && x.name === name)!;
    const np = passes.nodes[index.get(n.id)!]!;
    gradients[name] = { ...valueJson(np.grad), terms: np.terms, ...(checks.has(n.id) ? { check: checks.get(n.id) } : {}) };
  }
  const tables = model ? rowTables(prog, model, at) : undefined;
  const res = {
    granularity,
    output: g.output,
    target: output.name,
    value: valueJson(passes.nodes[index.get(g.output)!]!.value),
    nodes: g.nodes.map((n, i) => {
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
    edges: g.edges,
    order: g.nodes.map((n) => n.id),
    backward: passes.edges.map((e) => {
      const edge = g.edges[Number(e.edge.slice(1))]!;
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
    ...readingsOf(prog, Object.keys(gradients)),
  } as ResponseOf<'graph'>;
  return { ...res, ...(await pictures(res, req.format ?? 'json', req.frames ?? false)) };
}

/** The per-row tables at `at`, when every parameter has a value: exact while it can be. */
function rowTables(prog: GraphProgram, model: LossModel, at: ReadonlyMap<string, PointEntry>): RowTable[] | undefined {
  const theta = new Map(model.params.map((p) => [p, at.get(p) ? num(at.get(p)!) : undefined] as const));
  if ([...theta].some(([, v]) => !v)) return undefined;
  const th = theta as Map<string, Num>;
  const onRow = rowError(() => model);
  return inField('expr', prog.text, () => {
    try {
      return evaluateLoss(model, th, true, true, onRow).tables as RowTable[];
    } catch (e) {
      if (!(e instanceof NotExact)) throw e;
      return evaluateLoss(model, th, false, true, onRow).tables as RowTable[];
    }
  });
}

/** The pictures (src/render/graphSvg.ts, graphTikz.ts) of the op's own response. */
async function pictures(res: ResponseOf<'graph'>, format: 'json' | 'svg' | 'tikz', frames: boolean): Promise<{ svg?: string; tikz?: string; frames?: string[] }> {
  const out: { svg?: string; tikz?: string; frames?: string[] } = {};
  const g = res as unknown as PicGraph;
  if (format === 'svg' || frames) {
    const { graphSvg, graphSvgFrames } = await import('../../render/graphSvg.js');
    if (format === 'svg') out.svg = graphSvg(g);
    if (frames) out.frames = graphSvgFrames(g);
  }
  if (format === 'tikz') out.tikz = (await import('../../render/graphTikz.js')).graphTikz(g);
  return out;
}

/** What a picture writes in a node: the input's name, or the gate's label (σ, +1, 1/x, …). */
function labelOf(n: GraphNode): { label: string; latexLabel: string } {
  if (n.kind === 'input' || !n.gate) return { label: unicodeName(n.name), latexLabel: latexName(n.name) };
  const l = gateLabel(n.op, n.gate);
  return { label: l.label, latexLabel: l.latex };
}

// ---- descend ----

export async function descend(req: RequestOf<'descend'>): Promise<ResponseOf<'descend'>> {
  const prog = await programOf(req);
  const data = dataOf(req);
  const start = readPoint('start', req.start);
  const rate = rateOf(req.rate);
  const steps = stepsOf(req.steps);
  const s = inField('expr', prog.text, () => expandSums(prog, data));
  // a loss without a sum needs no data: plain minimisation of a function
  if (!s) inField('expr', prog.text, () => checkLossSize(prog));
  const model = s ? s.model : makeLossModel(prog.whole, [], { columns: [], rows: 1, values: new Map() }, symbolsOf(prog.whole));
  const params = model.params;
  for (const p of params) {
    if (!start.has(p)) throw fieldError('expr', prog.text, 'UNBOUND_VARIABLE', `${p} has no starting value: give it in "start" (e.g. ${p}=0).`, firstUse(prog, p));
  }
  for (const [name, v] of start) {
    if (!params.includes(name)) throw fieldError('start', textOf(req.start), 'BAD_VALUE', `${name} is not a parameter of the loss (its parameters: ${params.join(', ') || 'none'}).`, v.nameSpan);
  }
  const theta = new Map(params.map((p) => [p, num(start.get(p)!)]));
  const run = inField('expr', prog.text, () => runDescent(model, theta, { rate, steps }, rowError(() => model)));
  const pv = (m: ReadonlyMap<string, Num>) => Object.fromEntries(params.map((p) => [p, valueJson(m.get(p)!)]));
  return {
    parameters: [...params],
    loss: forms(lossDisplay(model)),
    gradient: Object.fromEntries(params.map((p) => [p, forms(gradientDisplay(model, p))])),
    rate: valueJson(rate),
    steps,
    exact: run.exact,
    ...(run.exactUntil ? { exactUntil: run.exactUntil } : {}),
    ...(run.stopped ? { stopped: run.stopped } : {}),
    table: run.rows.map((r) => ({ step: r.step, parameters: pv(r.parameters), loss: valueJson(r.loss), gradient: pv(r.gradient) })),
    rows: run.tables.map((t) => ({ step: t.step, sums: t.tables.map(tableJson) })),
    ...readingsOf(prog, params),
  };
}

function rateOf(v: number | string): Num {
  const text = typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v.trim() : undefined;
  const q = text === undefined ? undefined : parseRational(text);
  if (!q || q === 'too-large' || q.d === 0n) throw fieldError('rate', '', 'BAD_VALUE', 'The field "rate" must be a finite number such as 0.1 or "1/10".');
  if (q.n <= 0n) throw fieldError('rate', '', 'BAD_VALUE', 'The learning rate must be positive.');
  return { value: ratToNumber(q.n, q.d), exact: new Fraction(q.n, q.d) };
}

function stepsOf(v: number | string | undefined): number {
  return v === undefined ? 1 : typeof v === 'string' ? Number(v) : v;
}
