// LaTeX input gives the SAME trees as the plain-text notation (rows [latex, plain]), every G1–G5
// formula of SEEDS.md as the notes would write it, and malformed input fails with a code and a
// span into the original input. Parsing at all proves the grammar unambiguous for that row
// (runGrammar throws AMBIGUOUS on more than one parse).
import fc from 'fast-check';
import katex from 'katex';
import { describe, expect, test } from 'vitest';
import { call, sym } from '../../src/ast/build.js';
import type { Program } from '../../src/ast/nodes.js';
import { equal } from '../../src/ast/traverse.js';
import { ChainruleError } from '../../src/errors.js';
import { FUNCTIONS } from '../../src/functions/index.js';
import { parseLatexProgram } from '../../src/parse/latex.js';
import { parseTextProgram } from '../../src/parse/text.js';

type Row = readonly [latex: string, plain: string, names?: readonly string[]];

function sameProgram(a: Program, b: Program): boolean {
  if (a.definitions.length !== b.definitions.length) return false;
  const defs = a.definitions.every((d, i) => d.name === b.definitions[i]!.name && equal(d.expr, b.definitions[i]!.expr));
  return defs && (a.body === null ? b.body === null : b.body !== null && equal(a.body, b.body));
}

function check(rows: readonly Row[]): void {
  test.each(rows)('%s', (latex, plain, names) => {
    const l = parseLatexProgram(latex, names ? { names } : {}).program;
    const p = parseTextProgram(plain, names ? { names } : {}).program;
    expect(sameProgram(l, p), `${latex}  vs  ${plain}`).toBe(true);
  });
}

