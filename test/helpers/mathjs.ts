// Comparing chainrule's answers with mathjs's (test/conformance). mathjs reads and evaluates its own
// answer text, so its notation (log = natural log, `2 x` implicit, float constants such as
// 0.4342…) never passes through our parser; chainrule evaluates its own tree. Points are seeded,
// so a failure always names the same point; a point counts only where the input and both answers
// are real and finite (the derivative of a function exists only where the function does).
import * as math from 'mathjs';
import type { Expr } from '../../src/ast/nodes.js';
import { freeSymbols, leafCount } from '../../src/ast/traverse.js';
import { mulberry32, uniform } from '../../src/numeric/random.js';
import { evaluate } from '../../src/numeric/float.js';
import { toText } from '../../src/render/index.js';

export interface Agreement {
  readonly agree: boolean;
  /** points where all three were real and finite */
  readonly compared: number;
  /** the first point of disagreement, or '' */
  readonly detail: string;
}

/** Up to 8 points, from at most 400 draws: |v| in [0.1, 3) with either sign (the default range of
 * src/numeric/sample.ts), which leaves enough points even for atanh(2x)'s (−1/2, 1/2). */
const POINTS = 8;
const DRAWS = 400;
/** Both sides are float64 evaluations of exact formulas; mathjs's float constants (log(10) as
 * 2.302585092994046) are correctly rounded, so 1e-9 relative leaves room only for rounding. */
const RTOL = 1e-9;

function real(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Does chainrule's `ours` have the value of mathjs's answer text `theirs` wherever `input` and both are real? */
export function agreeWithMathjs(input: Expr, ours: Expr, theirs: string, seed = 12345): Agreement {
  const vars = [...new Set([...freeSymbols(input), ...freeSymbols(ours)])].sort();
  const compiled = math.compile(theirs);
  const rng = mulberry32(seed);
  let compared = 0;
  for (let k = 0; k < DRAWS && compared < POINTS; k++) {
    const at: Record<string, number> = {};
    for (const v of vars) at[v] = uniform(rng, 0.1, 3) * (rng() < 0.5 ? -1 : 1);
    const x = evaluate(input, at);
    const a = evaluate(ours, at);
    if (!x.ok || !a.ok || real(x.value) === undefined || real(a.value) === undefined) continue;
    let b: number | undefined;
    try {
      b = real(compiled.evaluate({ ...at }));
    } catch {
      continue;
    }
    if (b === undefined) continue;
    compared++;
    if (Math.abs(a.value - b) > RTOL * Math.max(1, Math.abs(b))) {
      return { agree: false, compared, detail: `at ${JSON.stringify(at)}: chainrule ${a.value}, mathjs ${b}` };
    }
  }
  return { agree: true, compared, detail: '' };
}

export interface SizeRow {
  readonly expr: string;
  readonly ours: Expr;
  readonly mathjs: string;
  readonly mathjsLeaves: number;
  readonly reason?: string;
}

/** A plain-text table of the rows where chainrule's answer has more leaves than mathjs's. */
export function largerTable(title: string, rows: readonly SizeRow[]): string {
  const larger = rows.filter((r) => leafCount(r.ours) > r.mathjsLeaves);
  const head = ['expr', 'chainrule', 'leaves', 'mathjs', 'mathjs leaves', 'why'];
  const body = larger.map((r) => [r.expr, toText(r.ours), String(leafCount(r.ours)), r.mathjs, String(r.mathjsLeaves), r.reason ?? '']);
  const lines = [head, ...body].map((cells) => `| ${cells.join(' | ')} |`);
  lines.splice(1, 0, `|${head.map(() => '---').join('|')}|`);
  const rate = rows.filter((r) => leafCount(r.ours) <= r.mathjsLeaves).length;
  const summary = `${title}: no larger than mathjs on ${rate}/${rows.length} (${((100 * rate) / rows.length).toFixed(1)} %)`;
  return larger.length ? `${summary}; larger:\n${lines.join('\n')}` : `${summary}; none larger`;
}

/** Share of rows where chainrule's answer has at most mathjs's leaf count. */
export function noLargerRate(rows: readonly SizeRow[]): number {
  return rows.filter((r) => leafCount(r.ours) <= r.mathjsLeaves).length / rows.length;
}
