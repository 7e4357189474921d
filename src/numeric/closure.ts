// The closure evaluator, the fast path for step checks: each node becomes a small JavaScript
// closure over its children's closures, cached per (node identity, variable list). A derivation's
// steps share almost every node with the step before, so checking a step builds closures only for
// the nodes its rewrite created — where compile.ts generates and compiles a whole new function per
// tree (the largest cost of a check, measured: docs/performance.md). Invariants: the value of every
// node is the double compile.ts computes (the same operations in the same order: chains of + and *
// left to right, the same guards for division, powers, domains and NaN-absorbing functions), so a
// verdict does not depend on which evaluator ran (tests compare them bit for bit); a shared
// sub-tree is evaluated once per point (a stamp per evaluation); d/dv nodes read `derivative`.
// Ridders' evaluations of a d/dv argument move one coordinate (varyingEvaluator): the sub-trees
// that do not read it keep their value for the whole tableau (a stamp per tableau).
import type { Expr } from '../ast/nodes.js';
import { childNodes } from '../ast/hash.js';
import { ChainruleError } from '../errors.js';
import { getFunction } from '../functions/index.js';
import { ratToNumber, realPow } from './number.js';
import { absorbsNaN } from './compile.js';
import { readsPoint, recordIfAny, recordOf, variableNames } from './checkFacts.js';

/** A node's value at the point `v`; `ep` identifies one evaluation (the memo of shared nodes);
 * `base` one tableau of Ridders' (varyingEvaluator), 0 outside one. */
type NodeFn = (v: Float64Array, ep: number, base: number) => number;
interface Entry {
  readonly fn: NodeFn;
  readonly height: number;
  /** the value of a number or constant leaf */
  readonly lit: number | undefined;
}

/** Trees taller than this use compile.ts (closures recurse once per level). */
export const MAX_CLOSURE_HEIGHT = 400;

/** A node's entries, one per key (variable list, or a tableau's coordinate over it): a short
 * list, most nodes having one key — no Map per node. */
interface Slot {
  readonly key: string;
  readonly entry: Entry;
  readonly next: Slot | undefined;
}
// the slots live in the node's record (checkFacts.ts): one table per node for every check fact
let epoch = 0;

function inSlots(s: Slot | undefined, key: string): Entry | undefined {
  for (; s; s = s.next) if (s.key === key) return s.entry;
  return undefined;
}

function lookup(x: Expr, key: string): Entry | undefined {
  return inSlots(recordIfAny(x)?.slots as Slot | undefined, key);
}

function remember(x: Expr, key: string, entry: Entry): void {
  const r = recordOf(x);
  r.slots = { key, entry, next: r.slots as Slot | undefined } satisfies Slot;
}

/** A fresh evaluation stamp. A caller that evaluates several trees at ONE point (a step check:
 * the domain, `before` and `after`) passes the same stamp to each, so the nodes they share — all
 * of a step but the sub-tree its rewrite touched — are computed once for that point. The stamp
 * promises that the buffer holds the same values in every evaluation made with it. */
export function newEpoch(): number {
  return ++epoch;
}

/**
 * The evaluator of `e` over `vars` from cached closures, or undefined when `e` is not for this path
 * (a symbolic sum, or taller than MAX_CLOSURE_HEIGHT). `derivative(d)` evaluates a d/dv node.
 * Throws UNBOUND_VARIABLE for a symbol outside `vars`, as compile does.
 */
export function closureEvaluator(
  e: Expr, vars: readonly string[], key: string, derivative: (d: Expr & { kind: 'diff' }) => (v: Float64Array) => number,
): ((v: Float64Array, ep?: number) => number) | undefined {
  const root = entryOf(e, vars, key, derivative, -1);
  if (!root) return undefined;
  const f = root.fn;
  return (v, ep) => f(v, ep ?? ++epoch, 0);
}

/**
 * The evaluator of `e` over `vars` for Ridders' tableau in the coordinate `moving`: called as
 * (v, base) with one fresh `base` (newEpoch) per tableau, during which only v[moving] changes. A
 * maximal sub-tree that does not read vars[moving] is computed once per tableau (its value cannot
 * change there), the rest once per call; every value is the one closureEvaluator gives at that
 * point, bit for bit. Undefined where closureEvaluator is.
 */
