// The `table` format of `chainrule graph` and `chainrule descend`: plain-text tables built from
// the ops' JSON (so the CLI shows exactly what the batch protocol returns). Numbers print exactly
// when they are exact and short (1.2, −2/7), else rounded to 4 decimals (0.7311), as the notes
// print them; a fork's gradient prints as the sum of its edges (3 + 3 = 6). Worksheets reuse them.
import { unicodeName } from '../ast/names.js';

type Json = Record<string, unknown>;

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

const uni = (e: unknown) => String((e as Json)['unicode']);

export function formatGraph(r: Json): string {
  const nodes = r['nodes'] as Json[];
  const byId = new Map(nodes.map((n) => [String(n['id']), n]));
  const name = (id: unknown) => unicodeName(String(byId.get(String(id))!['name']));
  const target = String(r['target']);
  const out: string[] = [];
  const edges = r['edges'] as Json[];
  out.push(`computational graph of ${unicodeName(target)} (${String(r['granularity'])} gates): ${nodes.length} nodes, ${edges.length} edges`, '');
  out.push('forward pass (topological order)');
  out.push(
    ...table(
      ['node', 'gate', 'computes', 'value'],
      nodes.map((n) => {
        const inner = (n['inner'] as Json[] | undefined)?.map((x) => `  (inside: ${String(x['label'])}${x['name'] ? ` = ${unicodeName(String(x['name']))}` : ''} = ${fmt(x)})`).join('') ?? '';
        return [name(n['id']), n['kind'] === 'input' ? 'input' : String(n['label']), n['kind'] === 'input' ? '' : uni(n['expr']), fmt(n) + inner];
      }),
    ),
  );
  out.push('', 'backward pass (reverse topological order): upstream × local = downstream');
  out.push(
    ...table(
      ['edge', 'upstream', 'local gradient', 'local', 'downstream'],
      (r['backward'] as Json[]).map((b) => {
        const to = name(b['to']);
        const from = name(b['from']);
        const local = b['local'] as Json;
        // x·x: two edges x → f, told apart by the gate's port (x, y)
        const e = edges[Number(String(b['edge']).slice(1))]!;
        const twin = edges.some((o) => o !== e && o['from'] === e['from'] && o['to'] === e['to']);
        const via = twin ? ` (port ${String(e['portName'])})` : '';
        return [`${from} → ${to}${via}`, fmt(b['upstream']), `∂${to}/∂${from} = ${uni(local['named'])}`, fmt(local), fmt(b['downstream'])];
      }),
    ),
  );
  out.push('', 'gradients');
  const edgeById = new Map((r['backward'] as Json[]).map((b) => [String(b['edge']), b]));
  for (const [input, g] of Object.entries(r['gradients'] as Record<string, Json>)) {
    const terms = g['terms'] as string[];
    const sum = terms.length > 1 ? `${joinSum(terms.map((t) => fmt(edgeById.get(t)!['downstream'])))} = ` : '';
    const c = g['check'] as Json | undefined;
    const check = c ? `   ${c['status'] === 'verified' ? '✓' : c['status'] === 'refuted' ? '✗' : '?'} finite differences ${c['numeric'] === undefined ? 'unreliable here' : fmt({ value: c['numeric'] })}` : '';
    out.push(`  ∂${unicodeName(target)}/∂${unicodeName(input)} = ${sum}${fmt(g)}${check}`);
  }
  const forks = nodes.filter((n) => n['kind'] === 'gate' && (n['terms'] as string[]).length > 1);
  for (const n of forks) out.push(`  ∂${unicodeName(target)}/∂${name(n['id'])} = ${joinSum((n['terms'] as string[]).map((t) => fmt(edgeById.get(t)!['downstream'])))} = ${fmt(n['grad'])}   (fork: the gradients of its edges add)`);
  if (r['check']) out.push('', `check: ${String((r['check'] as Json)['status'])} (every gradient against finite differences of the whole function)`);
  for (const t of (r['tables'] as Json[] | undefined) ?? []) out.push('', ...rowTable(t, 'rows'));
  return out.join('\n') + '\n';
}

function rowTable(t: Json, title: string): string[] {
  const cols = t['columns'] as Json[];
  const head = ['i', ...cols.map((c) => (c['kind'] === 'gradient' ? `∂/∂${unicodeName(String(c['param']))}: ${uni(c)}` : c['role'] ? `${String(c['role'])} ${uni(c)}` : uni(c)))];
  const rows = (t['rows'] as unknown[][]).map((row, i) => [String(i + 1), ...row.map(fmt)]);
  const totals = t['totals'] as unknown[];
  rows.push(['Σ', ...totals.map((v) => (v ? fmt(v) : ''))]);
  return [`${title} (sum over ${String(t['index'])})`, ...table(head, rows)];
}

export function formatDescend(r: Json): string {
  const params = r['parameters'] as string[];
  const out: string[] = [];
  const steps = Number(r['steps']);
  out.push(`gradient descent on L = ${uni(r['loss'])}, rate ${fmt(r['rate'])}, ${steps} step${steps === 1 ? '' : 's'}${r['exact'] ? ' (exact)' : ''}`);
  for (const p of params) out.push(`  ∂L/∂${unicodeName(p)} = ${uni((r['gradient'] as Json)[p])}`);
  out.push('');
  const head = ['step', ...params.map(unicodeName), 'L', ...params.map((p) => `∂L/∂${unicodeName(p)}`)];
  const rows = (r['table'] as Json[]).map((s) => {
    const pv = s['parameters'] as Json;
    const gv = s['gradient'] as Json;
    return [String(s['step']), ...params.map((p) => fmt(pv[p])), fmt(s['loss']), ...params.map((p) => fmt(gv[p]))];
  });
  out.push(...table(head, rows, ''));
  const until = r['exactUntil'] as Json | undefined;
  if (until) out.push(`(exact up to step ${String(until['step'])}; from there in floating point: ${String(until['reason'])})`);
  const stopped = r['stopped'] as Json | undefined;
  if (stopped) out.push(`stopped at step ${String(stopped['step'])}: ${String(stopped['reason'])}`);
  for (const s of r['rows'] as Json[]) for (const t of s['sums'] as Json[]) out.push('', ...rowTable(t, `rows at step ${String(s['step'])}`));
  return out.join('\n') + '\n';
}
