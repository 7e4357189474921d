// A step label (Unicode, any language) as math-mode LaTeX that keeps every character: words in
// \text{…} (Hangul and other letters survive there; TeX specials escaped), and the math a label
// carries — σ, −1, e^(−z), ∂L/∂y, ŷ — as math (`\text{chain rule through }\sigma`). Works on the
// label text alone, so a translated label converts the same way. KaTeX-strict and amsmath-valid.
import { ACCENT_BY_MARK, fromSuperscript, fromSubscriptDigits, GREEK_BY_CHAR } from '../ast/names.js';

/** Characters that are math wherever they stand. */
const MATH_SYMBOL: Readonly<Record<string, string>> = {
  '−': '-',
  '·': '\\cdot ',
  '×': '\\times ',
  '≠': '\\neq ',
  '≤': '\\leq ',
  '≥': '\\geq ',
  '∂': '\\partial ',
  '′': "'",
  '→': '\\to ',
  '∑': '\\sum ',
  // σ (the sigmoid) and π (the constant) are not plain symbols, so names.ts's Greek table omits them
  'σ': '\\sigma ',
  'π': '\\pi ',
  'Σ': '\\Sigma ',
  '√': '\\sqrt ',
  '∞': '\\infty ',
  '∘': '\\circ ',
  '⊙': '\\odot ',
  '=': '=',
  '^': '^',
  '/': '/',
  '+': '+',
  '<': '<',
  '>': '>',
};
const SUPERSCRIPT = /[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵀ]/;
/** Superscript letters (eᵘ, Xᵀ) and brackets: what names.ts's fromSuperscript leaves alone. */
const SUPER_LETTER: Readonly<Record<string, string>> = Object.fromEntries(
  [...'ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵀ⁽⁾'].map((c, i) => [c, 'abcdefghijklmnoprstuvwxyzT()'[i]!]),
);
const SUBSCRIPT = /[₀₁₂₃₄₅₆₇₈₉]/;
/** Accented Latin letters (ŷ, x̄): decomposed into letter + combining mark. */
const ACCENTED = /[\u00c0-\u024f\u1e00-\u1eff]/;
const COMBINING = /[\u0300-\u036f]/;
const decompose = (s: string) => s.replace(new RegExp(ACCENTED.source, 'g'), (c) => c.normalize('NFD'));

function isMathChar(c: string): boolean {
  return c in MATH_SYMBOL || GREEK_BY_CHAR.has(c) || SUPERSCRIPT.test(c) || SUBSCRIPT.test(c) || (ACCENTED.test(c) && c.normalize('NFD').length > 1) || COMBINING.test(c);
}

/** Whether a space-separated word is math: it holds a math character, or is a lone operand/bracket
 * form such as `(z)` or `1` next to one (decided by the caller for digits). */
function isMathWord(w: string): boolean {
  // a lone `^` or `/` is prose punctuation; `=` and `+` stand between formulas
  return w.length > 1 ? [...w].some(isMathChar) : isMathChar(w) && w !== '^' && w !== '/';
}

/** Text for \text{}: TeX specials escaped so that pdflatex and KaTeX print them as they are. */
export function escapeText(s: string): string {
  return s.replace(/[\\{}$&#^_%~]/g, (c) =>
    c === '\\' ? '\\textbackslash{}' : c === '^' ? '\\textasciicircum{}' : c === '~' ? '\\textasciitilde{}' : `\\${c}`,
  );
}

/** Unicode math (the notation's readable form) as LaTeX: `e^(−z)` → `e^{-z}`, `σ(z)` → `\sigma(z)`. */
export function unicodeMathToLatex(s: string): string {
  const cs = [...decompose(s)];
  let out = '';
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    const next = cs[i + 1];
    if (next !== undefined && ACCENT_BY_MARK.has(next)) {
      out += `\\${ACCENT_BY_MARK.get(next)!}{${letter(c)}}`;
      i++;
    } else if (c === '^' && next === '(') {
      // a bracketed exponent loses its brackets: e^(−z) is e^{-z}
      const end = closing(cs, i + 1);
      out += `^{${unicodeMathToLatex(cs.slice(i + 2, end).join(''))}}`;
      i = end;
    } else if (c === '^' && next !== undefined) {
      out += `^{${letter(next)}}`;
      i++;
    } else if (SUPERSCRIPT.test(c)) {
      let j = i;
      while (j < cs.length && SUPERSCRIPT.test(cs[j]!)) j++;
      out += `^{${[...fromSuperscript(cs.slice(i, j).join(''))].map((x) => SUPER_LETTER[x] ?? x).join('')}}`;
      i = j - 1;
    } else if (SUBSCRIPT.test(c)) {
      let j = i;
      while (j < cs.length && SUBSCRIPT.test(cs[j]!)) j++;
      out += `_{${fromSubscriptDigits(cs.slice(i, j).join(''))}}`;
      i = j - 1;
    } else out += letter(c);
  }
  return out.replace(/ +/g, ' ').replace(/\\([a-zA-Z]+) (?=[^a-zA-Z])/g, '\\$1').trim();
}

