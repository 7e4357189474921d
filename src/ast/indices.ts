// Indexed scalars (docs/architecture.md, "Indexed scalars"): the free index letters of a tree,
// the expansion of a sum with integer bounds into the plain sum of its instances, and the
// instantiation a numeric check needs (K = 3, j = 2: every sum expanded, every index a number).
// Renaming a bound index (capture-avoiding) lives in traverse.ts, beside `equal`, which needs it.
import { add, int, rat, sum as sumNode } from './build.js';
import { indexLetters, renameInName, unifyIndexed } from './names.js';
import type { Definition, Expr, Sum } from './nodes.js';
import { children, freshIndex, mapDag, renameIndex, someNode, substituteSymbols } from './traverse.js';

/** Does `e` hold a sum node or a Kronecker δ (the trees that need index-aware checks)? */
export function hasIndexed(e: Expr): boolean {
  return someNode([e], (x) => x.kind === 'sum' || (x.kind === 'call' && x.fn === 'kronecker'));
}

/** Free index letters (not bound by an enclosing sum): the slots of indexed names, the arguments
 * of δ that are single letters, and the subscript letters of `extraNames` (the derivation's
 * variable, y_j). Sorted. */
export function freeIndexLetters(e: Expr, extraNames: readonly string[] = []): string[] {
  const out = new Set<string>();
  for (const n of extraNames) for (const l of indexLetters(n)) out.add(l);
  withBound(e, new Set(), (x, bound) => {
    if (x.kind === 'sym') for (const l of indexLetters(x.name)) if (!bound.has(l)) out.add(l);
    if (x.kind === 'call' && x.fn === 'kronecker') {
      for (const a of x.args) if (a.kind === 'sym' && /^[a-z]$/.test(a.name) && !bound.has(a.name)) out.add(a.name);
    }
  });
  return [...out].sort();
}

/** Visit every node of `e` with the index letters bound where it stands (a sum binds its index in
 * its body, not in its bounds); `bound` is what encloses `e`. */
function withBound(e: Expr, bound: ReadonlySet<string>, visit: (x: Expr, bound: ReadonlySet<string>) => void): void {
  const go = (x: Expr, b: ReadonlySet<string>): void => {
    visit(x, b);
    if (x.kind === 'sum') {
      if (x.lo) go(x.lo, b);
      if (x.hi) go(x.hi, b);
      go(x.body, new Set([...b, x.index]));
      return;
    }
    for (const k of children(x)) go(k, b);
  };
  go(e, bound);
}

/** Symbols used in sum bounds (K in Σ_{i=1}^{K}): the dimensions a check instantiates. */
export function boundSymbols(e: Expr): string[] {
  const out = new Set<string>();
  const stack = [e];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.kind === 'sum') {
      for (const b of [x.lo, x.hi]) if (b) for (const n of symbolNames(b)) out.add(n);
      if (!x.lo) out.add(ROWS);
    }
    stack.push(...children(x));
  }
  return [...out].sort();
}

function symbolNames(e: Expr): string[] {
  if (e.kind === 'sym') return [e.name];
  return children(e).flatMap(symbolNames);
}

/** An integer-valued bound (1, 3, K − 1 once K = 4), else undefined. */
export function integerValue(e: Expr): bigint | undefined {
  switch (e.kind) {
    case 'num':
      return e.d === 1n ? e.n : undefined;
    case 'neg': {
      const v = integerValue(e.arg);
      return v === undefined ? undefined : -v;
    }
    case 'add': {
      let t = 0n;
      for (const x of e.terms) {
        const v = integerValue(x);
        if (v === undefined) return undefined;
        t += v;
      }
      return t;
    }
    case 'mul': {
      let t = 1n;
      for (const x of e.factors) {
        const v = integerValue(x);
        if (v === undefined) return undefined;
        t *= v;
      }
      return t;
    }
    default:
      return undefined;
  }
}

/** The largest number of terms one expanded sum may have (a bound of 10^9 must not hang). */
export const MAX_EXPANDED_TERMS = 1000;

/** One sum with integer bounds as the plain sum of its instances (0 when empty); undefined when a
 * bound is not an integer (symbolic K, or no bounds at all). */
export function expandSum(s: Sum): Expr | undefined {
  if (!s.lo || !s.hi) return undefined;
  const lo = integerValue(s.lo);
  const hi = integerValue(s.hi);
  if (lo === undefined || hi === undefined) return undefined;
  if (hi - lo + 1n > BigInt(MAX_EXPANDED_TERMS)) return undefined;
  const terms: Expr[] = [];
  for (let k = lo; k <= hi; k++) terms.push(renameIndex(s.body, s.index, k < 0n ? `${k}` : k.toString()));
  return terms.length === 0 ? int(0) : terms.length === 1 ? terms[0]! : add(...terms);
}

