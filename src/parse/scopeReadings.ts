// The scope readings of plain text (docs/notation.md, "How chainrule reads what you type"): where
// an operator written without brackets takes less than the slide means — `d/dw σ(z)(1 − σ(z))`
// differentiates σ(z) only, `σ wx + b` is σ(w)·x, `e^-wx` is e^(−w)·x, `w^1/2` is w/2,
// `1/2 (y − wx)^2` is 1/(2(y − wx)²) — the parse says so, found on the tree and its tokens after
// the grammar ran: DERIVATIVE_SCOPE, FUNCTION_SCOPE, EXPONENT_SCOPE, DIVISION_SCOPE.
import type { Expr } from '../ast/nodes.js';
import type { Span } from '../ast/spans.js';
import { forEachNode } from '../ast/traverse.js';
import type { Parsed } from './program.js';
import type { Reading } from './readings.js';
import type { Tok } from './tokens.js';

/** tokens that start a factor a juxtaposition would multiply */
const FACTOR = new Set(['sym', 'num', 'constant', 'func', 'diff', 'sigma']);
const isFactorStart = (t: Tok | undefined): boolean => t !== undefined && (FACTOR.has(t.type) || (t.type === 'op' && t.value === '('));

const endsFactor = (t: Tok): boolean => t.type === 'sym' || t.type === 'num' || t.type === 'constant' || t.type === 'sup' || (t.type === 'op' && t.value === ')');

/** A cheap test on the tokens (most inputs fail it): every scope reading needs a derivative
 * operator, a juxtaposition (a factor ending where the next begins), or an exponent ±1 before `/`. */
function possible(toks: readonly Tok[]): boolean {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.type === 'diff') return true;
    if (i > 0 && isFactorStart(t) && endsFactor(toks[i - 1]!)) return true;
    if (t.type === 'op' && t.value === '^') {
      const k = toks[i + 1]?.value === '-' ? i + 2 : i + 1;
      if (toks[k]?.type === 'num' && toks[k]!.value === '1' && toks[k + 1]?.value === '/') return true;
    }
  }
  return false;
}