// ---- the golden cases, in the LaTeX the course notes write ----
const G1: Row[] = [
  ['z = wx + b \\\\ y = \\sigma(z) \\\\ L = -\\left(\\hat{y}\\log y + (1-\\hat{y})\\log(1-y)\\right)', 'z = w x + b; y = σ(z); L = -(ŷ log y + (1-ŷ) log(1-y))'],
  ['\\sigma(z) = \\frac{1}{1+e^{-z}}'.slice(11), '1/(1+e^(-z))'],
  ['\\operatorname{BCE}(y, \\hat{y})', 'BCE(y, ŷ)'],
  ['-\\left(\\frac{\\hat{y}}{y} - \\frac{1-\\hat{y}}{1-y}\\right)', '-(ŷ/y - (1-ŷ)/(1-y))'],
  ['-\\frac{\\hat{y}(1-y) - (1-\\hat{y})y}{y(1-y)}', '-((ŷ(1-y) - (1-ŷ)y)/(y(1-y)))'],
  ['\\frac{y-\\hat{y}}{y(1-y)}', '(y-ŷ)/(y(1-y))'],
  ['-\\frac{1}{(1+e^{-z})^{2}}\\cdot(-e^{-z})', '-(1/(1+e^(-z))^2) * (-e^(-z))'],
  ['\\frac{e^{-z}}{(1+e^{-z})^{2}}', 'e^(-z)/(1+e^(-z))^2'],
  ['\\frac{1}{1+e^{-z}}\\cdot\\frac{e^{-z}}{1+e^{-z}}', '(1/(1+e^(-z))) * (e^(-z)/(1+e^(-z)))'],
  ['\\sigma(z)(1-\\sigma(z))', 'σ(z)(1-σ(z))'],
  ['y(1-y)', 'y(1-y)'],
  ['\\frac{y-\\hat{y}}{y(1-y)} \\cdot y(1-y)', '(y-ŷ)/(y(1-y)) * y(1-y)'],
  ['y - \\hat{y}', 'y - ŷ'],
  ['(y-\\hat{y})\\cdot x', '(y-ŷ)*x'],
  ['\\operatorname{BCE}\\left(\\sigma(wx+b), \\hat{y}\\right)', 'BCE(σ(w x + b), ŷ)'],
  ['(\\sigma(wx+b) - \\hat{y})x', '(σ(wx+b) - ŷ) x'],
];
const G2: Row[] = [
  ['\\hat{y} = \\sigma(w_0 + w_1x_1 + w_2x_2)', 'ŷ = σ(w0 + w1 x1 + w2 x2)'],
  ['L = -y\\log\\hat{y} - (1-y)\\log(1-\\hat{y})', 'L = -y log ŷ - (1-y) log(1-ŷ)'],
  ['w_0 = -3 \\\\ w_1 = 2 \\\\ w_2 = -3 \\\\ z = w_0 + w_1x_1 + w_2x_2', 'w0 = -3; w1 = 2; w2 = -3; z = w0 + w1 x1 + w2 x2'],
  ['-\\log\\sigma(z)', '-log σ(z)'],
  ['\\frac{-e^{-z}}{1+e^{-z}}', '(-e^(-z))/(1+e^(-z))'],
  ['\\sigma(z) - 1', 'σ(z) - 1'],
  ['-1\\cdot x', '-1*x'],
  ['\\frac{1}{x}', '1/x'],
  ['e^{x}', 'exp(x)'],
  ['\\frac{1}{1+\\exp(-z)}', '1/(1+e^-z)'],
];
const G3: Row[] = [
  ['y = ax + b', 'y = a x + b'],
  ['L = (y_1-(ax_1+b))^{2} + (y_2-(ax_2+b))^{2} + (y_3-(ax_3+b))^{2}', 'L = (y1-(a x1+b))^2 + (y2-(a x2+b))^2 + (y3-(a x3+b))^2'],
  ['-2x_1(y_1-(ax_1+b))', '-2 x1 (y1 - (a x1 + b))'],
  ['2 - 0.1\\cdot 10', '2 - 0.1*10'],
  ['a - \\alpha\\cdot 10', 'a - α*10'],
  ['y = \\frac{x}{3} + \\frac{2}{3} \\\\ z = \\log y', 'y = x/3 + 2/3; z = log y'],
  ['\\frac{1}{3}\\cdot\\frac{1}{y}', '(1/(3))*(1/y)'],
];
const G4: Row[] = [
  [
    'z^{(1)} = W^{(1)}X + b^{(1)} \\\\ a^{(1)} = \\sigma(z^{(1)}) \\\\ z^{(2)} = W^{(2)}a^{(1)} + b^{(2)} \\\\ a^{(2)} = \\sigma(z^{(2)}) \\\\ L = -y\\log a^{(2)} - (1-y)\\log(1-a^{(2)})',
    'z1 = W1 X + b1; a1 = σ(z1); z2 = W2 a1 + b2; a2 = σ(z2); L = -y log a2 - (1-y) log(1-a2)',
  ],
  ['\\frac{a^{(2)}-y}{a^{(2)}(1-a^{(2)})}', '(a2-y)/(a2(1-a2))'],
  ['a^{(2)}(1-a^{(2)})', 'a2(1-a2)'],
  ['(a^{(2)}-y)a^{(1)}', '(a2-y) a1'],
  ['(a^{(2)}-y)W^{(2)}a^{(1)}(1-a^{(1)})X', '(a2-y) W2 a1 (1-a1) X'],
  ['(a^{(2)}-y)W^{(2)}a^{(1)}(1-a^{(1)})', '(a_2-y) W_2 a_1 (1-a_1)'],
  ['\\frac{1}{m}\\left(-y\\log a^{[2]} - (1-y)\\log(1-a^{[2]})\\right)', '(1/m)(-y log a2 - (1-y) log(1-a2))'],
  ['-y^{(i)}\\log h^{(i)} - (1-y^{(i)})\\log(1-h^{(i)})', '-y_i log h_i - (1-y_i) log(1-h_i)'],
];
const G5: Row[] = [
  ['S(1-S)', 'S(1-S)'],
  ['\\frac{e^{x}}{e^{x}+1}', 'e^x/(e^x+1)'],
  ['-\\frac{t_j}{y_j}', '-(t_j/y_j)'],
  ['y_i - t_i', 'y_i - t_i'],
  ['L = \\ln\\frac{p}{1-p}', 'L = ln(p/(1-p))'],
  ['p = \\frac{1}{1+e^{-L}}', 'p = 1/(1+e^(-L))'],
  ['f = x^{2}+2x+1', 'f = x^2 + 2x + 1'],
  ['y = x+1 \\\\ g = y^{2}', 'y = x+1; g = y^2'],
  ['\\frac{\\mathrm{loss}(w+h) - \\mathrm{loss}(w)}{h}', '(loss (w+h) - loss(w))/h', ['loss']],
  ['a = XW_1 + b_1 \\\\ S = \\operatorname{sigmoid}(a) \\\\ b = SW_2 + b_2', 'a = X W1 + b1; S = sigmoid(a); b = S W2 + b2'],
  ['\\beta - \\eta\\cdot 10', 'β - η*10'],
];

