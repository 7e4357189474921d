// Slide notation typed as the slides write it (red-team review, session 21): each input here was
// read differently from its obvious intent, silently, and the wrong derivative came back
// "verified". Each is now read as meant, noted by a reading, or refused with its position
// (docs/notation.md, "How chainrule reads what you type").
import { beforeAll, describe, expect, it } from 'vitest';
import { runOp } from '../../src/api/run.js';
import { equal } from '../../src/ast/traverse.js';
import { ChainruleError } from '../../src/errors.js';
import { loadLatex, mainExpr, parse } from '../../src/parse/index.js';

beforeAll(loadLatex);

const tree = (s: string, names: string[] = [], notation: 'text' | 'latex' = 'text') => mainExpr(parse(s, { names, notation }));
const same = (a: string, b: string, names: string[] = []) => expect(equal(tree(a, names), tree(b, names, b.includes('\\') ? 'latex' : 'text'))).toBe(true);
const codes = (s: string, names: string[] = []) => parse(s, { names }).readings.map((r) => r.code);
const refusal = (s: string): ChainruleError => {
  try {
    parse(s);
  } catch (e) {
    if (e instanceof ChainruleError) return e;
    throw e;
  }
  throw new Error(`${s} parsed`);
};
type Derived = { result: string; gradient: Record<string, { substituted?: { text: string } }>; check: { status: string } };
const derive = async (expr: string, wrt?: string) => (await runOp('derive', { expr, ...(wrt ? { wrt } : {}), steps: 'none' })) as unknown as Derived;

describe('1. Leibniz notation dL/dw is the operator, not a quotient', () => {
  it.each([
    ['dL/dw', 'd/dw L'],
    ['dL/dw', '\\frac{dL}{dw}'],
    ['dy/dw', 'd/dw y'],
    ['dx^2/dx', 'd/dx (x^2)'],
    ['d(x^2)/dx', 'd/dx (x^2)'],
    ['∂L/∂w', 'd/dw L'],
    ['∂L/∂w', '\\frac{\\partial L}{\\partial w}'],
    ['∂(wx + b)/∂w', 'd/dw (wx + b)'],
    ['dL/dz · dz/dw', '(d/dz L)·(d/dw z)'],
    ['dy_1/dw_1 + dŷ/dw2', 'd/dw_1 y_1 + d/dw_2 ŷ'],
    ['2 dL/dw x', '2 (d/dw L) x'],
  ])('%s = %s', (a, b) => same(a, b));

  it('derives through the definitions, as d/dw L does', async () => {
    const r = await derive('z = wx+b; y = σ(z); L = BCE(y, ŷ); dL/dw');
    expect(r.result).toBe('(y - y_hat)*x');
    expect(r.gradient['w']?.substituted?.text).toBe('(sigmoid(w*x + b) - y_hat)*x');
    expect(r.check.status).toBe('verified');
  });

  it('verify: a Leibniz-labelled answer and a worked line in Leibniz notation', async () => {
    const problem = { expr: 'z = wx+b; y = σ(z); L = BCE(y, ŷ)', wrt: 'w' };
    const v = async (q: object) => (await runOp('verify', { problem, ...q })) as unknown as { verdict: string; method: string };
    expect(await v({ answer: 'dL/dw = (y - ŷ)x' })).toMatchObject({ verdict: 'correct' });
    expect(await v({ answer: 'dL/dw = (y - ŷ)' })).toMatchObject({ verdict: 'incorrect' });
    // a label for another variable is not stripped: the answer does not parse
    expect(await v({ answer: 'dL/db = (y - ŷ)x' })).toMatchObject({ verdict: 'incorrect', method: 'parse-error' });
    expect(await v({ lines: ['dL/dz · dz/dw', '(y - ŷ)x'] })).toMatchObject({ verdict: 'correct' });
  });

  it('a declared or defined d is a symbol: dL/dw stays the quotient', () => {
    same('dL/dw', '(d L)/(d w)', ['d']);
    expect(equal(tree('d = 2; dL/dw'), tree('d = 2; (d L)/(d w)'))).toBe(true);
  });

  it('names starting with d are not split: delta, a declared dist', () => {
    same('delta/dw', 'δ/(d w)');
    same('dist/dw', 'dist/(d w)', ['dist']);
  });

  it('refuses what it cannot read, with the position', () => {
    expect(refusal('dxy/dw')).toMatchObject({ code: 'BAD_NAME', span: { start: 0, end: 6 } });
    expect(refusal('dL/dw^2')).toMatchObject({ code: 'UNEXPECTED_TOKEN', span: { start: 0 } });
  });
});

