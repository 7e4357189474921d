// A derivative operator typed in the input: `derive "d/dw f"` without wrt carries it out (the
// derivative with respect to w, not second derivatives over every input); with wrt too it is the
// second derivative and a DERIVATIVE_TWICE reading says so; simplify carries out every operator.
import { describe, expect, it } from 'vitest';
import { runOp } from '../../src/api/run.js';
import { runCli as cli } from '../helpers/cli.js';

type R = { ok?: boolean; wrt?: string; result?: string; unicode: string; check?: { status: string }; readings?: Array<{ code: string; field: string; position: { offset: number; end: number } }>; steps?: Array<{ rule: string }> };

describe('derive of an input that is a derivative operator', () => {
  it.each([
    ['d/dw BCE(σ(wx+b), ŷ)', 'w', '(σ(wx + b) − ŷ)x'],
    ['d/dw (w^2 x)', 'w', '2wx'],
    ['∂/∂x (x^3 + y)', 'x', '3x²'],
    ['\\frac{d}{dw}\\left(w^{2} x\\right)', 'w', '2wx'],
  ])('%s without wrt is the derivative with respect to the operator\'s variable', async (expr, wrt, unicode) => {
    const r = (await runOp('derive', { expr })) as R & { chain?: { wrt: string[] } };
    // one expression: `wrt`; through named parts: the chain's variables
    expect(r.wrt !== undefined ? [r.wrt] : r.chain?.wrt).toEqual([wrt]);
    expect(r.unicode).toBe(unicode);
    expect(r.check?.status).toBe('verified');
    expect(r.readings?.some((x) => x.code === 'DERIVATIVE_TWICE') ?? false).toBe(false);
  });
  it('through definitions: d/dw L with L defined is ∂L/∂w', async () => {
    const r = (await runOp('derive', { expr: 'z = w x + b; y = σ(z); L = BCE(y, ŷ); d/dw L', steps: 'none' })) as R;
    expect(r.wrt).toBe('w');
    expect(r.unicode).toBe('(y − ŷ)x');
  });
  it('with wrt naming the same variable: the second derivative, said in a reading at the operator', async () => {
    const expr = 'd/dw (w^3)';
    const r = (await runOp('derive', { expr, wrt: 'w' })) as R;
    expect(r.unicode).toBe('6w');
    const t = r.readings!.find((x) => x.code === 'DERIVATIVE_TWICE')!;
    expect(t.field).toBe('expr');
    expect(expr.slice(t.position.offset, t.position.end)).toBe(expr);
    // another variable: a mixed partial, nothing to say
    const m = (await runOp('derive', { expr: 'd/dw (w^2 x^2)', wrt: 'x' })) as R;
    expect(m.unicode).toBe('4wx');
    expect(m.readings).toBeUndefined();
  });
  it('the CLI titles it with the input', async () => {
    const r = await cli(['derive', 'd/dw (w^2 x)', '--steps', 'none']);
    expect(r.stdout.split('\n')[0]).toBe('d/dw (w^2 x)');
    expect(r.stdout).toContain('2wx');
    // an operator inside a larger input, without wrt: nothing says what to differentiate (its
    // gradient over every input answered 2 for d/dw (w^2) + 1, "verified")
    const s = await cli(['derive', 'd/dx (x^2) + y', '--steps', 'none']);
    expect(s.code).not.toBe(0);
    expect(s.stderr).toContain('OPERATOR_INSIDE');
  });
  it.each([
    ['d/dw (w^2) + 1', 0],
    ['d/dx x^2 + 1', 0],
    ['x*d/dx(x^2)', 2],
    ['\\frac{d}{dx} x^{2} + 1', 0],
  ])('%s without wrt: OPERATOR_INSIDE at the operator', async (expr, offset) => {
    await expect(runOp('derive', { expr })).rejects.toMatchObject({ code: 'OPERATOR_INSIDE' });
    const e = (await runOp('derive', { expr }).catch((x: unknown) => x)) as { span?: { start: number } };
    expect(e.span?.start).toBe(offset);
  });
  it('with wrt it is differentiated as written (the operator carried out), and simplify carries it out', async () => {
    expect(((await runOp('derive', { expr: 'x*d/dx(x^2)', wrt: 'x' })) as R).unicode).toBe('4x');
    expect(((await runOp('simplify', { expr: 'd/dw (w^2) + 1' })) as R).unicode).toBe('2w + 1');
  });
});

