// Issue 9, engine side: every row of the table that the engine owns, text and LaTeX input
// where both apply. Each row ends in the right result (derived AND checked), a clear error with a
// position, or a reading — never a silent misreading.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Expr } from '../../src/ast/nodes.js';
import { checkDerivation } from '../../src/check/index.js';
import { derive } from '../../src/derive/derive.js';
import { rolesReadings as roles } from '../../src/derive/roles.js';
import { toUnicode } from '../../src/render/unicode.js';
import { checkWrt } from '../../src/derive/wrt.js';
import { ChainruleError } from '../../src/errors.js';
import { canonicalSymbol, loadLatex, mainExpr, parse, type ParseOptions } from '../../src/parse/index.js';
import { toText } from '../../src/render/text.js';

const rolesReadings = (p: Parameters<typeof roles>[0], w: string | string[]) => roles(p, w, toUnicode);

beforeAll(loadLatex);

/** Parse, check the wrt, derive (a top-level d/dx(…) by its own variable), check every step. */
function run(input: string, wrt: string | undefined, opts: ParseOptions = {}) {
  const p = parse(input, opts);
  let e: Expr = mainExpr(p);
  let w = wrt === undefined ? undefined : canonicalSymbol(wrt, opts.names);
  if (e.kind === 'diff' && w === undefined) {
    w = e.wrt;
    e = e.arg;
  }
  checkWrt(p, [w!]);
  const d = derive(e, w!);
  const check = checkDerivation(d);
  return { p, d, text: toText(d.result), check };
}
function codeOf(f: () => unknown): { code: string; span: unknown } | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof ChainruleError) return { code: e.code, span: e.span };
    throw e;
  }
  return undefined;
}

describe('the derivative operator, wrt and the body agree on names', () => {
  it.each([
    ['d/da2(a2 log(a2))', undefined, 'log(a_2) + 1'],
    ['d/da_2(a2 log(a_2))', undefined, 'log(a_2) + 1'],
    ['d/da₂(a_2 log(a₂))', undefined, 'log(a_2) + 1'],
    ['a2 log(a2)', 'a_2', 'log(a_2) + 1'],
    ['a_{2} log(a₂)', 'a2', 'log(a_2) + 1'],
    ['∂/∂ŷ(ŷ^2)', undefined, '2*y_hat'],
    ['y_hat^2', 'ŷ', '2*y_hat'],
    ['d/dyhat((yhat - y)^2)', undefined, '2*(yhat - y)'],
    ['(yhat - y)^2', 'yhat', '2*(yhat - y)', { names: ['yhat'] }],
  ] as const)('%s  wrt %s → %s, verified', (input, wrt, want, opts?: ParseOptions) => {
    const r = run(input, wrt, opts);
    expect(r.text).toBe(want);
    expect(r.check.status).toBe('verified');
  });

  it.each([
    ['a_2 \\log(a_2)', 'a2'],
    ['a_{2} \\log(a_{2})', 'a₂'],
  ])('LaTeX %s wrt %s', (input, wrt) => {
    const r = run(input, wrt);
    expect(r.text).toBe('log(a_2) + 1');
    expect(r.check.status).toBe('verified');
  });

  it('LaTeX \\hat{y} is ŷ and y_hat', () => {
    expect(run('\\hat{y}^2', 'ŷ').text).toBe('2*y_hat');
    expect(run('\\hat{y}^2', 'y_hat').text).toBe('2*y_hat');
  });

  it('records the spelling as typed, by canonical name', () => {
    const p = parse('w2 x + ŷ - a_2 + d/dlr(lr)');
    expect(p.spellings.get('w_2')).toBe('w2');
    expect(p.spellings.get('y_hat')).toBe('ŷ');
    expect(p.spellings.get('a_2')).toBe('a_2');
    expect(p.spellings.get('lr')).toBe('lr');
  });
});

