// Differentiating a program: one expression (first or second derivative, one or several
// variables), or definitions differentiated through their names by the chain rule as the notes
// write it (deriveChain), with each gradient also written back in the inputs and simplified.
// At `textbook` detail, one expression whose parts nest or repeat is differentiated through named
// parts (parts.ts) and substituted back at the end; `full` keeps the rewrite-by-rewrite trace.
// Errors are plain ChainruleErrors; the API tags them with the request field they concern.
import { diff, sym } from '../ast/build.js';
import type { Definition, Expr } from '../ast/nodes.js';
import { children, findPath, freeSymbols, mapDag, withChildren } from '../ast/traverse.js';
import { ChainruleError } from '../errors.js';
import { simplify, simplifyAt } from '../simplify/simplify.js';
import { Recorder } from '../trace/recorder.js';
import type { Derivation } from '../trace/types.js';
import { containsDiff, printedLeaves } from '../ast/hash.js';
import { deriveChain, expandFactors, NAMED_FACTOR_SIZE, substitute, type ChainDerivation } from './chain.js';
import { carryOut, derive, writtenOutSigmoid } from './derive.js';
import { deriveIndexed, hasFamilies } from './indexedChain.js';
import { namesIn, nameParts } from './parts.js';

/** How much of a derivation a request wants: none (the result), textbook (named parts for
 * expressions that nest or repeat), full (every rewrite of the whole expression). */
export type StepsLevel = 'none' | 'textbook' | 'full';

export interface DeriveProgramOptions {
  /** default textbook */
  readonly steps?: StepsLevel;
  /** names the request declares (symbols, functions): no named part takes one */
  readonly names?: readonly string[];
}

const asSigmoid = (d: Definition): Definition => {
  const s = writtenOutSigmoid(d.expr);
  return s ? { ...d, expr: s } : d;
};

export interface Program {
  readonly definitions: readonly Definition[];
  readonly body: Expr | null;
}

/** The inputs of a program: free symbols that no definition defines, sorted. */
export function programInputs(p: Program): string[] {
  const defined = new Set(p.definitions.map((d) => d.name));
  const all = new Set<string>();
  for (const e of [...p.definitions.map((d) => d.expr), ...(p.body ? [p.body] : [])]) for (const s of freeSymbols(e)) if (!defined.has(s)) all.add(s);
  return [...all].sort();
}

/** A name for the body of a program with definitions, clashing with none of its names. */
function freshName(defs: readonly Definition[], inputs: readonly string[]): string {
  const taken = new Set([...defs.map((d) => d.name), ...inputs]);
  for (const n of ['f', 'F', 'g', 'h']) if (!taken.has(n)) return n;
  let i = 1;
  while (taken.has(`f_${i}`)) i++;
  return `f_${i}`;
}

export interface ExpressionResult {
  readonly mode: 'expression';
  /** wrt → the derivative (and, for order 2, the first derivative it started from) */
  readonly results: ReadonlyArray<{ readonly wrt: string; readonly derivation: Derivation; readonly first?: Derivation }>;
}

export interface ChainResult {
  readonly mode: 'chain';
  readonly chain: ChainDerivation;
  /** the program's definitions, the body (if any) named as the target */
  readonly definitions: readonly Definition[];
  readonly target: string;
  /** the target with every definition substituted */
  readonly substitutedTarget: Expr;
  /** wrt → the gradient with the definitions (and named factors) put back in, simplified; for a
   * variable in `keptInNames`, that form unsimplified and shared — for the checks, never printed */
  readonly substituted: ReadonlyArray<readonly [string, Expr]>;
  /** the variables whose gradient written in the inputs would print longer than SUBSTITUTED_CAP:
   * their result stays in the names (of the definitions, or of the parts, listed in `parts`) */
  readonly keptInNames?: readonly string[];
  /** one expression through named parts: the names introduced (the parts, innermost first, then
   * the target) and, per wrt, the derivation from the gradient substituted back to the result */
  readonly parts?: { readonly names: readonly string[]; readonly back: ReadonlyArray<{ readonly wrt: string; readonly derivation: Derivation }> };
}

export type ProgramDerivation = ExpressionResult | ChainResult;

/** A gradient whose form in the inputs would print longer than this (characters, a lower bound:
 * src/ast/hash.ts printedLeaves) is given in the names instead: that form grows with the square of
 * the depth (every σ(z_k) holds the network below it), the form in names linearly. */
