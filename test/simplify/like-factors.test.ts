// simp.like-factors: equal factors of a product as one power (x·x = x², x²·x = x³), the coefficient
// first; only whole positive exponents, so no point where one side is undefined and the other not.
import { describe, expect, it } from 'vitest';
import { checkDerivation } from '../../src/check/index.js';
import { mainExpr, parse } from '../../src/parse/index.js';
import { toUnicode } from '../../src/render/unicode.js';
import { simplify } from '../../src/simplify/simplify.js';

const S = (s: string) => simplify(mainExpr(parse(s)));

describe('equal factors as a power', () => {
  it.each([
    ['x*x', 'x²'],
    ['x*2*x', '2x²'],
    ['a*b*a', 'a²b'],
    ['x^2*x', 'x³'],
    ['σ(z)*σ(z)', 'σ(z)²'],
    ['(x+1)*(x+1)', '(x + 1)²'],
  ])('%s → %s, checked', (input, out) => {
    const d = S(input);
    expect(toUnicode(d.result)).toBe(out);
    expect(d.steps.flatMap((s) => [s.rule, ...(s.substeps ?? []).map((x) => x.rule)])).toContain('simp.like-factors');
    expect(checkDerivation(d).status).toBe('verified');
  });
  it('a negative exponent is not merged by this rule (x⁻¹·x is a cancellation, with its condition)', () => {
    const d = S('x^(-1)*x');
    expect(d.steps.map((s) => s.rule)).not.toContain('simp.like-factors');
  });
});