describe('a wrt variable that does not occur is an error, not a zero', () => {
  it('(yhat - y)^2 --wrt yhat: yhat was read as y·h·a·t', () => {
    const p = parse('(yhat - y)^2');
    expect(p.readings.map((r) => [r.code, r.span, r.read])).toEqual([['LETTERS_SPLIT', { start: 1, end: 5 }, 'y·h·a·t']]);
    expect(p.readings[0]!.alternative).toContain('names: ["yhat"]');
    const err = codeOf(() => checkWrt(p, [canonicalSymbol('yhat')], { span: { start: 0, end: 4 } }));
    expect(err).toEqual({ code: 'WRT_NOT_IN_EXPRESSION', span: { start: 0, end: 4 } });
    try {
      checkWrt(p, ['yhat']);
    } catch (e) {
      expect((e as Error).message).toContain('y·h·a·t');
    }
  });
  it('d/dq(x^2) points at the operator', () => {
    const p = parse('1 + d/dq(x^2)');
    expect(codeOf(() => checkWrt(p, ['x']))).toEqual({ code: 'WRT_NOT_IN_EXPRESSION', span: { start: 4, end: 13 } });
  });
  it('through definitions: z = wx + b; y = σ(z) depends on w, not on v', () => {
    const p = parse('z = wx + b; y = σ(z)');
    expect(() => checkWrt(p, ['w'])).not.toThrow();
    expect(codeOf(() => checkWrt(p, ['v']))?.code).toBe('WRT_NOT_IN_EXPRESSION');
  });
  it('LaTeX too', () => {
    expect(codeOf(() => checkWrt(parse('\\mathrm{y}x^2'), ['q']))?.code).toBe('WRT_NOT_IN_EXPRESSION');
  });
  // a component name passes only for a vector that softmax, CE or logsumexp takes whole: w1 against a
  // scalar w is another variable (σ(wx + b) by w1 answered 0, "verified")
  it.each([
    ['σ(wx+b)', 'w_1'],
    ['t x', 't_1'],
    ['L = -(y log a^2 + (1-y) log(1-a^2))', 'a_2'],
  ])('%s by %s: WRT_NOT_IN_EXPRESSION', (text, w) => {
    expect(codeOf(() => checkWrt(parse(text), [w]))?.code).toBe('WRT_NOT_IN_EXPRESSION');
  });
  it.each([
    ['CE(softmax(a), t)', 'a_1'],
    ['logsumexp(a)', 'a_2'],
  ])('%s by %s: a component of a whole vector', (text, w) => {
    expect(() => checkWrt(parse(text), [w])).not.toThrow();
  });
});

describe('a letter before ( is a product, and says so; declared functions are functions', () => {
  it.each([
    ['g(f(x))', [[0, 2], [2, 4]]],
    ['h(x)', [[0, 2]]],
    ['S(z)', [[0, 2]]],
    ['P(z_1)', [[0, 2]]],
    ['g(f(x)) + \\alpha', [[0, 2], [2, 4]]],
  ])('%s → IMPLICIT_PRODUCT_BEFORE_PAREN', (input, spans) => {
    const p = parse(input);
    expect(p.readings.filter((r) => r.code === 'IMPLICIT_PRODUCT_BEFORE_PAREN').map((r) => [r.span.start, r.span.end])).toEqual(spans);
    expect(p.readings[0]!.alternative).toContain('functions: [');
  });

  it.each([
    ['g(f(x))', 'x', "g'(f(x))*f'(x)"],
    ['g(f(x)) + \\alpha', 'x', "g'(f(x))*f'(x)"],
    ['f(x)', 'x', "f'(x)"],
    ["f'(x)", 'x', "f''(x)"],
    ['g(x^2)', 'x', "g'(x^2)*2*x"],
  ])('with functions: [f, g], d/dx %s = %s, every step checked', (input, wrt, want) => {
    const r = run(input, wrt, { functions: ['f', 'g'] });
    expect(r.text).toBe(want);
    expect(r.p.readings).toEqual([]);
    expect(r.check.status).toBe('verified');
    expect(r.d.steps.some((s) => /^diff\.(chain|abstract)$/.test(s.rule))).toBe(true);
  });

  it('an abstract function takes one argument; an undeclared prime is an error', () => {
    expect(codeOf(() => parse('f(x, y)', { functions: ['f'] }))?.code).toBe('WRONG_ARITY');
    expect(codeOf(() => parse("f'(x)"))?.code).toBe('UNEXPECTED_TOKEN');
    expect(codeOf(() => parse('x', { functions: ['exp'] }))?.code).toBe('DEFINES_CONSTANT');
    expect(codeOf(() => parse('x', { functions: ['f-1'] }))?.code).toBe('BAD_NAME');
  });
});

