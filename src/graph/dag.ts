// Walks that stay linear on expression DAGs. Substituting definitions shares subtrees by identity
// (`b = a·a` with `a = x·x` holds the node of a twice), so a plain tree walk of a program of n
// such definitions visits 2ⁿ nodes; every walk here memoises by node identity instead.
// Invariants: results equal those of the tree walks they replace; nothing here recurses deeper
// than the height of the tree (the parser caps it at 1,000).
import type { Definition, Expr } from '../ast/nodes.js';
import { sym } from '../ast/build.js';
import { children, freeSymbols, mapDag } from '../ast/traverse.js';

export { mapDag };

/** The symbol names in `e`, sorted (DAG-safe). */
export const symbolsOf = freeSymbols;

/** The size of `e` written out as a tree (what a derivation or a printer would see), capped. */
export function unfoldedSize(e: Expr, cap: number): number {
  const memo = new Map<Expr, number>();
  const go = (x: Expr): number => {
    let n = memo.get(x);
    if (n === undefined) {
      n = 1;
      for (const k of children(x)) n = Math.min(cap + 1, n + go(k));
      memo.set(x, n);
    }
    return n;
  };
  return go(e);
}

/** The target with every definition substituted (sharing, not copying), `free` left as a symbol. */
export function compose(defs: readonly Definition[], target: Expr, free?: string): Expr {
  const value = new Map<string, Expr>();
  const sub = (e: Expr) => mapDag(e, (x) => (x.kind === 'sym' ? value.get(x.name) ?? x : undefined));
  for (const d of defs) value.set(d.name, d.name === free ? sym(d.name) : sub(d.expr));
  return sub(target);
}

/** A structural key: equal keys ⇔ structurally equal trees (the hash-consing key of compile.ts). */
export function keyOf(e: Expr, memo = new Map<Expr, string>()): string {
  let k = memo.get(e);
  if (k !== undefined) return k;
  switch (e.kind) {
    case 'num':
      k = `${e.n}/${e.d}`;
      break;
    case 'sym':
      k = `s:${e.name}`;
      break;
    case 'const':
      k = `c:${e.name}`;
      break;
    default: {
      const head = e.kind === 'call' ? `call:${e.fn}` : e.kind === 'diff' ? `diff:${e.wrt}` : e.kind;
      k = `${head}(${children(e).map((c) => keyOf(c, memo)).join(',')})`;
    }
  }
  memo.set(e, k);
  return k;
}
