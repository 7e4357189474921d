// A loss over a data set, L = outer(θ, S_1, …) with S_k = Σ_i body_k(θ, row i), differentiated by
// LINEARITY: ∂L/∂p = ∂outer/∂p + Σ_k ∂outer/∂S_k · Σ_i ∂body_k/∂p, where ∂body_k/∂p is derived once,
// symbolically (the per-row gradient term of the notes, −2x_i(y_i − (a x_i + b))), and evaluated
// row by row. Also the per-row table of SEEDS.md G3: data, prediction, residual, square and each
// gradient term, with totals. Invariants: values are exact rationals when asked and possible
// (a failure to stay exact is reported, never a silent rounding), floats otherwise; a domain
// error names the row; the symbolic forms print a sum as Σ_i (…) (sums.ts `sumDisplay`).
import Fraction from 'fraction.js';
import { add, mul, sym, ZERO } from '../ast/build.js';
import type { Expr } from '../ast/nodes.js';
import { equal } from '../ast/traverse.js';
import { symbolsOf } from './dag.js';
import { derive } from '../derive/derive.js';
import { ChainruleError } from '../errors.js';
import { compile, type Compiled } from '../numeric/compile.js';
import { evaluate } from '../numeric/float.js';
import { ratToNumber } from '../numeric/number.js';
import { evaluateRational, parseRational, type RationalInput } from '../numeric/rational.js';
import type { Data } from '../parse/data.js';
import { substituteSyms } from './gates.js';
import { sumDisplay, type SumTerm } from './sums.js';

export interface Num {
  readonly value: number;
  readonly exact?: Fraction;
}

/** A column of the per-row table. */
export interface Column {
  readonly kind: 'data' | 'quantity' | 'term' | 'gradient';
  /** the data column, or the quantity/term/gradient-term as an expression in the row's symbols */
  readonly expr: Expr;
  /** prediction, residual, square, loss (recognised shapes), or a per-row definition's name */
  readonly role?: string;
  /** for gradient terms: ∂term/∂param */
  readonly param?: string;
}

export interface RowTable {
  readonly sum: number;
  readonly index: string;
  readonly columns: readonly Column[];
  /** rows[r][c] */
  readonly rows: readonly (readonly Num[])[];
  /** the column totals of the term and the gradient terms (undefined for the others) */
  readonly totals: readonly (Num | undefined)[];
}

export interface LossModel {
  readonly outer: Expr;
  readonly sums: readonly SumTerm[];
  readonly params: readonly string[];
  readonly data: Data;
  /** ∂outer/∂p and ∂outer/∂S_k (by placeholder) */
  readonly dOuter: ReadonlyMap<string, Expr>;
  /** per sum: ∂body/∂p */
  readonly terms: readonly ReadonlyMap<string, Expr>[];
  /** per sum: the table's columns */
  readonly columns: readonly Column[][];
  /** float data, per column */
  readonly floats: ReadonlyMap<string, Float64Array>;
}

/** Thrown inside exact evaluation when a value is not rational (exp, log) or grows too large. */
export class NotExact extends Error {}

const isZero = (e: Expr) => e.kind === 'num' && e.n === 0n;
const isOne = (e: Expr) => e.kind === 'num' && e.n === 1n && e.d === 1n;

export function makeLossModel(outer: Expr, sums: readonly SumTerm[], data: Data, params: readonly string[], labels: readonly { name: string; expr: Expr }[] = []): LossModel {
  const dOuter = new Map<string, Expr>();
  for (const v of [...params, ...sums.map((s) => s.placeholder)]) dOuter.set(v, derive(outer, v, { proofs: false }).result);
  const terms = sums.map((s) => new Map(params.map((p) => [p, derive(s.body, p, { proofs: false }).result])));
  const columns = sums.map((s, k) => tableColumns(s, params, terms[k]!, labels));
  const floats = new Map<string, Float64Array>();
  for (const c of data.columns) floats.set(c, Float64Array.from(data.values.get(c)!, toFloat));
  return { outer, sums, params, data, dOuter, terms, columns, floats };
}

export function toFloat(text: string): number {
  const r = parseRational(text);
  // data text was checked by data.ts; beyond ~10^30000 a value is ±∞ as a double anyway
  return r && r !== 'too-large' ? ratToNumber(r.n, r.d) : Number(text);
}

/** The loss as printed, with each sum as Σ_i (…). */
export function lossDisplay(m: LossModel): Expr {
  return substituteSyms(m.outer, new Map(m.sums.map((s) => [s.placeholder, sumDisplay(s.index, s.body)])));
}

