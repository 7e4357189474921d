// Naming the parts of one expression, as the notes do before differentiating it: in
// BCE(σ(wx + b), ŷ) they write u = wx + b, s = σ(u), L = BCE(s, ŷ) and derive each factor, so no
// line repeats σ(wx + b). A part is a compound argument of a function call, or a compound
// sub-expression that occurs more than once, that depends on a variable differentiated by. The
// one-expression input then becomes a small program for the chain machinery (chain.ts).
import { sym } from '../ast/build.js';
import { structuralHash } from '../ast/hash.js';
import type { Definition, Expr } from '../ast/nodes.js';
import { splitName } from '../ast/names.js';
import { children, equal, freeSymbols, size, withChildren } from '../ast/traverse.js';
import { getFunction } from '../functions/index.js';

export interface NamedParts {
  /** the parts, innermost first, then the target (the whole expression in the parts' names) */
  readonly definitions: readonly Definition[];
  readonly target: string;
}

/** An expression this large (nodes) counts as long even with a single part. */
export const LONG_EXPRESSION = 40;

/** Letters each family of parts may take, in order of preference (the notes: u = wx + b, s = σ(u)). */
const FAMILIES = {
  inner: ['u', 'v', 'q', 'r'],
  sigmoid: ['s', 'p', 'h'],
  call: ['a', 'g', 'k', 'm'],
} as const;
type Family = keyof typeof FAMILIES;
/** Never a part's name: constants and letters a reader takes for something else. */
const RESERVED = new Set(['e', 'i', 'd', 'o', 'l', 'O', 'I']);

const isLeaf = (e: Expr) => e.kind === 'num' || e.kind === 'sym' || e.kind === 'const';
/** −x, 2x: not worth a name of its own. */
const trivial = (e: Expr): boolean =>
  isLeaf(e) || (e.kind === 'neg' && isLeaf(e.arg)) || (e.kind === 'mul' && e.factors.length === 2 && e.factors.some((f) => f.kind === 'num') && e.factors.every(isLeaf));

/**
 * The named parts of `e` for differentiating by `wrt`, or undefined when naming would not help:
 * fewer than two parts, unless the one part repeats or the expression is long. `taken`: every
 * name the user's input uses or declares (symbols and functions); no part's name shares a base
 * letter with any of them.
 */
export function nameParts(e: Expr, wrt: readonly string[], taken: ReadonlySet<string>, targetName?: string): NamedParts | undefined {
  const ws = new Set(wrt);
  const depends = new Map<Expr, boolean>();
  const dependsOn = (x: Expr): boolean => {
    let r = depends.get(x);
    if (r === undefined) {
      r = x.kind === 'sym' ? ws.has(x.name) : children(x).some(dependsOn);
      depends.set(x, r);
    }
    return r;
  };
  const hashes = new Map<Expr, number>();
  const hash = (x: Expr): number => {
    let h = hashes.get(x);
    if (h === undefined) {
      h = hashOf(x);
      for (const k of children(x)) h = (Math.imul(h, 31) + hash(k)) | 0;
      hashes.set(x, h);
    }
    return h;
  };
  // the compound sub-expressions, outside in; a repeat is counted and not entered again, so the
  // pieces of a repeated part do not count as repeated themselves (buckets by a structural hash,
  // so a long expression is not compared pairwise)
  const entries: Entry[] = [];
  const buckets = new Map<number, Entry[]>();
  const visit = (x: Expr, isArg: boolean, inCall: boolean): void => {
    if (x !== e && !trivial(x) && dependsOn(x)) {
      const h = hash(x);
      const bucket = buckets.get(h) ?? [];
      const seen = bucket.find((f) => equal(f.expr, x));
      if (seen) {
        seen.count++;
        seen.isArg ||= isArg;
        return;
      }
      // a call of a compound argument, itself inside a call's argument: a layer of a network
      const composite = inCall && x.kind === 'call' && x.args.some((a) => !isLeaf(a) && dependsOn(a));
      const entry = { expr: x, count: 1, isArg, composite };
      bucket.push(entry);
      buckets.set(h, bucket);
      entries.push(entry);
    }
    for (const k of children(x)) visit(k, x.kind === 'call', inCall || x.kind === 'call');
  };
  visit(e, false, false);
  // parts: compound arguments of calls, calls of compound arguments, repeats; innermost first
  const candidates = entries.filter((c) => c.isArg || c.composite || (c.count > 1 && size(c.expr) >= 3)).sort((a, b) => size(a.expr) - size(b.expr));
  // keep a part unless it is a plain expression in ONE other part (1 − s, s²): that reads better inline
  const kept: { expr: Expr; family: Family; count: number; placeholder: string }[] = [];
  const placeholders = new NameIndex();
  for (const c of candidates) {
    const family: Family = c.expr.kind === 'call' ? (c.expr.fn === 'sigmoid' ? 'sigmoid' : 'call') : 'inner';
    const body = inNames(c.expr, placeholders, true);
    const free = freeSymbols(body);
    if (family === 'inner' && free.length === 1 && free[0]!.startsWith(PLACEHOLDER)) continue;
    const placeholder = `${PLACEHOLDER}${kept.length}`;
    kept.push({ expr: c.expr, family, count: c.count, placeholder });
    placeholders.add(c.expr, placeholder);
  }
  const worth = kept.length >= 2 || (kept.length === 1 && (kept[0]!.count > 1 || size(e) >= LONG_EXPRESSION));
  if (!worth) return undefined;

  const bases = new Set([...taken].map((t) => splitName(t).base));
  const names = new Map<Family, string[]>();
  for (const fam of Object.keys(FAMILIES) as Family[]) {
    const members = kept.filter((f) => f.family === fam).length;
    if (members === 0) continue;
    const letter = pickLetter(FAMILIES[fam], bases);
    bases.add(letter);
    names.set(fam, members === 1 ? [letter] : Array.from({ length: members }, (_, i) => `${letter}_${i + 1}`));
  }
  const defs: Definition[] = [];
  const named = new NameIndex();
  const next = new Map<Family, number>();
  for (const f of kept) {
    const i = next.get(f.family) ?? 0;
    next.set(f.family, i + 1);
    const name = names.get(f.family)![i]!;
    defs.push({ name, expr: inNames(f.expr, named, true) });
    named.add(f.expr, name);
  }
  const target = targetName ?? pickTarget(e, bases);
  defs.push({ name: target, expr: inNames(e, named, true) });
  return { definitions: defs, target };
}

