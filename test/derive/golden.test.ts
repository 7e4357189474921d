// The golden cases of SEEDS.md for the derivation engine, with exact expected output (plain
// text: explicit operators, ASCII names — what the API's "result" holds). Every derivation here
// must also verify numerically, step by step.
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/ast/nodes.js';
import { checkDerivation } from '../../src/check/index.js';
import { deriveChain, substitute } from '../../src/derive/chain.js';
import { derive, proofOf } from '../../src/derive/derive.js';
import { evaluate } from '../../src/numeric/float.js';
import { parseTextProgram } from '../../src/parse/text.js';
import { toText } from '../../src/render/index.js';
import { simplify } from '../../src/simplify/simplify.js';

const P = (s: string): Expr => parseTextProgram(s).program.body!;
const defs = (s: string) => parseTextProgram(s).program.definitions;
const T = toText;

describe('G1 — one neuron, sigmoid, BCE', () => {
  const g1 = defs('z = wx + b; y = σ(z); L = BCE(y, ŷ)');
  const c = deriveChain(g1, ['w', 'b']);
  const local = (of: string, wrt: string) => c.locals.find((l) => l.of === of && l.wrt === wrt)!;
  const adj = (n: string) => c.adjoints.find((a) => a.name === n)!;

  it('step 1: ∂L/∂y combines the fractions, expands, and ends at (y−ŷ)/(y(1−y))', () => {
    const d = local('L', 'y').derivation;
    const forms = d.steps.map((s) => T(s.after));
    expect(forms).toEqual([
      '-(y_hat/y - (1 - y_hat)/(1 - y))',
      '-(y_hat*(1 - y) - (1 - y_hat)*y)/(y*(1 - y))',
      '-(y_hat - y_hat*y - y + y_hat*y)/(y*(1 - y))',
      '-(y_hat - y)/(y*(1 - y))',
      '(y - y_hat)/(y*(1 - y))',
    ]);
    expect(d.steps.map((s) => s.rule)).toEqual(['diff.fn.BCE', 'simp.combine-fractions', 'simp.expand-numerator', 'simp.like-terms', 'simp.sign-into-numerator']);
    expect(checkDerivation(d).status).toBe('verified');
  });
  it('step 2: ∂y/∂z = σ(z)(1 − σ(z)), written back as y(1 − y)', () => {
    expect(T(local('y', 'z').derivation.result)).toBe('sigmoid(z)*(1 - sigmoid(z))');
    expect(T(local('y', 'z').result)).toBe('y*(1 - y)');
  });
  it("step 2: σ' derived from the definition and recognised back as σ", () => {
    const p = proofOf('sigmoid')!;
    expect(T(p.input)).toBe('1/(1 + exp(-z))');
    const forms = p.steps.map((s) => T(s.after));
    expect(forms).toContain('exp(-z)/(1 + exp(-z))^2');
    expect(T(p.result)).toBe('sigmoid(z)*(1 - sigmoid(z))');
    expect(checkDerivation(p).status).toBe('verified');
    const step = derive(P('σ(z)'), 'z').steps[0]!;
    expect(step.rule).toBe('diff.fn.sigmoid');
    expect(step.proof).toBe(p);
  });
  it('step 3: ∂L/∂z = (y−ŷ)/(y(1−y)) · y(1−y) cancels to y − ŷ, stating the condition', () => {
    const a = adj('z');
    expect(T(a.derivation.input)).toBe('(y - y_hat)/(y*(1 - y))*(y*(1 - y))');
    expect(T(a.result)).toBe('y - y_hat');
    const cancel = a.derivation.steps.find((s) => s.rule === 'simp.cancel')!;
    expect(cancel.conditions!.map(T)).toEqual(['y', '1 - y']);
    expect(checkDerivation(a.derivation).status).toBe('verified');
  });
  it('step 4: ∂L/∂w = (y − ŷ)x and ∂L/∂b = y − ŷ, and substituted', () => {
    expect(T(c.gradients['w']!)).toBe('(y - y_hat)*x');
    expect(T(c.gradients['b']!)).toBe('y - y_hat');
    expect(T(simplify(substitute(c.gradients['w']!, g1)).result)).toBe('(sigmoid(w*x + b) - y_hat)*x');
    expect(c.paths['w']).toEqual([['L', 'y', 'z', 'w']]);
  });
  it('one expression: d/dw BCE(σ(wx+b), ŷ) ends at (σ(wx+b) − ŷ)x, every step verified', () => {
    const d = derive(P('BCE(σ(wx+b), ŷ)'), 'w');
    expect(T(d.result)).toBe('(sigmoid(w*x + b) - y_hat)*x');
    const c1 = checkDerivation(d);
    expect(c1.status).toBe('verified');
    expect(c1.refuted).toBe(0);
  });
});

