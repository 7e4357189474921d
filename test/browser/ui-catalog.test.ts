// The playground's own catalogs (web/messages.ts): English and Korean hold the same keys, both
// parse as Fluent, and every key the page uses (t('…') in web/*.ts, data-i18n* in index.html)
// exists — so a switch to Korean never shows a raw key.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import { describe, expect, it } from 'vitest';
import { UI_EN, UI_KO } from '../../web/messages.js';

const web = fileURLToPath(new URL('../../web/', import.meta.url));
const keysOf = (ftl: string) => [...ftl.matchAll(/^([a-z][\w-]*) =/gm)].map((m) => m[1]!);

function used(): string[] {
  const keys = new Set<string>();
  for (const f of readdirSync(web)) {
    const text = readFileSync(web + f, 'utf8');
    if (f.endsWith('.ts')) for (const m of text.matchAll(/\bt\('([a-z][\w-]*)'/g)) keys.add(m[1]!);
    if (f.endsWith('.html')) for (const m of text.matchAll(/data-i18n(?:-[a-z-]+)?="([a-z][\w-]*)"/g)) keys.add(m[1]!);
  }
  // built from a status or a theme: each value is a key
  for (const s of ['verified', 'refuted', 'unverifiable']) keys.add(`status-${s}`);
  keys.add('theme-light');
  return [...keys].sort();
}

describe('playground catalogs', () => {
  it('English and Korean hold the same keys', () => {
    expect(keysOf(UI_KO).sort()).toEqual(keysOf(UI_EN).sort());
  });
  it.each([
    ['en', UI_EN],
    ['ko', UI_KO],
  ])('%s parses as Fluent without errors', (lang, src) => {
    const b = new FluentBundle(lang, { useIsolating: false });
    expect(b.addResource(new FluentResource(src))).toEqual([]);
    for (const k of keysOf(src)) {
      const errors: Error[] = [];
      const out = b.formatPattern(b.getMessage(k)!.value!, { n: 2, k: 1, example: 'e', message: 'm', target: 'L', value: '1', from: 'a', to: 'b', verdict: 'v', field: 'expr', line: 1, column: 2 }, errors);
      expect(errors, `${lang} ${k}`).toEqual([]);
      expect(out.length, `${lang} ${k}`).toBeGreaterThan(0);
    }
  });
  it('has every key the page uses, and the Korean words are Korean', () => {
    const en = new Set(keysOf(UI_EN));
    const missing = used().filter((k) => !en.has(k));
    expect(missing).toEqual([]);
    expect(used().length).toBeGreaterThan(40);
    expect(UI_KO).toMatch(/derivation = 유도 과정/);
    expect(UI_KO).toMatch(/upstream = 상류 기울기/);
  });
});
