// The chainrule playground: type an expression or definitions, see what the engine read, the
// derivation step by step (KaTeX, rule, justification, check verdict, expandable substeps), the
// computational graph with its backward-pass frames, and "check my answer". The whole state lives
// in the URL (?expr=&wrt=&at=&answer=…), so a copied link reproduces the page.
import 'katex/dist/katex.min.css';
import './style.css';
import { ApiFailure, call, type Json } from './api.js';
import { renderDerivation } from './derivation.js';
import { GraphView } from './graph.js';
import { isLang, lang, setLang, t } from './i18n.js';
import { el, tex } from './math.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
const exprIn = $<HTMLTextAreaElement>('expr');
const notationIn = $<HTMLSelectElement>('notation');
const wrtIn = $<HTMLInputElement>('wrt');
const atIn = $<HTMLInputElement>('at');
const granIn = $<HTMLSelectElement>('granularity');
const answerIn = $<HTMLInputElement>('answer');
const errorBox = $('error');
const langIn = $<HTMLSelectElement>('lang');

const G1 = 'z = wx + b\ny = σ(z)\nL = BCE(y, ŷ)';
let lastDerive: Json | null = null;

// ---- state in the URL ----
const FIELDS = { expr: exprIn, notation: notationIn, wrt: wrtIn, at: atIn, granularity: granIn, answer: answerIn, lang: langIn } as const;
function stateUrl(): string {
  const q = new URLSearchParams();
  for (const [k, input] of Object.entries(FIELDS)) if (input.value && !(k === 'notation' && input.value === 'auto') && !(k === 'granularity' && input.value === 'standard') && !(k === 'lang' && input.value === 'en')) q.set(k, input.value);
  return `${location.origin}${location.pathname}?${q.toString()}`;
}
function saveState(): void {
  history.replaceState(null, '', stateUrl());
}
function loadState(): boolean {
  const q = new URLSearchParams(location.search);
  for (const [k, input] of Object.entries(FIELDS)) {
    const v = q.get(k);
    if (v !== null) input.value = v;
  }
  if (!exprIn.value) exprIn.value = G1;
  // the language: the link's, else the last one chosen here, else the browser's
  const saved = localStorage.getItem('chainrule-lang');
  const chosen = q.get('lang') ?? saved ?? (navigator.language.startsWith('ko') ? 'ko' : 'en');
  langIn.value = isLang(chosen) ? chosen : 'en';
  setLang(langIn.value as 'en' | 'ko');
  return q.has('expr');
}

