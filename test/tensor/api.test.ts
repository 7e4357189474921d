// Matrices through the ops (issue 12 items 3–8): `derive`, `verify` and `graph` with `shapes`, as
// the batch protocol answers them (every response validated against its op's response schema),
// and the CLI's `--shapes`. The goldens (G4, G5, the affine rules, least squares) at m = 1 and
// m = 4; the table of mis-shaped expressions, each rejected by the derive op with its named error.
import { Writable } from 'node:stream';
import katex from 'katex';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { handleRequest } from '../../src/api/run.js';
import { main } from '../../src/api/cliMain.js';
import { OP_SCHEMAS, type OpName } from '../../src/api/schema/index.js';
import { MISSHAPED, MISSHAPED_SHAPES } from './misshaped.js';

// biome-ignore lint/suspicious/noExplicitAny: responses are JSON read by path in the assertions
type Res = Record<string, any>;

async function ask(request: Record<string, unknown>): Promise<Res> {
  // as sent on the wire: an undefined field is absent
  const req = JSON.parse(JSON.stringify(request)) as Record<string, unknown>;
  const res = JSON.parse(JSON.stringify(await handleRequest(req))) as Res;
  if (res['ok'] === true) {
    const { id: _id, ok: _ok, ...payload } = res;
    expect([...Value.Errors(OP_SCHEMAS[req['op'] as OpName].response, payload)].slice(0, 3), `${String(req['op'])} response schema`).toEqual([]);
  }
  return res;
}

/** Every step of a gradient verified at each batch size given. */
function expectChecked(g: Res, batches: number[] = [1, 4]) {
  expect(g['check']).toBe('verified');
  expect(g['checkedAt'].map((d: Res) => d['m'])).toEqual(batches);
  for (const s of g['steps']) {
    expect(s.check?.status, s.unicode).toBe('verified');
    expect(s.check.checks.map((c: Res) => c.dims.m)).toEqual(batches);
  }
}

const ISSUE = {
  op: 'derive', expr: 'L', wrt: 'W1',
  given: 'a = X W1 + b1; S = σ(a); c = S W2 + b2; P = softmax(c); L = CE(P, T)',
  shapes: { X: '4x2', W1: '2x3', b1: '1x3', W2: '3x3', b2: '1x3', T: '4x3' },
};
const G5 = { given: ISSUE.given, shapes: { X: 'm×2', W1: '2x3', b1: '1x3', W2: '3x3', b2: '1x3', T: 'm×3' } };
const G4 = {
  given: 'a = W1 X + b1; S = σ(a); c = W2 S + b2; P = σ(c); L = BCE(P, T)',
  shapes: { X: '2×m', W1: '3x2', b1: '3x1', W2: '1x3', b2: '1x1', T: '1×m' },
};

