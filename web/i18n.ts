// The playground's language: English or Korean, chosen by the switch in the header, kept in the URL
// (?lang=ko) and in localStorage. The page's own words come from web/messages.ts through Fluent
// (@fluent/bundle, the library the engine's catalogs use); the engine's step labels and diagnoses
// come translated from the API (every request carries `lang`). Static text is marked in
// index.html with data-i18n (text), data-i18n-placeholder, data-i18n-title, data-i18n-aria-label.
import { FluentBundle, FluentResource } from '@fluent/bundle';
import { UI_EN, UI_KO } from './messages.js';

export type Lang = 'en' | 'ko';
const SOURCES: Record<Lang, string> = { en: UI_EN, ko: UI_KO };
const bundles = new Map<Lang, FluentBundle>();
let current: Lang = 'en';

function bundle(lang: Lang): FluentBundle {
  let b = bundles.get(lang);
  if (!b) {
    // no isolation marks: they would show up inside copied text and the screen reader's output
    b = new FluentBundle(lang, { useIsolating: false });
    b.addResource(new FluentResource(SOURCES[lang]));
    bundles.set(lang, b);
  }
  return b;
}

export const isLang = (v: unknown): v is Lang => v === 'en' || v === 'ko';
export const lang = (): Lang => current;

/** A message of the page in the current language (English when Korean lacks it; the key if both do). */
export function t(key: string, args: Record<string, string | number> = {}): string {
  for (const l of [current, 'en'] as const) {
    const m = bundle(l).getMessage(key);
    if (m?.value) return bundle(l).formatPattern(m.value, args);
  }
  return key;
}

/** Switch the language and rewrite every marked element of the page. */
export function setLang(l: Lang, root: ParentNode = document): void {
  current = l;
  document.documentElement.lang = l;
  document.title = t('page-title');
  for (const e of root.querySelectorAll<HTMLElement>('[data-i18n]')) e.textContent = t(e.dataset['i18n']!, { example: e.dataset['i18nExample'] ?? '' });
  for (const [attr, data] of [['placeholder', 'i18nPlaceholder'], ['title', 'i18nTitle'], ['aria-label', 'i18nAriaLabel']] as const) {
    for (const e of root.querySelectorAll<HTMLElement>(`[data-${attr === 'aria-label' ? 'i18n-aria-label' : `i18n-${attr}`}]`)) e.setAttribute(attr, t(e.dataset[data]!));
  }
}

/** Every key of a language's catalog (for the catalog test). */
export function keysOf(l: Lang): string[] {
  return [...SOURCES[l].matchAll(/^([a-z][\w-]*) =/gm)].map((m) => m[1]!);
}