interface Entry {
  readonly expr: Expr;
  count: number;
  isArg: boolean;
  readonly composite: boolean;
}
/** Not a name the parser can produce: stands for a part while deciding which parts to keep. */
const PLACEHOLDER = '#part';

/** Named parts by structural hash (src/ast/hash.ts), so writing a tree in the parts' names
 * compares a node only with the parts that may equal it: comparing every node with every part
 * was cubic in the nesting of σ(σ(…σ(x)…)) (each comparison descends until the trees differ). */
class NameIndex {
  private readonly byHash = new Map<number, { expr: Expr; name: string }[]>();
  add(expr: Expr, name: string): void {
    const h = structuralHash(expr);
    const list = this.byHash.get(h) ?? [];
    list.push({ expr, name });
    this.byHash.set(h, list);
  }
  find(x: Expr): string | undefined {
    return this.byHash.get(structuralHash(x))?.find((n) => equal(n.expr, x))?.name;
  }
}

/** `x` with every sub-expression equal to a named part written as its name (not `x` itself
 * when `top`: a part is defined by what it is made of). */
function inNames(x: Expr, named: NameIndex, top = false): Expr {
  if (!top) {
    const n = named.find(x);
    if (n !== undefined) return sym(n);
  }
  const kids = children(x);
  return kids.length ? withChildren(x, kids.map((k) => inNames(k, named))) : x;
}

function pickLetter(prefs: readonly string[], bases: ReadonlySet<string>): string {
  for (const l of prefs) if (!bases.has(l)) return l;
  for (const l of 'uvqrstpghkmnabcjfz') if (!bases.has(l) && !RESERVED.has(l)) return l;
  for (const l of 'ABCDEFGHJKLMNPQRSTUVWXYZ') if (!bases.has(l) && !RESERVED.has(l)) return l;
  throw new Error('internal: no free letter for a part');
}

/** L for a loss, else f (the notes' names for what is differentiated). */
function pickTarget(e: Expr, bases: ReadonlySet<string>): string {
  const loss = e.kind === 'call' && getFunction(e.fn).loss !== undefined;
  return pickLetter(loss ? ['L', 'J', 'E'] : ['f', 'F', 'y'], bases);
}

/** A node's own contribution to its structural hash (its kind and its label). */
function hashOf(x: Expr): number {
  const label = x.kind === 'sym' || x.kind === 'const' ? x.name : x.kind === 'call' ? x.fn : x.kind === 'num' ? `${x.n}/${x.d}` : x.kind === 'diff' ? x.wrt : '';
  let h = x.kind.length * 7919;
  for (const ch of x.kind + ':' + label) h = (Math.imul(h, 33) + ch.charCodeAt(0)) | 0;
  return h;
}

/** Every name `e` uses: its symbols and the functions it calls (for `taken`). */
export function namesIn(e: Expr): string[] {
  const out = new Set(freeSymbols(e));
  const walk = (x: Expr): void => {
    if (x.kind === 'call') out.add(x.fn);
    children(x).forEach(walk);
  };
  walk(e);
  return [...out];
}