describe('derive with shapes', () => {
  it('the issue request: matrix steps beside the index form, checked at m = 1 and m = 4, the shape of the variable', async () => {
    const r = await ask(ISSUE);
    expect(r).toMatchObject({ ok: true, form: 'matrix', loss: 'L', wrt: 'W1', shape: '2×3', shapeNote: '∂L/∂W1 has the shape of W1: 2×3' });
    expect(r['unicode']).toBe('Xᵀ (((P − T) W₂ᵀ) ⊙ S ⊙ (1 − S))');
    expect(r['steps'].map((s: Res) => s.rule)).toEqual([
      'tensor.seed', 'tensor.ce', 'tensor.softmax-rows', 'tensor.softmax-ce', 'tensor.matmul-left', 'tensor.sigmoid', 'tensor.matmul-right', 'tensor.gradient-shape',
    ]);
    const last = r['steps'].at(-2);
    expect([last.unicode, last.index, last.link]).toEqual(['∂L/∂W₁ = Xᵀ ∂L/∂a', '(∂L/∂W₁)ᵢⱼ = Σₖ Xₖᵢ (∂L/∂a)ₖⱼ', '(∂L/∂W₁)ᵢⱼ = Σₖ (Xᵀ)ᵢₖ (∂L/∂a)ₖⱼ = Σₖ Xₖᵢ (∂L/∂a)ₖⱼ']);
    expect(r['steps'][3].premise).toContain('each row of the target T sums to 1');
    // declared 4 samples: checked with the batch symbolic at m = 1 and m = 4
    expectChecked(r);
    expect(r['shapes']).toMatchObject({ a: '4×3', P: '4×3', L: '1×1' });
    // the two bias broadcasts and softmax per row, each pointing into `given`
    expect(r['readings'].map((x: Res) => [x.code, x.field, x.read])).toEqual([['BROADCAST_ROWS', 'given', '+'], ['BROADCAST_ROWS', 'given', '+'], ['SOFTMAX_ROWS', 'given', 'softmax(c)']]);
  });

  it('G5 (one sample per row): every gradient, each checked at m = 1 and m = 4', async () => {
    const r = await ask({ op: 'derive', expr: 'L', wrt: ['W1', 'b1', 'W2', 'b2'], ...G5 });
    expect(Object.fromEntries(Object.entries(r['gradient'] as Res).map(([k, g]) => [k, [g.shape, g.expanded.unicode]]))).toEqual({
      W1: ['2×3', 'Xᵀ (((P − T) W₂ᵀ) ⊙ S ⊙ (1 − S))'],
      b1: ['1×3', 'sum(((P − T) W₂ᵀ) ⊙ S ⊙ (1 − S), rows)'],
      W2: ['3×3', 'Sᵀ (P − T)'],
      b2: ['1×3', 'sum(P − T, rows)'],
    });
    for (const g of Object.values(r['gradient'] as Res)) expectChecked(g);
  });

  it('G4 in matrix form (one sample per column, deck 003): every gradient at m = 1 and m = 4', async () => {
    const r = await ask({ op: 'derive', expr: 'L', ...G4 });
    expect(Object.keys(r['gradient'])).toEqual(['X', 'W1', 'b1', 'W2', 'b2', 'T']);
    expect(r['gradient'].W1.expanded.unicode).toBe('((W₂ᵀ (P − T)) ⊙ S ⊙ (1 − S)) Xᵀ');
    expect(r['gradient'].b1.expanded.unicode).toBe('sum((W₂ᵀ (P − T)) ⊙ S ⊙ (1 − S), cols)');
    for (const g of Object.values(r['gradient'] as Res)) expectChecked(g);
  });

  it('G4 declared with 4 concrete samples per column: the columns are the batch', async () => {
    const r = await ask({ op: 'derive', expr: 'L', wrt: 'W1', ...G4, shapes: { ...G4.shapes, X: '2x4', T: '1x4' } });
    expect(r['shape']).toBe('3×2');
    expectChecked(r);
  });

  it('one sample (m = 1 declared): checked at the declared shapes', async () => {
    const r = await ask({ ...ISSUE, shapes: { ...ISSUE.shapes, X: '1x2', T: '1x3' } });
    expect(r['check']).toBe('verified');
    expect(r['checkedAt']).toEqual([{}]);
  });

  it.each([
    ['W', 'Xᵀ (P − T)', 'tensor.matmul-right'],
    ['b', 'sum(P − T, rows)', 'tensor.broadcast-rows'],
    ['X', '(P − T) Wᵀ', 'tensor.matmul-left'],
  ])('the affine-layer rule for ∂L/∂%s', async (wrt, expanded, rule) => {
    const r = await ask({ op: 'derive', expr: 'L', wrt, given: 'Y = X W + b; P = softmax(Y); L = CE(P, T)', shapes: { X: 'm×n', W: 'n×k', b: '1×k', T: 'm×k' } });
    expect(r['expanded'].unicode).toBe(expanded);
    expect(r['steps'].at(-2).via).toEqual(['tensor.add', rule]);
    expectChecked(r);
  });

  it('least squares: ∂E/∂β = −2Xᵀ(Y − Xβ), and β̂ = (XᵀX)⁻¹XᵀY as steps', async () => {
    const r = await ask({ op: 'derive', expr: '(Y - X β)ᵀ (Y - X β)', wrt: 'β', shapes: { X: 'm×n', Y: 'm×1', β: 'n×1' } });
    expect(r['unicode']).toBe('−2 Xᵀ (Y − X β)');
    expectChecked(r);
    expect(r['normalEquations'].solution.unicode).toBe('(Xᵀ X)⁻¹ Xᵀ Y');
    expect(r['normalEquations'].steps.at(-1).unicode).toBe('β̂ = (Xᵀ X)⁻¹ Xᵀ Y');
    expect(r['normalEquations'].check).toBe('verified');
  });

  it('check: false skips the checks', async () => {
    const r = await ask({ ...ISSUE, check: false });
    expect(r['check']).toBe('skipped');
    expect(r['steps'].every((s: Res) => s.check === undefined)).toBe(true);
  });

  it.each([
    ['a shape mismatch in given', { ...ISSUE, given: 'a = W1 X + b1; L = sum(a)' }, 'SHAPE_MATMUL', 'given', 'W1 X'],
    ['a mismatch in expr', { ...ISSUE, given: undefined, expr: 'CE(softmax(X W1), Tᵀ)' }, 'SHAPE_LOSS', 'expr', undefined],
    ['a bad shape', { ...ISSUE, shapes: { ...ISSUE.shapes, X: '4x' } }, 'SHAPE_BAD', 'shapes', undefined],
    ['an unknown wrt', { ...ISSUE, wrt: 'W9' }, 'WRT_NOT_IN_EXPRESSION', 'wrt', undefined],
    ['a loss that is not 1×1', { ...ISSUE, expr: 'a' }, 'SHAPE_NOT_SCALAR', 'expr', undefined],
    ['order 2', { ...ISSUE, order: 2 }, 'BAD_REQUEST', 'order', undefined],
  ])('%s is ok:false with its named error', async (_name, req, code, field, read) => {
    const r = await ask(req as Record<string, unknown>);
    expect(r).toMatchObject({ ok: false, error: { code, field } });
    if (read) {
      const p = r['error'].position;
      expect(String((req as Res)[field]).slice(p.offset, p.end)).toBe(read.split(' ')[1]);
    }
  });
});

