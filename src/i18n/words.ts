// The words of the terminal derivation form (src/render/derivationText.ts TextWords) in a language
// of the catalogs: the CLI's `--lang` passes them to the printer, which knows no catalog itself.
import type { TextWords } from '../render/derivationText.js';
import type { VerdictWords } from '../render/verdictText.js';
import { hasMessage, type Lang, plain } from './index.js';

export function textWords(lang: Lang): TextWords {
  const m = (key: string, args: Record<string, string | number> = {}) => plain(lang, key, args);
  return {
    parts: m('text-parts'),
    locals: m('text-locals'),
    upstream: m('text-upstream'),
    substituteBack: m('text-substitute-back'),
    result: m('text-result'),
    check: m('text-check'),
    notRun: m('text-not-run'),
    nothingToCheck: m('text-nothing-to-check'),
    where: m('text-where'),
    status: (s) => m(`text-status-${s}`),
    counts: (verified, refuted, unverifiable) => m('text-counts', { verified, refuted, unverifiable }),
    againstNumeric: m('text-against-numeric'),
    fromDefinition: (derivative, definition) => m('text-from-definition', { derivative, definition }),
    stepByStep: (derivative) => m('text-step-by-step', { derivative }),
  };
}

/** The verdict's words (src/render/verdictText.ts) in `lang`; a word without a message stays as is. */
export function verdictWords(lang: Lang): VerdictWords {
  const m = (key: string) => plain(lang, key);
  return {
    verdict: m('verdict-word'),
    expected: m('verdict-expected'),
    why: m('verdict-why'),
    word: (w) => (hasMessage(lang, `verdict-${w}`) ? m(`verdict-${w}`) : w),
    whereBothDefined: m('verdict-where-both-defined'),
  };
}
