// The symbolic side of answer checking. (1) A σ-aware canonical form in which the usual ways of
// writing the same function meet: registry definitions expanded (σ, BCE, MSE), e ≡ exp(1),
// exp(a + k·b) = exp(a)·exp(b)^k (so e^(−z) = 1/e^z), (e^u)^v = e^(uv), log(e^u) = u, e^(log u) = u,
// each spec's canonical rewrite (tan/sec/csc/cot through sin and cos, the hyperbolic functions
// through exp, √u = u^(1/2): src/functions), exact
// powers of constants (√4 = 2), and the arguments of the remaining atoms in one canonical order.
// Every rewrite holds wherever the original is defined; domains are the numeric pass's business.
// (2) The rational normal form of student − teacher over those atoms (src/algebra/rational.ts).
// (3) Form checks: the same expression up to commutativity and associativity, or the same tree.
import { canonicalSum } from '../ast/indices.js';
import { add, call, int, mul, neg, pow, rat } from '../ast/build.js';
import type { Expr } from '../ast/nodes.js';
import { equal, withChildren, children } from '../ast/traverse.js';
import { evaluateRational } from '../numeric/rational.js';
import { getFunction } from '../functions/index.js';
import { AtomTable, atomKey } from '../algebra/atoms.js';
import { type Poly, isConst } from '../algebra/poly.js';
import { fromExpr } from '../algebra/ratfun.js';
import { rationalForm } from '../algebra/rational.js';
import { toExpandedExpr } from '../algebra/print.js';
import { toTerms } from '../algebra/sparse.js';

/** exp(k·m) is split into exp(m)^k only up to this |k|: beyond it the rational form's degree
 * budget (200) would be spent on a single atom. */
const MAX_EXP_SPLIT = 64;

const ONE = int(1);
const E1 = call('exp', ONE);

/** The canonical form of e (see the header); the result is meant for rationalForm, not for people. */
export function canonical(e: Expr): Expr {
  const memo = new Map<Expr, Expr>();
  const go = (x: Expr): Expr => {
    let r = memo.get(x);
    if (!r) memo.set(x, (r = canon(x, go)));
    return r;
  };
  return go(e);
}

function canon(e: Expr, go: (x: Expr) => Expr): Expr {
  switch (e.kind) {
    case 'num':
    case 'sym':
    case 'diff':
      return e;
    case 'sum':
      // the body is an expression of its own; the bounds stay as written
      return withChildren(e, children(e).map(go));
    case 'const':
      return e.name === 'e' ? E1 : e;
    case 'neg':
    case 'add':
    case 'mul':
    case 'div':
      return withChildren(e, children(e).map(go));
    case 'pow': {
      // (e^u)^v = e^(uv): e^u > 0, so this holds for every real v
      if (e.base.kind === 'const' && e.base.name === 'e') return go(call('exp', e.exp));
      if (e.base.kind === 'call' && e.base.fn === 'exp') return go(call('exp', mul(e.base.args[0]!, e.exp)));
      const b = go(e.base);
      const x = go(e.exp);
      const k = evaluateRational(x, {}); // fails (unbound variable) unless the exponent is constant
      if (k.ok && k.value.d === 1n) return pow(b, rat(k.value.n));
      if (k.ok) {
        const exact = evaluateRational(pow(b, rat(k.value.n, k.value.d)), {});
        if (exact.ok) return rat(exact.value.n, exact.value.d);
        return pow(sorted(b), rat(k.value.n, k.value.d));
      }
      return pow(sorted(b), sorted(x));
    }
    case 'call': {
      const spec = getFunction(e.fn);
      if (spec.definition) return go(spec.definition(e.args));
      const u = e.args[0]!;
      if (e.fn === 'exp') return expOf(go(u));
      if (e.fn === 'log') {
        if (u.kind === 'call' && u.fn === 'exp') return go(u.args[0]!);
        if (u.kind === 'const' && u.name === 'e') return ONE;
      }
      // the spec's canonical rewrite: √u = u^(1/2), tan through sin and cos, sinh through exp, …
      if (spec.canonical) return go(spec.canonical(e.args));
      return call(e.fn, ...e.args.map((a) => sorted(go(a))));
    }
  }
}

