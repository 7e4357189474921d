// Local simplification rules as data: the tidy-up a textbook does silently after differentiating
// (×1, +0, −(−u), flattening, folding numbers). Each has a stable id, a label, the rule written in
// the project's notation (docs/rules.md) and `apply` on ONE node. They are sound everywhere
// except where stated in `condition` (u^0 = 1 needs u ≠ 0; 0/u = 0 needs u ≠ 0).
// Unsound candidates kept with their counterexample, as ARCHITECTURE.md asks:
//   (u^a)^b = u^(a·b)      false for u = −1, a = 2, b = 1/2: ((−1)²)^(1/2) = 1 but (−1)^1 = −1
//   sqrt(u^2) = u          false for u = −2
//   log(u·v) = log u + log v   false for u = v = −1
import { add, div, int, mul, neg, rat } from '../ast/build.js';
import type { Expr, Num } from '../ast/nodes.js';

export interface SimpRule {
  readonly id: string;
  readonly label: string;
  readonly text: string;
  readonly condition?: string;
  readonly apply: (e: Expr) => Expr | undefined;
}

const isNum = (e: Expr, k: bigint): boolean => e.kind === 'num' && e.n === k && e.d === 1n;
const isZero = (e: Expr): boolean => isNum(e, 0n) || (e.kind === 'neg' && isNum(e.arg, 0n));
/** A number literal, or the negation of one (−2 in a − 2), as a rational. */
function numberOf(e: Expr): Num | undefined {
  if (e.kind === 'num') return e;
  if (e.kind === 'neg' && e.arg.kind === 'num') return rat(-e.arg.n, e.arg.d);
  return undefined;
}

function addN(a: Num, b: Num): Num {
  return rat(a.n * b.d + b.n * a.d, a.d * b.d);
}
function mulN(a: Num, b: Num): Num {
  return rat(a.n * b.n, a.d * b.d);
}
const sumOf = (ts: Expr[]): Expr => (ts.length === 0 ? int(0) : ts.length === 1 ? ts[0]! : add(...ts));
const productOf = (fs: Expr[]): Expr => (fs.length === 0 ? int(1) : fs.length === 1 ? fs[0]! : mul(...fs));