describe('simplify carries out the operators in its input', () => {
  it.each([
    ['d/dw (w^2 x)', '2wx'],
    ['x d/dx(x^2) + 1', '2x² + 1'],
    ['d/dz σ(z)', 'σ(z)(1 − σ(z))'],
  ])('%s → %s, the differentiation rules as steps, each checked', async (expr, unicode) => {
    const r = (await runOp('simplify', { expr })) as R;
    expect(r.unicode).toBe(unicode);
    expect(r.steps!.some((s) => s.rule.startsWith('diff.'))).toBe(true);
    expect(r.check?.status).toBe('verified');
  });
});

describe('one definition is one expression with its name', () => {
  it('L = BCE(σ(wx+b), ŷ) goes through named parts with L as the target, as the expression does', async () => {
    type C = { unicode: string; target: string; parts?: Array<{ name: string }>; check: { status: string } };
    const d = (await runOp('derive', { expr: 'L = BCE(σ(w*x+b), ŷ)', wrt: 'w' })) as C;
    const e = (await runOp('derive', { expr: 'BCE(σ(w*x+b), ŷ)', wrt: 'w' })) as C;
    expect(d.unicode).toBe('(σ(wx + b) − ŷ)x');
    expect(d.unicode).toBe(e.unicode);
    expect(d.target).toBe('L');
    expect(d.parts?.map((p) => p.name)).toEqual(['u', 's', 'L']);
    expect(d.check.status).toBe('verified');
  });
  it('the CLI does not print the empty chain ∂y/∂x = ∂y/∂x for a definition used directly', async () => {
    const r = await cli(['derive', 'y = x^2', '--wrt', 'x']);
    expect(r.stdout).not.toContain('∂y/∂x = ∂y/∂x');
    expect(r.stdout).toContain('∂y/∂x = 2x');
  });
});

// An operator inside a definition differentiates what the names in its argument stand for: a
// defined name is not a constant for d/dw when its definition depends on w (it answered 0, refuted).
describe('a derivative operator over defined names, inside definitions', () => {
  it.each([
    ['y = w^2; L = d/dw(y)*x', 'x', '2w'],
    ['y = w^2; L = d/dw(y)*x', 'w', '2x'],
    ['y = w^2; d/dw(y)*x', 'x', '2w'],
    // names that do not depend on the operator's variable stay constants for it
    ['y = w^2; z = 3*y; L = d/dy(z)*x', 'x', '3'],
    ['y = w^2; z = 3*y; L = d/dy(z)*x', 'w', '0'],
    // a derivative in a defined name is the partial derivative, the other names held
    ['y = w^2; L = d/dy(y*w)', 'w', '1'],
    ['y = w^2; L = d/dw(d/dw(y)*y)', 'w', '12w'],
  ])('%s: ∂/∂%s = %s, verified', async (expr, wrt, unicode) => {
    const r = (await runOp('derive', { expr, wrt })) as R;
    expect(r.unicode).toBe(unicode);
    expect(r.check?.status).toBe('verified');
  });
  it('σ through a defined name: d/dz(y) with y = σ(z) is y(1 − y), verified in the inputs too', async () => {
    const r = (await runOp('derive', { expr: 'z = w*x + b; y = σ(z); L = d/dz(y)', wrt: 'w' })) as R;
    expect(r.unicode).toBe('y(1 − y)(1 − 2y)x');
    expect(r.check?.status).toBe('verified');
  });
});

