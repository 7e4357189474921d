// Which argument of a loss is the prediction is said by every door that differentiates, not only
// derive and verify: graph and descend gave "verified" gradients of BCE(y, ŷ) with no note (SEEDS.md
// G2 asks for the swap to be flagged); and over several variables a bare input as the prediction
// with a label computed from the variables is flagged too.
import { describe, expect, it } from 'vitest';
import { runOp } from '../../src/api/run.js';

type R = { readings?: Array<{ code: string; message: string }> };
const codes = (r: R) => (r.readings ?? []).map((x) => x.code);

describe('argument-role readings in graph and descend', () => {
  it('graph of BCE(y, ŷ): ARGUMENT_ROLES and ARGUMENT_ROLES_SUSPICIOUS', async () => {
    const r = (await runOp('graph', { expr: 'ŷ = σ(w0 + w1 x1 + w2 x2); L = BCE(y, ŷ)', at: { w0: -3, w1: 2, w2: -3, x1: -1, x2: -2, y: 0.9 } })) as R;
    expect(codes(r)).toEqual(['ARGUMENT_ROLES', 'ARGUMENT_ROLES_SUSPICIOUS']);
    expect(r.readings![1]!.message).toContain('w_1');
  });
  it('graph of BCE(ŷ, y): the roles only', async () => {
    const r = (await runOp('graph', { expr: 'ŷ = σ(w0 + w1 x1 + w2 x2); L = BCE(ŷ, y)', at: { w0: -3, w1: 2, w2: -3, x1: -1, x2: -2, y: 0.9 } })) as R;
    expect(codes(r)).toEqual(['ARGUMENT_ROLES']);
  });
  it('descend of Σ_i BCE(y_i, σ(w x_i)): flagged', async () => {
    const r = (await runOp('descend', { expr: 'L = Σ_i BCE(y_i, σ(w x_i))', data: 'x=1,2; y=0.2,0.7', start: 'w=0', rate: 0.1 })) as R;
    expect(codes(r)).toEqual(['ARGUMENT_ROLES', 'ARGUMENT_ROLES_SUSPICIOUS']);
  });
  it('derive over every input: a bare prediction with a computed label is flagged; BCE(p, y) is not', async () => {
    const a = (await runOp('derive', { expr: 'ŷ = σ(w0 + w1 x1); L = BCE(y, ŷ)', steps: 'none' })) as R;
    expect(codes(a)).toContain('ARGUMENT_ROLES_SUSPICIOUS');
    const b = (await runOp('derive', { expr: 'BCE(p, y)', steps: 'none' })) as R;
    expect(codes(b)).toEqual(['ARGUMENT_ROLES']);
    const c = (await runOp('derive', { expr: 'z = wx+b; y = σ(z); L = BCE(y, ŷ)', steps: 'none' })) as R;
    expect(codes(c)).toEqual(['ARGUMENT_ROLES']);
  });
});