describe('2. a line that starts with + or − continues the statement above', () => {
  it.each([
    ['L = (y - wx)^2\n  + λw^2', 'L = (y - wx)^2 + λw^2'],
    ['ŷ = σ(wx)\nL = -y log ŷ\n    - (1-y) log(1-ŷ)', 'ŷ = σ(wx); L = -y log ŷ - (1-y) log(1-ŷ)'],
    ['L = (y - wx)^2\n+ λw^2', 'L = (y - wx)^2 + λw^2'],
    ['L = (y - wx)^2\n\n   - λw^2', 'L = (y - wx)^2 - λw^2'],
    ['z = wx + b\n  + c\ny = σ(z)', 'z = wx + b + c; y = σ(z)'],
  ])('%j', (a, b) => same(a, b));

  it('derives the whole loss', async () => {
    expect((await derive('L = (y - wx)^2\n  + λw^2', 'w')).result).toBe('-(2*(y - w*x)*x) + lambda*2*w');
  });

  it('an unindented line starting with − could be a new statement: refused at the −', () => {
    expect(refusal('L = (y - wx)^2\n- λw^2')).toMatchObject({ code: 'UNEXPECTED_TOKEN', span: { start: 15, end: 16 } });
  });

  it('a statement after ; may start with −', () => same('z = wx; -z', 'z = wx; -z'));
});

describe('3. Σ without an index is refused as ∑ is', () => {
  it.each([
    ['Σ (y - wx)^2', 0],
    ['L = -Σ t_j log y_j', 5],
    ['∑ (y - wx)^2', 0],
  ])('%s', (s, at) => {
    expect(refusal(s)).toMatchObject({ code: 'UNEXPECTED_TOKEN', span: { start: at, end: at + 1 } });
  });
  it('Σ_i and Σᵢ still sum; Sigma spelt out is the symbol', () => {
    same('Σᵢ x_i', 'Σ_i x_i');
    expect(tree('Sigma x').kind).toBe('mul');
  });
});

describe('5. w^Tx is the transpose times x, refused as w^T x is', () => {
  it.each([
    ['σ(w^Tx + b)', 3],
    ['x^Tw', 1],
    ['W^Tx + b', 1],
    ['w^T x', 1],
  ])('%s', (s, at) => {
    expect(refusal(s)).toMatchObject({ code: 'TRANSPOSE_NOT_SCALAR', span: { start: at, end: at + 2 } });
  });
  it('a power of a name that starts with T is still a power', () => {
    same('x^Temp', 'x^(Temp)', ['Temp']);
    same('x^T1', 'x^(T_1)');
    same('x^tx', 'x^t x');
  });
});

const reading = (s: string, code: string, names: string[] = []) => parse(s, { names }).readings.find((r) => r.code === code);

describe('10. DERIVATIVE_SCOPE in plain text, on the operator', () => {
  it.each([
    ['d/dw σ(wx+b)(1-σ(wx+b))', 'σ(wx+b)'],
    ['d/dw w^2 x', 'w^2'],
    ['d/dx x^2 + 1', 'x^2'],
    ['d/dx x^2 * y', 'x^2'],
  ])('%s', (s, arg) => {
    const r = reading(s, 'DERIVATIVE_SCOPE');
    expect(r?.span).toEqual({ start: 0, end: 4 });
    expect(r?.read).toBe(`${s.slice(0, 4)} applied to ${arg} only`);
  });
  it.each(['d/dw BCE(σ(wx+b), ŷ)', 'd/dx (x^2) + 1', 'd/dx(x^2 + 1)', 'y + d/dx y', '(d/dx x^2) + 1', 'dL/dz · dz/dw', 'BCE(d/dx x^2, y)'])('none for %s', (s) => {
    expect(reading(s, 'DERIVATIVE_SCOPE')).toBeUndefined();
  });
});