// ∂L/∂z for one defined z: the gradient at that node (G1's key step), not a refusal
describe('wrt a defined name', () => {
  it.each([
    ['z = wx+b; y = σ(z); L = BCE(y, ŷ)', 'z', 'y − ŷ'],
    ['z = wx+b; y = σ(z); L = BCE(y, ŷ)', 'y', '(y − ŷ)/(y(1 − y))'],
    ['z1 = w1 x + b1; a1 = σ(z1); z2 = w2 a1 + b2; a2 = σ(z2); L = BCE(a2, y)', 'a_1', '(a2 − y)w2'],
  ])('%s by %s: %s, verified', async (expr, wrt, unicode) => {
    const r = (await runOp('derive', { expr, wrt })) as R & { chain?: { gradients: Record<string, { unicode: string }> } };
    expect(r.chain?.gradients[wrt]?.unicode).toBe(unicode);
    expect(r.check?.status).toBe('verified');
  });
  it('the target itself, or a defined name in a list: BAD_REQUEST', async () => {
    await expect(runOp('derive', { expr: 'z = wx+b; y = σ(z); L = BCE(y, ŷ)', wrt: 'L' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(runOp('derive', { expr: 'z = wx+b; y = σ(z); L = BCE(y, ŷ)', wrt: ['z', 'w'] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('the operator variable not in its argument, without wrt', () => {
  it('d/dwσ(wx): WRT_NOT_IN_EXPRESSION at the operator in expr (it pointed at an empty wrt field)', async () => {
    const e = (await runOp('derive', { expr: 'd/dwσ(wx)' }).catch((x: unknown) => x)) as { code: string; field?: string; span?: { start: number } };
    expect(e.code).toBe('WRT_NOT_IN_EXPRESSION');
    expect(e.field).toBe('expr');
    expect(e.span?.start).toBe(0);
  });
});

describe('wrt a defined name in verify; one component by one index', () => {
  it.each([
    ['z = wx+b; y = σ(z); L = BCE(y, ŷ)', 'y - ŷ', 'correct'],
    ['z = wx+b; y = σ(z); L = BCE(y, ŷ)', 'σ(wx+b) - ŷ', 'correct'],
    ['z = wx+b; y = σ(z); L = BCE(y, ŷ)', 'ŷ - y', 'incorrect'],
    ['z = wx+b; L = z^2', '2(wx+b)', 'correct'],
    ['z = wx+b; L = z^2', '3z', 'incorrect'],
  ])('verify %s by z, answer %s: %s (the expected answer was 0)', async (expr, answer, verdict) => {
    const r = (await runOp('verify', { problem: { expr, wrt: 'z' }, answer })) as { verdict: string };
    expect(r.verdict).toBe(verdict);
  });
  it.each(['a_12', 'a_K'])('CE(softmax(a), t) by %s: WRT_NOT_IN_EXPRESSION (was 0 verified, or an internal error)', async (wrt) => {
    await expect(runOp('derive', { expr: 'L = CE(softmax(a), t)', wrt })).rejects.toMatchObject({ code: 'WRT_NOT_IN_EXPRESSION' });
  });
  it('a defined name the target does not use: WRT_NOT_IN_EXPRESSION (was 0 verified)', async () => {
    await expect(runOp('derive', { expr: 'z = wx+b; u = 3v; L = z^2', wrt: 'u' })).rejects.toMatchObject({ code: 'WRT_NOT_IN_EXPRESSION' });
  });
});

describe('verify gives the readings of the answer and the lines', () => {
  it('3w^(2): the LAYER_INDEX reading on the answer', async () => {
    const r = (await runOp('verify', { problem: { expr: 'L = w^3', wrt: 'w' }, answer: '3w^(2)' })) as { readings?: Array<{ code: string; field: string }> };
    expect(r.readings?.some((x) => x.code === 'LAYER_INDEX' && x.field === 'answer')).toBe(true);
  });
  it('1/2 (y-wx)^2 in a line: DIVISION_SCOPE on lines[0]', async () => {
    const r = (await runOp('verify', { problem: { expr: 'L = (y - w x)^2', wrt: 'w' }, lines: ['1/2 (y-wx)^2', '-x(y-wx)'] })) as { readings?: Array<{ code: string; field: string }> };
    expect(r.readings?.some((x) => x.code === 'DIVISION_SCOPE' && x.field === 'lines[0]')).toBe(true);
  });
});
