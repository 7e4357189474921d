// Atoms: the subtrees that rational arithmetic treats as opaque variables — symbols, constants,
// calls, and powers whose exponent is not an integer constant (x^(1/2), 2^x). An atom is known by
// atomKey, a canonical string of its subtree: equal subtrees (src/ast/traverse.ts `equal`) give
// equal keys and vice versa (names are JSON-quoted, so the encoding is injective). Inner
// arguments are keyed as they stand; simplifying them first is the caller's job.
// Invariant: an AtomTable numbers atoms 0, 1, 2, … in order of first interning, never renumbers.
import { canonicalSum } from '../ast/indices.js';
import type { Expr } from '../ast/nodes.js';

export function atomKey(e: Expr): string {
  switch (e.kind) {
    case 'num':
      return e.d === 1n ? `${e.n}` : `${e.n}/${e.d}`;
    case 'sym':
      return quoted(e.name);
    case 'const':
      return `#${e.name}`;
    case 'add':
      return `(+${keys(e.terms)})`;
    case 'mul':
      return `(*${keys(e.factors)})`;
    case 'neg':
      return `(- ${atomKey(e.arg)})`;
    case 'div':
      return `(/ ${atomKey(e.num)} ${atomKey(e.den)})`;
    case 'pow':
      return `(^ ${atomKey(e.base)} ${atomKey(e.exp)})`;
    case 'call':
      return `(${quoted(e.fn)}${keys(e.args)})`;
    case 'diff':
      return `(d/d${quoted(e.wrt)} ${atomKey(e.arg)})`;
    case 'sum': {
      // keyed by its canonical form: sums equal up to renaming of the bound index are one atom
      const c = canonicalSum(e);
      return `(Σ ${c.index} ${c.lo ? atomKey(c.lo) : '_'} ${c.hi ? atomKey(c.hi) : '_'} ${atomKey(c.body)})`;
    }
  }
}

/** ' k1 k2 …' (each key after a space): a loop, not map + join, since every key passes here. */
function keys(es: readonly Expr[]): string {
  if (es.length === 0) return ' '; // as `(+ ${[].join(' ')})` wrote an empty list
  let out = '';
  for (let i = 0; i < es.length; i++) out += ` ${atomKey(es[i]!)}`;
  return out;
}

/** JSON.stringify of a name, remembered: the few names of a request recur in every key. */
const QUOTED = new Map<string, string>();
function quoted(name: string): string {
  let q = QUOTED.get(name);
  if (q === undefined) {
    q = JSON.stringify(name);
    if (QUOTED.size > 10_000) QUOTED.clear();
    QUOTED.set(name, q);
  }
  return q;
}

/** Keys ↔ indices ↔ expressions. Index order = order of first appearance (the printing order). */
export class AtomTable {
  private readonly byKey = new Map<string, number>();
  private readonly list: Expr[] = [];
  private readonly keyList: string[] = [];

  /** The index of `e`, adding it if new. */
  intern(e: Expr): number {
    const key = atomKey(e);
    let i = this.byKey.get(key);
    if (i === undefined) {
      i = this.list.length;
      this.byKey.set(key, i);
      this.list.push(e);
      this.keyList.push(key);
    }
    return i;
  }
  /** The index of an atom already present, else undefined. */
  lookup(e: Expr): number | undefined {
    return this.byKey.get(atomKey(e));
  }
  /** The index of an atom key already present, else undefined. */
  indexOfKey(key: string): number | undefined {
    return this.byKey.get(key);
  }
  expr(i: number): Expr {
    const e = this.list[i];
    if (!e) throw new RangeError(`AtomTable: no atom ${i}`);
    return e;
  }
  key(i: number): string {
    return this.keyList[i] ?? '';
  }
  get size(): number {
    return this.list.length;
  }
}