/** A table whose atoms are numbered in the order of their keys, so printing is canonical. */
function sortedTable(e: Expr): AtomTable | undefined {
  const scratch = new AtomTable();
  if (!fromExpr(e, scratch)) return undefined;
  const idx = Array.from({ length: scratch.size }, (_, i) => i).sort((a, b) => (scratch.key(a) < scratch.key(b) ? -1 : scratch.key(a) > scratch.key(b) ? 1 : 0));
  const table = new AtomTable();
  for (const i of idx) table.intern(scratch.expr(i));
  return table;
}

/** e in the canonical expanded form (an atom's argument: equal arguments give equal atom keys). */
function sorted(e: Expr): Expr {
  if (e.kind === 'num' || e.kind === 'sym') return e;
  const table = sortedTable(e);
  const r = table && fromExpr(e, table);
  return r ? toExpandedExpr(r, table) : e;
}

/** Π atoms^exps of one term (no coefficient). */
function monomialExpr(exps: readonly number[], table: AtomTable): Expr {
  const items: Expr[] = [];
  exps.forEach((k, i) => {
    if (k > 0) items.push(k === 1 ? table.expr(i) : pow(table.expr(i), int(k)));
  });
  return items.length === 0 ? ONE : items.length === 1 ? items[0]! : mul(...items);
}

/** exp(u) for a canonical u: a polynomial argument Σ cᵢ·mᵢ becomes Π exp(mᵢ)^cᵢ (integer cᵢ up to
 * MAX_EXP_SPLIT; others stay exp(cᵢ·mᵢ)); exp(log v) = v. */
function expOf(u: Expr): Expr {
  const table = sortedTable(u);
  const r = table && fromExpr(u, table);
  if (!table || !r || !isConst(r.den)) return call('exp', sorted(u));
  const d = r.den;
  const factors: Expr[] = [];
  for (const t of toTerms(r.num)) {
    const m = monomialExpr(t.exps, table);
    const atom = (inner: Expr): Expr => (inner.kind === 'call' && inner.fn === 'log' ? inner.args[0]! : call('exp', inner));
    const k = t.coef / d;
    if (t.coef % d === 0n && k <= BigInt(MAX_EXP_SPLIT) && k >= -BigInt(MAX_EXP_SPLIT)) {
      const base = atom(m);
      factors.push(k === 1n ? base : pow(base, int(k)));
    } else {
      factors.push(call('exp', m === ONE ? rat(t.coef, d) : mul(rat(t.coef, d), m)));
    }
  }
  return factors.length === 0 ? ONE : factors.length === 1 ? factors[0]! : mul(...factors);
}

export interface SymbolicResult {
  /** student − teacher is identically 0 as a rational function of the canonical atoms */
  readonly zero: boolean;
  /** the cancelled factors (each assumed ≠ 0), as expressions in the canonical atoms */
  readonly conditions: readonly Expr[];
  /** for each condition: was it cancelled within the student's own answer? the teacher's? */
  readonly inStudent: readonly boolean[];
  readonly inTeacher: readonly boolean[];
  /** the cancelled factors as polynomials over `atoms` (for "can it vanish?") */
  readonly cancelled: readonly Poly[];
  readonly atoms: AtomTable;
}

/** The exact normal form of student − teacher, or undefined when it cannot be built (budget). */
export function symbolicDifference(student: Expr, teacher: Expr): SymbolicResult | undefined {
  const s = canonical(student);
  const t = canonical(teacher);
  // the same canonical tree: zero without building a normal form (which may exceed the budget,
  // as 6000(x − a)^5999 does)
  if (atomKey(s) === atomKey(t)) return { zero: true, conditions: [], inStudent: [], inTeacher: [], cancelled: [], atoms: new AtomTable() };
  const rf = rationalForm(add(s, neg(t)));
  if (!rf) return undefined;
  const zero = rf.value.num === 0n;
  const keys = rf.conditions.map(atomKey);
  const own = (x: Expr): Set<string> => new Set(rationalForm(x)?.conditions.map(atomKey) ?? []);
  const sk = zero ? own(s) : new Set<string>();
  const tk = zero ? own(t) : new Set<string>();
  return {
    zero,
    conditions: rf.conditions,
    inStudent: keys.map((k) => sk.has(k)),
    inTeacher: keys.map((k) => tk.has(k)),
    cancelled: rf.cancelled,
    atoms: rf.atoms,
  };
}

