// checkDerivative compares a result with the numerical derivative only where the function is
// defined: a derivative formula defined on a larger set is no disagreement (ln(p/(1−p)) has the
// derivative 1/(p(1−p)), defined for p < 0 too), while a wrong result is still refuted.
import { describe, expect, it } from 'vitest';
import { checkDerivative } from '../../src/check/index.js';
import { mainExpr, parse } from '../../src/parse/index.js';

const P = (s: string) => mainExpr(parse(s));

describe('the result checked on the function\'s domain', () => {
  it.each([
    ['ln(p/(1-p))', 'p', '1/(p*(1-p))'],
    ['log(x)', 'x', '1/x'],
    ['sqrt(x)', 'x', '1/(2*sqrt(x))'],
    ['log(1 - y^2)', 'y', '-2*y/(1 - y^2)'],
  ])('d/d%s … = %s is verified', (f, x, df) => {
    expect(checkDerivative(P(f), x, P(df)).status).toBe('verified');
  });
  it.each([
    ['ln(p/(1-p))', 'p', '1/(p*(1+p))'],
    ['log(x)', 'x', '2/x'],
    ['sqrt(x)', 'x', '1/sqrt(x)'],
  ])('d/d%s … = %s (wrong) is refuted', (f, x, df) => {
    expect(checkDerivative(P(f), x, P(df)).status).toBe('refuted');
  });
});
