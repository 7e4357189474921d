// Solving each problem of a worksheet through the batch protocol's op responses (derive, graph,
// descend, latex — docs/api.md), which are the engine's stable interface. An op error becomes a
// FieldError pointing at the problem's field in the YAML (line and column in the file).
import type { ApiError } from '../api/errors.js';
import type { ProblemSpec } from './schema.js';
import type { Equation, Line, Result, Section, SolvedProblem, Status, Table } from './model.js';
import { nodeAt, type ReadWorksheet, yamlError } from './read.js';
import { descentTables, graphTables } from './tables.js';
import { decimal, worst } from './values.js';
import { DIFF_STEP } from '../rules/registry.js';

/** Runs one request of the batch protocol (src/api/batch.ts handleLine, parsed). */
export type Runner = (req: Record<string, unknown>) => Promise<Record<string, unknown>>;

// The op responses are JSON documented in docs/api.md and pinned by its tests; reading them through
// `unknown` would add a cast per field and no safety. Typed views belong in the api layer's schemas.
// biome-ignore lint/suspicious/noExplicitAny: the documented JSON of op responses (see above)
type Json = Record<string, any>;

interface Ctx {
  readonly read: ReadWorksheet;
  readonly run: Runner;
  readonly index: number;
  readonly latexCache: Map<string, string>;
}

/** Run an op; an error is re-pointed into the YAML at `field` of this problem. */
async function op(ctx: Ctx, field: keyof ProblemSpec, req: Json): Promise<Json> {
  const res = (await ctx.run(req)) as Json;
  if (res['ok']) return res;
  const err = res['error'] as ApiError;
  const path = ['problems', ctx.index, field];
  const node = nodeAt(ctx.read.doc, path);
  const where = `problems[${ctx.index}].${String(field)}`;
  const text = (ctx.read.spec.problems[ctx.index] as Json)[field];
  const range = node?.range;
  if (range && typeof text === 'string' && err.position && (err.field === 'expr' || err.field === field || err.field === 'given')) {
    const at = ctx.read.source.indexOf(text, range[0]);
    if (at >= 0 && at < range[1]) throw yamlError(ctx.read.source, err.code, `${where}: ${err.message}`, [at + err.position.offset, at + err.position.end]);
  }
  throw yamlError(ctx.read.source, err.code === 'INTERNAL' ? 'BAD_REQUEST' : err.code, `${where}: ${err.message}`, range ? [range[0], range[1]] : undefined);
}

/** LaTeX of a name in the engine's text form (`a_2` → `a_{2}`), cached. */
async function nameLatex(ctx: Ctx, name: string): Promise<string> {
  let s = ctx.latexCache.get(name);
  if (s === undefined) {
    const res = (await ctx.run({ op: 'latex', expr: name })) as Json;
    s = res['ok'] ? String(res['latex']) : name;
    ctx.latexCache.set(name, s);
  }
  return s;
}

const partial = (of: string, wrt: string) => `\\frac{\\partial ${of}}{\\partial ${wrt}}`;

function stepLines(derivation: Json): Line[] {
  return ((derivation['steps'] ?? []) as Json[]).map((s) => ({
    latex: String(s['latex']?.['after'] ?? s['latex']),
    rule: String(s['rule']),
    ...(s['check']?.['status'] ? { check: s['check']['status'] as Status } : {}),
    ...(s['conditionsLatex'] ? { conditions: s['conditionsLatex'] as string[] } : {}),
  }));
}

function common(spec: ProblemSpec): Json {
  return { ...(spec.notation ? { notation: spec.notation } : {}), ...(spec.names ? { names: spec.names } : {}) };
}

function wrtList(spec: ProblemSpec): string[] | undefined {
  return spec.wrt === undefined ? undefined : Array.isArray(spec.wrt) ? spec.wrt : [spec.wrt];
}

function overrideFor(spec: ProblemSpec, name: string, i: number): string | undefined {
  if (spec.answer === undefined) return undefined;
  if (typeof spec.answer === 'string') return i === 0 ? spec.answer : undefined;
  return spec.answer[name];
}

/** The answer key must say what the engine derived: checked by the verify op against each form of
 * the result (in the names, and substituted back — the key may be written in either); a key that
 * is wrong in every form is ANSWER_KEY_WRONG at its place in the YAML; an undecided one is kept. */
async function checkOverride(ctx: Ctx, spec: ProblemSpec, name: string, key: string, forms: readonly string[]): Promise<void> {
  let reason = '';
  for (const expected of forms) {
    const v = (await ctx.run({ op: 'verify', expected, answer: key, ...common(spec) })) as Json;
    if (!v['ok'] || v['verdict'] !== 'incorrect') return;
    reason ||= String(v['reason'] ?? v['error']?.['message'] ?? '');
  }
  const path = typeof spec.answer === 'string' ? ['problems', ctx.index, 'answer'] : ['problems', ctx.index, 'answer', name];
  const range = nodeAt(ctx.read.doc, path)?.range;
  const where = `problems[${ctx.index}].${path.slice(2).join('.')}`;
  throw yamlError(ctx.read.source, 'ANSWER_KEY_WRONG', `${where}: the answer key ${JSON.stringify(key)} is not the derivative with respect to ${name}${reason ? ` (${reason})` : ''}; the engine derived ${forms[forms.length - 1]}.`, range ? [range[0], range[1]] : undefined);
}

