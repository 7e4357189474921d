// Differentiating through definitions by index, as deck 004 writes its network (issue 12):
// `s_i = σ(Σ_k w_ik x_k); h_j = σ(Σ_i v_ji s_i); y_j = softmax(h_j); L = −Σ_j t_j log y_j`,
// ∂L/∂w_11 as ONE derivation in the slide's order: the chain rule over the components (a sum over
// every component that depends on the variable), each local gradient of a component derived from
// its definition and written back in the names, each sum collapsed once its δ appears (CE's
// premise Σ t = 1 as a named step), the common factors moved into the sum.
import { add, diff, int, mul, sum, sym } from '../ast/build.js';
import { componentDefinition, isFamily } from '../ast/indices.js';
import { indexLetters, renameInName, splitName, unifyIndexed } from '../ast/names.js';
import type { Definition, Expr } from '../ast/nodes.js';
import { children, equal, findPath, freeSymbols, withChildren } from '../ast/traverse.js';
import { ChainruleError } from '../errors.js';
import { lookupFunction } from '../functions/index.js';
import { CLASSES } from '../functions/indexed.js';
import { dependsOn } from '../rules/diff.js';
import { INDEXED_CHAIN_STEP, PREMISE_STEP } from '../rules/registry.js';
import { simplifyAt } from '../simplify/simplify.js';
import { Recorder } from '../trace/recorder.js';
import type { Derivation } from '../trace/types.js';
import { derive } from './derive.js';

/** Does a program define components by index (a definition named s_i)? Then it goes here. */
export function hasFamilies(defs: readonly Definition[]): boolean {
  return defs.some(isFamily);
}

type Use = { readonly kind: 'none' } | { readonly kind: 'one'; readonly member: string } | { readonly kind: 'all'; readonly letter: string };

/** Letters tried for the index of a sum over components, in order (the slide's Σ_i, then Σ_u). */
const LETTERS = 'iulmnpqrabcdefgh';

/** Which components of `d` depend on `x`: none, one (w_11 is used only by s_1, its index fixed by
 * x), or all (s_1 appears in every h_j through the sum Σ_i v_ji s_i; softmax(h_j) depends on
 * every h_i). */
function useOf(d: Definition, x: string): Use {
  if (!dependsOn(d.expr, x)) return { kind: 'none' };
  const letters = indexLetters(d.name);
  if (letters.length === 0) return { kind: 'one', member: d.name };
  if (letters.length > 1) throw new ChainruleError('UNSUPPORTED_INDEX', `${d.name} is defined with ${letters.length} index letters; a definition by index takes one (s_i = …).`);
  const p = letters[0]!;
  const xBase = splitName(x);
  let value: string | undefined;
  let all = false;
  const go = (e: Expr, bound: ReadonlySet<string>): void => {
    if (all) return;
    if (e.kind === 'call' && lookupFunction(e.fn)?.indexed && freeSymbols(e).some((n) => splitName(n).base === xBase.base)) {
      all = true; // softmax, CE, logsumexp: every component depends on every input component
      return;
    }
    if (e.kind === 'sym') {
      const pairs = e.name === x ? [] : unifyIndexed(e.name, x);
      if (!pairs) return;
      const own = pairs.filter(([a]) => a === p);
      if (own.length === 0 || pairs.some(([a]) => a !== p && !bound.has(a))) all = true;
      for (const [, b] of own) {
        if (value !== undefined && value !== b) all = true;
        value = b;
      }
      return;
    }
    if (e.kind === 'sum') {
      go(e.body, new Set([...bound, e.index]));
      return;
    }
    for (const k of children(e)) go(k, bound);
  };
  go(d.expr, new Set());
  if (all || value === undefined) return { kind: 'all', letter: p };
  return { kind: 'one', member: renameInName(d.name, p, value) };
}

/** The character of `n`'s subscript in the slot where `pattern` (h_j) has the letter `p`, when
 * `n` is a component of the same vector (h_i → i, h_2 → 2), else undefined. */
function slotOf(pattern: string, p: string, n: string): string | undefined {
  const a = splitName(pattern);
  const b = splitName(n);
  if (a.base !== b.base || a.accent !== b.accent || !a.sub || !b.sub || a.sub.length !== b.sub.length) return undefined;
  return b.sub[a.sub.indexOf(p)];
}

/** The number of components of a family: the upper bound of a sum that runs over them
 * (Σ_{i=1}^{3} v_ji s_i), else that of a family using them component by component (h_j in
 * y_j = softmax(h_j) has as many as y), else K. */
