// The LaTeX lexer: moo splits the raw input; this module applies TeX's argument rules and emits the
// tokens of grammar/latex.ne. An argument is a braced group or ONE character/command (x^23 is
// x^{2}3, \frac12 is \frac{1}{2}); a single-token argument is wrapped in zero-width braces, and
// braces that are not an argument group nothing, so they are dropped. Names (\hat{y}, \alpha,
// \mathrm{loss}, runs of letters via words.ts, x_{1}, the layer index W^{(1)}) become ONE token.
// It enforces the cheap limits (depth of braces + parentheses + bars, token count, digits, sign
// runs) BEFORE the Earley parser runs, without recursion, so no input can hang or overflow it.
import moo from 'moo';
import { GREEK_BY_CHAR, joinName } from '../ast/names.js';
import type { Span } from '../ast/spans.js';
import { ChainruleError } from '../errors.js';
import { lookupFunction } from '../functions/index.js';
import { command, suggestCommand, SUBSCRIPTED_FUNCTIONS, type Command } from './latexCommands.js';
import { LIMITS } from './limits.js';
import { tok, type Tok } from './tokens.js';
import { splitWord, suggestFunction, type Piece } from './words.js';

const lexer = moo.compile({
  // `~` is TeX's tie: a space
  ws: { match: /[ \t\r~\u00a0\u2000-\u200b\u202f\u205f\u3000]+/u, lineBreaks: false },
  nl: { match: /\n/u, lineBreaks: true },
  cmd: { match: /\\(?:[A-Za-z]+|[^A-Za-z])?/u, lineBreaks: true },
  num: /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)/u,
  dot: '.',
  word: /(?:\p{L}|[\u221a\u221b])\p{M}*(?:(?:\p{L}|[0-9\u2080-\u2089])\p{M}*)*/u,
  sup: /[\u2070\u00b9\u00b2\u00b3\u2074-\u2079\u207a\u207b]+/u,
  caret: '^',
  underscore: '_',
  lbrace: '{',
  rbrace: '}',
  lparen: '(',
  rparen: ')',
  lbrack: '[',
  rbrack: ']',
  bar: '|',
  times: ['*', '\u00b7', '\u00d7', '\u22c5', '\u2219', '\u2217'],
  minus: ['-', '\u2212', '\u2013'],
  plus: '+',
  divide: ['/', '\u00f7'],
  comma: ',',
  semi: ';',
  eq: '=',
  amp: '&',
  error: moo.error,
});

const OP_VALUE: Record<string, string> = { times: '*', minus: '-', plus: '+', divide: '/', comma: ',', eq: '=' };
const ACCENT_WORDS = new Set(['hat', 'bar', 'tilde', 'dot']);
const ENVIRONMENTS = new Set(['aligned', 'align', 'align*', 'gathered', 'gather', 'gather*', 'split', 'equation', 'equation*']);

interface Raw {
  readonly type: string;
  readonly text: string;
  readonly offset: number;
}
const endOf = (r: Raw): number => r.offset + r.text.length;
const spanOf = (r: Raw): Span => ({ start: r.offset, end: endOf(r) });

function rawTokens(text: string, base = 0): Raw[] {
  lexer.reset(text);
  const out: Raw[] = [];
  for (const t of lexer) {
    const offset = base + t.offset;
    if (t.type === 'error') {
      const ch = String.fromCodePoint(t.text.codePointAt(0)!);
      throw new ChainruleError('INVALID_CHARACTER', `The character ${JSON.stringify(ch)} is not part of the notation.`, { start: offset, end: offset + ch.length });
    }
    if (t.type === 'ws') continue;
    out.push({ type: t.type!, text: t.text, offset });
    if (out.length > LIMITS.maxTokens) throw new ChainruleError('INPUT_TOO_LONG', `The input has more than ${LIMITS.maxTokens} tokens.`, { start: offset, end: offset + t.text.length });
  }
  return out;
}

export interface LatexLexOptions {
  /** declared multi-letter symbol names */
  readonly names?: readonly string[];
}

/** What closes a braced argument: the denominator of a \frac, a superscript, or nothing special. */
type After = { k: 'num'; frac: number } | { k: 'den'; frac: number; num: number } | { k: 'sup' } | { k: 'none' };
interface Open {
  readonly kind: '(' | '[' | '|' | '{';
  /** opened by \left (must close with \right) */
  readonly left: boolean;
  /** for '{': an argument (emits braces) or an invisible group (emits nothing) */
  readonly arg?: { after: After; at: number };
  readonly span: Span;
}