// ---- the subset, construct by construct ----
const SUBSET: Row[] = [
  ['\\frac{1}{2}', '1/2'],
  ['\\dfrac{1}{2} + \\tfrac12', '1/2 + 1/2'],
  ['\\frac12 x', '(1/(2)) x'],
  ['\\frac ab', 'a/b'],
  ['\\frac{a}{b}^{2}', '(a/b)^2'],
  ['x\\frac{1}{2}', 'x(1/(2))'],
  ['\\frac{1}{m}x', '(1/m)x'],
  ['\\sqrt{x}', 'sqrt(x)'],
  ['\\sqrt x + \\sqrt2x', 'sqrt(x) + sqrt(2) x'],
  ['\\sqrt[3]{x}', 'cbrt(x)'],
  ['\\sqrt[2]{x+1}', 'sqrt(x+1)'],
  ['\\left|x\\right|', 'abs(x)'],
  ['|x - 1|', 'abs(x - 1)'],
  ['|x|y|z|', 'abs(x) y abs(z)'],
  ['\\lvert x\\rvert^{2}', 'abs(x)^2'],
  ['\\left\\vert -x \\right\\vert', 'abs(-x)'],
  ['\\sigma|x|', 'σ(abs(x))'],
  ['\\left[x+1\\right]^2 + [x+1]y', '(x+1)^2 + (x+1) y'],
  ['\\bigl(x+1\\bigr)\\Big[y\\Big]', '(x+1)(y)'],
  ['x^2', 'x^2'],
  ['x^{10}', 'x^10'],
  ['x^{-1} + 2^{-1}', 'x^-1 + 2^-1'],
  ['x^{y^{z}}', 'x^y^z'],
  ['e^x y', 'e^x y'],
  ['e^{xy}', 'e^(x y)'],
  ['\\mathrm{e}^{x}', 'e^x'],
  ['\\exp(x) + \\exp x', 'e^x + exp(x)'],
  ['e^{(1)}', 'e^(1)'],
  ['(x)^{(2)}', 'x^2'],
  ['x_1^2', 'x1^2'],
  ['x_{12} + w_{ij} + y_{hat}', 'x_12 + w_ij + ŷ'],
  ['\\hat y + \\hat{y} + \\widehat{y}', 'ŷ + ŷ + ŷ'],
  ['\\bar{x} + \\overline{x} + \\tilde{x}_1 + \\dot{x}', 'x̄ + x̄ + x̃1 + x_dot'],
  ['\\hat{y_1} + \\hat{y}_{1}', 'ŷ1 + ŷ_1'],
  ['\\hat{\\beta}', 'β̂'],
  ['\\alpha\\beta + \\varepsilon + \\epsilon + \\Sigma + \\Omega', 'α β + ε + ε + Sigma + Ω'],
  ['\\alpha_1 + \\theta^{(2)}', 'alpha1 + θ_2'],
  ['2\\pi r', '2 pi r'],
  ['\\Pi', 'Π'],
  ['\\mathrm{loss} = (y - \\hat{y})^{2}', 'loss = (y - ŷ)^2'],
  ['\\text{loss} + \\mathrm{loss}_1 + \\mathrm{loss2}', 'loss + loss_1 + loss2', ['loss']],
  ['\\mathrm{loss} = x \\\\ 2loss', 'loss = x; 2 loss'],
  ['\\mathrm{x}\\mathit{y}', 'x y'],
  ['\\log y', 'log y'],
  ['\\ln x + \\log_{10} x', 'log x + log10 x'],
  ['\\sin x^2', 'sin x^2'],
  ['\\sin x\\cos x', 'sin(x) cos(x)'],
  ['\\arcsin x + \\tanh x + \\cosh(x) + \\cosec x', 'asin x + tanh x + cosh(x) + csc x'],
  ['\\log\\frac{a}{b}', 'log(a/b)'],
  ['\\sigma z', 'σ z'],
  ['\\sigma\\left(z\\right)', 'σ(z)'],
  ['\\sigma(z)^{2}', 'σ(z)^2'],
  ['\\operatorname{ReLU}(x) + \\operatorname{sigmoid}(z) + \\mathrm{BCE}(p, t) + \\operatorname{MSE}(p,t)', 'relu(x) + sigmoid(z) + BCE(p, t) + MSE(p, t)'],
  ['\\operatorname{abs}(x)', 'abs(x)'],
  ['sigmoid(z) + log(x) + sin x', 'σ(z) + log(x) + sin x'],
  ['wx + b', 'w x + b'],
  ['xy^2', 'x y^2'],
  ['-x^2', '-(x^2)'],
  ['(-2)x', '(-2)x'],
  ['a/bc', 'a/(b c)'],
  ['a \\div b \\times c \\ast d', 'a/b*c*d'],
  ['2 \\cdot 3x', '2*3x'],
  ['\\frac{-1}{2}', '-1/2'],
  ['{x}^2 + {a+b}c', 'x^2 + a + b c'],
  ['\\,x\\;+\\!\\quad y~\\qquad+\\ z\\:', 'x + y + z'],
  ['\\displaystyle\\frac{1}{2}', '1/2'],
  ['x²', 'x^2'],
  ['z &= wx + b \\\\ y &= \\sigma(z)', 'z = w x + b; y = σ(z)'],
  ['\\begin{aligned} loss &= x^2 \\\\ y &= loss + 1 \\end{aligned}', 'loss = x^2; y = loss + 1'],
  ['z = wx + b\ny = \\sigma(z)', 'z = w x + b\ny = σ(z)'],
  ['z = wx + b; y = \\sigma\\left(z\n\\right)', 'z = w x + b; y = σ(z)'],
  ['a\\cdot\\frac{1}{2}', 'a*(1/(2))'],
  ['0.5x + .25', '0.5x + .25'],
  ['\\log_{10}(x) + \\log_{10}x', 'log10(x) + log10 x'],
  ['\\hat{y}^{(1)} + \\mathrm{loss}^{[2]}', 'ŷ1 + loss_2', ['loss']],
  ['\\sigma(z)\\sigma(-z)', 'σ(z) σ(-z)'],
  ['\\frac{\\frac{1}{2}}{3}', '(1/(2))/3'],
  ['\\exp\\left(-z\\right)', 'exp(-z)'],
  ['x_{1}^{2} + \\alpha^{2}', 'x_1^2 + α^2'],
  ['2^{(1)}', '2^(1)'],
  ['||x| - 1|', 'abs(abs(x) - 1)'],
  ['e^\\alpha + x^{1/4} + \\frac{\\log x}{\\log 2}', 'e^α + x^(1/(4)) + (log x)/(log 2)'],
];

