// Continuation lines (docs/notation.md#definitions): slides break a long formula before a binary
// operator and indent the rest. An indented line that starts with `+` or `−` continues the
// statement above (a new line is otherwise a statement separator), as does any line that starts
// with `+`; an unindented line that starts with `−` is refused with its position, since it could
// as well be a new statement that starts with a minus.
import { ChainruleError } from '../errors.js';
import type { RawTok } from './userNames.js';

/** At the new line raw[i] (depth 0, after a statement): the index of the last new line to skip
 * when the next line continues the statement, else undefined. */
export function continuedLine(raw: readonly RawTok[], i: number, input: string): number | undefined {
  let j = i;
  while (raw[j + 1]?.type === 'nl') j++;
  const n = raw[j + 1];
  if (!n || (n.type !== 'plus' && n.type !== 'minus')) return undefined;
  const indented = input[n.offset - 1] !== '\n';
  if (indented || n.type === 'plus') return j;
  throw new ChainruleError(
    'UNEXPECTED_TOKEN',
    `This line starts with ${n.text}: indent it to continue the line above, or start a new statement with its name (L = ${n.text}…).`,
    { start: n.offset, end: n.offset + n.text.length },
  );
}