export function lexLatex(input: string, opts: LatexLexOptions = {}): Tok[] {
  return new LatexLexer(input, opts).run();
}

class LatexLexer {
  private readonly raw: Raw[];
  private i = 0;
  /** raw tokens split off a longer one (the `3` of `x^23`), read before raw[i] */
  private queue: Raw[] = [];
  private readonly out: Tok[] = [];
  private readonly stack: Open[] = [];
  private readonly names: Set<string>;
  private env: { name: string; span: Span } | undefined;
  private signRun = 0;

  constructor(
    private readonly input: string,
    opts: LatexLexOptions,
  ) {
    this.raw = rawTokens(input);
    this.names = new Set();
    for (const n of [...(opts.names ?? []), ...this.declaredNames()]) {
      const base = n.normalize('NFC').split('_')[0]!;
      if (base.length > 1 && /^\p{L}+$/u.test(base)) this.names.add(base);
    }
  }

  run(): Tok[] {
    for (let t = this.take(); t; t = this.take()) this.step(t);
    const open = this.stack[this.stack.length - 1];
    if (open) throw new ChainruleError('UNBALANCED_PAREN', `This \`${this.input.slice(open.span.start, open.span.end)}\` is never closed.`, open.span);
    if (this.env) throw new ChainruleError('UNBALANCED_PAREN', `\\begin{${this.env.name}} has no \\end{${this.env.name}}.`, this.env.span);
    while (this.out.length && this.out[this.out.length - 1]!.type === 'sep') this.out.pop();
    return this.out;
  }

  // ---- cursor over raw tokens ----
  private peek(k = 0): Raw | undefined {
    return k < this.queue.length ? this.queue[k] : this.raw[this.i + k - this.queue.length];
  }
  private take(): Raw | undefined {
    return this.queue.length ? this.queue.shift() : this.raw[this.i++];
  }
  private skipNewlines(): void {
    while (this.peek()?.type === 'nl') this.take();
  }
  /** Take ONE character of the next word/number (TeX reads one token); the rest is read later. */
  private takeChar(): Raw {
    const t = this.take()!;
    const m = /^.\p{M}*/su.exec(t.text)!;
    if (m[0].length === t.text.length) return t;
    this.queue.unshift(...rawTokens(t.text.slice(m[0].length), t.offset + m[0].length));
    return { type: t.type, text: m[0], offset: t.offset };
  }

  // ---- output ----
  private emit(type: Tok['type'], value: string, span: Span, raw = this.input.slice(span.start, span.end)): void {
    const sign = type === 'op' && (value === '+' || value === '-');
    this.signRun = sign ? this.signRun + 1 : 0;
    if (this.signRun > LIMITS.maxSignRun) throw new ChainruleError('NESTING_TOO_DEEP', `More than ${LIMITS.maxSignRun} signs in a row.`, span);
    this.out.push(tok(type, value, span.start, span.end, raw));
    if (this.out.length > LIMITS.maxTokens) throw new ChainruleError('INPUT_TOO_LONG', `The input has more than ${LIMITS.maxTokens} tokens.`, span);
  }
  private last(): Tok | undefined {
    return this.out[this.out.length - 1];
  }
  private push(o: Open): void {
    this.stack.push(o);
    if (this.stack.length > LIMITS.maxDepth)
      throw new ChainruleError('NESTING_TOO_DEEP', `Braces, parentheses and bars are nested more than ${LIMITS.maxDepth} deep.`, o.span);
  }

  // ---- the main dispatch ----
  private step(t: Raw): void {
    const span = spanOf(t);
    switch (t.type) {
      case 'nl':
        if (this.stack.length === 0) this.separator(span);
        return;
      case 'semi':
        if (this.stack.length) throw new ChainruleError('UNBALANCED_PAREN', 'A `;` inside braces or parentheses: one of them is not closed.', span);
        return this.separator(span);
      case 'num':
        return this.number(t);
      case 'sup':
        return this.emit('sup', supValue(t.text, span), span);
      case 'word':
        return this.word(t);
      case 'caret':
        this.emit('op', '^', span);
        return this.argument({ k: 'sup' }, '^');
      case 'underscore':
        throw this.danglingSubscript(span);
      case 'lbrace':
        return this.push({ kind: '{', left: false, span });
      case 'rbrace':
        return this.close('{', false, t);
      case 'lparen':
      case 'lbrack':
        this.push({ kind: t.type === 'lparen' ? '(' : '[', left: false, span });
        return this.emit('op', '(', span);
      case 'rparen':
      case 'rbrack':
        return this.close(t.type === 'rparen' ? '(' : '[', false, t);
      case 'bar':
        return this.bar('either', false, span);
      case 'amp': {
        const n = this.peek();
        if (n?.type === 'eq' || this.last()?.value === '=') return; // alignment: z &= wx + b
        throw new ChainruleError('UNEXPECTED_TOKEN', '`&` only aligns an `=` (as in `z &= wx + b`).', span);
      }
      case 'cmd':
        return this.command(t);
      case 'dot':
        throw new ChainruleError('UNEXPECTED_TOKEN', 'A `.` outside a number.', span);
      default:
        return this.emit('op', OP_VALUE[t.type]!, span);
    }
  }

