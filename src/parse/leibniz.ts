// Leibniz notation in plain text (docs/notation.md#derivatives): `dL/dw`, `dy_1/dw`, `dx^2/dx`,
// `d(x^2)/dx`, `∂L/∂w`, `∂(wx)/∂w` are the derivative operator applied to the numerator — the
// same tree as `d/dw L` and LaTeX `\frac{dL}{dw}` — never the quotient d·L/(d·w). Done on the raw
// tokens before words are read: the operator's tokens (`d` `/` `dw`) are moved in front of the
// numerator, and the lexer then reads them as the operator d/dw as it always does.
import { ChainruleError } from '../errors.js';
import type { RawTok } from './userNames.js';
import { splitWord } from './words.js';

const endOf = (r: RawTok): number => r.offset + r.text.length;

/** The index after a subscript group `_1`, `_{11}`, `_hat_1` starting at k (k itself if none). */
function afterSubscript(raw: readonly RawTok[], k: number): number {
  while (raw[k]?.type === 'underscore' && endOf(raw[k - 1]!) === raw[k]!.offset) {
    if (raw[k + 1]?.type === 'lbrace') {
      let j = k + 2;
      while (j < raw.length && raw[j]!.type !== 'rbrace') j++;
      k = j + 1;
    } else if (raw[k + 1]?.type === 'word' || raw[k + 1]?.type === 'num') k += 2;
    else return k;
  }
  return k;
}

/** The index after a parenthesised group starting at k (a `(`), or -1 if it is not closed. */
function afterParens(raw: readonly RawTok[], k: number): number {
  let depth = 0;
  for (let j = k; j < raw.length; j++) {
    if (raw[j]!.type === 'lparen') depth++;
    else if (raw[j]!.type === 'rparen' && --depth === 0) return j + 1;
  }
  return -1;
}

/** The index after an exponent `^2`, `^-1`, `^k`, `^(…)` or a superscript `²` at k (k if none). */
function afterPower(raw: readonly RawTok[], k: number): number {
  if (raw[k]?.type === 'sup') return k + 1;
  if (raw[k]?.type !== 'pow') return k;
  let j = k + 1;
  if (raw[j]?.type === 'minus' || raw[j]?.type === 'plus') j++;
  if (raw[j]?.type === 'num' || raw[j]?.type === 'word') return j + 1;
  if (raw[j]?.type === 'lparen') return afterParens(raw, j) < 0 ? k : afterParens(raw, j);
  return k;
}

/** A word that is the letter d (with nothing after it) followed by one more symbol: `dw`, `dŷ`,
 * `dz1`, `dloss` with loss declared — not `delta`, `dist` declared, `d2`. Returns the rest's text. */
function dWord(t: RawTok | undefined, names: ReadonlySet<string>): string | undefined {
  if (t?.type !== 'word' || !t.text.startsWith('d') || t.text.length < 2) return undefined;
  const pieces = splitWord(t.text, t.offset, { names });
  if ('error' in pieces) return undefined;
  const p = pieces[0]!;
  if (p.kind !== 'sym' || p.base !== 'd' || p.sub || p.accent || p.end !== t.offset + 1) return undefined;
  return t.text.slice(1);
}

/** The tokens with each Leibniz derivative rewritten as the operator before its numerator. `d`
 * declared or defined by the user is a symbol: then `dL/dw` stays the quotient it spells. */