/** Every sum with integer bounds expanded, innermost last (an expanded body may hold sums whose
 * bounds became integers). Sums that cannot be expanded stay. */
export function expandSums(e: Expr): Expr {
  return mapDag(e, (x) => {
    if (x.kind !== 'sum') return undefined;
    const ex = expandSum(x);
    return ex ? expandSums(ex) : undefined;
  });
}

/** An instantiation of a tree for a numeric check: dimensions (K) and free index letters (j, u)
 * get integer values; indexed names are renamed (t_j → t_2), bounds become numbers, sums expand,
 * and the names in `names` (a derivation's variable) are renamed the same way. */
export function instantiate(e: Expr, values: Readonly<Record<string, number>>): Expr {
  const dims = new Map<string, Expr>();
  for (const [k, v] of Object.entries(values)) if (!/^[a-z]$/.test(k) && k !== ROWS) dims.set(k, rat(BigInt(v)));
  let out = substituteSymbols(e, dims);
  const rows = values[ROWS];
  if (rows !== undefined) out = withRows(out, int(rows));
  for (const [k, v] of Object.entries(values)) if (/^[a-z]$/.test(k)) out = renameIndex(out, k, String(v));
  return expandSums(out);
}

/** The dimension of a sum written without bounds (`Σ_i` over the data rows, deck 002): a check
 * gives it values as it does K. Not a symbol a user can write. */
export const ROWS = '#rows';

/** Every sum without bounds as the sum from 1 to `n`. */
function withRows(e: Expr, n: Expr): Expr {
  return mapDag(e, (x) => (x.kind === 'sum' && !x.lo ? sumNode(x.index, int(1), n, withRows(x.body, n)) : undefined));
}

/** A name under the same instantiation (y_j with j = 2 → y_2). */
export function instantiateName(name: string, values: Readonly<Record<string, number>>): string {
  let n = name;
  for (const [k, v] of Object.entries(values)) if (/^[a-z]$/.test(k)) n = renameInName(n, k, String(v));
  return n;
}

/** Does `e` still hold a sum (one that could not be expanded)? */
export function hasSum(e: Expr): boolean {
  if (e.kind === 'sum') return true;
  return children(e).some(hasSum);
}

/** `s` with its bound index renamed to the first letter of CANONICAL that no other index of the
 * body uses: alpha-equivalent sums get the same tree (atom keys, form keys). */
const CANONICAL = 'ijklmnpqrsuvw';
export function canonicalSum(s: Sum): Sum {
  const used = new Set<string>();
  withBound(s.body, new Set([s.index]), (x, bound) => {
    if (x.kind !== 'sym') return;
    for (const l of indexLetters(x.name)) if (!bound.has(l)) used.add(l);
    if (/^[a-z]$/.test(x.name) && !bound.has(x.name)) used.add(x.name);
  });
  const letter = [...CANONICAL].find((c) => !used.has(c)) ?? s.index;
  if (letter === s.index) return s;
  const renamed = renameIndex(s, s.index, letter);
  // renameIndex leaves a sum binding `from` alone (shadowing): rename its body directly
  return renamed.kind === 'sum' && renamed.index === s.index ? (sumNode(letter, s.lo, s.hi, renameIndex(s.body, s.index, letter)) as Sum) : (renamed as Sum);
}

// ─── Families of components: definitions by index (s_i = σ(Σ_k w_ik x_k)) ───────────────────
// A definition whose name has an index letter defines one component per value of the letter;
// `componentDefinition` reads the right side of one component (s_1, h_i, y_u) from it.

/** Does this definition define a family of components (its name has an index letter: s_i)? */
export function isFamily(d: Definition): boolean {
  return indexLetters(d.name).length > 0;
}

/** The right side of the component `name` (s_1, h_i, y_u) among `defs`: the definition of that
 * exact name, else the family whose name pattern it fits (h_j for h_i), with the family's letters
 * renamed to the component's subscript (capture-avoiding, through fresh letters so that a swap
 * j ↔ i cannot collide). Undefined when no definition defines it. */
export function componentDefinition(name: string, defs: readonly Definition[]): Expr | undefined {
  for (const d of defs) if (d.name === name) return d.expr;
  for (const d of defs) {
    const letters = indexLetters(d.name);
    if (!letters.length) continue;
    const pairs = unifyIndexed(d.name, name);
    if (!pairs?.every(([a]) => letters.includes(a))) continue;
    let out = d.expr;
    const via: Array<[string, string]> = [];
    for (const [a, b] of pairs) {
      const f = freshIndex([out], [...letters, ...pairs.map(([, v]) => v)]);
      out = renameIndex(out, a, f);
      via.push([f, b]);
    }
    for (const [f, b] of via) out = renameIndex(out, f, b);
    return out;
  }
  return undefined;
}
