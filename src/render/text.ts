// Plain ASCII text printer: explicit operators (* / ^ -), registry names (`sigmoid(z)`), canonical
// symbol names (`y_hat`, `x_2`, `alpha`), constants `e` and `pi`. Invariant: parsing the output with
// the project's notation gives back EXACTLY the same tree (same n-ary grouping), using the fewest
// parentheses the notation allows. The notation this relies on (the parser follows it):
//
//   precedence, low → high:  + -  (left)  <  explicit * /  (left)  <  unary -  <  implicit
//   multiplication (juxtaposition)  <  ^  (right; its exponent may start with unary -)  <  primary.
//   So -x^2 is -(x^2), 2^-1 is 2^(-1), a/b*c is (a/b)*c, a*b/c is (a*b)/c.
// • A run of `+`/`-` at one level is ONE add node; `a - b` is add(a, neg(b)). An unbracketed
//   product extended by `*` (or juxtaposition) is ONE mul node; `/` ends it (a*b/c*d =
//   mul(div(mul(a, b), c), d)). Parentheses always start a new node, so mul(a, mul(b, c)) prints
//   `a*(b*c)` and add(a, add(b, c)) prints `a + (b + c)`. `e^u` is read as exp(u): a pow node with
//   base e has no spelling of its own, its text reads back as the exp call.
// • NUMBER LITERALS. `-2` is neg(2) and `1/3` is div(1, 3): the parser never folds them. It folds
//   exactly the parenthesised shapes `(-N)`, `(N/D)` and `(-N/D)`, N and D written as plain number
//   tokens (D a non-zero integer), into one number node rat(±N, D). This printer therefore prints
//   every negative or fractional literal that way, everywhere (also as the whole expression):
//   `(-2)`, `(1/3)*x`, `x^(-1)`, `2*(-3)`. When some OTHER tree would print inside parentheses as
//   one of those shapes (neg(2) as a base, div(1, 3) as a factor), its last number gets its own
//   parentheses, which is no longer a plain token: `(-(2))^2`, `x*(1/(3))`. A call's own
//   parentheses are not grouping: `f(-2)` is f(neg(2)), `f((-2))` is f(-2).
import { isFactorName } from '../ast/names.js';
import type { Expr } from '../ast/nodes.js';
import { SLOT, IMPLICIT, isDigitCode, memoPrinter, POW, PRIMARY, PROD, type Printed, type PrintStats, type SharedMemo, SUM, UNARY } from './precedence.js';

/** The plain-text form of `e` (round-trips through the notation's parser). */
export function toText(e: Expr): string {
  return toTextCounted(e, undefined);
}

/** toText, counting the work in `stats` (a separate entry: `exprs.map(toText)` passes an index). */
export function toTextCounted(e: Expr, stats: PrintStats | undefined): string {
  return printer.run(e, stats).s;
}

/** toText with per-node results kept in `shared` across calls (one response). */
export function toTextShared(e: Expr, shared: SharedMemo): string {
  return printer.run(e, undefined, shared).s;
}

const printer = memoPrinter('printing text', SLOT.text, printNode);
const print = printer.print;

/** The shape the parser folds into a number literal; some other tree must not print like this. */
const LITERAL_SHAPE = /^-?\d+(\/\d+)?$/;

function paren(s: string): string {
  // `1/3`, `-2`, `-1/3` would become literals inside parentheses: break the shape by wrapping the
  // last integer, which keeps the tree (`(3)` is just 3).
  // (only a text that starts with - or a digit can have that shape: tested first, it is cheaper)
  const c = s.charCodeAt(0);
  if ((c === 45 || isDigitCode(c)) && LITERAL_SHAPE.test(s) && !/^\d+$/.test(s)) s = s.replace(/(\d+)$/, '($1)');
  return `(${s})`;
}

/** `e` printed for a slot that needs level `min` or higher. */
function at(e: Expr, min: number): string {
  const r = print(e);
  return r.p >= min ? r.s : paren(r.s);
}

function printNode(e: Expr): Printed {
  switch (e.kind) {
    case 'num':
      if (e.d === 1n && e.n >= 0n) return { s: e.n.toString(), p: PRIMARY };
      // negative or fractional literal: always in its folded, parenthesised form (header)
      return { s: `(${e.n}${e.d === 1n ? '' : '/' + e.d})`, p: PRIMARY };
    case 'sym':
      // a named upstream factor ∂L/∂z_2 reads as a quotient: bracketed after `*`, `^`, `-`
      return { s: e.name, p: isFactorName(e.name) ? PROD : PRIMARY };
    case 'const':
      return { s: e.name, p: PRIMARY };
    case 'diff':
      // the derivative operator takes one factor; its argument is always bracketed
      return { s: `d/d${e.wrt}(${print(e.arg).s})`, p: IMPLICIT };
    case 'call':
      // call.fn IS the spec's canonical ASCII name (src/ast/nodes.ts)
      return { s: `${e.fn}(${e.args.map((a) => at(a, SUM)).join(', ')})`, p: PRIMARY };
    case 'add': {
      // every term sits at product level: an add term needs parentheses or it would merge
      let s = at(e.terms[0]!, PROD);
      for (const t of e.terms.slice(1)) {
        s += t.kind === 'neg' ? ' - ' + at(t.arg, PROD) : ' + ' + at(t, PROD);
      }
      return { s, p: SUM };
    }
    case 'mul': {
      // first factor: a div may stay bare (a/b*c), a mul may not (it would join this run)
      const [first, ...rest] = e.factors;
      let s = first!.kind === 'mul' ? paren(print(first!).s) : at(first!, PROD);
      for (const f of rest) s += '*' + at(f, UNARY);
      return { s, p: PROD };
    }
    case 'div':
      return { s: at(e.num, PROD) + '/' + at(e.den, UNARY), p: PROD };
    case 'neg':
      return { s: '-' + at(e.arg, UNARY), p: UNARY };
    case 'pow':
      return { s: at(e.base, PRIMARY) + '^' + exponent(e.exp), p: POW };
    case 'sum':
      // the call spelling reads back as the same node whatever the body (docs/notation.md)
      return { s: `sum(${e.index}, ${e.lo && e.hi ? `${at(e.lo, SUM)}, ${at(e.hi, SUM)}, ` : ''}${at(e.body, SUM)})`, p: PRIMARY };
  }
}

/** The exponent slot: a power (right associative), a primary, or unary minus applied to those. */
function exponent(e: Expr): string {
  if (e.kind === 'neg') return '-' + exponent(e.arg);
  return at(e, POW);
}
