// The middle layer of the LaTeX lexer (latexLexer.ts): reading NAMES into one `sym` token each —
// runs of letters by the one rule of words.ts, \alpha, \hat{y}, \mathrm{loss}, subscripts x_{1}
// (one character without braces, as in TeX), and the layer index W^{(1)} = W_1 (docs/notation-latex.md).
// Function names come from the registry: \mathrm{BCE} / \operatorname{BCE} via lookupFunction.
import { GREEK_BY_CHAR, joinName } from '../ast/names.js';
import type { Span } from '../ast/spans.js';
import { ChainruleError } from '../errors.js';
import { lookupFunction } from '../functions/index.js';
import { command } from './latexCommands.js';
import { LatexCursor, endOf, spanOf, type Raw } from './latexCursor.js';
import { checkFunctionName, definedFunctions, transpose, unknownFunction } from './userNames.js';
import { primeAdvice, splitWord, suggestFunction, type Piece } from './words.js';

const ACCENT_WORDS = new Set(['hat', 'bar', 'tilde', 'dot']);

export abstract class LatexNames extends LatexCursor {
  protected readonly names = new Set<string>();
  protected readonly functions: ReadonlySet<string>;

  constructor(input: string, declared: readonly string[], functions: readonly string[] = []) {
    super(input);
    this.functions = new Set([...functions.map(checkFunctionName), ...definedFunctions(this.raw)]);
    for (const n of [...declared, ...this.declaredNames()]) {
      const base = n.normalize('NFC').split('_')[0]!;
      if (base.length > 1 && /^\p{L}+$/u.test(base)) this.names.add(base);
    }
  }