describe('function definitions with parameters (deck 004: f′(2) = 6 both ways)', () => {
  const program = 'g(y) = y^2; h(x) = x + 1; f(x) = g(h(x))';
  it('inlines the calls: f(x) = (x + 1)^2, f′ = 2(x + 1), verified', () => {
    const r = run(program, 'x');
    expect(toText(mainExpr(r.p))).toBe('(x + 1)^2');
    expect(r.text).toBe('2*(x + 1)');
    expect(r.check.status).toBe('verified');
    expect(r.p.program.functions?.map((f) => [f.name, f.params])).toEqual([['g', ['y']], ['h', ['x']], ['f', ['x']]]);
  });
  it('f′(2) = 6 by the chain rule with the same functions abstract: g′(h(2))·h′(2) = 2·3·1', () => {
    const chain = run('g(h(x))', 'x', { functions: ['g', 'h'] });
    expect(chain.text).toBe("g'(h(x))*h'(x)");
    const direct = run(program, 'x');
    const at2 = (e: Expr) => toText(e).replace(/x/g, '2');
    expect(at2(direct.d.result)).toBe('2*(2 + 1)');
  });
  it('several parameters, and a body using a definition', () => {
    expect(toText(mainExpr(parse('k(a, b) = a*b + a; y = k(x, 2)')))).toBe('x*2 + x');
    expect(toText(mainExpr(parse('k(a, b) = a - b; k(b, a)')))).toBe('b - a');
    // another parameter name: f's y stays the input y
    expect(toText(mainExpr(parse('f(x) = x*y; g(z) = f(z+1); L = g(w)')))).toBe('(w + 1)*y');
  });
  it.each([
    ['g(y) = y^2; g(1, 2)', 'WRONG_ARITY'],
    ['f(x) = g(x); g(y) = y', 'USE_BEFORE_DEFINITION'],
    ['f(x) = f(x) + 1', 'CYCLIC_DEFINITION'],
    ['g(y) = y; g(z) = z', 'REDEFINITION'],
    ['g(y, y) = y', 'REDEFINITION'],
    ['exp(x) = 2', 'DEFINES_CONSTANT'],
    ["g(y) = y^2; g'(1)", 'UNEXPECTED_TOKEN'],
    // f's own y (or b) would be captured by g's parameter of that name: g(w) read as (w + 1)·w
    ['f(x) = x*y; g(y) = f(y+1); L = g(w)', 'REDEFINITION'],
    ['h(x) = x + b; g(b) = h(b^2); L = g(w)', 'REDEFINITION'],
  ])('%s → %s', (input, code) => {
    expect(codeOf(() => parse(input))?.code).toBe(code);
  });
});

describe('three or more letters before ( that are not a function', () => {
  it.each([
    ['exponent(x)', 'UNKNOWN_FUNCTION', { start: 0, end: 8 }],
    ['frobnicate(x)', 'UNKNOWN_FUNCTION', { start: 0, end: 10 }],
    ['1 + logitt(p)', 'UNKNOWN_FUNCTION', { start: 4, end: 10 }],
    ['\\alpha + exponent(x)', 'UNKNOWN_FUNCTION', { start: 9, end: 17 }],
    ['\\alpha + frobnicate(x)', 'UNKNOWN_FUNCTION', { start: 9, end: 19 }],
  ])('%s → %s', (input, code, span) => {
    expect(codeOf(() => parse(input))).toEqual({ code, span });
  });
  it('logit is a function now: d/dp logit(p) = 1/(p(1 − p)), verified on 0 < p < 1', () => {
    const r = run('logit(p)', 'p');
    expect(r.text).toBe('1/(p*(1 - p))');
    expect(r.check.status).toBe('verified');
    expect(run('\\operatorname{logit}(p)', 'p').text).toBe('1/(p*(1 - p))');
  });
  it('xlog(x) is still x·log(x) (the run ends in a function)', () => {
    expect(toText(mainExpr(parse('xlog(x)')))).toBe('x*log(x)');
  });
});

