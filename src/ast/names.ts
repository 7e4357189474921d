// Canonical symbol names. Every spelling of a symbol (ŷ precomposed, y + U+0302, y_hat; x₂, x_2,
// x_{2}, x2; α, alpha) maps to ONE canonical ASCII name: base [_accent] [_sub], e.g. `y_hat`,
// `x_2`, `alpha`, `w_ij`. Printers turn the canonical name back into Unicode or LaTeX.

/** Greek letter names (ASCII) → Unicode letter. Upper case only where it differs from Latin. */
export const GREEK: Readonly<Record<string, string>> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η',
  theta: 'θ', vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ',
  rho: 'ρ', tau: 'τ', upsilon: 'υ', phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
  Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ',
  Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
};
// π is the constant pi and σ the sigmoid function: neither is a plain symbol (docs/notation.md).

/** Unicode Greek letter → canonical ASCII name (first name wins for the var- forms). */
export const GREEK_BY_CHAR: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const [k, v] of Object.entries(GREEK)) if (!m.has(v)) m.set(v, k);
  m.set('ϵ', 'epsilon');
  m.set('ϕ', 'phi');
  return m;
})();

/** Accents a symbol may carry: name → combining mark. */
export const ACCENTS: Readonly<Record<string, string>> = {
  hat: '\u0302',
  bar: '\u0304',
  tilde: '\u0303',
  dot: '\u0307',
};
export const ACCENT_BY_MARK: ReadonlyMap<string, string> = new Map(
  Object.entries(ACCENTS).map(([k, v]) => [v, k]),
);

export interface NameParts {
  readonly base: string;
  readonly accent?: string;
  readonly sub?: string;
}

export function joinName(p: NameParts): string {
  let s = p.base;
  if (p.accent) s += '_' + p.accent;
  if (p.sub) s += '_' + p.sub;
  return s;
}

/** Split a canonical name into base, accent and subscript. */
export function splitName(name: string): NameParts {
  const parts = name.split('_');
  const base = parts[0]!;
  let i = 1;
  let accent: string | undefined;
  if (parts.length > 1 && parts[1]! in ACCENTS) {
    accent = parts[1];
    i = 2;
  }
  const sub = parts.slice(i).join('_') || undefined;
  return { base, ...(accent ? { accent } : {}), ...(sub ? { sub } : {}) };
}

const SUB_DIGITS = '₀₁₂₃₄₅₆₇₈₉';
const SUP_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

export function fromSubscriptDigits(s: string): string {
  let out = '';
  for (const ch of s) {
    const i = SUB_DIGITS.indexOf(ch);
    out += i >= 0 ? String(i) : ch;
  }
  return out;
}
export function fromSuperscript(s: string): string {
  let out = '';
  for (const ch of s) {
    const i = SUP_DIGITS.indexOf(ch);
    out += i >= 0 ? String(i) : ch === '⁻' ? '-' : ch === '⁺' ? '+' : ch;
  }
  return out;
}
export function toSubscriptDigits(s: string): string | null {
  if (!/^\d+$/.test(s)) return null;
  return [...s].map((c) => SUB_DIGITS[Number(c)]).join('');
}

/** Readable Unicode form of a canonical name: ŷ, x₂, α, w_ij. */
export function unicodeName(name: string): string {
  const p = splitName(name);
  let s = GREEK[p.base] ?? p.base;
  if (p.accent) s = (s + ACCENTS[p.accent]!).normalize('NFC');
  if (p.sub) s += toSubscriptDigits(p.sub) ?? '_' + p.sub;
  return s;
}

export interface LatexNameOptions {
  /** print a numeric subscript of an upper-case base as a layer index `W^{(1)}` */
  layerIndex?: boolean;
}

/** LaTeX for a canonical name: \hat{y}, x_{2}, \alpha, W^{(1)} (with layerIndex). */
export function latexName(name: string, opts: LatexNameOptions = {}): string {
  const p = splitName(name);
  let s = p.base in GREEK ? '\\' + p.base : p.base.length > 1 ? `\\mathrm{${p.base}}` : p.base;
  if (p.accent) s = `\\${p.accent === 'dot' ? 'dot' : p.accent}{${s}}`;
  if (p.sub) {
    if (opts.layerIndex && /^\d+$/.test(p.sub)) s += `^{(${p.sub})}`;
    else s += `_{${p.sub}}`;
  }
  return s;
}
