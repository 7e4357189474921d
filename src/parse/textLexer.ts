// The plain-text lexer: moo splits the raw input; this module turns moo's tokens into grammar
// tokens — words into symbols/functions/constants (words.ts), subscripts into names, operator
// aliases (** · × ⋅ − ÷) into their ASCII operator, newlines at depth 0 into statement separators.
// It also enforces the cheap limits (depth, token count, literal size) BEFORE the Earley parser
// runs, so no input can make the parser or anything after it hang or overflow the stack.
import moo from 'moo';
import { GREEK_BY_CHAR, joinName } from '../ast/names.js';
import { ChainruleError } from '../errors.js';
import { lookupFunction } from '../functions/index.js';
import { LIMITS } from './limits.js';
import type { Reading } from './readings.js';
import { tok, type Tok } from './tokens.js';
import { checkFunctionName, definedFunctions, lettersSplit, multiLetter, nameBase, operatorNames, transpose, unknownFunction } from './userNames.js';
import { primeAdvice, splitWord, suggestFunction, type Piece } from './words.js';
import { dIsSymbol, leibniz } from './leibniz.js';
import { continuedLine } from './continuation.js';
import { indexAsLetter, layerIndex, transposeWord } from './slides.js';

// The one-character operators come first: moo looks those up by character code before it runs its
// regular expression ("fast" literals, only for rules ahead of the first regex rule). None of them
// is matched by a rule they now precede (no space, digit, letter or superscript among them), so the
// tokens are the same; `*` stays behind `**` (pow), as a second `times` rule.
const lexer = moo.compile([
  { type: 'times', match: ['\u00b7', '\u00d7', '\u22c5', '\u2219', '\u2217'] },
  { type: 'minus', match: ['-', '\u2212', '\u2013'] },
  { type: 'plus', match: '+' },
  { type: 'divide', match: ['/', '\u00f7'] },
  { type: 'lparen', match: '(' },
  { type: 'rparen', match: ')' },
  { type: 'comma', match: ',' },
  { type: 'semi', match: ';' },
  { type: 'eq', match: '=' },
  { type: 'underscore', match: '_' },
  { type: 'lbrace', match: '{' },
  { type: 'rbrace', match: '}' },
  { type: 'partial', match: '\u2202' },
  { type: 'top', match: '\u22a4' },
  // ∑ (n-ary summation) and the brackets of the indicator [j = u]
  { type: 'bigsum', match: '\u2211' },
  { type: 'lbracket', match: '[' },
  { type: 'rbracket', match: ']' },
  { type: 'ws', match: /[ \t\r\u00a0\u2000-\u200b\u202f\u205f\u3000]+/u, lineBreaks: false },
  { type: 'nl', match: /\n/u, lineBreaks: true },
  { type: 'num', match: /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/u },
  { type: 'word', match: /(?:\p{L}|[\u221a\u221b])\p{M}*(?:(?:\p{L}|[0-9\u2080-\u2089])\p{M}*)*/u },
  { type: 'sup', match: /[\u2070\u00b9\u00b2\u00b3\u2074-\u2079\u207a\u207b]+/u },
  { type: 'pow', match: ['^', '**'] },
  { type: 'times', match: '*' },
  // f'(x): the derivative of a declared function (Lagrange); ⊤ a transpose (an error for now)
  { type: 'prime', match: /['\u2032]+/u },
  { type: 'error', ...moo.error },
  // (moo reads an array of typed rules; its typings only describe the object form)
] as unknown as moo.Rules);

const OP_VALUE: Record<string, string> = {
  pow: '^', times: '*', minus: '-', plus: '+', divide: '/', lparen: '(', rparen: ')', comma: ',', eq: '=',
};

interface Raw {
  type: string;
  text: string;
  offset: number;
}

export interface LexOptions {
  /** declared multi-letter symbol names */
  readonly names?: readonly string[];
  /** declared abstract functions (`f`, `g`: d/dx g(f(x)) = g'(f(x))·f'(x)) */
  readonly functions?: readonly string[];
  /** where the lexer reports its readings (docs/notation.md#how-chainrule-reads-what-you-type) */
  readonly readings?: Reading[];
  /** where the lexer records each symbol's spelling as typed, by canonical name (first wins) */
  readonly spellings?: Map<string, string>;
}

/** State of one lexing run shared by the word readers. */
interface Ctx {
  readonly names: ReadonlySet<string>;
  readonly functions: ReadonlySet<string>;
  readonly readings: Reading[] | undefined;
}

function rawTokens(input: string): Raw[] {
  lexer.reset(input);
  const out: Raw[] = [];
  let depth = 0;
  for (const t of lexer) {
    if (t.type === 'lparen' || t.type === 'lbrace') {
      if (++depth > LIMITS.maxDepth) throw new ChainruleError('NESTING_TOO_DEEP', `Parentheses are nested more than ${LIMITS.maxDepth} deep.`, { start: t.offset, end: t.offset + 1 });
    } else if (t.type === 'rparen' || t.type === 'rbrace') depth--;
    if (t.type === 'error') throw new ChainruleError('INVALID_CHARACTER', `The character ${JSON.stringify(String.fromCodePoint(t.text.codePointAt(0)!))} is not part of the notation.`, { start: t.offset, end: t.offset + String.fromCodePoint(t.text.codePointAt(0)!).length });
    if (t.type === 'ws') continue;
    if (t.type === 'word' && t.text.length > 1 && SUB_LETTER_RUN.test(t.text)) splitSubscriptLetters(t.text, t.offset, out);
    else out.push({ type: t.type!, text: t.text, offset: t.offset });
    if (out.length > LIMITS.maxTokens) throw new ChainruleError('INPUT_TOO_LONG', `The input has more than ${LIMITS.maxTokens} tokens.`, { start: t.offset, end: t.offset + t.text.length });
  }
  return out;
}

const SUBSCRIPT_LETTERS: Readonly<Record<string, string>> = {
  'ᵢ': 'i', 'ⱼ': 'j', 'ₖ': 'k', 'ₙ': 'n', 'ₘ': 'm', 'ₜ': 't', 'ₐ': 'a', 'ₑ': 'e', 'ₒ': 'o', 'ₓ': 'x',
  'ₕ': 'h', 'ₗ': 'l', 'ₚ': 'p', 'ₛ': 's', 'ᵣ': 'r', 'ᵤ': 'u', 'ᵥ': 'v',
};
const SUB_LETTER_RUN = /(?<=.)[ᵢⱼₖₙₘₜₐₑₒₓₕₗₚₛᵣᵤᵥ]/u;

/** xᵢ, Σᵢ, xᵢyᵢ: a word with subscript letters is the word, an `_` of no width and the letters
 * (and the subscript digits after them) as a word of their own, so that xᵢ reads as x_i. */
function splitSubscriptLetters(text: string, offset: number, out: Raw[]): void {
  for (const m of text.matchAll(/([ᵢⱼₖₙₘₜₐₑₒₓₕₗₚₛᵣᵤᵥ][ᵢⱼₖₙₘₜₐₑₒₓₕₗₚₛᵣᵤᵥ\u2080-\u2089]*)|[^ᵢⱼₖₙₘₜₐₑₒₓₕₗₚₛᵣᵤᵥ]+/gu)) {
    const at = offset + m.index;
    if (m[1] === undefined || m.index === 0) {
      out.push({ type: 'word', text: m[0], offset: at });
      continue;
    }
    out.push({ type: 'underscore', text: '', offset: at });
    out.push({ type: 'word', text: [...m[1]].map((c) => SUBSCRIPT_LETTERS[c] ?? c).join(''), offset: at });
  }
}

/** Multi-letter words that start a statement and are followed by `=` are names being defined. */
function definedNames(raw: Raw[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const atStart = i === 0 || raw[i - 1]!.type === 'semi' || raw[i - 1]!.type === 'nl';
    if (!atStart || raw[i]!.type !== 'word') continue;
    let j = i + 1;
    if (raw[j]?.type === 'underscore') {
      j++;
      if (raw[j]?.type === 'lbrace') while (j < raw.length && raw[j]!.type !== 'rbrace') j++;
      j++;
    }
    // a function name stays a function, so that defining it is an error (DEFINES_CONSTANT)
    if (raw[j]?.type === 'eq' && !lookupFunction(raw[i]!.text)) names.push(raw[i]!.text);
  }
  return names;
}

export function lexText(input: string, opts: LexOptions = {}): Tok[] {
  let raw = rawTokens(input);
  const names = new Set<string>();
  // operator variables count as declared: d/dyhat((yhat - y)^2) reads yhat as one name throughout
  for (const n of [...(opts.names ?? []), ...definedNames(raw), ...operatorNames(raw)]) {
    const base = nameBase(n);
    if (multiLetter(base)) names.add(base);
  }
  const functions = new Set([...(opts.functions ?? []).map(checkFunctionName), ...definedFunctions(raw)]);
  raw = leibniz(raw, names, dIsSymbol(raw, opts.names));
  raw = layerIndex(raw, names, input, opts.readings);
  const ctx: Ctx = { names, functions, readings: opts.readings };
  const out: Tok[] = [];
  let depth = 0;
  let signRun = 0;
  let powRun = 0;
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!;
    const span = { start: t.offset, end: t.offset + t.text.length };
    signRun = t.type === 'minus' || t.type === 'plus' ? signRun + 1 : 0;
    if (signRun > LIMITS.maxSignRun) throw new ChainruleError('NESTING_TOO_DEEP', `More than ${LIMITS.maxSignRun} signs in a row.`, span);
    powRun = powerRun(powRun, raw[i - 1], t);
    if (powRun > LIMITS.maxPowerChain) throw new ChainruleError('NESTING_TOO_DEEP', `A chain of more than ${LIMITS.maxPowerChain} powers (a^b^c…) nests too deeply.`, span);
    switch (t.type) {
      case 'nl':
      case 'semi':
        if (depth === 0) {
          const c = t.type === 'nl' && out.length && out[out.length - 1]!.type !== 'sep' ? continuedLine(raw, i, input) : undefined;
          if (c !== undefined) {
            i = c;
            break;
          }
          if (out.length && out[out.length - 1]!.type !== 'sep') out.push(tok('sep', ';', t.offset, span.end, t.text));
        } else if (t.type === 'semi') {
          throw new ChainruleError('UNBALANCED_PAREN', 'A `;` inside parentheses: a parenthesis is not closed.', span);
        }
        break;
      case 'num': {
        checkNumber(t.text, span);
        out.push(tok('num', t.text, span.start, span.end, t.text));
        break;
      }
      case 'sup':
        out.push(tok('sup', supValue(t.text, span), span.start, span.end, t.text));
        break;
      case 'bigsum':
      case 'lbracket':
      case 'word':
      case 'partial': {
        const idx = indexedNotation(raw, i, out);
        if (idx !== undefined) {
          // a notation may take an opening parenthesis as its own (sum_i( is the call sum(i, …)
          for (let j = i + 1; j <= idx; j++) depth += raw[j]!.type === 'lparen' ? 1 : raw[j]!.type === 'rparen' ? -1 : 0;
          i = idx;
          break;
        }
        if (t.type === 'bigsum') throw new ChainruleError('UNEXPECTED_TOKEN', 'A ∑ names its index: ∑_i, ∑_{i=1}^{K}.', span);
        if (t.type === 'word' && t.text.startsWith('Σ')) throw new ChainruleError('UNEXPECTED_TOKEN', 'A Σ names its index: Σ_i, Σ_{i=1}^{K} (for the letter Sigma as a symbol, write Sigma).', { start: span.start, end: span.start + 1 });
        if (t.type === 'lbracket') throw new ChainruleError('UNEXPECTED_TOKEN', 'Brackets [ ] are only for the indicator [j = u]; use parentheses for grouping.', span);
        const d = derivativeOperator(raw, i, names);
        if (d) {
          out.push(d.tok);
          i = d.last;
        } else if (t.type === 'partial') {
          throw new ChainruleError('UNEXPECTED_TOKEN', 'A ∂ starts a derivative operator ∂/∂x.', span);
        } else i = word(raw, i, ctx, out);
        break;
      }
      case 'prime':
        throw new ChainruleError('UNEXPECTED_TOKEN', `A prime ${t.text} marks the derivative of a declared function, as in f'(x) with functions: ["f"].`, span);
      case 'top':
        throw transpose(span);
      case 'underscore':
        throw new ChainruleError('BAD_NAME', 'A subscript `_` must follow a symbol.', span);
      case 'lbrace':
      case 'rbrace':
        throw new ChainruleError('UNEXPECTED_TOKEN', 'Braces are only for subscripts such as x_{12}; use parentheses for grouping.', span);
      default: {
        if (t.type === 'lparen') depth++;
        else if (t.type === 'rparen') {
          depth--;
          if (depth < 0) throw new ChainruleError('UNBALANCED_PAREN', 'This `)` has no matching `(`.', span);
        }
        if (t.type === 'pow') {
          // W^T, W^⊤: a transpose, never a power of T
          const n = raw[i + 1];
          if (n && ((n.type === 'word' && (n.text === 'T' || transposeWord(n, names))) || n.type === 'top')) throw transpose({ start: span.start, end: n.type === 'word' ? n.offset + 1 : n.offset + n.text.length });
          const m = raw[i + 3];
          if (n?.type === 'lbrace' && raw[i + 2]?.text === 'T' && m?.type === 'rbrace') throw transpose({ start: span.start, end: m.offset + 1 });
        }
        out.push(tok('op', OP_VALUE[t.type]!, span.start, span.end, t.text));
      }
    }
    // counted again after words are split: a run of letters is ONE raw token but one symbol per
    // letter (xyz = x·y·z), and 100,000 letters would otherwise pass every limit
    if (out.length > LIMITS.maxTokens) {
      const over = out[LIMITS.maxTokens]!;
      throw new ChainruleError('INPUT_TOO_LONG', `The input has more than ${LIMITS.maxTokens} tokens (each letter of a run such as xyz is one symbol).`, { start: over.offset, end: over.end });
    }
  }
  if (depth > 0) {
    // point at the innermost unclosed parenthesis
    let d = 0;
    for (let k = out.length - 1; k >= 0; k--) {
      const t = out[k]!;
      if (t.value === ')' && t.type === 'op') d++;
      else if (t.value === '(' && t.type === 'op') {
        if (d === 0) throw new ChainruleError('UNBALANCED_PAREN', 'This `(` is never closed.', { start: t.offset, end: t.end });
        d--;
      }
    }
  }
  while (out.length && out[out.length - 1]!.type === 'sep') out.pop();
  if (opts.spellings) {
    for (const t of out) {
      // a layer index W^(1) (slides.ts) is spelt W_1: its span stops before the `)`
      if (t.type === 'sym' && !opts.spellings.has(t.value)) opts.spellings.set(t.value, input.slice(t.offset, t.end).includes('^') ? t.value : input.slice(t.offset, t.end));
      if (t.type === 'diff' && !opts.spellings.has(t.value)) opts.spellings.set(t.value, input.slice(t.offset, t.end).replace(/^[\s\S]*\/\s*[d∂]\s*/u, ''));
    }
  }
  return out;
}



const ATOM_END = new Set(['word', 'num', 'rparen', 'sup', 'rbrace', 'rbracket']);
const ATOM_START = new Set(['word', 'num', 'lparen']);
const CHAIN_BREAK = new Set(['plus', 'times', 'divide', 'comma', 'semi', 'nl', 'eq']);

/** Length of the current right-nested power chain `a^b^c…` (each `^` nests one level deeper);
 * a binary operator or a juxtaposition ends it. Right recursion is quadratic for the Earley
 * parser, so the chain is bounded before parsing. */
function powerRun(run: number, prev: Raw | undefined, t: Raw): number {
  if (t.type === 'pow' || t.type === 'sup') return run + 1;
  if (CHAIN_BREAK.has(t.type)) return 0;
  if (prev && ATOM_START.has(t.type) && ATOM_END.has(prev.type)) return 0;
  return run;
}

/** `d/dx`, `d/dw_1`, `∂/∂y_hat`: the derivative operator, a token of its own (docs/notation.md).
 * The whole word after `d` is ONE name (d/dlr is with respect to lr). */
function derivativeOperator(raw: Raw[], i: number, names: ReadonlySet<string>): { tok: Tok; last: number } | undefined {
  const a = raw[i]!;
  const slash = raw[i + 1];
  const b = raw[i + 2];
  if (!slash || slash.type !== 'divide' || !b) return undefined;
  let nameTok: Raw | undefined;
  let last = i + 2;
  if (a.type === 'word' && a.text === 'd' && b.type === 'word' && b.text.startsWith('d') && b.text.length > 1) {
    nameTok = { type: 'word', text: b.text.slice(1), offset: b.offset + 1 };
  } else if (a.type === 'partial' && b.type === 'partial' && raw[i + 3]?.type === 'word') {
    nameTok = raw[i + 3];
    last = i + 3;
  } else return undefined;
  const word = nameTok!;
  // the word is ONE name; its trailing digits are a subscript as anywhere else (d/da2 is d/da_2)
  const base = nameBase(word.text);
  const pieces = splitWord(word.text, word.offset, { names: multiLetter(base) ? new Set([...names, base]) : names });
  if ('error' in pieces) throw new ChainruleError('BAD_NAME', pieces.error, { start: pieces.at, end: pieces.at + pieces.len });
  let p = pieces.length === 1 ? pieces[0]! : undefined;
  if (!p || p.kind !== 'sym') throw new ChainruleError('BAD_NAME', `A derivative is taken with respect to one symbol, not ${JSON.stringify(word.text)}.`, { start: word.offset, end: word.offset + word.text.length });
  const next = raw[last + 1];
  if (next?.type === 'underscore' && next.offset === word.offset + word.text.length) {
    const sub = readSubscript(raw, last + 1);
    if ((sub.sub && p.sub) || (sub.accent && p.accent)) throw new ChainruleError('BAD_NAME', 'This symbol already has a subscript or accent.', { start: word.offset, end: sub.end });
    p = { ...p, ...(sub.accent ? { accent: sub.accent } : {}), ...(sub.sub ? { sub: sub.sub } : {}), end: sub.end };
    last = sub.lastIndex;
  }
  const name = joinName({ base: p.base, ...(p.accent ? { accent: p.accent } : {}), ...(p.sub ? { sub: p.sub } : {}) });
  return { tok: tok('diff', name, a.offset, p.end, `${a.text}/${a.text}${word.text}`), last };
}

function checkNumber(text: string, span: { start: number; end: number }): void {
  const m = /^([0-9]*)\.?([0-9]*)(?:[eE]([+-]?[0-9]+))?$/.exec(text)!;
  const digits = (m[1] ?? '').length + (m[2] ?? '').length;
  if (digits > LIMITS.maxDigits) throw new ChainruleError('EXPONENT_TOO_LARGE', `A number with more than ${LIMITS.maxDigits} digits.`, span);
  if (m[3] !== undefined && Math.abs(Number(m[3])) > LIMITS.maxDecimalExponent)
    throw new ChainruleError('EXPONENT_TOO_LARGE', `A decimal exponent beyond ±${LIMITS.maxDecimalExponent}.`, span);
}

const SUP_MAP: Record<string, string> = {
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-', '⁺': '+',
};
function supValue(text: string, span: { start: number; end: number }): string {
  const v = [...text].map((c) => SUP_MAP[c]).join('');
  if (!/^[+-]?[0-9]+$/.test(v)) throw new ChainruleError('UNEXPECTED_TOKEN', 'A superscript must be an integer such as ² or ⁻¹.', span);
  return v.replace(/^\+/, '');
}

/** Consume a word (and a following subscript) at raw[i]; push tokens; return the last raw index used. */
function word(raw: Raw[], i: number, ctx: Ctx, out: Tok[]): number {
  const t = raw[i]!;
  const next = raw[i + 1];
  const adjacent = (r: Raw | undefined, after: Raw) => r !== undefined && r.offset === after.offset + after.text.length;
  const T = t.text.indexOf('\u1d40');
  if (T >= 0) throw transpose({ start: t.offset, end: t.offset + T + 1 });
  // a declared or defined function, with primes for its derivatives: f, f'(x), g''(x)
  if (ctx.functions.has(t.text)) {
    if (next?.type === 'prime' && adjacent(next, t)) {
      out.push(tok('func', t.text + "'".repeat([...next.text].reduce((k, c) => k + (c === '″' ? 2 : 1), 0)), t.offset, next.offset + next.text.length, t.text + next.text));
      return i + 1;
    }
    out.push(tok('func', t.text, t.offset, t.offset + t.text.length, t.text));
    return i;
  }
  // leaky_relu: a registry name written with an underscore (not a subscript)
  const joined = next?.type === 'underscore' && adjacent(next, t) && raw[i + 2]?.type === 'word' && adjacent(raw[i + 2], next) ? `${t.text}_${raw[i + 2]!.text}` : undefined;
  if (joined && lookupFunction(joined)) {
    out.push(tok('func', lookupFunction(joined)!.name, t.offset, raw[i + 2]!.offset + raw[i + 2]!.text.length, joined));
    return i + 2;
  }
  const pieces = splitWord(t.text, t.offset, { names: ctx.names });
  if ('error' in pieces) throw new ChainruleError('BAD_NAME', pieces.error, { start: pieces.at, end: pieces.at + pieces.len });
  // an unknown run of 3+ letters right before `(` is almost surely a function name (sigmod, logit)
  if (next?.type === 'lparen' && adjacent(next, t)) {
    const unknown = unknownFunction(t.text, pieces, suggestFunction);
    if (unknown) throw new ChainruleError('UNKNOWN_FUNCTION', unknown, { start: t.offset, end: t.offset + t.text.length });
  }
  if (next?.type === 'prime') throw new ChainruleError('UNEXPECTED_TOKEN', primeAdvice(t.text), { start: t.offset, end: next.offset + next.text.length });
  const split = lettersSplit(t.text, t.offset, pieces);
  if (split) ctx.readings?.push(split);
  const indexed = ctx.readings ? indexAsLetter(t, pieces, raw) : undefined;
  if (indexed) ctx.readings?.push(indexed);
  let last = i;
  let subscript: ReturnType<typeof readSubscript> | undefined;
  if (next?.type === 'underscore' && next.offset === t.offset + t.text.length) {
    subscript = readSubscript(raw, i + 1);
    last = subscript.lastIndex;
  }
  pieces.forEach((p, k) => {
    const isLast = k === pieces.length - 1;
    if (isLast && subscript) {
      if (p.kind !== 'sym') throw new ChainruleError('BAD_NAME', 'A subscript `_` must follow a symbol, not a function or constant.', { start: p.start, end: subscript.end });
      if (p.sub) throw new ChainruleError('BAD_NAME', 'This symbol already has a subscript.', { start: p.start, end: subscript.end });
      if (subscript.accent && p.accent) throw new ChainruleError('BAD_NAME', 'This symbol already has an accent.', { start: p.start, end: subscript.end });
      // (not an object spread: this runs for every y_hat, w_1 of an input)
      p = { kind: 'sym', base: p.base, accent: subscript.accent ?? p.accent, sub: subscript.sub ?? p.sub, start: p.start, end: subscript.end, known: p.known };
    }
    out.push(pieceToken(p, t));
  });
  return last;
}

function pieceToken(p: Piece, t: Raw): Tok {
  const text = t.text.slice(p.start - t.offset, p.end - t.offset) || t.text;
  if (p.kind === 'func') return tok('func', p.name, p.start, p.end, text);
  if (p.kind === 'const') return tok('constant', p.name, p.start, p.end, text);
  return tok('sym', joinName({ base: p.base, ...(p.accent ? { accent: p.accent } : {}), ...(p.sub ? { sub: p.sub } : {}) }), p.start, p.end, text);
}

const ACCENT_WORDS = new Set(['hat', 'bar', 'tilde', 'dot']);

/** `_1`, `_{11}`, `_ij`, `_hat`, `_hat_1`: returns the accent/subscript and the last raw index used. */
function readSubscript(raw: Raw[], i: number): { sub?: string; accent?: string; end: number; lastIndex: number } {
  let accent: string | undefined;
  let sub: string | undefined;
  let k = i;
  let end = 0;
  while (raw[k]?.type === 'underscore') {
    const u = raw[k]!;
    const n = raw[k + 1];
    let text: string;
    if (n?.type === 'lbrace') {
      let j = k + 2;
      text = '';
      while (j < raw.length && raw[j]!.type !== 'rbrace') {
        const r = raw[j]!;
        if (r.type !== 'word' && r.type !== 'num') throw new ChainruleError('BAD_NAME', 'A subscript holds letters and digits only.', { start: r.offset, end: r.offset + r.text.length });
        text += r.text;
        j++;
      }
      if (j >= raw.length) throw new ChainruleError('UNBALANCED_PAREN', 'This `{` is never closed.', { start: n.offset, end: n.offset + 1 });
      end = raw[j]!.offset + 1;
      k = j + 1;
    } else if (n && (n.type === 'word' || n.type === 'num') && n.offset === u.offset + u.text.length) {
      text = n.text;
      end = n.offset + n.text.length;
      k += 2;
    } else {
      throw new ChainruleError('BAD_NAME', 'A subscript `_` needs letters or digits after it.', { start: u.offset, end: u.offset + 1 });
    }
    const clean = text.normalize('NFC');
    if (!/^[A-Za-z0-9\u2080-\u2089]+$/.test(clean)) throw new ChainruleError('BAD_NAME', 'A subscript holds Latin letters and digits only.', { start: u.offset, end });
    if (!/^[0-9]+$/.test(clean) && /[0-9]/.test(clean[0]!)) throw new ChainruleError('BAD_NAME', 'A subscript is digits, or letters followed by digits.', { start: u.offset, end });
    if (ACCENT_WORDS.has(clean) && !accent && !sub) accent = clean;
    else if (!sub) sub = clean.replace(/[\u2080-\u2089]/g, (c) => String(c.charCodeAt(0) - 0x2080));
    else throw new ChainruleError('BAD_NAME', 'A symbol has at most one subscript.', { start: u.offset, end });
    if (raw[k]?.type !== 'underscore' || raw[k]!.offset !== end) break;
  }
  return { ...(accent ? { accent } : {}), ...(sub ? { sub } : {}), end, lastIndex: k - 1 };
}

// ---- indexed notation (docs/architecture.md, "Indexed scalars") ----

const end = (r: Raw): number => r.offset + r.text.length;

/** Σ_i, Σ_{i=1}^{K}, ∑…, sum_i (one `sigma` token), sum(…) (the call spelling), δ_ju / δ_{ju}
 * and [j = u] (the Kronecker δ as the call kronecker(j, u)). Returns the last raw index used, or
 * undefined when raw[i] starts none of these. */
function indexedNotation(raw: Raw[], i: number, out: Tok[]): number | undefined {
  const t = raw[i]!;
  const next = raw[i + 1];
  const adjacent = next !== undefined && next.offset === end(t);
  if (t.type === 'lbracket') return indicator(raw, i, out);
  if (t.type === 'word' && t.text === 'softmax') return softmaxComponent(raw, i, out);
  if (t.type === 'word' && t.text === 'sum' && adjacent && next.type === 'lparen') {
    out.push(tok('func', 'sum', t.offset, end(t), t.text));
    return i;
  }
  const isSigma = t.type === 'bigsum' || (t.type === 'word' && (t.text === 'Σ' || t.text === 'sum'));
  if (isSigma && adjacent && next.type === 'underscore') return sigmaToken(raw, i, out);
  if (t.type === 'word' && (t.text === 'δ' || t.text === 'delta') && adjacent && next.type === 'underscore') {
    const sub = readSubscript(raw, i + 1);
    if (sub.sub && !sub.accent && /^(?=.*[a-z])[a-z0-9]{2}$/.test(sub.sub)) {
      kronecker(sub.sub[0]!, sub.sub[1]!, t.offset, sub.end, out);
      return sub.lastIndex;
    }
  }
  return undefined;
}

/** kronecker(a, b) as tokens spanning [start, stop). */
function kronecker(a: string, b: string, start: number, stop: number, out: Tok[]): void {
  const arg = (v: string) => (/^[0-9]+$/.test(v) ? tok('num', v, start, stop, v) : tok('sym', v, start, stop, v));
  out.push(tok('func', 'kronecker', start, stop, 'δ'), tok('op', '(', start, start, '('), arg(a), tok('op', ',', start, start, ','), arg(b), tok('op', ')', stop, stop, ')'));
}

/** [j = u]: the indicator of j = u, which is δ_ju. */
function indicator(raw: Raw[], i: number, out: Tok[]): number {
  const [a, eq, b, close] = [raw[i + 1], raw[i + 2], raw[i + 3], raw[i + 4]];
  const ok = (r: Raw | undefined) => r !== undefined && ((r.type === 'word' && /^[a-z]$/.test(r.text)) || (r.type === 'num' && /^[0-9]+$/.test(r.text)));
  if (!ok(a) || eq?.type !== 'eq' || !ok(b) || close?.type !== 'rbracket')
    throw new ChainruleError('UNEXPECTED_TOKEN', 'An indicator compares two indices: [j = u].', { start: raw[i]!.offset, end: end(close ?? raw[i]!) });
  kronecker(a!.text, b!.text, raw[i]!.offset, end(close!), out);
  return i + 4;
}

/** Σ_i, Σ_{i}, Σ_{i=lo}^{hi}, Σ_{i=lo}^hi: one `sigma` token whose value is `i` or `i|lo|hi`. */
function sigmaToken(raw: Raw[], i: number, out: Tok[]): number {
  const t = raw[i]!;
  const bad = (at: Raw, msg: string) => new ChainruleError('UNEXPECTED_TOKEN', msg, { start: t.offset, end: end(at) });
  let k = i + 2;
  let index: string;
  let lo: string | undefined;
  let hi: string | undefined;
  const letter = raw[k];
  if (letter?.type === 'word' && /^[a-z]$/.test(letter.text)) {
    index = letter.text;
    k++;
  } else if (letter?.type === 'lbrace') {
    const inner: Raw[] = [];
    k++;
    while (k < raw.length && raw[k]!.type !== 'rbrace') inner.push(raw[k++]!);
    if (k >= raw.length) throw bad(letter, 'This `{` is never closed.');
    k++;
    const [ix, eq, ...rest] = inner;
    if (ix?.type !== 'word' || !/^[a-z]$/.test(ix.text)) throw bad(raw[k - 1]!, 'Σ sums over one index letter: Σ_i, Σ_{i=1}^{K}.');
    index = ix.text;
    if (eq) {
      if (eq.type !== 'eq' || rest.length === 0) throw bad(raw[k - 1]!, 'Write the lower bound as Σ_{i=1}^{K}.');
      lo = rest.map((r) => r.text).join('');
    }
  } else throw bad(letter ?? raw[i + 1]!, 'Σ sums over one index letter: Σ_i, Σ_{i=1}^{K}.');
  if (lo !== undefined) {
    if (raw[k]?.type !== 'pow') throw bad(raw[k - 1]!, 'Give the upper bound too: Σ_{i=1}^{K}.');
    const h = raw[k + 1];
    if (h?.type === 'lbrace') {
      const inner: Raw[] = [];
      let j = k + 2;
      while (j < raw.length && raw[j]!.type !== 'rbrace') inner.push(raw[j++]!);
      if (j >= raw.length) throw bad(h, 'This `{` is never closed.');
      hi = inner.map((r) => r.text).join('');
      k = j + 1;
    } else if (h && (h.type === 'word' || h.type === 'num')) {
      hi = h.text;
      k += 2;
    } else throw bad(h ?? raw[k]!, 'Give the upper bound: Σ_{i=1}^{K}.');
  }
  const last = raw[k - 1]!;
  // sum_i(u)^2 is Σ_i (u)^2, the same as with a space (spaces never change the meaning): the call
  // spelling sum(i, u) sums exactly its argument
  const value = lo !== undefined && hi !== undefined ? `${index}|${lo.replace(/\u2212/g, '-')}|${hi.replace(/\u2212/g, '-')}` : index;
  out.push(tok('sigma', value, t.offset, end(last), `${t.text}_${index}`));
  return k - 1;
}

/** softmax_j(a) and softmax(a)_j: the j-th component, read as softmax(a_j) (src/functions/
 * indexed.ts). A plain softmax(…) is left to the ordinary call. */
function softmaxComponent(raw: Raw[], i: number, out: Tok[]): number | undefined {
  const t = raw[i]!;
  const r = (k: number) => raw[i + k];
  const letter = (x: Raw | undefined) => x?.type === 'word' && /^[a-z]$/.test(x.text);
  const vector = (x: Raw | undefined) => x?.type === 'word' && /^\p{L}$/u.test(x.text);
  let index: Raw;
  let name: Raw;
  let last: number;
  if (r(1)?.type === 'underscore' && letter(r(2)) && r(3)?.type === 'lparen' && vector(r(4)) && r(5)?.type === 'rparen') {
    [index, name, last] = [r(2)!, r(4)!, i + 5];
  } else if (r(1)?.type === 'lparen' && vector(r(2)) && r(3)?.type === 'rparen' && r(4)?.type === 'underscore' && letter(r(5))) {
    [index, name, last] = [r(5)!, r(2)!, i + 5];
  } else return undefined;
  const stop = end(raw[last]!);
  const base = GREEK_BY_CHAR.get(name.text) ?? name.text;
  out.push(
    tok('func', 'softmax', t.offset, end(t), t.text),
    tok('op', '(', t.offset, t.offset, '('),
    tok('sym', `${base}_${index.text}`, name.offset, end(name), name.text),
    tok('op', ')', stop, stop, ')'),
  );
  return last;
}
