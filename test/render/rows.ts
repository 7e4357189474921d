// The golden rows of the printers, [tree, text, unicode, latex], one row per behaviour, built with
// the ast constructors: the SEEDS.md cases G1–G5 and the precedence/spelling edge cases, plus
// layer-indexed LaTeX. Shared by golden.test.ts (printers) and parser-roundtrip.test.ts (src/parse).
import { add, call, constant, div, int, mul, neg, pow, rat, sub, sym } from '../../src/ast/build.js';
import type { Expr } from '../../src/ast/nodes.js';
import { getFunction } from '../../src/functions/index.js';

const [a, b, c, d, m, p, t, x, y, z, w] = ['a', 'b', 'c', 'd', 'm', 'p', 't', 'x', 'y', 'z', 'w'].map((n) => sym(n)) as [
  Expr, Expr, Expr, Expr, Expr, Expr, Expr, Expr, Expr, Expr, Expr,
];
const yh = sym('y_hat');
const [a1, a2, W2, b2, X] = [sym('a_1'), sym('a_2'), sym('W_2'), sym('b_2'), sym('X')];
const one = int(1);
const f = (name: string, ...args: Expr[]): Expr => call(name, ...args);
const e = constant('e');
const ez = f('exp', neg(z)); // e^(−z)

export type Row = readonly [tree: Expr, text: string, unicode: string, latex: string];