export function varyingEvaluator(
  e: Expr, vars: readonly string[], key: string, moving: number, derivative: (d: Expr & { kind: 'diff' }) => (v: Float64Array) => number,
): ((v: Float64Array, base: number) => number) | undefined {
  const root = entryOf(e, vars, key, derivative, moving);
  if (!root) return undefined;
  const f = root.fn;
  return (v, base) => f(v, ++epoch, base);
}

/** The entry of `e`: over `vars` (moving < 0), or for a tableau in the coordinate `moving`. */
function entryOf(
  e: Expr, vars: readonly string[], key: string, derivative: (d: Expr & { kind: 'diff' }) => (v: Float64Array) => number, moving: number,
): Entry | undefined {
  if (moving < 0) return plainEntry(e, vars, key, derivative);
  const name = moving < 0 ? undefined : vars[moving]!;
  const moves = (x: Expr): boolean => name !== undefined && variableNames(x).includes(name);
  // A sub-tree without variables (literals, constants, their sums and calls) does not read the
  // point: one entry whatever the variable list, so long-lived shared nodes (a rule's 1 or 2) do
  // not gather an entry per variable list a server has seen. In a tableau's tree the nodes that
  // read the moving coordinate have entries of their own; the others are `held` (below).
  const movingKey = `${key}\u0001${moving}`;
  const keyOf = (x: Expr): string => (moves(x) ? movingKey : variableNames(x).length ? key : '');
  const get = (x: Expr): Entry | undefined => lookup(x, keyOf(x));
  const known = get(e);
  if (name !== undefined && !moves(e)) return undefined; // d/dv of a constant in v: sampled.ts
  if (known) return known;
  const built = buildPostOrder(e, get, (x, kids) => {
    const kx = keyOf(x);
    if (lookup(x, kx)) return true;
    const entries: Entry[] = [];
    let height = 0;
    const tableau = name !== undefined && kx === movingKey;
    for (const k of kids) {
      const entry = tableau && !moves(k) ? heldEntry(k, vars, key, derivative) : get(k);
      if (!entry) return false;
      entries.push(entry);
      if (entry.height > height) height = entry.height;
    }
    if (++height > MAX_CLOSURE_HEIGHT) return false;
    remember(x, kx, build(x, entries, height, vars, derivative));
    return true;
  });
  if (!built) return undefined;
  return get(e);
}

/** entryOf over `vars` (no moving coordinate): the same walk, the same entries in the same order,
 * with one record read per node and child (the node's key and entries come from one record). */
function plainEntry(
  e: Expr, vars: readonly string[], key: string, derivative: (d: Expr & { kind: 'diff' }) => (v: Float64Array) => number,
): Entry | undefined {
  const get = (x: Expr): Entry | undefined => {
    const r = recordIfAny(x);
    return r && inSlots(r.slots as Slot | undefined, readsPoint(x, r) ? key : '');
  };
  const root = get(e);
  if (root) return root;
  const built = buildPostOrder(e, get, (x, kids) => {
    const r = recordOf(x);
    const kx = readsPoint(x, r) ? key : '';
    if (inSlots(r.slots as Slot | undefined, kx)) return true;
    const entries: Entry[] = [];
    let height = 0;
    for (const k of kids) {
      const entry = get(k);
      if (!entry) return false;
      entries.push(entry);
      if (entry.height > height) height = entry.height;
    }
    if (++height > MAX_CLOSURE_HEIGHT) return false;
    r.slots = { key: kx, entry: build(x, entries, height, vars, derivative), next: r.slots as Slot | undefined } satisfies Slot;
    return true;
  });
  if (!built) return undefined;
  return get(e);
}

/** Iterative post-order over the nodes of `e` without an entry yet (`has`), children first (two
 * parallel stacks: node, expanded?); `make` builds a node's entry from its children's, or gives up
 * (false). A node reached twice before it is built is expanded twice and built once (`make` sees
 * it has an entry). A sum has no closure: false. */
