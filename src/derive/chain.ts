// Differentiating through named definitions, as the notes do: reverse-mode differentiation done
// symbolically. Given `z = wx + b; y = σ(z); L = BCE(y, ŷ)`, every local gradient (∂y/∂z) is its
// own derivation in the intermediate names — its result written back in those names (σ(z) → y)
// — and the upstream gradients (adjoints) ∂L/∂v are built from the target down, each ONCE:
// ∂L/∂u = Σ over the definitions v that use u of ∂L/∂v · ∂v/∂u. A factor shared by several
// gradients (G4's ∂L/∂z²) is derived once and reused, so the cost grows linearly with the number
// of definitions, where substituting everything first grows the expressions without bound.
// An upstream gradient past NAMED_FACTOR_SIZE enters the next ones as a named factor, the symbol
// ∂L/∂v (docs/architecture.md, "Named upstream factors"), so each adjoint stays O(1) in size.
import { add, int, mul, sym } from '../ast/build.js';
import { printedLeaves, structuralHash } from '../ast/hash.js';
import { factorName, joinName, splitName, unifyIndexed } from '../ast/names.js';
import type { Definition, Expr } from '../ast/nodes.js';
import { children, equal, freeSymbols, substituteSymbols, withChildren } from '../ast/traverse.js';
import { ChainruleError } from '../errors.js';
import { simplifyAt } from '../simplify/simplify.js';
import { Recorder } from '../trace/recorder.js';
import type { Derivation } from '../trace/types.js';
import { derive, writtenOutSigmoid } from './derive.js';
import { wholeVectors } from './wrt.js';

export interface LocalGradient {
  /** ∂of/∂wrt */
  readonly of: string;
  readonly wrt: string;
  readonly derivation: Derivation;
  /** in intermediate names */
  readonly result: Expr;
}

export interface Adjoint {
  /** ∂target/∂name */
  readonly name: string;
  /** the terms ∂target/∂v · ∂v/∂name, one per definition v that uses name */
  readonly via: readonly string[];
  readonly derivation: Derivation;
  readonly result: Expr;
}

export interface ChainDerivation {
  readonly target: string;
  readonly wrt: readonly string[];
  /** the chains of the notes, e.g. ∂L/∂w = ∂L/∂y · ∂y/∂z · ∂z/∂w, as name paths [L, y, z, w] */
  readonly paths: Readonly<Record<string, readonly (readonly string[])[]>>;
  readonly locals: readonly LocalGradient[];
  /** in the order computed: from the target down */
  readonly adjoints: readonly Adjoint[];
  /** ∂target/∂wrt for each wrt, in intermediate names (and named factors) */
  readonly gradients: Readonly<Record<string, Expr>>;
  /** the named upstream factors used, in the order made: the symbol's name (`∂L/∂z_2`, see
   * src/ast/names.ts factorName) → that adjoint's result, which may hold earlier named factors.
   * Absent when none was needed (every upstream gradient small enough to write out). */
  readonly factors?: Readonly<Record<string, Expr>>;
}

/** An upstream gradient whose plain text is longer than this (src/ast/hash.ts printedLeaves)
 * enters the gradients below it as a named factor ∂L/∂v instead of written out: G4's ∂L/∂z₁ =
 * (a₂ − y)W₂a₁(1 − a₁) (15) stays written out, a network's ∂L/∂z₁ four layers down is named. */
export const NAMED_FACTOR_SIZE = 32;

/** Most chains listed per variable (the count can grow exponentially in a dense graph). */
const MAX_PATHS = 32;

/** Write definitions back by name: any sub-expression equal to a definition's right side
 * (other than a bare symbol) becomes that name — σ(z) → y when y = σ(z). */
export function rename(e: Expr, defs: readonly Definition[]): Expr {
  // by structural hash: each node is compared only with the definitions that may equal it (every
  // node against every definition was quadratic in the number of definitions)
  const byHash = new Map<number, Definition[]>();
  for (const d of defs) {
    if (d.expr.kind === 'sym') continue;
    const h = structuralHash(d.expr);
    byHash.set(h, [...(byHash.get(h) ?? []), d]);
  }
  const go = (x: Expr): Expr => {
    const d = byHash.get(structuralHash(x))?.find((c) => equal(x, c.expr));
    if (d) return sym(d.name);
    const kids = children(x);
    return kids.length ? withChildren(x, kids.map(go)) : x;
  };
  return go(e);
}

