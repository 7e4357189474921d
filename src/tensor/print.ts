// Printing MatExpr in Unicode (`Xᵀ ∂L/∂a`, `S ⊙ (1 − S)`) and LaTeX (KaTeX-valid). Reads only the
// types of the tree, so it may move to src/render unchanged. Parentheses follow one precedence
// table; `unicode` reads back through read.ts to the same tree, except the nodes the reader makes
// itself (the broadcast 𝟏ₘ b it reads from `+ b`, the count of a mean) — a test keeps this true.
import { GREEK, GREEK_BY_CHAR, toSubscriptDigits } from '../ast/names.js';
import type { Dim } from './shape.js';
import type { MatExpr } from './types.js';

const SUB_LETTERS: Readonly<Record<string, string>> = {
  a: 'ₐ', e: 'ₑ', h: 'ₕ', i: 'ᵢ', j: 'ⱼ', k: 'ₖ', l: 'ₗ', m: 'ₘ', n: 'ₙ', o: 'ₒ', p: 'ₚ', r: 'ᵣ', s: 'ₛ', t: 'ₜ', u: 'ᵤ', v: 'ᵥ', x: 'ₓ',
};

export function subscript(s: string): string {
  const digits = toSubscriptDigits(s);
  if (digits) return digits;
  return [...s].every((c) => c in SUB_LETTERS) ? [...s].map((c) => SUB_LETTERS[c]).join('') : `_${s}`;
}

/** W1 → W₁, beta → β, y_hat → ŷ-ish (`y_hat` stays readable). */
export function unicodeMatName(name: string): string {
  if (name.endsWith('_hat')) return (unicodeMatName(name.slice(0, -4)) + '\u0302').normalize('NFC');
  const m = /^([A-Za-z]+?)_?(\d+)$/.exec(name);
  const [base, sub] = m ? [m[1]!, m[2]!] : [name, ''];
  return (GREEK[base] ?? base) + (sub ? subscript(sub) : '');
}
export function latexMatName(name: string): string {
  if (name.endsWith('_hat')) return `\\hat{${latexMatName(name.slice(0, -4))}}`;
  const m = /^([A-Za-z]+?)_?(\d+)$/.exec(name);
  const [base, sub] = m ? [m[1]!, m[2]!] : [name, ''];
  const b = base in GREEK ? `\\${base}` : base.length > 1 ? `\\mathrm{${base}}` : base;
  return b + (sub ? `_{${sub}}` : '');
}
/** Canonical name of a Unicode spelling: β → beta, W₁ → W1. */
export function canonicalMatName(s: string): string {
  let out = '';
  for (const ch of s) {
    const sub = '₀₁₂₃₄₅₆₇₈₉'.indexOf(ch);
    out += sub >= 0 ? String(sub) : (GREEK_BY_CHAR.get(ch) ?? ch);
  }
  return out;
}

function num(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(12)));
}

/** Binding strength: 1 sum, 2 negation, 3 product, 4 postfix (ᵀ, ⁻¹), 5 atom. */
function prec(e: MatExpr): number {
  switch (e.kind) {
    case 'add': case 'sub': return 1;
    case 'neg': return 2;
    case 'num': case 'fill': return e.value < 0 ? 2 : 5;
    case 'scale': return e.c.kind === 'num' && e.c.value < 0 ? 2 : 3;
    case 'matmul': case 'hadamard': case 'hdiv': case 'broadcast': return 3;
    case 'transpose': case 'inv': return 4;
    case 'divdim': return 3;
    default: return 5;
  }
}

interface Style {
  name(n: string): string;
  grad(of: string, wrt: string): string;
  minus: string;
  had: string;
  hdiv: string;
  paren(s: string): string;
  transpose(s: string): string;
  inverse(s: string): string;
  ones(d: Dim): string;
  onesT(d: Dim): string;
  fn(f: string): string;
  sum(arg: string, over: string): string;
  over(arg: string, dims: string[]): string;
}

const UNICODE: Style = {
  name: unicodeMatName,
  grad: (of, wrt) => `∂${unicodeMatName(of)}/∂${unicodeMatName(wrt)}`,
  minus: '−', had: ' ⊙ ', hdiv: ' ⊘ ',
  paren: (s) => `(${s})`,
  transpose: (s) => `${s}ᵀ`,
  inverse: (s) => `${s}⁻¹`,
  ones: (d) => `𝟏${subscript(String(d))}`,
  onesT: (d) => `𝟏${subscript(String(d))}ᵀ`,
  fn: (f) => ({ sigmoid: 'σ', heaviside: 'step', ce: 'CE', bce: 'BCE' } as Record<string, string>)[f] ?? f,
  sum: (arg, over) => (over === 'all' ? `sum(${arg})` : `sum(${arg}, ${over})`),
  over: (arg, dims) => `${arg} / ${dims.length === 1 ? dims[0] : `(${dims.join('·')})`}`,
};

