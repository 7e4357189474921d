// A compact S-expression form of a tree, for table-driven expectations: (+ a (- b)), (* 2 x),
// (/ a b), (^ x 2), (sigmoid z), numbers as 3 or 1/3, constants as #e and #pi.
import type { Expr } from '../../src/ast/nodes.js';

export function sexpr(e: Expr): string {
  switch (e.kind) {
    case 'num':
      return e.d === 1n ? e.n.toString() : `${e.n}/${e.d}`;
    case 'sym':
      return e.name;
    case 'const':
      return '#' + e.name;
    case 'add':
      return `(+ ${e.terms.map(sexpr).join(' ')})`;
    case 'mul':
      return `(* ${e.factors.map(sexpr).join(' ')})`;
    case 'neg':
      return `(- ${sexpr(e.arg)})`;
    case 'div':
      return `(/ ${sexpr(e.num)} ${sexpr(e.den)})`;
    case 'pow':
      return `(^ ${sexpr(e.base)} ${sexpr(e.exp)})`;
    case 'call':
      return `(${e.fn} ${e.args.map(sexpr).join(' ')})`;
  }
}
