// The LaTeX lexer: moo splits the raw input; this module applies TeX's argument rules and emits the
// tokens of grammar/latex.ne. An argument is a braced group or ONE character/command (x^23 is
// x^{2}3, \frac12 is \frac{1}{2}); a single-token argument is wrapped in zero-width braces, and
// braces that are not an argument group nothing, so they are dropped. Names (\hat{y}, \alpha,
// \mathrm{loss}, runs of letters via words.ts, x_{1}, the layer index W^{(1)}) become ONE token.
// It enforces the cheap limits (depth of braces + parentheses + bars, token count, digits, sign
// runs) BEFORE the Earley parser runs, without recursion, so no input can hang or overflow it.
// Layers: latexCursor.ts (raw tokens, reading, output) < latexNames.ts (names) < this file
// (dispatch, groups and delimiters, arguments, commands); the command table is latexCommands.ts.
import type { Span } from '../ast/spans.js';
import { ChainruleError } from '../errors.js';
import { command, suggestCommand, SUBSCRIPTED_FUNCTIONS, type Command } from './latexCommands.js';
import { endOf, spanOf, supValue, type Raw } from './latexCursor.js';
import { LatexNames } from './latexNames.js';
import { LIMITS } from './limits.js';
import type { Reading } from './readings.js';
import type { Tok } from './tokens.js';
import { transpose } from './userNames.js';

const OP_VALUE: Record<string, string> = { times: '*', minus: '-', plus: '+', divide: '/', comma: ',', eq: '=' };
const ENVIRONMENTS = new Set(['aligned', 'align', 'align*', 'gathered', 'gather', 'gather*', 'split', 'equation', 'equation*']);

export interface LatexLexOptions {
  /** declared multi-letter symbol names */
  readonly names?: readonly string[];
  /** declared abstract functions (f, g): `g(f(x))` is g applied to f(x) */
  readonly functions?: readonly string[];
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

/** The readings the LaTeX lexer makes (DERIVATIVE_SCOPE), collected into `readings`. */
export function lexLatexWithReadings(input: string, opts: LatexLexOptions, readings: Reading[]): Tok[] {
  const l = new LatexLexer(input, opts);
  l.readings = readings;
  return l.run();
}

class LatexLexer extends LatexNames {
  private readonly stack: Open[] = [];
  private env: { name: string; span: Span } | undefined;
  readings: Reading[] | undefined;

  /** Is the innermost open brace the argument of a \frac? */
  private inFracArgument(): boolean {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const o = this.stack[i]!;
      if (o.kind === '{' && o.arg) return o.arg.after.k === 'num' || o.arg.after.k === 'den';
      if (o.kind !== '{') return false;
    }
    return false;
  }

  constructor(input: string, opts: LatexLexOptions) {
    super(input, opts.names ?? [], opts.functions ?? []);
  }

