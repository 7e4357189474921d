// Indexed scalars (issue 12 items 1–2): the sum node with a bound index read from every spelling,
// printed so that it reads back, equal up to renaming of the bound index, evaluated by expansion,
// differentiated with respect to one component through δ, and every step checked per
// instantiation (K = 3 and 4, j = u and j ≠ u).
import { describe, expect, it } from 'vitest';
import { sum } from '../../src/ast/build.js';
import { expandSums, instantiate } from '../../src/ast/indices.js';
import type { Expr } from '../../src/ast/nodes.js';
import { equal } from '../../src/ast/traverse.js';
import { checkDerivation } from '../../src/check/index.js';
import { checkEquivalent } from '../../src/check/equivalent.js';
import { derive } from '../../src/derive/derive.js';
import { evaluate } from '../../src/numeric/float.js';
import { parse, parseAsync } from '../../src/parse/index.js';
import { parseTextProgram } from '../../src/parse/text.js';
import { toLatex, toText, toUnicode } from '../../src/render/index.js';

const P = (s: string): Expr => parseTextProgram(s).program.body!;
const T = toText;

describe('reading Σ, δ and the indicator', () => {
  const cross = 'sum(i, 1, K, t_i*log(y_i))';
  it.each([
    ['Σ_{i=1}^{K} t_i log(y_i)'],
    ['∑_{i=1}^{K} t_i log y_i'],
    ['sum(i, 1, K, t_i*log(y_i))'],
    ['Σ_{i=1}^K t_i log(y_i)'],
  ])('%s is the sum node', (s) => {
    const e = P(s);
    expect(e.kind).toBe('sum');
    expect(T(e)).toBe(cross);
  });
  it('LaTeX \\sum_{i=1}^{K} reads as the same node', async () => {
    const p = await parseAsync('\\sum_{i=1}^{K} t_{i}\\log(y_{i})');
    expect(T(p.program.body!)).toBe(cross);
  });
  it('Σ takes the product that follows; + ends it; bounds may be K - 1; no bounds at all', () => {
    expect(T(P('Σ_i t_i log y_i + 1'))).toBe('sum(i, t_i*log(y_i)) + 1');
    expect(T(P('-Σ_{i=1}^{K} t_i'))).toBe('-sum(i, 1, K, t_i)');
    expect(T(P('Σ_{i=1}^{K-1} x_i'))).toBe('sum(i, 1, K - 1, x_i)');
    expect(T(P('2 Σ_j a_j'))).toBe('2*sum(j, a_j)');
    expect(T(P('Σ_i Σ_j w_ij'))).toBe('sum(i, sum(j, w_ij))');
  });
  it('δ_{ju}, δ_ju, \\delta_{ju} and [j = u] are the Kronecker δ', async () => {
    for (const s of ['δ_{ju}', 'δ_ju', '[j = u]', 'kronecker(j, u)']) expect(T(P(s))).toBe('kronecker(j, u)');
    expect(T((await parseAsync('\\delta_{ju}')).program.body!)).toBe('kronecker(j, u)');
    // a δ with a numeric subscript stays a plain symbol (δ_1 is a name)
    expect(T(P('δ_1'))).toBe('delta_1');
  });
  it('bad sums are errors with a code and a position, never a crash', () => {
    for (const s of ['Σ_{1}x', 'Σ_{i=1} x', 'sum(1, 2)', '[j = ]', 'Σ_{i=1}^{} x']) {
      let err: unknown;
      try {
        parse(s);
      } catch (e) {
        err = e;
      }
      expect(err, s).toMatchObject({ code: expect.any(String) });
    }
  });
});