export function leibniz(raw0: RawTok[], names: ReadonlySet<string>, dIsSymbol: boolean): RawTok[] {
  const raw = dIsSymbol ? raw0 : spacedD(raw0);
  let out: RawTok[] | undefined;
  let from = 0;
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!;
    // only ∂ or a word that starts with d can start Leibniz notation
    if (t.type !== 'partial' && (t.type !== 'word' || t.text.charCodeAt(0) !== 100)) continue;
    // d²y/dx², d^2y/dx^2: a second derivative in Leibniz notation (it was read as the product d²·y/(d·x²))
    if (!dIsSymbol && t.type === 'word' && t.text === 'd' && (raw[i + 1]?.type === 'pow' || raw[i + 1]?.type === 'sup')) {
      const j = afterPower(raw, i + 1);
      const n = raw[j]?.type === 'word' ? afterPower(raw, afterSubscript(raw, j + 1)) : raw[j]?.type === 'lparen' ? afterParens(raw, j) : -1;
      if (j > i + 1 && n > 0 && raw[n]?.type === 'divide' && dWord(raw[n + 1], names) !== undefined)
        throw new ChainruleError('UNEXPECTED_TOKEN', 'A second derivative d²L/dw² is written d/dw(d/dw L) in plain text.', { start: t.offset, end: endOf(raw[afterPower(raw, afterSubscript(raw, n + 2)) - 1]!) });
    }
    let numStart: number;
    let rest: RawTok | undefined;
    let k: number;
    if (t.type === 'partial' && (raw[i + 1]?.type === 'word' || raw[i + 1]?.type === 'lparen')) {
      numStart = i + 1;
      k = raw[i + 1]!.type === 'lparen' ? afterParens(raw, i + 1) : afterPower(raw, afterSubscript(raw, i + 2));
    } else if (!dIsSymbol && t.type === 'word' && t.text === 'd' && raw[i + 1]?.type === 'lparen') {
      numStart = i + 1;
      k = afterParens(raw, i + 1);
    } else if (!dIsSymbol && raw[i - 1]?.type !== 'divide' && dWord(t, names) !== undefined) {
      numStart = i + 1;
      rest = { type: 'word', text: t.text.slice(1), offset: t.offset + 1 };
      k = afterPower(raw, afterSubscript(raw, i + 1));
    } else continue;
    if (k < 0 || raw[k]?.type !== 'divide') continue;
    // the denominator: ∂ w, or a word d w
    const partial = t.type === 'partial';
    const den = partial ? (raw[k + 1]?.type === 'partial' && raw[k + 2]?.type === 'word' ? k + 2 : -1) : dWord(raw[k + 1], names) !== undefined ? k + 1 : -1;
    if (den < 0) continue;
    const denEnd = afterSubscript(raw, den + 1);
    const span = { start: t.offset, end: endOf(raw[denEnd - 1]!) };
    if (raw[denEnd]?.type === 'pow' || raw[denEnd]?.type === 'sup')
      throw new ChainruleError('UNEXPECTED_TOKEN', 'A second derivative d²L/dw² is written d/dw(d/dw L) in plain text.', { start: t.offset, end: endOf(raw[denEnd]!) });
    if (rest) {
      const pieces = splitWord(rest.text, rest.offset, { names });
      if ('error' in pieces || pieces.length !== 1 || pieces[0]!.kind !== 'sym')
        throw new ChainruleError('BAD_NAME', `In Leibniz notation d${rest.text}/… the d is followed by one name; for a product write ${raw[k + 1]!.text[0]}/${raw[k + 1]!.text}(${rest.text}).`, span);
    }
    out ??= [];
    const op = partial ? [t, raw[k]!, ...raw.slice(k + 1, denEnd)] : [{ type: 'word', text: 'd', offset: t.offset }, raw[k]!, ...raw.slice(k + 1, denEnd)];
    out.push(...raw.slice(from, i), ...op, ...(rest ? [rest] : []), ...raw.slice(numStart, k));
    from = denEnd;
    i = denEnd - 1;
  }
  if (!out) return raw;
  out.push(...raw.slice(from));
  return out;
}

const isD = (t: RawTok | undefined): boolean => t?.type === 'word' && t.text === 'd';
/** `d` and the word after it as the one word `dw` (placed so that the name after the d keeps its
 * own offset). */
const joined = (w: RawTok): RawTok => ({ type: 'word', text: `d${w.text}`, offset: w.offset - 1 });

/** Spaces never change the meaning: `d/d w` is `d/dw`, and `d L/d w` is `dL/dw`. A lone `d`
 * followed by a word is joined to it where that makes the operator or Leibniz notation. */
function spacedD(raw: RawTok[]): RawTok[] {
  let out: RawTok[] | undefined;
  let from = 0;
  const push = (i: number, toks: RawTok[], next: number) => {
    out ??= [];
    out.push(...raw.slice(from, i), ...toks);
    from = next;
  };
  for (let i = 0; i + 1 < raw.length; i++) {
    if (!isD(raw[i]) || raw[i + 1]!.type !== 'word' || raw[i + 1]!.offset === raw[i]!.offset + 1) continue;
    // the denominator of d/d w
    if (raw[i - 1]?.type === 'divide' && isD(raw[i - 2])) {
      push(i, [joined(raw[i + 1]!)], i + 2);
      i++;
      continue;
    }
    // a numerator d L (its subscript, its power), then / d w or / dw
    const k = afterPower(raw, afterSubscript(raw, i + 2));
    const den = raw[k + 1];
    if (raw[k]?.type !== 'divide' || den?.type !== 'word' || !den.text.startsWith('d')) continue;
    const spacedDen = isD(den) && raw[k + 2]?.type === 'word';
    if (!spacedDen && den.text.length < 2) continue;
    push(i, [joined(raw[i + 1]!), ...raw.slice(i + 2, k + 1), ...(spacedDen ? [joined(raw[k + 2]!)] : [den])], spacedDen ? k + 3 : k + 2);
    i = (spacedDen ? k + 2 : k + 1);
  }
  if (!out) return raw;
  out.push(...raw.slice(from));
  return out;
}

/** `d` is the user's symbol when declared (names: ["d"]) or defined (`d = …`). */
export function dIsSymbol(raw: readonly RawTok[], names: readonly string[] = []): boolean {
  if (names.some((n) => n.trim() === 'd')) return true;
  return raw.some((t, i) => t.type === 'word' && t.text === 'd' && raw[i + 1]?.type === 'eq' && (i === 0 || raw[i - 1]!.type === 'semi' || raw[i - 1]!.type === 'nl'));
}
