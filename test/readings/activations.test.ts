// The activations added for issue 9 (logit, softplus, silu, elu, leaky_relu, erf, gelu) and the
// abstract functions: each partial in the spec IS the derivative of the definition — derived step
// by step by the engine and compared numerically — and the spellings parse to the spec.
import { describe, expect, it } from 'vitest';
import { call, sym } from '../../src/ast/build.js';
import { checkDerivation, checkEquivalent } from '../../src/check/index.js';
import { derive } from '../../src/derive/derive.js';
import { abstractFunction, getFunction } from '../../src/functions/index.js';
import { erf } from '../../src/functions/activations.js';
import { mainExpr, parse, respell, userSpellings } from '../../src/parse/index.js';
import { toText } from '../../src/render/text.js';
import { toUnicode } from '../../src/render/unicode.js';

const x = sym('x');
const a = sym('a');

describe('each partial is the derivative of the definition', () => {
  it.each(['logit', 'softplus', 'silu', 'elu', 'gelu', 'leakyrelu'])('%s', (name) => {
    const spec = getFunction(name);
    const args = spec.arity === 2 ? [x, a] : [x];
    const def = spec.definition!(args);
    spec.partials.forEach((partial, i) => {
      const v = (args[i] as { name: string }).name;
      const d = derive(def, v);
      expect(checkDerivation(d).status, `${name} ∂/∂${v} steps`).toBe('verified');
      const same = checkEquivalent(d.result, partial(args));
      expect(same.status, `${name}: ${toText(d.result)} vs ${toText(partial(args))}`).toBe('verified');
      // and the definition is the function
      expect(checkEquivalent(def, call(name, ...args)).status).toBe('verified');
    });
  });
  it('erf: the partial is the derivative of the values (central difference), and known values', () => {
    expect(erf(0)).toBe(0);
    expect(erf(1)).toBeCloseTo(0.8427007929497149, 15);
    expect(erf(-2)).toBeCloseTo(-0.9953222650189527, 15);
    expect(erf(3)).toBeCloseTo(0.9999779095030014, 15);
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 15);
    const d = derive(call('erf', x), 'x');
    expect(checkDerivation(d).status).toBe('verified');
  });
});

describe('spellings', () => {
  it.each([
    ['swish(x)', 'silu(x)'],
    ['SiLU(x)', 'silu(x)'],
    ['LeakyReLU(x, 0.2)', 'leakyrelu(x, (1/5))'],
    ['leaky_relu(x)', 'leakyrelu(x, (1/100))'],
    ['GELU(x) + ELU(x)', 'gelu(x) + elu(x)'],
    ['softplus(x) - logit(p)', 'softplus(x) - logit(p)'],
  ])('%s = %s', (input, want) => {
    expect(toText(mainExpr(parse(input)))).toBe(want);
    expect(toText(mainExpr(parse(toText(mainExpr(parse(input))))))).toBe(want);
  });
  it('leaky_relu with its slope: ∂/∂x and ∂/∂slope', () => {
    const d = derive(mainExpr(parse('leaky_relu(w x, k)')), 'k');
    expect(checkDerivation(d).status).toBe('verified');
  });
});

describe('abstract functions', () => {
  it('one smooth test function per name, whose derivatives are its primes', () => {
    const f = abstractFunction('f')!;
    const f1 = abstractFunction("f'")!;
    const h = 1e-5;
    for (const u of [-2, -0.3, 0.4, 1.7]) {
      expect(Math.abs((f.eval(u + h) - f.eval(u - h)) / (2 * h) - f1.eval(u))).toBeLessThan(1e-8);
    }
    expect(abstractFunction('g')!.eval(0.5)).not.toBe(f.eval(0.5));
    expect(abstractFunction('not a name')).toBeUndefined();
  });
  it('d/dx g(f(x)) is checked step by step, and prints in Lagrange notation', () => {
    const d = derive(mainExpr(parse('g(f(x))', { functions: ['f', 'g'] })), 'x');
    expect(toUnicode(d.result)).toBe("g'(f(x))f'(x)");
    const c = checkDerivation(d);
    expect(c.status).toBe('verified');
    expect(c.refuted).toBe(0);
  });
  it('a wrong chain rule is refuted', () => {
    const e = mainExpr(parse('g(f(x))', { functions: ['f', 'g'] }));
    const wrong = mainExpr(parse("g'(x) f'(x)", { functions: ['f', 'g'] }));
    expect(checkEquivalent(derive(e, 'x').result, wrong).status).toBe('refuted');
  });
});

describe('results in the user spelling', () => {
  it('w2 stays w2 and ŷ stays ŷ in a text result', () => {
    const p = parse('(w2 x - ŷ)^2');
    const d = derive(mainExpr(p), 'w_2');
    expect(toUnicode(respell(d.result, p.spellings))).toBe('2(w2x − ŷ)x');
    expect([...userSpellings(p.spellings)]).toEqual([['w_2', 'w2']]);
  });
});