function buildPostOrder(e: Expr, has: (x: Expr) => Entry | undefined, make: (x: Expr, kids: readonly Expr[]) => boolean): boolean {
  const stack: Expr[] = [e];
  const expanded: boolean[] = [false];
  while (stack.length) {
    const x = stack.pop()!;
    const done = expanded.pop()!;
    if (x.kind === 'sum') return false;
    const kids = childNodes(x);
    if (!done) {
      stack.push(x);
      expanded.push(true);
      for (const k of kids) {
        if (has(k)) continue;
        stack.push(k);
        expanded.push(false);
      }
      continue;
    }
    if (!make(x, kids)) return false;
  }
  return true;
}

/** A sub-tree that does not read the moving coordinate, inside a tableau's tree: its ordinary
 * entry evaluated with the tableau's stamp as the evaluation's, so it is computed once per
 * tableau. Sound because only the moving coordinate changes while a stamp is in use (a nested
 * tableau restores its own coordinate before it returns). Leaves are read as they are. */
const heldCache = new WeakMap<Entry, Entry>();
function heldEntry(
  x: Expr, vars: readonly string[], key: string, derivative: (d: Expr & { kind: 'diff' }) => (v: Float64Array) => number,
): Entry | undefined {
  const plain = entryOf(x, vars, key, derivative, -1);
  if (!plain || childNodes(x).length === 0) return plain;
  let h = heldCache.get(plain);
  if (!h) {
    const f = plain.fn;
    heldCache.set(plain, (h = { fn: (v, _ep, base) => f(v, base, base), height: plain.height, lit: undefined }));
  }
  return h;
}

function leaf(value: number): Entry {
  return { fn: () => value, height: 1, lit: value };
}

function build(
  x: Expr, kids: readonly Entry[], height: number, vars: readonly string[], derivative: (d: Expr & { kind: 'diff' }) => (v: Float64Array) => number,
): Entry {
  const node = (fn: NodeFn): Entry => ({ fn, height, lit: undefined });
  const k = kids.map((c) => c.fn);
  switch (x.kind) {
    case 'num':
      return leaf(ratToNumber(x.n, x.d));
    case 'const':
      return leaf(x.name === 'e' ? Math.E : Math.PI);
    case 'sym': {
      const i = vars.indexOf(x.name);
      if (i < 0) throw new ChainruleError('UNBOUND_VARIABLE', `${x.name} is not among the variables (${vars.join(', ')})`);
      return { fn: (v) => v[i]!, height: 1, lit: undefined };
    }
    case 'add':
    case 'mul': {
      const plus = x.kind === 'add';
      if (k.length === 2) return node(plus ? add2(k[0]!, k[1]!) : mul2(k[0]!, k[1]!));
      // left to right, as the generated `r = a + b + c` (and its 32-operand chunks) adds
      return node(plus ? addN(k) : mulN(k));
    }
    case 'neg':
      return node(neg(k[0]!));
    case 'div':
      return node(div(k[0]!, k[1]!));
    case 'pow': {
      const [bl, xl] = [kids[0]!.lit, kids[1]!.lit];
      // compile.ts's `direct` case: Math.pow equals realPow there
      const direct = (xl !== undefined && Number.isInteger(xl) && xl > 0) || (bl !== undefined && bl > 0);
      return node(pow(k[0]!, k[1]!, direct ? Math.pow : realPow));
    }
    case 'call': {
      const spec = getFunction(x.fn);
      if (k.length !== spec.arity) throw new Error(`internal: ${x.fn} called with ${k.length} arguments, needs ${spec.arity}`);
      const [f, dom, guard] = [spec.eval, spec.domain, absorbsNaN(spec)];
      return node(k.length === 1 ? call1(k[0]!, f, dom, guard) : k.length === 2 ? call2(k[0]!, k[1]!, f, dom, guard) : callN(k, f, dom, guard));
    }
    case 'diff':
      return node(diffNode(derivative(x)));
    case 'sum':
      throw new Error('internal: a sum has no closure');
  }
}

