// Binding strengths of the plain-text notation (docs/notation.md), shared by all printers, and
// small helpers on number literals. Invariant: these levels mirror the parser's grammar exactly,
// low → high: + - < explicit * / < unary - < implicit multiplication < ^ < primary; a printer
// wraps a child in parentheses exactly when the child's level is below what its slot requires.
import type { Expr, Num } from '../ast/nodes.js';

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

export const isNum = (e: Expr): e is Num => e.kind === 'num';
/** A non-negative integer literal such as 0, 2, 10. */
export const isNatural = (e: Expr): e is Num => e.kind === 'num' && e.d === 1n && e.n >= 0n;
/** A number literal that is not a non-negative integer (negative, or a fraction). */
export const isSignedOrFraction = (e: Expr): e is Num => e.kind === 'num' && (e.d !== 1n || e.n < 0n);

export function absNum(n: Num): { n: bigint; d: bigint } {
  return { n: n.n < 0n ? -n.n : n.n, d: n.d };
}
