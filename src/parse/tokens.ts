// Tokens shared by both grammars, and the adapter that feeds a ready token array to nearley.
// A token keeps the UTF-16 span of its text in the ORIGINAL input (no normalisation of the whole
// string happens before lexing), so every error can point at what the user typed.

export type TokType =
  | 'num' // value: decimal literal text (digits, '.', exponent)
  | 'sym' // value: canonical symbol name
  | 'func' // value: canonical function name
  | 'constant' // value: 'e' | 'pi'
  | 'sup' // value: superscript exponent as ASCII, e.g. '2', '-1'
  | 'op' // value: '+', '-', '*', '/', '^', '(', ')', ',', '=', '{', '}', '|'
  | 'sep' // value: ';' (statement separator)
  | 'diff' // value: canonical name of the variable of a derivative operator d/dx
  | 'frac' // LaTeX \frac (value '\frac'); and the other LaTeX structural tokens
  | 'sqrt'
  | 'cmd'
  | 'sigma'; // value: the bound index, or `index|lo|hi` (Σ_{i=1}^{K}); see textLexer.ts

export interface Tok {
  readonly type: TokType;
  readonly value: string;
  /** start offset in the original input (UTF-16) */
  readonly offset: number;
  /** end offset (exclusive) */
  readonly end: number;
  /** what nearley matches grammar literals against: the normalised value */
  readonly text: string;
  /** the original text as typed, for messages */
  readonly raw: string;
  // nearley's default error formatting reads these
  readonly line: number;
  readonly col: number;
}

export function tok(type: TokType, value: string, offset: number, end: number, raw: string): Tok {
  return { type, value, offset, end, text: value, raw, line: 1, col: offset + 1 };
}

/** Token classes: one grammar terminal for tokens that lead the same rule (grammar/text.ne,
 * "SPEED"), so nearley predicts one state where it predicted one per token. nearleyc compiles
 * `%leaf` to `{type: 'leaf'}`; runGrammar swaps in a matcher with this test (nearley tries a
 * symbol's `test` first). The literals match on the token's text, as nearley's "+" does. */
export const TOKEN_CLASSES: Readonly<Record<string, (t: Tok) => boolean>> = {
  leaf: (t) => t.type === 'sym' || t.type === 'constant',
  numleaf: (t) => t.type === 'num' || t.type === 'sym' || t.type === 'constant',
  sign: (t) => t.text === '+' || t.text === '-',
  addop: (t) => t.text === '+' || t.text === '-',
  mulop: (t) => t.text === '*' || t.text === '/',
};

/** nearley lexer interface over a prepared token array. */
export class ArrayLexer {
  private i = 0;
  constructor(private readonly toks: readonly Tok[]) {}
  reset(): void {
    this.i = 0;
  }
  next(): Tok | undefined {
    return this.toks[this.i++];
  }
  save(): Record<string, never> {
    return {};
  }
  formatError(t: Tok): string {
    return `Unexpected ${t.raw}`;
  }
  has(type: string): boolean {
    return ['num', 'sym', 'func', 'constant', 'sup', 'op', 'sep', 'diff', 'frac', 'sqrt', 'cmd', 'sigma'].includes(type) || type in TOKEN_CLASSES;
  }
}

/** A stand-in the generated grammar references at module load; the parse wrapper swaps in an ArrayLexer. */
export const placeholderLexer = new ArrayLexer([]);