  private separator(span: Span): void {
    const last = this.last();
    if (last && last.type !== 'sep') this.emit('sep', ';', span);
  }

  private number(t: Raw): void {
    const span = spanOf(t);
    const digits = t.text.replace('.', '').length;
    if (digits > LIMITS.maxDigits) throw new ChainruleError('EXPONENT_TOO_LARGE', `A number with more than ${LIMITS.maxDigits} digits.`, span);
    this.emit('num', t.text, span);
  }

  private danglingSubscript(span: Span): ChainruleError {
    const last = this.last();
    if (last && (last.type === 'func' || last.type === 'constant') && last.end === span.start)
      return new ChainruleError('BAD_NAME', `A subscript \`_\` must follow a symbol, not a ${last.type === 'func' ? 'function' : 'constant'} (${last.raw}).`, { start: last.offset, end: span.end });
    return new ChainruleError('BAD_NAME', 'A subscript `_` must follow a symbol.', span);
  }

  // ---- groups and delimiters ----
  private close(kind: Open['kind'], left: boolean, t: Raw): void {
    const span = spanOf(t);
    const top = this.stack[this.stack.length - 1];
    const shown = this.input.slice(span.start, span.end);
    if (!top) throw new ChainruleError('UNBALANCED_PAREN', `This \`${shown}\` has no matching opening.`, span);
    if (top.kind !== kind || top.left !== left) {
      const opened = this.input.slice(top.span.start, top.span.end);
      throw new ChainruleError('UNBALANCED_PAREN', `This \`${shown}\` cannot close the \`${opened}\` before it.`, span);
    }
    this.stack.pop();
    if (kind === '(' || kind === '[') return this.emit('op', ')', span);
    if (kind === '|') return this.emit('cmd', '\\rvert', span);
    if (top.arg) {
      this.emit('op', '}', span);
      this.afterArgument(top.arg.after, top.arg.at);
    }
  }

  /** A `|`: explicit (\lvert, \rvert, \left|, \right|), or bare: it closes the innermost bare
   * bar when what precedes it can end an operand (|x|y|z| is |x|·y·|z|), else it opens one. */
  private bar(side: 'open' | 'close' | 'either', left: boolean, span: Span): void {
    const top = this.stack[this.stack.length - 1];
    const last = this.last();
    const endsOperand =
      last !== undefined &&
      (['sym', 'num', 'constant', 'sup'].includes(last.type) || (last.type === 'op' && (last.value === ')' || last.value === '}')) || (last.type === 'cmd' && last.value === '\\rvert'));
    const closes = side === 'close' || (side === 'either' && !left && top?.kind === '|' && !top.left && endsOperand);
    if (!closes) {
      this.push({ kind: '|', left, span });
      return this.emit('cmd', '\\lvert', span);
    }
    this.close('|', left, { type: 'bar', text: this.input.slice(span.start, span.end), offset: span.start });
  }

