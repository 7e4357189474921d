// Korean particles after a name or number (은/는, 이/가, 을/를, 과/와, 으로/로): the form depends on
// whether the last syllable, as read aloud, ends in a consonant (받침) — and for 으로/로 whether that
// consonant is ㄹ. Variable names are read the Korean way (w 더블유, l 엘, 1 일, σ 시그마), so the
// last letter or digit decides. Registered as the Fluent function JOSA (src/i18n/index.ts).

/** Final consonant of the last sound: 'none', 'rieul' (ㄹ) or 'other'. */
type Final = 'none' | 'rieul' | 'other';

// Korean readings of digits: 영 일 이 삼 사 오 육 칠 팔 구
const DIGIT: Record<string, Final> = { 0: 'other', 1: 'rieul', 2: 'none', 3: 'other', 4: 'none', 5: 'none', 6: 'other', 7: 'rieul', 8: 'rieul', 9: 'none' };
// Latin letters read as 엘 (l), 엠 (m), 엔 (n), 알 (r) end in a consonant; the others (에이, 비, 더블유, …) do not.
const LATIN: Record<string, Final> = { l: 'rieul', m: 'other', n: 'other', r: 'rieul' };
// Greek letters ending in a consonant when read in Korean: ε 엡실론, ο 오미크론, υ 입실론.
const GREEK: Record<string, Final> = { ε: 'other', ϵ: 'other', ο: 'other', υ: 'other' };
const SUB_SUP: Record<string, string> = {
  '₀': '0', '₁': '1', '₂': '2', '₃': '3', '₄': '4', '₅': '5', '₆': '6', '₇': '7', '₈': '8', '₉': '9',
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9',
};

/** How the last sound of `word` ends (marks, brackets, primes and spaces are skipped). */
export function finalSound(word: string): Final {
  const chars = [...word.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC')];
  for (let i = chars.length - 1; i >= 0; i--) {
    let c = chars[i]!;
    c = SUB_SUP[c] ?? c;
    const code = c.codePointAt(0)!;
    if (code >= 0xac00 && code <= 0xd7a3) {
      const jong = (code - 0xac00) % 28;
      return jong === 0 ? 'none' : jong === 8 ? 'rieul' : 'other';
    }
    if (/[0-9]/.test(c)) return DIGIT[c]!;
    if (/[a-zA-Z]/.test(c)) return LATIN[c.toLowerCase()] ?? 'none';
    if (/\p{Script=Greek}/u.test(c)) return GREEK[c.toLowerCase()] ?? 'none';
    // anything else (brackets, ′, _, spaces, operators) is silent: look further left
  }
  return 'none';
}

/** The pairs, named by their form after a consonant. */
const PAIRS: Record<string, readonly [consonant: string, vowel: string]> = {
  은: ['은', '는'],
  이: ['이', '가'],
  을: ['을', '를'],
  과: ['과', '와'],
  으로: ['으로', '로'],
};

/** The particle `form` (은, 이, 을, 과, 으로) that follows `word`. */
export function particle(word: string, form: string): string {
  const pair = PAIRS[form];
  if (!pair) throw new Error(`unknown particle ${form}`);
  const f = finalSound(word);
  // 으로/로: ㄹ takes 로 like a vowel (길로, 일로)
  if (form === '으로') return f === 'other' ? pair[0] : pair[1];
  return f === 'none' ? pair[1] : pair[0];
}
