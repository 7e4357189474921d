// Text for the two printers: a message's segments, or YAML text with $…$ math, escaped for HTML
// or for LaTeX. pdflatex reads UTF-8 letters (and Hangul through kotex) but not every symbol a
// label uses (σ, −, ✓, ×): those become math in the .tex.
import type { Segment } from '../i18n/index.js';

/** Split author text on $…$ into text and math segments (\$ is a literal dollar). */
export function authorText(s: string): Segment[] {
  const out: Segment[] = [];
  const re = /(?<!\\)\$([^$]+)\$/g;
  let last = 0;
  for (const m of s.matchAll(re)) {
    if (m.index > last) out.push({ text: s.slice(last, m.index).replace(/\\\$/g, '$') });
    out.push({ math: m[1]!.trim() });
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push({ text: s.slice(last).replace(/\\\$/g, '$') });
  return out;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const TEX_SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', $: '\\$', '&': '\\&', '#': '\\#', '^': '\\^{}', _: '\\_', '%': '\\%', '~': '\\~{}',
};
// symbols outside what pdflatex's utf8 input and kotex read
const GREEK = 'α alpha β beta γ gamma δ delta ε epsilon ζ zeta η eta θ theta ι iota κ kappa λ lambda μ mu ν nu ξ xi π pi ρ rho τ tau υ upsilon φ phi χ chi ψ psi ω omega Γ Gamma Δ Delta Θ Theta Λ Lambda Ξ Xi Π Pi Φ Phi Ψ Psi Ω Omega'.split(' ');
const TEX_GREEK: Record<string, string> = {};
for (let i = 0; i < GREEK.length; i += 2) TEX_GREEK[GREEK[i]!] = `$\\${GREEK[i + 1]}$`;
const TEX_SYMBOL: Record<string, string> = {
  ...TEX_GREEK, '≤': '$\\le$', '≥': '$\\ge$', '∈': '$\\in$', '∞': '$\\infty$', '≈': '$\\approx$', '⊙': '$\\odot$', 'ᵀ': '$^{\\mathsf{T}}$', '…': '\\dots{}', '∇': '$\\nabla$',
  σ: '$\\sigma$', '−': '$-$', '×': '$\\times$', '✓': '$\\checkmark$', '✗': '$\\times$', '√': '$\\surd$', 'ᵘ': '$^u$', '→': '$\\to$', '∂': '$\\partial$', '≠': '$\\neq$', '·': '$\\cdot$', α: '$\\alpha$', 'Σ': '$\\Sigma$',
};

export function escapeTex(s: string): string {
  let out = '';
  for (const ch of s) out += TEX_SPECIAL[ch] ?? TEX_SYMBOL[ch] ?? ch;
  return out;
}