describe('LaTeX gives the plain-text tree: G1', () => check(G1));
describe('LaTeX gives the plain-text tree: G2', () => check(G2));
describe('LaTeX gives the plain-text tree: G3', () => check(G3));
describe('LaTeX gives the plain-text tree: G4', () => check(G4));
describe('LaTeX gives the plain-text tree: G5', () => check(G5));
describe('LaTeX gives the plain-text tree: the subset', () => check(SUBSET));

// Every registry function, written the way its spec prints it, reads back as that function.
// heaviside prints as H(x), which reads as the product H·x, as in plain text (H is a letter).
const LATEX_HEAD_IS_A_LETTER = new Set(['heaviside']);
describe('the registry reads back from its own LaTeX', () => {
  test.each(FUNCTIONS.filter((f) => !LATEX_HEAD_IS_A_LETTER.has(f.name)).map((f) => [f.name, f] as const))('%s', (_name, f) => {
    const args = f.params.map((_, i) => sym(['x', 'y', 'z'][i]!));
    const printed = f.params.map((_, i) => ['x', 'y', 'z'][i]!);
    const latex = f.latexForm ? f.latexForm(printed) : `${f.latex}\\left(${printed.join(', ')}\\right)`;
    expect(equal(parseLatexProgram(latex).program.body!, call(f.name, ...args)), latex).toBe(true);
  });
});

