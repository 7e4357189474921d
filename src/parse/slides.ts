// Slide notation that reads two ways (docs/notation.md, "How chainrule reads what you type"):
// helpers of the plain-text lexer that find what the slides mean where it differs from the
// grammar's plain reading — refused where no reading is safe, else noted as a reading.
import { ChainruleError } from '../errors.js';
import type { Reading } from './readings.js';
import type { Tok } from './tokens.js';
import type { RawTok } from './userNames.js';
import { splitWord, type Piece } from './words.js';

/** `w^Tx`, `W^Tx`: after `^`, a word that starts with the letter T followed by more letters is
 * the transpose wᵀ times x (as `w^T x` is), not the power w^T times x. */
export function transposeWord(n: RawTok, names: ReadonlySet<string>): boolean {
  if (n.type !== 'word' || !n.text.startsWith('T') || n.text.length < 2) return false;
  const pieces = splitWord(n.text, n.offset, { names });
  if ('error' in pieces || pieces.length < 2) return false;
  const p = pieces[0]!;
  return p.kind === 'sym' && p.base === 'T' && !p.sub && !p.accent && p.end === n.offset + 1;
}

/** Names defined by the program (`h = …` at a statement start), from the grammar's tokens. */
export function definedSymbols(toks: readonly Tok[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < toks.length; i++) {
    const t = toks[i]!;
    if (t.type === 'sym' && (i === 0 || toks[i - 1]!.type === 'sep') && toks[i + 1]!.type === 'op' && toks[i + 1]!.value === '=') out.add(t.value);
  }
  return out;
}

/** IMPLICIT_PRODUCT_BEFORE_PAREN for a DEFINED name used as a function of its inputs, `h(x)` with
 * h = σ(wx + b): noted even though h also stands alone (its definition), since `(x)` holds only
 * symbols — the slide's function notation, not a factor such as y(1 − y). */
export function definedProduct(toks: readonly Tok[], i: number, defined: ReadonlySet<string>, input: string): Reading | undefined {
  const t = toks[i]!;
  if (!defined.has(t.value)) return undefined;
  let k = i + 2;
  while (toks[k]?.type === 'sym' && toks[k + 1]?.type === 'op' && toks[k + 1]!.value === ',') k += 2;
  const close = toks[k + 1];
  if (toks[k]?.type !== 'sym' || close?.type !== 'op' || close.value !== ')') return undefined;
  const h = input.slice(t.offset, t.end);
  return {
    code: 'IMPLICIT_PRODUCT_BEFORE_PAREN',
    span: { start: t.offset, end: close.end },
    read: `${h}·(…)`,
    alternative: `${h} is a defined name and already stands for its definition: write ${h} alone, or define a function (${h}(x) = …)`,
    message: `${h} is a defined name, so ${h}(…) was read as the product ${h}·(…), not ${h} applied to its arguments; write ${h} alone for what it stands for.`,
  };
}

/** The alternative of IMPLICIT_PRODUCT_BEFORE_PAREN for a name that cannot be declared as a
 * function as typed (φ, g_1, ŷ): declare a Latin spelling and write that. */
export function functionAlternative(raw: string, canonical: string): string {
  if (/^[A-Za-z][A-Za-z0-9]*$/.test(raw)) return `for a function, declare it (functions: ["${raw}"], CLI --functions ${raw}) or define it (${raw}(x) = …)`;
  const latin = canonical.replace(/_/g, '');
  return `for a function, use a Latin name: declare ${latin} (functions: ["${latin}"]) or define it (${latin}(x) = …), and write ${latin}(…)`;
}

const INDEX_LETTER = /^[A-Za-z][ijk]$/;

/** Does the input index things: a letter subscript (`x_i`, `xᵢ`), a Σ, `i` alone, or another
 * letter-and-index run (`yi`)? Then `xi` is more likely x_i than the Greek ξ. */
function indexes(raw: readonly RawTok[]): boolean {
  return raw.some(
    (r, k) =>
      r.type === 'bigsum' ||
      (r.type === 'word' && (/^[ijk]$/.test(r.text) || r.text === 'Σ' || (INDEX_LETTER.test(r.text) && r.text !== 'xi'))) ||
      (r.type === 'underscore' && raw[k + 1]?.type === 'word' && /^[ijk]/.test(raw[k + 1]!.text)),
  );
}

/** INDEX_AS_LETTER: the plain-text spellings of x_i and y_i that read as something else — `xi`
 * is the Greek ξ (noted when the input indexes things), `yi`, `wj` are the products y·i, w·j. */