function sizeOf(f: Definition, defs: readonly Definition[], seen: ReadonlySet<string> = new Set()): Expr {
  const p = indexLetters(f.name)[0]!;
  const usesAt = (e: Expr, letter: string): boolean => freeSymbols(e).some((n) => slotOf(f.name, p, n) === letter);
  let found: Expr | undefined;
  const walk = (e: Expr): void => {
    if (found) return;
    if (e.kind === 'sum' && e.hi && e.lo && e.lo.kind === 'num' && e.lo.n === 1n && usesAt(e.body, e.index)) {
      found = e.hi;
      return;
    }
    for (const k of children(e)) walk(k);
  };
  for (const d of defs) walk(d.expr);
  if (found) return found;
  for (const g of defs) {
    const q = indexLetters(g.name);
    if (g === f || q.length !== 1 || seen.has(g.name)) continue;
    if (usesAt(g.expr, q[0]!)) return sizeOf(g, defs, new Set([...seen, f.name]));
  }
  return sym(CLASSES);
}

/** The premise Σ_k t_k = 1 of the cross-entropy the target is (CE(y, t), or −Σ_j t_j log y_j
 * written out), with the sum's bounds; undefined when the target is not a cross-entropy. */
function premiseOf(defs: readonly Definition[]): Expr | undefined {
  for (const d of defs) {
    const e = d.expr;
    if (e.kind === 'call' && e.fn === 'CE' && e.args[1]!.kind === 'sym') return sum('k', int(1), sym(CLASSES), sym(`${e.args[1]!.name}_k`));
    const s = e.kind === 'neg' ? e.arg : undefined;
    if (s?.kind !== 'sum' || s.body.kind !== 'mul' || s.body.factors.length !== 2) continue;
    const [t, l] = s.body.factors as [Expr, Expr];
    if (t.kind === 'sym' && indexLetters(t.name).join('') === s.index && l.kind === 'call' && l.fn === 'log') {
      return sum('k', s.lo, s.hi, sym(renameInName(t.name, s.index, 'k')));
    }
  }
  return undefined;
}

/** The class count the checks give softmax and CE's K: the size of the family a softmax defines,
 * when it is a number (3 for deck 004's network); undefined leaves K symbolic (3 and 4). */
function classesOf(defs: readonly Definition[]): number | undefined {
  for (const d of defs) {
    if (!isFamily(d) || d.expr.kind !== 'call' || d.expr.fn !== 'softmax') continue;
    const n = sizeOf(d, defs);
    if (n.kind === 'num' && n.d === 1n) return Number(n.n);
  }
  return undefined;
}

/** Write a local gradient back in the names: a sub-expression equal to the right side of some
 * component (σ(Σ_k v_ik s_k) → h_i, softmax(h_u) → y_u) becomes that component's name. */
function writeInNames(e: Expr, defs: readonly Definition[]): Expr {
  const values = new Set<string>();
  for (const n of freeSymbols(e)) for (const c of splitName(n).sub ?? '') values.add(c);
  const instances: Array<[string, Expr]> = [];
  for (const d of defs) {
    const ls = indexLetters(d.name);
    if (ls.length !== 1) continue;
    for (const v of values) {
      const name = renameInName(d.name, ls[0]!, v);
      const body = componentDefinition(name, defs);
      if (body && body.kind !== 'sym') instances.push([name, body]);
    }
  }
  const go = (x: Expr): Expr => {
    for (const [name, body] of instances) if (equal(x, body)) return sym(name);
    const kids = children(x);
    return kids.length ? withChildren(x, kids.map(go)) : x;
  };
  return go(e);
}

const times = (a: Expr, b: Expr): Expr => (a.kind === 'num' && a.n === 1n && a.d === 1n ? b : mul(a, b));

/** ∂target/∂x as the chain rule over the components: diff nodes of names (∂y_u/∂h_i), summed over
 * every component that depends on x. */
function chainOver(defs: readonly Definition[], target: string, x: string, avoid: readonly string[], depth = 0): Expr {
  if (x === target) return int(1);
  if (depth > defs.length) throw new ChainruleError('BAD_REQUEST', 'The definitions by index refer to each other in a cycle.');
  const terms: Expr[] = [];
  for (const d of defs) {
    if (d.name === x) continue;
    const u = useOf(d, x);
    if (u.kind === 'none') continue;
    if (u.kind === 'one') {
      terms.push(times(chainOver(defs, target, u.member, [...avoid, ...indexLetters(u.member)], depth + 1), diff(sym(u.member), x)));
      continue;
    }
    const taken = new Set([...avoid, ...indexLetters(x)]);
    const q = [...LETTERS].find((c) => !taken.has(c))!;
    const member = renameInName(d.name, u.letter, q);
    terms.push(sum(q, int(1), sizeOf(d, defs), times(chainOver(defs, target, member, [...avoid, q], depth + 1), diff(sym(member), x))));
  }
  return terms.length === 0 ? int(0) : terms.length === 1 ? terms[0]! : add(...terms);
}