test('declared names reach runs of letters', () => {
  const l = parseLatexProgram('loss + 1', { names: ['loss'] }).program.body!;
  const p = parseTextProgram('loss + 1', { names: ['loss'] }).program.body!;
  expect(equal(l, p)).toBe(true);
});

// Every accepted formula except the few plain-text leniencies is also LaTeX that KaTeX renders.
const NOT_KATEX = new Set(['z &= wx + b \\\\ y &= \\sigma(z)']);
test.each([...G1, ...G2, ...G3, ...G4, ...G5, ...SUBSET].filter(([l]) => !NOT_KATEX.has(l)).map(([l]) => l))('KaTeX renders %s', (latex) => {
  expect(() => katex.renderToString(latex, { throwOnError: true, strict: 'ignore' })).not.toThrow();
});

// ---- malformed input: code and where the caret goes (span start in the ORIGINAL input) ----
const BAD: readonly (readonly [latex: string, code: string, start: number])[] = [
  // derivative operators are input now (test/readings/latexDerivative.test.ts); a \\partial elsewhere is not
  ['y + \\frac{\\partial}{x}', 'UNEXPECTED_TOKEN', 4],
  ['\\frac{\\partial L}{\\partial w \\partial v}', 'UNEXPECTED_TOKEN', 0],
  ['\\partial L', 'UNKNOWN_COMMAND', 0],
  ['\\sum x_i', 'UNEXPECTED_TOKEN', 0], // a sum names its index (issue 12: \sum_i is read)
  ['\\mathbf{x}', 'UNKNOWN_COMMAND', 0],
  ['\\foo x', 'UNKNOWN_COMMAND', 0],
  ['x + \\sigam(z)', 'UNKNOWN_COMMAND', 4],
  ['\\', 'UNKNOWN_COMMAND', 0],
  ['\\begin{pmatrix} x \\end{pmatrix}', 'UNKNOWN_COMMAND', 0],
  ['\\operatorname{sigmod}(z)', 'UNKNOWN_FUNCTION', 0],
  ['sigmod(z)', 'UNKNOWN_FUNCTION', 0],
  ['\\frac{1}{2', 'UNBALANCED_PAREN', 8],
  ['\\left( x \\right]', 'UNBALANCED_PAREN', 9],
  ['\\left( x )', 'UNBALANCED_PAREN', 9],
  [')', 'UNBALANCED_PAREN', 0],
  ['|x', 'UNBALANCED_PAREN', 0],
  ['x}', 'UNBALANCED_PAREN', 1],
  ['\\frac{a \\\\ b}{c}', 'UNBALANCED_PAREN', 8],
  ['x^23', 'UNEXPECTED_TOKEN', 2],
  ['x_12', 'UNEXPECTED_TOKEN', 1],
  ['x^^2', 'UNEXPECTED_TOKEN', 2],
  ['x^-1', 'UNEXPECTED_TOKEN', 2],
  ['x^2^3', 'UNEXPECTED_TOKEN', 3],
  ['\\sin^2 x', 'UNEXPECTED_TOKEN', 4],
  ['\\left. x \\right|', 'UNEXPECTED_TOKEN', 0],
  ['\\frac\\frac12 3', 'UNEXPECTED_TOKEN', 5],
  ['x^{2}_{1}', 'BAD_NAME', 5],
  ['W_1^{(2)}', 'UNSUPPORTED_INDEX', 0],
  ['w_{11}^{(1)}x_1', 'UNSUPPORTED_INDEX', 0],
  ['W^{(1)}_2', 'UNSUPPORTED_INDEX', 0],
  ['\\sqrt[4]{x}', 'UNSUPPORTED_INDEX', 0],
  ['\\log_2 x', 'UNSUPPORTED_INDEX', 0],
  ['\\hat{xy}', 'BAD_NAME', 0],
  ['\\hat{\\hat{y}}', 'BAD_NAME', 0],
  ['\\text{my loss}', 'BAD_NAME', 0],
  ['x_', 'BAD_NAME', 1],
  ['\\sigma_1(z)', 'BAD_NAME', 0],
  ['x_1_2', 'BAD_NAME', 0],
  ['\\log', 'UNEXPECTED_END', 4],
  ['x \\cdot', 'UNEXPECTED_END', 7],
  ['\\frac{1}', 'UNEXPECTED_END', 8],
  ['2 = x', 'UNEXPECTED_TOKEN', 2],
  ['x y = 2', 'UNEXPECTED_TOKEN', 4],
  ['\\pi = 3', 'DEFINES_CONSTANT', 0],
  ['sin = 3', 'DEFINES_CONSTANT', 0],
  ['\\sigma = 3', 'DEFINES_CONSTANT', 0],
  ['z = x \\\\ z = y', 'REDEFINITION', 9],
  ['y = 2z \\\\ z = x', 'USE_BEFORE_DEFINITION', 5],
  ['\\sigma', 'UNEXPECTED_END', 6],
  ['\\operatorname{BCE}(y)', 'WRONG_ARITY', 0],
  ['x # y', 'INVALID_CHARACTER', 2],
  ['x.y', 'UNEXPECTED_TOKEN', 1],
  ['\\,\\quad', 'EMPTY_INPUT', 0],
  ['{}', 'EMPTY_INPUT', 0],
  ['\\frac{'.repeat(10_000), 'NESTING_TOO_DEEP', 6 * 501 - 1],
  ['{'.repeat(10_000), 'NESTING_TOO_DEEP', 500],
  ['{'.repeat(9_000) + 'x' + '}'.repeat(9_000), 'NESTING_TOO_DEEP', 500],
  ['\\left('.repeat(10_000), 'NESTING_TOO_DEEP', 6 * 500],
  ['|'.repeat(10_000), 'NESTING_TOO_DEEP', 500],
  ['\\sqrt'.repeat(10_000) + 'x', 'UNEXPECTED_TOKEN', 5],
  ['x^'.repeat(5_000) + 'x', 'UNEXPECTED_TOKEN', 3],
  ['x'.repeat(30_000), 'INPUT_TOO_LONG', 20_000],
  ['x+'.repeat(15_000) + 'x', 'INPUT_TOO_LONG', 20_000],
  ['-'.repeat(200) + 'x', 'NESTING_TOO_DEEP', 100],
  ['\\hat'.repeat(10_000) + 'y', 'BAD_NAME', 0],
  ['\\{x\\}', 'UNKNOWN_COMMAND', 0],
  ['\\vec{x}', 'UNKNOWN_COMMAND', 0],
  ['x \\pm 1', 'UNKNOWN_COMMAND', 2],
];

