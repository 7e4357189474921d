// Domain differences between two answers that agree wherever both are defined (issue 10's
// decision, docs/numeric.md "Domain differences"): which cancelled factor matters (one answer is
// undefined where it vanishes and the other is not), whether a factor can vanish at all, and a
// probe for points where only the student's answer is defined (log(x²) against 2·log x).
// Nothing here changes a verdict: it only says where a `correct` holds.
import type { Expr } from '../ast/nodes.js';
import type { AtomTable } from '../algebra/atoms.js';
import { divExact, isConst, type Poly } from '../algebra/poly.js';
import { rationalForm } from '../algebra/rational.js';
import { toTerms } from '../algebra/sparse.js';
import { compile, evaluate, formatNumber, latticePoints, pointStream, toPoint } from '../numeric/index.js';
import { canonical } from './symbolic.js';
import type { DomainDifference, VerifyOptions } from './types.js';

/** Random points looked at for a point where only the student's answer is defined. */
const WIDER_PROBES = 48;

/** Is the answer undefined where the factor c vanishes? It is when c divides its reduced
 * denominator or one of the factors its own normal form cancelled (0/0 as written). Undefined
 * when its normal form cannot be built (the caller then keeps the old, cautious note). */
export function undefinedWhere(answer: Expr, c: Poly, atoms: AtomTable): boolean | undefined {
  let rf;
  try {
    rf = rationalForm(canonical(answer), atoms);
  } catch {
    return undefined;
  }
  if (!rf) return undefined;
  const divides = (f: Poly) => !isConst(f) && divExact(f, c) !== undefined;
  return divides(rf.value.den) || rf.cancelled.some(divides);
}

/** A factor that cannot vanish: every coefficient of one sign and every monomial a product of exp
 * atoms and even powers (exp(b)·exp(wx) + 1 > 0). Doubles cannot tell: exp(−10⁴) underflows to 0. */
export function neverZero(c: Poly, atoms: AtomTable): boolean {
  const terms = toTerms(c);
  const sign = terms[0] && terms[0].coef > 0n;
  for (const t of terms) {
    if (t.coef > 0n !== sign) return false;
    for (let i = 0; i < t.exps.length; i++) {
      const k = t.exps[i]!;
      if (k === 0 || k % 2 === 0) continue;
      const a = atoms.expr(i);
      if (!(a.kind === 'call' && a.fn === 'exp')) return false;
    }
  }
  return true;
}

/** A point where the expected answer is undefined (a DOMAIN failure, not an overflow) and the
 * student's is defined: the lattice of small integers and halves first (a point a student can
 * check by hand), then seeded random points. */
export function answerWider(
  student: Expr, teacher: Expr, vars: readonly string[], seed: number, ranges: VerifyOptions['ranges'],
): DomainDifference | undefined {
  if (vars.length === 0) return undefined;
  let fs;
  let ft;
  try {
    fs = compile(student, vars);
    ft = compile(teacher, vars);
  } catch {
    return undefined;
  }
  const next = pointStream(vars, ranges, seed ^ 0x68e31da4);
  const candidates = [...latticePoints(vars.length, seed, 200), ...Array.from({ length: WIDER_PROBES }, next)];
  for (const v of candidates) {
    if (ranges && vars.some((n, i) => ranges[n] && !(v[i]! > ranges[n]![0] && v[i]! < ranges[n]![1]))) continue;
    if (!Number.isNaN(ft(v)) || !Number.isFinite(fs(v))) continue;
    const point = toPoint(vars, v);
    const t = evaluate(teacher, point);
    const s = evaluate(student, point);
    if (!t.ok && t.code === 'DOMAIN' && s.ok) return { where: showAt(point), undefinedIn: 'expected', point };
  }
  return undefined;
}

export const showAt = (p: Readonly<Record<string, number>>): string =>
  Object.entries(p).map(([k, v]) => `${k} = ${formatNumber(v)}`).join(', ');

/** The verdict's sentence: "correct where both are defined; differs at x = 0: …". */
export function domainSentence(d: DomainDifference): string {
  const whose = d.undefinedIn === 'answer' ? 'your answer' : 'the expected answer';
  const other = d.undefinedIn === 'answer' ? 'the expected answer' : 'your answer';
  const how = d.removable ? ' (0/0, a removable singularity)' : '';
  return `correct where both are defined; differs at ${d.where}: ${whose} is undefined there${how}, ${other} is defined`;
}