describe('a transpose is never a power', () => {
  it.each([
    ['X W^T', { start: 3, end: 5 }],
    ['Wᵀx', { start: 0, end: 2 }],
    ['W^⊤ x', { start: 1, end: 3 }],
    ['W⊤', { start: 1, end: 2 }],
    ['X W^\\top', { start: 3, end: 8 }],
    ['X W^{T}', { start: 3, end: 7 }],
    ['W^T\\cdot x', { start: 1, end: 3 }],
    ['W^\\intercal x', { start: 1, end: 11 }],
    ['W^{\\top}', { start: 1, end: 7 }],
  ])('%s → TRANSPOSE_NOT_SCALAR', (input, span) => {
    expect(codeOf(() => parse(input))).toEqual({ code: 'TRANSPOSE_NOT_SCALAR', span });
  });
  it('a power of a symbol T can still be written', () => {
    expect(toText(mainExpr(parse('W^(T)')))).toBe('W^T');
    expect(toText(mainExpr(parse('e^{Tx} + \\alpha')))).toContain('exp(T*x)');
  });
});

describe("BCE's argument roles", () => {
  it('label-first as deck 001 writes it: flagged when the label depends on w', () => {
    const p = parse('ŷ = σ(wx + b); L = BCE(y, ŷ)');
    const rs = rolesReadings(p, 'w');
    expect(rs.map((r) => r.code)).toEqual(['ARGUMENT_ROLES', 'ARGUMENT_ROLES_SUSPICIOUS']);
    expect(rs[0]!.read).toBe('prediction y, label ŷ');
    expect(rs[1]!.alternative).toBe('write BCE(ŷ, y) if ŷ is the prediction');
    expect(rs[0]!.span).toEqual({ start: 19, end: 28 });
  });
  it('prediction first: only the roles, no flag', () => {
    const rs = rolesReadings(parse('BCE(σ(wx + b), y)'), ['w']);
    expect(rs.map((r) => [r.code, r.read])).toEqual([['ARGUMENT_ROLES', 'prediction σ(wx + b), label y']]);
  });
  it('LaTeX, and MSE', () => {
    expect(rolesReadings(parse('\\operatorname{BCE}(y, \\sigma(w x))'), 'w').map((r) => r.code)).toEqual(['ARGUMENT_ROLES', 'ARGUMENT_ROLES_SUSPICIOUS']);
    expect(rolesReadings(parse('MSE(t, wx)'), 'w').map((r) => r.code)).toEqual(['ARGUMENT_ROLES', 'ARGUMENT_ROLES_SUSPICIOUS']);
  });
});

describe('function definitions and declared functions in LaTeX', () => {
  it('g(y) = y^{2} \\\\ h(x) = x + 1 \\\\ f(x) = g(h(x)) is (x + 1)^2, derived and verified', () => {
    const r = run('g(y) = y^{2} \\\\ h(x) = x + 1 \\\\ f(x) = g(h(x))', 'x');
    expect(toText(mainExpr(r.p))).toBe('(x + 1)^2');
    expect(r.text).toBe('2*(x + 1)');
    expect(r.check.status).toBe('verified');
  });
  it('\\exp(x) = 2 cannot define a built-in function', () => {
    expect(codeOf(() => parse('\\exp(x) = 2'))?.code).toBe('DEFINES_CONSTANT');
  });
});