describe('4. DIVISION_SCOPE: everything multiplied after a / is in the denominator, and the parse says so', () => {
  it.each([
    ['1/2 (y-wx)^2', '1/(2 (y-wx)^2)', '(1/2)(y-wx)^2'],
    ['1/n Σ_i (y_i - w x_i)^2', '1/(n Σ_i (y_i - w x_i)^2)', '(1/n) Σ_i (y_i - w x_i)^2'],
    ['λ/2 w^2', 'λ/(2 w^2)', '(λ/2) w^2'],
    ['1/2x', '1/(2x)', '(1/2) x'],
  ])('%s', (s, read, alt) => {
    const r = reading(s, 'DIVISION_SCOPE');
    expect(r?.read).toBe(read);
    expect(r?.alternative).toContain(alt);
    expect(r?.span).toEqual({ start: 0, end: s.length });
  });
  it('the tree is unchanged: 1/2 (y − wx)^2 is 1/(2(y − wx)²)', () => same('1/2 (y-wx)^2', '1/(2 (y-wx)^2)'));
  it.each(['(1/2)(y-wx)^2', '1/(2x)', 'x/2', '(y - ŷ)/(y(1 - y))', 'a/b*c'])('none for %s', (s) => {
    expect(reading(s, 'DIVISION_SCOPE')).toBeUndefined();
  });
});

describe('7. FUNCTION_SCOPE and EXPONENT_SCOPE: one power taken, more factors after it', () => {
  it.each([
    ['σ wx + b', 'FUNCTION_SCOPE', 'σ(w)·x'],
    ['log 2w', 'FUNCTION_SCOPE', 'log(2)·w'],
    ['σwx', 'FUNCTION_SCOPE', 'σ(w)·x'],
    ['sin 2x', 'FUNCTION_SCOPE', 'sin(2)·x'],
    ['e^-wx', 'EXPONENT_SCOPE', 'e^(-w)·x'],
    ['w^1/2', 'EXPONENT_SCOPE', '(w^1)/2'],
    ['x^2y', 'EXPONENT_SCOPE', 'x^(2)·y'],
  ])('%s', (s, code, read) => {
    expect(reading(s, code)?.read).toBe(read);
  });
  it('σwx is no longer noted as "the product sigmoid·w·x"', () => {
    expect(codes('σwx')).toEqual(['FUNCTION_SCOPE']);
  });
  it.each(['σ(wx + b)', 'log x log y', 'cosx', 'sin x^2', 'x^2 y', 'x^2/2', 'e^(-wx)', 'w^(1/2)', 'x²y', 'log(2w)'])('none for %s', (s) => {
    expect(codes(s).filter((c) => c === 'FUNCTION_SCOPE' || c === 'EXPONENT_SCOPE')).toEqual([]);
  });
});