/** The definitions, plus y = σ(z) beside each y = 1/(1 + e^(−z)): its local gradients are
 * derived through σ, so σ(z) in them is written back as y. */
function withSigmoidNames(defs: readonly Definition[]): Definition[] {
  const out = [...defs];
  for (const d of defs) {
    const s = writtenOutSigmoid(d.expr);
    if (s) out.push({ ...d, expr: s });
  }
  return out;
}

export interface ChainOptions {
  /** name an upstream gradient that prints longer than this (NAMED_FACTOR_SIZE is the engine's
   * choice, deriveProgram passes it); absent: never, every upstream gradient is written out (the
   * gradients are then in the definitions' names only, as before named factors existed) */
  readonly namedFactors?: number;
}

export function deriveChain(defs: readonly Definition[], wrt: readonly string[], target?: string, opts: ChainOptions = {}): ChainDerivation {
  if (defs.length === 0) throw new ChainruleError('BAD_REQUEST', 'Differentiating through definitions needs at least one definition.');
  const byName = new Map(defs.map((d) => [d.name, d]));
  const tgt = target ?? defs[defs.length - 1]!.name;
  if (!byName.has(tgt)) throw new ChainruleError('UNBOUND_VARIABLE', `${tgt} is not defined.`);
  for (const w of wrt) if (byName.has(w)) throw new ChainruleError('BAD_REQUEST', `${w} is defined; differentiate with respect to an input, not a defined name.`);
  const order = defs.map((d) => d.name);
  const index = new Map(order.map((n, i) => [n, i]));
  // an indexed name (a_i under Σ_i), or a whole vector (a in CE(softmax(a), t), and in softmax(a_2):
  // checkWrt lets a component through only for those), stands for the component asked for too (a_1): the definition
  // is differentiated by a_1 (Σ_{i=1}^{3} a_i² by a_1 is 2a₁; a_i alone reached no variable: 0)
  const wholeOf = (w: string): string => {
    const p = splitName(w);
    return p.sub ? joinName({ base: p.base, ...(p.accent ? { accent: p.accent } : {}) }) : '';
  };
  const components = (e: Expr): string[] => {
    const names = freeSymbols(e);
    const extra = wrt.filter((w) => !names.includes(w) && (names.some((n) => n !== w && !byName.has(n) && unifyIndexed(n, w) !== null) || (wholeOf(w) !== '' && wholeVectors([e]).has(wholeOf(w)))));
    return extra.length ? [...names, ...extra] : names;
  };
  const deps = new Map(defs.map((d) => [d.name, components(d.expr)]));

  // which names depend (through the definitions) on some wrt variable
  const reaches = new Map<string, boolean>();
  const wrtSet = new Set(wrt);
  const reach = (n: string): boolean => {
    if (wrtSet.has(n)) return true;
    if (reaches.has(n)) return reaches.get(n)!;
    const r = (deps.get(n) ?? []).some(reach);
    reaches.set(n, r);
    return r;
  };
  for (const n of order) reach(n);

  const locals: LocalGradient[] = [];
  const adjoints: Adjoint[] = [];
  const adjoint = new Map<string, Expr>([[tgt, int(1)]]);
  const contributions = new Map<string, { via: string; term: Expr }[]>();
  const factors: Record<string, Expr> = {};
  // the upstream gradient of v as it enters the terms below: written out, or its named factor
  const upstreamOf = (v: string, up: Expr): Expr => {
    if (v === tgt || opts.namedFactors === undefined || printedLeaves(up) <= opts.namedFactors) return up;
    const name = factorName(tgt, v);
    factors[name] = up;
    return sym(name);
  };

  for (let i = index.get(tgt)!; i >= 0; i--) {
    const v = order[i]!;
    if (v !== tgt) {
      const parts = contributions.get(v);
      if (!parts) continue; // v does not feed the target
      adjoint.set(v, settle(v, parts, adjoints));
    }
    const up = upstreamOf(v, adjoint.get(v)!);
    for (const u of deps.get(v)!) {
      if (!reach(u)) continue;
      const d = derive(byName.get(v)!.expr, u, { recogniseSigmoid: true });
      const local = rename(d.result, withSigmoidNames(defs.slice(0, i + 1)));
      locals.push({ of: v, wrt: u, derivation: d, result: local });
      const term = isOne(up) ? local : isOne(local) ? up : mul(up, local);
      const list = contributions.get(u) ?? [];
      list.push({ via: v, term });
      contributions.set(u, list);
    }
  }
  const gradients: Record<string, Expr> = {};
  for (const w of wrt) {
    const parts = contributions.get(w);
    gradients[w] = parts ? settle(w, parts, adjoints) : int(0);
  }
  const paths: Record<string, string[][]> = {};
  for (const w of wrt) paths[w] = chainsTo(tgt, w, deps, reach);
  return { target: tgt, wrt, paths, locals, adjoints, gradients, ...(Object.keys(factors).length ? { factors } : {}) };
}