export function scopeReadings(p: Parsed, toks: readonly Tok[]): Reading[] {
  const { input, spans, program } = p;
  if (!possible(toks)) return [];
  // the tokens in input order (Leibniz's dL/dw puts the operator before its numerator)
  let inOrder = true;
  for (let i = 1; i < toks.length && inOrder; i++) inOrder = toks[i - 1]!.offset <= toks[i]!.offset;
  const sorted = inOrder ? toks : [...toks].sort((a, b) => a.offset - b.offset || a.end - b.end);
  const next = (end: number): Tok | undefined => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (sorted[m]!.offset < end) lo = m + 1;
      else hi = m;
    }
    return sorted[lo];
  };
  const at = new Map<number, Tok>();
  const index = new Map<Tok, number>();
  toks.forEach((t, i) => {
    index.set(t, i);
    if (!at.has(t.offset)) at.set(t.offset, t);
  });
  const text = (s: Span) => input.slice(s.start, s.end);
  const before = (pos: number): string => input.slice(0, pos).trimEnd().slice(-1);
  const out: Reading[] = [];
  const roots = [...program.definitions.map((d) => d.expr), ...(program.body ? [program.body] : [])];
  forEachNode(roots, (e) => {
    const span = spans.get(e);
    if (!span) return;
    if (e.kind === 'diff') derivative(span);
    else if (e.kind === 'call') call(e, span);
    else if (e.kind === 'pow') power(e.exp, span);
    else if (e.kind === 'div') division(e.den, span);
  });
  return out;

  function derivative(span: Span): void {
    const op = at.get(span.start);
    if (op?.type !== 'diff') return;
    const after = toks[index.get(op)! + 1];
    // Leibniz dL/dw (its numerator lies inside the operator's span) or a bracket: the reach is written
    if (!after || after.offset < op.end || (after.type === 'op' && after.value === '(')) return;
    const n = next(span.end);
    if (!n || n.type === 'sep' || (n.type === 'op' && [')', ',', '='].includes(n.value))) return;
    const opText = text({ start: op.offset, end: op.end });
    out.push({
      code: 'DERIVATIVE_SCOPE',
      span: { start: op.offset, end: op.end },
      read: `${opText} applied to ${text({ start: after.offset, end: span.end })} only`,
      alternative: `put what is differentiated in brackets: ${opText}(…)`,
      message: `${opText} applies to the next factor only, ${text({ start: after.offset, end: span.end })}; to differentiate more, put it in brackets: ${opText}(…).`,
    });
  }

  function call(e: Expr & { kind: 'call' }, span: Span): void {
    const fn = at.get(span.start);
    // e^… is exp(…): an exponent
    if (fn?.type === 'constant' && fn.value === 'e' && e.fn === 'exp' && e.args[0]) return power(e.args[0], span);
    if (fn?.type !== 'func') return;
    const after = toks[index.get(fn)! + 1];
    if (!after || (after.type === 'op' && after.value === '(')) return;
    const n = next(span.end);
    if (!isFactorStart(n) || n!.type === 'func' || n!.type === 'sigma') return;
    const arg = text({ start: after.offset, end: span.end });
    const paren = n!.type === 'op';
    const more = paren ? '(…)' : input.slice(span.end, n!.end).trim();
    const factor = paren ? '(…)' : n!.raw;
    out.push({
      code: 'FUNCTION_SCOPE',
      span,
      read: `${fn.raw}(${arg})·${factor}`,
      alternative: `put the whole argument in parentheses: ${fn.raw}(${arg}${more}…)`,
      message: `${input.slice(span.start, paren ? span.end : n!.end)}${paren ? '(…)' : ''} was read as ${fn.raw}(${arg})·${factor}: a function without parentheses takes one power; write ${fn.raw}(…) around the whole argument.`,
    });
  }

  function power(exp: Expr, span: Span): void {
    const es = spans.get(exp);
    if (!es || before(es.start) === '(' || !/\^|\*\*/.test(input.slice(span.start, es.start).slice(-3))) return;
    // the exponent as written, from the `^` on
    const caret = Math.max(input.lastIndexOf('^', es.start), input.lastIndexOf('**', es.start));
    const written = input.slice(caret, span.end);
    const base = input.slice(span.start, caret);
    const n = next(span.end);
    if (!n) return;
    const one = exp.kind === 'num' ? exp.n === 1n && exp.d === 1n : exp.kind === 'neg' && exp.arg.kind === 'num' && exp.arg.n === 1n && exp.arg.d === 1n;
    if (one && n.type === 'op' && n.value === '/') {
      const d = next(n.end);
      if (d?.type !== 'num') return;
      const sign = exp.kind === 'neg' ? '-' : '';
      out.push({
        code: 'EXPONENT_SCOPE',
        span: { start: span.start, end: d.end },
        read: `(${base}${written})/${d.raw}`,
        alternative: `for the power ${sign}1/${d.raw}, write ${base}^(${sign}1/${d.raw})`,
        message: `${input.slice(span.start, d.end)} was read as (${base}${written})/${d.raw}, an exponent being one power; for the power ${sign}1/${d.raw} write ${base}^(${sign}1/${d.raw}).`,
      });
      return;
    }
    if (!isFactorStart(n)) return;
    // x^2 y with a space: a number exponent set apart is the reading everyone means
    if (exp.kind === 'num' && input.slice(span.end, n.offset).trim() === '' && n.offset > span.end) return;
    out.push({
      code: 'EXPONENT_SCOPE',
      span: { start: span.start, end: n.end },
      read: `${base}^(${text(es)})·${n.raw}`,
      alternative: `for a longer exponent, put it in parentheses: ${base}^(${text(es)}${input.slice(span.end, n.end)}…)`,
      message: `${input.slice(span.start, n.end)} was read as ${base}^(${text(es)})·${n.raw}: an exponent is one power; put a longer exponent in parentheses.`,
    });
  }

  function division(den: Expr, span: Span): void {
    if (den.kind !== 'mul') return;
    const ds = spans.get(den);
    if (!ds || before(ds.start) === '(') return;
    const ns = { start: span.start, end: input.lastIndexOf('/', ds.start) };
    const numText = input.slice(ns.start, ns.end).trim();
    const first = at.get(ds.start);
    const single = first && (first.type === 'num' || first.type === 'sym' || first.type === 'constant') && next(first.end) !== undefined && next(first.end)!.offset > first.offset;
    const rest = single ? input.slice(first.end, ds.end).trim() : '';
    out.push({
      code: 'DIVISION_SCOPE',
      span,
      read: `${numText}/(${text(ds)})`,
      alternative: single ? `for ${numText}/${first.raw} times ${rest}, write (${numText}/${first.raw})${rest.startsWith('(') ? '' : ' '}${rest}` : `put the denominator in parentheses to say which factors it holds`,
      message: `${text(span)} was read as ${numText}/(${text(ds)}): everything multiplied after a / is in the denominator${single ? `; for ${numText}/${first.raw} times ${rest} write (${numText}/${first.raw})${rest.startsWith('(') ? '' : ' '}${rest}` : ''}.`,
    });
  }
}
