// The .tex printer: the `exam` class, a student sheet (the problems, given data and an answer box
// sized to each solution — no solution text at all) or a solution sheet (every step with its
// label and a discreet check mark, \cancel on cancelled factors, boxed results, TikZ graphs,
// booktabs tables). Math strings come from the engine; long lines are broken (latexTools.ts) and
// anything still too wide is scaled to the line, so pdflatex reports no overfull box.
import { type Lang, message, plain, type Segment } from '../i18n/index.js';
import { breakLine, cancelFactors, width } from './latexTools.js';
import type { Equation, Result, SolvedProblem, SolvedWorksheet, Status, Table } from './model.js';
import { authorText, escapeTex } from './text.js';
import { PHASE_STEP } from '../rules/registry.js';

export type View = 'student' | 'solution';

/** Usable math width on A4 with 2.5 cm margins at 11 pt, in latexTools.width units (≈ 70 letters,
 * less room for the step label, which amsmath moves below when it does not fit). */
const LINE = 62;

const MARK: Record<Status, string> = { verified: '\\checkmark', refuted: '\\times', unverifiable: '?' };

function segs(ss: readonly Segment[]): string {
  return ss.map((s) => ('text' in s ? escapeTex(s.text) : `$${s.math}$`)).join('');
}
const msg = (lang: Lang, key: string, args?: Record<string, string | number>) => segs(message(lang, key, args));

/** A piece of display math, scaled down if it is still wider than the line. */
function piece(s: string, room: number): string {
  return width(s) > room ? `\\adjustbox{max width=${Math.max(0.3, Math.min(1, room / LINE)).toFixed(2)}\\linewidth}{$\\displaystyle ${s}$}` : s;
}

function equation(lang: Lang, eq: Equation): string {
  const rows: string[] = [];
  const wideLhs = width(eq.lhs) > 24;
  const room = wideLhs ? LINE - 4 : LINE - width(eq.lhs) - 2;
  if (wideLhs) rows.push(`& ${piece(eq.lhs, LINE)}`);
  eq.lines.forEach((line, i) => {
    // the line a cancellation starts from shows the cancelled factors
    const next = eq.lines[i + 1];
    const latex = next?.rule === PHASE_STEP.cancel.id && next.conditions ? cancelFactors(line.latex, next.conditions) : line.latex;
    const parts = breakLine(latex, room);
    const label = line.rule ? `${escapeTex(plain(lang, ruleKeyOf(line.rule), ruleArgs(line.rule)))}${line.check ? ` ${'$' + MARK[line.check] + '$'}` : ''}` : '';
    const conds = line.conditions?.length ? `; ${msg(lang, 'assuming', { condsMath: line.conditions.join(',\\ ') })}` : '';
    parts.forEach((p, k) => {
      const head = k === 0 ? (i === 0 && !wideLhs ? `${eq.lhs} &= ` : '&= ') : '&\\quad ';
      const tag = k === parts.length - 1 && (label || conds) ? ` \\tag*{\\footnotesize\\color{black!60}${label}${conds}}` : '';
      rows.push(`${head}${piece(p, room)}${tag}`);
    });
  });
  return `\\begin{align*}\n${rows.join(' \\\\\n')}\n\\end{align*}`;
}

function ruleKeyOf(rule: string): string {
  return 'rule-' + rule.replace(/\./g, '_');
}
function ruleArgs(rule: string): Record<string, string> {
  return rule.startsWith('chain.') ? { fracMath: '' } : {};
}

function table(lang: Lang, t: Table): string {
  const head = t.head.map((h) => ('key' in h ? msg(lang, h.key) : h.math ? `$${h.math}$` : '')).join(' & ');
  const body = t.rows.map((r, i) => (t.total && i === t.rows.length - 1 ? '\\midrule\n' : '') + r.map((c) => ('math' in c ? (c.math ? `$${c.math}$` : '') : `$${MARK[c.check]}$`)).join(' & ') + ' \\\\');
  return `\\par\\smallskip\\noindent\\textbf{${msg(lang, t.caption.key, t.caption.args)}}\\par\\nopagebreak\n\\begin{center}\\adjustbox{max width=\\linewidth}{\\begin{tabular}{${'c'.repeat(t.head.length)}}\n\\toprule\n${head} \\\\\n\\midrule\n${body.join('\n')}\n\\bottomrule\n\\end{tabular}}\\end{center}`;
}

/** The boxed results, one align* (a substituted form follows its box, broken to the line). */
function results(rs: readonly Result[]): string {
  const rows: string[] = [];
  for (const r of rs) {
    const mark = r.check ? ` \\tag*{\\footnotesize\\color{black!60}$${MARK[r.check]}$}` : '';
    rows.push(`& ${piece(`\\boxed{${r.lhs} = ${r.override ?? r.rhs}}`, LINE)}${mark}`);
    if (r.substituted) for (const p of breakLine(`= ${r.substituted}`, LINE - 6)) rows.push(`&\\qquad ${piece(p, LINE - 6)}`);
  }
  return `\\begin{align*}\n${rows.join(' \\\\\n')}\n\\end{align*}`;
}

/** Lines of work a solution takes, to size the student's answer box. */
export function solutionSize(p: SolvedProblem): number {
  let n = p.results.length;
  for (const s of p.sections) for (const e of s.equations) n += e.lines.reduce((k, l) => k + breakLine(l.latex, LINE).length, 0);
  for (const t of p.tables) n += t.rows.length + 2;
  if (p.graph) n += 10;
  return n;
}

