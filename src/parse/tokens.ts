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
  | 'sigma' // value: the bound index, or `index|lo|hi` (Σ_{i=1}^{K}); see textLexer.ts
  | 'jux'; // no text: where a factor ends and the next begins (juxtaposed), see withJuxtapositions

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
    return ['num', 'sym', 'func', 'constant', 'sup', 'op', 'sep', 'diff', 'frac', 'sqrt', 'cmd', 'sigma', 'jux'].includes(type) || type in TOKEN_CLASSES;
  }
}

/** A stand-in the generated grammar references at module load; the parse wrapper swaps in an ArrayLexer. */
export const placeholderLexer = new ArrayLexer([]);

/** The one `jux` token (nearley only compares its type; no action reads it). */
export const JUX: Tok = Object.freeze(tok('jux', '', 0, 0, ''));
/** A token that can end a factor (a number, name, superscript, `)`, `}`, `\rvert`), and one that
 * can begin a factor or a Σ but is not a number (a juxtaposed number is never grammatical). */
const endsFactor = (t: Tok): boolean => t.type === 'sym' || t.type === 'num' || t.type === 'constant' || t.type === 'sup' || t.text === ')' || t.text === '}' || t.text === '\\rvert';
const startsFactor = (t: Tok): boolean =>
  t.type === 'sym' || t.type === 'constant' || t.type === 'func' || t.type === 'diff' || t.type === 'sigma' || t.type === 'frac' || t.type === 'sqrt' || t.text === '(' || t.text === '\\lvert';

/** The tokens nearley reads: a `jux` between every end of a factor and start of the next. In both
 * grammars such a pair can only meet where a product continues by juxtaposition (Implicit FactorNN)
 * or takes a Σ (Implicit SigmaApp), and those rules read `%jux` there; so nearley predicts the next
 * factor only where one follows, not after every factor (the trees are the same, and a `jux` that
 * cannot be read fails exactly where the token after it failed before: runGrammar reports that
 * token). Returns the same array when nothing is juxtaposed. */
export function withJuxtapositions(toks: readonly Tok[]): readonly Tok[] {
  let out: Tok[] | undefined;
  for (let i = 1; i < toks.length; i++) {
    if (startsFactor(toks[i]!) && endsFactor(toks[i - 1]!)) {
      out ??= toks.slice(0, i);
      out.push(JUX);
    }
    out?.push(toks[i]!);
  }
  return out ?? toks;
}