/** The symbol atoms (variables) of the table that a polynomial has odd degree in: for fixed
 * values of the others it then has a real root, so a factor with one can vanish. */
export function oddDegreeInVariable(p: Poly, atoms: AtomTable): boolean {
  const maxExp = new Map<number, number>();
  for (const t of toTerms(p)) t.exps.forEach((k, i) => maxExp.set(i, Math.max(maxExp.get(i) ?? 0, k)));
  for (const [i, k] of maxExp) if (k % 2 === 1 && atoms.expr(i).kind === 'sym') return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Form: the same expression up to commutativity and associativity of + and × (STACK EqualComAss).
// Subtraction and division count as + and × with their inverses: a − b is a + (−b), a/b is
// a·(1/b). A minus sign of a factor moves in front of its product ((−x)·y = −(x·y) = x·(−y)), but
// two minus signs do not cancel ((−x)(−x) is not x·x), and one inside a reciprocal stays there
// (x/(−y) is not −(x/y)). Nothing is evaluated: 2/4 is not 1/2, x·1 is not x, x·x is not x².
// (The parser already reads e^x as exp(x) and folds a constant exponent such as 2/4 to 1/2.)

/** A canonical key of e's form: equal keys ⇔ equal up to commutativity and associativity. */
export function formKey(e: Expr): string {
  switch (e.kind) {
    case 'num':
      return e.d === 1n ? `${e.n}` : `${e.n}/${e.d}`;
    case 'sym':
      return JSON.stringify(e.name);
    case 'const':
      return `#${e.name}`;
    case 'neg':
      return `(- ${formKey(e.arg)})`;
    case 'pow':
      return `(^ ${formKey(e.base)} ${formKey(e.exp)})`;
    case 'call':
      return `(${JSON.stringify(e.fn)} ${e.args.map(formKey).join(' ')})`;
    case 'diff':
      return `(d/d${JSON.stringify(e.wrt)} ${formKey(e.arg)})`;
    case 'sum': {
      const c = canonicalSum(e);
      return `(Σ ${c.index} ${c.lo ? formKey(c.lo) : '_'} ${c.hi ? formKey(c.hi) : '_'} ${formKey(c.body)})`;
    }
    case 'add': {
      const keys: string[] = [];
      const stack = [e];
      while (stack.length) {
        for (const t of stack.pop()!.terms) {
          if (t.kind === 'add') stack.push(t);
          else keys.push(formKey(t));
        }
      }
      return `(+ ${keys.sort().join(' ')})`;
    }
    case 'mul':
    case 'div': {
      const keys: string[] = [];
      let signs = 0;
      const visit = (f: Expr): void => {
        if (f.kind === 'mul') f.factors.forEach(visit);
        else if (f.kind === 'div') {
          visit(f.num);
          keys.push(`(/ ${formKey(f.den)})`);
        } else if (f.kind === 'neg') {
          signs++;
          visit(f.arg);
        } else keys.push(formKey(f));
      };
      visit(e);
      const body = keys.length === 1 ? keys[0]! : `(* ${keys.sort().join(' ')})`;
      return '(- '.repeat(signs) + body + ')'.repeat(signs);
    }
  }
}

/** Equal up to commutativity and associativity of + and × (see formKey). */
export function sameForm(a: Expr, b: Expr): boolean {
  return formKey(a) === formKey(b);
}

/** The same tree (STACK CasEqual; parentheses count, since a + (b + c) is a nested sum). */
export function sameTree(a: Expr, b: Expr): boolean {
  return equal(a, b);
}