/** One character in math. */
function letter(c: string): string {
  if (c in MATH_SYMBOL) return MATH_SYMBOL[c]!;
  const g = GREEK_BY_CHAR.get(c);
  if (g) return `\\${g} `;
  if (/[A-Za-z0-9 ().,:;|!'[\]-]/.test(c)) return c;
  if (/[{}]/.test(c)) return `\\${c}`;
  // anything else (a letter of another script inside a formula) stays readable as text
  return `\\text{${escapeText(c)}}`;
}

/** Index of the `)` closing the `(` at `open` (the end when unbalanced). */
function closing(cs: readonly string[], open: number): number {
  let depth = 0;
  for (let j = open; j < cs.length; j++) {
    if (cs[j] === '(') depth++;
    else if (cs[j] === ')' && --depth === 0) return j;
  }
  return cs.length - 1;
}

/** Split a math word from trailing prose: `σ:` → `σ` + `:`, `σ를` → `σ` + `를`. */
function peel(w: string): [string, string] {
  const cs = [...w];
  let i = cs.length;
  // trailing punctuation, and letters of a script that is neither Latin nor Greek (Hangul particles)
  while (i > 1 && (/[,.:;!?]/.test(cs[i - 1]!) || (/\p{L}/u.test(cs[i - 1]!) && !/[A-Za-z]/.test(cs[i - 1]!) && !isMathChar(cs[i - 1]!) && !ACCENTED.test(cs[i - 1]!)))) i--;
  return [cs.slice(0, i).join(''), cs.slice(i).join('')];
}

/**
 * The label in math mode. Words are text; a word holding a math character is math, with
 * neighbouring bare numbers and brackets (`−(1` … `z))/σ(z)`) joined to it, so that the math of a
 * label stays one formula.
 */
export function labelLatex(label: string): string {
  const words = label.split(/( +)/);
  // each word's kind: math, text, or space
  const kinds = words.map((w) => (/^ +$/.test(w) || w === '' ? 'space' : isMathWord(w) ? 'math' : 'text'));
  // a word of digits, brackets and single Latin letters next to math is math too (`e^u`'s `u`, `1`)
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < words.length; i++) {
      if (kinds[i] !== 'text' || !/^[0-9().,]+$|^\(?[A-Za-z]\)?[,:]?$/.test(words[i]!)) continue;
      const near = (d: number) => kinds[i + d] === 'math' || (kinds[i + d] === 'space' && kinds[i + 2 * d] === 'math');
      if (/^[0-9()]/.test(words[i]!) ? near(-1) || near(1) : near(-1) && near(1)) kinds[i] = 'math';
    }
  }
  let out = '';
  let text = '';
  let math = '';
  const flushText = () => {
    if (text) out += `\\text{${escapeText(text)}}`;
    text = '';
  };
  const flushMath = () => {
    // braced: a leading minus stays a sign (`{-1}`), not a binary minus after the text
    const m = unicodeMathToLatex(math.trim());
    if (m) out += /^[-+]/.test(m) ? `{${m}}` : m;
    math = '';
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (kinds[i] === 'space') {
      // a space between two math words is math (spacing comes from the operators); else text
      const prev = kinds[i - 1];
      const next = kinds[i + 1];
      if (prev === 'math' && next === 'math' && !text) math += ' ';
      else text += w;
    } else if (kinds[i] === 'math') {
      flushText();
      const [m, rest] = peel(w);
      math += m;
      if (rest) {
        flushMath();
        text += rest;
      }
    } else {
      flushMath();
      text += w;
    }
  }
  flushMath();
  flushText();
  return out;
}