  /** Multi-letter names: declared, defined (`loss = …` at a statement start) or written \mathrm{loss}. */
  private declaredNames(): string[] {
    const names: string[] = [];
    const raw = this.raw;
    for (let i = 0; i < raw.length; i++) {
      const t = raw[i]!;
      const p = raw[i - 1];
      const afterBegin = p?.type === 'rbrace' && (raw[i - 4]?.text === '\\begin' || raw[i - 5]?.text === '\\begin');
      const atStart = !p || p.type === 'semi' || p.type === 'nl' || (p.type === 'cmd' && p.text === '\\\\') || afterBegin;
      // a function name stays a function, so that defining it is an error (as in textLexer.ts)
      const defined = raw[i + 1]?.type === 'eq' || raw[i + 1]?.type === 'amp';
      if (atStart && t.type === 'word' && defined && !lookupFunction(t.text)) names.push(t.text);
      if (t.type === 'cmd' && command(t.text.slice(1))?.kind === 'name' && raw[i + 1]?.type === 'lbrace' && raw[i + 2]?.type === 'word' && raw[i + 3]?.type === 'rbrace') {
        const w = raw[i + 2]!.text;
        if (!lookupFunction(w) && w !== 'pi') names.push(w.replace(/[0-9]+$/, ''));
      }
    }
    return names;
  }
  /** A run of letters: split by the one rule of words.ts; the last piece may take _ and ^{(n)}. */
  protected word(t: Raw): void {
    const T = t.text.indexOf('\u1d40');
    if (T >= 0) throw transpose({ start: t.offset, end: t.offset + T + 1 });
    // a declared function, with primes for its derivatives: f, f'(x)
    if (this.functions.has(t.text)) {
      const n = this.peek();
      if (n?.type === 'prime' && n.offset === endOf(t)) {
        this.take();
        return this.emit('func', t.text + "'".repeat(n.text.length), { start: t.offset, end: endOf(n) });
      }
      return this.emit('func', t.text, spanOf(t));
    }
    const pieces = splitWord(t.text, t.offset, { names: this.names });
    if ('error' in pieces) throw new ChainruleError('BAD_NAME', pieces.error, { start: pieces.at, end: pieces.at + pieces.len });
    const next = this.peek();
    const letters = pieces.every((p) => p.kind === 'sym' && !p.known && !p.sub && !p.accent);
    const opens = next && next.offset === endOf(t) && (next.type === 'lparen' || (next.type === 'cmd' && next.text === '\\left'));
    if (opens && ((letters && pieces.length >= 3) || unknownFunction(t.text, pieces, suggestFunction))) {
      const guess = suggestFunction(t.text);
      throw new ChainruleError('UNKNOWN_FUNCTION', `Unknown function ${t.text}${guess ? `; did you mean ${latexSpelling(guess)}?` : '. Write a product with \\cdot or spaces, or \\mathrm{…} for a name.'}`, spanOf(t));
    }
    if (next?.type === 'prime') throw new ChainruleError('UNEXPECTED_TOKEN', primeAdvice(t.text), { start: t.offset, end: endOf(next) });
    pieces.forEach((p, k) => {
      if (k === pieces.length - 1 && p.kind === 'sym') return this.symbol(p.base, p.accent, p.sub, { start: p.start, end: p.end });
      this.piece(p);
    });
  }
  protected piece(p: Piece): void {
    const span = { start: p.start, end: p.end };
    if (p.kind === 'func') return this.emit('func', p.name, span);
    if (p.kind === 'const') return this.emit('constant', p.name, span);
    this.emit('sym', joinName({ base: p.base, ...(p.accent ? { accent: p.accent } : {}), ...(p.sub ? { sub: p.sub } : {}) }), span);
  }
  /** One character read as an argument (e^x, \frac ab): a name without subscript or index. */
  protected singleLetter(c: Raw): void {
    const pieces = splitWord(c.text, c.offset, { names: new Set() });
    if ('error' in pieces) throw new ChainruleError('BAD_NAME', pieces.error, { start: pieces.at, end: pieces.at + pieces.len });
    pieces.forEach((p) => this.piece(p));
  }
  /** Emit a symbol after reading what may follow it: `_1`, `_{ij}`, and the layer index ^{(1)}. */
  protected symbol(base: string, accent: string | undefined, sub: string | undefined, span: Span): void {
    let end = span.end;
    let index = false;
    for (;;) {
      const n = this.peek();
      if (n?.type === 'underscore') {
        const s = this.subscript();
        const whole = { start: span.start, end: s.end };
        if (index) throw new ChainruleError('UNSUPPORTED_INDEX', 'A symbol with a layer index ^{(n)} cannot also take a subscript: name the layers by different letters instead (w_{ik} for layer 1, v_{ji} for layer 2).', whole);
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
        if (sub) throw new ChainruleError('UNSUPPORTED_INDEX', `This symbol already has a subscript, so the layer index ${this.input.slice(idx.start, idx.end)} cannot be added: name the layers by different letters instead (w_{ik} for layer 1, v_{ji} for layer 2).`, { start: span.start, end: idx.end });
        sub = idx.sub;
        index = true;
        end = idx.end;
      } else break;
    }
    const s = { start: span.start, end };
    this.emit('sym', joinName({ base, ...(accent ? { accent } : {}), ...(sub ? { sub } : {}) }), s);
  }
  /** `_1`, `_i`, `_{12}`, `_{ij}`, `_{hat}` (as in plain text). One character without braces. */
  protected subscript(): { sub?: string; accent?: string; end: number } {
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
  /** \hat{y}, \hat y, \bar{x}, \hat{\beta}, \hat{y}_1, \hat{y_1}: ONE symbol y_hat, beta_hat, y_hat_1. */
  protected accent(t: Raw, accent: string): void {
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
  protected name(t: Raw, operator: boolean): void {
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
}

/** How to write a registry function in LaTeX: its own command (\\sigma, \\log) or \\operatorname{…}. */
function latexSpelling(spelling: string): string {
  const spec = lookupFunction(spelling);
  return spec && /^\\[A-Za-z]+$/.test(spec.latex) ? spec.latex : `\\operatorname{${spelling}}`;
}

