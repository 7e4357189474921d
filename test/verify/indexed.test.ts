// verify with answers written in index names (issue 12): a teacher checks a student's ∂L/∂w₁₁ of
// deck 004's network against the derived Σ form — sums expanded per instantiation
// (src/verify/indexed.ts), so y_1 of the expanded sum has a value. The refutations are re-evaluated
// here at the counterexample the op returns (no hard-coded verdict values).
import { describe, expect, it } from 'vitest';
import { OPS } from '../../src/api/ops.js';
import { instantiate } from '../../src/ast/indices.js';
import { numericValue } from '../../src/check/index.js';
import { mainExpr } from '../../src/parse/index.js';
import { parseTextProgram } from '../../src/parse/text.js';

const NET = 's_i = σ(Σ_{k=1}^{2} w_ik x_k); h_j = σ(Σ_{i=1}^{3} v_ji s_i); y_j = softmax(h_j); L = -Σ_{j=1}^{3} t_j log y_j';
/** The slide's answer, without the second sigmoid's h_i(1 − h_i) (deck 004 section 3's form). */
const SLIDE = 'Σ_{i=1}^{3} (y_i − t_i) v_i1 s_1 (1 − s_1) x_1';

type Verdict = { verdict: string; method: string; reason?: string; counterexample?: { point: Record<string, number>; student: number; expected: number } };
const verify = async (req: Record<string, unknown>) => (await OPS['verify']!(req)) as unknown as Verdict;
const expr = (s: string) => mainExpr(parseTextProgram(s));

describe("verify of deck 004's ∂L/∂w₁₁ against the derived answer (expected)", async () => {
  const derived = ((await OPS['derive']!({ expr: NET, wrt: 'w_11' })) as { result: string }).result;

  it('the derived answer, written by the student in the slide notation (Σ, other letter), is correct', async () => {
    const r = await verify({ expected: derived, answer: 'Σ_{k=1}^{3} x_1 s_1 (1 − s_1) v_k1 h_k (1 − h_k) (y_k − t_k)' });
    expect(r.verdict).toBe('correct');
  });

  it('the answer without h_i(1 − h_i) is incorrect, with a counterexample that holds', async () => {
    const r = await verify({ expected: derived, answer: SLIDE });
    expect(r.verdict).toBe('incorrect');
    const p = r.counterexample!.point;
    const at = (s: string) => numericValue(instantiate(expr(s), {}), p);
    expect(at(SLIDE)).toBeCloseTo(r.counterexample!.student, 9);
    expect(at(derived)).toBeCloseTo(r.counterexample!.expected, 9);
    expect(Math.abs(at(SLIDE) - at(derived))).toBeGreaterThan(1e-6);
  });

  it('a symbolic bound K is instantiated: reordered sums agree, a dropped factor is refuted at a named K', async () => {
    expect((await verify({ expected: 'Σ_{i=1}^{K} t_i log y_i', answer: 'Σ_{k=1}^{K} log(y_k) t_k' })).verdict).toBe('correct');
    const r = await verify({ expected: 'Σ_{i=1}^{K} t_i y_i', answer: 'Σ_{k=1}^{K} y_k' });
    expect(r.verdict).toBe('incorrect');
    expect(r.counterexample!.point['K']).toBe(3);
  });

  it('a free index and a δ: y_u(δ_ju − y_j) written two ways is correct, with the sign flipped incorrect', async () => {
    expect((await verify({ expected: 'y_u (δ_ju − y_j)', answer: 'y_u δ_ju − y_u y_j' })).verdict).toBe('correct');
    expect((await verify({ expected: 'y_u (δ_ju − y_j)', answer: 'y_u (y_j − δ_ju)' })).verdict).toBe('incorrect');
  });
});
