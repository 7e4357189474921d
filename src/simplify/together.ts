// "Combine the fractions": the textbook's first move, on the tree as the user sees it.
// Sums of fractions go over the common denominator (factors compared structurally, so y(1−y)
// shared by two terms appears once); a product of fractions becomes one fraction; −(sum) keeps
// its sign on the numerator, as the notes write −(ŷ(1−y) − (1−ŷ)y)/(y(1−y)). Nothing is expanded
// or cancelled here: that is the next step's job. Returns undefined when there is nothing to do.
import { add, div, int, mul, neg } from '../ast/build.js';
import type { Expr } from '../ast/nodes.js';
import { atomKey } from '../algebra/atoms.js';

interface Frac {
  readonly num: Expr;
  readonly den: readonly Expr[];
}

const productOf = (fs: readonly Expr[]): Expr => (fs.length === 0 ? int(1) : fs.length === 1 ? fs[0]! : mul(...fs));

function factorsOf(e: Expr): Expr[] {
  return e.kind === 'mul' ? [...e.factors] : [e];
}

function asFrac(e: Expr): Frac {
  if (e.kind === 'div') return { num: e.num, den: factorsOf(e.den) };
  if (e.kind === 'neg' && e.arg.kind === 'div') return { num: neg(e.arg.num), den: factorsOf(e.arg.den) };
  return { num: e, den: [] };
}

/** Multiset difference by structure: `all` minus `some`. */
function missing(all: readonly Expr[], some: readonly Expr[]): Expr[] {
  const left = some.map(atomKey);
  const out: Expr[] = [];
  for (const f of all) {
    const i = left.indexOf(atomKey(f));
    if (i >= 0) left.splice(i, 1);
    else out.push(f);
  }
  return out;
}

/** The least common multiple of denominators as factor lists (structural). */
function commonDenominator(dens: readonly (readonly Expr[])[]): Expr[] {
  const common: Expr[] = [];
  for (const d of dens) common.push(...missing(d, common));
  return common;
}

function sumOverCommon(terms: readonly Expr[]): Expr | undefined {
  const fracs = terms.map(asFrac);
  if (!fracs.some((f) => f.den.length > 0)) return undefined;
  const common = commonDenominator(fracs.map((f) => f.den));
  const nums = fracs.map((f) => {
    const extra = missing(common, f.den);
    if (extra.length === 0) return f.num;
    // keep a leading sign outside: −a·b reads better than (−a)·b
    // 1·(x + 1) is x + 1
    const isOne = (e: Expr) => e.kind === 'num' && e.n === 1n && e.d === 1n;
    if (f.num.kind === 'neg') return neg(productOf([f.num.arg, ...extra].filter((x, i) => i > 0 || !isOne(x))));
    return productOf([f.num, ...extra].filter((x, i) => i > 0 || !isOne(x)));
  });
  // a negated numerator becomes a subtraction: a − b, not a + (−b)
  return div(add(...nums), productOf(common));
}

export function together(e: Expr): Expr | undefined {
  if (e.kind === 'add') return sumOverCommon(e.terms);
  if (e.kind === 'neg') {
    const inner = together(e.arg);
    if (inner?.kind === 'div') return div(neg(inner.num), inner.den);
    return undefined;
  }
  if (e.kind === 'mul' && e.factors.some((f) => f.kind === 'div')) {
    const nums: Expr[] = [];
    const dens: Expr[] = [];
    for (const f of e.factors) {
      if (f.kind === 'div') {
        if (!(f.num.kind === 'num' && f.num.n === 1n && f.num.d === 1n)) nums.push(...factorsOf(f.num));
        dens.push(...factorsOf(f.den));
      } else nums.push(...factorsOf(f));
    }
    return div(productOf(nums), productOf(dens));
  }
  return undefined;
}