async function derivation(ctx: Ctx, spec: ProblemSpec, target: string): Promise<{ sections: Section[]; results: Result[]; status: Status; targets: string[]; given: string[]; exprLatex: string; exprLast?: string; last: string }> {
  const expr = spec.definitions ?? spec.expr!;
  const field = spec.definitions !== undefined ? 'definitions' : 'expr';
  const wrt = wrtList(spec);
  // the sheets print one expression's derivation line by line: the full trace (steps: "full")
  const res = await op(ctx, field, { op: 'derive', expr, ...(wrt ? { wrt } : {}), ...(spec.given ? { given: spec.given } : {}), steps: 'full', ...common(spec) });
  const parsed = await op(ctx, field, { op: 'parse', expr, ...common(spec) });
  const given = await givenLines(ctx, parsed);
  if (parsed['latex'] && !res['chain']) given.push(String(parsed['latex']));
  const statuses: Status[] = [res['check']?.['status'] ?? 'unverifiable'];
  if (res['chain']) {
    const chain = res['chain'] as Json;
    const tgt = await nameLatex(ctx, String(chain['target']));
    const locals: Equation[] = [];
    for (const l of chain['locals'] as Json[]) {
      const frac = partial(await nameLatex(ctx, l['of']), await nameLatex(ctx, l['wrt']));
      const d = l['derivation'] as Json;
      locals.push({ lhs: frac, label: { key: 'rule-chain_local', args: { fracMath: frac } }, lines: [{ latex: String(d['start']['latex']) }, ...stepLines(d)] });
    }
    const upstream: Equation[] = [];
    for (const a of chain['adjoints'] as Json[]) {
      const v = await nameLatex(ctx, a['name']);
      const frac = partial(tgt, v);
      const d = a['derivation'] as Json;
      const via = (a['via'] as string[]).filter((u) => u !== chain['target']);
      const lines: Line[] = [];
      if (via.length) {
        const terms = [];
        for (const u of via) {
          const ul = await nameLatex(ctx, u);
          terms.push(`${partial(tgt, ul)} \\cdot ${partial(ul, v)}`);
        }
        lines.push({ latex: terms.join(' + '), rule: DIFF_STEP.chain.id });
      }
      lines.push({ latex: String(d['input']['latex']) }, ...stepLines(d));
      upstream.push({ lhs: frac, label: { key: 'rule-chain_upstream', args: { fracMath: frac } }, lines: dedupe(lines) });
    }
    const results: Result[] = [];
    const targets: string[] = [];
    const names = Object.keys(chain['gradients'] as Json);
    for (const [i, name] of names.entries()) {
      const g = (chain['gradients'] as Json)[name] as Json;
      const lhs = partial(tgt, await nameLatex(ctx, name));
      targets.push(lhs);
      const sub = String(g['substituted']?.['latex'] ?? '');
      const override = overrideFor(spec, name, i);
      if (override) await checkOverride(ctx, spec, name, override, [String(g['text']), ...(g['substituted']?.['text'] ? [String(g['substituted']['text'])] : [])]);
      results.push({ lhs, rhs: String(g['latex']), ...(sub && sub !== g['latex'] ? { substituted: sub } : {}), ...(override ? { override } : {}) });
    }
    return { sections: [{ key: 'section-locals', equations: locals }, { key: 'section-upstream', equations: upstream }], results, status: worst(statuses), targets, given, exprLatex: '', last: names[names.length - 1] ?? target };
  }
  // one expression: d/dx(…) = … step by step, per variable
  const all: Json[] = [res, ...Object.entries((res['gradient'] ?? {}) as Json).filter(([k]) => k !== res['wrt']).map(([, v]) => v as Json)];
  const sections: Section[] = [];
  const results: Result[] = [];
  const targets: string[] = [];
  let last = target;
  for (const [i, r] of all.entries()) {
    if (r['check']?.['status']) statuses.push(r['check']['status']);
    const w = String(r['wrt'] ?? wrtList(spec)?.[i] ?? 'x');
    const lhs = String(r['start']['latex']);
    targets.push(await nameLatex(ctx, w));
    last = w;
    sections.push({ key: 'section-result', equations: [{ lhs: String(r['start']['latex']), lines: stepLines(r) }] });
    const override = overrideFor(spec, w, i);
    if (override) await checkOverride(ctx, spec, w, override, [String(r['result'])]);
    results.push({ lhs, rhs: String(r['latex']), ...(override ? { override } : {}) });
  }
  return { sections, results, status: worst(statuses), targets, given, exprLatex: String(parsed['latex'] ?? ''), exprLast: String(parsed['unicode'] ?? ''), last };
}

