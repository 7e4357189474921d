// Definitions by index whose class count K is only in the definitions' own sums (y_j = softmax(a_j)
// is e^{a_j}/Σ_{k=1}^{K} e^{a_k}): the checks instantiate K from the definitions too. Both forms of
// SEEDS.md G5 failed with UNEVALUATED ("a sum over k needs integer bounds"), no position.
import { describe, expect, it } from 'vitest';
import { runOp } from '../../src/api/run.js';

type R = { unicode?: string; check?: { status: string } };

describe('G5 through definitions by index, K symbolic', () => {
  it.each([
    ['y_j = softmax(a_j); L = CE(y, t)', 'y₁ − t₁'],
    ['y_j = softmax(a_j); L = -Σ_{i=1}^{K} t_i log y_i', 'y₁ − t₁'],
  ])('%s by a_1: %s, verified', async (expr, unicode) => {
    const r = (await runOp('derive', { expr, wrt: 'a_1' })) as R;
    expect(r.unicode).toBe(unicode);
    expect(r.check?.status).toBe('verified');
  });
});

// A component by which a definition is differentiated when the definition names its vector (a_i
// under Σ_i, a in CE(softmax(a), t), softmax(a_2)): answered 0 (refuted), or WRT_NOT_IN_EXPRESSION.
describe('a component of a vector through definitions', () => {
  it.each([
    ['L = Σ_{i=1}^{3} a_i^2', '2a₁'],
    ['L = CE(softmax(a), t)', 'softmax(a₁) − t₁'],
    ['softmax(a_2)', '−(softmax(a₂)·softmax(a₁))'],
    ['y_2 = softmax(a_2); L = -log y_2', 'softmax(a₁)'],
    ['z_j = 2 a_j; L = CE(softmax(z), t)', '(softmax(z₁) − t₁)·2'],
  ])('%s by a_1: %s, verified', async (expr, unicode) => {
    for (const steps of ['none', 'textbook'] as const) {
      const r = (await runOp('derive', { expr, wrt: 'a_1', steps })) as R;
      expect(r.unicode).toBe(unicode);
      expect(r.check?.status).toBe('verified');
    }
  });
});
