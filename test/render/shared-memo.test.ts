// The printers with a memo shared across calls (one response's print scope, src/api/serialize.ts):
// every string is the one a fresh call prints, over random trees that share sub-trees as a
// derivation's steps do, with the memo's bound hit and restarted along the way.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, call, mul } from '../../src/ast/build.js';
import type { Expr } from '../../src/ast/nodes.js';
import { sharedMemo, toLatex, toLatexShared, toText, toTextShared, toUnicode, toUnicodeShared } from '../../src/render/index.js';
import { arbExpr } from '../arbitrary.js';

const PRINTERS = [
  ['text', toText, toTextShared],
  ['unicode', toUnicode, toUnicodeShared],
  ['latex', (e: Expr) => toLatex(e), toLatexShared],
] as const;

/** A derivation's shape: each "step" rebuilds around the previous one, keeping it as a sub-tree. */
function steps(parts: readonly Expr[]): Expr[] {
  const out: Expr[] = [];
  let prev = parts[0]!;
  out.push(prev);
  for (const [i, p] of parts.slice(1).entries()) {
    prev = i % 3 === 0 ? add(prev, p) : i % 3 === 1 ? mul(p, prev) : call('sigmoid', prev);
    out.push(prev, p);
  }
  return out;
}

describe('printers with a shared memo', () => {
  it.each(PRINTERS)('%s: the same strings as fresh calls, with and without the bound restarting the memo', (_name, fresh, shared) => {
    fc.assert(
      fc.property(fc.array(arbExpr, { minLength: 2, maxLength: 6 }), fc.constantFrom(8, 64, 1 << 21), (parts, limit) => {
        const memo = sharedMemo(limit);
        const trees = steps(parts);
        const printed = trees.map((e) => shared(e, memo));
        expect(printed).toEqual(trees.map((e) => fresh(e)));
        // a tree printed again (a step's `after` is the next `before`) gives the same string
        expect(trees.map((e) => shared(e, memo))).toEqual(printed);
        expect(memo.chars).toBeLessThanOrEqual(Math.max(limit, ...printed.map((s) => s.length)));
      }),
      { numRuns: 300 },
    );
  });

  // a response's print scope passes ONE memo to all three printers (each node's slot holds every
  // notation and both normal forms): no notation may read another's entry, interleaved in any order
  it('one memo for all three printers: the same strings as fresh calls, in any order, with the bound restarting it', () => {
    fc.assert(
      fc.property(fc.array(arbExpr, { minLength: 2, maxLength: 6 }), fc.constantFrom(8, 64, 1 << 21), fc.nat(), (parts, limit, seed) => {
        const memo = sharedMemo(limit);
        const trees = steps(parts);
        // each tree in every notation, the notations in an order that varies with the tree
        for (const [i, e] of trees.entries()) {
          const k = (seed + i) % PRINTERS.length;
          for (const [name, fresh, shared] of [...PRINTERS.slice(k), ...PRINTERS.slice(0, k)]) expect(shared(e, memo), name).toBe(fresh(e));
        }
        for (const e of trees) for (const [name, fresh, shared] of PRINTERS) expect(shared(e, memo), name).toBe(fresh(e));
      }),
      { numRuns: 300 },
    );
  });
});