  /** Read one argument of \frac, \sqrt or ^: a braced group, or one character or command. */
  private argument(after: After, what: string): void {
    this.skipNewlines();
    const n = this.peek();
    if (!n) throw new ChainruleError('UNEXPECTED_END', `The input ends before the argument of ${what}.`, { start: this.input.length, end: this.input.length });
    if (n.type === 'lbrace') {
      this.take();
      const at = this.out.length;
      this.push({ kind: '{', left: false, arg: { after, at }, span: spanOf(n) });
      return this.emit('op', '{', spanOf(n));
    }
    const at = this.out.length;
    const open = { start: n.offset, end: n.offset };
    if (n.type === 'word' || n.type === 'num') {
      const c = this.takeChar();
      this.emit('op', '{', open, '');
      if (c.type === 'num') this.emit('num', c.text, spanOf(c));
      else this.singleLetter(c);
      const next = this.peek();
      if (c.type === 'num' && after.k !== 'num' && next?.type === 'num' && next.offset === endOf(c)) {
        const whole = { start: c.offset, end: endOf(next) };
        throw new ChainruleError('UNEXPECTED_TOKEN', `In LaTeX ${what} takes one digit: ${what}${this.input.slice(whole.start, whole.end)} means ${what}{${c.text}}${next.text}. Write ${what}{${this.input.slice(whole.start, whole.end)}}.`, whole);
      }
    } else {
      const cmd = n.type === 'cmd' ? command(n.text.slice(1)) : undefined;
      const single = cmd && (cmd.kind === 'greek' || cmd.kind === 'pi' || cmd.kind === 'func');
      if (!single) {
        const shown = n.type === 'cmd' ? n.text : `${what}${n.text}`;
        throw new ChainruleError('UNEXPECTED_TOKEN', `${what} needs braces around an argument longer than one character or command: write ${what}{…} (here ${shown}).`, spanOf(n));
      }
      this.take();
      this.emit('op', '{', open, '');
      this.simpleCommand(cmd, n, false);
    }
    const end = this.last()!.end;
    this.emit('op', '}', { start: end, end }, '');
    this.afterArgument(after, at);
  }

  private afterArgument(after: After, at: number): void {
    if (after.k === 'num') return this.argument({ k: 'den', frac: after.frac, num: at }, '\\frac');
    if (after.k === 'den') return this.derivativeCheck(after.frac, after.num, at);
    if (after.k === 'sup') {
      const n = this.peek();
      if (n?.type === 'caret')
        throw new ChainruleError('UNEXPECTED_TOKEN', 'Double superscript: write x^{a^{b}} or (x^{a})^{b}.', spanOf(n));
      if (n?.type === 'underscore')
        throw new ChainruleError('BAD_NAME', 'Write a subscript before the superscript: x_{1}^{2}, not x^{2}_{1}.', spanOf(n));
    }
  }

  /** \frac{d}{dx}, \frac{dy}{dx}, \frac{\mathrm{d}}{\mathrm{d}x}: derivative notation is not input. */
  private derivativeCheck(frac: number, num: number, den: number): void {
    const isD = (t: Tok | undefined) => t?.type === 'sym' && t.value === 'd';
    const after = this.out[den + 2];
    if (isD(this.out[num + 1]) && isD(this.out[den + 1]) && after && after.type === 'sym') {
      const f = this.out[frac]!;
      throw new ChainruleError('UNEXPECTED_TOKEN', 'Derivative notation such as \\frac{d}{dx} is not input: give the expression, and choose the variable to differentiate by separately.', { start: f.offset, end: this.last()!.end });
    }
  }

  // ---- names ----
  /** Multi-letter names: declared, defined (`loss = …` at a statement start) or written \mathrm{loss}. */
  private declaredNames(): string[] {
    const names: string[] = [];
    const raw = this.raw;
    for (let i = 0; i < raw.length; i++) {
      const t = raw[i]!;
      const p = raw[i - 1];
      const afterBegin = p?.type === 'rbrace' && (raw[i - 4]?.text === '\\begin' || raw[i - 5]?.text === '\\begin');
      const atStart = !p || p.type === 'semi' || p.type === 'nl' || (p.type === 'cmd' && p.text === '\\\\') || afterBegin;
      if (atStart && t.type === 'word' && (raw[i + 1]?.type === 'eq' || raw[i + 1]?.type === 'amp')) names.push(t.text);
      if (t.type === 'cmd' && command(t.text.slice(1))?.kind === 'name' && raw[i + 1]?.type === 'lbrace' && raw[i + 2]?.type === 'word' && raw[i + 3]?.type === 'rbrace') {
        const w = raw[i + 2]!.text;
        if (!lookupFunction(w) && w !== 'pi') names.push(w.replace(/[0-9]+$/, ''));
      }
    }
    return names;
  }

