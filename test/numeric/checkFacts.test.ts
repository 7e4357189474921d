// The checks' per-node record (src/numeric/checkFacts.ts): the facts found in its one walk are
// those of the separate walks they replaced — the names a check samples (hash.ts variableNames),
// "needs instantiation" (a sum, δ or indexed function anywhere), "some node tells a sampling
// range" (ranges.ts's pattern) and the stable form (the rewrite applied children first, shared
// sub-trees mapped to shared nodes) — on random trees that share sub-trees and hold d/dv nodes,
// BCE of σ and logs of σ; and a tree that reads no point has one evaluator whatever the variables.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, call, diff, int, mul, neg, sub, sum, sym } from '../../src/ast/build.js';
import { childNodes, variableNames as hashVariableNames } from '../../src/ast/hash.js';
import type { Expr } from '../../src/ast/nodes.js';
import { equal, withChildren } from '../../src/ast/traverse.js';
import { getFunction, lookupFunction } from '../../src/functions/index.js';
import { hasPattern, needsInstances, stableForm, variableNames } from '../../src/numeric/checkFacts.js';
import { evaluatorFor, variablesOf } from '../../src/numeric/index.js';
import { arbExprWith } from '../arbitrary.js';

const some = (e: Expr, p: (x: Expr) => boolean): boolean => p(e) || childNodes(e).some((k) => some(k, p));
const isOneMinusSym = (a: Expr): boolean =>
  a.kind === 'add' && a.terms.length === 2 &&
  a.terms.some((t) => t.kind === 'num' && t.n === 1n && t.d === 1n) && a.terms.some((t) => t.kind === 'neg' && t.arg.kind === 'sym');
const tells = (x: Expr): boolean =>
  x.kind === 'call' && ((!!getFunction(x.fn).sampleRange && x.args[0]?.kind === 'sym') || (!!getFunction(x.fn).positiveArg && !!x.args[0] && isOneMinusSym(x.args[0])));
const indexed = (x: Expr): boolean => x.kind === 'sum' || (x.kind === 'call' && (x.fn === 'kronecker' || !!lookupFunction(x.fn)?.indexed));

/** The stable form by its definition: children first, then BCE(σ(u), t) and log of σ / 1 − σ. */
function refStable(e: Expr): Expr {
  const kids = childNodes(e).map(refStable);
  const x = withChildren(e, kids);
  const sig = (a: Expr | undefined) => (a?.kind === 'call' && a.fn === 'sigmoid' && a.args.length === 1 ? a.args[0]! : undefined);
  if (x.kind === 'call' && x.fn === 'BCE' && x.args.length === 2 && sig(x.args[0])) {
    const [u, t] = [sig(x.args[0])!, x.args[1]!];
    return add(mul(t, call('softplus', neg(u))), mul(sub(int(1), t), call('softplus', u)));
  }
  if (x.kind === 'call' && x.fn === 'log' && x.args.length === 1) {
    const a = x.args[0]!;
    const one = a.kind === 'add' && a.terms.length === 2 && a.terms[0]!.kind === 'num' && a.terms[0]!.n === 1n && a.terms[0]!.d === 1n && a.terms[1]!.kind === 'neg';
    const c = one && a.kind === 'add' && a.terms[1]!.kind === 'neg' ? sig(a.terms[1]!.arg) : undefined;
    if (c) return neg(call('softplus', c));
    if (sig(a)) return neg(call('softplus', neg(sig(a)!)));
  }
  return x;
}
const leafy = arbExprWith({ depth: 2, symbols: ['x', 'y', 'w', 'y_hat'] });
/** trees with what the facts are about: shared sub-trees, d/dv, BCE of σ, logs of σ, 1 − s, sums, δ, softmax */
const treeArb: fc.Arbitrary<Expr> = fc.tuple(leafy, leafy, fc.nat(7)).map(([a, b, k]) => {
  const s = call('sigmoid', a);
  const parts = [
    add(mul(a, b), call('BCE', s, b), call('sin', a)),
    mul(call('log', sub(int(1), s)), call('log', s), a),
    add(diff(mul(a, call('log', sym('y'))), 'w'), b),
    mul(call('log', sub(int(1), sym('y'))), call('BCE', s, sym('y_hat'))),
    add(sum('k', int(1), sym('K'), mul(sym('t_k'), a)), b),
    mul(call('kronecker', sym('j'), sym('u')), a),
    add(call('softmax', sym('a_j')), diff(b, 'x')),
    call('acosh', sym('x')),
  ];
  return add(parts[k]!, parts[(k + 3) % parts.length]!, a);
});

describe('checkFacts.ts: one walk, the answers of the walks it replaced', () => {
  it('names, instantiation, range pattern and stable form on random trees', () => {
    fc.assert(
      fc.property(treeArb, (e) => {
        expect(variableNames(e)).toEqual(hashVariableNames(e));
        expect(needsInstances(e)).toBe(some(e, indexed));
        expect(hasPattern(e)).toBe(some(e, tells));
        const st = stableForm(e);
        expect(equal(st, refStable(e))).toBe(true);
        // nothing to rewrite: the tree itself, not a copy
        if (equal(refStable(e), e)) expect(st).toBe(e);
      }),
      { numRuns: 400 },
    );
  });

  it('shared sub-trees map to shared stable nodes, across trees', () => {
    const u = add(mul(sym('w'), sym('x')), sym('b'));
    const shared = call('BCE', call('sigmoid', u), sym('y'));
    const a = stableForm(mul(int(2), shared));
    const b = stableForm(add(shared, sym('x')));
    expect(a.kind === 'mul' && b.kind === 'add' && a.factors[1] === b.terms[0]).toBe(true);
  });

  it('variablesOf: the sorted union of the trees\' names, a fresh array', () => {
    const e = [add(sym('y'), sym('x')), diff(sym('b'), 'w'), mul(sym('x'), sym('y'))];
    const vs = variablesOf(e);
    expect(vs).toEqual(['b', 'w', 'x', 'y']);
    expect(vs).not.toBe(variableNames(e[0]!));
    const one = [add(sym('y'), sym('x')), sym('x')];
    expect(variablesOf(one)).toEqual(['x', 'y']);
    expect(Object.isFrozen(variablesOf(one))).toBe(false);
  });

  it('a tree that reads no point has one evaluator whatever the variable list', () => {
    const c = add(int(2), call('exp', int(1)));
    expect(evaluatorFor(c, ['x'])).toBe(evaluatorFor(c, ['y', 'z']));
    expect(evaluatorFor(c, ['x'])(new Float64Array(1))).toBe(2 + Math.exp(1));
    const v = add(sym('x'), int(1));
    expect(evaluatorFor(v, ['x'])).not.toBe(evaluatorFor(v, ['w', 'x']));
    expect(evaluatorFor(v, ['w', 'x'])(Float64Array.from([5, 2]))).toBe(3);
  });
});
