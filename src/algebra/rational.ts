// One-call entry points of the exact algebra core: the rational normal form of an expression
// (exact, cancelled, printed in textbook form, with the conditions its cancellations assume) and
// its expanded form. Both return undefined when the expression is not a rational function we may
// handle (see ratfun.ts fromExpr); the caller then leaves the expression unchanged.
import type { Expr } from '../ast/nodes.js';
import { AtomTable } from './atoms.js';
import { HintParts } from './factor.js';
import type { Poly } from './poly.js';
import { conditionText, toExpandedExpr, toExpr } from './print.js';
import { type Hint, type RatFun, fromExpr } from './ratfun.js';

export interface RationalForm {
  /** num/den in lowest terms over the atoms */
  readonly value: RatFun;
  readonly atoms: AtomTable;
  /** the textbook form */
  readonly expr: Expr;
  /** the distinct non-constant factors cancelled on the way (each assumed ≠ 0) */
  readonly cancelled: readonly Poly[];
  /** each cancelled factor as an expression, for "valid where … ≠ 0" */
  readonly conditions: readonly Expr[];
  /** the sums the input wrote (printing preferences) */
  readonly hints: readonly Hint[];
}

export function rationalForm(e: Expr, atoms: AtomTable = new AtomTable()): RationalForm | undefined {
  const cancelled: Poly[] = [];
  const hints: Hint[] = [];
  const value = fromExpr(e, atoms, { cancelled, hints });
  if (!value) return undefined;
  return new Form(value, atoms, cancelled, hints);
}

/** A RationalForm whose conditions are printed when first read: most callers only ask how many
 * there are (cancelled.length), and printing them is a factorisation per cancelled factor.
 * conditionText runs outside any work budget and reads only atoms already interned, so later
 * gives the same as now. */
class Form implements RationalForm {
  readonly expr: Expr;
  private readonly print: { readonly hints: readonly Hint[]; readonly hintParts: HintParts };
  private printed: readonly Expr[] | undefined;
  constructor(
    readonly value: RatFun,
    readonly atoms: AtomTable,
    readonly cancelled: readonly Poly[],
    readonly hints: readonly Hint[],
  ) {
    this.print = { hints, hintParts: new HintParts() };
    this.expr = toExpr(value, atoms, this.print);
  }
  get conditions(): readonly Expr[] {
    this.printed ??= this.cancelled.map((p) => conditionText(p, this.atoms, this.print));
    return this.printed;
  }
}

/** The expanded form (sums of monomials over a sum of monomials), or undefined. */
export function expandExpr(e: Expr, atoms: AtomTable = new AtomTable()): Expr | undefined {
  const value = fromExpr(e, atoms);
  return value && toExpandedExpr(value, atoms);
}