  /** A run of letters: split by the one rule of words.ts; the last piece may take _ and ^{(n)}. */
  private word(t: Raw): void {
    const pieces = splitWord(t.text, t.offset, { names: this.names });
    if ('error' in pieces) throw new ChainruleError('BAD_NAME', pieces.error, { start: pieces.at, end: pieces.at + pieces.len });
    const next = this.peek();
    const letters = pieces.every((p) => p.kind === 'sym' && !p.known && !p.sub && !p.accent);
    const opens = next && next.offset === endOf(t) && (next.type === 'lparen' || (next.type === 'cmd' && next.text === '\\left'));
    if (opens && letters && pieces.length >= 3) {
      const guess = suggestFunction(t.text);
      throw new ChainruleError('UNKNOWN_FUNCTION', `Unknown function ${t.text}${guess ? `; did you mean ${latexSpelling(guess)}?` : '. Write a product with \\cdot or spaces, or \\mathrm{…} for a name.'}`, spanOf(t));
    }
    pieces.forEach((p, k) => {
      if (k === pieces.length - 1 && p.kind === 'sym') return this.symbol(p.base, p.accent, p.sub, { start: p.start, end: p.end });
      this.piece(p);
    });
  }
  private piece(p: Piece): void {
    const span = { start: p.start, end: p.end };
    if (p.kind === 'func') return this.emit('func', p.name, span);
    if (p.kind === 'const') return this.emit('constant', p.name, span);
    this.emit('sym', joinName({ base: p.base, ...(p.accent ? { accent: p.accent } : {}), ...(p.sub ? { sub: p.sub } : {}) }), span);
  }
  /** One character read as an argument (e^x, \frac ab): a name without subscript or index. */
  private singleLetter(c: Raw): void {
    const pieces = splitWord(c.text, c.offset, { names: new Set() });
    if ('error' in pieces) throw new ChainruleError('BAD_NAME', pieces.error, { start: pieces.at, end: pieces.at + pieces.len });
    pieces.forEach((p) => this.piece(p));
  }

  /** Emit a symbol after reading what may follow it: `_1`, `_{ij}`, and the layer index ^{(1)}. */
  private symbol(base: string, accent: string | undefined, sub: string | undefined, span: Span): void {
    let end = span.end;
    let index = false;
    for (;;) {
      const n = this.peek();
      if (n?.type === 'underscore') {
        const s = this.subscript();
        const whole = { start: span.start, end: s.end };
        if (index) throw new ChainruleError('UNSUPPORTED_INDEX', 'A symbol with a layer index ^{(n)} cannot also take a subscript.', whole);
        if (s.accent) {
          if (accent) throw new ChainruleError('BAD_NAME', 'This symbol already has an accent.', whole);
          accent = s.accent;
        }
        if (s.sub) {
          if (sub) throw new ChainruleError('BAD_NAME', 'This symbol already has a subscript.', whole);
          sub = s.sub;
        }
        end = s.end;
      } else if (n?.type === 'caret' && this.layerIndexAhead()) {
        const idx = this.layerIndex();
        if (sub) throw new ChainruleError('UNSUPPORTED_INDEX', `This symbol already has a subscript, so the layer index ${this.input.slice(idx.start, idx.end)} cannot be added.`, { start: span.start, end: idx.end });
        sub = idx.sub;
        index = true;
        end = idx.end;
      } else break;
    }
    const s = { start: span.start, end };
    this.emit('sym', joinName({ base, ...(accent ? { accent } : {}), ...(sub ? { sub } : {}) }), s);
  }

  /** `_1`, `_i`, `_{12}`, `_{ij}`, `_{hat}` (as in plain text). One character without braces. */
  private subscript(): { sub?: string; accent?: string; end: number } {
    const u = this.take()!;
    this.skipNewlines();
    const n = this.peek();
    let text: string;
    let end: number;
    if (n?.type === 'lbrace') {
      this.take();
      text = '';
      for (;;) {
        const r = this.take();
        if (!r) throw new ChainruleError('UNBALANCED_PAREN', 'This `{` is never closed.', spanOf(n));
        if (r.type === 'rbrace') {
          end = endOf(r);
          break;
        }
        if (r.type !== 'word' && r.type !== 'num') throw new ChainruleError('BAD_NAME', 'A subscript holds Latin letters and digits only.', spanOf(r));
        text += r.text;
      }
    } else if (n && (n.type === 'word' || n.type === 'num')) {
      const c = this.takeChar();
      text = c.text;
      end = endOf(c);
      const next = this.peek();
      if (c.type === 'num' && next?.type === 'num' && next.offset === end) {
        const all = this.input.slice(c.offset, endOf(next));
        throw new ChainruleError('UNEXPECTED_TOKEN', `In LaTeX _ takes one character: _${all} means _{${c.text}}${next.text}. Write _{${all}}.`, { start: u.offset, end: endOf(next) });
      }
    } else {
      throw new ChainruleError('BAD_NAME', 'A subscript `_` needs a letter, a digit or {…} after it.', spanOf(u));
    }
    const clean = text.normalize('NFC');
    if (!/^[A-Za-z0-9]+$/.test(clean)) throw new ChainruleError('BAD_NAME', 'A subscript holds Latin letters and digits only.', { start: u.offset, end });
    if (!/^[0-9]+$/.test(clean) && /[0-9]/.test(clean[0]!)) throw new ChainruleError('BAD_NAME', 'A subscript is digits, or letters followed by digits.', { start: u.offset, end });
    return ACCENT_WORDS.has(clean) ? { accent: clean, end } : { sub: clean, end };
  }

