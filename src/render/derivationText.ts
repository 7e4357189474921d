// Human-readable forms of a derive/simplify response for the terminal (Unicode) and for LaTeX
// documents (an `aligned` block, one line per step with its rule as \text{…}). Both are built
// from the op's JSON (ResponseOf<'derive'>, read as plain JSON), so the CLI shows exactly what the
// API returns; worksheets reuse them.
import { latexName } from '../ast/names.js';

type Json = Record<string, unknown>;

const MARK: Record<string, string> = { verified: '✓', refuted: '✗ REFUTED', unverifiable: '? unverifiable' };

function mark(step: Json): string {
  const c = step['check'] as Json | undefined;
  return c ? MARK[String(c['status'])] ?? '' : '';
}

function stepLines(steps: Json[], indent: string): string[] {
  const out: string[] = [];
  steps.forEach((s, i) => {
    const u = s['unicode'] as Json | undefined;
    const after = u ? String(u['after']) : String(s['after'] ?? '');
    const cond = s['conditionsUnicode'] ? `   (where ${(s['conditionsUnicode'] as string[]).join(', ')})` : '';
    out.push(`${indent}${i + 1}. ${String(s['label'])}  [${String(s['rule'])}]  ${mark(s)}`);
    out.push(`${indent}   = ${after}${cond}`);
  });
  return out;
}

function checkLine(r: Json): string {
  const c = r['check'] as Json | undefined;
  if (!c) return 'check: not run';
  const n = c['verified'] !== undefined ? ` (${String(c['verified'])} checks verified, ${String(c['refuted'])} refuted, ${String(c['unverifiable'])} unverifiable)` : '';
  return `check: ${String(c['status'])}${n}`;
}

/** The terminal form of a derive or simplify response. */
export function formatText(r: Json, title: string): string {
  const out = [title];
  const chain = r['chain'] as Json | undefined;
  if (!chain) {
    out.push(...stepLines(r['steps'] as Json[], '  '));
    const proofStep = (r['steps'] as Json[]).find((s) => s['proof']);
    if (proofStep) {
      const p = proofStep['proof'] as Json;
      out.push('', `  where ${String(proofStep['justification'] ?? '')} is derived from the definition:`);
      out.push(`  ${String((p['start'] as Json)['unicode'])}`, ...stepLines(p['steps'] as Json[], '    '));
    }
    out.push(`result: ${String(r['unicode'])}`, checkLine(r));
    return out.join('\n') + '\n';
  }
  const target = String(chain['target']);
  const paths = chain['paths'] as Record<string, string[][]>;
  for (const [w, ps] of Object.entries(paths)) {
    for (const p of ps) out.push(`∂${target}/∂${w} = ${p.slice(1).map((n, i) => `∂${p[i]}/∂${n}`).join(' · ')}`);
  }
  out.push('', 'local gradients:');
  for (const l of chain['locals'] as Json[]) {
    // the notes' chain of equalities: every intermediate form once it holds no d/dx
    const d = l['derivation'] as Json;
    const forms = (d['steps'] as Json[]).map((s) => String((s['unicode'] as Json)['after'])).filter((f) => !f.includes('d/d'));
    const last = String(l['unicode']);
    const chainOf = [...new Set([...forms, last])];
    out.push(`  ∂${String(l['of'])}/∂${String(l['wrt'])} = ${chainOf.join(' = ')}  ${mark(d)}`);
  }
  out.push('', 'upstream gradients (each computed once):');
  for (const a of chain['adjoints'] as Json[]) {
    const d = a['derivation'] as Json;
    const start = String((d['start'] as Json)['unicode']);
    const result = String(a['unicode']);
    out.push(`  ∂${target}/∂${String(a['name'])} = ${start}${start === result ? '' : ` = ${result}`}  ${mark(d)}`);
  }
  out.push('', 'result:');
  for (const [w, g] of Object.entries(chain['gradients'] as Record<string, Json>)) {
    const sub = g['substituted'] as Json | undefined;
    out.push(`  ∂${target}/∂${w} = ${String(g['unicode'])}${sub && sub['unicode'] !== g['unicode'] ? ` = ${String(sub['unicode'])}` : ''}`);
  }
  out.push(checkLine(r));
  return out.join('\n') + '\n';
}

function texLabel(s: string): string {
  // \text{} content: escape the characters TeX treats specially
  return s.replace(/[\\{}$&#^_%~]/g, (c) => `\\${c === '\\' ? 'textbackslash ' : c}`).replace(/[^\x20-\x7e]/g, '');
}

/** The LaTeX form: an aligned block, the start then one `&= …` line per step. */
export function formatLatex(r: Json): string {
  const chain = r['chain'] as Json | undefined;
  const lines: string[] = [];
  if (!chain) {
    const steps = r['steps'] as Json[];
    const start = steps[0] ? String((steps[0]['latex'] as Json)['before']) : String(r['latex']);
    steps.forEach((s, i) => lines.push(`${i === 0 ? start + ' ' : ''}&= ${String((s['latex'] as Json)['after'])} && \\text{${texLabel(String(s['label']))}}`));
    if (steps.length === 0) lines.push(`${start}`);
  } else {
    const target = String(chain['target']);
    for (const a of chain['adjoints'] as Json[]) {
      const d = a['derivation'] as Json;
      const start = String((d['start'] as Json)['latex']);
      const result = String(a['latex']);
      lines.push(`\\frac{\\partial ${latexName(target)}}{\\partial ${latexName(String(a['name']))}} &= ${start}${start === result ? '' : ` = ${result}`}`);
    }
  }
  return `\\begin{aligned}\n${lines.join(' \\\\\n')}\n\\end{aligned}\n`;
}