const LATEX: Style = {
  name: latexMatName,
  grad: (of, wrt) => `\\frac{\\partial ${latexMatName(of)}}{\\partial ${latexMatName(wrt)}}`,
  minus: '-', had: ' \\odot ', hdiv: ' \\oslash ',
  paren: (s) => `\\left(${s}\\right)`,
  transpose: (s) => `${s}^{\\top}`,
  inverse: (s) => `${s}^{-1}`,
  ones: (d) => `\\mathbf{1}_{${d}}`,
  onesT: (d) => `\\mathbf{1}_{${d}}^{\\top}`,
  fn: (f) =>
    ({ sigmoid: '\\sigma', exp: '\\exp', log: '\\log', tanh: '\\tanh', relu: '\\operatorname{relu}', heaviside: '\\operatorname{step}',
      softmax: '\\operatorname{softmax}', ce: '\\operatorname{CE}', bce: '\\operatorname{BCE}' } as Record<string, string>)[f] ?? f,
  sum: (arg, over) => (over === 'all' ? `\\textstyle\\sum \\left(${arg}\\right)` : `\\textstyle\\sum_{\\text{${over}}} \\left(${arg}\\right)`),
  over: (arg, dims) => `\\frac{1}{${dims.join(' \\cdot ')}} ${arg}`,
};

function show(e: MatExpr, st: Style): string {
  const at = (x: MatExpr, min: number) => (prec(x) < min ? st.paren(show(x, st)) : show(x, st));
  // a product's left operand may be a product of the same kind; anything else binding looser is wrapped
  const left = (x: MatExpr) => (prec(x) === 3 && x.kind !== e.kind ? st.paren(show(x, st)) : at(x, 3));
  switch (e.kind) {
    case 'mat': return st.name(e.name);
    case 'num': case 'fill': return e.value < 0 ? `${st.minus}${num(-e.value)}` : num(e.value);
    case 'grad': return st.grad(e.of, e.wrt);
    case 'add': return `${at(e.left, 1)} + ${at(e.right, 3)}`;
    case 'sub': return `${at(e.left, 1)} ${st.minus} ${at(e.right, 3)}`;
    case 'neg': return `${st.minus}${at(e.arg, 3)}`;
    case 'matmul': return `${left(e.left)} ${at(e.right, 4)}`;
    case 'hadamard': return `${left(e.left)}${st.had}${at(e.right, 4)}`;
    case 'hdiv': return `${left(e.left)}${st.hdiv}${at(e.right, 4)}`;
    case 'scale': {
      // c (A B) = (c A) B: a number before a matrix product needs no parentheses
      const c = e.c.kind === 'num' ? show(e.c, st) : at(e.c, 4);
      const arg = e.arg.kind === 'matmul' || e.arg.kind === 'broadcast' ? at(e.arg, 3) : at(e.arg, 4);
      return `${c} ${arg}`;
    }
    case 'broadcast':
      return e.axis === 'rows' ? `${st.ones(e.shape.rows)} ${at(e.arg, 4)}` : `${left(e.arg)} ${st.onesT(e.shape.cols)}`;
    case 'transpose': return st.transpose(at(e.arg, 5));
    case 'inv': return st.inverse(at(e.arg, 5));
    case 'divdim': return st.over(at(e.arg, 3), e.dims.map(String));
    case 'map': return `${st.fn(e.fn)}${st.paren(show(e.arg, st))}`;
    case 'softmax': return `${st.fn('softmax')}${st.paren(show(e.arg, st) + (e.axis === 'cols' ? ', cols' : ''))}`;
    case 'ce': case 'bce': return `${st.fn(e.kind)}${st.paren(`${show(e.pred, st)}, ${show(e.target, st)}`)}`;
    case 'sum': return st.sum(show(e.arg, st), e.over);
  }
}

/** Unicode: `Xᵀ ∂L/∂a`, `∂L/∂S ⊙ S ⊙ (1 − S)`. */
export function unicode(e: MatExpr): string {
  return show(e, UNICODE);
}
/** LaTeX for KaTeX. */
export function latex(e: MatExpr): string {
  return show(e, LATEX);
}
