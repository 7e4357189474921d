// Plain-text notation, table-driven: [input, expected tree as an S-expression]. Every row of
// docs/notation.md is here, and every expression of the golden cases G1–G5 (SEEDS.md).
import { describe, expect, it } from 'vitest';
import { parseTextProgram } from '../../src/parse/text.js';
import { mainExpr } from '../../src/parse/index.js';
import { sexpr } from '../helpers/sexpr.js';

const expr = (s: string, names: string[] = []) => sexpr(mainExpr(parseTextProgram(s, { names })));

const NOTATION: Array<[string, string]> = [
  // numbers
  ['3', '3'], ['0.25', '1/4'], ['.5', '1/2'], ['2.', '2'], ['1e-3', '1/1000'], ['2.5E4', '25000'], ['0.1', '1/10'],
  ['(-2)', '-2'], ['-2', '(- 2)'], ['(1/3)', '1/3'], ['(-1/3)', '-1/3'], ['(-(2))', '(- 2)'], ['(1/(3))', '(/ 1 3)'], ['2e^x', '(* 2 (exp x))'],
  // precedence
  ['-x^2', '(- (^ x 2))'], ['2^-1', '(^ 2 (- 1))'], ['a/bc', '(/ a (* b c))'], ['1/2x', '(/ 1 (* 2 x))'],
  ['x^2y', '(* (^ x 2) y)'], ['x^2^3', '(^ x (^ 2 3))'], ['a/b/c', '(/ (/ a b) c)'], ['a/b*c', '(* (/ a b) c)'],
  ['a - b + c', '(+ a (- b) c)'], ['2*-x', '(* 2 (- x))'], ['a - -b', '(+ a (- (- b)))'],
  ['-28y/-4y', '(/ (- (* 28 y)) (- (* 4 y)))'], ['e^-z', '(exp (- z))'], ['e^(−z)', '(exp (- z))'],
  ['(a + b) + c', '(+ (+ a b) c)'], ['a + (b + c)', '(+ a (+ b c))'], ['2x*y', '(* 2 x y)'], ['x*2y', '(* x (* 2 y))'],
  ['x**2', '(^ x 2)'], ['a·b', '(* a b)'], ['a×b', '(* a b)'], ['a⋅b', '(* a b)'], ['a ÷ b', '(/ a b)'],
  ['x²', '(^ x 2)'], ['x⁻¹', '(^ x (- 1))'], ['+4x', '(* 4 x)'], ['0----x', '(+ 0 (- (- (- (- x)))))'],
  // implicit multiplication
  ['2x', '(* 2 x)'], ['wx + b', '(+ (* w x) b)'], ['x(1−y)', '(* x (+ 1 (- y)))'], ['(a+b)(a−b)', '(* (+ a b) (+ a (- b)))'],
  ['2(x+1)', '(* 2 (+ x 1))'], ['a²(1 − a²)', '(* (^ a 2) (+ 1 (- (^ a 2))))'], ['w x', '(* w x)'], ['xy(1-y)', '(* x y (+ 1 (- y)))'],
  // names
  ['ŷ', 'y_hat'], ['y\u0302', 'y_hat'], ['y_hat', 'y_hat'], ['x̄', 'x_bar'], ['x_bar', 'x_bar'], ['x1', 'x_1'], ['x_1', 'x_1'],
  ['x_{1}', 'x_1'], ['x₁', 'x_1'], ['w_{11}', 'w_11'], ['w11', 'w_11'], ['w₁₁', 'w_11'], ['w_ij', 'w_ij'], ['x_i1', 'x_i1'],
  ['W1', 'W_1'], ['W_1', 'W_1'], ['α', 'alpha'], ['alpha', 'alpha'], ['Δ', 'Delta'], ['x_1y', '(* x_1 y)'], ['w1x2', '(* w_1 x_2)'],
  ['alphabeta', '(* alpha beta)'], ['ŷ_1', 'y_hat_1'], ['y_hat_1', 'y_hat_1'], ['π', '#pi'], ['pi', '#pi'], ['e', '#e'],
  // functions
  ['cosx', '(cos x)'], ['log y', '(log y)'], ['sin x^2', '(sin (^ x 2))'], ['sin 2x', '(* (sin 2) x)'],
  ['log x log y', '(* (log x) (log y))'], ['ln(x)', '(log x)'], ['σ(z)', '(sigmoid z)'], ['sigma(z)', '(sigmoid z)'],
  ['sigmoid(z)', '(sigmoid z)'], ['f(x)', '(* f x)'], ['sqrt(x)', '(sqrt x)'], ['√x', '(sqrt x)'], ['arcsin(x)', '(asin x)'],
  ['log(x)^2', '(^ (log x) 2)'], ['σ(z)²', '(^ (sigmoid z) 2)'], ['relu(x)', '(relu x)'], ['log10(x)', '(log10 x)'],
  ['BCE(p, t)', '(BCE p t)'], ['MSE(p, t)', '(MSE p t)'], ['exp(2x)', '(exp (* 2 x))'], ['abs(2x)', '(abs (* 2 x))'],
];

