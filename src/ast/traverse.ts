// Generic traversal: children of a node, rebuilding with new children (returning the SAME node
// when no child changed, as TypeScript's node factory does), structural equality, size and depth.
// Depth-sensitive walks here are iterative so that deep (but admitted) trees cannot overflow.
import { checkBudget } from './budget.js';
import { childNodes, symbolNames } from './hash.js';
import type { Expr, Sum } from './nodes.js';
import { indexLetters, renameInName } from './names.js';
import { add, call, diff, div, mul, neg, pow, rat, sum, sym } from './build.js';

export function children(e: Expr): readonly Expr[] {
  // every walk of a tree passes here: the request's deadline is checked (cheaply, see budget.ts)
  checkBudget();
  return childNodes(e);
}

/** Whether `pred` holds at some node of the trees, each distinct node visited once (a DAG's shared
 * sub-trees once), depth-first from the last root; stops at the first node where it holds. */
export function someNode(roots: readonly Expr[], pred: (e: Expr) => boolean): boolean {
  const seen = new Set<Expr>();
  const stack = [...roots];
  while (stack.length) {
    const e = stack.pop()!;
    if (seen.has(e)) continue;
    seen.add(e);
    if (pred(e)) return true;
    stack.push(...children(e));
  }
  return false;
}

/** Visit each distinct node of the trees once, in someNode's order. */
export function forEachNode(roots: readonly Expr[], f: (e: Expr) => void): void {
  someNode(roots, (e) => {
    f(e);
    return false;
  });
}

/** Rebuild `e` with `kids` in place of its children; returns `e` itself when nothing changed. */
export function withChildren(e: Expr, kids: readonly Expr[]): Expr {
  const old = children(e);
  if (old.length === kids.length && old.every((k, i) => k === kids[i])) return e;
  switch (e.kind) {
    case 'num':
    case 'sym':
    case 'const':
      return e;
    case 'add':
      return add(...kids);
    case 'mul':
      return mul(...kids);
    case 'neg':
      return neg(kids[0]!);
    case 'div':
      return div(kids[0]!, kids[1]!);
    case 'pow':
      return pow(kids[0]!, kids[1]!);
    case 'call':
      return call(e.fn, ...kids);
    case 'diff':
      return diff(kids[0]!, e.wrt);
    case 'sum':
      return kids.length === 3 ? sum(e.index, kids[0]!, kids[1]!, kids[2]!) : sum(e.index, null, null, kids[0]!);
  }
}

/** Bottom-up map: `f` sees each node after its children were mapped. */
export function mapBottomUp(e: Expr, f: (node: Expr) => Expr): Expr {
  const kids = children(e);
  const mapped = kids.length ? withChildren(e, kids.map((k) => mapBottomUp(k, f))) : e;
  return f(mapped);
}

/** Structural equality (positions are not part of nodes, so they are ignored); a sum's bound
 * index may be renamed (Σ_i x_i equals Σ_j x_j). */
export function equal(a: Expr, b: Expr): boolean {
  return same(a, b, false);
}

/** Structural equality with a sum's bound index compared by its name too: Σ_i and Σ_j differ
 * (steps remembered for one would print the other's index: src/simplify/replay.ts). */
export function identical(a: Expr, b: Expr): boolean {
  return same(a, b, true);
}

function same(a: Expr, b: Expr, strictIndex: boolean): boolean {
  if (a === b) return true;
  checkBudget();
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'num':
      return a.n === (b as typeof a).n && a.d === (b as typeof a).d;
    case 'sym':
    case 'const':
      return a.name === (b as typeof a).name;
    case 'call':
      if (a.fn !== (b as typeof a).fn) return false;
      break;
    case 'diff':
      if (a.wrt !== (b as typeof a).wrt) return false;
      break;
    case 'sum': {
      // equal up to renaming of the bound index
      const s = b as typeof a;
      if (a.index !== s.index) return strictIndex ? false : alphaEqualSums(a, s);
      if ((a.lo === null) !== (s.lo === null)) return false;
    }
  }
  const ka = children(a);
  const kb = children(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) if (!same(ka[i]!, kb[i]!, strictIndex)) return false;
  return true;
}

/** Two sums with different bound letters: equal when the bounds are and the bodies are once
 * both bound letters are renamed to one letter used in neither. */
function alphaEqualSums(a: Sum, b: Sum): boolean {
  if ((a.lo === null) !== (b.lo === null)) return false;
  if (a.lo && b.lo && !(equal(a.lo, b.lo) && equal(a.hi!, b.hi!))) return false;
  const fresh = freshIndex([a.body, b.body]);
  return equal(renameIndex(a.body, a.index, fresh), renameIndex(b.body, b.index, fresh));
}

/** Letters that may name a fresh index, in the order tried. */
const FRESH = 'klmnpqrsvwabcdefgh';

/** A lower-case letter that occurs in none of `es` (as a symbol or an index slot). */
export function freshIndex(es: readonly Expr[], avoid: readonly string[] = []): string {
  const used = new Set(avoid);
  for (const e of es) for (const n of freeSymbols(e)) for (const l of indexLetters(n)) used.add(l);
  const stack = [...es];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.kind === 'sum') used.add(x.index);
    stack.push(...children(x));
  }
  for (const c of FRESH) if (!used.has(c)) return c;
  throw new Error('freshIndex: every candidate letter is in use');
}

/** Rename the index letter `from` to the letter (or digits) `to` throughout `e`: the symbol
 * itself and the index slots of indexed names (t_i → t_j). Capture-avoiding: an inner sum binding
 * `from` shadows it (left alone); an inner sum binding `to` is renamed to a fresh letter first. */
