// Rendering a derivation response (docs/api.md "derive"): each step with its rule, the rewrite in
// KaTeX, the rule's justification, its conditions and its check verdict; substeps and proofs
// expand (<details>). Definitions show the chain: local gradients (each expandable into its own
// derivation) and upstream gradients, then the gradient in the names and substituted.
import type { Json } from './api.js';
import { t } from './i18n.js';
import { el, tex, verdictBadge } from './math.js';

const partial = (of: string, wrt: string): string => `\\frac{\\partial ${name(of)}}{\\partial ${name(wrt)}}`;
/** a symbol name (y_hat, w_1) as LaTeX */
function name(n: string): string {
  if (n === 'y_hat') return '\\hat{y}';
  const m = /^([A-Za-z]+)_([A-Za-z0-9]+)$/.exec(n);
  const base = (s: string) => (s.length > 1 ? `\\mathrm{${s}}` : s);
  return m ? `${base(m[1]!)}_{${m[2]}}` : base(n);
}

function stepItem(s: Json): HTMLLIElement {
  const li = el('li', { class: 'step' });
  const head = el('div', { class: 'step-head' }, el('span', { class: 'label' }, s['label'] ?? s['rule']), ' ', el('code', { class: 'rule' }, s['rule']), ' ', verdictBadge(s['check']));
  li.append(head);
  const L = s['latex'];
  if (L && typeof L === 'object' && L.from !== undefined) {
    li.append(tex(`${L.from} = ${L.to}`, true));
    if (L.after !== undefined && L.after !== L.to) li.append(el('div', { class: 'whole' }, `${t('whole-expression')} `, tex(L.after)));
  }
  if (s['justification']) li.append(el('div', { class: 'just' }, `${t('rule')} `, tex(s['justification'])));
  if (Array.isArray(s['conditionsLatex']) && s['conditionsLatex'].length) li.append(el('div', { class: 'cond' }, `${t('provided')} `, ...s['conditionsLatex'].flatMap((c: string, i: number) => (i ? [', ', tex(c)] : [tex(c)]))));
  if (Array.isArray(s['substeps']) && s['substeps'].length) {
    const d = el('details', { class: 'substeps' }, el('summary', {}, t('substeps', { n: s['substeps'].length })));
    d.append(stepList(s['substeps']));
    li.append(d);
  }
  if (s['proof'] && Array.isArray(s['proof'].steps)) {
    const d = el('details', { class: 'proof' }, el('summary', {}, t('proof')));
    d.append(stepList(s['proof'].steps));
    li.append(d);
  }
  return li;
}

export function stepList(steps: Json[]): HTMLOListElement {
  const ol = el('ol', { class: 'steps' });
  for (const s of steps) ol.append(stepItem(s));
  return ol;
}

/** Fill the result and the step list from a derive (or simplify) response. */
export function renderDerivation(res: Json, resultBox: HTMLElement, list: HTMLElement): void {
  resultBox.replaceChildren();
  list.replaceChildren();
  const check = res['check'];
  if (res['chain']) {
    const c = res['chain'];
    for (const w of Object.keys(c.gradients ?? {})) {
      const g = c.gradients[w];
      const row = el('div', { class: 'final', 'data-wrt': w, 'data-text': g.substituted?.text ?? g.text });
      row.append(tex(`${partial(c.target, w)} = ${g.latex}${g.substituted && g.substituted.latex !== g.latex ? ` = ${g.substituted.latex}` : ''}`, true));
      resultBox.append(row);
    }
    const paths = Object.entries(c.paths ?? {}).map(([w, ps]) => (ps as string[][]).map((p) => p.join(' → ')).join(', ') + ` (∂${c.target}/∂${w})`);
    if (paths.length) resultBox.append(el('div', { class: 'paths' }, `${t('paths')} `, paths.join('; ')));
    resultBox.append(el('div', { class: 'overall' }, `${t('all-checks')} `, verdictBadge(check)));
    for (const s of res['steps'] as Json[]) {
      const li = el('li', { class: 'step' });
      if (s['rule'] === 'chain.local') {
        const local = (c.locals as Json[]).find((l) => l.of === s['of'] && l.wrt === s['wrt']);
        li.append(el('div', { class: 'step-head' }, el('span', { class: 'label' }, s['label']), ' ', el('code', { class: 'rule' }, s['rule']), ' ', verdictBadge(local?.derivation?.check)));
        li.append(tex(`${partial(s['of'], s['wrt'])} = ${s['latex']}`, true));
        if (local?.derivation?.steps?.length) {
          const d = el('details', { class: 'substeps' }, el('summary', {}, t('derivation-steps', { n: local.derivation.steps.length })));
          d.append(stepList(local.derivation.steps));
          li.append(d);
        }
      } else {
        const a = (c.adjoints as Json[]).find((x) => x.name === s['name']);
        li.append(el('div', { class: 'step-head' }, el('span', { class: 'label' }, s['label']), ' ', el('code', { class: 'rule' }, s['rule']), ' ', verdictBadge(a?.derivation?.check)));
        li.append(tex(`${partial(c.target, s['name'])} = ${s['latex']}`, true));
        if (a?.derivation?.steps?.length) {
          const d = el('details', { class: 'substeps' }, el('summary', {}, t('simplification-steps', { n: a.derivation.steps.length })));
          d.append(stepList(a.derivation.steps));
          li.append(d);
        }
      }
      list.append(li);
    }
    return;
  }
  const w = res['wrt'];
  const lhs = w ? `\\frac{d}{d${name(w)}}\\left(${res['input']?.latex ?? ''}\\right)` : (res['input']?.latex ?? '');
  const row = el('div', { class: 'final', 'data-text': res['result'] });
  row.append(tex(`${lhs} = ${res['latex']}`, true));
  resultBox.append(row, el('div', { class: 'overall' }, `${t('all-checks')} `, verdictBadge(check), check?.result ? el('span', {}, ` ${t('result-check')} `, verdictBadge(check.result)) : ''));
  for (const s of res['steps'] as Json[]) list.append(stepItem(s));
}
