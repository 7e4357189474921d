// Reading a run of letters into names: the ONE rule for implicit multiplication of letters
// (docs/notation.md#names). Scanning left to right, take the longest KNOWN name that starts here
// (a function spelling, a Greek letter name, a declared or defined name), else one letter with
// its accents; digits right after a symbol are its subscript (w1 = w_1, x₂ = x_2).
import { ACCENT_BY_MARK, GREEK, GREEK_BY_CHAR, fromSubscriptDigits } from '../ast/names.js';
import { FUNCTION_SPELLINGS, lookupFunction } from '../functions/index.js';

export type Piece =
  | { kind: 'func'; name: string; start: number; end: number }
  | { kind: 'const'; name: 'e' | 'pi'; start: number; end: number }
  | { kind: 'sym'; base: string; accent?: string; sub?: string; start: number; end: number; known: boolean };

/** Known spellings by first character: the scan below tries only those that can match here. */
interface Known {
  readonly text: string;
  readonly kind: 'func' | 'greek' | 'pi';
}
const BUILTIN = new Map<string, Known[]>();
function addKnown(k: Known): void {
  const list = BUILTIN.get(k.text[0]!) ?? [];
  list.push(k);
  BUILTIN.set(k.text[0]!, list);
}
for (const f of FUNCTION_SPELLINGS) if (f.length > 1 || !/[a-z]/i.test(f)) addKnown({ text: f, kind: 'func' });
for (const g of Object.keys(GREEK)) addKnown({ text: g, kind: 'greek' });
addKnown({ text: 'pi', kind: 'pi' });
addKnown({ text: 'π', kind: 'pi' });

export interface WordContext {
  /** declared multi-letter names (canonical base words) */
  readonly names: ReadonlySet<string>;
}

function isDigit(ch: string): boolean {
  return (ch >= '0' && ch <= '9') || (ch >= '₀' && ch <= '₉');
}
function isMark(ch: string): boolean {
  // no combining mark lies below U+0300 (most letters typed are ASCII)
  return ch.charCodeAt(0) >= 0x300 && /\p{M}/u.test(ch);
}

/** Split one word (letters, marks, digits) starting at `offset` of the input into pieces. */
export function splitWord(word: string, offset: number, ctx: WordContext): Piece[] | { error: string; at: number; len: number } {
  const out: Piece[] = [];
  let i = 0;
  const known = ctx.names.size ? [...ctx.names].sort((a, b) => b.length - a.length) : [];
  while (i < word.length) {
    const start = offset + i;
    // longest known spelling that starts here and is not followed by a combining mark
    let best: { text: string; kind: 'func' | 'greek' | 'name' | 'pi' } | undefined;
    const fits = (text: string): boolean => {
      if ((best && best.text.length >= text.length) || !word.startsWith(text, i)) return false;
      const after = word[i + text.length];
      return after === undefined || !isMark(after);
    };
    for (const n of known) if (fits(n)) best = { text: n, kind: 'name' };
    const builtins = BUILTIN.get(word[i]!);
    if (builtins) for (const k of builtins) if (fits(k.text)) best = { text: k.text, kind: k.kind };
    if (best) {
      const end = start + best.text.length;
      i += best.text.length;
      if (best.kind === 'func') out.push({ kind: 'func', name: lookupFunction(best.text)!.name, start, end });
      else if (best.kind === 'pi') out.push({ kind: 'const', name: 'pi', start, end });
      else if (best.kind === 'greek') out.push({ kind: 'sym', base: GREEK_BY_CHAR.get(GREEK[best.text]!) ?? best.text, start, end, known: true });
      else out.push({ kind: 'sym', base: best.text, start, end, known: true });
    } else {
      const ch = word[i]!;
      if (isDigit(ch)) return { error: 'A number cannot follow a function name directly; use parentheses.', at: start, len: 1 };
      i++;
      let accent: string | undefined;
      while (i < word.length && isMark(word[i]!)) {
        const a = ACCENT_BY_MARK.get(word[i]!);
        if (!a || accent) return { error: `The accent U+${word.codePointAt(i)!.toString(16).toUpperCase().padStart(4, '0')} is not supported (only hat, bar, tilde and dot, once).`, at: offset + i, len: 1 };
        accent = a;
        i++;
      }
      // precomposed letters with an accent (ŷ, ȳ, ỹ, ẏ) decompose to letter + mark
      let base = ch;
      const nfd = ch.charCodeAt(0) < 0x80 ? ch : ch.normalize('NFD');
      if (nfd.length > 1) {
        const a = ACCENT_BY_MARK.get(nfd.slice(1));
        if (!a || accent || nfd.length !== 2) return { error: `The letter ${ch} is not supported; write its accent with _hat, _bar, _tilde or _dot.`, at: start, len: 1 };
        base = nfd[0]!;
        accent = a;
      }
      const end = offset + i;
      if (GREEK_BY_CHAR.has(base)) base = GREEK_BY_CHAR.get(base)!;
      else if (base === 'σ' || base === 'π') {
        if (accent) return { error: `${base} cannot carry an accent.`, at: start, len: end - start };
        out.push(base === 'σ' ? { kind: 'func', name: 'sigmoid', start, end } : { kind: 'const', name: 'pi', start, end });
        continue;
      } else if (!/^[A-Za-z]$/.test(base)) {
        return { error: `The letter ${ch} is not part of the notation (Latin and Greek letters only).`, at: start, len: end - start };
      }
      if (base === 'e' && !accent) {
        out.push({ kind: 'const', name: 'e', start, end });
        continue;
      }
      out.push({ kind: 'sym', base, ...(accent ? { accent } : {}), start, end, known: false });
    }
    // digits after a symbol are its subscript
    const last = out[out.length - 1]!;
    if (last.kind === 'sym') {
      let j = i;
      while (j < word.length && isDigit(word[j]!)) j++;
      if (j > i) {
        out[out.length - 1] = { ...last, sub: fromSubscriptDigits(word.slice(i, j)), end: offset + j };
        i = j;
      }
    } else if (i < word.length && isDigit(word[i]!)) {
      return { error: `Digits cannot follow ${last.kind === 'func' ? 'a function name' : 'a constant'} directly; write a multiplication or parentheses.`, at: offset + i, len: 1 };
    }
  }
  return out;
}

/** Edit distance counting a swap of neighbours as one edit (optimal string alignment), for
 * "did you mean": `lgo` is one edit from `log`. Inputs are short words. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest function spelling to `word`, if it is close enough to be a likely typo. */
export function suggestFunction(word: string): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const f of FUNCTION_SPELLINGS) {
    if (!/^[A-Za-z0-9]+$/.test(f)) continue;
    const d = editDistance(word.toLowerCase(), f.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = f;
    }
  }
  // within 2 edits, and not more than a third of the word changed
  return best !== undefined && bestD <= 2 && bestD <= Math.ceil(word.length / 3) ? best : undefined;
}

/** The error for `f'(x)` where f is not a declared function: a built-in one (σ, log) cannot be
 * declared (BAD_NAME), so it is told to write d/dx(…) instead. */
export function primeAdvice(name: string): string {
  const spec = lookupFunction(name);
  if (spec) return `${name} is a built-in function, and a prime marks the derivative of a declared function only: write its derivative as d/dx ${name}(x) (the variable yours).`;
  return `A prime marks the derivative of a declared function: declare ${name} (functions: ["${name}"]) to write ${name}'(x).`;
}
