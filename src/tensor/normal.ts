// Least squares as a derivation: from a gradient of the form c·Aᵀ(B − Aβ) (c a nonzero number),
// setting it to zero gives the normal equations AᵀAβ = AᵀB and, when AᵀA is invertible,
// β̂ = (AᵀA)⁻¹AᵀB. Each equation is a step; the check solves at random matrices and confirms the
// gradient vanishes at β̂ and every equation holds there.
import type { Expr } from '../ast/nodes.js';
import { hashSeed, mulberry32, uniform } from '../numeric/random.js';
import { ChainruleError } from '../errors.js';
import { evaluate } from '../numeric/float.js';
import { type BatchCheck, combineMat, instantiations, type MatCheckOptions, type MatDerivationCheck, type MatVerdict } from './check.js';
import * as M from './expr.js';
import { entryName, type Grid, Lowerer, symbolGrid } from './lower.js';
import { unicode, unicodeMatName } from './print.js';
import { dimValue } from './shape.js';
import type { MatStep } from './derive.js';
import { same } from './simp.js';
import type { MatExpr, MatProgram } from './types.js';

export const INVERTIBLE_PREMISE = 'AᵀA is invertible: the columns of A are linearly independent (needs at least as many rows as columns)';

export interface NormalEquations {
  readonly wrt: string;
  /** the design matrix A and the right-hand side B of AᵀAβ = AᵀB */
  readonly a: MatExpr;
  readonly b: MatExpr;
  readonly solution: MatExpr;
  readonly steps: readonly MatStep[];
}

/** The normal equations for a gradient c·Aᵀ(B − Aβ) or c·Aᵀ(Aβ − B) with respect to β, or null. */
export function normalEquations(gradient: MatExpr, beta: MatExpr & { kind: 'mat' }): NormalEquations | null {
  let c = 1;
  let g = gradient;
  if (g.kind === 'scale' && g.c.kind === 'num') { c = g.c.value; g = g.arg; }
  if (g.kind === 'neg') { c = -c; g = g.arg; }
  if (g.kind !== 'matmul' || g.left.kind !== 'transpose' || g.right.kind !== 'sub' || c === 0) return null;
  const a = g.left.arg;
  const r = g.right;
  const isAb = (x: MatExpr) => x.kind === 'matmul' && same(x.left, a) && same(x.right, beta);
  let b: MatExpr;
  let sign: number;
  if (isAb(r.right)) { b = r.left; sign = 1; } else if (isAb(r.left)) { b = r.right; sign = -1; } else return null;
  if (JSON.stringify(b).includes(`"name":"${beta.name}"`)) return null;
  const at = M.transpose(a);
  const zero = M.fill(0, beta.shape);
  const ata = M.matmul(at, a);
  const hat = M.mat(`${beta.name}_hat`, beta.shape);
  const solution = M.matmul(M.matmul(M.inv(ata), at), b);
  const steps: MatStep[] = [
    { rule: 'tensor.set-gradient-zero', lhs: gradient, rhs: zero, note: 'at a minimum of a differentiable loss the gradient is zero' },
    { rule: 'tensor.divide-number', lhs: g, rhs: zero, note: `both sides divided by ${c}` },
    {
      rule: 'tensor.distribute',
      lhs: sign > 0 ? M.sub(M.matmul(at, b), M.matmul(ata, beta)) : M.sub(M.matmul(ata, beta), M.matmul(at, b)),
      rhs: zero,
      note: 'Aᵀ(B − Aβ) = AᵀB − AᵀAβ: the factors keep their order',
    },
    { rule: 'tensor.move-term', lhs: M.matmul(ata, beta), rhs: M.matmul(at, b), note: 'the normal equations' },
    { rule: 'tensor.solve-inverse', lhs: hat, rhs: solution, premise: INVERTIBLE_PREMISE.replace(/A/g, unicodeOf(a)) },
  ].map((s) => Object.freeze(s as MatStep));
  return { wrt: beta.name, a, b, solution, steps };
}

function unicodeOf(a: MatExpr): string {
  return a.kind === 'mat' ? unicodeMatName(a.name) : 'A';
}

