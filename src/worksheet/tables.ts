// The tables of a worksheet, from the graph and descend op responses (docs/api.md): the forward
// pass (a value on every node), the backward pass (upstream × local = downstream on every edge),
// the gradient descent steps and the per-data-point tables the notes show (G2, G3).
import type { Result, Status, Table } from './model.js';
import { num, type Value } from './values.js';

// The op responses are JSON documented in docs/api.md and pinned by its tests; reading them through
// `unknown` would add a cast per field and no safety. Typed views belong in the api layer's schemas.
// biome-ignore lint/suspicious/noExplicitAny: the documented JSON of op responses (see above)
type Json = Record<string, any>;
type Names = (name: string) => Promise<string>;

export async function graphTables(g: Json, latexOf: Names): Promise<{ tables: Table[]; results: Result[] }> {
  const nodes = g['nodes'] as Json[];
  const byId = new Map(nodes.map((n) => [String(n['id']), n]));
  const name = async (id: string) => latexOf(String(byId.get(id)?.['name'] ?? id));
  const forward: Table = {
    caption: { key: 'section-forward' },
    head: [{ key: 'col-node' }, { key: 'col-gate' }, { key: 'col-formula' }, { key: 'col-value' }],
    rows: await Promise.all(
      nodes.map(async (n) => [{ math: await latexOf(String(n['name'])) }, { math: n['kind'] === 'gate' ? String(n['latexLabel']) : '' }, { math: n['kind'] === 'gate' ? String(n['expr']['latex']) : '' }, { math: num(n as Value) }]),
    ),
  };
  const backward: Table = {
    caption: { key: 'section-backward' },
    head: [{ key: 'col-edge' }, { key: 'col-upstream' }, { key: 'col-local' }, { math: '' }, { key: 'col-downstream' }],
    rows: await Promise.all(
      (g['backward'] as Json[]).map(async (b) => [
        { math: `${await name(b['from'])} \\to ${await name(b['to'])}` },
        { math: num(b['upstream']) },
        { math: String(b['local']['named']['latex']) },
        { math: num(b['local']) },
        { math: num(b['downstream']) },
      ]),
    ),
  };
  const target = await latexOf(String(g['target'] ?? byId.get(String(g['output']))?.['name'] ?? 'L'));
  const results: Result[] = [{ lhs: target, rhs: num(g['value']) }];
  for (const [input, gr] of Object.entries(g['gradients'] as Json)) {
    results.push({ lhs: `\\frac{\\partial ${target}}{\\partial ${await latexOf(input)}}`, rhs: num(gr as Value), check: (gr['check']?.['status'] ?? 'unverifiable') as Status });
  }
  return { tables: [forward, backward], results };
}

export async function descentTables(d: Json, latexOf: Names): Promise<{ tables: Table[]; results: Result[]; dataTable?: Table }> {
  const params: string[] = Array.isArray(d['parameters']) ? d['parameters'].map(String) : Object.keys(d['table'][0]['parameters']);
  const pl = await Promise.all(params.map(latexOf));
  const steps: Table = {
    caption: { key: 'section-descent' },
    head: [{ key: 'col-step' }, ...pl.map((p) => ({ math: p })), { math: 'L' }, ...pl.map((p) => ({ math: `\\frac{\\partial L}{\\partial ${p}}` }))],
    rows: (d['table'] as Json[]).map((r) => [{ math: String(r['step']) }, ...params.map((p) => ({ math: num(r['parameters'][p]) })), { math: num(r['loss']) }, ...params.map((p) => ({ math: num(r['gradient'][p]) }))]),
  };
  const tables: Table[] = [];
  let dataTable: Table | undefined;
  for (const block of (d['rows'] ?? []) as Json[]) {
    for (const sum of block['sums'] as Json[]) {
      const cols = sum['columns'] as Json[];
      const body = (sum['rows'] as Json[][]).map((row) => row.map((v) => ({ math: num(v as Value) })));
      const totals = (sum['totals'] as (Value | null)[]).map((v) => ({ math: v ? num(v) : '' }));
      tables.push({
        caption: { key: 'section-rows', args: { step: Number(block['step']) } },
        head: cols.map((c) => ({ math: String(c['latex']) })),
        rows: [...body, [{ math: `\\textstyle\\sum` }, ...totals.slice(1)]],
        total: true,
      });
      if (!dataTable) {
        const keep = cols.map((c, i) => (c['kind'] === 'data' ? i : -1)).filter((i) => i >= 0);
        dataTable = { caption: { key: 'data' }, head: keep.map((i) => ({ math: String(cols[i]!['latex']) })), rows: body.map((row) => keep.map((i) => row[i]!)) };
      }
    }
  }
  const table = d['table'] as Json[];
  const first = table[0]!;
  const last = table[table.length - 1]!;
  const results: Result[] = [
    { lhs: 'L', rhs: num(first['loss']) },
    ...params.map((p, i) => ({ lhs: `\\frac{\\partial L}{\\partial ${pl[i]}}`, rhs: num(first['gradient'][p]) })),
    ...(table.length > 1 ? [...params.map((p, i) => ({ lhs: `${pl[i]}_{\\text{new}}`, rhs: num(last['parameters'][p]) })), { lhs: 'L_{\\text{new}}', rhs: num(last['loss']) }] : []),
  ];
  return { tables: [steps, ...tables], results, ...(dataTable ? { dataTable } : {}) };
}
