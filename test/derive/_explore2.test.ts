import { it } from 'vitest';
import { parse, mainExpr } from '../../src/parse/index.js';
import { checkEquivalent, checkDerivative, numericValue } from '../../src/check/index.js';
import { diff, sym } from '../../src/ast/build.js';
const P = (s: string) => mainExpr(parse(s));
it('x', () => {
  const pt = {"b":1.5508622153894975,"w":-1.2172265105880797,"x":-2.5172341268276797,"y":0.43791288018692287};
  const e = P('b + ((11 + pi + x) - w) + (7 + y)^(8*b)');
  console.log(numericValue(e, pt), numericValue(diff(e, 'x'), pt));
  for (const s of ['x + (7 + y)^(8*b)', 'x + y^(8*b)', 'x + 10^12', 'x + y^30', 'x+(7+y)^12', 'x + 1e11', 'x + 100000000000']) {
    try { const f = P(s); console.log(s, JSON.stringify(checkDerivative(f, 'x', P('1'))), numericValue(f, pt)); } catch (err) { console.log(s, String(err)); }
  }
});
