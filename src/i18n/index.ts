// Message catalogs for worksheets (and any caller that shows step labels): English and Korean,
// in Fluent (@fluent/bundle). `message` returns segments — text, or LaTeX for arguments whose name
// ends in `Math` — so that an HTML printer can typeset the math with KaTeX and a TeX printer can
// wrap it in $…$, while particles (JOSA) and plurals stay in the catalog where translators see them.
import { FluentBundle, FluentResource, type FluentValue } from '@fluent/bundle';
import { EN } from './en.js';
import { KO } from './ko.js';
import { particle } from './particles.js';

export type Lang = 'en' | 'ko';
export const LANGS: readonly Lang[] = ['en', 'ko'];

export type Segment = { readonly text: string } | { readonly math: string };
export type Args = Record<string, string | number>;

const SOURCES: Record<Lang, string> = { en: EN, ko: KO };
const bundles = new Map<Lang, FluentBundle>();

function text(v: FluentValue | undefined): string {
  if (v === undefined) return '';
  return typeof v === 'string' ? v : String(v.valueOf());
}

function bundle(lang: Lang): FluentBundle {
  let b = bundles.get(lang);
  if (b) return b;
  // useIsolating: the Unicode isolation marks Fluent puts around placeables would land in the
  // .tex and the PDF text layer; our placeables are never right-to-left.
  b = new FluentBundle(lang, {
    useIsolating: false,
    functions: { JOSA: (args) => particle(text(args[0]), text(args[1])) },
  });
  const errors = b.addResource(new FluentResource(SOURCES[lang]));
  if (errors.length) throw new Error(`catalog ${lang}: ${errors.map((e) => e.message).join('; ')}`);
  bundles.set(lang, b);
  return b;
}

/** The Fluent message id of a step id: `rule-` + the id with `.` as `_` (ids contain no `_`). */
export function ruleKey(stepId: string): string {
  return 'rule-' + stepId.replace(/\./g, '_');
}

export function hasMessage(lang: Lang, key: string): boolean {
  return bundle(lang).hasMessage(key);
}

// Private-use characters delimit math placeholders inside a formatted string.
const OPEN = '\uE000';
const CLOSE = '\uE001';

/** Format message `key`; a missing key is a bug in the catalogs (a test walks every key). */
export function message(lang: Lang, key: string, args: Args = {}): Segment[] {
  const b = bundle(lang);
  const msg = b.getMessage(key);
  if (!msg?.value) throw new Error(`no ${lang} message ${key}`);
  const maths: string[] = [];
  const fargs: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(args)) {
    if (k.endsWith('Math')) {
      maths.push(String(v));
      fargs[k] = `${OPEN}${maths.length - 1}${CLOSE}`;
    } else fargs[k] = v;
  }
  const errors: Error[] = [];
  const out = b.formatPattern(msg.value, fargs, errors);
  if (errors.length) throw new Error(`message ${lang}/${key}: ${errors.map((e) => e.message).join('; ')}`);
  const segs: Segment[] = [];
  const re = new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g');
  let last = 0;
  for (const m of out.matchAll(re)) {
    if (m.index > last) segs.push({ text: out.slice(last, m.index) });
    segs.push({ math: maths[Number(m[1])]! });
    last = m.index + m[0].length;
  }
  if (last < out.length) segs.push({ text: out.slice(last) });
  return segs;
}

/** A message with no math, as plain text. */
export function plain(lang: Lang, key: string, args: Args = {}): string {
  return message(lang, key, args)
    .map((s) => ('text' in s ? s.text : s.math))
    .join('');
}