const SIMP_RULES_MUT: SimpRule[] = [
  {
    id: 'simp.flatten-sum', label: 'remove brackets in a sum', text: 'a + (b + c) = a + b + c',
    apply: (e) => (e.kind === 'add' && e.terms.some((t) => t.kind === 'add') ? add(...e.terms.flatMap((t) => (t.kind === 'add' ? t.terms : [t]))) : undefined),
  },
  {
    id: 'simp.flatten-product', label: 'remove brackets in a product', text: 'a*(b*c) = a*b*c',
    apply: (e) => (e.kind === 'mul' && e.factors.some((f) => f.kind === 'mul') ? mul(...e.factors.flatMap((f) => (f.kind === 'mul' ? f.factors : [f]))) : undefined),
  },
  {
    id: 'simp.add-zero', label: 'add zero', text: 'u + 0 = u',
    apply: (e) => (e.kind === 'add' && e.terms.some(isZero) ? sumOf(e.terms.filter((t) => !isZero(t))) : undefined),
  },
  {
    id: 'simp.mul-zero', label: 'multiply by zero', text: 'u*0 = 0',
    apply: (e) => (e.kind === 'mul' && e.factors.some(isZero) ? int(0) : undefined),
  },
  {
    id: 'simp.mul-one', label: 'multiply by one', text: 'u*1 = u',
    apply: (e) => (e.kind === 'mul' && e.factors.some((f) => isNum(f, 1n)) ? productOf(e.factors.filter((f) => !isNum(f, 1n))) : undefined),
  },
  {
    id: 'simp.double-negation', label: 'double negation', text: '-(-u) = u',
    apply: (e) => (e.kind === 'neg' && e.arg.kind === 'neg' ? e.arg.arg : undefined),
  },
  {
    id: 'simp.sign-out-of-product', label: 'move the sign in front', text: '(-u)*v = -(u*v)',
    apply: (e) => {
      if (e.kind !== 'mul') return undefined;
      let negs = 0;
      const fs = e.factors.map((f) => {
        if (f.kind === 'neg') {
          negs++;
          return f.arg;
        }
        if (f.kind === 'num' && f.n < 0n) {
          negs++;
          return rat(-f.n, f.d);
        }
        return f;
      });
      // (−2)·x is already the textbook's coefficient form; (−1)·x is −x, 2·(−x) is −(2x)
      const first = e.factors[0]!;
      if (negs === 0 || (negs === 1 && first.kind === 'num' && first.n < 0n && !(first.n === -1n && first.d === 1n))) return undefined;
      const body = productOf(fs.filter((f) => !isNum(f, 1n)));
      return negs % 2 ? neg(body) : body;
    },
  },
  {
    id: 'simp.signs-of-quotient', label: 'signs cancel in a quotient', text: '(-u)/(-v) = u/v',
    apply: (e) => (e.kind === 'div' && e.num.kind === 'neg' && e.den.kind === 'neg' ? div(e.num.arg, e.den.arg) : undefined),
  },
  {
    id: 'simp.divide-numbers', label: 'a quotient of whole numbers is a fraction', text: '6/4 = (3/2)',
    apply: (e) =>
      e.kind === 'div' && e.num.kind === 'num' && e.den.kind === 'num' && e.num.d === 1n && e.den.d === 1n && e.den.n > 1n
        ? rat(e.num.n, e.den.n)
        : undefined,
  },
  {
    id: 'simp.divide-by-one', label: 'divide by one', text: 'u/1 = u',
    apply: (e) => (e.kind === 'div' && isNum(e.den, 1n) ? e.num : undefined),
  },
  {
    id: 'simp.zero-over', label: 'zero divided', text: '0/u = 0', condition: 'u ≠ 0',
    apply: (e) => (e.kind === 'div' && isZero(e.num) && !isZero(e.den) ? int(0) : undefined),
  },
  {
    id: 'simp.power-one', label: 'power one', text: 'u^1 = u',
    apply: (e) => (e.kind === 'pow' && isNum(e.exp, 1n) ? e.base : undefined),
  },
  {
    id: 'simp.power-zero', label: 'power zero', text: 'u^0 = 1', condition: 'u ≠ 0',
    apply: (e) => (e.kind === 'pow' && isZero(e.exp) && !isZero(e.base) ? int(1) : undefined),
  },
  {
    id: 'simp.fold-sum', label: 'add the numbers', text: '2 + x + 3 = x + 5',
    apply: (e) => {
      if (e.kind !== 'add') return undefined;
      const nums = e.terms.map(numberOf).filter((t): t is Num => t !== undefined);
      if (nums.length < 2) return undefined;
      const total = nums.reduce(addN);
      const rest = e.terms.filter((t) => numberOf(t) === undefined);
      // a negative total is written as a subtraction, as the user would: x − 3, not x + (−3)
      const last = total.n < 0n ? neg(rat(-total.n, total.d)) : total;
      return sumOf(total.n === 0n ? rest : [...rest, last]);
    },
  },
  {
    id: 'simp.fold-product', label: 'multiply the numbers', text: '2*x*3 = 6*x',
    apply: (e) => {
      if (e.kind !== 'mul') return undefined;
      const nums = e.factors.filter((f): f is Num => f.kind === 'num');
      if (nums.length < 2) return undefined;
      const total = nums.reduce(mulN);
      return productOf([total, ...e.factors.filter((f) => f.kind !== 'num')]);
    },
  },
];

/** Exact values of functions at the points a derivation meets: f(0), log(1), √ of a square. */
const AT_ZERO: Readonly<Record<string, Num>> = {
  exp: int(1), sin: int(0), cos: int(1), tan: int(0), sinh: int(0), cosh: int(1), tanh: int(0),
  asin: int(0), atan: int(0), asinh: int(0), atanh: int(0), sigmoid: rat(1n, 2n), relu: int(0),
  abs: int(0), sign: int(0), sqrt: int(0), cbrt: int(0), heaviside: int(0),
};
function exactValue(e: Expr): Num | undefined {
  if (e.kind !== 'call' || e.args.length !== 1) return undefined;
  const a = e.args[0]!;
  if (a.kind !== 'num') return undefined;
  if (a.n === 0n) return AT_ZERO[e.fn];
  if (a.n === 1n && a.d === 1n && (e.fn === 'log' || e.fn === 'log10')) return int(0);
  if (e.fn === 'abs') return rat(a.n < 0n ? -a.n : a.n, a.d);
  if (e.fn === 'sqrt' && a.n > 0n) {
    const rn = isqrt(a.n);
    const rd = isqrt(a.d);
    if (rn * rn === a.n && rd * rd === a.d) return rat(rn, rd);
  }
  return undefined;
}
function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x;
}

SIMP_RULES_MUT.push({
  id: 'simp.function-value', label: 'exact value of a function', text: 'cos(0) = 1',
  apply: exactValue,
});

export const SIMP_RULES: readonly SimpRule[] = SIMP_RULES_MUT;

/** The first rule that rewrites `e` itself (not its children). */
export function applySimpRule(e: Expr): { rule: SimpRule; after: Expr } | undefined {
  for (const rule of SIMP_RULES) {
    const after = rule.apply(e);
    if (after !== undefined) return { rule, after };
  }
  return undefined;
}