describe('malformed LaTeX', () => {
  const rows = BAD.map(([latex, code, start]) => ({ latex, code, start, label: latex.length > 40 ? `${latex.slice(0, 30)}… (${latex.length} chars)` : latex }));
  test.each(rows)('$label → $code at $start', ({ latex, code, start }) => {
    let err: unknown;
    try {
      parseLatexProgram(latex);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ChainruleError);
    const e = err as ChainruleError;
    expect([e.code, e.span?.start], e.message).toEqual([code, start]);
    expect(e.span!.end).toBeGreaterThanOrEqual(e.span!.start);
    expect(e.span!.end).toBeLessThanOrEqual(latex.length);
  });
});

test('error messages help', () => {
  const message = (s: string) => {
    try {
      parseLatexProgram(s);
    } catch (e) {
      return (e as Error).message;
    }
    return '';
  };
  expect(message('\\operatorname{sigmod}(z)')).toMatch(/did you mean \\sigma/);
  expect(message('x + \\sigam(z)')).toMatch(/did you mean \\sigma\?/);
  expect(message('\\sigmaz')).toMatch(/did you mean \\sigma z\?/);
  expect(message('x^23')).toMatch(/x\^\{23\}|\^\{23\}/);
  expect(message('\\frac{\\partial}{x}')).toMatch(/derivative operator/);
});

