// Tokens of the matrix notation: names (W1, W₁, β, \beta), numbers, operators in their Unicode,
// ASCII and LaTeX spellings (ᵀ ^T ^\top ', ⊙ ∘ .* \odot, ⊘ ./, ⁻¹ ^{-1}), separators ; and
// newlines. Each token keeps its span, so every reader error points into the user's text.
import { GREEK, GREEK_BY_CHAR } from '../ast/names.js';
import type { Span } from '../ast/spans.js';
import { ChainruleError } from '../errors.js';

export type TokKind = 'name' | 'num' | 'op' | 'end';
export interface Token {
  readonly kind: TokKind;
  /** canonical text: a name (W1, beta), a number, or an operator (+ - · ⊙ ⊘ / ( ) , ; = ᵀ ⁻¹ { } ^) */
  readonly text: string;
  readonly span: Span;
}

const OPS: Readonly<Record<string, string>> = {
  '+': '+', '-': '-', '−': '-', '·': '·', '*': '·', '⋅': '·', '×': '·', '⊙': '⊙', '∘': '⊙', '⊘': '⊘', '/': '/',
  '(': '(', ')': ')', ',': ',', ';': ';', '\n': ';', '=': '=', 'ᵀ': 'ᵀ', "'": 'ᵀ', '′': 'ᵀ', '{': '{', '}': '}', '^': '^',
};
const LATEX_OPS: Readonly<Record<string, string>> = {
  odot: '⊙', circ: '⊙', oslash: '⊘', cdot: '·', times: '·', top: 'T', intercal: 'T',
};
const SUB = '₀₁₂₃₄₅₆₇₈₉';

export function lex(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const push = (kind: TokKind, t: string, start: number) => out.push({ kind, text: t, span: { start, end: i } });
  while (i < text.length) {
    const ch = text[i]!;
    const start = i;
    if (ch === ' ' || ch === '\t' || ch === '\r') { i++; continue; }
    if (text.startsWith('.*', i)) { i += 2; push('op', '⊙', start); continue; }
    if (text.startsWith('./', i)) { i += 2; push('op', '⊘', start); continue; }
    if (text.startsWith('⁻¹', i)) { i += 2; push('op', '⁻¹', start); continue; }
    if (/[0-9.]/.test(ch)) {
      const m = /^(\d+(\.\d*)?|\.\d+)/.exec(text.slice(i));
      if (m) { i += m[0].length; push('num', m[0], start); continue; }
    }
    if (/[A-Za-z]/.test(ch)) {
      const m = /^[A-Za-z][A-Za-z0-9_]*/.exec(text.slice(i))!;
      i += m[0].length;
      let name = m[0];
      while (i < text.length && SUB.includes(text[i]!)) name += String(SUB.indexOf(text[i++]!));
      push('name', name, start);
      continue;
    }
    if (ch === '\\') {
      const m = /^\\([A-Za-z]+)/.exec(text.slice(i));
      if (m) {
        i += m[0].length;
        const cmd = m[1]!;
        if (cmd === 'left' || cmd === 'right') continue; // \left( … \right) are plain parentheses
        if (cmd in LATEX_OPS) { push(LATEX_OPS[cmd] === 'T' ? 'name' : 'op', LATEX_OPS[cmd]!, start); continue; }
        if (cmd in GREEK || cmd === 'sigma') { push('name', cmd === 'sigma' ? 'sigmoid' : cmd, start); continue; }
        if (['exp', 'log', 'ln', 'tanh'].includes(cmd)) { push('name', cmd, start); continue; }
        throw new ChainruleError('UNKNOWN_COMMAND', `Unknown LaTeX command \\${cmd} in a matrix expression.`, { start, end: i });
      }
    }
    if (ch === 'σ') { i++; push('name', 'sigmoid', start); continue; }
    const greek = GREEK_BY_CHAR.get(ch);
    if (greek) {
      i++;
      let name = greek;
      while (i < text.length && SUB.includes(text[i]!)) name += String(SUB.indexOf(text[i++]!));
      push('name', name, start);
      continue;
    }
    const op = OPS[ch];
    if (op) { i++; push('op', op, start); continue; }
    throw new ChainruleError('INVALID_CHARACTER', `The character ${JSON.stringify(ch)} is not part of the matrix notation.`, { start, end: start + ch.length });
  }
  out.push({ kind: 'end', text: '', span: { start: text.length, end: text.length } });
  return out;
}
