// Slide notation that reads two ways (docs/notation.md, "How chainrule reads what you type"):
// helpers of the plain-text lexer that find what the slides mean where it differs from the
// grammar's plain reading — refused where no reading is safe, else noted as a reading.
import type { Reading } from './readings.js';
import type { Tok } from './tokens.js';
import type { RawTok } from './userNames.js';
import { splitWord } from './words.js';

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
