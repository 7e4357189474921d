// The plain-text front end: input checks → lexer (textLexer.ts) → nearley grammar (grammar/text.ne)
// → Program with spans. See docs/notation.md for the notation it reads.
import grammar from './generated/text.js';
import { checkInput } from './input.js';
import { runGrammar, type Parsed } from './program.js';
import { sortReadings, type Reading } from './readings.js';
import { scopeReadings } from './scopeReadings.js';
import { lexText, type LexOptions } from './textLexer.js';

export function parseTextProgram(input: string, opts: Omit<LexOptions, 'readings' | 'spellings'> = {}): Parsed {
  const text = checkInput(input);
  const readings: Reading[] = [];
  const spellings = new Map<string, string>();
  const toks = lexText(text, { ...opts, readings, spellings });
  const parsed = runGrammar(grammar, toks, text, { readings, spellings });
  // the readings of operators written without brackets (scopeReadings.ts), in input order
  const scoped = scopeReadings(parsed, toks);
  return scoped.length ? { ...parsed, readings: sortReadings([...parsed.readings, ...scoped]) } : parsed;
}
