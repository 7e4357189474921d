// Trees as the constructors build them (src/ast/build.ts): each node carries hasDiff, which must
// agree with a walk; and trees are immutable — by type everywhere, and frozen at run time under
// the test suite (src/ast/freeze.ts), so that a mutation anywhere in the engine fails a test
// instead of corrupting a shared sub-tree. Production skips the freezing (docs/performance.md).
import { describe, expect, it } from 'vitest';
import { add, call, diff, div, int, mul, neg, pow, sum, sym } from '../../src/ast/build.js';
import { nodesFrozen } from '../../src/ast/freeze.js';
import { derive } from '../../src/derive/derive.js';
import { mainExpr } from '../../src/parse/index.js';
import { parseTextProgram } from '../../src/parse/text.js';
import type { Expr } from '../../src/ast/nodes.js';
import { childNodes } from '../../src/ast/hash.js';

function everyNodeFrozen(e: Expr): boolean {
  if (!Object.isFrozen(e)) return false;
  if (e.kind === 'add' && !Object.isFrozen(e.terms)) return false;
  if (e.kind === 'mul' && !Object.isFrozen(e.factors)) return false;
  if (e.kind === 'call' && !Object.isFrozen(e.args)) return false;
  return childNodes(e).every(everyNodeFrozen);
}

/** containsDiff by walking the tree (what the constructors' hasDiff must agree with). */
const walkHasDiff = (e: Expr): boolean => e.kind === 'diff' || childNodes(e).some(walkHasDiff);
const everyFlagRight = (e: Expr): boolean => e.hasDiff === walkHasDiff(e) && childNodes(e).every(everyFlagRight);

describe('each node carries hasDiff from its constructor', () => {
  it('agrees with a walk on every node of every step of derivations and of an operator input', () => {
    for (const [src, v] of [['BCE(σ(w*x + b), y_hat)', 'w'], ['Σ_{i=1}^{n} (w*x_i - y_i)^2', 'w'], ['softmax(a_1)', 'a_2']] as const) {
      const d = derive(mainExpr(parseTextProgram(src)), v);
      expect(d.start.hasDiff).toBe(true);
      for (const s of d.steps) expect(everyFlagRight(s.before) && everyFlagRight(s.after)).toBe(true);
      expect(d.result.hasDiff).toBe(false);
    }
    const op = mainExpr(parseTextProgram('d/dw (w^2*x) + 1'));
    expect(op.hasDiff).toBe(true);
    expect(everyFlagRight(op)).toBe(true);
  });
  it('a sum with a derivative only in its bounds holds one', () => {
    const x = sym('x');
    expect(sum('i', diff(x, 'x'), int(3), x).hasDiff).toBe(true);
    expect(sum('i', null, null, x).hasDiff).toBe(false);
    expect(pow(x, diff(x, 'x')).hasDiff).toBe(true);
  });
});

describe('trees are frozen under the tests', () => {
  it('the switch is on in vitest', () => {
    expect(nodesFrozen).toBe(true);
  });
  it('every constructor freezes its node and its child list', () => {
    const x = sym('x');
    const nodes = [int(2), x, add(x, int(1)), mul(x, x), neg(x), div(x, int(3)), pow(x, int(2)), call('exp', x), diff(x, 'x'), sum('i', int(1), int(3), x)];
    for (const n of nodes) expect(everyNodeFrozen(n)).toBe(true);
    expect(() => {
      (add(x, x).terms as Expr[]).push(x);
    }).toThrow(TypeError);
  });
  it('a parsed input and every step of its derivation are frozen', () => {
    const e = mainExpr(parseTextProgram('BCE(σ(w*x + b), y_hat)'));
    const d = derive(e, 'w');
    expect(everyNodeFrozen(e)).toBe(true);
    expect(d.steps.length).toBeGreaterThan(3);
    for (const s of d.steps) expect(everyNodeFrozen(s.after) && everyNodeFrozen(s.to)).toBe(true);
    expect(everyNodeFrozen(d.result)).toBe(true);
  });
});