describe('G4 — two-layer network (scalar), shared factor derived once', () => {
  const g4 = defs('z1 = W1 X + b1; a1 = σ(z1); z2 = W2 a1 + b2; a2 = σ(z2); L = BCE(a2, y)');
  const c = deriveChain(g4, ['W_2', 'b_2', 'W_1', 'b_1']);
  it.each([
    ['W_2', '(a_2 - y)*a_1'],
    ['b_2', 'a_2 - y'],
    ['W_1', '(a_2 - y)*W_2*a_1*(1 - a_1)*X'],
    ['b_1', '(a_2 - y)*W_2*a_1*(1 - a_1)'],
  ])('∂L/∂%s = %s', (w, want) => {
    expect(T(c.gradients[w]!)).toBe(want);
  });
  it('the local factors of the notes', () => {
    const l = (of: string, wrt: string) => T(c.locals.find((x) => x.of === of && x.wrt === wrt)!.result);
    expect(l('L', 'a_2')).toBe('(a_2 - y)/(a_2*(1 - a_2))');
    expect(l('a_2', 'z_2')).toBe('a_2*(1 - a_2)');
    expect(l('z_2', 'W_2')).toBe('a_1');
    expect(l('z_2', 'a_1')).toBe('W_2');
    expect(l('a_1', 'z_1')).toBe('a_1*(1 - a_1)');
    expect(l('z_1', 'W_1')).toBe('X');
  });
  it('each upstream gradient is computed once (∂L/∂z2 serves W2, b2, W1, b1)', () => {
    const names = c.adjoints.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => n === 'z_2')).toHaveLength(1);
    expect(c.locals.filter((l) => l.of === 'a_2' && l.wrt === 'z_2')).toHaveLength(1);
    for (const a of c.adjoints) expect(checkDerivation(a.derivation).status).toBe('verified');
  });
});

describe('G3 / G5 chain-rule examples', () => {
  it('G3: y = x/3 + 2/3, z = log y ⇒ dz/dx = (1/y)(1/3)', () => {
    const c = deriveChain(defs('y = x/3 + 2/3; z = log(y)'), ['x']);
    expect(T(c.gradients['x']!)).toBe('1/y*(1/3)');
    expect(T(c.locals.find((l) => l.of === 'z')!.result)).toBe('1/y');
    expect(T(c.locals.find((l) => l.of === 'y')!.result)).toBe('(1/3)');
  });
  it("G5: f(x) = x²+2x+1 = g(h(x)), f'(2) = 6 both ways", () => {
    const direct = derive(P('x^2 + 2x + 1'), 'x').result;
    const viaChain = deriveChain(defs('h = x + 1; f = h^2'), ['x']);
    const at2 = (e: Expr) => evaluate(e, { x: 2, h: 3 });
    expect(at2(direct)).toEqual({ ok: true, value: 6 });
    expect(at2(viaChain.gradients['x']!)).toEqual({ ok: true, value: 6 });
    expect(T(viaChain.gradients['x']!)).toBe('2*h');
  });
  it('G5: S = eˣ/(eˣ+1) ⇒ S′ = S(1 − S)', () => {
    const d = derive(P('e^x/(e^x+1)'), 'x');
    expect(T(d.result)).toBe('sigmoid(x)*(1 - sigmoid(x))');
    expect(checkDerivation(d).status).toBe('verified');
    expect(T(simplify(P('e^x/(e^x+1)')).result)).toBe('sigmoid(x)');
  });
  it('G5: the logit and σ are inverse: 1/(1+e^(−L)) is σ(L)', () => {
    expect(T(simplify(P('1/(1+e^(−L))')).result)).toBe('sigmoid(L)');
  });
});

describe('the three cancellations', () => {
  it.each([
    ['((1−y)/(1−s) − y/s)·s(1−s)', 's - y'],
    ['(y−ŷ)/(y(1−y))·y(1−y)', 'y - y_hat'],
    ['(a−y)/(a(1−a))·a(1−a)', 'a - y'],
  ])('%s → %s', (input, want) => {
    const d = simplify(P(input));
    expect(T(d.result)).toBe(want);
    expect(d.steps.some((s) => s.rule === 'simp.cancel')).toBe(true);
    expect(checkDerivation(d).status).toBe('verified');
  });
});
