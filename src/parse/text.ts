// The plain-text front end: input checks → lexer (textLexer.ts) → nearley grammar (grammar/text.ne)
// → Program with spans. See docs/notation.md for the notation it reads.
import grammar from './generated/text.js';
import { checkInput } from './input.js';
import { runGrammar, type Parsed } from './program.js';
import { lexText, type LexOptions } from './textLexer.js';

export function parseTextProgram(input: string, opts: LexOptions = {}): Parsed {
  const text = checkInput(input);
  return runGrammar(grammar, lexText(text, opts), text);
}