  /** Is the input at `^` a layer index `^{(1)}` / `^{[l]}` (integer, or letters then digits)? */
  private layerIndexAhead(): boolean {
    const [c, b, o, x, p, e] = [0, 1, 2, 3, 4, 5].map((k) => this.peek(k));
    if (c?.type !== 'caret' || b?.type !== 'lbrace' || e?.type !== 'rbrace') return false;
    const pair = (o?.type === 'lparen' && p?.type === 'rparen') || (o?.type === 'lbrack' && p?.type === 'rbrack');
    if (!pair || !x || (x.type !== 'num' && x.type !== 'word')) return false;
    return /^[0-9]+$/.test(x.text) || (/^[A-Za-z]+[0-9]*$/.test(x.text) && !ACCENT_WORDS.has(x.text));
  }
  private layerIndex(): { sub: string; start: number; end: number } {
    const caret = this.take()!;
    this.take();
    this.take();
    const x = this.take()!;
    this.take();
    const close = this.take()!;
    return { sub: x.text, start: caret.offset, end: endOf(close) };
  }

  // ---- commands ----
  private command(t: Raw): void {
    const span = spanOf(t);
    const name = t.text.slice(1);
    const cmd = command(name);
    if (!cmd) {
      if (name === '') throw new ChainruleError('UNKNOWN_COMMAND', 'A lone backslash `\\`.', span);
      const guess = suggestCommand(name);
      throw new ChainruleError('UNKNOWN_COMMAND', `Unknown LaTeX command ${t.text}${guess ? `; did you mean ${guess}?` : '.'}`, span);
    }
    switch (cmd.kind) {
      case 'space':
        return;
      case 'newline':
        if (this.stack.length) throw new ChainruleError('UNBALANCED_PAREN', 'A line break `\\\\` inside braces or parentheses: one of them is not closed.', span);
        return this.separator(span);
      case 'unsupported':
        throw new ChainruleError('UNKNOWN_COMMAND', `${t.text} is not part of the LaTeX chainrule reads. ${cmd.why}`, span);
      case 'frac':
        this.emit('frac', '\\frac', span);
        return this.argument({ k: 'num', frac: this.out.length - 1 }, t.text);
      case 'sqrt':
        return this.sqrt(t);
      case 'left':
      case 'right':
        return this.leftRight(t, cmd.kind);
      case 'size': {
        const n = this.peek();
        if (!n || !['lparen', 'rparen', 'lbrack', 'rbrack', 'bar'].includes(n.type))
          throw new ChainruleError('UNEXPECTED_TOKEN', `${t.text} must be followed by a delimiter such as ( ) [ ] |.`, span);
        return;
      }
      case 'bar':
        return this.bar(cmd.side, false, span);
      case 'accent':
        return this.accent(t, cmd.accent);
      case 'name':
        return this.name(t, cmd.operator);
      case 'begin':
      case 'end':
        return this.environment(t, cmd.kind);
      case 'op':
        return this.emit('op', cmd.value, span);
      default:
        return this.simpleCommand(cmd, t);
    }
  }

  /** Commands that are one token by themselves: Greek letters, \pi, function names. */
  private simpleCommand(cmd: Command, t: Raw, postfix = true): void {
    const span = spanOf(t);
    if (cmd.kind === 'pi') return this.emit('constant', 'pi', span);
    if (cmd.kind === 'greek') return postfix ? this.symbol(cmd.name, undefined, undefined, span) : this.emit('sym', cmd.name, span);
    if (cmd.kind !== 'func') throw new Error(`latexLexer: ${t.text} is not a simple command`);
    const n = this.peek();
    const subscripted = SUBSCRIPTED_FUNCTIONS.get(t.text.slice(1));
    if (n?.type === 'underscore' && subscripted) {
      const s = this.subscript();
      const fn = subscripted.get(s.sub ?? s.accent ?? '');
      const whole = { start: span.start, end: s.end };
      if (!fn) throw new ChainruleError('UNSUPPORTED_INDEX', `${this.input.slice(whole.start, whole.end)} is not supported; the bases are ${[...subscripted.keys()].map((k) => `${t.text}_{${k}}`).join(', ')}.`, whole);
      return this.emit('func', fn, whole);
    }
    if (postfix && n?.type === 'caret')
      throw new ChainruleError('UNEXPECTED_TOKEN', `A power of a function is written around its value: (${t.text} x)^{2}, not ${t.text}^{2} x (and ${t.text}^{-1} would be ambiguous).`, spanOf(n));
    this.emit('func', cmd.name, span);
  }

