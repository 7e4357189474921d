// Checks of steps that hold a sum over an index or a Kronecker δ (docs/architecture.md, "Indexed
// scalars"): a symbolic bound (K) and free indices (j, u) have no value, so the step is checked
// once per instantiation — K = 3 with every assignment of the free indices to 1…3 (so j = u and
// j ≠ u are both met), and K = 4 with all indices different and all equal — each instantiated
// pair of trees (sums expanded, t_j renamed t_2) checked as a plain scalar step. The verdict is the
// first refutation (its point names K and the indices), else the first unverifiable, else verified.
import { boundSymbols, componentDefinition, freeIndexLetters, instantiate } from '../ast/indices.js';
import type { Definition, Expr } from '../ast/nodes.js';
import { add, diff, int, sub, sym } from '../ast/build.js';
import { children, freeSymbols, substituteSymbols, withChildren } from '../ast/traverse.js';
import { lookupFunction } from '../functions/index.js';
import { CLASSES } from '../functions/indexed.js';
import { evaluatorFor, hasDiff, variablesOf, type Evaluator } from '../numeric/index.js';
/** The parts of equivalent.ts's CheckOptions and Verdict this module reads (declared here, so the
 * two modules do not import each other). */
interface CheckOptions {
  readonly domain?: readonly Expr[];
  readonly premises?: readonly Expr[];
}
type Verdict =
  | { readonly status: 'verified'; readonly points: number; readonly maxRelError: number; readonly oneSided: number }
  | { readonly status: 'refuted'; readonly point: Readonly<Record<string, number>>; readonly left: number; readonly right: number }
  | { readonly status: 'unverifiable'; readonly reason: string; readonly points: number; readonly point?: Readonly<Record<string, number>> };

/** Instantiations tried, at most this many per size K (3 free indices at K = 3 would be 27). */
const MAX_PER_K = 9;

/** The names differentiated by (d/dy_j …) in `e`: their index letters are free indices too. */
function wrtNames(e: Expr, out: string[] = []): string[] {
  if (e.kind === 'diff') out.push(e.wrt);
  for (const k of children(e)) wrtNames(k, out);
  return out;
}

/** Every assignment of `letters` to 1…k, in lexicographic order. */
function assignments(letters: readonly string[], k: number): Record<string, number>[] {
  let out: Record<string, number>[] = [{}];
  for (const l of letters) out = out.flatMap((a) => Array.from({ length: k }, (_, v) => ({ ...a, [l]: v + 1 })));
  return out;
}

/** The instantiations a step with these dimensions and free indices is checked at. */
export function instantiations(dims: readonly string[], letters: readonly string[]): Record<string, number>[] {
  const withDims = (k: number) => Object.fromEntries(dims.map((d) => [d, k]));
  const three = assignments(letters, 3).slice(0, MAX_PER_K).map((a) => ({ ...withDims(3), ...a }));
  if (dims.length === 0) return three;
  const distinct = Object.fromEntries(letters.map((l, i) => [l, Math.min(i + 1, 4)]));
  const equal = Object.fromEntries(letters.map((l) => [l, 4]));
  const four = letters.length ? [distinct, equal] : [{}];
  return [...three, ...four.map((a) => ({ ...withDims(4), ...a }))];
}

/** Does `e` call softmax, CE or logsumexp (functions valued through their definition)? */
export function hasIndexedCall(e: Expr): boolean {
  if (e.kind === 'call' && lookupFunction(e.fn)?.indexed) return true;
  return children(e).some(hasIndexedCall);
}

const indexedMemo = new WeakMap<Expr, boolean>();

/** hasIndexed(e) || hasIndexedCall(e) — a sum, a δ or an indexed function anywhere — cached per
 * node: every step check asks it of both sides and the domain, which share nearly all nodes. */
export function needsInstances(e: Expr): boolean {
  if (e.kind === 'sym' || e.kind === 'num' || e.kind === 'const') return false; // no memo for leaves
  let r = indexedMemo.get(e);
  if (r === undefined) {
    r = e.kind === 'sum' || (e.kind === 'call' && (e.fn === 'kronecker' || !!lookupFunction(e.fn)?.indexed)) || children(e).some(needsInstances);
    indexedMemo.set(e, r);
  }
  return r;
}

/** Every call of an indexed function replaced by its definition (innermost first). */
export function expandIndexedCalls(e: Expr): Expr {
  // outside in: CE(softmax(a), t) is defined through softmax(a_k), which softmax's definition takes
  if (e.kind === 'call') {
    const spec = lookupFunction(e.fn);
    if (spec?.indexed && spec.definition) return expandIndexedCalls(spec.definition(e.args));
  }
  const kids = children(e);
  return kids.length ? withChildren(e, kids.map(expandIndexedCalls)) : e;
}