/** Solve at random matrices: the gradient vanishes at β̂ and every equation holds there. */
export function checkNormalEquations(program: MatProgram, ne: NormalEquations, opts: MatCheckOptions = {}): MatDerivationCheck {
  const results: BatchCheck[][] = ne.steps.map(() => []);
  for (const dims of instantiations(program, opts)) {
    const rec = Object.fromEntries(dims);
    const verdicts = solveAndCheck(program, ne, dims, (opts.seed ?? hashSeed(ne.wrt + JSON.stringify(rec))) >>> 0);
    verdicts.forEach((v, k) => { results[k]!.push({ dims: rec, verdict: v }); });
  }
  // an instantiation where AᵀA is singular fails the stated premise: it neither confirms nor refutes
  const status = (cs: BatchCheck[]): MatVerdict['status'] => {
    const vs = cs.map((c) => c.verdict.status);
    return vs.includes('refuted') ? 'refuted' : vs.includes('verified') ? 'verified' : 'unverifiable';
  };
  const steps = ne.steps.map((step, k) => ({ step, checks: results[k]!, status: status(results[k]!) }));
  return { status: combineMat(steps.map((s) => s.status)), steps };
}

/** |residual| ≤ 1e-8·(1 + scale): β̂ comes from a cofactor inverse, whose rounding grows with the
 * condition number of AᵀA (≲ 10⁴ for random 4×2 matrices of entries in [−1, 1]). */
const RESIDUAL = 1e-8;

function solveAndCheck(program: MatProgram, ne: NormalEquations, dims: Map<string, number>, seed: number): MatVerdict[] {
  const unverifiable = (reason: string): MatVerdict[] => ne.steps.map(() => ({ status: 'unverifiable', reason }));
  const rows = dimValue(ne.a.shape.rows, dims);
  const cols = dimValue(ne.a.shape.cols, dims);
  if (rows < cols) return unverifiable(`with ${rows} row${rows > 1 ? 's' : ''} and ${cols} columns, ${unicode(M.matmul(M.transpose(ne.a), ne.a))} is singular: no unique β̂`);
  const rng = mulberry32(seed);
  const env = new Map<string, Grid>();
  const point = new Map<string, number>();
  for (const [name, s] of program.inputs) {
    const r = dimValue(s.rows, dims);
    const c = dimValue(s.cols, dims);
    env.set(name, symbolGrid(name, r, c));
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) point.set(entryName(name, i, j), uniform(rng, -1, 1));
  }
  try {
    const lw = new Lowerer(env, dims);
    for (const d of program.definitions) env.set(d.name, lw.lower(d.expr));
    const value = (e: Expr) => {
      const r = evaluate(e, point);
      if (!r.ok) throw new ChainruleError('DOMAIN', r.message);
      return r.value;
    };
    const hat = lw.lower(ne.solution).at.map(value);
    const scale = 1 + Math.max(...lw.lower(M.matmul(M.transpose(ne.a), ne.b)).at.map((e) => Math.abs(value(e))));
    // β takes the value β̂; the definitions are lowered again at that point
    hat.forEach((v, k) => { point.set(entryName(ne.wrt, Math.floor(k / dimValue(ne.steps[4]!.lhs.shape.cols, dims)), k % dimValue(ne.steps[4]!.lhs.shape.cols, dims)), v); });
    const atHat = new Lowerer(new Map([...env, [`${ne.wrt}_hat`, env.get(ne.wrt)!]]), dims);
    return ne.steps.map((s) => {
      const l = atHat.lower(s.lhs).at.map(value);
      const r = atHat.lower(s.rhs).at.map(value);
      for (let k = 0; k < l.length; k++) {
        if (!(Math.abs(l[k]! - r[k]!) <= RESIDUAL * scale)) return { status: 'refuted', entry: `${unicode(s.lhs)}[${k + 1}]`, numeric: l[k]!, formula: r[k]! } as MatVerdict;
      }
      return { status: 'verified', points: l.length, maxRelError: 0 } as MatVerdict;
    });
  } catch (e) {
    if (e instanceof ChainruleError) return unverifiable(e.message);
    throw e;
  }
}