describe('printing', () => {
  const cases = ['Σ_{i=1}^{K} t_i log(y_i)', 'P_j (δ_ju - P_u)', '-Σ_i t_i (δ_ij - P_j)', 'Σ_{i=1}^{K-1} exp(a_i)'];
  it.each(cases)('%s: the text form reads back as the same tree', (s) => {
    const e = P(s);
    expect(equal(P(T(e)), e)).toBe(true);
  });
  it.each(cases)('%s: the Unicode form reads back as the same tree', (s) => {
    const e = P(s);
    expect(equal(P(toUnicode(e)), e)).toBe(true);
  });
  it('Unicode and LaTeX forms', () => {
    expect(toUnicode(P('Σ_{i=1}^{K} t_i log(y_i)'))).toBe('Σ_{i=1}^{K} (t_i·log(y_i))');
    expect(toUnicode(P('P_j (δ_ju - P_u)'))).toBe('P_j(δ_ju − P_u)');
    expect(toLatex(P('Σ_{i=1}^{K} t_i log(y_i)'))).toBe('\\sum_{i=1}^{K} t_{i}\\log(y_{i})');
    expect(toLatex(P('δ_ju'))).toBe('\\delta_{ju}');
  });
  it('the LaTeX form reads back as the same tree', async () => {
    for (const s of cases) expect(equal((await parseAsync(toLatex(P(s)))).program.body!, P(s)), s).toBe(true);
  });
});

describe('the node', () => {
  it('is equal up to renaming of the bound index, and capture-avoiding', () => {
    expect(equal(P('Σ_i t_i'), P('Σ_k t_k'))).toBe(true);
    expect(equal(P('Σ_i t_i y_j'), P('Σ_j t_j y_j'))).toBe(false);
    // renaming j to i inside Σ_i … renames the bound i first: Σ_i t_i y_j with j := i keeps y_i free
    const s = sum('i', null, null, P('t_i*y_j'));
    const r = instantiate(s, {}); // nothing to instantiate: the sum stays
    expect(equal(r, s)).toBe(true);
  });
  it('evaluates by expansion when the bounds are numbers', () => {
    const e = expandSums(P('Σ_{i=1}^{3} i x_i'));
    expect(T(e)).toBe('1*x_1 + 2*x_2 + 3*x_3');
    const v = evaluate(P('Σ_{i=1}^{3} i x_i'), { x_1: 1, x_2: 10, x_3: 100 });
    expect(v).toMatchObject({ ok: true, value: 321 });
  });
  it('a symbolic bound has no value until instantiated', () => {
    expect(() => evaluate(P('Σ_{i=1}^{K} x_i'), {})).toThrow(/integer bounds/);
    expect(T(instantiate(P('Σ_{i=1}^{K} t_i δ_ij'), { K: 3, j: 2 }))).toBe('t_1*kronecker(1, 2) + t_2*kronecker(2, 2) + t_3*kronecker(3, 2)');
  });
});