test('spans point into the original input', () => {
  const input = '\\hat{y} = \\frac{1}{1+e^{-z}}';
  const parsed = parseLatexProgram(input);
  const def = parsed.program.definitions[0]!;
  expect(parsed.nameSpans.get('y_hat')).toEqual({ start: 0, end: 7 });
  expect(parsed.spans.get(def.expr)).toEqual({ start: 10, end: input.length });
  expect(def.expr.kind === 'div' && parsed.spans.get(def.expr.den)).toEqual({ start: 19, end: 27 });
});

test('a layer index is part of the defined name and its span', () => {
  const parsed = parseLatexProgram('W^{(1)} = 2 \\\\ W^{(1)}x');
  expect(parsed.nameSpans.get('W_1')).toEqual({ start: 0, end: 7 });
  expect(parsed.program.definitions.map((d) => d.name)).toEqual(['W_1']);
});

test('deep but admitted nesting parses without overflow', () => {
  const n = 400;
  const latex = '\\frac{1}{'.repeat(n) + 'x' + '}'.repeat(n);
  const plain = '1/('.repeat(n) + 'x' + ')'.repeat(n);
  expect(equal(parseLatexProgram(latex).program.body!, parseTextProgram(plain).program.body!)).toBe(true);
});

// Random LaTeX-ish input: every outcome is a tree or a ChainruleError with a span inside the input;
// never an internal error, never AMBIGUOUS (the grammar has one parse for whatever it accepts).
const PIECES = [
  'x', 'y', 'wx', 'e', '2', '12', '0.5', ' ', '+', '-', '\\cdot', '/', '=', '\\\\', ';', ',', '(', ')', '[', ']', '{', '}',
  '|', '^', '_', '^{(1)}', '\\frac', '\\sqrt', '\\sqrt[3]', '\\left(', '\\right)', '\\left|', '\\right|', '\\sigma',
  '\\log', '\\exp', '\\hat', '\\hat{y}', '\\alpha', '\\pi', '\\mathrm{loss}', '\\operatorname{BCE}', '\\,', 'd', '\\foo', '&', '\n',
];
test('random input: a tree or a ChainruleError with a span, never AMBIGUOUS', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }), (pieces) => {
      const input = pieces.join('');
      try {
        parseLatexProgram(input);
      } catch (e) {
        if (!(e instanceof ChainruleError)) throw e;
        expect(e.code).not.toBe('AMBIGUOUS');
        if (e.code !== 'EMPTY_INPUT') {
          expect(e.span).toBeDefined();
          expect(e.span!.start).toBeGreaterThanOrEqual(0);
          expect(e.span!.end).toBeLessThanOrEqual(input.length);
        }
      }
    }),
    { seed: 20261122, numRuns: 3000 },
  );
});

// Well-formed LaTeX built from the subset always parses, to exactly one tree.
const wellFormed = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('x', 'y', '\\hat{y}', 'W^{(1)}', 'a^{[2]}', '\\alpha', '2', '0.5', 'e', '\\pi', '\\mathrm{loss}', 'x_1', 'w_{ij}', 'wx'),
    fc.tuple(tie('expr'), fc.constantFrom('+', '-', '\\cdot', '\\times', '/'), tie('expr')).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `\\left(${a}\\right)(${b})`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `\\frac{${a}}{${b}}`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `\\left(${a}\\right)^{${b}}`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `\\operatorname{BCE}(${a}, ${b})`),
    tie('expr').map((a) => `-${a}`),
    tie('expr').map((a) => `e^{${a}}`),
    tie('expr').map((a) => `\\sigma\\left(${a}\\right)`),
    tie('expr').map((a) => `\\log(${a})`),
    tie('expr').map((a) => `\\sqrt{${a}}`),
    tie('expr').map((a) => `\\left|${a}\\right|`),
    fc.constantFrom('\\log y', '\\sin x^{2}', '\\sigma z', '|x|', '\\frac12', 'x^2', '2x'),
  ),
})).expr;

test('well-formed LaTeX always parses, unambiguously', () => {
  fc.assert(
    fc.property(wellFormed, wellFormed, (a, b) => {
      parseLatexProgram(a);
      parseLatexProgram(`q = ${a} \\\\ L = ${b}`);
    }),
    { seed: 20261122, numRuns: 1000 },
  );
});
