// The HTML printer: KaTeX rendered here (no client JavaScript), KaTeX's CSS and fonts inlined,
// print CSS for A4 and Letter. The student view keeps each solution behind <details>; the
// solution view shows it open. Graphs are the engine's inline SVG; tables are HTML tables; every
// step's check verdict is a small mark with its meaning in the title.
import katex from 'katex';
import { type Lang, message, plain, type Segment } from '../i18n/index.js';
import { cancelFactors } from './latexTools.js';
import type { Equation, Result, SolvedProblem, SolvedWorksheet, Status, Table } from './model.js';
import { katexCss } from './katexCss.js';
import { authorText, escapeHtml } from './text.js';
import type { View } from './tex.js';
import { PHASE_STEP } from '../rules/registry.js';

/** How math is typeset: KaTeX here; golden tests pass a printer of the source so that the golden
 * files show the structure and the LaTeX, not megabytes of KaTeX spans. */
export type MathPrinter = (latex: string, display: boolean) => string;
// memoised: the student and solution views, and the two languages, typeset the same strings
const rendered = new Map<string, string>();
export const katexPrinter: MathPrinter = (s, display) => {
  const key = (display ? 'D' : 'I') + s;
  let html = rendered.get(key);
  if (html === undefined) {
    html = katex.renderToString(s, { throwOnError: true, strict: 'error', displayMode: display, output: 'html' });
    if (rendered.size > 20_000) rendered.clear(); // bound the memory of a long-running server
    rendered.set(key, html);
  }
  return html;
};
let printer: MathPrinter = katexPrinter;
const tex = (s: string, display = false) => printer(s, display);

function segs(ss: readonly Segment[]): string {
  return ss.map((s) => ('text' in s ? escapeHtml(s.text) : tex(s.math))).join('');
}
const msg = (lang: Lang, key: string, args?: Record<string, string | number>) => segs(message(lang, key, args));
const MARK: Record<Status, string> = { verified: '✓', refuted: '✗', unverifiable: '?' };

function verdict(lang: Lang, s: Status | undefined): string {
  return s ? `<span class="v v-${s}" title="${escapeHtml(plain(lang, `verdict-${s}`))}">${MARK[s]}</span>` : '';
}

function equation(lang: Lang, eq: Equation): string {
  const rows = eq.lines.map((line, i) => {
    const next = eq.lines[i + 1];
    const latex = next?.rule === PHASE_STEP.cancel.id && next.conditions ? cancelFactors(line.latex, next.conditions) : line.latex;
    const label = line.rule ? escapeHtml(plain(lang, 'rule-' + line.rule.replace(/\./g, '_'), line.rule.startsWith('chain.') ? { fracMath: '' } : {})) : '';
    const conds = line.conditions?.length ? `; ${msg(lang, 'assuming', { condsMath: line.conditions.join(',\\ ') })}` : '';
    return `<div class="row"><div class="lhs">${i === 0 ? tex(`\\displaystyle ${eq.lhs}`) : ''}</div><div class="rhs">${tex(`\\displaystyle = ${latex}`)}</div><div class="why">${label}${conds} ${verdict(lang, line.check)}</div></div>`;
  });
  return `<div class="eq">${rows.join('')}</div>`;
}

function table(lang: Lang, t: Table): string {
  const head = t.head.map((h) => `<th>${'key' in h ? msg(lang, h.key) : h.math ? tex(h.math) : ''}</th>`).join('');
  const body = t.rows.map((r, i) => `<tr${t.total && i === t.rows.length - 1 ? ' class="total"' : ''}>${r.map((c) => `<td>${'math' in c ? (c.math ? tex(c.math) : '') : verdict(lang, c.check)}</td>`).join('')}</tr>`).join('');
  return `<figure><figcaption>${msg(lang, t.caption.key, t.caption.args)}</figcaption><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></figure>`;
}

function result(lang: Lang, r: Result): string {
  const rhs = r.override ?? r.rhs;
  const sub = r.substituted ? `<div class="sub">${tex(`= ${r.substituted}`, true)}</div>` : '';
  return `<div class="result">${tex(`\\boxed{${r.lhs} = ${rhs}}`, true)}${verdict(lang, r.check)}${sub}</div>`;
}