  run(): Tok[] {
    for (let t = this.take(); t; t = this.take()) this.step(t);
    const open = this.stack[this.stack.length - 1];
    if (open) throw new ChainruleError('UNBALANCED_PAREN', `This \`${this.input.slice(open.span.start, open.span.end)}\` is never closed.`, open.span);
    if (this.env) throw new ChainruleError('UNBALANCED_PAREN', `\\begin{${this.env.name}} has no \\end{${this.env.name}}.`, this.env.span);
    while (this.out.length && this.out[this.out.length - 1]!.type === 'sep') this.out.pop();
    return this.out;
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
        this.transposeCheck(span);
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
      case 'prime':
        throw new ChainruleError('UNEXPECTED_TOKEN', `A prime ${t.text} marks the derivative of a declared function, as in f'(x) with functions: ["f"].`, span);
      case 'top':
        throw transpose(span);
      default:
        return this.emit('op', OP_VALUE[t.type]!, span);
    }
  }
  /** W^T, W^{T}, W^\top, W^{\top}, W^\intercal, W^\mathsf{T}: a transpose, never a power. */
  private transposeCheck(caret: Span): void {
    const isT = (r: Raw | undefined) => (r?.type === 'word' && r.text.startsWith('T')) || (r?.type === 'cmd' && (r.text === '\\top' || r.text === '\\intercal' || r.text === '\\mathsf' || r.text === '\\mathrm'));
    const n = this.peek();
    const inner = n?.type === 'lbrace' ? this.peek(1) : undefined;
    const styled = (r: Raw | undefined, k: number) => r?.type === 'cmd' && (r.text === '\\mathsf' || r.text === '\\mathrm') ? this.peek(k + 1)?.type === 'lbrace' && this.peek(k + 2)?.text === 'T' : true;
    const hit = n?.type === 'lbrace' ? isT(inner) && (inner!.type !== 'word' || inner!.text === 'T') && styled(inner, 1) : isT(n) && styled(n, 0);
    if (hit) throw transpose({ start: caret.start, end: endOf(this.peek(n?.type === 'lbrace' ? 1 : 0)!) });
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

  // ---- groups, delimiters, arguments ----
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
  /** \frac{d}{dx}, \frac{\partial}{\partial w}, \frac{\mathrm{d}}{\mathrm{d}x}: the derivative
   * operator, ONE `diff` token as the plain text's d/dx; \frac{dL}{dw} is that operator applied
   * to L (Leibniz). Any other fraction holding \partial is refused. */
  private derivativeCheck(frac: number, num: number, den: number): void {
    const out = this.out;
    const d = (t: Tok | undefined) => (t?.type === 'sym' && t.value === 'd' ? 'd' : t?.type === 'cmd' && t.value === '\\partial' ? '∂' : undefined);
    const numIn = out.slice(num + 1, den - 1);
    const denIn = out.slice(den + 1, out.length - 1);
    const kind = d(numIn[0]);
    const ok = kind !== undefined && d(denIn[0]) === kind && denIn.length === 2 && denIn[1]!.type === 'sym' && (numIn.length === 1 || (numIn.length === 2 && numIn[1]!.type === 'sym'));
    const f = out[frac]!;
    const span = { start: f.offset, end: this.last()!.end };
    if (!ok) {
      if ([...numIn, ...denIn].some((t) => d(t) === '∂'))
        throw new ChainruleError('UNEXPECTED_TOKEN', 'A \\partial is read only in a derivative operator: \\frac{\\partial}{\\partial w} or \\frac{\\partial L}{\\partial w}.', span);
      return;
    }
    const wrt = denIn[1]!;
    const of = numIn[1];
    out.splice(frac);
    this.emit('diff', wrt.value, span);
    if (of) this.emit('sym', of.value, { start: of.offset, end: of.end });
    if (!of) this.scopeReading(span);
  }
  /** DERIVATIVE_SCOPE: \frac{d}{dx} not followed by a bracket applies to the next factor only. */
  private scopeReading(op: Span): void {
    let k = 0;
    while (this.peek(k)?.type === 'nl') k++;
    const n = this.peek(k);
    if (!n || n.type === 'lparen' || n.type === 'lbrack' || (n.type === 'cmd' && n.text === '\\left')) return;
    this.readings?.push({
      code: 'DERIVATIVE_SCOPE',
      span: op,
      read: `${this.input.slice(op.start, op.end)} applied to the next factor only`,
      alternative: `put what is differentiated in brackets: ${this.input.slice(op.start, op.end)}(…)`,
      message: `${this.input.slice(op.start, op.end)} applies to the next factor only (as d/dx does in plain text); to differentiate more, put it in brackets.`,
    });
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
        // \partial inside the arguments of a \frac: a derivative operator (derivativeCheck)
        if (name === 'partial' && this.inFracArgument()) return this.emit('cmd', '\\partial', span);
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
      case 'sum':
        return this.sigma(t);
      default:
        return this.simpleCommand(cmd, t);
    }
  }
  /** \sum_{i=1}^{K}, \sum_{i}, \sum_i: one `sigma` token (value `i` or `i|lo|hi`), as in the
   * text lexer; the grammar applies it to the product that follows. */
  private sigma(t: Raw): void {
    const span = spanOf(t);
    const bad = (msg: string) => new ChainruleError('UNEXPECTED_TOKEN', msg, { start: span.start, end: this.peek() ? endOfRaw(this.peek()!) : span.end });
    const group = (): Raw[] => {
      const first = this.take();
      if (!first) throw bad('\\sum needs its index: \\sum_{i=1}^{K}.');
      if (first.type !== 'lbrace') return [first];
      const inner: Raw[] = [];
      for (let r = this.take(); ; r = this.take()) {
        if (!r) throw bad('This `{` is never closed.');
        if (r.type === 'rbrace') return inner;
        inner.push(r);
      }
    };
    if (this.peek()?.type !== 'underscore') throw bad('\\sum names its index: \\sum_{i=1}^{K}.');
    this.take();
    const sub = group();
    const ix = sub[0];
    if (!ix || ix.type !== 'word' || !/^[a-z]$/.test(ix.text)) throw bad('\\sum sums over one index letter: \\sum_{i=1}^{K}.');
    let value = ix.text;
    let end = span.end;
    if (sub.length > 1) {
      if (sub[1]!.type !== 'eq' || sub.length < 3) throw bad('Write the lower bound as \\sum_{i=1}^{K}.');
      if (this.peek()?.type !== 'caret') throw bad('Give the upper bound too: \\sum_{i=1}^{K}.');
      this.take();
      const hi = group();
      if (hi.length === 0) throw bad('Give the upper bound: \\sum_{i=1}^{K}.');
      const text = (rs: Raw[]) => rs.map((r) => r.text).join('').replace(/\u2212/g, '-');
      value = `${ix.text}|${text(sub.slice(2))}|${text(hi)}`;
      end = endOfRaw(hi[hi.length - 1]!);
    } else end = endOfRaw(ix);
    this.emit('sigma', value, { start: span.start, end }, t.text);
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

function endOfRaw(r: Raw): number {
  return r.offset + r.text.length;
}