/** For each instantiated premise t_1 + … + t_K = 1: t_K ↦ 1 − (t_1 + … + t_{K−1}). */
function premiseSubstitution(premises: readonly Expr[]): Map<string, Expr> {
  const by = new Map<string, Expr>();
  for (const p of premises) {
    const terms = p.kind === 'add' ? p.terms : [p];
    if (!terms.every((t) => t.kind === 'sym')) continue;
    const last = terms[terms.length - 1] as { name: string };
    const rest = terms.slice(0, -1);
    by.set(last.name, rest.length === 0 ? int(1) : sub(int(1), rest.length === 1 ? rest[0]! : add(...rest)));
  }
  return by;
}

export function checkIndexed<O extends CheckOptions, V extends Verdict>(
  a: Expr, b: Expr, opts: O, check: (a: Expr, b: Expr, opts: O) => V,
): V {
  a = expandIndexedCalls(a);
  b = expandIndexedCalls(b);
  const domain = (opts.domain ?? []).map(expandIndexedCalls);
  const all = [a, b, ...domain];
  const dims = [...new Set(all.flatMap(boundSymbols))].sort();
  const letters = [...new Set(all.flatMap((e) => freeIndexLetters(e, wrtNames(e))))].sort();
  return overInstances(instantiations(dims, letters), (values) => {
    const onPremise = premiseSubstitution((opts.premises ?? []).map((p) => instantiate(p, values)));
    const inst = (e: Expr) => substituteSymbols(instantiate(e, values), onPremise);
    return check(inst(a), inst(b), { ...opts, domain: domain.map(inst) });
  });
}

/** The verdict over instantiations: the first refutation (its point naming the instance: K, j, u),
 * else the first unverifiable, else verified with the points counted over all of them. */
function overInstances<V extends Verdict>(all: Iterable<Record<string, number>>, run: (values: Record<string, number>) => V): V {
  let points = 0;
  let maxRelError = 0;
  let oneSided = 0;
  let unverifiable: V | undefined;
  for (const values of all) {
    const v = run(values);
    if (v.status === 'refuted') return Object.freeze({ ...v, point: Object.freeze({ ...values, ...v.point }) }) as V;
    if (v.status === 'unverifiable') unverifiable ??= v;
    else {
      points += v.points;
      maxRelError = Math.max(maxRelError, v.maxRelError);
      oneSided += v.oneSided;
    }
  }
  return unverifiable ?? (Object.freeze({ status: 'verified', points, maxRelError, oneSided }) as V);
}

// ─── Checks of steps written in the names of definitions by index ─────────────────────────────
// Deck 004's network is derived in its names (y_u, h_i, s_1). A step is checked with every name
// given its defined value: the inputs are sampled, each name is computed from its definition
// (instantiated: s_1 = σ(w_11 x_1 + w_12 x_2)), and both sides are evaluated at the inputs and
// those values. ∂N/∂v of a defined name N is the slide's meaning: with v an input, the total
// derivative (N written out in the inputs); with v a name, the local one (N's right side, the
// other names held at their values).

/** The definitions option of a check (trace/types.ts Derivation.definitions). */
export interface DefinitionsOption {
  readonly list: readonly Definition[];
  readonly classes?: number;
}

/** The comparison a check makes, given by check/equivalent.ts (compareOn with its tolerance). */
export type Compare<V> = (exprs: readonly Expr[], vars: readonly string[], left: Evaluator, right: Evaluator, numericDerivative: boolean, domain: readonly Expr[]) => V;

export function checkWithDefinitions<O extends CheckOptions, V extends Verdict>(a: Expr, b: Expr, opts: O, defs: DefinitionsOption, compare: Compare<V>): V {
  const K = defs.classes;
  const prepare = (e: Expr) => {
    const x = expandIndexedCalls(e);
    return K === undefined ? x : substituteSymbols(x, new Map([[CLASSES, int(K)]]));
  };
  a = prepare(a);
  b = prepare(b);
  const domain = (opts.domain ?? []).map(prepare);
  const all = [a, b, ...domain];
  // the class count K of the definitions' own sums too (y_j = softmax(a_j) is e^{a_j}/Σ_{k=1}^{K} e^{a_k}):
  // a step written in the names holds no sum, and K was left without a value (UNEVALUATED)
  const defDims = K === undefined ? defs.list.flatMap((d) => boundSymbols(expandIndexedCalls(d.expr))) : [];
  const dims = [...new Set([...all.flatMap(boundSymbols), ...defDims])].sort();
  // a diff variable inside a sum (∂y_u/∂h_i under Σ_i Σ_u) is bound by it: read it in place
  const letters = [...new Set(all.flatMap((e) => freeIndexLetters(withoutDiffs(e))))].sort();
  return overInstances(dims.length ? instantiations(dims, letters) : patterns(letters, K ?? 3), (values) => {
    const onPremise = premiseSubstitution((opts.premises ?? []).map((p) => instantiate(p, values)));
    const inst = (e: Expr) => substituteSymbols(instantiate(e, values), onPremise);
    const scope = new NameScope(defs.list, (e) => substituteSymbols(instantiate(prepare(e), values), onPremise));
    const [A, B] = [scope.resolveDiffs(inst(a)), scope.resolveDiffs(inst(b))];
    const D = domain.map((e) => scope.flat(inst(e)));
    const names = scope.namesIn([A, B]);
    const flats = names.map((n) => scope.flatName(n));
    const vars = variablesOf([...flats, ...D, ...[A, B].map((e) => scope.flat(withoutDiffs(e)))]).filter((v) => !scope.defines(v));
    const extended = [...vars, ...names];
    const nameValues = flats.map((f) => evaluatorFor(f, vars));
    const lift = (f: Evaluator): Evaluator => {
      const buf = new Float64Array(extended.length);
      return (v) => {
        for (let i = 0; i < vars.length; i++) buf[i] = v[i]!;
        for (let k = 0; k < nameValues.length; k++) buf[vars.length + k] = nameValues[k]!(v);
        return f(buf);
      };
    };
    return compare([...D, ...flats], vars, lift(evaluatorFor(A, extended)), lift(evaluatorFor(B, extended)), hasDiff(A) || hasDiff(B), D);
  });
}

