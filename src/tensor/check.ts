// Checks with random matrices: every adjoint (and every step that states one) is compared with
// central finite differences of the lowered loss, at seeded random matrices of the declared
// shapes, with the symbolic dimensions instantiated (batch m = 1 and m = 4 by default). Verdicts
// are data — verified / refuted (the entry, both values) / unverifiable (the reason) — as in
// src/check. The loss and the formulas are evaluated by src/numeric's float walk, never by
// matrix code of this layer, so a wrong matrix rule cannot check itself.
import { hashSeed, mulberry32, type Rng, uniform } from '../numeric/random.js';
import { evaluate } from '../numeric/float.js';
import type { Expr } from '../ast/nodes.js';
import { ChainruleError } from '../errors.js';
import type { MatDerivation, MatStep } from './derive.js';
import { entry, entryName, gradKey, type Grid, Lowerer, symbolGrid } from './lower.js';
import { dimValue, symbolicDims, type DimValues } from './shape.js';
import { Tape } from './tape.js';
import type { MatExpr, MatProgram } from './types.js';

export type MatVerdict =
  | { readonly status: 'verified'; readonly points: number; readonly maxRelError: number }
  | { readonly status: 'refuted'; readonly entry: string; readonly numeric: number; readonly formula: number }
  | { readonly status: 'unverifiable'; readonly reason: string };

export interface BatchCheck {
  /** the value given to each symbolic dimension */
  readonly dims: Readonly<Record<string, number>>;
  readonly verdict: MatVerdict;
}
export interface MatStepCheck {
  readonly step: MatStep;
  /** one verdict per instantiation of the dimensions */
  readonly checks: readonly BatchCheck[];
  readonly status: MatVerdict['status'];
}
export interface MatDerivationCheck {
  readonly status: MatVerdict['status'];
  readonly steps: readonly MatStepCheck[];
}

export interface MatCheckOptions {
  /** values of the first symbolic dimension (the batch); 1 and 4 by default */
  readonly batches?: readonly number[];
  /** fixed values for other symbolic dimensions (default 2, 3, … in order of appearance) */
  readonly dims?: Readonly<Record<string, number>>;
  readonly seed?: number;
}

/** Central-difference step relative to the entry: truncation h²·f‴/6 ≈ 1e-11 and rounding
 * ε·|L|/h ≈ 1e-10 for losses of size ≲ 10, both far inside FD_TOLERANCE. */
const FD_STEP = 1e-5;
/** |fd − formula| ≤ atol + rtol·max(|fd|, |formula|): three orders above the FD error above; a
 * wrong rule (a missing transpose, a dropped factor) is off by O(1). */
const FD_TOLERANCE = { rtol: 1e-5, atol: 1e-7 } as const;

type Role = 'any' | 'unit' | 'simplex-rows' | 'simplex-cols';

/** How to draw each input so the loss is defined and the stated premises hold. */
function roles(program: MatProgram): Map<string, Role> {
  const out = new Map<string, Role>();
  const defOf = new Map(program.definitions.map((d) => [d.name, d.expr]));
  const softmaxAxis = (p: MatExpr): 'rows' | 'cols' | null => {
    if (p.kind === 'softmax') return p.axis;
    if (p.kind === 'mat') { const d = defOf.get(p.name); return d ? softmaxAxis(d) : null; }
    return null;
  };
  const visit = (e: MatExpr) => {
    if (e.kind === 'ce' || e.kind === 'bce') {
      if (e.target.kind === 'mat' && !defOf.has(e.target.name)) {
        const axis = e.kind === 'ce' ? softmaxAxis(e.pred) : null;
        out.set(e.target.name, axis === 'cols' ? 'simplex-cols' : axis === 'rows' ? 'simplex-rows' : 'unit');
      }
      if (e.pred.kind === 'mat' && !defOf.has(e.pred.name)) out.set(e.pred.name, 'unit');
    }
    if (e.kind === 'map' && e.fn === 'log' && e.arg.kind === 'mat' && !defOf.has(e.arg.name)) out.set(e.arg.name, 'unit');
    for (const k of Object.values(e)) if (k && typeof k === 'object' && 'kind' in k) visit(k as MatExpr);
  };
  for (const d of program.definitions) visit(d.expr);
  return out;
}

function draw(rng: Rng, role: Role, rows: number, cols: number): number[] {
  // entries in [−1, 1]: the sample scale of src/check; (0.05, 0.95) keeps logs of targets finite
  const v = Array.from({ length: rows * cols }, () => (role === 'any' ? uniform(rng, -1, 1) : uniform(rng, 0.05, 0.95)));
  if (role === 'simplex-rows') for (let i = 0; i < rows; i++) normalise(v, Array.from({ length: cols }, (_, j) => i * cols + j));
  if (role === 'simplex-cols') for (let j = 0; j < cols; j++) normalise(v, Array.from({ length: rows }, (_, i) => i * cols + j));
  return v;
}
function normalise(v: number[], idx: number[]): void {
  const s = idx.reduce((a, k) => a + v[k]!, 0);
  for (const k of idx) v[k] = v[k]! / s;
}

