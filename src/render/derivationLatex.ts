// The LaTeX form of a derive/simplify response (the CLI's `--format latex`): a fragment for a
// document body that loads amsmath and amssymb — short text headings and `align*` blocks (each
// KaTeX-valid in display mode), holding everything the text form holds (the chain
// rule's products, local gradients with their steps, proofs from definitions, upstream gradients,
// the substituted result, check marks). Every line fits an A4 page with 2.5 cm margins at 11 pt
// (latexBreak.ts); labels keep every character (latexLabel.ts). Built from the op's typed response.
import type { ResponseOf } from '../api/schema/index.js';
import { latexName } from '../ast/names.js';
import { breakLatex, latexWidth } from './latexBreak.js';
import { escapeText, labelLatex } from './latexLabel.js';

type Derive = ResponseOf<'derive'>;
type Simplify = ResponseOf<'simplify'>;
/** A derivation response (one expression, or simplify). */
type Derivation = Simplify;
type Chained = Extract<Derive, { chain: unknown }>;
interface Check {
  readonly status: string;
  readonly verified?: number;
  readonly refuted?: number;
  readonly unverifiable?: number;
}
/** What the printer reads of a step (the step schema nests; every level has these). */
interface StepView {
  readonly rule: string;
  readonly label: string;
  readonly latex?: { readonly before: string; readonly after: string };
  readonly conditionsLatex?: readonly string[];
  readonly check?: Check;
  readonly justification?: string;
  readonly proof?: { readonly start: { readonly latex: string }; readonly latex: string; readonly steps: readonly StepView[] };
}

/** One display block (an align* environment), or a line of text before one (text with `$…$` math). */
export type LatexPart = { readonly math: string } | { readonly text: string };

/** Usable width in points: A4 (597.5 pt) less 2 × 2.5 cm margins is 455 pt; 15 pt kept spare. */
export const LINE_WIDTH = 440;

/** `lhs = lines[0] = lines[1] …`, each line with the label of the step that made it. */
interface Eq {
  readonly lhs: string;
  readonly lines: readonly Line[];
}
interface Line {
  readonly latex: string;
  readonly label?: string;
  /** what the step assumes (`y \\neq 0`), printed after the label */
  readonly conditions?: readonly string[];
}

const MARK: Record<string, string> = { verified: '\\checkmark', refuted: '\\times\\text{ refuted}', unverifiable: '?' };
const REL = latexWidth('=');
/** `\quad {}` before a continuation piece. */
const INDENT = latexWidth('\\quad');

function stepLabel(s: StepView): string {
  const mark = s.check ? MARK[s.check.status] : undefined;
  return labelLatex(s.label) + (mark ? `\\ ${mark}` : '');
}

const stepLines = (steps: readonly StepView[]): Line[] =>
  steps.map((s) => ({ latex: s.latex!.after, label: stepLabel(s), ...(s.conditionsLatex?.length ? { conditions: s.conditionsLatex } : {}) }));

/** A step's conditions as rows of at most `room` points: `(where a \neq 0, b \neq 0)`. */
function conditionRows(cs: readonly string[], room: number): string[] {
  const rows: string[] = [];
  let row = '\\text{(where }';
  cs.forEach((c, i) => {
    const piece = c + (i === cs.length - 1 ? '\\text{)}' : ',');
    if (i > 0 && latexWidth(`${row}\\ ${piece}`) > room) {
      rows.push(row);
      row = `\\quad ${piece}`;
    } else row += (i > 0 ? '\\ ' : '') + piece;
  });
  return [...rows, row];
}

/** An align* block of equations (it may break across pages) that fits `width` points: long right sides broken, labels in a
 * column when there is room, else after their line or on a line of their own. */