describe('derivatives with respect to one component (deck 004)', () => {
  it('∂/∂y_j (−Σ_i t_i log y_i) = −t_j/y_j through δ_ij and the collapse of the sum', () => {
    const d = derive(P('-Σ_{i=1}^{K} t_i log(y_i)'), 'y_j');
    expect(d.steps.map((s) => s.rule)).toEqual([
      'diff.negation', 'diff.sum-index', 'diff.constant-multiple', 'diff.chain', 'diff.index',
      'simp.times-reciprocal', 'simp.tidy',
    ]);
    expect(T(d.steps[4]!.after)).toBe('-sum(i, 1, K, t_i*(1/y_i*kronecker(i, j)))');
    expect(d.steps[6]!.substeps!.map((s) => s.rule)).toContain('simp.sum-delta');
    expect(T(d.result)).toBe('-(t_j/y_j)');
    const c = checkDerivation(d);
    expect(c.status).toBe('verified');
    expect(c.refuted).toBe(0);
  });
  it('the softmax Jacobian from the definition e^{a_j}/Σ_i e^{a_i}: P_j(δ_ju − P_u), e^{a_j}/Σ recognised as softmax', () => {
    const d = derive(P('exp(a_j)/Σ_{i=1}^{K} exp(a_i)'), 'a_u');
    expect(T(d.result)).toBe('softmax(a_j)*(kronecker(j, u) - softmax(a_u))');
    expect(d.steps.map((s) => s.rule)).toContain('simp.softmax-substitute');
    expect(checkDerivation(d).status).toBe('verified');
  });
  it('the two cases of the slide: j = u gives P_j(1 − P_j), j ≠ u gives −P_j P_u', () => {
    const jac = derive(P('softmax(a_j)'), 'a_u').result;
    expect(T(jac)).toBe('softmax(a_j)*(kronecker(j, u) - softmax(a_u))');
    // j = u: d/da_j softmax(a_j)
    expect(T(derive(P('softmax(a_j)'), 'a_j').result)).toBe('softmax(a_j)*(1 - softmax(a_j))');
    // j ≠ u: two fixed different classes
    expect(T(derive(P('softmax(a_1)'), 'a_2').result)).toBe('-(softmax(a_1)*softmax(a_2))');
    for (const [f, x] of [['softmax(a_j)', 'a_u'], ['softmax(a_j)', 'a_j'], ['softmax(a_1)', 'a_2']] as const)
      expect(checkDerivation(derive(P(f), x)).status, `${f} by ${x}`).toBe('verified');
  });
  it('softmax + CE: ∂/∂a_j CE(softmax(a), t) = softmax(a_j) − t_j, using Σ t = 1 as a named step', () => {
    for (const s of ['CE(softmax(a), t)', 'CE(softmax(a), t)']) {
      const d = derive(P(s), 'a_j');
      expect(T(d.result)).toBe('softmax(a_j) - t_j');
      const rules = d.steps.map((s) => s.rule);
      expect(rules).toContain('diff.softmax');
      expect(rules).toContain('simp.premise');
      expect(d.premises?.map(T)).toEqual(['sum(k, 1, K, t_k)']);
      const c = checkDerivation(d);
      expect(c.status).toBe('verified');
    }
  });
  it('without the premise the same last step is refuted (Σ t ≠ 1 at random t)', () => {
    const d = derive(P('CE(softmax(a), t)'), 'a_j');
    const premise = d.steps.find((s) => s.rule === 'simp.premise')!;
    expect(checkEquivalent(premise.before, premise.after).status).toBe('refuted');
  });
  it('logsumexp: ∂/∂a_j logsumexp(a) = softmax(a_j); CE alone: ∂/∂y_j CE(y, t) = −t_j/y_j', () => {
    const l = derive(P('logsumexp(a)'), 'a_j');
    expect(T(l.result)).toBe('softmax(a_j)');
    expect(checkDerivation(l).status).toBe('verified');
    const c = derive(P('CE(y, t)'), 'y_j');
    expect(T(c.result)).toBe('-(t_j/y_j)');
    expect(checkDerivation(c).status).toBe('verified');
  });
  it('softmax is read from softmax_j(a), softmax(a)_j and softmax(a_j)', () => {
    for (const s of ['softmax_j(a)', 'softmax(a)_j', 'softmax(a_j)']) expect(T(P(s))).toBe('softmax(a_j)');
  });
  it('a wrong collapse is refuted at an instantiation that names K and the indices', () => {
    const v = checkEquivalent(P('Σ_{i=1}^{K} t_i δ_ij'), P('t_i'));
    // t_i is a different component: refuted
    expect(v.status).toBe('refuted');
    const w = checkEquivalent(P('Σ_{i=1}^{K} t_i δ_ij'), P('t_j'));
    expect(w.status).toBe('verified');
  });
  it('the δ of two equal or two different numbers folds', () => {
    expect(T(derive(P('Σ_{i=1}^{3} y_i'), 'y_2').result)).toBe('1');
  });
  it('a variable that occurs only as a component of a sum is not "absent"', () => {
    expect(() => derive(P('Σ_i t_i log y_i'), 'y_j')).not.toThrow();
  });
});