  private sqrt(t: Raw): void {
    const span = spanOf(t);
    let fn = 'sqrt';
    let end = span.end;
    if (this.peek()?.type === 'lbrack') {
      const [o, k, c] = [this.take()!, this.take(), this.take()];
      const n = k?.type === 'num' && c?.type === 'rbrack' ? k.text : undefined;
      const idx = { start: span.start, end: c ? endOf(c) : endOf(o) };
      if (n !== '2' && n !== '3') throw new ChainruleError('UNSUPPORTED_INDEX', `Only square and cube roots are supported (\\sqrt{…}, \\sqrt[3]{…}); write a power such as x^{1/4} instead.`, idx);
      fn = n === '3' ? 'cbrt' : 'sqrt';
      end = idx.end;
    }
    this.emit('sqrt', fn, { start: span.start, end });
    this.argument({ k: 'none' }, '\\sqrt');
  }

  private leftRight(t: Raw, kind: 'left' | 'right'): void {
    const d = this.take();
    const span = { start: t.offset, end: d ? endOf(d) : endOf(t) };
    const dc = d?.type === 'cmd' ? command(d.text.slice(1)) : undefined;
    const delim = d?.type === 'lparen' || d?.type === 'rparen' ? '(' : d?.type === 'lbrack' || d?.type === 'rbrack' ? '[' : d?.type === 'bar' || dc?.kind === 'bar' ? '|' : undefined;
    const opening = d?.type === 'lparen' || d?.type === 'lbrack';
    const closing = d?.type === 'rparen' || d?.type === 'rbrack';
    if (!delim || (kind === 'left' && closing) || (kind === 'right' && opening))
      throw new ChainruleError('UNEXPECTED_TOKEN', `\\${kind} takes a delimiter: \\left( \\right), \\left[ \\right] or \\left| \\right|${d?.text === '.' ? ' (\\left. is not supported)' : ''}.`, span);
    if (delim === '|') return this.bar(kind === 'left' ? 'open' : 'close', true, span);
    if (kind === 'right') return this.close(delim, true, { type: 'cmd', text: this.input.slice(span.start, span.end), offset: span.start });
    this.push({ kind: delim, left: true, span });
    this.emit('op', '(', span);
  }

  /** \hat{y}, \hat y, \bar{x}, \hat{\beta}, \hat{y}_1, \hat{y_1}: ONE symbol y_hat, beta_hat, y_hat_1. */
  private accent(t: Raw, accent: string): void {
    this.skipNewlines();
    const braced = this.peek()?.type === 'lbrace';
    const open = braced ? this.take()! : undefined;
    const n = this.peek();
    let base: string | undefined;
    let end = endOf(t);
    if (n?.type === 'word') {
      const c = this.takeChar();
      end = endOf(c);
      base = GREEK_BY_CHAR.get(c.text) ?? (/^[A-Za-z]$/.test(c.text) ? c.text : undefined);
    } else if (n?.type === 'cmd' && command(n.text.slice(1))?.kind === 'greek') {
      this.take();
      base = (command(n.text.slice(1)) as { name: string }).name;
      end = endOf(n);
    }
    const span = { start: t.offset, end };
    if (!base) {
      const what = n?.type === 'cmd' && command(n.text.slice(1))?.kind === 'accent' ? 'This symbol already has an accent.' : `${t.text} goes on one Latin or Greek letter: ${t.text}{y}, ${t.text}{\\beta}.`;
      throw new ChainruleError('BAD_NAME', what, n ? { start: t.offset, end: endOf(n) } : span);
    }
    let sub: string | undefined;
    if (open) {
      if (this.peek()?.type === 'underscore') {
        const s = this.subscript();
        if (s.accent) throw new ChainruleError('BAD_NAME', 'This symbol already has an accent.', { start: t.offset, end: s.end });
        sub = s.sub;
      }
      const close = this.take();
      if (close?.type !== 'rbrace') {
        if (!close) throw new ChainruleError('UNBALANCED_PAREN', 'This `{` is never closed.', spanOf(open));
        throw new ChainruleError('BAD_NAME', `${t.text} goes on one letter: ${t.text}{y}.`, { start: t.offset, end: endOf(close) });
      }
      end = endOf(close);
    }
    this.symbol(base, accent, sub, { start: t.offset, end });
  }