export function alignBlock(eqs: readonly Eq[], width = LINE_WIDTH): string {
  // a left side wider than a fifth of the line stands on its own row, so the lines get the room
  const narrow = (e: Eq) => latexWidth(e.lhs) <= 0.2 * width;
  const lhsW = Math.max(0, ...eqs.filter(narrow).map((e) => latexWidth(e.lhs)));
  const full = (l: Line) => (l.label ?? '') + (l.conditions ? `\\ ${conditionRows(l.conditions, Infinity)[0]}` : '');
  const labW = Math.max(0, ...eqs.flatMap((e) => e.lines.map((l) => (l.label ? latexWidth(full(l)) : 0))));
  const columnRoom = width - lhsW - REL - labW - 2 * INDENT;
  // labels in a column of their own when that leaves the formulas room: every one fits unbroken,
  // or half the line is left for them
  const widest = Math.max(0, ...eqs.flatMap((e) => e.lines.map((l) => latexWidth(l.latex))));
  const column = labW === 0 || columnRoom >= Math.min(0.5 * width, widest + INDENT);
  const room = column ? columnRoom : width - lhsW - REL;
  const rows: string[] = [];
  for (const e of eqs) {
    let lhs = e.lhs;
    if (!narrow(e)) {
      // a wide left side stands on its own row(s), the `=` lines below it
      breakLatex(e.lhs, width - lhsW - INDENT).forEach((p, k) => rows.push(k ? `&\\quad {}${p}` : `&${p}`));
      lhs = '';
    }
    if (!e.lines.length && lhs) rows.push(`${lhs}`);
    e.lines.forEach((l, i) => {
      const pieces = breakLatex(l.latex, room - INDENT);
      pieces.forEach((p, k) => {
        const head = k === 0 ? `${i === 0 && lhs ? `${lhs} ` : ''}&= ` : '&\\quad {}';
        if (k < pieces.length - 1 || !l.label) return void rows.push(head + p);
        const label = full(l);
        if (column) return void rows.push(`${head}${p} && \\quad ${label}`);
        if (latexWidth(p) + 2 * INDENT + latexWidth(label) <= room - (k ? INDENT : 0)) return void rows.push(`${head}${p} \\qquad ${label}`);
        rows.push(head + p);
        // the label on a row of its own; its conditions below it when the row is too narrow
        const own = width - lhsW - 2 * INDENT;
        if (latexWidth(label) <= own || !l.conditions) rows.push(`&\\qquad ${label}`);
        else rows.push(`&\\qquad ${l.label}`, ...conditionRows(l.conditions, own - INDENT).map((c) => `&\\qquad\\quad ${c}`));
      });
    });
  }
  return `\\begin{align*}\n${rows.join(' \\\\\n')}\n\\end{align*}`;
}

const partial = (of: string, wrt: string) => `\\frac{\\partial ${latexName(of)}}{\\partial ${latexName(wrt)}}`;

function checkText(c: Check | undefined): string {
  if (!c) return 'Check: not run.';
  if (c.verified === 0 && !c.refuted && !c.unverifiable) return 'Check: nothing to check (no step was taken).';
  const n = c.verified !== undefined ? ` (${c.verified} checks verified, ${c.refuted} refuted, ${c.unverifiable} unverifiable)` : '';
  return `Check: ${c.status}${n}.`;
}

/** The proofs the steps carry (σ′ from σ's definition), each once. */
function proofParts(steps: readonly StepView[], seen: Set<string>): LatexPart[] {
  const out: LatexPart[] = [];
  for (const s of steps) {
    if (!s.proof || seen.has(s.justification ?? s.proof.start.latex)) continue;
    seen.add(s.justification ?? s.proof.start.latex);
    const what = s.justification ? `$${s.justification}$` : 'the derivative';
    out.push({ text: `Where ${what} is derived from the definition:` });
    out.push({ math: alignBlock([{ lhs: s.proof.start.latex, lines: stepLines(s.proof.steps) }]) });
  }
  return out;
}

function oneParts(d: Derivation, seen: Set<string>): LatexPart[] {
  const steps = d.steps as readonly StepView[];
  const start = steps[0] ? steps[0].latex!.before : d.latex;
  return [{ math: alignBlock([{ lhs: start, lines: stepLines(steps) }]) }, ...proofParts(steps, seen), { text: checkText(d.check) }];
}