/** `e` with every named upstream factor written out (in intermediate names), shared: each
 * factor's value is built once, so the result is a DAG linear in the chain's size. */
export function expandFactors(e: Expr, c: ChainDerivation): Expr {
  if (!c.factors) return e;
  let map = expandedFactors.get(c);
  if (!map) {
    const m = new Map<string, Expr>();
    for (const [name, value] of Object.entries(c.factors)) m.set(name, substituteSymbols(value, m));
    expandedFactors.set(c, (map = m));
  }
  return substituteSymbols(e, map);
}
const expandedFactors = new WeakMap<ChainDerivation, ReadonlyMap<string, Expr>>();

const isOne = (e: Expr) => e.kind === 'num' && e.n === 1n && e.d === 1n;

/** ∂target/∂name = Σ terms, simplified with steps; recorded as an adjoint. */
function settle(name: string, parts: readonly { via: string; term: Expr }[], out: Adjoint[]): Expr {
  const sum = parts.length === 1 ? parts[0]!.term : add(...parts.map((p) => p.term));
  const rec = new Recorder(sum);
  simplifyAt(rec, []);
  const derivation: Derivation = { input: sum, start: sum, steps: rec.steps, result: rec.current };
  out.push({ name, via: parts.map((p) => p.via), derivation, result: rec.current });
  return rec.current;
}

function chainsTo(from: string, to: string, deps: ReadonlyMap<string, readonly string[]>, reach: (n: string) => boolean): string[][] {
  const out: string[][] = [];
  const walk = (n: string, path: string[]) => {
    if (out.length >= MAX_PATHS) return;
    if (n === to) {
      out.push(path);
      return;
    }
    for (const u of deps.get(n) ?? []) if (reach(u) && (u === to || deps.has(u))) walk(u, [...path, u]);
  };
  walk(from, [from]);
  return out;
}

/** The gradient with every definition substituted (for "on request, in the inputs"). */
export function substitute(e: Expr, defs: readonly Definition[]): Expr {
  return substituteSymbols(e, resolvedDefinitions(defs));
}

const resolved = new WeakMap<readonly Definition[], ReadonlyMap<string, Expr>>();

/** Each name → its definition with the EARLIER definitions substituted, built once per list in
 * one pass (each definition's own nodes only), so substituting is one walk of `e`; substituting
 * the definitions one at a time from the last walked the growing tree n times (quadratic in the
 * depth of a network). The same trees: a later name used before its definition stays a name. */
function resolvedDefinitions(defs: readonly Definition[]): ReadonlyMap<string, Expr> {
  let map = resolved.get(defs);
  if (!map) {
    const m = new Map<string, Expr>();
    for (const d of defs) m.set(d.name, substituteSymbols(d.expr, m));
    resolved.set(defs, (map = m));
  }
  return map;
}
