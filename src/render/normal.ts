// Display normal forms for the readable printers (Unicode, LaTeX), which write `x − 2`, `−2x` and
// `1/3` where the tree holds a negative or fractional literal. Invariant: each transform is
// idempotent and only re-spells numbers and signs (no arithmetic beyond splitting off a sign), so
// two trees with the same normal form print the same; `unicodeNormal` is exactly the equivalence
// under which toUnicode round-trips: unicodeNormal(parse(toUnicode(e))) equals unicodeNormal(e).
import { call, constant, div, mul, neg, pow, rat } from '../ast/build.js';
import type { Expr, Num } from '../ast/nodes.js';
import { children, withChildren } from '../ast/traverse.js';
import { type SharedMemo, SLOT, slotOf } from './precedence.js';

/**
 * Signs out of literals: num(-k) → neg(num k); a product led by a negated number (a negative
 * literal or neg(k)), mul(-k, …) → neg(mul(k, …)), so it prints as `−2x` / `-2x` like a textbook.
 */
export function liftSigns(e: Expr): Expr {
  return normal(e, false, MEMO[0]);
}

/** liftSigns memoised in `shared` (one response's, precedence.ts SharedMemo) rather than the global weak memo. */
export function liftSignsIn(e: Expr, shared: SharedMemo): Expr {
  return normal(e, false, new SlotMemo(shared, SLOT.lift));
}

/**
 * liftSigns, plus the spellings the Unicode printer merges: a canonical fraction of integer
 * literals div(p, q) (p ≥ 1, q ≥ 2, coprime) is the literal p/q, div(neg(p), q) is neg(p/q), and
 * exp(x) is e^x (the printer writes `e^(−z)`, which the notation reads as a power of e).
 */
export function unicodeNormal(e: Expr): Expr {
  return normal(e, true, MEMO[1]);
}

/** unicodeNormal memoised in `shared` (one response's, precedence.ts SharedMemo). */
export function unicodeNormalIn(e: Expr, shared: SharedMemo): Expr {
  return normal(e, true, new SlotMemo(shared, SLOT.merged));
}

/**
 * Memoised on node identity: a derivative shares sub-trees (σ(z) in σ(z)(1 − σ(z))), and a plain
 * recursion would visit a shared node once per path, 2ⁿ times at nesting n. The memo also keeps
 * the sharing in the result (and the same result node across calls), so the printers' own memos
 * see each node once. Nodes are immutable: one weak memo per transform, kept across calls.
 * A response's print scope passes its own memo instead (the `…In` forms: the forms go in the
 * nodes' slots of its SharedMemo, beside their printed text): a WeakMap.set of a fresh node
 * measured ~0.8 µs with its GC share against ~0.15 µs for a Map's, and every step brings fresh
 * nodes (≈ 20 % of serialising a derive request went to the weak memo).
 */
const MEMO = [new WeakMap<Expr, Expr>(), new WeakMap<Expr, Expr>()] as const;
interface Memo {
  get(e: Expr): Expr | undefined;
  set(e: Expr, r: Expr): unknown;
}

/** One normal form in the slots of a shared memo. */
class SlotMemo implements Memo {
  constructor(
    private readonly shared: SharedMemo,
    private readonly field: typeof SLOT.lift | typeof SLOT.merged,
  ) {}
  get(e: Expr): Expr | undefined {
    return this.shared.nodes.get(e)?.[this.field];
  }
  set(e: Expr, r: Expr): void {
    slotOf(this.shared, e)[this.field] = r;
  }
}

function normal(e: Expr, merge: boolean, memo: Memo): Expr {
  // a name, a constant and a non-negative literal are their own form: no memo entry (a step's
  // fresh leaves would each cost a Map.set for nothing)
  if (e.kind === 'sym' || e.kind === 'const' || (e.kind === 'num' && e.n >= 0n)) return e;
  let r = memo.get(e);
  if (r === undefined) {
    r = normalNode(e, merge, memo);
    memo.set(e, r);
  }
  return r;
}

/** The forms of `xs`: `xs` itself when every one is its own form (no array allocated then). */
function normalAll(xs: readonly Expr[], merge: boolean, memo: Memo): readonly Expr[] {
  let out: Expr[] | undefined;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const y = normal(x, merge, memo);
    if (out) out.push(y);
    else if (y !== x) {
      out = xs.slice(0, i);
      out.push(y);
    }
  }
  return out ?? xs;
}

// Each case returns `e` itself when no child changed (as withChildren does), so sharing is kept.
function normalNode(e: Expr, merge: boolean, memo: Memo): Expr {
  switch (e.kind) {
    case 'num':
      return e.n < 0n ? neg(rat(-e.n, e.d)) : e;
    case 'mul': {
      const fs = normalAll(e.factors, merge, memo);
      const first = fs[0]!;
      if (first.kind === 'neg' && first.arg.kind === 'num') return neg(mul(first.arg, ...fs.slice(1)));
      return fs === e.factors ? e : mul(...fs);
    }
    case 'div': {
      const a = normal(e.num, merge, memo);
      const b = normal(e.den, merge, memo);
      if (merge && isDenominator(b)) {
        if (isNumerator(a) && gcd(a.n, b.n) === 1n) return rat(a.n, b.n);
        if (a.kind === 'neg' && isNumerator(a.arg) && gcd(a.arg.n, b.n) === 1n) return neg(rat(a.arg.n, b.n));
      }
      return a === e.num && b === e.den ? e : div(a, b);
    }
    case 'call': {
      if (merge && e.fn === 'exp' && e.args.length === 1) return pow(constant('e'), normal(e.args[0]!, merge, memo));
      const as = normalAll(e.args, merge, memo);
      return as === e.args ? e : call(e.fn, ...as);
    }
    default: {
      const ks = children(e);
      const ms = normalAll(ks, merge, memo);
      return ms === ks ? e : withChildren(e, ms);
    }
  }
}

// `p/q` reads as a literal only in lowest terms with q ≥ 2 (rat would otherwise change the digits)
const isNumerator = (e: Expr): e is Num => e.kind === 'num' && e.d === 1n && e.n >= 1n;
const isDenominator = (e: Expr): e is Num => e.kind === 'num' && e.d === 1n && e.n >= 2n;

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