describe('6. IMPLICIT_PRODUCT_BEFORE_PAREN for defined, Greek, subscripted and accented names', () => {
  it('a defined name used as h(x): noted at each use, saying h is a defined name', () => {
    const s = 'h = σ(wx+b); L = -y log h(x) - (1-y) log(1-h(x))';
    const rs = parse(s).readings.filter((r) => r.code === 'IMPLICIT_PRODUCT_BEFORE_PAREN');
    expect(rs.map((r) => s.slice(r.span.start, r.span.end))).toEqual(['h(x)', 'h(x)']);
    expect(rs[0]!.message).toContain('h is a defined name');
  });
  it.each([
    ['φ(wx+b)', 'φ'],
    ['g_1(wx)', 'g_1'],
    ['f2(wx)', 'f2'],
    ['ŷ(w)', 'ŷ'],
  ])('%s', (s, name) => {
    const r = reading(s, 'IMPLICIT_PRODUCT_BEFORE_PAREN');
    expect(r?.read).toBe(`${name}·(…)`);
    expect(r?.span).toEqual({ start: 0, end: name.length + 1 });
  });
  it('a Greek or subscripted name is told to use a Latin function name', () => {
    expect(reading('φ(wx+b)', 'IMPLICIT_PRODUCT_BEFORE_PAREN')?.alternative).toContain('functions: ["phi"]');
    expect(reading('g_1(wx)', 'IMPLICIT_PRODUCT_BEFORE_PAREN')?.alternative).toContain('functions: ["g1"]');
  });
  it.each(['y = σ(wx); y(1 - y)', 'ŷ(1 - ŷ) w', '(y - ŷ)/(y(1 - y))'])('a name also used alone, times a factor: none for %s', (s) => {
    expect(reading(s, 'IMPLICIT_PRODUCT_BEFORE_PAREN')).toBeUndefined();
  });
});

describe('9. sum_i with or without a space before ( is the same sum', () => {
  it('sum_i(…)^2 and sum_i (…)^2 are both the sum of squares, as Σ_i(…)^2', () => {
    same('sum_i(y_i - w x_i)^2', 'sum_i (y_i - w x_i)^2');
    same('sum_i(y_i - w x_i)^2', 'Σ_i(y_i - w x_i)^2');
    same('sum_i(y_i - w x_i)^2', 'sum(i, (y_i - w x_i)^2)');
  });
  it('the call sum(i, …) sums exactly its argument', () => {
    expect(equal(tree('sum(i, y_i - w x_i)^2'), tree('sum_i(y_i - w x_i)^2'))).toBe(false);
  });
});

describe('8. xi and yi typed for x_i and y_i: INDEX_AS_LETTER', () => {
  it('(yi - w xi)^2 notes both: y·i and the Greek ξ', () => {
    const rs = parse('(yi - w xi)^2').readings.filter((r) => r.code === 'INDEX_AS_LETTER');
    expect(rs.map((r) => [r.read, r.span])).toEqual([
      ['y·i', { start: 1, end: 3 }],
      ['ξ', { start: 8, end: 10 }],
    ]);
    expect(rs[1]!.alternative).toContain('x_i');
  });
  it('xi next to Σ_i is noted; xi alone (the Greek letter as meant) is not', () => {
    expect(reading('Σ_i (y_i - w xi)^2', 'INDEX_AS_LETTER')?.read).toBe('ξ');
    expect(reading('xi^2 w', 'INDEX_AS_LETTER')).toBeUndefined();
    expect(reading('ξ + y_i', 'INDEX_AS_LETTER')).toBeUndefined();
  });
  it.each(['wx + b', 'x_i y_i', 'ab'])('none for %s', (s) => expect(reading(s, 'INDEX_AS_LETTER')).toBeUndefined());
});

describe('11. layer superscripts in plain text: W^(1) is the layer index W_1, as LaTeX W^{(1)}', () => {
  it.each([
    ['W^(1)x + b^(1)', 'W_1 x + b_1'],
    ['W^{(1)}x', 'W_1 x'],
    ['W^(1)x', 'W^{(1)}\\,x'],
    ['z^(2) = W^(2)a^(1) + b^(2); z^(2)', 'z2 = W2 a1 + b2; z2'],
    ['x^(i) w', 'x_i w'],
    ['(x)^(2)', 'x^2'],
    ['e^(1)', 'e^1'],
    ['2^(3)', '2^3'],
  ])('%s = %s', (a, b) => same(a, b));
  it('says so: LAYER_INDEX, with the power as the other spelling', () => {
    const r = reading('W^(1)x + b^(1)', 'LAYER_INDEX');
    expect(r).toMatchObject({ read: 'W_1', span: { start: 0, end: 5 }, alternative: 'for a power, write W^1' });
    expect(codes('W^(1)x + b^(1)').filter((c) => c === 'LAYER_INDEX')).toHaveLength(2);
  });
  it('a symbol that already has a subscript: UNSUPPORTED_INDEX, as in LaTeX', () => {
    expect(refusal('W_1^(2) x')).toMatchObject({ code: 'UNSUPPORTED_INDEX' });
    expect(refusal('W1^(2)')).toMatchObject({ code: 'UNSUPPORTED_INDEX' });
  });
  it('results are printed as W_1, not in a half of the typed spelling', async () => {
    expect((await derive('W^(1)x + b^(1)', 'x')).result).toBe('W_1');
  });
});

