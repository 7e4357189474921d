// KaTeX rendering helpers for the playground: a LaTeX string into an element (never throwing: a
// string KaTeX refuses is shown as text), and small DOM builders.
import katex from 'katex';
import { t } from './i18n.js';

export function tex(latex: string, display = false): HTMLElement {
  const span = document.createElement(display ? 'div' : 'span');
  span.className = 'math';
  try {
    katex.render(latex, span, { throwOnError: true, displayMode: display, output: 'htmlAndMathml' });
  } catch {
    span.textContent = latex;
  }
  return span;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

/** A check verdict as a badge: verified ✓, refuted ✗ (with the point), unverifiable ?. */
export function verdictBadge(check: any): HTMLElement {
  if (!check || typeof check.status !== 'string') return el('span');
  const sym = check.status === 'verified' ? '✓' : check.status === 'refuted' ? '✗' : '?';
  let title = check.status;
  if (check.status === 'verified' && check.points) title += ` at ${check.points} points`;
  if (check.status === 'refuted' && check.point) title += ` at ${JSON.stringify(check.point)}: ${check.left} ≠ ${check.right}`;
  if (check.status === 'unverifiable' && check.reason) title += `: ${check.reason}`;
  return el('span', { class: `badge ${check.status}`, title }, `${sym} ${t(`status-${check.status}`)}`);
}