/** The path of the first diff node (pre-order). */
const firstDiff = (e: Expr) => findPath(e, (x) => x.kind === 'diff');

/** The path of a sum with no derivative left inside that still holds a δ: ready to collapse. */
function collapsible(e: Expr): number[] | undefined {
  const has = (x: Expr, p: (y: Expr) => boolean) => findPath(x, p) !== undefined;
  return findPath(e, (x) => x.kind === 'sum' && !has(x, (y) => y.kind === 'diff') && has(x, (y) => y.kind === 'call' && y.fn === 'kronecker'));
}

/** Factors of a product, nested products flattened. */
const factorsOf = (e: Expr): Expr[] => (e.kind === 'mul' ? e.factors.flatMap(factorsOf) : [e]);

/** (Σ_i a_i)·c → Σ_i a_i·c, the factors flattened: the slide's one sum over the components. */
function intoSum(e: Expr): Expr | undefined {
  if (e.kind !== 'mul') return undefined;
  const sums = e.factors.filter((f) => f.kind === 'sum');
  if (sums.length !== 1) return undefined;
  const s = sums[0]! as Expr & { kind: 'sum' };
  const rest = e.factors.filter((f) => f !== s);
  if (rest.some((f) => freeSymbols(f).some((n) => indexLetters(n).includes(s.index)))) return undefined;
  return sum(s.index, s.lo, s.hi, mul(...factorsOf(s.body), ...rest.flatMap(factorsOf)));
}

/** ∂target/∂wrt through definitions by index, step by step (docs/architecture.md, "Definitions
 * by index"). The derivation carries the definitions, so checks give every name its value. */
export function deriveIndexed(defs: readonly Definition[], wrt: string, target: string): Derivation {
  const input = sym(target);
  const rec = new Recorder(diff(input, wrt));
  const C = INDEXED_CHAIN_STEP;
  const chain = chainOver(defs, target, wrt, indexLetters(wrt));
  rec.rewrite([], chain, { rule: C.indexed.id, label: C.indexed.label, bindings: { x: sym(wrt) } });
  const premise = premiseOf(defs);
  const premises: Expr[] = [];
  const classes = classesOf(defs);
  for (let path = firstDiff(rec.current); path; path = firstDiff(rec.current)) {
    const node = rec.at(path) as Expr & { kind: 'diff' };
    const name = node.arg.kind === 'sym' ? node.arg.name : '';
    const body = componentDefinition(name, defs);
    if (!body) throw new ChainruleError('INTERNAL', `no definition of ${name}`);
    // the local derivation is this step's proof, checked on its own with the network's class
    // count (σ′'s own proof from the definition is not repeated inside each local)
    const derived = derive(body, node.wrt, { recogniseSigmoid: true, proofs: false });
    const local = classes === undefined ? derived : { ...derived, definitions: { list: [], classes } };
    // a local that used CE's premise (Σ_k t_k = 1, z_j = 2a_j; L = CE(softmax(z), t)) makes the
    // steps after it hold only under it: they are checked under it
    for (const q of derived.premises ?? []) if (!premises.some((x) => equal(x, q))) premises.push(q);
    const after = writeInNames(local.result, defs);
    rec.rewrite(path, after, { rule: C.component.id, label: C.component.label, bindings: { v: node.arg, u: sym(node.wrt) }, proof: local });
    for (let s = collapsible(rec.current); s; s = collapsible(rec.current)) {
      const at = s;
      const grouped = rec.group(at, { rule: C.collapse.id, label: C.collapse.label }, () => {
        simplifyAt(rec, at);
        const p = premise && findPath(rec.at(at), (y) => y.kind === 'sum' && equal(y, premise));
        if (p && premise) {
          rec.rewrite([...at, ...p], int(1), { rule: PREMISE_STEP.premise.id, label: PREMISE_STEP.premise.label, bindings: {}, conditions: [premise] });
          if (!premises.some((x) => equal(x, premise))) premises.push(premise);
          simplifyAt(rec, at);
        }
      });
      if (!grouped) break;
    }
  }
  const flat = intoSum(rec.current);
  if (flat) rec.rewrite([], flat, { rule: C.intoSum.id, label: C.intoSum.label });
  else simplifyAt(rec, []);
  return {
    input, wrt, start: diff(input, wrt), steps: rec.steps, result: rec.current,
    ...(premises.length ? { premises } : {}),
    definitions: { list: defs, ...(classes !== undefined ? { classes } : {}) },
  };
}
