// Lowering to indexed scalar components: a MatExpr becomes a grid of src/ast trees, one per entry
// (Y_ij = Σ_k X_ik W_kj literally), at instantiated dimensions. Subtrees are shared (a memo per
// node), so the float walk of src/numeric — memoised by node identity — costs the DAG, not the
// unfolded tree. Entry symbols are named `X[i,j]` (1-based); `[` never occurs in a canonical name.
import * as S from '../ast/build.js';
import type { Expr } from '../ast/nodes.js';
import { ChainruleError } from '../errors.js';
import { dimValue, type DimValues } from './shape.js';
import type { MatExpr } from './types.js';

export interface Grid {
  readonly rows: number;
  readonly cols: number;
  /** row-major entries */
  readonly at: readonly Expr[];
}
export function entry(g: Grid, i: number, j: number): Expr {
  return g.at[i * g.cols + j]!;
}
/** The scalar symbol for entry (i, j) of a named matrix, 0-based arguments, 1-based in the name. */
export function entryName(name: string, i: number, j: number): string {
  return `${name}[${i + 1},${j + 1}]`;
}
export function symbolGrid(name: string, rows: number, cols: number): Grid {
  const at: Expr[] = [];
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) at.push(S.sym(entryName(name, i, j)));
  return { rows, cols, at };
}

/** An exact rational for a JS number (its shortest decimal form). */
export function ratOf(v: number): Expr {
  if (Number.isInteger(v)) return S.int(v);
  const m = /^(-?)(\d+)\.(\d+)$/.exec(String(v));
  if (!m) throw new ChainruleError('BAD_VALUE', `${v} is not a plain decimal number.`);
  return S.rat(BigInt(m[1]! + m[2]! + m[3]!), 10n ** BigInt(m[3]!.length));
}

const sumOf = (xs: Expr[]): Expr => (xs.length === 1 ? xs[0]! : S.add(...xs));
const prodOf = (xs: Expr[]): Expr => (xs.length === 1 ? xs[0]! : S.mul(...xs));

function make(rows: number, cols: number, f: (i: number, j: number) => Expr): Grid {
  const at: Expr[] = [];
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) at.push(f(i, j));
  return { rows, cols, at };
}

/** Lowers trees against an environment of named grids (inputs, definitions, adjoints `∂L/∂a`). */
export class Lowerer {
  private readonly memo = new Map<MatExpr, Grid>();
  constructor(
    readonly env: Map<string, Grid>,
    readonly dims: DimValues,
  ) {}

  /** Lower this one node (an occurrence, by identity) to the given grid. */
  pin(e: MatExpr, g: Grid): void {
    this.memo.set(e, g);
  }

  lower(e: MatExpr): Grid {
    const hit = this.memo.get(e);
    if (hit) return hit;
    const g = this.visit(e);
    this.memo.set(e, g);
    return g;
  }