// ---- errors: the message, and the input with the offending span marked ----
function showError(e: unknown, where = ''): void {
  errorBox.hidden = false;
  errorBox.replaceChildren();
  if (!(e instanceof ApiFailure)) {
    errorBox.append(`${where}${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  const { code, message, field, position } = e.error;
  errorBox.append(el('strong', {}, code), ` ${where}${message}`);
  const text = field === 'expr' ? exprIn.value : field === 'answer' ? answerIn.value : undefined;
  if (position && text !== undefined) {
    const pre = el('pre', { class: 'caret' });
    pre.append(text.slice(0, position.offset), el('mark', {}, text.slice(position.offset, Math.max(position.end, position.offset + 1)) || ' '), text.slice(Math.max(position.end, position.offset + 1)));
    errorBox.append(el('div', {}, t('error-at', { field: field ?? '', line: position.line, column: position.column })), pre);
    if (field === 'expr') {
      exprIn.focus();
      exprIn.setSelectionRange(position.offset, Math.max(position.end, position.offset + 1));
    }
  }
}
const clearError = (): void => {
  errorBox.hidden = true;
  errorBox.replaceChildren();
};

const common = (): Json => ({ expr: exprIn.value, notation: notationIn.value, lang: lang() });
const wrtValue = (): string | string[] | undefined => {
  const w = wrtIn.value.split(',').map((s) => s.trim()).filter(Boolean);
  return w.length === 0 ? undefined : w.length === 1 ? w[0] : w;
};

// ---- what the engine read ----
function renderReadings(p: Json): void {
  const list = $('reading-list');
  list.replaceChildren();
  for (const d of p['definitions'] as Json[]) {
    list.append(el('li', { 'data-text': `${d['name']} = ${d['text']}` }, tex(`${nameTex(d['name'])} = ${d['latex']}`), el('code', {}, `${d['name']} = ${d['text']}`)));
  }
  if (p['text'] !== undefined) list.append(el('li', { 'data-text': p['text'] }, tex(p['latex']), el('code', {}, p['text'])));
  // notes the engine makes about its reading (a letter before "(", a run of letters, argument roles)
  for (const r of (p['readings'] as Json[] | undefined) ?? []) list.append(el('li', { class: 'note' }, t('note', { message: String(r['message'] ?? JSON.stringify(r)) })));
  $('readings').hidden = false;
}
const nameTex = (n: string): string => (n === 'y_hat' ? '\\hat{y}' : n.replace(/^([A-Za-z])_(\w+)$/, '$1_{$2}'));

async function derive(): Promise<void> {
  clearError();
  saveState();
  $('derive').setAttribute('aria-busy', 'true');
  try {
    const parsed = await call('parse', common());
    renderReadings(parsed);
    const w = wrtValue();
    // the page shows one expression's trace rewrite by rewrite (named parts are the API's default)
    const res = await call('derive', { ...common(), ...(w ? { wrt: w } : {}), steps: 'full' });
    lastDerive = res;
    renderDerivation(res, $('result'), $('steps'));
    $('derivation').hidden = false;
  } catch (e) {
    $('derivation').hidden = true;
    showError(e);
  } finally {
    $('derive').removeAttribute('aria-busy');
  }
}

const graphView = new GraphView($('graph-svg'), $('frame-label'), $('frame-text'), $<HTMLTableElement>('grad-table'));
async function graph(): Promise<void> {
  clearError();
  saveState();
  try {
    const res = await call('graph', { ...common(), at: atIn.value, granularity: granIn.value, format: 'svg', frames: true });
    $('graph-out').hidden = false;
    graphView.show(res);
  } catch (e) {
    showError(e, t('error-graph'));
  }
}

async function check(): Promise<void> {
  clearError();
  saveState();
  const out = $('verdict');
  out.replaceChildren();
  try {
    const w = wrtValue();
    const wrt = typeof w === 'string' ? w : Array.isArray(w) ? w[0] : undefined;
    let req: Json;
    if (/[=;\n]/.test(exprIn.value.trim())) {
      // definitions: compare with the gradient written in the inputs (the chain substituted back)
      const d = lastDerive?.['chain'] ? lastDerive : await call('derive', { ...common(), ...(wrt ? { wrt } : {}), steps: 'full' });
      const g = d['chain'].gradients[wrt ?? Object.keys(d['chain'].gradients)[0]];
      req = { expected: g.substituted?.text ?? g.text, answer: answerIn.value, lang: lang() };
    } else {
      if (!wrt) throw new Error(t('need-wrt'));
      req = { problem: { expr: exprIn.value, wrt }, answer: answerIn.value, notation: notationIn.value, lang: lang() };
    }
    const v = await call('verify', req);
    const ok = v['verdict'] === 'correct';
    out.append(el('div', { class: `verdict ${v['verdict']}`, 'data-verdict': v['verdict'] }, ok ? t('verdict-correct') : v['verdict'] === 'incorrect' ? t('verdict-incorrect') : t('verdict-other', { verdict: String(v['verdict']) })));
    if (v['error']) out.append(el('div', { class: 'reason' }, t('unreadable-answer', { message: String(v['error'].message) })));
    else if (v['reason']) out.append(el('div', { class: 'reason' }, v['reason']));
    if (v['expected'] && !ok) out.append(el('div', {}, `${t('expected')} `, tex(v['expected'].latex)));
    const diag = (v['diagnosis'] as Json[]) ?? [];
    if (diag.length) {
      const ul = el('ul', { class: 'diagnosis' });
      for (const f of diag) ul.append(el('li', { 'data-id': f['id'] }, el('strong', {}, f['message']), ' ', tex(f['latex'])));
      out.append(el('div', {}, t('diagnosis')), ul);
    }
  } catch (e) {
    showError(e, t('error-check'));
  }
}

// ---- wiring: forms, keys, theme ----
$('form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  void derive();
});
exprIn.addEventListener('keydown', (ev) => {
  if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
    ev.preventDefault();
    void derive();
  }
});
$('graph-go').addEventListener('click', () => void graph());
atIn.addEventListener('keydown', (ev) => ev.key === 'Enter' && void graph());
$('check-go').addEventListener('click', () => void check());
answerIn.addEventListener('keydown', (ev) => ev.key === 'Enter' && void check());
$('frame-first').addEventListener('click', () => graphView.go(0));
$('frame-prev').addEventListener('click', () => graphView.go(graphView.frame - 1));
$('frame-next').addEventListener('click', () => graphView.go(graphView.frame + 1));
$('frame-last').addEventListener('click', () => graphView.go(graphView.frames));
$('graph-svg').addEventListener('keydown', (ev) => {
  const k = (ev as KeyboardEvent).key;
  if (k === 'ArrowRight') graphView.go(graphView.frame + 1);
  else if (k === 'ArrowLeft') graphView.go(graphView.frame - 1);
  else if (k === 'Home') graphView.go(0);
  else if (k === 'End') graphView.go(graphView.frames);
  else return;
  ev.preventDefault();
});
$('copy').addEventListener('click', async () => {
  saveState();
  const url = stateUrl();
  try {
    await navigator.clipboard.writeText(url);
    $('copied').textContent = t('link-copied');
  } catch {
    $('copied').textContent = url;
  }
});
// the language switch: the page's words at once; the engine's labels on the next answer (re-run
// what is shown, so nothing stays in the other language)
langIn.addEventListener('change', () => {
  const l = isLang(langIn.value) ? langIn.value : 'en';
  localStorage.setItem('chainrule-lang', l);
  setLang(l);
  saveState();
  if (lastDerive) void derive();
  if (!$('graph-out').hidden) void graph();
  if ($('verdict').childElementCount) void check();
});
const themeBtn = $('theme');
function setTheme(dark: boolean): void {
  document.documentElement.dataset['theme'] = dark ? 'dark' : 'light';
  themeBtn.setAttribute('aria-pressed', String(dark));
  themeBtn.dataset['i18n'] = dark ? 'theme-light' : 'theme-dark';
  themeBtn.textContent = t(themeBtn.dataset['i18n']);
  localStorage.setItem('chainrule-theme', dark ? 'dark' : 'light');
}
themeBtn.addEventListener('click', () => setTheme(document.documentElement.dataset['theme'] !== 'dark'));
const savedTheme = localStorage.getItem('chainrule-theme');
setTheme(savedTheme ? savedTheme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches);

// a link with state runs what it describes
if (loadState()) {
  void derive().then(async () => {
    if (atIn.value) await graph();
    if (answerIn.value) await check();
  });
}