describe('plain-text notation (docs/notation.md)', () => {
  it.each(NOTATION)('%s', (input, want) => {
    expect(expr(input)).toBe(want);
  });
  it('declared names are one symbol', () => {
    expect(expr('lr*g', ['lr'])).toBe('(* lr g)');
    expect(expr('lr*g')).toBe('(* l r g)');
    expect(expr('loss = 2x; loss^2')).toBe('(^ loss 2)');
  });
});

// Golden cases: every expression of SEEDS.md G1–G5, as the notes write them in plain text.
const GOLDEN: Array<[string, string, string]> = [
  ['G1', 'w·x + b', '(+ (* w x) b)'],
  ['G1', 'σ(z)', '(sigmoid z)'],
  ['G1', '1/(1+e^(−z))', '(/ 1 (+ 1 (exp (- z))))'],
  ['G1', '−(ŷ·log y + (1−ŷ)·log(1−y))', '(- (+ (* y_hat (log y)) (* (+ 1 (- y_hat)) (log (+ 1 (- y))))))'],
  ['G1', 'BCE(y, ŷ)', '(BCE y y_hat)'],
  ['G1', '−(ŷ/y − (1−ŷ)/(1−y))', '(- (+ (/ y_hat y) (- (/ (+ 1 (- y_hat)) (+ 1 (- y))))))'],
  ['G1', '−(ŷ(1−y) − (1−ŷ)y)/(y(1−y))', '(/ (- (+ (* y_hat (+ 1 (- y))) (- (* (+ 1 (- y_hat)) y)))) (* y (+ 1 (- y))))'],
  ['G1', '(y−ŷ)/(y(1−y))', '(/ (+ y (- y_hat)) (* y (+ 1 (- y))))'],
  ['G1', '−1/(1+e^(−z))² · (−e^(−z))', '(* (/ (- 1) (^ (+ 1 (exp (- z))) 2)) (- (exp (- z))))'],
  ['G1', 'e^(−z)/(1+e^(−z))²', '(/ (exp (- z)) (^ (+ 1 (exp (- z))) 2))'],
  ['G1', '1/(1+e^(−z)) · e^(−z)/(1+e^(−z))', '(/ (* (/ 1 (+ 1 (exp (- z)))) (exp (- z))) (+ 1 (exp (- z))))'],
  ['G1', 'σ(z)(1−σ(z))', '(* (sigmoid z) (+ 1 (- (sigmoid z))))'],
  ['G1', 'y(1−y)', '(* y (+ 1 (- y)))'],
  ['G1', '(y−ŷ)/(y(1−y)) · y(1−y)', '(* (/ (+ y (- y_hat)) (* y (+ 1 (- y)))) (* y (+ 1 (- y))))'],
  ['G1', '(y−ŷ)·x', '(* (+ y (- y_hat)) x)'],
  ['G1', 'BCE(σ(wx+b), ŷ)', '(BCE (sigmoid (+ (* w x) b)) y_hat)'],
  ['G1', '(σ(wx+b) − ŷ)·x', '(* (+ (sigmoid (+ (* w x) b)) (- y_hat)) x)'],
  ['G2', 'σ(w0 + w1·x1 + w2·x2)', '(sigmoid (+ w_0 (* w_1 x_1) (* w_2 x_2)))'],
  ['G2', '−y·log ŷ − (1−y)·log(1−ŷ)', '(+ (* (- y) (log y_hat)) (- (* (+ 1 (- y)) (log (+ 1 (- y_hat))))))'],
  ['G2', '−e^(−z)/(1+e^(−z))', '(/ (- (exp (- z))) (+ 1 (exp (- z))))'],
  ['G2', 'σ(z) − 1', '(+ (sigmoid z) (- 1))'],
  ['G2', '−log σ(z)', '(- (log (sigmoid z)))'],
  ['G3', 'a·x + b', '(+ (* a x) b)'],
  ['G3', '(y_i − (a·x_i + b))^2', '(^ (+ y_i (- (+ (* a x_i) b))) 2)'],
  ['G3', '−2x_i(y_i − (ax_i+b))', '(- (* 2 x_i (+ y_i (- (+ (* a x_i) b)))))'],
  ['G3', '2 − 0.1·10', '(+ 2 (- (* 1/10 10)))'],
  ['G3', 'x/3 + 2/3', '(+ (/ x 3) (/ 2 3))'],
  ['G3', 'log y', '(log y)'],
  ['G3', '(1/3)·(1/y)', '(* 1/3 (/ 1 y))'],
  ['G4', 'W1 X + b1', '(+ (* W_1 X) b_1)'],
  ['G4', 'σ(z1)', '(sigmoid z_1)'],
  ['G4', 'W2 a1 + b2', '(+ (* W_2 a_1) b_2)'],
  ['G4', '−y log(a2) − (1−y) log(1−a2)', '(+ (- (* y (log a_2))) (- (* (+ 1 (- y)) (log (+ 1 (- a_2))))))'],
  ['G4', '−y·log(a2)', '(* (- y) (log a_2))'],
  ['G4', '(a2−y)/(a2(1−a2))', '(/ (+ a_2 (- y)) (* a_2 (+ 1 (- a_2))))'],
  ['G4', 'a2(1−a2)', '(* a_2 (+ 1 (- a_2)))'],
  ['G4', '(a2−y)a1', '(* (+ a_2 (- y)) a_1)'],
  ['G4', '(a2−y)W2 a1(1−a1)X', '(* (+ a_2 (- y)) W_2 a_1 (+ 1 (- a_1)) X)'],
  ['G4', '(a2−y)W2 a1(1−a1)', '(* (+ a_2 (- y)) W_2 a_1 (+ 1 (- a_1)))'],
  ['G5', 'S(1−S)', '(* S (+ 1 (- S)))'],
  ['G5', 'e^x/(e^x+1)', '(/ (exp x) (+ (exp x) 1))'],
  ['G5', '−t_j/y_j', '(/ (- t_j) y_j)'],
  ['G5', 'y_i − t_i', '(+ y_i (- t_i))'],
  ['G5', 'ln(p/(1−p))', '(log (/ p (+ 1 (- p))))'],
  ['G5', '1/(1+e^(−L))', '(/ 1 (+ 1 (exp (- L))))'],
  ['G5', 'x²+2x+1', '(+ (^ x 2) (* 2 x) 1)'],
  ['G5', '(x+1)^2', '(^ (+ x 1) 2)'],
  ['G5', '(loss(w+h) − loss(w))/h', '(/ (+ (* loss (+ w h)) (- (* loss w))) h)'],
];

