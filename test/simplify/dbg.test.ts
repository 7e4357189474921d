import { it } from 'vitest';
import { AtomTable } from '../../src/simplify/atoms.js';
import { fromExpr } from '../../src/simplify/ratfun.js';
import { gcd } from '../../src/simplify/gcd.js';
import { heuGcd } from '../../src/simplify/heugcd.js';
import * as P from '../../src/simplify/poly.js';
import { parse } from './helpers.js';
it('dbg', () => {
  const atoms = new AtomTable();
  let t = performance.now();
  const r = fromExpr(parse('(x+y)^60/(x-y)^60 + 1'), atoms)!;
  console.log('from ms', performance.now() - t);
  const f = r.num; const df = P.derivative(f, P.mainVar(f));
  t = performance.now(); const h = heuGcd(f, df); console.log('heu ms', performance.now() - t, h === undefined ? 'fail' : P.termCount(h));
  t = performance.now(); const g = gcd(f, df); console.log('gcd ms', performance.now() - t, P.termCount(g));
}, 600000);