/** The instantiations of the symbolic dimensions to check at. */
export function instantiations(program: MatProgram, opts: MatCheckOptions = {}): Map<string, number>[] {
  const syms = symbolicDims(program.inputs.values());
  const batches = syms.length === 0 ? [0] : (opts.batches ?? [1, 4]);
  return batches.map((b) => new Map(syms.map((s, k) => [s, opts.dims?.[s] ?? (k === 0 ? b : k + 1)])));
}

/** Grids by name; an adjoint's grid is lowered when first read (a check reads only some of them). */
class LazyGrids extends Map<string, Grid> {
  private readonly pending = new Map<string, () => Grid>();
  later(key: string, make: () => Grid): void {
    this.pending.set(key, make);
  }
  override get(key: string): Grid | undefined {
    const g = super.get(key);
    if (g !== undefined) return g;
    const make = this.pending.get(key);
    if (!make) return undefined;
    this.pending.delete(key);
    const made = make();
    this.set(key, made);
    return made;
  }
  override has(key: string): boolean {
    return super.has(key) || this.pending.has(key);
  }
}

/** One instantiation: seeded random inputs, the program and its adjoints lowered to components. */
export class Instance {
  readonly point = new Map<string, number>();
  readonly forward = new LazyGrids();
  readonly lw: Lowerer;
  readonly lossExpr: Expr;
  constructor(readonly program: MatProgram, readonly d: MatDerivation, readonly dims: DimValues, seed: number) {
    const rng = mulberry32(seed);
    const role = roles(program);
    for (const [name, s] of program.inputs) {
      const r = dimValue(s.rows, dims);
      const c = dimValue(s.cols, dims);
      this.forward.set(name, symbolGrid(name, r, c));
      const vals = draw(rng, role.get(name) ?? 'any', r, c);
      vals.forEach((v, k) => { this.point.set(entryName(name, Math.floor(k / c), k % c), v); });
    }
    this.lw = new Lowerer(this.forward, dims);
    for (const def of program.definitions) this.forward.set(def.name, this.lw.lower(def.expr));
    for (const [name, f] of d.adjoints) this.forward.later(gradKey(d.loss, name), () => this.lw.lower(f));
    this.lossExpr = entry(this.forward.get(d.loss)!, 0, 0);
  }

  /** values at `point`, shared sub-DAGs computed once (made on first use: the graph sets `point` first) */
  private tape: Tape | undefined;

  value(e: Expr, at: Map<string, number> = this.point): number {
    if (at === this.point) return (this.tape ??= new Tape(this.point)).value(e);
    const r = evaluate(e, at);
    if (!r.ok) throw new ChainruleError('DOMAIN', r.message);
    return r.value;
  }

  /** ∂L/∂name by central differences, entry by entry (a defined name is cut out as an input). */
  numericGradient(name: string, occurrence?: MatExpr): { grid: number[]; entries: string[] } {
    let loss = this.lossExpr;
    let syms: string[];
    if (!occurrence && this.program.inputs.has(name)) {
      syms = this.forward.get(name)!.at.map((s) => (s as { name: string }).name);
    } else {
      // the name's entries become inputs `name′ᵢⱼ` (a prime: no user name has one) at their values,
      // kept in the point, so the tape below stays valid and shares what the cut does not change
      const g = this.forward.get(name)!;
      const cut = symbolGrid(`${name}′`, g.rows, g.cols);
      syms = cut.at.map((s) => (s as { name: string }).name);
      g.at.forEach((e, k) => { if (!this.point.has(syms[k]!)) this.point.set(syms[k]!, this.value(e)); });
      const env = new Map([...this.program.inputs.keys()].map((k) => [k, this.forward.get(k)!]));
      const lw = new Lowerer(env, this.dims);
      if (occurrence) {
        // one occurrence cut out: the derivative through that path only
        lw.pin(occurrence, cut);
        for (const def of this.program.definitions) env.set(def.name, lw.lower(def.expr));
      } else {
        // the definitions before the name do not read it: their lowered grids are the instance's
        let before = true;
        for (const def of this.program.definitions) {
          if (def.name === name) before = false;
          env.set(def.name, def.name === name ? cut : before ? this.forward.get(def.name)! : lw.lower(def.expr));
        }
      }
      loss = entry(env.get(this.d.loss)!, 0, 0);
    }
    // the loss re-run with one entry moved (tape.ts): twice per entry
    const f = (this.tape ??= new Tape(this.point)).rerun(loss);
    const grid = syms.map((s) => {
      const v = this.point.get(s)!;
      const h = FD_STEP * Math.max(1, Math.abs(v));
      return (f(s, v + h) - f(s, v - h)) / (2 * h);
    });
    return { grid, entries: syms };
  }
}

