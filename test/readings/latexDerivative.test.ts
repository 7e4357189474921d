// Issue 9: LaTeX derivative operators as input — \frac{d}{dx}(…), \frac{\partial}{\partial w}…,
// \frac{\mathrm{d}}{\mathrm{d}x}, \frac{dL}{dw} — give the same trees as the plain text's d/dx,
// with a DERIVATIVE_SCOPE reading where the operator's reach was a choice.
import { beforeAll, describe, expect, it } from 'vitest';
import { runOp } from '../../src/api/run.js';
import { equal } from '../../src/ast/traverse.js';
import { loadLatex, parse } from '../../src/parse/index.js';

beforeAll(loadLatex);

const body = (input: string, notation: 'text' | 'latex') => {
  const p = parse(input, { notation });
  return { tree: p.program.body!, readings: p.readings.map((r) => r.code), p };
};

describe('LaTeX derivative operators read as the text notation', () => {
  it.each([
    ['\\frac{d}{dx}(x^{2} + 1)', 'd/dx(x^2 + 1)', false],
    ['\\frac{d}{dx}\\left(x^{2}\\right)', 'd/dx(x^2)', false],
    ['\\frac{\\mathrm{d}}{\\mathrm{d}x}\\sigma(x)', 'd/dx σ(x)', true],
    ['\\frac{\\partial}{\\partial w}(wx + b)^{2}', '∂/∂w (wx + b)^2', false],
    ['\\frac{\\partial}{\\partial w_{1}}\\left(w_{1} x\\right)', '∂/∂w_1(w_1 x)', false],
    ['\\frac{\\partial}{\\partial \\hat{y}}(\\hat{y} - y)^{2}', '∂/∂ŷ (ŷ - y)^2', false],
    ['\\frac{d}{dx} x^{2} + 1', 'd/dx x^2 + 1', true],
    ['y + \\frac{dy}{dx}', 'y + d/dx y', false],
    ['\\frac{\\partial L}{\\partial w}', '∂/∂w L', false],
  ] as const)('%s = %s', (latex, text, scoped) => {
    const l = body(latex, 'latex');
    const t = body(text, 'text');
    expect(equal(l.tree, t.tree)).toBe(true);
    expect(l.readings.includes('DERIVATIVE_SCOPE')).toBe(scoped);
  });

  it('the reading points at the operator and says how to widen it', () => {
    const { p } = body('\\frac{d}{dx} x^{2} + 1', 'latex');
    const r = p.readings.find((x) => x.code === 'DERIVATIVE_SCOPE')!;
    expect(r.span).toEqual({ start: 0, end: 12 });
    expect(r.alternative).toContain('\\frac{d}{dx}(…)');
  });

  it('a derivative operator in LaTeX derives as in text, through the derive op', async () => {
    const l = (await runOp('derive', { expr: '\\frac{\\partial}{\\partial w}\\left(\\sigma(wx + b)\\right)', wrt: 'x' })) as { result: string; check?: { status: string } };
    const t = (await runOp('derive', { expr: '∂/∂w(σ(wx + b))', wrt: 'x' })) as { result: string };
    expect(l.result).toBe(t.result);
    expect(l.check?.status).toBe('verified');
  });

  it('derivative-shaped fractions that are not an operator stay fractions or errors', () => {
    expect(body('\\frac{d}{x}', 'latex').tree.kind).toBe('div');
    expect(body('\\frac{dy}{dx dz}', 'latex').tree.kind).toBe('div');
  });
});