function given(lang: Lang, p: SolvedProblem): string {
  let s = '';
  if (p.given.length) s += `\\par\\noindent ${msg(lang, 'given')}:\n\\begin{align*}\n${p.given.map((g) => `& ${piece(g, LINE - 4)}`).join(' \\\\\n')}\n\\end{align*}\n`;
  const extra: string[] = [];
  if (p.spec.assumptions?.length) extra.push(`${msg(lang, 'assumptions')}: ${p.spec.assumptions.map((a) => segs(authorText(a))).join('; ')}`);
  if (p.spec.shapes) extra.push(`${msg(lang, 'shapes')}: ${Object.entries(p.spec.shapes).map(([k, v]) => `${escapeTex(k)}: ${escapeTex(v)}`).join(', ')}`);
  if (extra.length) s += `\\par\\noindent ${extra.join('\\par\\noindent ')}\n`;
  if (p.dataTable) s += table(lang, p.dataTable) + '\n';
  return s;
}

function problem(lang: Lang, p: SolvedProblem, view: View): string {
  const pts = p.spec.points !== undefined ? `[${p.spec.points}]` : '';
  const title = p.spec.title ? `\\textbf{${segs(authorText(p.spec.title))}}\\par\\noindent ` : '';
  const prompt = p.spec.prompt !== undefined ? segs(authorText(p.spec.prompt)) : msg(lang, p.prompt.key, p.prompt.args);
  let s = `\\question${pts} ${title}${prompt}\n${given(lang, p)}`;
  const show = new Set(p.spec.show ?? []);
  if (view === 'student') {
    const cm = Math.min(20, Math.max(3, Math.round(solutionSize(p) * 0.6)));
    s += `\\par\\smallskip\\noindent{\\small ${msg(lang, 'work-space')}}\\par\n\\makeemptybox{${cm}cm}\n`;
    if (show.has('check')) s += `\\par\\noindent{\\small ${msg(lang, 'check-your-answer', { hint: plain(lang, 'check-hint') })}}\\par\\makeemptybox{2cm}\n`;
    return s;
  }
  for (const sec of p.sections) {
    if (!sec.equations.length) continue;
    s += `\\par\\smallskip\\noindent\\textbf{${msg(lang, sec.key)}}\n${sec.equations.map((e) => equation(lang, e)).join('\n')}\n`;
  }
  if (p.graph) s += `\\par\\smallskip\\noindent\\textbf{${msg(lang, 'section-graph')}}\n\\begin{center}\\adjustbox{max width=\\linewidth}{${p.graph.tikz.trim()}}\\end{center}\n`;
  for (const t of p.tables) s += table(lang, t) + '\n';
  s += `\\par\\smallskip\\noindent\\textbf{${msg(lang, 'answer')}}\n${results(p.results)}\n`;
  return s;
}

export function toTex(ws: SolvedWorksheet, lang: Lang, view: View): string {
  const spec = ws.spec;
  const paper = spec.paper === 'letter' ? 'letterpaper' : 'a4paper';
  const head = [
    `% ${view === 'student' ? 'Student sheet' : 'Solution sheet'} generated by chainrule (docs/worksheets.md); compile with pdflatex.`,
    `\\documentclass[11pt,${paper}${view === 'solution' ? ',answers' : ''}]{exam}`,
    `\\usepackage[${paper},margin=2.5cm,headheight=14pt]{geometry}`,
    '\\usepackage[utf8]{inputenc}',
    // kotex for a Korean sheet, or any Hangul in an English one (a Korean title, say)
    ...(lang === 'ko' || /[\uac00-\ud7a3]/.test(JSON.stringify(spec)) ? ['\\usepackage{kotex}'] : []),
    ...(lang === 'ko' ? [] : ['\\usepackage[T1]{fontenc}']),
    '\\usepackage{amsmath,amssymb,cancel,booktabs,adjustbox,xcolor,tikz}',
    '\\pointpoints{point}{points}',
    ...(lang === 'ko' ? ['\\pointname{점}', '\\pointformat{(\\thepoints)}'] : []),
    `\\firstpageheader{${escapeTex(spec.course ?? '')}}{}{${escapeTex(spec.date ?? '')}}`,
    '\\runningheader{}{}{}',
    `\\firstpagefooter{}{\\thepage}{}\\runningfooter{}{\\thepage}{}`,
    '\\begin{document}',
    `\\begin{center}{\\Large\\bfseries ${escapeTex(spec.title)}}\\\\[2pt]${msg(lang, view === 'student' ? 'sheet-student' : 'sheet-solution')}\\end{center}`,
    view === 'student' ? `\\noindent ${msg(lang, 'field-name')}: \\makebox[6cm]{\\hrulefill}\\hfill ${msg(lang, 'field-id')}: \\makebox[4cm]{\\hrulefill}\\par\\medskip` : '',
    view === 'solution' ? `\\noindent{\\footnotesize\\color{black!60}${msg(lang, 'verdict-verified')}\\quad ${msg(lang, 'verdict-refuted')}\\quad ${msg(lang, 'verdict-unverifiable')}}\\par\\medskip` : '',
    spec.instructions ? `\\noindent\\textbf{${msg(lang, 'instructions')}.} ${segs(authorText(spec.instructions.trim()))}\\par\\medskip` : '',
  ];
  const body = ws.problems.map((p) => problem(lang, p, view));
  return [...head.filter(Boolean), '\\begin{questions}', ...body, '\\end{questions}', '\\end{document}', ''].join('\n');
}