describe('golden expressions G1–G5 in plain text', () => {
  it.each(GOLDEN)('%s: %s', (_g, input, want) => {
    expect(expr(input, ['loss'])).toBe(want);
  });
  it('G1 as definitions', () => {
    const p = parseTextProgram('z = wx + b; y = σ(z); L = BCE(y, ŷ)').program;
    expect(p.definitions.map((d) => `${d.name} := ${sexpr(d.expr)}`)).toEqual([
      'z := (+ (* w x) b)', 'y := (sigmoid z)', 'L := (BCE y y_hat)',
    ]);
    expect(p.body).toBeNull();
  });
  it('G4 as definitions, one per line', () => {
    const p = parseTextProgram('z1 = W1 X + b1\na1 = σ(z1)\nz2 = W2 a1 + b2\na2 = σ(z2)\nL = BCE(a2, y)').program;
    expect(p.definitions.map((d) => d.name)).toEqual(['z_1', 'a_1', 'z_2', 'a_2', 'L']);
  });
  it('G2 as definitions with a new line inside parentheses', () => {
    const p = parseTextProgram('z = (w0 + w1 x1\n + w2 x2)\np = σ(z); L = BCE(p, y)').program;
    expect(p.definitions.map((d) => d.name)).toEqual(['z', 'p', 'L']);
  });
});