function compare(numeric: number[], formula: number[], entries: string[]): MatVerdict {
  let maxRel = 0;
  for (let k = 0; k < numeric.length; k++) {
    const a = numeric[k]!;
    const b = formula[k]!;
    const tol = FD_TOLERANCE.atol + FD_TOLERANCE.rtol * Math.max(Math.abs(a), Math.abs(b));
    if (!(Math.abs(a - b) <= tol)) return { status: 'refuted', entry: entries[k]!.replace(/′/g, ''), numeric: a, formula: b };
    if (a !== b) maxRel = Math.max(maxRel, Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));
  }
  return { status: 'verified', points: numeric.length, maxRelError: maxRel };
}

export function combineMat(vs: readonly MatVerdict['status'][]): MatVerdict['status'] {
  if (vs.includes('refuted')) return 'refuted';
  return vs.length > 0 && vs.every((v) => v === 'verified') ? 'verified' : 'unverifiable';
}

/** Check every step of a matrix derivation (or the given steps) at every instantiation. */
export function checkMatrixSteps(program: MatProgram, d: MatDerivation, steps: readonly MatStep[], opts: MatCheckOptions = {}): MatDerivationCheck {
  const insts = instantiations(program, opts);
  const results: BatchCheck[][] = steps.map(() => []);
  for (const dims of insts) {
    const dimsRec = Object.fromEntries(dims);
    const seed = (opts.seed ?? hashSeed(d.loss + JSON.stringify(dimsRec))) >>> 0;
    let inst: Instance;
    try {
      inst = new Instance(program, d, dims, seed);
    } catch (e) {
      const reason = e instanceof ChainruleError ? e.message : String(e);
      steps.forEach((_, k) => { results[k]!.push({ dims: dimsRec, verdict: { status: 'unverifiable', reason } }); });
      continue;
    }
    const fdCache = new Map<string, ReturnType<Instance['numericGradient']>>();
    const uses = occurrences(program);
    steps.forEach((s, k) => { results[k]!.push({ dims: dimsRec, verdict: checkStep(inst, s, fdCache, uses) }); });
  }
  const out = steps.map((step, k) => ({ step, checks: results[k]!, status: combineMat(results[k]!.map((c) => c.verdict.status)) }));
  return { status: combineMat(out.map((s) => s.status)), steps: out };
}

/** How many times each node object occurs in the program's trees (a tree built by hand may share one). */
function occurrences(program: MatProgram): Map<MatExpr, number> {
  const out = new Map<MatExpr, number>();
  const visit = (e: MatExpr) => {
    out.set(e, (out.get(e) ?? 0) + 1);
    for (const k of Object.values(e)) if (k && typeof k === 'object' && 'kind' in k) visit(k as MatExpr);
  };
  for (const d of program.definitions) visit(d.expr);
  return out;
}

function checkStep(inst: Instance, s: MatStep, fdCache: Map<string, ReturnType<Instance['numericGradient']>>, uses: Map<MatExpr, number>): MatVerdict {
  if (s.lhs.kind !== 'grad') return { status: 'unverifiable', reason: 'not a gradient statement' };
  if (s.partial && s.occurrence && (uses.get(s.occurrence) ?? 0) !== 1) {
    return { status: 'unverifiable', reason: 'this path runs through a node shared by several paths: the sum-paths step that follows is checked' };
  }
  if (s.partial && !s.occurrence) return { status: 'unverifiable', reason: 'one of several paths to the same matrix: the sum-paths step that follows is checked' };
  try {
    const name = s.lhs.wrt;
    if (name === inst.d.loss) {
      const v = inst.value(entry(inst.lw.lower(s.rhs), 0, 0));
      return v === 1 ? { status: 'verified', points: 1, maxRelError: 0 } : { status: 'refuted', entry: name, numeric: 1, formula: v };
    }
    let fd = s.partial ? undefined : fdCache.get(name);
    if (!fd) {
      fd = inst.numericGradient(name, s.partial ? s.occurrence : undefined);
      if (!s.partial) fdCache.set(name, fd);
    }
    const formula = inst.lw.lower(s.rhs).at.map((e) => inst.value(e));
    return compare(fd.grid, formula, fd.entries);
  } catch (e) {
    if (e instanceof ChainruleError) return { status: 'unverifiable', reason: e.message };
    throw e;
  }
}