describe('the mis-shaped table through the derive op', () => {
  it('has at least 50 rows', () => expect(MISSHAPED.length).toBeGreaterThanOrEqual(50));
  it.each(MISSHAPED)('%s → %s', async (expr, code) => {
    const r = await ask({ op: 'derive', expr: `sum(${expr})`, wrt: 'X', shapes: MISSHAPED_SHAPES });
    expect(r).toMatchObject({ ok: false, error: { code, field: 'expr' } });
    const p = r['error'].position;
    expect(p.offset).toBeGreaterThanOrEqual(4);
    expect(p.end).toBeLessThanOrEqual(expr.length + 4);
  });
});

describe('verify with shapes', () => {
  const problem = { expr: 'P = softmax(X W + b); L = CE(P, T)', wrt: 'W' };
  const shapes = { X: 'm×2', W: '2x3', b: '1x3', T: 'm×3' };
  const v = (answer: string) => ask({ op: 'verify', problem, shapes, answer });

  it('a right matrix answer', async () => {
    expect(await v('Xᵀ(P − T)')).toMatchObject({ ok: true, verdict: 'correct', method: 'matrix', expected: { text: 'Xᵀ (P − T)' }, matrix: { shape: '2×3' }, diagnosis: [] });
  });
  it('a product that does not fit: the missing transpose is named', async () => {
    const r = await v('X(P − T)');
    expect(r).toMatchObject({ verdict: 'incorrect', diagnosis: [{ id: 'MISSING_TRANSPOSE' }] });
    expect(r['diagnosis'][0].message).toContain('X (m×2) · (P − T) (m×3)');
    expect(() => katex.renderToString(r['diagnosis'][0].latex, { throwOnError: true, strict: 'ignore' })).not.toThrow();
  });
  it('the transposed gradient: its shape, and the transpose that fixes it', async () => {
    expect((await v('(P − T)ᵀ X'))['diagnosis'].map((f: Res) => f.id)).toEqual(['GRADIENT_SHAPE', 'MISSING_TRANSPOSE']);
  });
  it('the element-wise softmax shortcut is named', async () => {
    expect(await v('Xᵀ (P ⊙ (1 − P) ⊙ (−T ⊘ P))')).toMatchObject({ verdict: 'incorrect', diagnosis: [{ id: 'SOFTMAX_ELEMENTWISE' }] });
  });
  it('a shape mismatch in the answer is ok:false naming both operands and their shapes', async () => {
    const r = await v('Xᵀ(P − T) + X');
    expect(r).toMatchObject({ ok: false, error: { code: 'SHAPE_ADD', field: 'answer', position: { offset: 10, end: 11 } } });
    expect(r['error'].message).toBe('Xᵀ (P − T) (2×3) + X (m×2): a sum needs two matrices of the same shape.');
  });
  it('an answer that does not read is a verdict, as for scalars', async () => {
    expect(await v('Xᵀ(P − T')).toMatchObject({ ok: true, verdict: 'incorrect', method: 'parse-error', error: { code: 'UNBALANCED_PAREN' } });
  });
  it('a problem ending in an expression', async () => {
    expect(await ask({ op: 'verify', problem: { expr: 'CE(softmax(X W + b), T)', wrt: 'W' }, shapes, answer: 'Xᵀ (softmax(X W + b) − T)' })).toMatchObject({ verdict: 'correct' });
  });
  it('without a problem it is a bad request', async () => {
    expect(await ask({ op: 'verify', expected: 'Xᵀ (P − T)', shapes, answer: 'Xᵀ(P − T)' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

describe('graph with shapes', () => {
  const req = { op: 'graph', expr: ISSUE.given, shapes: ISSUE.shapes };
  it('matrix nodes with their shapes and values, the fused softmax + CE gate with local gradient P − T', async () => {
    const r = await ask(req);
    expect(r).toMatchObject({ ok: true, form: 'matrix', loss: 'L', granularity: 'standard' });
    expect(r['nodes'].map((n: Res) => [n.id, n.shape, n.gate])).toEqual([
      ['X', '4×2', 'input'], ['W1', '2×3', 'input'], ['b1', '1×3', 'input'], ['W2', '3×3', 'input'], ['b2', '1×3', 'input'], ['T', '4×3', 'input'],
      ['a', '4×3', 'add'], ['S', '4×3', 'σ'], ['c', '4×3', 'add'], ['L', '1×1', 'softmax + CE'],
    ]);
    const fused = r['nodes'].at(-1);
    expect(fused.local).toBe('∂L/∂c = P − T');
    expect(fused.fused.premise).toContain('sums to 1');
    expect(r['nodes'][0].value).toHaveLength(4);
  });
  it('primitive granularity: a softmax gate and a CE gate', async () => {
    const r = await ask({ ...req, granularity: 'primitive' });
    const p = r['nodes'].find((n: Res) => n.id === 'P');
    expect([p.gate, p.local]).toEqual(['softmax (each row)', 'each row p of P: ∂p/∂c = diag(p) − p pᵀ, so ∂L/∂c = P ⊙ (∂L/∂P − sum(∂L/∂P ⊙ P, cols) 𝟏ᵀ)']);
    expect(r['nodes'].at(-1)).toMatchObject({ gate: 'CE', local: '∂L/∂P = −T ⊘ P' });
  });
  it('given values are the forward pass: ∂L/∂c = P − T entry by entry', async () => {
    const values = { X: [[1, 2]], W1: [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], b1: [[0, 0, 0]], W2: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], b2: [[0, 0, 0]], T: [[0, 1, 0]] };
    const r = await ask({ ...req, shapes: { ...ISSUE.shapes, X: 'm×2', T: 'm×3' }, granularity: 'primitive', values });
    const node = (id: string) => r['nodes'].find((n: Res) => n.id === id);
    const P = node('P').value[0];
    node('c').grad[0].forEach((g: number, j: number) => expect(g).toBeCloseTo(P[j] - values.T[0]![j]!, 12));
  });
  it('inputs given as "at" are a clear error (matrices take "values")', async () => {
    expect(await ask({ ...req, at: 'X=1' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'at' } });
  });
  it('a matrix graph has no frames: a clear error (its pictures: test/graph/matrixPictures.test.ts)', async () => {
    expect(await ask({ ...req, frames: true })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'frames' } });
  });
});

describe('the CLI takes --shapes', () => {
  async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const stdout = new Writable({ write(c, _e, cb) { out += String(c); cb(); } });
    const code = await main(argv, { stdin: process.stdin, stdout, stderr: { write: (s: string) => (err += s) } });
    return { code, out, err };
  }
  const SH = 'X:4x2, W1:2x3, b1:1x3, W2:3x3, b2:1x3, T:4x3';
  it('derive: the steps, their index form, the shape, the checks', async () => {
    const r = await cli(['derive', 'L', '--given', ISSUE.given, '--wrt', 'W1', '--shapes', SH]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(' 7. ∂L/∂W₁ = Xᵀ ∂L/∂a    [tensor.matmul-right] ✓ m = 1; ✓ m = 4');
    expect(r.out).toContain('    index form: (∂L/∂W₁)ᵢⱼ = Σₖ Xₖᵢ (∂L/∂a)ₖⱼ');
    expect(r.out).toContain('      = Xᵀ (((P − T) W₂ᵀ) ⊙ S ⊙ (1 − S))');
    expect(r.out).toContain('shape: ∂L/∂W1 has the shape of W1: 2×3');
    expect(r.err).toContain('note: b₁ (1×3) is added to each of the 4 rows');
  });
  it('verify and graph', async () => {
    const v = await cli(['verify', '--problem', 'P = softmax(X W + b); L = CE(P, T)', '--wrt', 'W', '--answer', 'X(P − T)', '--shapes', 'X:m×2, W:2x3, b:1x3, T:m×3']);
    expect(v.out).toContain('[MISSING_TRANSPOSE]');
    const g = await cli(['graph', ISSUE.given, '--shapes', SH]);
    expect(g.out).toContain('L  1×1  softmax + CE');
    expect(g.out).toContain('local gradient: ∂L/∂c = P − T');
  });
  it('a bad --shapes is exit 2 with SHAPE_BAD and a caret', async () => {
    const r = await cli(['derive', 'L', '--given', ISSUE.given, '--wrt', 'W1', '--shapes', 'X 4x2']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error SHAPE_BAD: .*\(shapes, line 1, column 1\)/);
  });
  it('a mismatch is exit 2 with the named error', async () => {
    const r = await cli(['derive', 'L', '--given', 'a = W1 X; L = sum(a)', '--wrt', 'W1', '--shapes', SH]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('error SHAPE_MATMUL: W₁ (2×3) · X (4×2)');
  });
});
