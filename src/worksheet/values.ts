// Numbers and verdicts as a worksheet shows them: exact when short (2, −3, 6/5 as 1.2), else four
// decimals (the CLI's tables do the same, docs/api.md); the worst of several verdicts.
import type { Status } from './model.js';

export interface Value {
  readonly value: number | string;
  readonly exact?: string;
}

/** A number given as text ("0.1", "-3", "1/10") as LaTeX. */
export function decimal(s: string): string {
  const t = s.trim();
  const frac = /^(-?)(\d+)\/(\d+)$/.exec(t);
  if (frac) return `${frac[1]}\\frac{${frac[2]}}{${frac[3]}}`;
  return t;
}

/** A value of an op response as LaTeX. */
export function num(v: Value | undefined | null): string {
  if (!v) return '';
  if (typeof v.value === 'string') return v.value === 'Infinity' ? '\\infty' : v.value === '-Infinity' ? '-\\infty' : '\\text{NaN}';
  if (v.exact && !v.exact.includes('/')) return v.exact;
  const x = v.value;
  // exactly representable in four decimals (6/5 → 1.2): print it so
  const r = Math.round(x * 1e4) / 1e4;
  if (v.exact && Math.abs(r - x) < 1e-12) return String(r);
  if (v.exact && v.exact.length <= 7) return decimal(v.exact);
  if (Number.isInteger(x)) return String(x);
  return x.toFixed(4).replace(/\.?0+$/, '') || '0';
}

const RANK: Record<Status, number> = { verified: 0, unverifiable: 1, refuted: 2 };

export function worst(all: readonly (Status | undefined)[]): Status {
  let w: Status = 'verified';
  for (const s of all) if (s && RANK[s] > RANK[w]) w = s;
  return w;
}
