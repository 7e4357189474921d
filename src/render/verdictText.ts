// The terminal form of a verify response: the verdict and how it was decided, the expected
// answer when the student's is not correct, the findings, and for worked lines the first line
// that does not follow. Reads the typed response (a type-only import of the API's schema).
import type { ResponseOf } from '../api/schema/index.js';

/** The words of the verdict's terminal form, English by default; the CLI passes another language's
 * (src/i18n/words.ts, `--lang`). Verdicts and methods are words too; ids stay as they are. */
export interface VerdictWords {
  readonly verdict: string;
  readonly expected: string;
  readonly why: string;
  readonly word: (w: string) => string;
  readonly whereBothDefined: string;
}

export const ENGLISH_VERDICT_WORDS: VerdictWords = { verdict: 'verdict', expected: 'expected', why: 'why', word: (w) => w, whereBothDefined: ' where both are defined' };

export function formatVerdict(res: ResponseOf<'verify'>, W: VerdictWords = ENGLISH_VERDICT_WORDS): string {
  // a correct answer that differs in domain says so on the verdict line (issue 10's decision)
  const where = res.verdict === 'correct' && res.domainDifference ? W.whereBothDefined : '';
  const out = [`${W.verdict}: ${W.word(res.verdict)}${where} (${W.word(res.method)})`];
  if (res.premise) out.push(res.premise.text);
  const err = res.error;
  if (err) out.push(`the answer does not parse: ${err.code}: ${err.message}${err.position ? ` (column ${err.position.column})` : ''}`);
  if (res.expected && res.verdict !== 'correct') out.push(`${W.expected}: ${res.expected.text}`);
  for (const f of res.diagnosis) out.push(`- ${f.message} [${f.id}]`);
  if (res.reason && !res.diagnosis.some((f) => f.message.includes(res.reason!))) out.push(`${W.why}: ${res.reason}`);
  const lines = res.lines;
  if (lines) {
    out.push(lines.ok ? 'every line follows from the one before' : `line ${(lines.firstBad ?? 0) + 1} does not follow from the line before; fine: ${lines.fine.map((i) => i + 1).join(', ') || 'none'}`);
    for (const f of lines.findings ?? []) out.push(`- ${f.message}`);
  }
  return out.join('\n') + '\n';
}