function chainParts(r: Chained): LatexPart[] {
  const { target, paths, locals, adjoints, gradients } = r.chain;
  const out: LatexPart[] = [];
  // one expression through named parts (steps: "textbook"): the names first
  if (r.parts?.length) {
    out.push({ text: 'Name the parts:' });
    out.push({ math: alignBlock(r.parts.map((p) => ({ lhs: latexName(p.name), lines: [{ latex: p.latex }] }))) });
  }
  out.push({ text: 'The chain rule, over every path from the target to the variable:' });
  out.push({
    math: alignBlock(
      Object.entries(paths).map(([w, ps]) => ({
        lhs: partial(target, w),
        lines: [{ latex: ps.map((p) => p.slice(1).map((n, i) => partial(p[i]!, n)).join(' \\cdot ')).join(' + '), ...(ps.length > 1 ? { label: `\\text{(${ps.length} paths)}` } : {}) }],
      })),
    ),
  });
  out.push({ text: 'Local gradients:' });
  const seen = new Set<string>();
  const proofs: LatexPart[] = [];
  out.push({
    math: alignBlock(
      locals.map((l) => {
        const steps = l.derivation.steps as readonly StepView[];
        proofs.push(...proofParts(steps, seen));
        const lines = [{ latex: l.derivation.start.latex }, ...stepLines(steps)];
        // the result in the definitions' names (σ(z)(1 − σ(z)) = y(1 − y))
        if (lines[lines.length - 1]!.latex !== l.latex) lines.push({ latex: l.latex, label: '\\text{in the defined names}' });
        return { lhs: partial(l.of, l.wrt), lines };
      }),
    ),
  });
  out.push(...proofs);
  out.push({ text: 'Upstream gradients, each computed once:' });
  out.push({
    math: alignBlock(
      adjoints.map((a) => {
        const steps = a.derivation.steps as readonly StepView[];
        const via = a.via.filter((v) => v !== target || a.via.length > 1);
        const lines: Line[] = via.length ? [{ latex: via.map((v) => `${partial(target, v)} \\cdot ${partial(v, a.name)}`).join(' + ') }] : [];
        lines.push({ latex: a.derivation.start.latex }, ...stepLines(steps));
        if (lines[lines.length - 1]!.latex !== a.latex) lines.push({ latex: a.latex });
        return { lhs: partial(target, a.name), lines };
      }),
    ),
  });
  out.push({ text: 'Result:' });
  out.push({
    math: alignBlock(
      Object.entries(gradients).map(([w, g]) => {
        const lines: Line[] = [{ latex: g.latex }];
        if (g.substituted && g.substituted.latex !== g.latex) lines.push({ latex: g.substituted.latex, label: '\\text{definitions substituted}' });
        // named parts: substituted back, then simplified in the input's variables
        const back = g.substitution;
        if (back) for (const f of [back.start.latex, back.latex]) if (lines[lines.length - 1]!.latex !== f) lines.push({ latex: f, label: '\\text{parts substituted back}' });
        return { lhs: partial(target, w), lines };
      }),
    ),
  });
  out.push({ text: checkText(r.check) });
  return out;
}

const isChain = (r: Derive | Simplify): r is Chained => 'chain' in r && r.chain !== undefined;

/** The parts of the LaTeX form: display blocks (math, KaTeX-valid) and text lines between them. */
export function latexParts(r: Derive | Simplify): LatexPart[] {
  // steps: "none": the results only, one line per variable
  if (!('steps' in r)) {
    const rows = r.gradient ? Object.entries(r.gradient) : [[r.wrt ?? 'x', { latex: r.latex }] as const];
    return [{ math: alignBlock(rows.map(([w, g]) => ({ lhs: `\\frac{\\partial}{\\partial ${latexName(w)}}`, lines: [{ latex: g.latex }] }))) }];
  }
  const gradient = (r as { gradient?: Readonly<Record<string, Derivation>> }).gradient;
  if (!isChain(r) && gradient && Object.keys(gradient).length > 1) {
    // a gradient: every component, each headed by its variable
    const seen = new Set<string>();
    return Object.entries(gradient).flatMap(([w, g]) => [{ text: `With respect to $${latexName(w)}$:` }, ...oneParts(g, seen)]);
  }
  return isChain(r) ? chainParts(r) : oneParts(r as Derivation, new Set());
}

/** The LaTeX form: text lines as paragraphs, each block an align* environment. Display breaks
 * are allowed inside the fragment (a long derivation runs over pages), and only there. */
export function formatLatex(r: Derive | Simplify): string {
  // a text line and the display after it form one paragraph: no page break between them
  const body = latexParts(r).map((p) => ('math' in p ? `${p.math}\n` : `\\noindent ${textLine(p.text)}`));
  return ['\\begingroup\\allowdisplaybreaks', ...body, '\\endgroup', ''].join('\n');
}

/** A text line: prose escaped, `$…$` math kept. */
function textLine(s: string): string {
  return s
    .split(/(\$[^$]*\$)/)
    .map((x, i) => (i % 2 ? x : escapeText(x)))
    .join('');
}
