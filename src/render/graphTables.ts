// The `table` format of `chainrule graph` and `chainrule descend`: plain-text tables built from
// the ops' JSON (so the CLI shows exactly what the batch protocol returns). Numbers print exactly
// when they are exact and short (1.2, −2/7), else rounded to 4 decimals (0.7311), as the notes
// print them; a fork's gradient prints as the sum of its edges (3 + 3 = 6). Worksheets reuse them.
import { unicodeName } from '../ast/names.js';
import type { ResponseOf } from '../api/schema/index.js';

type Graph = Exclude<ResponseOf<'graph'>, { form: 'matrix' }>;
type Descend = ResponseOf<'descend'>;
type Table = NonNullable<Graph['tables']>[number];

/** A value for a table: exact decimal or fraction when short, else 4 decimals. */
export function fmt(v: unknown): string {
  const o = v as { value: number | string; exact?: string } | null;
  if (!o) return '';
  if (o.exact !== undefined) {
    const dec = terminatingDecimal(o.exact);
    if (dec !== undefined && dec.length <= 12) return dec;
    if (o.exact.length <= 12) return o.exact;
  }
  if (typeof o.value !== 'number') return o.value;
  const r = Number(o.value.toFixed(4));
  return String(Object.is(r, -0) ? 0 : r);
}

/** "6/5" → "1.2"; undefined when the decimal does not terminate. */
function terminatingDecimal(exact: string): string | undefined {
  const [n, d = '1'] = exact.split('/');
  let den = BigInt(d);
  let twos = 0;
  let fives = 0;
  while (den % 2n === 0n) (den /= 2n), twos++;
  while (den % 5n === 0n) (den /= 5n), fives++;
  if (den !== 1n) return undefined;
  const k = Math.max(twos, fives);
  const num = BigInt(n!);
  const scaled = (num < 0n ? -num : num) * 10n ** BigInt(k) / BigInt(d);
  const s = scaled.toString().padStart(k + 1, '0');
  const out = k === 0 ? s : `${s.slice(0, -k)}.${s.slice(-k)}`;
  return (num < 0n ? '-' : '') + out;
}

/** Columns padded to their widest cell (by code points). */
function table(head: readonly string[], rows: readonly (readonly string[])[], indent = '  '): string[] {
  const width = head.map((h, c) => Math.max([...h].length, ...rows.map((r) => [...(r[c] ?? '')].length)));
  const line = (cells: readonly string[]) => indent + cells.map((x, c) => x + ' '.repeat(width[c]! - [...x].length)).join('   ').trimEnd();
  return [line(head), ...rows.map(line)];
}

/** 3 + 3, 0.3133 − 1.3133 */
function joinSum(terms: readonly string[]): string {
  return terms.map((t, i) => (i === 0 ? t : t.startsWith('-') ? `− ${t.slice(1)}` : `+ ${t}`)).join(' ');
}

const uni = (e: { unicode: string }) => e.unicode;