export function indexAsLetter(t: RawTok, pieces: readonly Piece[], raw: readonly RawTok[]): Reading | undefined {
  const span = { start: t.offset, end: t.offset + t.text.length };
  const two = INDEX_LETTER.test(t.text) && pieces.length === 2 && pieces.every((p) => p.kind === 'sym' && !p.known);
  if (two) {
    const [a, i] = [t.text[0]!, t.text[1]!];
    return {
      code: 'INDEX_AS_LETTER',
      span,
      read: `${a}·${i}`,
      alternative: `for ${a} with the index ${i}, write ${a}_${i}`,
      message: `${t.text} was read as the product ${a}·${i}; for ${a} indexed by ${i} write ${a}_${i}.`,
    };
  }
  const xi = pieces.find((p) => p.kind === 'sym' && p.base === 'xi' && t.text.slice(p.start - t.offset, p.end - t.offset) === 'xi');
  if (!xi || !indexes(raw)) return undefined;
  return {
    code: 'INDEX_AS_LETTER',
    span: { start: xi.start, end: xi.end },
    read: 'ξ',
    alternative: 'for x with the index i, write x_i',
    message: 'xi was read as the Greek letter ξ (xi); for x indexed by i write x_i.',
  };
}

/** The layer superscript of the notes in plain text, `W^(1)`, `a^(l)`, `W^{(1)}`: on a symbol
 * (not a number, bracket, constant or function) a parenthesised integer or letter is the layer
 * index W_1, as LaTeX `W^{(1)}` is read (docs/notation-latex.md#the-layer-index) — rewritten on
 * the raw tokens as a subscript, with a LAYER_INDEX reading. On a symbol that already has a
 * subscript it is UNSUPPORTED_INDEX, as in LaTeX. */
export function layerIndex(raw: RawTok[], names: ReadonlySet<string>, input: string, readings: Reading[] | undefined): RawTok[] {
  let out: RawTok[] | undefined;
  let from = 0;
  for (let i = 1; i < raw.length; i++) {
    const p = raw[i]!;
    const b = raw[i - 1]!;
    if (p.type !== 'pow') continue;
    const braced = raw[i + 1]?.type === 'lbrace';
    const o = i + (braced ? 2 : 1);
    const x = raw[o + 1];
    const close = raw[o + 2];
    if (raw[o]?.type !== 'lparen' || close?.type !== 'rparen' || (braced && raw[o + 3]?.type !== 'rbrace')) continue;
    if (!x || !((x.type === 'num' && /^[0-9]+$/.test(x.text)) || (x.type === 'word' && /^[a-z]$/.test(x.text)))) continue;
    const last = braced ? o + 3 : o + 2;
    const whole = { start: p.offset, end: raw[last]!.offset + raw[last]!.text.length };
    // the base: the last piece of a word, a symbol without a subscript
    const subscripted = b.type === 'rbrace' || ((b.type === 'num' || b.type === 'word') && raw[i - 2]?.type === 'underscore');
    let base: string | undefined;
    if (!subscripted && b.type === 'word') {
      const pieces = splitWord(b.text, b.offset, { names });
      const q = 'error' in pieces ? undefined : pieces[pieces.length - 1];
      if (q?.kind !== 'sym') continue;
      if (q.sub) throw new ChainruleError('UNSUPPORTED_INDEX', `This symbol already has a subscript, so the layer index ${input.slice(whole.start, whole.end)} cannot be added: name the layers by different letters instead (w_ik for layer 1, v_ji for layer 2).`, { start: q.start, end: whole.end });
      base = input.slice(q.start, q.end);
    } else if (subscripted) {
      throw new ChainruleError('UNSUPPORTED_INDEX', `This symbol already has a subscript, so the layer index ${input.slice(whole.start, whole.end)} cannot be added: name the layers by different letters instead (w_ik for layer 1, v_ji for layer 2).`, whole);
    } else continue;
    out ??= [];
    // an `_` from the end of the base to the index (spaces included: `W ^(1)` is `W^(1)`)
    const at = b.offset + b.text.length;
    out.push(...raw.slice(from, i), { type: 'underscore', text: input.slice(at, x.offset), offset: at }, x);
    from = last + 1;
    i = last;
    readings?.push({
      code: 'LAYER_INDEX',
      span: { start: b.offset, end: whole.end },
      read: `${base}_${x.text}`,
      alternative: `for a power, write ${base}^${x.text}`,
      message: `${base}${input.slice(whole.start, whole.end)} was read as the layer index ${base}_${x.text} (as LaTeX ${base}^{(${x.text})}), not a power; for a power write ${base}^${x.text}.`,
    });
  }
  if (!out) return raw;
  out.push(...raw.slice(from));
  return out;
}