// One closure per node, each remembering its value for the evaluation stamp `ep` (a node may have
// many parents): the memo is written into each operation's closure rather than wrapped around it,
// one call per node instead of two. The value is stored before the stamp, so an evaluation that
// ends early leaves no stamp behind.
function add2(a: NodeFn, b: NodeFn): NodeFn {
  let at = -1;
  let val = 0;
  return (v, ep, base) => {
    if (at !== ep) {
      val = a(v, ep, base) + b(v, ep, base);
      at = ep;
    }
    return val;
  };
}

function mul2(a: NodeFn, b: NodeFn): NodeFn {
  let at = -1;
  let val = 0;
  return (v, ep, base) => {
    if (at !== ep) {
      val = a(v, ep, base) * b(v, ep, base);
      at = ep;
    }
    return val;
  };
}

function addN(k: readonly NodeFn[]): NodeFn {
  let at = -1;
  let val = 0;
  return (v, ep, base) => {
    if (at !== ep) {
      let s = k[0]!(v, ep, base);
      for (let j = 1; j < k.length; j++) s += k[j]!(v, ep, base);
      val = s;
      at = ep;
    }
    return val;
  };
}

function mulN(k: readonly NodeFn[]): NodeFn {
  let at = -1;
  let val = 0;
  return (v, ep, base) => {
    if (at !== ep) {
      let s = k[0]!(v, ep, base);
      for (let j = 1; j < k.length; j++) s *= k[j]!(v, ep, base);
      val = s;
      at = ep;
    }
    return val;
  };
}

function neg(a: NodeFn): NodeFn {
  let at = -1;
  let val = 0;
  return (v, ep, base) => {
    if (at !== ep) {
      val = -a(v, ep, base);
      at = ep;
    }
    return val;
  };
}

function div(a: NodeFn, b: NodeFn): NodeFn {
  let at = -1;
  let val = 0;
  return (v, ep, base) => {
    if (at !== ep) {
      const n = a(v, ep, base);
      const d = b(v, ep, base);
      val = d === 0 ? NaN : n / d;
      at = ep;
    }
    return val;
  };
}

function pow(a: NodeFn, b: NodeFn, p: (x: number, y: number) => number): NodeFn {
  let at = -1;
  let val = 0;
  return (v, ep, base) => {
    if (at !== ep) {
      val = p(a(v, ep, base), b(v, ep, base));
      at = ep;
    }
    return val;
  };
}

type Eval = (...x: number[]) => number;
type Dom = ((...x: number[]) => boolean) | undefined;

function call1(a: NodeFn, f: Eval, dom: Dom, guard: boolean): NodeFn {
  let at = -1;
  let val = 0;
  return (v, ep, base) => {
    if (at !== ep) {
      const p = a(v, ep, base);
      val = guard && Number.isNaN(p) ? NaN : dom && !dom(p) ? NaN : f(p);
      at = ep;
    }
    return val;
  };
}

function call2(a: NodeFn, b: NodeFn, f: Eval, dom: Dom, guard: boolean): NodeFn {
  let at = -1;
  let val = 0;
  return (v, ep, base) => {
    if (at !== ep) {
      const p = a(v, ep, base);
      const q = b(v, ep, base);
      val = guard && (Number.isNaN(p) || Number.isNaN(q)) ? NaN : dom && !dom(p, q) ? NaN : f(p, q);
      at = ep;
    }
    return val;
  };
}

function callN(k: readonly NodeFn[], f: Eval, dom: Dom, guard: boolean): NodeFn {
  let at = -1;
  let val = 0;
  return (v, ep, base) => {
    if (at !== ep) {
      const ps = k.map((g) => g(v, ep, base));
      val = guard && ps.some(Number.isNaN) ? NaN : dom && !dom(...ps) ? NaN : f(...ps);
      at = ep;
    }
    return val;
  };
}

function diffNode(d: (v: Float64Array) => number): NodeFn {
  let at = -1;
  let val = 0;
  return (v, ep) => {
    if (at !== ep) {
      val = d(v);
      at = ep;
    }
    return val;
  };
}
