// Random trees → LaTeX → the LaTeX parser gives the same tree, up to the documented literal
// normalisation (unicodeNormal: a negative literal is the negation of a positive one, p/q is
// the quotient of two integers, exp(x) is e^x) and the LaTeX printer's sign lifting (liftSigns),
// because LaTeX writes 8 - 4 for 8 + (−4) as a textbook does, and up to associativity of
// products (a leading minus binds looser than \cdot: `-ab \cdot c` is (−(ab))·c). The exact
// round trip, grouping included, is the plain-text printer's job (parser-roundtrip.test.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/ast/nodes.js';
import { mul, neg } from '../../src/ast/build.js';
import { equal, mapBottomUp } from '../../src/ast/traverse.js';
import { mainExpr, loadLatex, parse } from '../../src/parse/index.js';
import { liftSigns, toLatex, unicodeNormal } from '../../src/render/index.js';
import { arbExpr, SYMBOL_POOL } from '../arbitrary.js';
import { evaluate } from '../../src/numeric/float.js';

await loadLatex();
const readLatex = (s: string): Expr => mainExpr(parse(s, { notation: 'latex' }));
const flat = (e: Expr): Expr =>
  mapBottomUp(e, (x) => (x.kind === 'mul' && x.factors.some((f) => f.kind === 'mul') ? mul(...x.factors.flatMap((f) => (f.kind === 'mul' ? f.factors : [f]))) : x));
/** the printer's one textbook merge: −x·y is written `-xy`, which reads as −(xy) */
const leadNeg = (e: Expr): Expr =>
  mapBottomUp(e, (x) => (x.kind === 'mul' && x.factors[0]!.kind === 'neg' ? neg(mul(x.factors[0]!.arg, ...x.factors.slice(1))) : x));
/** `(-0)` reads back as the literal 0 */
const zero = (e: Expr): Expr => mapBottomUp(e, (x) => (x.kind === 'neg' && x.arg.kind === 'num' && x.arg.n === 0n ? x.arg : x));
function signs(e: Expr): Expr {
  for (let i = 0; i < 8; i++) {
    const next = unicodeNormal(leadNeg(liftSigns(zero(e))));
    if (equal(next, e)) return e;
    e = next;
  }
  return e;
}
const norm = (e: Expr): Expr => signs(flat(signs(e)));

describe('LaTeX round trip', () => {
  it('random trees read back from their LaTeX: same tree up to sign/literal spelling and regrouping', () => {
    let exact = 0;
    fc.assert(
      fc.property(arbExpr, (e) => {
        const s = toLatex(e);
        const back = readLatex(s);
        if (equal(norm(back), norm(e))) {
          exact++;
          return;
        }
        // degenerate literals (0/1, (−0)) may be spelt differently: then the value must agree
        for (const v of [0.37, 1.9, -2.3]) {
          const at = Object.fromEntries(SYMBOL_POOL.map((n, i) => [n, v + i / 7]));
          const a = evaluate(e, at);
          const b = evaluate(back, at);
          expect(a.ok, s).toBe(b.ok);
          // the same value (both ±∞ when a power overflows: ∞ − ∞ is NaN), or within rounding
          if (a.ok && b.ok) expect(a.value === b.value || Math.abs(a.value - b.value) <= 1e-9 * Math.max(1, Math.abs(a.value)), s).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
    expect(exact).toBeGreaterThan(2700); // nearly all structurally equal
  });
});
