// Binding strengths of the plain-text notation, shared by all printers. Invariant: these levels
// mirror the parser's grammar exactly, low → high: + - < explicit * / < unary - < implicit
// multiplication < ^ < primary; a printer brackets a child when the child's level is below what
// its slot requires (the readable printers add a few more brackets, each said where it is done).
import { checkBudget } from '../ast/budget.js';
import type { Expr } from '../ast/nodes.js';

export const SUM = 1;
export const PROD = 2;
export const UNARY = 3;
export const IMPLICIT = 4;
export const POW = 5;
export const PRIMARY = 6;

/** A printed fragment and the level of its outermost operator. */
export interface Printed {
  readonly s: string;
  readonly p: number;
}

/**
 * Work done by one printer call, for tests that check printing is linear in the tree: `visits`
 * counts calls into the per-node printer (each distinct node is printed once, then memoised).
 */
export interface PrintStats {
  visits: number;
}

/**
 * A printer that prints each distinct node once per call: a derivative shares sub-trees, and a
 * product may be tried in two spellings, so printing per path cost 2ⁿ–3ⁿ at nesting n. The memo
 * lives for one call only: kept across calls it would hold every step's text (flattened by V8 on
 * first read) while a derivation lives — σ nested 200 deep ran out of memory that way. Calls may
 * nest (a printer used inside another's node): each `run` saves and restores its state.
 */
export interface MemoPrinter<P extends Printed> {
  /** the memoised per-node printer, for recursive calls inside `printNode` */
  readonly print: (e: Expr) => P;
  /** one top-level call: a fresh memo, the work counted in `stats` */
  readonly run: (e: Expr, stats: PrintStats | undefined) => P;
}

export function memoPrinter<P extends Printed>(what: string, printNode: (e: Expr) => P): MemoPrinter<P> {
  let memo = new Map<Expr, P>();
  let counter: PrintStats | undefined;
  const print = (e: Expr): P => {
    let r = memo.get(e);
    if (r === undefined) {
      checkBudget(what);
      if (counter) counter.visits++;
      r = printNode(e);
      memo.set(e, r);
    }
    return r;
  };
  const run = (e: Expr, stats: PrintStats | undefined): P => {
    const saved = [memo, counter] as const;
    memo = new Map();
    counter = stats;
    try {
      return print(e);
    } finally {
      [memo, counter] = saved;
    }
  };
  return { print, run };
}
