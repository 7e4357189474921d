// The terminal form of a verify response: the verdict and how it was decided, the expected
// answer when the student's is not correct, the findings, and for worked lines the first line
// that does not follow. Reads the typed response (a type-only import of the API's schema).
import type { ResponseOf } from '../api/schema/index.js';

export function formatVerdict(res: ResponseOf<'verify'>): string {
  // a correct answer that differs in domain says so on the verdict line (issue 10's decision)
  const where = res.verdict === 'correct' && res.domainDifference ? ' where both are defined' : '';
  const out = [`verdict: ${res.verdict}${where} (${res.method})`];
  if (res.premise) out.push(res.premise.text);
  const err = res.error;
  if (err) out.push(`the answer does not parse: ${err.code}: ${err.message}${err.position ? ` (column ${err.position.column})` : ''}`);
  if (res.expected && res.verdict !== 'correct') out.push(`expected: ${res.expected.text}`);
  for (const f of res.diagnosis) out.push(`- ${f.message} [${f.id}]`);
  if (res.reason && !res.diagnosis.some((f) => f.message.includes(res.reason!))) out.push(`why: ${res.reason}`);
  const lines = res.lines;
  if (lines) {
    out.push(lines.ok ? 'every line follows from the one before' : `line ${(lines.firstBad ?? 0) + 1} does not follow from the line before; fine: ${lines.fine.map((i) => i + 1).join(', ') || 'none'}`);
    for (const f of lines.findings ?? []) out.push(`- ${f.message}`);
  }
  return out.join('\n') + '\n';
}
