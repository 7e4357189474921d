// What the user names, found before the words are read (plain text): names being defined
// (`loss = …`), functions being defined (`g(y) = …`) or declared (`functions: ["f", "g"]`), and
// the variables of derivative operators (`d/dyhat`, `∂/∂a2`) — so that the operator, `wrt`, `at`,
// definitions and the body read one symbol with one spelling. Also builds the word readings.
import { ChainruleError } from '../errors.js';
import { isRegistered, lookupFunction } from '../functions/index.js';
import type { Reading } from './readings.js';
import type { Piece } from './words.js';

export interface RawTok {
  type: string;
  text: string;
  offset: number;
}

/** The base letters of a word that names one symbol: `a2` → `a`, `yhat` → `yhat`, `w₁` → `w`. */
export function nameBase(word: string): string {
  return word.normalize('NFC').split('_')[0]!.replace(/[0-9\u2080-\u2089]+$/u, '');
}

/** Multi-letter bases worth declaring as names (single letters need no declaration). */
export function multiLetter(base: string): boolean {
  return base.length > 1 && /^\p{L}+$/u.test(base);
}

/** After `;`, a new line, or LaTeX's line break `\\`. */
const atStatementStart = (raw: readonly RawTok[], i: number) =>
  i === 0 || raw[i - 1]!.type === 'semi' || raw[i - 1]!.type === 'nl' || (raw[i - 1]!.type === 'cmd' && raw[i - 1]!.text === '\\\\');

/** Variables of derivative operators: `d/dyhat`, `∂/∂lr` (the word after the second d/∂). */
export function operatorNames(raw: readonly RawTok[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 2 < raw.length; i++) {
    const a = raw[i]!;
    const b = raw[i + 2]!;
    if (raw[i + 1]!.type !== 'divide') continue;
    if (a.type === 'word' && a.text === 'd' && b.type === 'word' && b.text.startsWith('d') && b.text.length > 1) out.push(b.text.slice(1));
    else if (a.type === 'partial' && b.type === 'partial' && raw[i + 3]?.type === 'word') out.push(raw[i + 3]!.text);
  }
  return out;
}

/** Functions defined with parameters at a statement start: `g(y) = …`, `f(x, w) = …`. A registry
 * name is left out (it stays the registry function, and defining it is DEFINES_CONSTANT). */
export function definedFunctions(raw: readonly RawTok[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (!atStatementStart(raw, i) || raw[i]!.type !== 'word' || raw[i + 1]?.type !== 'lparen') continue;
    let j = i + 2;
    while (raw[j]?.type === 'word' || raw[j]?.type === 'comma' || raw[j]?.type === 'underscore' || raw[j]?.type === 'num') j++;
    if (raw[j]?.type === 'rparen' && raw[j + 1]?.type === 'eq' && !lookupFunction(raw[i]!.text)) out.push(raw[i]!.text);
  }
  return out;
}

/** Check a declared or defined function name: ASCII letters then digits, not a registry function. */
export function checkFunctionName(name: string): string {
  const n = name.trim();
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(n) || n === 'e' || n === 'd')
    throw new ChainruleError('BAD_NAME', `${JSON.stringify(name)} cannot name a function: use Latin letters (then digits), not e or d.`);
  if (lookupFunction(n) || isRegistered(n)) throw new ChainruleError('DEFINES_CONSTANT', `${n} is already a built-in function.`);
  return n;
}

/** LETTERS_SPLIT: a run of three or more letters read as a product of two or more one-letter
 * symbols (`yhat` → y·h·a·t). Two-letter runs (`wx`) are the course's own products: not noted. */
export function lettersSplit(word: string, offset: number, pieces: readonly Piece[]): Reading | undefined {
  const letters = word.replace(/[0-9\u2080-\u2089]/gu, '');
  const singles = pieces.filter((p) => (p.kind === 'sym' && !p.known) || p.kind === 'const');
  if ([...letters].length < 3 || pieces.length < 2 || singles.length < 2) return undefined;
  // σwx is σ(w)·x, not a product with σ in it: the FUNCTION_SCOPE reading says so (scopeReadings.ts)
  if (pieces.slice(0, -1).some((p) => p.kind === 'func')) return undefined;
  const read = pieces.map((p) => (p.kind === 'sym' ? word.slice(p.start - offset, p.end - offset) : p.kind === 'const' ? p.name : p.name)).join('·');
  const base = nameBase(word);
  return {
    code: 'LETTERS_SPLIT',
    span: { start: offset, end: offset + word.length },
    read,
    alternative: `declare ${base} as a name (names: ["${base}"], CLI --vars ${base})`,
    message: `${word} was read as the product ${read}; to mean one symbol, declare ${base} as a name.`,
  };
}

/** UNKNOWN_FUNCTION for a run of three or more letters right before `(` that is not a known
 * function — also when a prefix is one (`logit` = log·i·t, `exponent` = e·x·p·…). */
export function unknownFunction(word: string, pieces: readonly Piece[], suggest: (w: string) => string | undefined): string | undefined {
  const last = pieces[pieces.length - 1];
  const letters = [...word].filter((c) => /\p{L}/u.test(c)).length;
  if (!last || last.kind === 'func' || (last.kind === 'sym' && (last.known || last.sub || last.accent)) || letters < 3 || pieces.length < 2) return undefined;
  const guess = suggest(word);
  if (guess) return `Unknown function ${word}; did you mean ${guess}?`;
  return `Unknown function ${word}. To use your own, define it (${word}(x) = …) or declare it (functions: ["${word}"]); for a product write * or spaces.`;
}

/** TRANSPOSE_NOT_SCALAR: W^T, Wᵀ, W^⊤ (and LaTeX W^\top, W^{T}) are a transpose, never a power. */
export function transpose(span: { start: number; end: number }): ChainruleError {
  return new ChainruleError('TRANSPOSE_NOT_SCALAR', 'This is a transpose (Wᵀ), not a power: matrices are not supported yet, so a transpose cannot be used in a scalar expression.', span);
}