  private visit(e: MatExpr): Grid {
    const rows = dimValue(e.shape.rows, this.dims);
    const cols = dimValue(e.shape.cols, this.dims);
    const at = (x: MatExpr) => this.lower(x);
    switch (e.kind) {
      case 'mat': case 'grad': {
        const key = e.kind === 'mat' ? e.name : gradKey(e.of, e.wrt);
        const g = this.env.get(key);
        if (!g) throw new ChainruleError('UNBOUND_VARIABLE', `${key} has no value to lower.`);
        return g;
      }
      case 'num': case 'fill': { const v = ratOf(e.value); return make(rows, cols, () => v); }
      case 'matmul': {
        const a = at(e.left);
        const b = at(e.right);
        return make(rows, cols, (i, j) => sumOf(Array.from({ length: a.cols }, (_, k) => prodOf([entry(a, i, k), entry(b, k, j)]))));
      }
      case 'transpose': { const a = at(e.arg); return make(rows, cols, (i, j) => entry(a, j, i)); }
      case 'add': { const a = at(e.left); const b = at(e.right); return make(rows, cols, (i, j) => S.add(entry(a, i, j), entry(b, i, j))); }
      case 'sub': { const a = at(e.left); const b = at(e.right); return make(rows, cols, (i, j) => S.sub(entry(a, i, j), entry(b, i, j))); }
      case 'neg': { const a = at(e.arg); return make(rows, cols, (i, j) => S.neg(entry(a, i, j))); }
      case 'hadamard': { const a = at(e.left); const b = at(e.right); return make(rows, cols, (i, j) => S.mul(entry(a, i, j), entry(b, i, j))); }
      case 'hdiv': { const a = at(e.left); const b = at(e.right); return make(rows, cols, (i, j) => S.div(entry(a, i, j), entry(b, i, j))); }
      case 'scale': { const c = entry(at(e.c), 0, 0); const a = at(e.arg); return make(rows, cols, (i, j) => S.mul(c, entry(a, i, j))); }
      case 'broadcast': { const a = at(e.arg); return make(rows, cols, (i, j) => (e.axis === 'rows' ? entry(a, 0, j) : entry(a, i, 0))); }
      case 'map': { const a = at(e.arg); return make(rows, cols, (i, j) => S.call(e.fn, entry(a, i, j))); }
      case 'softmax': {
        const a = at(e.arg);
        const ex = make(rows, cols, (i, j) => S.call('exp', entry(a, i, j)));
        const den = e.axis === 'rows'
          ? Array.from({ length: rows }, (_, i) => sumOf(Array.from({ length: cols }, (_, k) => entry(ex, i, k))))
          : Array.from({ length: cols }, (_, j) => sumOf(Array.from({ length: rows }, (_, k) => entry(ex, k, j))));
        return make(rows, cols, (i, j) => S.div(entry(ex, i, j), den[e.axis === 'rows' ? i : j]!));
      }
      case 'ce': case 'bce': {
        const p = at(e.pred);
        const t = at(e.target);
        const terms = p.at.map((pij, k) => {
          const tij = t.at[k]!;
          const ce = S.mul(tij, S.call('log', pij));
          return e.kind === 'ce' ? ce : S.add(ce, S.mul(S.sub(S.ONE, tij), S.call('log', S.sub(S.ONE, pij))));
        });
        return make(1, 1, () => S.neg(sumOf(terms)));
      }
      case 'sum': {
        const a = at(e.arg);
        if (e.over === 'all') return make(1, 1, () => sumOf([...a.at]));
        if (e.over === 'rows') return make(1, a.cols, (_, j) => sumOf(Array.from({ length: a.rows }, (_, k) => entry(a, k, j))));
        return make(a.rows, 1, (i) => sumOf(Array.from({ length: a.cols }, (_, k) => entry(a, i, k))));
      }
      case 'inv': return inverse(at(e.arg));
      case 'divdim': {
        const a = at(e.arg);
        const n = S.int(e.dims.reduce<number>((p, d) => p * dimValue(d, this.dims), 1));
        return make(rows, cols, (i, j) => S.div(entry(a, i, j), n));
      }
    }
  }
}

export function gradKey(of: string, wrt: string): string {
  return `∂${of}/∂${wrt}`;
}

/** The inverse by cofactors (adjugate over determinant): exact and small, up to 3×3. */
function inverse(a: Grid): Grid {
  const n = a.rows;
  const x = (i: number, j: number) => entry(a, i, j);
  if (n === 1) return make(1, 1, () => S.div(S.ONE, x(0, 0)));
  if (n === 2) {
    const det = S.sub(S.mul(x(0, 0), x(1, 1)), S.mul(x(0, 1), x(1, 0)));
    const adj = [[x(1, 1), S.neg(x(0, 1))], [S.neg(x(1, 0)), x(0, 0)]];
    return make(2, 2, (i, j) => S.div(adj[i]![j]!, det));
  }
  if (n === 3) {
    const minor = (r: number, c: number) => {
      const rs = [0, 1, 2].filter((k) => k !== r);
      const cs = [0, 1, 2].filter((k) => k !== c);
      return S.sub(S.mul(x(rs[0]!, cs[0]!), x(rs[1]!, cs[1]!)), S.mul(x(rs[0]!, cs[1]!), x(rs[1]!, cs[0]!)));
    };
    const cof = (r: number, c: number) => ((r + c) % 2 === 0 ? minor(r, c) : S.neg(minor(r, c)));
    const det = S.add(S.mul(x(0, 0), cof(0, 0)), S.mul(x(0, 1), cof(0, 1)), S.mul(x(0, 2), cof(0, 2)));
    return make(3, 3, (i, j) => S.div(cof(j, i), det));
  }
  throw new ChainruleError('UNSUPPORTED_INDEX', `An inverse is lowered to components only up to 3×3 (this one is ${n}×${n}).`);
}
