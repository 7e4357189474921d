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
  const f = factorParts(name);
  if (f) return `∂${unicodeName(f.of)}/∂${unicodeName(f.wrt)}`;
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
  const f = factorParts(name);
  if (f) return `\\frac{\\partial ${latexName(f.of, opts)}}{\\partial ${latexName(f.wrt, opts)}}`;
  const p = splitName(name);
  let s = p.base in GREEK ? '\\' + p.base : p.base.length > 1 ? `\\mathrm{${p.base}}` : p.base;
  if (p.accent) s = `\\${p.accent === 'dot' ? 'dot' : p.accent}{${s}}`;
  if (p.sub) {
    if (opts.layerIndex && /^\d+$/.test(p.sub)) s += `^{(${p.sub})}`;
    else s += `_{${p.sub}}`;
  }
  return s;
}

/** An index pattern: a subscript of lower-case letters and digits, at most 3 characters, with at
 * least one letter or all digits (t_i, w_ij, w_i1, x_2). Each letter is an index slot. */
const INDEX_SUB = /^[a-z0-9]{1,3}$/;

/** The index letters of a canonical name's subscript (`w_ij` → [i, j]; `y_hat` → []). */
export function indexLetters(name: string): string[] {
  const { sub } = splitName(name);
  return sub && INDEX_SUB.test(sub) ? [...sub].filter((c) => c >= 'a' && c <= 'z') : [];
}

/** `name` with the index letter `from` of its subscript replaced by `to` (a letter or digits):
 * t_i → t_2, w_i1 → w_21, t_i → t_j. Names without that slot come back unchanged. */
export function renameInName(name: string, from: string, to: string): string {
  const p = splitName(name);
  if (!p.sub || !INDEX_SUB.test(p.sub) || !p.sub.includes(from)) return name;
  return joinName({ ...p, sub: [...p.sub].map((c) => (c === from ? to : c)).join('') });
}

/** Can the indexed names `a` and `b` denote the same component? Same base and accent, subscripts
 * of the same length whose digits agree wherever both are digits. Returns the slot pairs that
 * differ (each needs a δ: y_i against y_j gives [[i, j]]), or null when they can never coincide
 * (different bases, x_1 against x_2). Identical names give []. */
export function unifyIndexed(a: string, b: string): Array<[string, string]> | null {
  if (a === b) return [];
  const p = splitName(a);
  const q = splitName(b);
  if (p.base !== q.base || p.accent !== q.accent || !p.sub || !q.sub) return null;
  if (!INDEX_SUB.test(p.sub) || !INDEX_SUB.test(q.sub) || p.sub.length !== q.sub.length) return null;
  const pairs: Array<[string, string]> = [];
  for (let k = 0; k < p.sub.length; k++) {
    const x = p.sub[k]!;
    const y = q.sub[k]!;
    if (x === y) continue;
    if (/[0-9]/.test(x) && /[0-9]/.test(y)) return null;
    pairs.push([x, y]);
  }
  // only letters make a name indexed: w_12 against w_13 never coincide, w_i2 against w_12 may
  return pairs.length ? pairs : null;
}

// Named upstream factors (docs/architecture.md, "Named upstream factors"): through definitions,
// a large upstream gradient ∂L/∂z₂ enters the next ones as a symbol of its own, named `∂L/∂z_2`.
// `∂` and `/` are never in a canonical name (no parse produces one), so the symbol cannot meet an
// input; the printers show it as ∂L/∂z₂ and \frac{\partial L}{\partial z_{2}}.

/** The symbol name of the upstream gradient ∂of/∂wrt (canonical names of both). */
export function factorName(of: string, wrt: string): string {
  return `∂${of}/∂${wrt}`;
}

/** The two names of a named upstream factor, or undefined for any other name. */
export function factorParts(name: string): { readonly of: string; readonly wrt: string } | undefined {
  if (name.charCodeAt(0) !== 0x2202) return undefined;
  const i = name.indexOf('/∂');
  return i > 1 ? { of: name.slice(1, i), wrt: name.slice(i + 2) } : undefined;
}

/** Is this a named upstream factor's symbol name? */
export const isFactorName = (name: string): boolean => factorParts(name) !== undefined;