function problem(lang: Lang, p: SolvedProblem, view: View): string {
  const pts = p.spec.points !== undefined ? ` <span class="pts">(${msg(lang, 'points', { points: p.spec.points })})</span>` : '';
  const title = p.spec.title ? ` — ${segs(authorText(p.spec.title))}` : '';
  const prompt = p.spec.prompt !== undefined ? segs(authorText(p.spec.prompt)) : msg(lang, p.prompt.key, p.prompt.args);
  let given = p.given.length ? `<div class="given"><span>${msg(lang, 'given')}:</span>${p.given.map((g) => tex(g, true)).join('')}</div>` : '';
  if (p.spec.assumptions?.length) given += `<p class="note">${msg(lang, 'assumptions')}: ${p.spec.assumptions.map((a) => segs(authorText(a))).join('; ')}</p>`;
  if (p.spec.shapes) given += `<p class="note">${msg(lang, 'shapes')}: ${escapeHtml(Object.entries(p.spec.shapes).map(([k, v]) => `${k}: ${v}`).join(', '))}</p>`;
  if (p.dataTable) given += table(lang, p.dataTable);
  let sol = '';
  for (const sec of p.sections) if (sec.equations.length) sol += `<h4>${msg(lang, sec.key)}</h4>${sec.equations.map((e) => equation(lang, e)).join('')}`;
  if (p.graph) sol += `<h4>${msg(lang, 'section-graph')}</h4><div class="graph">${p.graph.svg}</div>`;
  for (const t of p.tables) sol += table(lang, t);
  sol += `<h4>${msg(lang, 'answer')}</h4>${p.results.map((r) => result(lang, r)).join('')}`;
  const body = view === 'student' ? `<div class="space"></div><details><summary>${msg(lang, 'answer-key')}</summary>${sol}</details>` : `<div class="solution">${sol}</div>`;
  return `<section class="problem" id="${escapeHtml(p.id)}"><h3>${msg(lang, 'problem', { n: p.index + 1 })}${title}${pts}</h3><p class="prompt">${prompt}</p>${given}${body}</section>`;
}

const CSS = `
body{font:16px/1.5 "Latin Modern Roman","Noto Serif","Nanum Myeongjo",serif;max-width:52em;margin:2em auto;padding:0 1em;color:#111}
header{display:flex;justify-content:space-between;color:#555}h1{text-align:center;margin:.2em 0}.view{text-align:center;color:#555}
.fields{display:flex;gap:2em}.fields span{flex:1;border-bottom:1px solid #999}
.problem{margin:1.5em 0;break-inside:auto}.problem h3{margin-bottom:.3em}.pts{font-weight:normal;color:#555}
.eq{margin:.6em 0 1em}.row{display:grid;grid-template-columns:auto 1fr auto;gap:.3em 1em;align-items:center}
.lhs{text-align:right}.rhs{overflow-x:auto;overflow-y:hidden;padding:.2em 0}.why{font-size:.8em;color:#666;text-align:right}
.v{font-size:.85em;color:#2a7d2a}.v-refuted{color:#b00}.v-unverifiable{color:#888}
.result{margin:.5em 0;overflow-x:auto;overflow-y:hidden}.sub{color:#333}.note{color:#444}
.space{height:6em;border:1px solid #ccc;margin:.5em 0}
table{border-collapse:collapse;margin:.3em auto}th,td{padding:.2em .7em;text-align:center}
thead tr{border-top:2px solid #000;border-bottom:1px solid #000}tbody tr:last-child{border-bottom:2px solid #000}tr.total{border-top:1px solid #000}
figure{margin:.8em 0;overflow-x:auto;overflow-y:hidden}figcaption{font-weight:bold}.graph svg{max-width:100%;height:auto}
details summary{cursor:pointer;color:#555}
@page{size:A4;margin:2.5cm}
@media print{body{max-width:none;margin:0;padding:0;font-size:11pt}details{display:none}.solution h4{break-after:avoid}.row,.result,figure{break-inside:avoid}}
`;

export function toHtml(ws: SolvedWorksheet, lang: Lang, view: View, math: MathPrinter = katexPrinter): string {
  printer = math;
  try {
    return page(ws, lang, view);
  } finally {
    printer = katexPrinter;
  }
}

function page(ws: SolvedWorksheet, lang: Lang, view: View): string {
  const spec = ws.spec;
  const css = spec.paper === 'letter' ? CSS.replace('size:A4', 'size:letter') : CSS;
  const head = `<header><span>${escapeHtml(spec.course ?? '')}</span><span>${escapeHtml(spec.date ?? '')}</span></header><h1>${escapeHtml(spec.title)}</h1><p class="view">${msg(lang, view === 'student' ? 'sheet-student' : 'sheet-solution')}</p>`;
  const fields = view === 'student' ? `<p class="fields">${msg(lang, 'field-name')}: <span></span> ${msg(lang, 'field-id')}: <span></span></p>` : '';
  const instr = spec.instructions ? `<p><strong>${msg(lang, 'instructions')}.</strong> ${segs(authorText(spec.instructions.trim()))}</p>` : '';
  const body = ws.problems.map((p) => problem(lang, p, view)).join('\n');
  return `<!DOCTYPE html>\n<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(spec.title)}</title><style>${printer === katexPrinter ? katexCss() : ''}</style><style>${css}</style></head><body>${head}${fields}${instr}\n${body}\n</body></html>\n`;
}
