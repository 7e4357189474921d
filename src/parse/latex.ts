// The LaTeX front end: input checks → LaTeX lexer (latexLexer.ts) → nearley grammar
// (grammar/latex.ne) → the same Program, with spans into the original input, that the plain-text
// front end gives for the same formula. See docs/notation-latex.md for the subset it reads.
import grammar from './generated/latex.js';
import { checkInput } from './input.js';
import { lexLatexWithReadings, type LatexLexOptions } from './latexLexer.js';
import { runGrammar, type Parsed } from './program.js';
import type { Reading } from './readings.js';

export type { LatexLexOptions } from './latexLexer.js';

export function parseLatexProgram(input: string, opts: LatexLexOptions = {}): Parsed {
  const text = checkInput(input);
  const readings: Reading[] = [];
  return runGrammar(grammar, lexLatexWithReadings(text, opts, readings), text, { readings });
}
