// No cliffs (issue 15 §3): past n ≈ 12 the rational normal form of the one-expression network's
// derivative runs out of the algebra's work budget; the simplifier then makes the textbook moves
// alone (combine the leading fractions, cancel σ(1 − σ)), so the result is factored at every depth,
// never the raw −(y/σ(…) − (1 − y)/(1 − σ(…)))·σ(…)(1 − σ(…))·… . Results and verdicts only.
import { describe, expect, it } from 'vitest';
import { checkDerivative, checkEquivalent } from '../../src/check/index.js';
import { derive } from '../../src/derive/derive.js';
import { parseTextProgram } from '../../src/parse/text.js';
import { toText } from '../../src/render/index.js';

function network(n: number): string {
  let a = 'x';
  for (let i = 1; i <= n; i++) a = `σ(w${i} ${a} + b${i})`;
  return `BCE(${a}, y)`;
}

describe('the one-expression network, derive + simplify of the whole', () => {
  it.each([12, 13, 16, 24])('n = %i: factored, (σ(…) − y)·w_n·…, equal to the derivative', (n) => {
    const e = parseTextProgram(network(n)).program.body!;
    const d = derive(e, 'w_1');
    const text = toText(d.result);
    expect(text.startsWith(`(sigmoid(w_${n}*sigmoid(`)).toBe(true);
    expect(text).not.toContain('y/sigmoid(');
    expect(checkDerivative(e, 'w_1', d.result).status).toBe('verified');
  });
  it('the moves made without a normal form are steps of their own, each an identity', () => {
    const e = parseTextProgram(network(13)).program.body!;
    const d = derive(e, 'w_1');
    const moves = d.steps.filter((s) => s.rule === 'simp.cancel' || s.rule === 'simp.combine-fractions');
    expect(moves.length).toBeGreaterThan(0);
    for (const s of moves) expect(checkEquivalent(s.before, s.after).status).not.toBe('refuted');
  });
});
