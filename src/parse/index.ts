// The parser facade: one entry for both notations, canonical names for user-supplied keys
// (the `at` of an evaluation), and the value syntax of points (`x=1.5, y=1/3`).
import type { Expr } from '../ast/nodes.js';
import type { Span } from '../ast/spans.js';
import { ChainruleError } from '../errors.js';
import { checkInput } from './input.js';
import type { Parsed } from './program.js';
import { parseTextProgram } from './text.js';
import { lexText } from './textLexer.js';
import { multiLetter, nameBase } from './userNames.js';

export type { Parsed } from './program.js';
export type { Reading, ReadingCode } from './readings.js';
export { READING_CODES } from './readings.js';
export { respell, userSpellings } from './spellings.js';
export type Notation = 'text' | 'latex' | 'auto';

export interface ParseOptions {
  /** `auto` (default) reads the input as LaTeX when it contains a backslash */
  readonly notation?: Notation;
  /** declared multi-letter symbol names (docs/notation.md#names) */
  readonly names?: readonly string[];
  /** declared abstract functions: `g(f(x))` is g applied to f(x), d/dx = g'(f(x))·f'(x) */
  readonly functions?: readonly string[];
}

type LatexParser = (input: string, opts: { names?: readonly string[]; functions?: readonly string[] }) => Parsed;
let latexParser: LatexParser | undefined;

/** Install the LaTeX front end (done by src/parse/latex.ts's loader; kept lazy for start-up). */
export async function loadLatex(): Promise<void> {
  if (!latexParser) latexParser = (await import('./latex.js')).parseLatexProgram;
}

export function detectNotation(input: string, notation: Notation = 'auto'): 'text' | 'latex' {
  if (notation !== 'auto') return notation;
  return input.includes('\\') ? 'latex' : 'text';
}

/** Parse a program (definitions and/or an expression). LaTeX needs `await loadLatex()` first. */
export function parse(input: string, opts: ParseOptions = {}): Parsed {
  const names = opts.names ?? [];
  const functions = opts.functions ?? [];
  if (detectNotation(checkInput(input), opts.notation) === 'latex') {
    if (!latexParser) throw new Error('parse: call loadLatex() before parsing LaTeX');
    return latexParser(input, { names, functions });
  }
  return parseTextProgram(input, { names, functions });
}

/** Parse and load what is needed first (the LaTeX front end only when the input is LaTeX). */
export async function parseAsync(input: string, opts: ParseOptions = {}): Promise<Parsed> {
  if (detectNotation(checkInput(input), opts.notation) === 'latex') await loadLatex();
  return parse(input, opts);
}

/** The expression a program stands for: its body, else its last definition's name. */
export function mainExpr(p: Parsed): Expr {
  const { body, definitions } = p.program;
  if (body) return body;
  const last = definitions[definitions.length - 1];
  if (!last) throw new ChainruleError('EMPTY_INPUT');
  return last.expr;
}

/** The canonical name of a user-written symbol name (`x₂`, `x_{2}`, `ŷ`, `y_hat`, `lr`). */
export function canonicalSymbol(key: string, names: readonly string[] = []): string {
  checkInput(key);
  // the key is ONE name, read by the rule of the body: `a2` is a_2, `ŷ` is y_hat, `lr` is lr
  const base = nameBase(key.trim());
  // (an index when called from Array.map: not names)
  const declared = Array.isArray(names) ? names : [];
  const toks = lexText(key, { names: multiLetter(base) ? [...declared, base] : declared });
  const t = toks[0];
  if (toks.length !== 1 || !t || t.type !== 'sym')
    throw new ChainruleError('BAD_NAME', `${JSON.stringify(key)} is not one symbol name.`, { start: 0, end: key.length });
  return t.value;
}

/** A point: `x=1.5, y=-2, w_1=1/3` → entries with the span of each value (exact decimal text kept). */
export interface PointEntry {
  readonly name: string;
  readonly value: string;
  readonly span: Span;
}
export function parsePoint(text: string, names: readonly string[] = []): PointEntry[] {
  const out: PointEntry[] = [];
  let offset = 0;
  for (const part of text.split(/[,;]/)) {
    const start = offset;
    offset += part.length + 1;
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) throw new ChainruleError('BAD_VALUE', 'Write each value as name=number.', { start, end: start + part.length });
    const name = part.slice(0, eq);
    const value = part.slice(eq + 1).trim();
    let canonical: string;
    try {
      canonical = canonicalSymbol(name, Array.isArray(names) ? names : []);
    } catch (e) {
      if (e instanceof ChainruleError) throw new ChainruleError(e.code, e.message, { start, end: start + eq });
      throw e;
    }
    const vstart = start + eq + 1 + (part.slice(eq + 1).length - part.slice(eq + 1).trimStart().length);
    if (!isNumberText(value)) throw new ChainruleError('BAD_VALUE', `${JSON.stringify(value)} is not a number (write 1.5, -2, 1e-3 or 1/3).`, { start: vstart, end: vstart + value.length });
    out.push({ name: canonical, value, span: { start: vstart, end: vstart + value.length } });
  }
  return out;
}

/** Number text accepted in points: decimal, scientific, or a fraction of integers. */
export function isNumberText(s: string): boolean {
  return /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?$/.test(s) || /^[+-]?[0-9]{1,400}\/[0-9]{1,400}$/.test(s);
}
