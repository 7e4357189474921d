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
