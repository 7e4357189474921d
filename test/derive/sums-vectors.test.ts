// softmax, CE and logsumexp of a whole vector where one number is meant (issue 12): every op
// answers WHOLE_VECTOR with a message and the call's position (never INTERNAL), a derivative by a
// whole vector is WHOLE_VECTOR at `wrt` (never a silent 0), and a component evaluated at a point
// is UNEVALUATED with the written-out form. The uses that have a meaning still work.
import { describe, expect, it } from 'vitest';
import { runOp } from '../../src/api/run.js';
import type { OpName } from '../../src/api/schema/names.js';

/** [input, where the offending call starts, where it ends] */
const MISUSES: ReadonlyArray<readonly [string, number, number]> = [
  ['softmax(a)', 0, 10],
  ['softmax(a) + 1', 0, 10],
  ['2·softmax(a)', 2, 12],
  ['σ(softmax(a))', 2, 12],
  ['softmax(2x)', 0, 11],
  ['softmax(a + b)', 0, 14],
  ['x + CE(σ(a), t)', 4, 15],
  ['CE(y, 2t)', 0, 9],
  ['CE(softmax(a + b), t)', 3, 17],
  ['logsumexp(2a)', 0, 13],
  ['z = softmax(a); z + 1', 4, 14],
];

/** Each op with the request that carries the input (and what else it needs). */
const OPS: ReadonlyArray<readonly [OpName, (e: string) => Record<string, unknown>, string]> = [
  ['derive', (e) => ({ expr: e, wrt: 'a_1' }), 'expr'],
  ['simplify', (e) => ({ expr: e }), 'expr'],
  ['evaluate', (e) => ({ expr: e, at: { a: 1, a_1: 1, b: 2, x: 3, t: 1, y: 1 } }), 'expr'],
  ['latex', (e) => ({ expr: e }), 'expr'],
  ['parse', (e) => ({ expr: e }), 'expr'],
  ['graph', (e) => ({ expr: e, at: { a: 1, a_1: 1, b: 2, x: 3, t: 1, y: 1 } }), 'expr'],
  ['verify', (e) => ({ problem: { expr: e, wrt: 'a_1' }, answer: '1' }), 'problem.expr'],
  ['verify', (e) => ({ expected: e, answer: '1' }), 'expected'],
];

describe('a whole vector where one number is meant: WHOLE_VECTOR in every op, with its position', () => {
  const cases = OPS.flatMap(([op, req, field]) => MISUSES.map(([e, start, end]) => [`${op} ${field}: ${e}`, op, req(e), field, start, end] as const));
  it.each(cases)('%s', async (_label, op, req, field, start, end) => {
    let err: unknown;
    try {
      await runOp(op, req);
    } catch (e) {
      err = e;
    }
    expect(err, 'must be rejected').toMatchObject({ code: 'WHOLE_VECTOR', field });
    const e = err as { message: string; span?: { start: number; end: number } };
    expect(e.message).toMatch(/softmax|CE|logsumexp/);
    expect(e.span).toEqual({ start, end });
  });
});

describe('a derivative by a whole vector, and a component at a point', () => {
  it.each([
    ['CE(y, t)', 'y'],
    ['CE(softmax(a), t)', 'a'],
    ['logsumexp(a)', 'a'],
  ])('d/d%s… by %s is WHOLE_VECTOR at wrt, not 0', async (expr, wrt) => {
    await expect(runOp('derive', { expr, wrt })).rejects.toMatchObject({ code: 'WHOLE_VECTOR', field: 'wrt' });
  });
  it('softmax(a_1) at a point has no value without its K components: UNEVALUATED with the written-out form', async () => {
    await expect(runOp('evaluate', { expr: 'softmax(a_1)', at: { a_1: 1 } })).rejects.toMatchObject({ code: 'UNEVALUATED', message: expect.stringMatching(/e\^\(a_1\)\/\(e\^\(a_1\) \+ e\^\(a_2\)/) });
  });
  it('the uses with a meaning still work: a component, CE of a softmax, logsumexp by a component', async () => {
    const a = (await runOp('derive', { expr: 'softmax(a_j)', wrt: 'a_u' })) as { result: string };
    expect(a.result).toBe('softmax(a_j)*(kronecker(j, u) - softmax(a_u))');
    const b = (await runOp('derive', { expr: 'CE(softmax(a), t)', wrt: 'a_j' })) as { result: string };
    expect(b.result).toBe('softmax(a_j) - t_j');
    const c = (await runOp('derive', { expr: 'logsumexp(a)', wrt: 'a_j' })) as { result: string };
    expect(c.result).toBe('softmax(a_j)');
    expect(((await runOp('latex', { expr: 'softmax(a)_j' })) as { latex: string }).latex).toBe('\\operatorname{softmax}(a_{j})');
  });
});
