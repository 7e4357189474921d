// The lowest layer of the LaTeX lexer (latexLexer.ts): moo splits the raw input into Raw tokens;
// LatexCursor reads them (with TeX's one-character arguments: `takeChar` splits `23` into `2`,
// then `3`) and collects the output Tok[] under the token-count and sign-run limits.
import moo from 'moo';
import type { Span } from '../ast/spans.js';
import { ChainruleError } from '../errors.js';
import { LIMITS } from './limits.js';
import { tok, type Tok } from './tokens.js';

// The one-character rules come first: moo looks those up by character code before it runs its
// regular expression ("fast" literals, only for rules ahead of the first regex rule). None of them is
// matched by a rule they now precede (ws, nl, cmd start otherwise; `.` stays behind num: `.5`).
const lexer = moo.compile({
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
  top: '\u22a4',
  // `~` is TeX's tie: a space
  ws: { match: /[ \t\r~\u00a0\u2000-\u200b\u202f\u205f\u3000]+/u, lineBreaks: false },
  nl: { match: /\n/u, lineBreaks: true },
  cmd: { match: /\\(?:[A-Za-z]+|[^A-Za-z])?/u, lineBreaks: true },
  num: /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)/u,
  dot: '.',
  word: /(?:\p{L}|[\u221a\u221b])\p{M}*(?:(?:\p{L}|[0-9\u2080-\u2089])\p{M}*)*/u,
  sup: /[\u2070\u00b9\u00b2\u00b3\u2074-\u2079\u207a\u207b]+/u,
  // f'(x): the derivative of a declared function; ⊤ a transpose (an error for now)
  prime: /['\u2032]+/u,
  error: moo.error,
});

export interface Raw {
  readonly type: string;
  readonly text: string;
  readonly offset: number;
}
export const endOf = (r: Raw): number => r.offset + r.text.length;
export const spanOf = (r: Raw): Span => ({ start: r.offset, end: endOf(r) });

export function rawTokens(text: string, base = 0): Raw[] {
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

export abstract class LatexCursor {
  protected readonly raw: Raw[];
  private i = 0;
  /** raw tokens split off a longer one (the `3` of `x^23`), read before raw[i] */
  private queue: Raw[] = [];
  protected readonly out: Tok[] = [];
  private signRun = 0;

  constructor(protected readonly input: string) {
    this.raw = rawTokens(input);
  }

  protected peek(k = 0): Raw | undefined {
    return k < this.queue.length ? this.queue[k] : this.raw[this.i + k - this.queue.length];
  }
  protected take(): Raw | undefined {
    return this.queue.length ? this.queue.shift() : this.raw[this.i++];
  }
  protected skipNewlines(): void {
    while (this.peek()?.type === 'nl') this.take();
  }
  /** Take ONE character of the next word/number (TeX reads one token); the rest is read later. */
  protected takeChar(): Raw {
    const t = this.take()!;
    const m = /^.\p{M}*/su.exec(t.text)!;
    if (m[0].length === t.text.length) return t;
    this.queue.unshift(...rawTokens(t.text.slice(m[0].length), t.offset + m[0].length));
    return { type: t.type, text: m[0], offset: t.offset };
  }

  protected emit(type: Tok['type'], value: string, span: Span, raw = this.input.slice(span.start, span.end)): void {
    const sign = type === 'op' && (value === '+' || value === '-');
    this.signRun = sign ? this.signRun + 1 : 0;
    if (this.signRun > LIMITS.maxSignRun) throw new ChainruleError('NESTING_TOO_DEEP', `More than ${LIMITS.maxSignRun} signs in a row.`, span);
    this.out.push(tok(type, value, span.start, span.end, raw));
    if (this.out.length > LIMITS.maxTokens) throw new ChainruleError('INPUT_TOO_LONG', `The input has more than ${LIMITS.maxTokens} tokens.`, span);
  }
  protected last(): Tok | undefined {
    return this.out[this.out.length - 1];
  }
}

const SUP_MAP: Record<string, string> = {
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-', '⁺': '+',
};
export function supValue(text: string, span: Span): string {
  const v = [...text].map((c) => SUP_MAP[c]).join('');
  if (!/^[+-]?[0-9]+$/.test(v)) throw new ChainruleError('UNEXPECTED_TOKEN', 'A superscript must be an integer such as ² or ⁻¹.', span);
  return v.replace(/^\+/, '');
}

