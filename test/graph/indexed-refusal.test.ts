// Graphs of deck 004's network written by index (s_i = …, Σ_{j=1}^{3}) are not drawn yet: the
// graph and descend ops refuse them by name (UNSUPPORTED_INDEX) at the family's name or the sum,
// saying what to do instead — not the data-sum reading's misleading errors.
import { describe, expect, it } from 'vitest';
import { OPS } from '../../src/api/ops.js';

const NET = 's_i = σ(Σ_{k=1}^{2} w_ik x_k); h_j = σ(Σ_{i=1}^{3} v_ji s_i); y_j = softmax(h_j); L = -Σ_{j=1}^{3} t_j log y_j';

describe('graph of definitions by index', () => {
  it.each([
    ['the network', { expr: NET }, { start: 0, end: 3 }, /definitions by index \(s_i = …\)/],
    ['the network, with a point', { expr: NET, at: 'w_11=1' }, { start: 0, end: 3 }, /definitions by index/],
    ['the network, with data', { expr: NET, data: 'x=1,2' }, { start: 0, end: 3 }, /definitions by index/],
    ['a sum over an index with bounds', { expr: 'L = -Σ_{j=1}^{3} t_j log y_j' }, { start: 5, end: 28 }, /sums over an index with bounds/],
  ])('%s: UNSUPPORTED_INDEX, positioned, saying what to do instead', async (_, req, span, what) => {
    const err = await OPS['graph']!(req).then(() => undefined, (e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNSUPPORTED_INDEX', field: 'expr', span });
    const msg = (err as Error).message;
    expect(msg).toMatch(what);
    expect(msg).toMatch(/not drawn yet/);
    expect(msg).toMatch(/derive/);
    expect(msg).toMatch(/shapes/);
  });

  it('descend of the network is refused alike; per-row definitions over data are not', async () => {
    await expect(OPS['descend']!({ expr: NET, data: 'x=1,2', start: 'w_11=1', rate: 0.1, steps: 1 })).rejects.toMatchObject({ code: 'UNSUPPORTED_INDEX' });
    const r = (await OPS['descend']!({ expr: 'yhat_i = a x_i + b; L = Σ_i (y_i - yhat_i)^2', data: 'x=-2,0,1; y=-1,1,2', start: 'a=2, b=1', rate: 0.1, steps: 1 })) as { rows: unknown[] };
    expect(r.rows.length).toBeGreaterThan(0);
  });
});
