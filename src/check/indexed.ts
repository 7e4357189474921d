// Checks of steps that hold a sum over an index or a Kronecker δ (docs/architecture.md, "Indexed
// scalars"): a symbolic bound (K) and free indices (j, u) have no value, so the step is checked
// once per instantiation — K = 3 with every assignment of the free indices to 1…3 (so j = u and
// j ≠ u are both met), and K = 4 with all indices different and all equal — each instantiated
// pair of trees (sums expanded, t_j renamed t_2) checked as a plain scalar step. The verdict is the
// first refutation (its point names K and the indices), else the first unverifiable, else verified.
import { boundSymbols, freeIndexLetters, instantiate } from '../ast/indices.js';
import type { Expr } from '../ast/nodes.js';
import { add, int, sub } from '../ast/build.js';
import { children, substituteSymbols, withChildren } from '../ast/traverse.js';
import { lookupFunction } from '../functions/index.js';
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
  let points = 0;
  let maxRelError = 0;
  let oneSided = 0;
  let unverifiable: V | undefined;
  for (const values of instantiations(dims, letters)) {
    const onPremise = premiseSubstitution((opts.premises ?? []).map((p) => instantiate(p, values)));
    const inst = (e: Expr) => substituteSymbols(instantiate(e, values), onPremise);
    const v = check(inst(a), inst(b), { ...opts, domain: domain.map(inst) });
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