export function formatGraph(r: Graph): string {
  const nodes = r.nodes;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const name = (id: string) => unicodeName(byId.get(id)!.name);
  const target = r.target;
  const out: string[] = [];
  const edges = r.edges;
  out.push(`computational graph of ${unicodeName(target)} (${r.granularity} gates): ${nodes.length} nodes, ${edges.length} edges`, '');
  out.push('forward pass (topological order)');
  out.push(
    ...table(
      ['node', 'gate', 'computes', 'value'],
      nodes.map((n) => {
        const inner = n.inner?.map((x) => `  (inside: ${x.label}${x.name ? ` = ${unicodeName(x.name)}` : ''} = ${fmt(x)})`).join('') ?? '';
        return [name(n.id), n.kind === 'input' ? 'input' : n.label, n.kind === 'input' ? '' : uni(n.expr), fmt(n) + inner];
      }),
    ),
  );
  out.push('', 'backward pass (reverse topological order): upstream × local = downstream');
  out.push(
    ...table(
      ['edge', 'upstream', 'local gradient', 'local', 'downstream'],
      r.backward.map((b) => {
        const to = name(b.to);
        const from = name(b.from);
        // x·x: two edges x → f, told apart by the gate's port (x, y)
        const e = edges[Number(b.edge.slice(1))]!;
        const twin = edges.some((o) => o !== e && o.from === e.from && o.to === e.to);
        const via = twin ? ` (port ${e.portName})` : '';
        return [`${from} → ${to}${via}`, fmt(b.upstream), `∂${to}/∂${from} = ${uni(b.local.named)}`, fmt(b.local), fmt(b.downstream)];
      }),
    ),
  );
  out.push('', 'gradients');
  const edgeById = new Map(r.backward.map((b) => [b.edge, b]));
  for (const [input, g] of Object.entries(r.gradients)) {
    const terms = g.terms;
    const sum = terms.length > 1 ? `${joinSum(terms.map((t) => fmt(edgeById.get(t)!.downstream)))} = ` : '';
    const c = g.check;
    const check = c ? `   ${c.status === 'verified' ? '✓' : c.status === 'refuted' ? '✗' : '?'} finite differences ${c.numeric === undefined ? 'unreliable here' : fmt({ value: c.numeric })}` : '';
    out.push(`  ∂${unicodeName(target)}/∂${unicodeName(input)} = ${sum}${fmt(g)}${check}`);
  }
  const forks = nodes.filter((n) => n.kind === 'gate' && n.terms.length > 1);
  for (const n of forks) out.push(`  ∂${unicodeName(target)}/∂${name(n.id)} = ${joinSum(n.terms.map((t) => fmt(edgeById.get(t)!.downstream)))} = ${fmt(n.grad)}   (fork: the gradients of its edges add)`);
  if (r.check) out.push('', `check: ${r.check.status} (every gradient against finite differences of the whole function)`);
  for (const t of r.tables ?? []) out.push('', ...rowTable(t, 'rows'));
  return out.join('\n') + '\n';
}

function rowTable(t: Table, title: string): string[] {
  const head = ['i', ...t.columns.map((c) => (c.kind === 'gradient' ? `∂/∂${unicodeName(String(c.param))}: ${uni(c)}` : c.role ? `${c.role} ${uni(c)}` : uni(c)))];
  const rows = t.rows.map((row, i) => [String(i + 1), ...row.map(fmt)]);
  rows.push(['Σ', ...t.totals.map((v) => (v ? fmt(v) : ''))]);
  return [`${title} (sum over ${t.index})`, ...table(head, rows)];
}

export function formatDescend(r: Descend): string {
  const params = r.parameters;
  const out: string[] = [];
  const steps = r.steps;
  out.push(`gradient descent on L = ${uni(r.loss)}, rate ${fmt(r.rate)}, ${steps} step${steps === 1 ? '' : 's'}${r.exact ? ' (exact)' : ''}`);
  for (const p of params) out.push(`  ∂L/∂${unicodeName(p)} = ${uni(r.gradient[p]!)}`);
  out.push('');
  const head = ['step', ...params.map(unicodeName), 'L', ...params.map((p) => `∂L/∂${unicodeName(p)}`)];
  const rows = r.table.map((s) => [String(s.step), ...params.map((p) => fmt(s.parameters[p])), fmt(s.loss), ...params.map((p) => fmt(s.gradient[p]))]);
  out.push(...table(head, rows, ''));
  if (r.exactUntil) out.push(`(exact up to step ${r.exactUntil.step}; from there in floating point: ${r.exactUntil.reason})`);
  if (r.stopped) out.push(`stopped at step ${r.stopped.step}: ${r.stopped.reason}`);
  for (const s of r.rows) for (const t of s.sums) out.push('', ...rowTable(t, `rows at step ${s.step}`));
  return out.join('\n') + '\n';
}
