// Every `expr` of ../shared/conformance/mathjs-*.jsonl parses, and evaluates to the same value as
// mathjs at seeded random points. Where chainrule's documented notation (docs/notation.md) reads
// an input differently from mathjs, the case is listed in NOTATION_DIFFERENCES with the reason,
// and the test asserts that it really differs (so the list cannot go stale).
import * as math from 'mathjs';
import { describe, expect, it } from 'vitest';
import { freeSymbols } from '../../src/ast/traverse.js';
import { mulberry32, uniform } from '../../src/numeric/random.js';
import { evaluate } from '../../src/numeric/float.js';
import { mainExpr } from '../../src/parse/index.js';
import { parseTextProgram } from '../../src/parse/text.js';
import { HAS_SHARED, readJsonl } from '../helpers/shared.js';

interface Case {
  expr: string;
}

const NOTATION_DIFFERENCES: Record<string, string> = {
  '8 / 5n': 'juxtaposition binds tighter than / in chainrule: 8/(5n); mathjs reads (8/5)·n when a number follows /',
};

const cases = HAS_SHARED ? [...readJsonl<Case>('mathjs-derivative.jsonl'), ...readJsonl<Case>('mathjs-simplify.jsonl')] : [];
const exprs = [...new Set(cases.map((c) => c.expr))];

/** Compare at up to 8 points where both sides are real and finite; returns [agree, compared]. */
function compare(expr: string): { agree: boolean; compared: number; detail: string } {
  const tree = mainExpr(parseTextProgram(expr));
  const vars = freeSymbols(tree);
  const rng = mulberry32(12345);
  const compiled = math.compile(expr);
  let compared = 0;
  for (let k = 0; k < 40 && compared < 8; k++) {
    const at: Record<string, number> = {};
    for (const v of vars) at[v] = uniform(rng, 0.1, 3) * (rng() < 0.3 ? -1 : 1);
    const ours = evaluate(tree, at);
    let theirs: unknown;
    try {
      theirs = compiled.evaluate({ ...at });
    } catch {
      continue;
    }
    if (!ours.ok || typeof theirs !== 'number' || !Number.isFinite(theirs) || !Number.isFinite(ours.value)) continue;
    compared++;
    const tol = 1e-9 * Math.max(1, Math.abs(theirs));
    if (Math.abs(ours.value - theirs) > tol) return { agree: false, compared, detail: `at ${JSON.stringify(at)}: chainrule ${ours.value}, mathjs ${theirs}` };
  }
  return { agree: true, compared, detail: '' };
}

describe.skipIf(!HAS_SHARED)('conformance: parse and evaluate like mathjs', () => {
  it('has cases', () => expect(exprs.length).toBeGreaterThan(100));
  it.each(exprs.filter((e) => !(e in NOTATION_DIFFERENCES)))('%s', (expr) => {
    const r = compare(expr);
    expect(r.detail).toBe('');
    expect(r.agree).toBe(true);
    expect(r.compared).toBeGreaterThan(0);
  });
  it.each(Object.entries(NOTATION_DIFFERENCES).filter(([e]) => exprs.includes(e)))('differs by design: %s (%s)', (expr) => {
    expect(compare(expr).agree).toBe(false);
  });
});