/** With the class count fixed, one assignment of the free indices per pattern of equalities
 * among them (i = u, i ≠ u: what a δ can tell apart), counted from 1, and the same mirrored
 * from k (so the last class is met too): 2 assignments for one letter, 4 for two, where every
 * assignment would be k^letters. */
export function patterns(letters: readonly string[], k: number): Record<string, number>[] {
  let rgs: number[][] = [[]];
  for (let n = 0; n < letters.length; n++)
    rgs = rgs.flatMap((r) => Array.from({ length: Math.min(Math.max(0, ...r) + 1, k) }, (_, v) => [...r, v + 1]));
  const out = new Map<string, Record<string, number>>();
  for (const r of rgs)
    for (const vs of [r, r.map((v) => k + 1 - v)]) {
      const a = Object.fromEntries(letters.map((l, i) => [l, vs[i]!]));
      out.set(JSON.stringify(a), a);
    }
  return [...out.values()];
}

/** A diff node's argument as the variables of a tree (the names it holds count as used). */
function withoutDiffs(e: Expr): Expr {
  if (e.kind === 'diff') return add(e.arg, sym(e.wrt));
  const kids = children(e);
  return kids.length ? withChildren(e, kids.map(withoutDiffs)) : e;
}

/** The defined components of one instantiation: their right sides and their values written out
 * in the inputs (memoised per name). */
class NameScope {
  private readonly flatMemo = new Map<string, Expr>();
  private readonly bodyMemo = new Map<string, Expr | null>();
  constructor(
    private readonly defs: readonly Definition[],
    private readonly prepare: (e: Expr) => Expr,
  ) {}

  /** The right side of component `n` prepared for numbers (softmax expanded, K and indices
   * instantiated, sums expanded, the premise substituted), or undefined for an input. */
  body(n: string): Expr | undefined {
    if (!this.bodyMemo.has(n)) {
      const b = componentDefinition(n, this.defs);
      this.bodyMemo.set(n, b ? this.prepare(b) : null);
    }
    return this.bodyMemo.get(n) ?? undefined;
  }
  defines(n: string): boolean {
    return this.body(n) !== undefined;
  }
  flatName(n: string): Expr {
    let f = this.flatMemo.get(n);
    if (!f) {
      this.flatMemo.set(n, sym(n)); // a cycle leaves the name (program checks reject cycles)
      f = this.flat(this.body(n)!);
      this.flatMemo.set(n, f);
    }
    return f;
  }
  /** `e` with every defined name written out in the inputs. */
  flat(e: Expr): Expr {
    const by = new Map<string, Expr>();
    for (const n of freeSymbols(e)) if (this.defines(n)) by.set(n, this.flatName(n));
    return by.size ? substituteSymbols(e, by) : e;
  }
  /** ∂N/∂v of a defined name: the total derivative (N written out) when v is an input, the local
   * one (N's right side, in the names) when v is a name. */
  resolveDiffs(e: Expr): Expr {
    if (e.kind === 'diff' && e.arg.kind === 'sym' && this.defines(e.arg.name)) {
      return diff(this.defines(e.wrt) ? this.body(e.arg.name)! : this.flatName(e.arg.name), e.wrt);
    }
    const kids = children(e);
    return kids.length ? withChildren(e, kids.map((k) => this.resolveDiffs(k))) : e;
  }
  /** The defined names used in `es` (diff variables included), sorted. */
  namesIn(es: readonly Expr[]): string[] {
    const out = new Set<string>();
    for (const e of es) for (const n of freeSymbols(withoutDiffs(e))) if (this.defines(n)) out.add(n);
    return [...out].sort();
  }
}