export const SUBSTITUTED_CAP = 3000;

const tooLarge = (e: Expr): boolean => printedLeaves(e) > SUBSTITUTED_CAP;

/** Differentiate a program with respect to `wrt` (canonical names; empty: every input). */
export function deriveProgram(p: Program, wrt: readonly string[], order: 1 | 2 = 1, opts: DeriveProgramOptions = {}): ProgramDerivation {
  const inputs = programInputs(p);
  const ws = wrt.length ? wrt : inputs;
  if (ws.length === 0) throw new ChainruleError('BAD_REQUEST', 'The expression has no variable to differentiate with respect to.');
  if (p.definitions.length === 0) {
    const e = p.body!;
    if ((opts.steps ?? 'textbook') !== 'full' && order === 1 && !findPath(e, (x) => x.kind === 'diff')) {
      const named = nameParts(e, ws, new Set([...namesIn(e), ...ws, ...(opts.names ?? [])]));
      if (named) return throughParts(e, named.definitions, named.target, ws);
    }
    return {
      mode: 'expression',
      results: ws.map((w) => {
        const first = derive(e, w);
        return order === 2 ? { wrt: w, derivation: derive(first.result, w), first } : { wrt: w, derivation: first };
      }),
    };
  }
  if (order === 2) throw new ChainruleError('BAD_REQUEST', 'Second derivatives through definitions are not supported; substitute the definitions first.');
  // ONE definition `L = BCE(σ(wx + b), ŷ)` is one expression with its name: named parts as for the
  // expression (u = wx + b, s = σ(u), L = BCE(s, ŷ)), not one local gradient holding everything
  const only = p.definitions.length === 1 && !p.body ? p.definitions[0]! : undefined;
  if (only && (opts.steps ?? 'textbook') !== 'full' && !findPath(only.expr, (x) => x.kind === 'diff') && !ws.includes(only.name)) {
    const named = nameParts(only.expr, ws, new Set([...namesIn(only.expr), ...ws, only.name, ...(opts.names ?? [])]), only.name);
    if (named) return throughParts(only.expr, named.definitions, named.target, ws);
  }
  // chain mode: the body (if any) becomes a definition of its own, the target
  const all = resolveOperators(p.body ? [...p.definitions, { name: freshName(p.definitions, inputs), expr: p.body }] : [...p.definitions]);
  const target = all[all.length - 1]!.name;
  // ∂L/∂z for one defined z (G1's key step, ∂L/∂z = y − ŷ): the gradient at z, z's definition set
  // aside so that z is a variable of the definitions after it, as the notes compute it
  const at = ws.length === 1 && ws[0] !== target ? all.find((d) => d.name === ws[0]) : undefined;
  if (at) return deriveProgram({ definitions: all.filter((d) => d !== at), body: null }, ws, order, opts);
  for (const w of ws) if (all.some((d) => d.name === w)) throw new DefinedWrt(w, inputs);
  // definitions by index (s_i = σ(Σ_k w_ik x_k)): one derivation per variable, in the names
  if (hasFamilies(all)) return { mode: 'expression', results: ws.map((w) => ({ wrt: w, derivation: deriveIndexed(all, w, target) })) };
  const chain = deriveChain(all, ws, target, { namedFactors: NAMED_FACTOR_SIZE });
  // a written-out σ goes back in as σ, as it was differentiated: (σ(wx + b) − ŷ)x
  const sigmoidDefs = all.map(asSigmoid);
  const flat = ws.map((w) => [w, substitute(expandFactors(chain.gradients[w]!, chain), sigmoidDefs)] as const);
  const kept = flat.filter(([, f]) => tooLarge(f)).map(([w]) => w);
  return {
    mode: 'chain',
    chain,
    definitions: all,
    target,
    substitutedTarget: substitute(sym(target), all),
    substituted: flat.map(([w, f]) => [w, kept.includes(w) ? f : simplify(f).result] as const),
    ...(kept.length ? { keptInNames: kept } : {}),
  };
}