describe('Korean: the defined-name product has its own sentence', () => {
  it('h(x) with h defined', async () => {
    const r = (await runOp('derive', { expr: 'h = σ(wx+b); L = -y log h(x)', wrt: 'w', steps: 'none', lang: 'ko' })) as unknown as { readings: Array<{ code: string; message: string; messageEn?: string }> };
    const m = r.readings.find((x) => x.code === 'IMPLICIT_PRODUCT_BEFORE_PAREN');
    expect(m?.message).toContain('정의된 이름이므로');
    expect(m?.messageEn).toContain('h is a defined name');
  });
});

describe('1b. spaces never change the meaning of d: d/d w, d L/d w', () => {
  it.each([
    ['d/d w (w^2)', 'd/dw (w^2)'],
    ['d L/d w', 'dL/dw'],
    ['d L / dw', 'dL/dw'],
    ['d y_1/d w', 'dy_1/dw'],
    ['d x^2/d x', 'd/dx (x^2)'],
  ])('%s = %s', (a, b) => same(a, b));
  it('a product with a d stays one when no operator is written', () => {
    same('x/d y', 'x/(d y)');
    same('d x + d y', 'dx + dy');
  });
});

describe('11b. a space before ^ does not change the layer index', () => {
  it('W ^(1) x = W^(1)x', () => same('W ^(1) x', 'W^(1)x'));
});

// σ'(z): a built-in function cannot be declared (BAD_NAME): the error says to write d/dx σ(x)
describe("a prime on a built-in function", () => {
  it.each(["σ'(z)", "sigmoid'(z)"])('%s: UNEXPECTED_TOKEN advising d/dx, not a declaration', (text) => {
    let msg = '';
    try {
      parse(text);
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toContain('built-in function');
    expect(msg).not.toContain('functions: [');
  });
});

// a last line that uses none of the definitions above it: the rest of the line before, split where a
// statement seemed to end (it was derived alone: the loss dropped, "verified")
describe('a last line that uses none of the definitions', () => {
  it.each([
    ['L = -y \\log(p) \\\\ - (1-y)\\log(1-p)', 18],
    ['L = w^2; +w', 10],
    ['L = w\n    (1 - w)', 10],
  ])('%j: UNEXPECTED_TOKEN at the line', (text, start) => {
    let err: ChainruleError | undefined;
    try {
      parse(text);
    } catch (e) {
      err = e as ChainruleError;
    }
    expect(err?.code).toBe('UNEXPECTED_TOKEN');
    expect(err?.span?.start).toBe(start);
  });
  it('a last line using a definition is the target', () => {
    expect(() => parse('z = wx+b; y = σ(z); L = BCE(y, ŷ); dL/dw')).not.toThrow();
  });
});

describe('a second derivative in Leibniz notation', () => {
  it.each(['d^2y/dx^2', 'd²y/dx²', 'd^2(x^3)/dx^2'])('%s: UNEXPECTED_TOKEN, write d/dx(d/dx …) (was the product d²·y/(d·x²))', (text) => {
    let err: ChainruleError | undefined;
    try {
      parse(text);
    } catch (e) {
      err = e as ChainruleError;
    }
    expect(err?.code).toBe('UNEXPECTED_TOKEN');
    expect(err?.message).toContain('d/dw(d/dw L)');
    expect(err?.span?.start).toBe(0);
  });
  it('d^2 + y is still a power of d', () => {
    expect(() => parse('d^2 + y')).not.toThrow();
  });
});
