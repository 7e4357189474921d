// Speed of the numeric layer (moved here from tests: speed bars are not test assertions). A
// G1-sized step check (fast policy, fresh trees), and the exact-rational size guards (a product
// of near-limit factors, an exact root of a huge prime), which must stop early rather than hang.
import { performance } from 'node:perf_hooks';
import { int, mul, pow, rat, sym } from '../src/ast/build.js';
import { checkEquivalent } from '../src/check/index.js';
import { evaluateRational } from '../src/numeric/rational.js';
import { mainExpr } from '../src/parse/index.js';
import { parseTextProgram } from '../src/parse/text.js';

const p = (s: string) => mainExpr(parseTextProgram(s));

export function benchNumeric(): void {
  const pairs = Array.from({ length: 100 }, (_, i) => [
    p(`(y-ŷ)/(y(1-y))*y(1-y) + ${i}`), p(`y - ŷ + ${i}`), p(`d/dz σ(z) + ${i}`), p(`σ(z)(1-σ(z)) + ${i}`),
  ] as const);
  let t = performance.now();
  for (const [a, b, c, d] of pairs) {
    checkEquivalent(a, b);
    checkEquivalent(c, d);
  }
  const perCheck = (performance.now() - t) / (2 * pairs.length);
  console.log('numeric: step checks (fast policy), fresh G1-sized trees');
  console.log(`  ${perCheck.toFixed(3)} ms per check (target: well under 1 ms)`);
  const big = pow(int(3), int(60_000));
  t = performance.now();
  evaluateRational(mul(...Array.from({ length: 1000 }, () => big)), {});
  const guard = performance.now() - t;
  t = performance.now();
  evaluateRational(pow(sym('x'), rat(1n, 2n)), { x: 2n ** 127n - 1n });
  const root = performance.now() - t;
  console.log(`  exact-rational guards: near-limit product ${guard.toFixed(0)} ms (bar 2000), root of 2^127 − 1 ${root.toFixed(1)} ms (bar 100)`);
}