export const SEEDS: Record<string, Row> = {
  // G1 — one neuron, sigmoid, BCE
  'G1 z': [add(mul(w, x), b), 'w*x + b', 'wx + b', 'wx + b'],
  'G1 sigmoid definition': [div(one, add(one, ez)), '1/(1 + exp(-z))', '1/(1 + e^(−z))', '\\frac{1}{1 + e^{-z}}'],
  'G1 BCE definition': [
    neg(add(mul(yh, f('log', y)), mul(sub(one, yh), f('log', sub(one, y))))),
    '-(y_hat*log(y) + (1 - y_hat)*log(1 - y))',
    '−(ŷ·log(y) + (1 − ŷ)·log(1 − y))',
    '-(\\hat{y}\\log(y) + (1 - \\hat{y})\\log(1 - y))',
  ],
  'G1 BCE call': [f('BCE', y, yh), 'BCE(y, y_hat)', 'BCE(y, ŷ)', '\\operatorname{BCE}(y, \\hat{y})'],
  'G1 step 1, partials': [
    neg(sub(div(yh, y), div(sub(one, yh), sub(one, y)))),
    '-(y_hat/y - (1 - y_hat)/(1 - y))',
    '−(ŷ/y − (1 − ŷ)/(1 − y))',
    '-\\left(\\frac{\\hat{y}}{y} - \\frac{1 - \\hat{y}}{1 - y}\\right)',
  ],
  'G1 step 1, one fraction': [
    neg(div(sub(mul(yh, sub(one, y)), mul(sub(one, yh), y)), mul(y, sub(one, y)))),
    '-((y_hat*(1 - y) - (1 - y_hat)*y)/(y*(1 - y)))',
    '−((ŷ(1 − y) − (1 − ŷ)y)/(y(1 − y)))',
    '-\\frac{\\hat{y}(1 - y) - (1 - \\hat{y})y}{y(1 - y)}',
  ],
  'G1 step 1, result': [div(sub(y, yh), mul(y, sub(one, y))), '(y - y_hat)/(y*(1 - y))', '(y − ŷ)/(y(1 − y))', '\\frac{y - \\hat{y}}{y(1 - y)}'],
  'G1 step 2, chain': [
    mul(div(neg(one), pow(add(one, ez), int(2))), neg(ez)),
    '-1/(1 + exp(-z))^2*-exp(-z)',
    '−1/(1 + e^(−z))²·(−e^(−z))',
    '\\frac{-1}{(1 + e^{-z})^{2}} \\cdot (-e^{-z})',
  ],
  'G1 step 2, quotient': [div(ez, pow(add(one, ez), int(2))), 'exp(-z)/(1 + exp(-z))^2', 'e^(−z)/(1 + e^(−z))²', '\\frac{e^{-z}}{(1 + e^{-z})^{2}}'],
  'G1 step 2, split': [
    mul(div(one, add(one, ez)), div(ez, add(one, ez))),
    '1/(1 + exp(-z))*(exp(-z)/(1 + exp(-z)))',
    '1/(1 + e^(−z))·(e^(−z)/(1 + e^(−z)))',
    '\\frac{1}{1 + e^{-z}} \\cdot \\frac{e^{-z}}{1 + e^{-z}}',
  ],
  'G1 step 2, sigma': [mul(f('sigmoid', z), sub(one, f('sigmoid', z))), 'sigmoid(z)*(1 - sigmoid(z))', 'σ(z)(1 − σ(z))', '\\sigma(z)(1 - \\sigma(z))'],
  'G1 step 2, y': [mul(y, sub(one, y)), 'y*(1 - y)', 'y(1 − y)', 'y(1 - y)'],
  'G1 step 3, the cancellation': [
    mul(div(sub(y, yh), mul(y, sub(one, y))), mul(y, sub(one, y))),
    '(y - y_hat)/(y*(1 - y))*(y*(1 - y))',
    '(y − ŷ)/(y(1 − y))·y(1 − y)',
    '\\frac{y - \\hat{y}}{y(1 - y)} \\cdot y(1 - y)',
  ],
  'G1 step 4': [mul(sub(y, yh), x), '(y - y_hat)*x', '(y − ŷ)x', '(y - \\hat{y})x'],
  'G1 one expression': [
    f('BCE', f('sigmoid', add(mul(w, x), b)), yh),
    'BCE(sigmoid(w*x + b), y_hat)',
    'BCE(σ(wx + b), ŷ)',
    '\\operatorname{BCE}(\\sigma(wx + b), \\hat{y})',
  ],
  'G1 one expression, result': [
    mul(sub(f('sigmoid', add(mul(w, x), b)), yh), x),
    '(sigmoid(w*x + b) - y_hat)*x',
    '(σ(wx + b) − ŷ)x',
    '(\\sigma(wx + b) - \\hat{y})x',
  ],
  // G2 — logistic regression as a graph
  'G2 prediction': [
    f('sigmoid', add(sym('w_0'), mul(sym('w_1'), sym('x_1')), mul(sym('w_2'), sym('x_2')))),
    'sigmoid(w_0 + w_1*x_1 + w_2*x_2)',
    'σ(w₀ + w₁x₁ + w₂x₂)',
    '\\sigma(w_{0} + w_{1}x_{1} + w_{2}x_{2})',
  ],
  'G2 loss as the notes write it': [
    add(mul(neg(y), f('log', yh)), neg(mul(sub(one, y), f('log', sub(one, yh))))),
    '-y*log(y_hat) - (1 - y)*log(1 - y_hat)',
    '−y·log(ŷ) − (1 − y)·log(1 − ŷ)',
    '-y\\log(\\hat{y}) - (1 - y)\\log(1 - \\hat{y})',
  ],
  'G2 fused gate': [sub(f('sigmoid', z), y), 'sigmoid(z) - y', 'σ(z) − y', '\\sigma(z) - y'],
  'G2 y = 1 loss': [neg(f('log', f('sigmoid', z))), '-log(sigmoid(z))', '−log(σ(z))', '-\\log(\\sigma(z))'],
  'G2 y = 1 derivative': [div(neg(ez), add(one, ez)), '-exp(-z)/(1 + exp(-z))', '−e^(−z)/(1 + e^(−z))', '\\frac{-e^{-z}}{1 + e^{-z}}'],
  'G2 times -1 gate': [mul(int(-1), x), '(-1)*x', '−1·x', '-1 \\cdot x'],
  'G2 reciprocal gate': [div(one, x), '1/x', '1/x', '\\frac{1}{x}'],
  'G2 slide numbers': [
    mul(sub(one, rat(73n, 100n)), rat(73n, 100n), rat(-137n, 100n)),
    '(1 - (73/100))*(73/100)*(-137/100)',
    '(1 − 73/100)·(73/100)·(−137/100)',
    '\\left(1 - \\frac{73}{100}\\right) \\cdot \\frac{73}{100} \\cdot \\left(-\\frac{137}{100}\\right)',
  ],
  // G3 — least squares, gradient step, chain rule
  'G3 squared residual': [
    pow(sub(sym('y_i'), add(mul(a, sym('x_i')), b)), int(2)),
    '(y_i - (a*x_i + b))^2',
    '(y_i − (a·x_i + b))²',
    '(y_{i} - (ax_{i} + b))^{2}',
  ],
  'G3 dL/da term': [
    mul(int(-2), sym('x_i'), sub(sym('y_i'), add(mul(a, sym('x_i')), b))),
    '(-2)*x_i*(y_i - (a*x_i + b))',
    '−2x_i(y_i − (a·x_i + b))',
    '-2x_{i}(y_{i} - (ax_{i} + b))',
  ],
  'G3 gradient step': [sub(int(2), mul(rat(1n, 10n), int(10))), '2 - (1/10)*10', '2 − (1/10)·10', '2 - \\frac{1}{10} \\cdot 10'],
  'G3 inner function': [add(div(x, int(3)), div(int(2), int(3))), 'x/3 + 2/3', 'x/3 + 2/3', '\\frac{x}{3} + \\frac{2}{3}'],
  'G3 chain rule': [mul(rat(1n, 3n), div(one, y)), '(1/3)*(1/y)', '(1/3)·(1/y)', '\\frac{1}{3} \\cdot \\frac{1}{y}'],
  'G3 learning rate': [sub(a, mul(sym('alpha'), sym('g'))), 'a - alpha*g', 'a − αg', 'a - \\alpha g'],
  // G4 — two-layer network, per sample
  'G4 z2': [add(mul(W2, a1), b2), 'W_2*a_1 + b_2', 'W₂a₁ + b₂', 'W_{2}a_{1} + b_{2}'],
  'G4 dL/da2': [div(sub(a2, y), mul(a2, sub(one, a2))), '(a_2 - y)/(a_2*(1 - a_2))', '(a₂ − y)/(a₂(1 − a₂))', '\\frac{a_{2} - y}{a_{2}(1 - a_{2})}'],
  'G4 dL/dW2': [mul(sub(a2, y), a1), '(a_2 - y)*a_1', '(a₂ − y)a₁', '(a_{2} - y)a_{1}'],
  'G4 dL/dW1': [
    mul(sub(a2, y), W2, a1, sub(one, a1), X),
    '(a_2 - y)*W_2*a_1*(1 - a_1)*X',
    '(a₂ − y)W₂a₁(1 − a₁)X',
    '(a_{2} - y)W_{2}a_{1}(1 - a_{1})X',
  ],
  'G4 per-sample loss': [
    add(mul(neg(y), f('log', sym('h'))), neg(mul(sub(one, y), f('log', sub(one, sym('h')))))),
    '-y*log(h) - (1 - y)*log(1 - h)',
    '−y·log(h) − (1 − y)·log(1 − h)',
    '-y\\log(h) - (1 - y)\\log(1 - h)',
  ],
  'G4 mean': [mul(div(one, m), sym('L_i')), '1/m*L_i', '1/m·L_i', '\\frac{1}{m} \\cdot L_{i}'],
  // G5 — classifier, softmax, matrix form (scalar parts)
  'G5 hidden unit': [
    f('sigmoid', add(mul(sym('w_i1'), sym('x_1')), mul(sym('w_i2'), sym('x_2')))),
    'sigmoid(w_i1*x_1 + w_i2*x_2)',
    'σ(w_i1·x₁ + w_i2·x₂)',
    '\\sigma(w_{i1}x_{1} + w_{i2}x_{2})',
  ],
  "G5 S'": [mul(sym('S'), sub(one, sym('S'))), 'S*(1 - S)', 'S(1 − S)', 'S(1 - S)'],
  'G5 S via e^x': [div(f('exp', x), add(f('exp', x), one)), 'exp(x)/(exp(x) + 1)', 'e^x/(e^x + 1)', '\\frac{e^{x}}{e^{x} + 1}'],
  'G5 cross-entropy partial': [neg(div(sym('t_j'), sym('y_j'))), '-(t_j/y_j)', '−(t_j/y_j)', '-\\frac{t_{j}}{y_{j}}'],
  'G5 logit': [f('log', div(p, sub(one, p))), 'log(p/(1 - p))', 'log(p/(1 − p))', '\\log\\left(\\frac{p}{1 - p}\\right)'],
  'G5 chain-rule check': [add(pow(x, int(2)), mul(int(2), x), one), 'x^2 + 2*x + 1', 'x² + 2x + 1', 'x^{2} + 2x + 1'],
  'G5 descent': [sub(sym('beta'), mul(sym('eta'), sym('g'))), 'beta - eta*g', 'β − ηg', '\\beta - \\eta g'],
};