  /** \mathrm{loss} / \text{loss} (ONE symbol), \mathrm{e}, \mathrm{BCE}, \operatorname{BCE} (functions). */
  private name(t: Raw, operator: boolean): void {
    this.skipNewlines();
    let text: string;
    let end: number;
    const n = this.peek();
    if (n?.type === 'lbrace') {
      this.take();
      const w = this.take();
      const c = this.take();
      if (w?.type !== 'word' || c?.type !== 'rbrace') {
        const span = { start: t.offset, end: c ? endOf(c) : w ? endOf(w) : endOf(n) };
        throw new ChainruleError('BAD_NAME', `${t.text}{…} holds one name of letters (and trailing digits), such as ${t.text}{loss}.`, span);
      }
      text = w.text;
      end = endOf(c);
    } else if (n?.type === 'word') {
      const c = this.takeChar();
      text = c.text;
      end = endOf(c);
    } else {
      throw new ChainruleError('BAD_NAME', `${t.text} needs a name in braces: ${t.text}{loss}.`, spanOf(t));
    }
    const span = { start: t.offset, end };
    const spec = lookupFunction(text);
    if (spec) return this.emit('func', spec.name, span);
    if (operator) {
      const guess = suggestFunction(text);
      throw new ChainruleError('UNKNOWN_FUNCTION', `Unknown function ${text}${guess ? `; did you mean ${latexSpelling(guess)}?` : '; for a symbol with a long name write \\mathrm{…}.'}`, span);
    }
    if (text === 'e') return this.emit('constant', 'e', span);
    if (text === 'pi') return this.emit('constant', 'pi', span);
    const m = /^([A-Za-z]+)([0-9]*)$/.exec(text);
    if (!m) throw new ChainruleError('BAD_NAME', `${t.text}{…} holds Latin letters, then optionally digits (a subscript): ${t.text}{loss}, ${t.text}{loss2}.`, span);
    this.symbol(m[1]!, undefined, m[2] || undefined, span);
  }

  /** \begin{aligned} … \end{aligned} around definitions: the environment itself is ignored. */
  private environment(t: Raw, kind: 'begin' | 'end'): void {
    const toks: Raw[] = [];
    while (toks.length < 4 && this.peek() && (toks.length === 0 || toks[toks.length - 1]!.type !== 'rbrace')) toks.push(this.take()!);
    const text = toks.map((r) => r.text).join('');
    const m = /^\{([A-Za-z]+\*?)\}$/.exec(text);
    const span = { start: t.offset, end: toks.length ? endOf(toks[toks.length - 1]!) : endOf(t) };
    if (!m || !ENVIRONMENTS.has(m[1]!))
      throw new ChainruleError('UNKNOWN_COMMAND', `The environment ${this.input.slice(span.start, span.end)} is not supported (only aligned, align, gathered, gather, split, equation, around definitions).`, span);
    if (this.stack.length) throw new ChainruleError('UNBALANCED_PAREN', `\\${kind}{${m[1]}} inside braces or parentheses: one of them is not closed.`, span);
    if (kind === 'begin') {
      if (this.env) throw new ChainruleError('UNKNOWN_COMMAND', 'Nested environments are not supported.', span);
      this.env = { name: m[1]!, span };
      return;
    }
    if (this.env?.name !== m[1]) throw new ChainruleError('UNBALANCED_PAREN', `\\end{${m[1]}} does not match ${this.env ? `\\begin{${this.env.name}}` : 'any \\begin'}.`, span);
    this.env = undefined;
    this.separator(span);
  }
}

/** How to write a registry function in LaTeX: its own command (\\sigma, \\log) or \\operatorname{…}. */
function latexSpelling(spelling: string): string {
  const spec = lookupFunction(spelling);
  return spec && /^\\[A-Za-z]+$/.test(spec.latex) ? spec.latex : `\\operatorname{${spelling}}`;
}

const SUP_MAP: Record<string, string> = {
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-', '⁺': '+',
};
function supValue(text: string, span: Span): string {
  const v = [...text].map((c) => SUP_MAP[c]).join('');
  if (!/^[+-]?[0-9]+$/.test(v)) throw new ChainruleError('UNEXPECTED_TOKEN', 'A superscript must be an integer such as ² or ⁻¹.', span);
  return v.replace(/^\+/, '');
}
