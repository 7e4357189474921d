// Structural facts about a tree, computed once per node and cached by node identity (a WeakMap:
// it holds nothing alive): a 32-bit structural hash, names, printed size ("contains a d/dv
// node" is a field each node carries from its constructor, build.ts). Trees are
// immutable DAGs that share sub-trees (σ(z) twice in σ(z)(1 − σ(z))), so a walk that does not
// remember what it has seen is exponential in nesting; these are linear in the DAG's size.
import type { Expr } from './nodes.js';

const hashes = new WeakMap<Expr, number>();
const symbols = new WeakMap<Expr, readonly string[]>();
const variables = new WeakMap<Expr, readonly string[]>();
const NONE: readonly string[] = Object.freeze([]);
const leaves = new WeakMap<Expr, number>();

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the characters of `s`, continuing from `h`. */
function mixString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/** One 32-bit word into the running hash (FNV-1a on its four bytes). */
function mixWord(h: number, w: number): number {
  h = Math.imul(h ^ (w & 0xff), FNV_PRIME);
  h = Math.imul(h ^ ((w >>> 8) & 0xff), FNV_PRIME);
  h = Math.imul(h ^ ((w >>> 16) & 0xff), FNV_PRIME);
  return Math.imul(h ^ (w >>> 24), FNV_PRIME);
}

/** murmur3's finaliser: every input bit affects every output bit (children's order matters). */
function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The children of a node, in order: the ONE definition of a node's children (traverse.children
 * adds the budget checkpoint to it). Exhaustive over the node kinds, so a new kind cannot be
 * missed by the cached facts here. Pure: this module stays a leaf. */
export function childNodes(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'num':
    case 'sym':
    case 'const':
      return [];
    case 'add':
      return e.terms;
    case 'mul':
      return e.factors;
    case 'neg':
    case 'diff':
      return [e.arg];
    case 'div':
      return [e.num, e.den];
    case 'pow':
      return [e.base, e.exp];
    case 'call':
      return e.args;
    case 'sum':
      return e.lo && e.hi ? [e.lo, e.hi, e.body] : [e.body];
  }
}

function own(e: Expr): number {
  let h = mixString(FNV_OFFSET, e.kind);
  switch (e.kind) {
    case 'num':
      return mixString(mixString(h, e.n.toString()), `/${e.d}`);
    case 'sym':
    case 'const':
      return mixString(h ^ 0x2f, e.name);
    case 'call':
      h = mixString(h ^ 0x28, e.fn);
      break;
    case 'diff':
      h = mixString(h ^ 0x64, e.wrt);
      break;
    case 'sum':
      // the bound index is part of the structure (equality up to its renaming is traverse.equal's)
      h = mixString(h ^ 0x53, e.index);
      break;
  }
  return h;
}

/** Post-order over the nodes of `e` not yet in `memo`, iterative (deep trees are admitted). Two
 * parallel stacks rather than a [node, flag] pair per entry, and a leaf computed at once: this is
 * the walk behind every cached fact (containsDiff alone was ~6 % of a small derivation). */
function fill<T>(e: Expr, memo: WeakMap<Expr, T> | Map<Expr, T>, compute: (node: Expr, kids: readonly Expr[]) => T): T {
  const known = memo.get(e);
  if (known !== undefined) return known;
  const nodes: Expr[] = [e];
  const expanded: boolean[] = [false];
  while (nodes.length) {
    const x = nodes.pop()!;
    const done = expanded.pop()!;
    if (memo.has(x)) continue;
    const kids = childNodes(x);
    if (done || kids.length === 0) {
      memo.set(x, compute(x, kids));
      continue;
    }
    nodes.push(x);
    expanded.push(true);
    for (const k of kids) {
      if (memo.has(k)) continue;
      nodes.push(k);
      expanded.push(false);
    }
  }
  return memo.get(e)!;
}

/**
 * A 32-bit hash of the tree's structure (kinds, names, numbers, children in order): equal trees
 * have equal hashes whatever their sharing. Cached per node, so hashing every step of a
 * derivation costs only the nodes that step created.
 */
export function structuralHash(e: Expr): number {
  return fill(e, hashes, (x, kids) => {
    let h = own(x);
    h = mixWord(h, kids.length);
    for (const k of kids) h = mixWord(h, hashes.get(k)!);
    return avalanche(h);
  });
}

/** The hash of a list of trees, in order. */
export function structuralHashAll(es: readonly Expr[]): number {
  let h = mixWord(FNV_OFFSET, es.length);
  for (const e of es) h = mixWord(h, structuralHash(e));
  return avalanche(h);
}

/** Does the tree contain a d/dv node? A fact each node carries from its constructor (build.ts). */
export function containsDiff(e: Expr): boolean {
  return e.hasDiff;
}

/** The sorted union of sorted name lists, reusing an input list when it already holds them all
 * (most nodes have the same names as one of their children: no new array). */
export function unionOf(lists: ReadonlyArray<readonly string[]>): readonly string[] {
  let widest = NONE;
  for (const l of lists) if (l.length > widest.length) widest = l;
  // a Set only when some name is not in the widest list (lists are short: includes is cheap)
  let all: Set<string> | undefined;
  for (const l of lists) if (l !== widest) for (const n of l) if (!(all ? all.has(n) : widest.includes(n))) (all ??= new Set(widest)).add(n);
  return all ? Object.freeze([...all].sort()) : widest;
}

/** The free symbol names of `e`, sorted; cached per node (shared, frozen: copy to change it). */
export function symbolNames(e: Expr): readonly string[] {
  return fill(e, symbols, (x, kids) => (x.kind === 'sym' ? Object.freeze([x.name]) : kids.length ? unionOf(kids.map((k) => symbols.get(k)!)) : NONE));
}

/** The names a numeric check of `e` must sample: its free symbols and every d/dv's v (d/dx(y²)
 * still needs x); sorted, cached per node. */
export function variableNames(e: Expr): readonly string[] {
  return fill(e, variables, (x, kids) => {
    if (x.kind === 'sym') return Object.freeze([x.name]);
    const inner = kids.length ? unionOf(kids.map((k) => variables.get(k)!)) : NONE;
    return x.kind === 'diff' ? unionOf([inner, [x.wrt]]) : inner;
  });
}

/**
 * A lower bound on the length of the plain-text form (src/render/text.ts), with shared sub-trees
 * counted at every place they occur: each leaf prints at least one character, a call its name,
 * parentheses and commas, a sum ` + ` or ` - ` between terms, a product, quotient or power one
 * operator. Cached per node, so bounding every step of a derivation costs its new nodes only.
 */
export function printedLeaves(e: Expr): number {
  return printedLeavesIn(e, leaves);
}

/** printedLeaves cached in `memo`: a caller bounding many fresh trees at once (every step of a
 * derivation, src/api/serialize.ts) passes a Map of its own; a WeakMap.set of a fresh node costs
 * several times a Map's. */
export function printedLeavesIn(e: Expr, memo: WeakMap<Expr, number> | Map<Expr, number>): number {
  return fill(e, memo, (x, kids) => {
    let n = kids.reduce((t, k) => t + memo.get(k)!, 0);
    switch (x.kind) {
      case 'call':
        return n + x.fn.length + 2 + 2 * Math.max(0, kids.length - 1);
      case 'add':
        return n + 3 * (kids.length - 1);
      case 'mul':
      case 'div':
      case 'pow':
        return n + kids.length - 1;
      default:
        if (kids.length === 0) n = 1;
        return n;
    }
  });
}
