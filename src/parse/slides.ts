// Slide notation that reads two ways (docs/notation.md, "How chainrule reads what you type"):
// helpers of the plain-text lexer that find what the slides mean where it differs from the
// grammar's plain reading — refused where no reading is safe, else noted as a reading.
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
