// Display normal forms for the readable printers (Unicode, LaTeX), which write `x − 2`, `−2x` and
// `1/3` where the tree holds a negative or fractional literal. Invariant: each transform is
// idempotent and only re-spells numbers and signs (no arithmetic beyond splitting off a sign), so
// two trees with the same normal form print the same; `unicodeNormal` is exactly the equivalence
// under which toUnicode round-trips: unicodeNormal(parse(toUnicode(e))) equals unicodeNormal(e).
import { constant, mul, neg, pow, rat } from '../ast/build.js';
import type { Expr, Num } from '../ast/nodes.js';
import { children, withChildren } from '../ast/traverse.js';

/**
 * Signs out of literals: num(-k) → neg(num k); a product led by a negated number (a negative
 * literal or neg(k)), mul(-k, …) → neg(mul(k, …)), so it prints as `−2x` / `-2x` like a textbook.
 */
export function liftSigns(e: Expr): Expr {
  return normal(e, false, MEMO[0]);
}

/**
 * liftSigns, plus the spellings the Unicode printer merges: a canonical fraction of integer
 * literals div(p, q) (p ≥ 1, q ≥ 2, coprime) is the literal p/q, div(neg(p), q) is neg(p/q), and
 * exp(x) is e^x (the printer writes `e^(−z)`, which the notation reads as a power of e).
 */
export function unicodeNormal(e: Expr): Expr {
  return normal(e, true, MEMO[1]);
}

/**
 * Memoised on node identity: a derivative shares sub-trees (σ(z) in σ(z)(1 − σ(z))), and a plain
 * recursion would visit a shared node once per path, 2ⁿ times at nesting n. The memo also keeps
 * the sharing in the result (and the same result node across calls), so the printers' own memos
 * see each node once. Nodes are immutable: one weak memo per transform, kept across calls.
 */
const MEMO = [new WeakMap<Expr, Expr>(), new WeakMap<Expr, Expr>()] as const;

function normal(e: Expr, merge: boolean, memo: WeakMap<Expr, Expr>): Expr {
  let r = memo.get(e);
  if (r === undefined) {
    r = normalNode(e, merge, memo);
    memo.set(e, r);
  }
  return r;
}

function normalNode(e: Expr, merge: boolean, memo: WeakMap<Expr, Expr>): Expr {
  switch (e.kind) {
    case 'num':
      return e.n < 0n ? neg(rat(-e.n, e.d)) : e;
    case 'mul': {
      const fs = e.factors.map((f) => normal(f, merge, memo));
      const [first, ...rest] = fs;
      if (first!.kind === 'neg' && first!.arg.kind === 'num') return neg(mul(first!.arg, ...rest));
      return withChildren(e, fs);
    }
    case 'div': {
      const a = normal(e.num, merge, memo);
      const b = normal(e.den, merge, memo);
      if (merge && isDenominator(b)) {
        if (isNumerator(a) && gcd(a.n, b.n) === 1n) return rat(a.n, b.n);
        if (a.kind === 'neg' && isNumerator(a.arg) && gcd(a.arg.n, b.n) === 1n) return neg(rat(a.arg.n, b.n));
      }
      return withChildren(e, [a, b]);
    }
    case 'call':
      if (merge && e.fn === 'exp' && e.args.length === 1) return pow(constant('e'), normal(e.args[0]!, merge, memo));
      return withChildren(e, e.args.map((a) => normal(a, merge, memo)));
    default:
      return withChildren(e, children(e).map((k) => normal(k, merge, memo)));
  }
}

// `p/q` reads as a literal only in lowest terms with q ≥ 2 (rat would otherwise change the digits)
const isNumerator = (e: Expr): e is Num => e.kind === 'num' && e.d === 1n && e.n >= 1n;
const isDenominator = (e: Expr): e is Num => e.kind === 'num' && e.d === 1n && e.n >= 2n;

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