/** The definitions of a parse response as `name = rhs` lines. */
async function givenLines(ctx: Ctx, parsed: Json): Promise<string[]> {
  const out: string[] = [];
  for (const d of (parsed['definitions'] ?? []) as Json[]) out.push(`${await nameLatex(ctx, String(d['name']))} = ${d['latex']}`);
  return out;
}

/** Drop a line equal to the one before (an upstream gradient whose product is already simplified). */
function dedupe(lines: Line[]): Line[] {
  return lines.filter((l, i) => i === 0 || l.latex !== lines[i - 1]!.latex);
}

const pointText = (p: ProblemSpec['at']): string =>
  p === undefined ? '' : typeof p === 'string' ? p : Object.entries(p).map(([k, v]) => `${k}=${v}`).join(', ');

async function pointLatex(ctx: Ctx, p: ProblemSpec['at']): Promise<string> {
  const parts: string[] = [];
  for (const item of pointText(p).split(',')) {
    const [k, v] = item.split('=').map((s) => s.trim());
    if (k && v !== undefined) parts.push(`${await nameLatex(ctx, k)} = ${decimal(v)}`);
  }
  return parts.join(',\\ ');
}

export async function solveProblem(read: ReadWorksheet, index: number, run: Runner, latexCache: Map<string, string>): Promise<SolvedProblem> {
  const ctx: Ctx = { read, run, index, latexCache };
  const spec = read.spec.problems[index]!;
  const id = spec.id ?? `p${index + 1}`;
  const show = new Set(spec.show ?? (spec.start !== undefined ? ['descent'] : spec.at !== undefined ? ['graph'] : ['derivation']));
  const expr = spec.definitions ?? spec.expr!;
  const field = spec.definitions !== undefined ? 'definitions' : 'expr';
  let sections: Section[] = [];
  let results: Result[] = [];
  const tables: Table[] = [];
  const statuses: Status[] = [];
  let given: string[] = [];
  let prompt: SolvedProblem['prompt'] = { key: 'prompt-expr', args: {} };
  let graph: SolvedProblem['graph'];
  let dataTable: Table | undefined;
  if (show.has('derivation')) {
    const d = await derivation(ctx, spec, 'x');
    sections = d.sections;
    results = d.results;
    given = d.given;
    statuses.push(d.status);
    const targetsMath = d.targets.join(',\\ ');
    prompt = spec.definitions !== undefined
      ? { key: 'prompt-chain', args: { targetsMath, last: d.last } }
      : { key: 'prompt-expr', args: { exprMath: d.exprLatex, exprLast: d.exprLast ?? '', varsMath: targetsMath, last: d.last } };
  }
  if (show.has('graph')) {
    if (spec.at === undefined) throw yamlError(read.source, 'BAD_REQUEST', `problems[${index}] shows a graph and needs "at": the input values.`, nodeAt(read.doc, ['problems', index])?.range?.slice(0, 2) as [number, number]);
    const base = { op: 'graph', expr, at: spec.at, ...(spec.granularity ? { granularity: spec.granularity } : {}), ...(spec.data ? { data: spec.data } : {}), ...common(spec) };
    const g = await op(ctx, field, { ...base, format: 'svg' });
    const t = await op(ctx, field, { ...base, format: 'tikz', check: false });
    graph = { svg: String(g['svg']), tikz: String(t['tikz']) };
    statuses.push(g['check']?.['status'] ?? 'unverifiable');
    const gt = await graphTables(g, (n) => nameLatex(ctx, n));
    tables.push(...gt.tables);
    results.push(...gt.results);
    if (!show.has('derivation')) {
      const parsed = await op(ctx, field, { op: 'parse', expr, ...common(spec) });
      given = await givenLines(ctx, parsed);
      if (parsed['latex']) given.push(String(parsed['latex']));
      prompt = { key: 'prompt-graph', args: { pointMath: await pointLatex(ctx, spec.at) } };
    }
  }
  if (show.has('descent')) {
    if (spec.start === undefined || spec.rate === undefined) throw yamlError(read.source, 'BAD_REQUEST', `problems[${index}] shows gradient descent and needs "start" and "rate".`, nodeAt(read.doc, ['problems', index])?.range?.slice(0, 2) as [number, number]);
    const res = await op(ctx, field, { op: 'descend', expr, start: spec.start, rate: spec.rate, steps: spec.steps ?? 1, ...(spec.data ? { data: spec.data } : {}), ...common(spec) });
    const dt = await descentTables(res, (n) => nameLatex(ctx, n));
    tables.push(...dt.tables);
    results.push(...dt.results);
    dataTable = dt.dataTable;
    if (!show.has('derivation')) {
      given = [`L = ${res['loss']['latex']}`];
      const rate = String(spec.rate);
      prompt = { key: 'prompt-descent', args: { lossMath: 'L', lossLast: 'L', startMath: await pointLatex(ctx, spec.start), rateMath: `\\alpha = ${decimal(rate)}`, rateLast: rate, steps: spec.steps ?? 1 } };
    }
  }
  return { index, id, spec, prompt, given, sections, ...(graph ? { graph } : {}), ...(dataTable ? { dataTable } : {}), tables, results, status: worst(statuses) };
}