/** ∂L/∂p as printed: ∂outer/∂p + Σ_k ∂outer/∂S_k · Σ_i ∂body_k/∂p. */
export function gradientDisplay(m: LossModel, p: string): Expr {
  const back = new Map(m.sums.map((s) => [s.placeholder, sumDisplay(s.index, s.body)]));
  const parts: Expr[] = [];
  const d0 = m.dOuter.get(p)!;
  if (!isZero(d0)) parts.push(substituteSyms(d0, back));
  m.sums.forEach((s, k) => {
    const t = m.terms[k]!.get(p)!;
    const dk = m.dOuter.get(s.placeholder)!;
    if (isZero(t) || isZero(dk)) return;
    const summed = sumDisplay(s.index, t);
    parts.push(isOne(dk) ? summed : mul(substituteSyms(dk, back), summed));
  });
  return parts.length === 0 ? ZERO : parts.length === 1 ? parts[0]! : add(...parts);
}

/** Intermediate quantities of a row, inside out: each compound sub-expression that depends on a
 * parameter, except negations and the monomials of a sum (a·x_i in a·x_i + b), with the roles of
 * the usual shapes: (y − ŷ)² → prediction ŷ, residual y − ŷ, square; BCE/MSE(ŷ, y) → prediction. */
function tableColumns(s: SumTerm, params: readonly string[], terms: ReadonlyMap<string, Expr>, labels: readonly { name: string; expr: Expr }[]): Column[] {
  const isParam = new Set(params);
  const dependsOnParam = (e: Expr) => symbolsOf(e).some((n) => isParam.has(n));
  const roles = new Map<Expr, string>();
  const b = s.body;
  if (b.kind === 'pow' && b.exp.kind === 'num' && b.exp.n === 2n && b.exp.d === 1n && b.base.kind === 'add' && b.base.terms.length === 2) {
    const [u, v] = b.base.terms as [Expr, Expr];
    const [data, pred] = v.kind === 'neg' && !dependsOnParam(u) ? [u, v.arg] : u.kind === 'neg' && !dependsOnParam(v) ? [v, u.arg] : [undefined, undefined];
    if (data && pred) {
      roles.set(pred, 'prediction');
      roles.set(b.base, 'residual');
      roles.set(b, 'square');
    }
  } else if (b.kind === 'call' && (b.fn === 'BCE' || b.fn === 'MSE')) {
    roles.set(b.args[0]!, 'prediction');
    roles.set(b, 'loss');
  }
  const quantities: Expr[] = [];
  const visit = (e: Expr, parent: Expr | undefined) => {
    const kids = e.kind === 'add' ? e.terms : e.kind === 'mul' ? e.factors : e.kind === 'neg' ? [e.arg] : e.kind === 'div' ? [e.num, e.den] : e.kind === 'pow' ? [e.base, e.exp] : e.kind === 'call' ? e.args : [];
    for (const k of kids) visit(k, e);
    if (e === b) return;
    const compound = kids.length > 0;
    const monomial = e.kind === 'mul' && parent?.kind === 'add';
    if ((roles.has(e) || (compound && e.kind !== 'neg' && !monomial)) && dependsOnParam(e) && !quantities.some((q) => equal(q, e))) quantities.push(e);
  };
  visit(b, undefined);
  const label = (e: Expr): string | undefined => roles.get(e) ?? labels.find((l) => equal(l.expr, e))?.name;
  const withRole = (c: Column, e: Expr): Column => {
    const r = label(e);
    return r ? { ...c, role: r } : c;
  };
  return [
    ...[...s.columns.values()].map((n): Column => ({ kind: 'data', expr: sym(n) })),
    ...quantities.map((q) => withRole({ kind: 'quantity', expr: q }, q)),
    withRole({ kind: 'term', expr: b }, b),
    ...params.filter((p) => !isZero(terms.get(p)!)).map((p): Column => ({ kind: 'gradient', expr: terms.get(p)!, param: p })),
  ];
}

const compiled = new WeakMap<Expr, Map<string, Compiled>>();
function compiledFor(e: Expr, vars: readonly string[]): Compiled {
  const key = vars.join('\u0000');
  let m = compiled.get(e);
  if (!m) compiled.set(e, (m = new Map()));
  let f = m.get(key);
  if (!f) m.set(key, (f = compile(e, vars)));
  return f;
}

export interface LossValue {
  readonly loss: Num;
  readonly gradient: ReadonlyMap<string, Num>;
  readonly tables?: readonly RowTable[];
}

/** Evaluate the loss, its gradient and (with `table`) the per-row tables at θ. With `exact`, every
 * value is an exact rational or NotExact is thrown (the caller then goes on in floats). */