/** One expression differentiated through its named parts, then substituted back. */
function throughParts(e: Expr, defs: readonly Definition[], target: string, ws: readonly string[]): ChainResult {
  const chain = deriveChain(defs, ws, target, { namedFactors: NAMED_FACTOR_SIZE });
  const flat = ws.map((w) => [w, substitute(expandFactors(chain.gradients[w]!, chain), defs)] as const);
  const kept = flat.filter(([, f]) => tooLarge(f)).map(([w]) => w);
  const back = flat.filter(([w]) => !kept.includes(w)).map(([w, start]) => ({ wrt: w, derivation: substituteBack(e, w, start) }));
  return {
    mode: 'chain',
    chain,
    definitions: defs,
    target,
    substitutedTarget: e,
    substituted: flat.map(([w, f]) => [w, back.find((b) => b.wrt === w)?.derivation.result ?? f] as const),
    parts: { names: defs.map((d) => d.name), back },
    ...(kept.length ? { keptInNames: kept } : {}),
  };
}

/** From the gradient with the parts written out (the start) to the result, simplified by the
 * textbook moves (the factors keep the order the notes write: (σ(wx + b) − ŷ)x). Its input and
 * variable are the expression's, so the check compares the result with a numerical derivative
 * of the input. */
function substituteBack(e: Expr, w: string, start: Expr): Derivation {
  const rec = new Recorder(start);
  simplifyAt(rec, []);
  return { input: e, wrt: w, start, steps: rec.steps, result: rec.current };
}




/** A derivative operator written in a definition, d/dv(arg), differentiates what the names in
 * `arg` stand for: each name defined earlier that depends on v (through the definitions) is
 * replaced by its definition, so `y = w²; L = d/dw(y)·x` is `L = d/dw(w²)·x` (∂L/∂x = 2w, not 0:
 * a name as such is a constant for d/dw). A name that does not depend on v stays (a constant for
 * it), and so does v itself: `y = w²; L = d/dy(y·w)` is the partial derivative in y, w held,
 * carried out at once (`L = w`). */
export function resolveOperators(defs: readonly Definition[]): Definition[] {
  if (!defs.some((d) => containsDiff(d.expr))) return [...defs];
  const out: Definition[] = [];
  // name → the names its definition uses (among those defined before it)
  const uses = new Map<string, Set<string>>();
  const byName = new Map<string, Expr>();
  for (const d of defs) {
    const expr = containsDiff(d.expr) ? resolveIn(d.expr, byName, uses) : d.expr;
    out.push(expr === d.expr ? d : { ...d, expr });
    uses.set(d.name, new Set([...freeSymbols(expr)].filter((s) => byName.has(s))));
    byName.set(d.name, expr);
  }
  return out;
}

function resolveIn(e: Expr, byName: ReadonlyMap<string, Expr>, uses: ReadonlyMap<string, ReadonlySet<string>>): Expr {
  if (!containsDiff(e)) return e;
  if (e.kind !== 'diff') {
    const kids = children(e);
    const now = kids.map((k) => resolveIn(k, byName, uses));
    return now.every((k, i) => k === kids[i]) ? e : withChildren(e, now);
  }
  const v = e.wrt;
  const arg = resolveIn(e.arg, byName, uses);
  // the defined names that depend on v (v itself excluded: it is the variable)
  const dep = new Map<string, boolean>();
  const depends = (n: string): boolean => {
    let r = dep.get(n);
    if (r === undefined) {
      dep.set(n, false);
      r = [...(uses.get(n) ?? [])].some((s) => s === v || depends(s)) || freeSymbols(byName.get(n)!).includes(v);
      dep.set(n, r);
    }
    return r;
  };
  const by = new Map<string, Expr>();
  const needs = (n: string) => n !== v && byName.has(n) && depends(n);
  const expand = (x: Expr): Expr => (freeSymbols(x).some(needs) ? mapDag(x, (y) => (y.kind === 'sym' && needs(y.name) ? expanded(y.name) : undefined)) : x);
  const expanded = (n: string): Expr => {
    let r = by.get(n);
    if (!r) by.set(n, (r = expand(byName.get(n)!)));
    return r;
  };
  const after = expand(arg);
  // a derivative in a defined name is carried out here: substituting the definitions later (the
  // checks' form in the inputs) would replace its variable
  if (byName.has(v)) return carryOut(diff(after, v)).result;
  return after === e.arg ? e : diff(after, v);
}

/** `wrt` names a defined name: the API reports it against its `wrt` field. */
export class DefinedWrt extends ChainruleError {
  constructor(
    readonly wrt: string,
    inputs: readonly string[],
  ) {
    super('BAD_REQUEST', `${wrt} is a defined name; differentiate with respect to an input (${inputs.join(', ')}).`);
  }
}