export const EDGES: Record<string, Row> = {
  'neg of sum': [neg(add(x, y)), '-(x + y)', '−(x + y)', '-(x + y)'],
  'neg of product': [neg(mul(x, y)), '-(x*y)', '−xy', '-xy'],
  'product led by neg': [mul(neg(x), y), '-x*y', '−x·y', '-xy'],
  'neg in later factor': [mul(x, neg(y)), 'x*-y', 'x·(−y)', 'x \\cdot (-y)'],
  'neg of power': [neg(pow(x, int(2))), '-x^2', '−x²', '-x^{2}'],
  'power of neg': [pow(neg(x), int(2)), '(-x)^2', '(−x)²', '(-x)^{2}'],
  'power of negative literal': [pow(int(-2), int(2)), '(-2)^2', '(−2)²', '(-2)^{2}'],
  'power of neg(2)': [pow(neg(int(2)), int(2)), '(-(2))^2', '(−2)²', '(-2)^{2}'],
  'neg of neg': [neg(neg(x)), '--x', '−(−x)', '-(-x)'],
  'neg of negative literal': [neg(int(-2)), '-(-2)', '−(−2)', '-(-2)'],
  'nested div, left': [div(div(a, b), c), 'a/b/c', 'a/b/c', '\\frac{\\frac{a}{b}}{c}'],
  'nested div, right': [div(a, div(b, c)), 'a/(b/c)', 'a/(b/c)', '\\frac{a}{\\frac{b}{c}}'],
  'pow right assoc': [pow(a, pow(b, c)), 'a^b^c', 'a^(b^c)', 'a^{b^{c}}'],
  'pow of pow': [pow(pow(a, b), c), '(a^b)^c', '(a^b)^c', '(a^{b})^{c}'],
  'mul inside div': [div(mul(a, b), c), 'a*b/c', 'ab/c', '\\frac{ab}{c}'],
  'mul in denominator': [div(one, mul(int(2), x)), '1/(2*x)', '1/(2x)', '\\frac{1}{2x}'],
  'div inside mul': [mul(a, div(b, c)), 'a*(b/c)', 'a·(b/c)', 'a \\cdot \\frac{b}{c}'],
  'div leads mul': [mul(div(a, b), c), 'a/b*c', 'a/b·c', '\\frac{a}{b} \\cdot c'],
  'run of * then /': [mul(div(mul(a, b), c), d), 'a*b/c*d', 'ab/c·d', '\\frac{ab}{c} \\cdot d'],
  'mul in mul, right': [mul(a, mul(b, c)), 'a*(b*c)', 'a(bc)', 'a(bc)'],
  'mul in mul, left': [mul(mul(a, b), c), '(a*b)*c', '(ab)c', '(ab)c'],
  'add in add': [add(a, add(b, c)), 'a + (b + c)', 'a + (b + c)', 'a + (b + c)'],
  'add first in add': [add(add(a, b), c), '(a + b) + c', '(a + b) + c', '(a + b) + c'],
  subtraction: [sub(a, b), 'a - b', 'a − b', 'a - b'],
  'minus a negation': [add(a, neg(neg(b))), 'a - -b', 'a − (−b)', 'a - (-b)'],
  'minus a negative literal': [add(a, neg(int(-2))), 'a - (-2)', 'a − (−2)', 'a - (-2)'],
  'plus a negative literal': [add(a, int(-2)), 'a + (-2)', 'a − 2', 'a - 2'],
  'negative literal': [int(-2), '(-2)', '−2', '-2'],
  'neg of literal': [neg(int(2)), '-2', '−2', '-2'],
  'fraction literal': [rat(1n, 3n), '(1/3)', '1/3', '\\frac{1}{3}'],
  'negative fraction literal': [rat(-2n, 3n), '(-2/3)', '−2/3', '-\\frac{2}{3}'],
  'quotient of integers': [div(one, int(3)), '1/3', '1/3', '\\frac{1}{3}'],
  'quotient of integers as factor': [mul(x, div(one, int(3))), 'x*(1/(3))', 'x·(1/3)', 'x \\cdot \\frac{1}{3}'],
  'neg of quotient of integers': [neg(div(one, int(3))), '-(1/(3))', '−1/3', '-\\frac{1}{3}'],
  'fraction coefficient': [mul(rat(1n, 3n), x), '(1/3)*x', '(1/3)x', '\\frac{1}{3}x'],
  'negative coefficient': [mul(int(-2), x), '(-2)*x', '−2x', '-2x'],
  'two numbers': [mul(int(2), int(3)), '2*3', '2·3', '2 \\cdot 3'],
  'number times negative literal': [mul(int(2), int(-3)), '2*(-3)', '2·(−3)', '2 \\cdot (-3)'],
  'negative literal exponent': [pow(x, int(-1)), 'x^(-1)', 'x⁻¹', 'x^{-1}'],
  'neg exponent': [pow(x, neg(one)), 'x^-1', 'x⁻¹', 'x^{-1}'],
  'neg symbol exponent': [pow(int(2), neg(x)), '2^-x', '2^(−x)', '2^{-x}'],
  'fraction exponent': [pow(x, rat(1n, 2n)), 'x^(1/2)', 'x^(1/2)', 'x^{\\frac{1}{2}}'],
  exp: [f('exp', x), 'exp(x)', 'e^x', 'e^{x}'],
  'power of exp': [pow(f('exp', x), int(2)), 'exp(x)^2', '(e^x)²', '(e^{x})^{2}'],
  'coefficient of exp': [mul(int(2), ez), '2*exp(-z)', '2e^(−z)', '2e^{-z}'],
  'exp then factor': [mul(f('exp', x), y), 'exp(x)*y', 'e^x·y', 'e^{x}y'],
  'power of e': [pow(e, int(2)), 'e^2', 'e²', 'e^{2}'],
  sqrt: [f('sqrt', add(x, one)), 'sqrt(x + 1)', '√(x + 1)', '\\sqrt{x + 1}'],
  cbrt: [f('cbrt', x), 'cbrt(x)', 'cbrt(x)', '\\sqrt[3]{x}'],
  abs: [pow(f('abs', x), int(2)), 'abs(x)^2', 'abs(x)²', '\\left|x\\right|^{2}'],
  'power of call': [pow(f('sigmoid', z), int(2)), 'sigmoid(z)^2', 'σ(z)²', '\\sigma(z)^{2}'],
  'power of quotient': [pow(div(a, b), int(2)), '(a/b)^2', '(a/b)²', '\\left(\\frac{a}{b}\\right)^{2}'],
  'tall call argument': [f('sigmoid', div(one, x)), 'sigmoid(1/x)', 'σ(1/x)', '\\sigma\\left(\\frac{1}{x}\\right)'],
  'pi juxtaposed': [mul(constant('pi'), x), 'pi*x', 'πx', '\\pi x'],
  'greek juxtaposed': [mul(sym('alpha'), x), 'alpha*x', 'αx', '\\alpha x'],
  'letters spelling pi': [mul(p, sym('i')), 'p*i', 'p·i', 'pi'],
  'letters spelling exp': [mul(e, x, p), 'e*x*p', 'e·x·p', 'exp'],
  'word function after symbol': [mul(x, f('log', y)), 'x*log(y)', 'x·log(y)', 'x\\log(y)'],
  'coefficient 1': [mul(one, x), '1*x', '1·x', '1 \\cdot x'],
  log10: [f('log10', x), 'log10(x)', 'log10(x)', '\\log_{10}(x)'],
  // the LaTeX head is the spec's own (src/functions/ml.ts), so the row follows the registry; the
  // Unicode head `H` is not a spelling the parser reads, so the name is printed
  heaviside: [f('heaviside', x), 'heaviside(x)', 'heaviside(x)', `${getFunction('heaviside').latex}(x)`],
  MSE: [f('MSE', p, t), 'MSE(p, t)', 'MSE(p, t)', '\\operatorname{MSE}(p, t)'],
  'accent with subscript': [pow(sym('y_hat_2'), int(2)), 'y_hat_2^2', 'ŷ₂²', '\\hat{y}_{2}^{2}'],
};

/** layerIndex: numeric subscripts as the notes' layer superscripts. */
export const LAYERS: Record<string, readonly [Expr, string]> = {
  'G4 z2': [add(mul(W2, a1), b2), 'W^{(2)}a^{(1)} + b^{(2)}'],
  'G4 dL/dW1': [mul(sub(a2, y), W2, a1, sub(one, a1), X), '(a^{(2)} - y)W^{(2)}a^{(1)}(1 - a^{(1)})X'],
  'G4 dL/da2': [div(sub(a2, y), mul(a2, sub(one, a2))), '\\frac{a^{(2)} - y}{a^{(2)}(1 - a^{(2)})}'],
  'power of a layer-indexed name': [pow(a1, int(2)), '(a^{(1)})^{2}'],
};