export function evaluateLoss(m: LossModel, theta: ReadonlyMap<string, Num>, exact: boolean, table: boolean, rowError: (k: number, r: number, why: string) => ChainruleError): LossValue {
  const sumValues: Num[] = [];
  const termTotals: Map<string, Num>[] = [];
  const tables: RowTable[] = [];
  m.sums.forEach((s, k) => {
    const cols = m.columns[k]!;
    const wanted = table ? cols.map((c) => c.expr) : [s.body, ...m.params.map((p) => m.terms[k]!.get(p)!)];
    const rowSyms = [...s.columns.values()];
    const dataCols = [...s.columns.keys()];
    const vars = [...m.params, ...rowSyms];
    const buf = new Float64Array(vars.length);
    m.params.forEach((p, i) => (buf[i] = theta.get(p)!.value));
    const rows: Num[][] = [];
    let total = zero(exact);
    const totals = new Map(m.params.map((p) => [p, zero(exact)]));
    for (let r = 0; r < m.data.rows; r++) {
      let point: Map<string, RationalInput> | undefined;
      if (exact) {
        point = new Map<string, RationalInput>(m.params.map((p) => [p, frac(theta.get(p)!.exact!)]));
        rowSyms.forEach((n, i) => point!.set(n, m.data.values.get(dataCols[i]!)![r]!));
      } else rowSyms.forEach((_, i) => (buf[m.params.length + i] = m.floats.get(dataCols[i]!)![r]!));
      const numOf = (e: Expr): Num => {
        if (exact) {
          const q = evaluateRational(e, point!);
          if (q.ok) return { value: ratToNumber(q.value.n, q.value.d), exact: new Fraction(q.value.n, q.value.d) };
          if (q.code === 'DOMAIN') throw rowError(k, r, q.message);
          throw new NotExact(q.message);
        }
        const y = compiledFor(e, vars)(buf);
        if (Number.isNaN(y)) {
          const at = new Map(vars.map((v, i) => [v, buf[i]!]));
          const why = evaluate(e, at);
          throw rowError(k, r, why.ok ? 'the value is not a number' : why.message);
        }
        return { value: y };
      };
      const vals = wanted.map(numOf);
      if (table) rows.push(vals);
      const body = table ? vals[cols.findIndex((c) => c.kind === 'term')]! : vals[0]!;
      total = plus(total, body);
      m.params.forEach((p, j) => {
        const t = table ? (cols.find((c) => c.param === p) ? vals[cols.findIndex((c) => c.param === p)]! : zero(exact)) : vals[1 + j]!;
        totals.set(p, plus(totals.get(p)!, t));
      });
    }
    sumValues.push(total);
    termTotals.push(totals);
    if (table) tables.push({ sum: k, index: s.index, columns: cols, rows, totals: cols.map((c) => (c.kind === 'term' ? total : c.kind === 'gradient' ? totals.get(c.param!) : undefined)) });
  });
  // the outer expression, at θ and the sums' values
  const outerVars = [...m.params, ...m.sums.map((s) => s.placeholder)];
  const outerVals = [...m.params.map((p) => theta.get(p)!), ...sumValues];
  const at = (e: Expr): Num => {
    if (exact) {
      const q = evaluateRational(e, new Map(outerVars.map((v, i) => [v, frac(outerVals[i]!.exact!)])));
      if (q.ok) return { value: ratToNumber(q.value.n, q.value.d), exact: new Fraction(q.value.n, q.value.d) };
      if (q.code === 'DOMAIN') throw new ChainruleError('DOMAIN', `The loss is undefined here: ${q.message}`);
      throw new NotExact(q.message);
    }
    const r = evaluate(e, new Map(outerVars.map((v, i) => [v, outerVals[i]!.value])));
    if (!r.ok) throw new ChainruleError('DOMAIN', `The loss is undefined here: ${r.message}`);
    return { value: r.value };
  };
  const loss = at(m.outer);
  const gradient = new Map<string, Num>();
  for (const p of m.params) {
    let g = at(m.dOuter.get(p)!);
    m.sums.forEach((s, k) => {
      const dk = m.dOuter.get(s.placeholder)!;
      if (!isZero(dk)) g = plus(g, times(at(dk), termTotals[k]!.get(p)!));
    });
    gradient.set(p, g);
  }
  return { loss, gradient, ...(table ? { tables } : {}) };
}

const zero = (exact: boolean): Num => (exact ? { value: 0, exact: new Fraction(0) } : { value: 0 });
const frac = (f: Fraction) => ({ n: f.s * f.n, d: f.d });
export function plus(a: Num, b: Num): Num {
  return a.exact && b.exact ? exactNum(a.exact.add(b.exact)) : { value: a.value + b.value };
}
export function times(a: Num, b: Num): Num {
  return a.exact && b.exact ? exactNum(a.exact.mul(b.exact)) : { value: a.value * b.value };
}
export function exactNum(f: Fraction): Num {
  return { value: ratToNumber(f.s * f.n, f.d), exact: f };
}