export function renameIndex(e: Expr, from: string, to: string): Expr {
  if (from === to) return e;
  const go = (x: Expr): Expr => {
    if (x.kind === 'sym') {
      if (x.name === from) return /^[0-9]+$/.test(to) ? rat(BigInt(to)) : sym(to);
      const r = renameInName(x.name, from, to);
      return r === x.name ? x : sym(r);
    }
    if (x.kind === 'sum') {
      const lo = x.lo ? go(x.lo) : null;
      const hi = x.hi ? go(x.hi) : null;
      if (x.index === from) return sum(x.index, lo, hi, x.body);
      if (x.index === to) {
        const f = freshIndex([x.body], [from, to]);
        return sum(f, lo, hi, go(renameIndex(x.body, x.index, f)));
      }
      return sum(x.index, lo, hi, go(x.body));
    }
    if (x.kind === 'diff') return diff(go(x.arg), renameInName(x.wrt, from, to));
    const kids = children(x);
    return kids.length ? withChildren(x, kids.map(go)) : x;
  };
  return go(e);
}

/** Number of nodes. *//** Number of nodes. */
export function size(e: Expr): number {
  let n = 0;
  const stack: Expr[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    n++;
    for (const k of children(x)) stack.push(k);
  }
  return n;
}

/** Leaf count as mathjs's `leafCount` measures it: numbers, symbols and constants. */
export function leafCount(e: Expr): number {
  let n = 0;
  const stack: Expr[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    const kids = children(x);
    if (kids.length === 0) n++;
    else for (const k of kids) stack.push(k);
  }
  return n;
}

/** Height of the tree (a leaf has depth 1), computed without recursion. */
export function depth(e: Expr): number {
  let max = 0;
  const stack: Array<[Expr, number]> = [[e, 1]];
  while (stack.length) {
    const [x, d] = stack.pop()!;
    if (d > max) max = d;
    for (const k of children(x)) stack.push([k, d + 1]);
  }
  return max;
}

/** The free symbol names of `e`, sorted (a fresh array). Cached per node (src/ast/hash.ts), so a
 * tree that shares sub-expressions costs its DAG size once, and a rewritten tree only its new nodes. */
export function freeSymbols(e: Expr): string[] {
  checkBudget();
  return [...symbolNames(e)];
}

/** Bottom-up map with a memo: `f` sees each distinct node once (return undefined to keep the
 * node and map its children). Shared sub-expressions stay shared in the result. */
export function mapDag(e: Expr, f: (node: Expr) => Expr | undefined, memo = new Map<Expr, Expr>()): Expr {
  const go = (x: Expr): Expr => {
    let r = memo.get(x);
    if (r) return r;
    r = f(x);
    if (!r) {
      const kids = children(x);
      r = kids.length ? withChildren(x, kids.map(go)) : x;
    }
    memo.set(x, r);
    return r;
  };
  return go(e);
}

/** Replace symbols by name, all at once (a replacement is never itself rewritten). */
export function substituteSymbols(e: Expr, by: ReadonlyMap<string, Expr>): Expr {
  if (by.size === 0) return e;
  return mapDag(e, (x) => (x.kind === 'sym' ? by.get(x.name) ?? x : undefined));
}

/** The sub-expression at `path` (child indices from the root). */
export function nodeAt(root: Expr, path: readonly number[]): Expr {
  let e = root;
  for (const i of path) {
    const k = children(e)[i];
    if (!k) throw new Error(`nodeAt: no child ${i} in a ${e.kind} node`);
    e = k;
  }
  return e;
}

/** `root` with the sub-expression at `path` replaced by `sub` (sharing everything else). */
export function replaceAt(root: Expr, path: readonly number[], sub: Expr): Expr {
  const n = path.length;
  if (n === 0) return sub;
  const spine: Expr[] = [root];
  for (let k = 0; k < n - 1; k++) spine.push(children(spine[k]!)[path[k]!]!);
  let acc = sub;
  for (let k = n - 1; k >= 0; k--) {
    const parent = spine[k]!;
    const kids = children(parent).slice();
    kids[path[k]!] = acc;
    acc = withChildren(parent, kids);
  }
  return acc;
}

/** The first node (pre-order, left to right) that satisfies `pred`, or undefined; iterative, so
 * deep trees are safe (findPath, then nodeAt). */
export function findNode(root: Expr, pred: (e: Expr) => boolean): Expr | undefined {
  const path = findPath(root, pred);
  return path && nodeAt(root, path);
}

/** Path of the first node (pre-order, left to right) satisfying `pred`, or undefined. One path
 * array is grown and shrunk along the walk (no array per node: derivations call this once a
 * step on trees of thousands of nodes). */
export function findPath(root: Expr, pred: (e: Expr) => boolean): number[] | undefined {
  const path: number[] = [];
  const nodes: Expr[] = [root];
  if (pred(root)) return [];
  // iterative pre-order: path[k] is the index of the child taken at depth k
  for (;;) {
    const top = nodes[nodes.length - 1]!;
    const kids = children(top);
    // descend into the first child, else move to the next sibling up the spine
    if (kids.length > 0) {
      path.push(0);
      nodes.push(kids[0]!);
    } else {
      for (;;) {
        if (path.length === 0) return undefined;
        nodes.pop();
        const i = path.pop()! + 1;
        const siblings = children(nodes[nodes.length - 1]!);
        if (i < siblings.length) {
          path.push(i);
          nodes.push(siblings[i]!);
          break;
        }
      }
    }
    if (pred(nodes[nodes.length - 1]!)) return [...path];
  }
}
