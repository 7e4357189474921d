// Two families of slips the notes' students make (issue 11 item 5), each read off the problem
// and CONFIRMED by diagnose.ts's numeric check before anything is said: (1) the chain rule
// through a square (y − (ax + b))² with the inside's derivative −x taken as −1 (the x is
// missing); (2) σ′ = σ(1 − σ) written wrongly — a wrong power, a missing factor, or 1/g² for the
// derivative of 1/g. Each wrong derivative is the problem's derivative with that one node
// differentiated the student's way (diagnose-parts.ts derivativeWith), so it also works inside
// a longer chain (BCE(σ(wx + b), ŷ)). Pure; a candidate the engine cannot build is skipped.
import { add, call, div, int, mul, neg, pow } from '../ast/build.js';
import type { Expr } from '../ast/nodes.js';
import { freeSymbols } from '../ast/traverse.js';
import { atomKey } from '../algebra/atoms.js';
import { simplify } from '../simplify/simplify.js';
import { dependsOn, derivativeOf, derivativeWith, nodes } from './diagnose-parts.js';
import * as F from './diagnose-text.js';
import type { Finding } from './types.js';

export type Holds = (a: Expr, b: Expr) => boolean;

const isNum = (e: Expr, n: bigint): boolean => e.kind === 'num' && e.n === n && e.d === 1n;

/** A derivative split as c·g: c the numeric coefficient (sign included), g the rest (1 if none). */
export function splitCoefficient(e: Expr): { c: Expr; g: Expr } {
  if (e.kind === 'neg') {
    const r = splitCoefficient(e.arg);
    return { c: r.c.kind === 'num' ? { ...r.c, n: -r.c.n } : neg(r.c), g: r.g };
  }
  if (e.kind === 'num') return { c: e, g: int(1) };
  if (e.kind === 'mul') {
    const nums = e.factors.filter((f) => f.kind === 'num');
    const rest = e.factors.filter((f) => f.kind !== 'num');
    if (nums.length === 0) return { c: int(1), g: e };
    const c = nums.length === 1 ? nums[0]! : simplify(mul(...nums)).result;
    return { c, g: rest.length === 0 ? int(1) : rest.length === 1 ? rest[0]! : mul(...rest) };
  }
  return { c: int(1), g: e };
}

/** Squares u² of the problem whose inside u depends on wrt through a non-constant derivative. */
function squares(problem: Expr, wrt: string): { node: Expr & { kind: 'pow' }; du: Expr; c: Expr; g: Expr }[] {
  const out: { node: Expr & { kind: 'pow' }; du: Expr; c: Expr; g: Expr }[] = [];
  const seen = new Set<string>();
  for (const n of nodes(problem)) {
    if (n.kind !== 'pow' || !isNum(n.exp, 2n) || n.base.kind !== 'add' || !dependsOn(n.base, wrt)) continue;
    const k = atomKey(n);
    if (seen.has(k)) continue;
    seen.add(k);
    const du = derivativeOf(n.base, wrt);
    if (!du) continue;
    const { c, g } = splitCoefficient(du);
    if (freeSymbols(g).length === 0) continue; // u′ a number: nothing can be left out of it
    out.push({ node: n, du, c, g });
  }
  return out;
}

/** (y − (ax + b))² differentiated as 2(y − (ax + b))·(−1): the inside's derivative lost its
 * non-constant part. Each square alone, then all of them at once (a sum of squared errors). */
export function squaredErrorSlip(S: Expr, problem: Expr, wrt: string, holds: Holds): Finding | undefined {
  const sq = squares(problem, wrt);
  const wrongOf = (q: (typeof sq)[number]) => ({ node: q.node, wrong: mul(int(2), q.node.base, q.c) });
  const tries = sq.length > 1 ? [...sq.map((q) => [q]), sq] : sq.map((q) => [q]);
  for (const group of tries) {
    const whole = derivativeWith(problem, wrt, group.map(wrongOf));
    if (whole && holds(S, whole)) {
      const q = group[0]!;
      return F.squaredErrorInnerFactor(q.node, q.node.base, q.du, q.c, q.g, wrt);
    }
  }
  return undefined;
}

/** A sigmoid node of the problem: σ(u), or its definition 1/(1 + e^(−u)), or e^u/(1 + e^u). */
export interface SigmoidNode {
  readonly node: Expr;
  readonly inner: Expr;
  /** the denominator 1 + e^(−u) when the problem writes σ by its definition with a 1 on top */
  readonly reciprocalOf?: Expr;
}

const isExp = (e: Expr): e is Expr & { kind: 'call' } => e.kind === 'call' && e.fn === 'exp';

export function sigmoidNodes(problem: Expr): SigmoidNode[] {
  const out: SigmoidNode[] = [];
  const seen = new Set<string>();
  for (const n of nodes(problem)) {
    let found: SigmoidNode | undefined;
    if (n.kind === 'call' && n.fn === 'sigmoid') found = { node: n, inner: n.args[0]! };
    else if (n.kind === 'div' && n.den.kind === 'add' && n.den.terms.length === 2) {
      const [p, q] = n.den.terms as [Expr, Expr];
      const e = isNum(p, 1n) && isExp(q) ? q : isNum(q, 1n) && isExp(p) ? p : undefined;
      if (e && isNum(n.num, 1n)) found = { node: n, inner: simplify(neg(e.args[0]!)).result, reciprocalOf: n.den };
      else if (e && isExp(n.num) && atomKey(n.num) === atomKey(e)) found = { node: n, inner: e.args[0]! };
    }
    if (found && !seen.has(atomKey(found.node))) {
      seen.add(atomKey(found.node));
      out.push(found);
    }
  }
  return out;
}

type SigmaSlip = 'missing' | 'reciprocal' | 'power';

/** σ′ written wrongly, of the given kinds (diagnose.ts orders them around the other mistakes). */
export function sigmoidSlip(S: Expr, problem: Expr, wrt: string, holds: Holds, kinds: readonly SigmaSlip[]): Finding | undefined {
  for (const sn of sigmoidNodes(problem)) {
    if (!dependsOn(sn.node, wrt)) continue;
    const du = derivativeOf(sn.inner, wrt);
    if (!du) continue;
    const s = sn.node;
    const shown = s.kind === 'call' ? s : call('sigmoid', sn.inner);
    const oneMinus = add(int(1), neg(shown));
    const test = (w: Expr) => {
      const whole = derivativeWith(problem, wrt, [{ node: s, wrong: mul(w, du) }]);
      return whole !== undefined && holds(S, whole);
    };
    for (const kind of kinds) {
      if (kind === 'missing') {
        if (test(shown)) return F.sigmoidDerivativeMissingFactor(shown, shown, oneMinus);
        if (test(oneMinus)) {
          const spelled = div(call('exp', neg(sn.inner)), add(int(1), call('exp', neg(sn.inner))));
          return F.sigmoidDerivativeMissingFactor(shown, oneMinus, shown, spelled);
        }
      } else if (kind === 'reciprocal') {
        if (test(pow(shown, int(2)))) {
          // g = 1 + e^(−u) and g′ = −e^(−u), both with respect to σ's own argument u
          const e = call('exp', neg(sn.inner));
          return F.sigmoidDerivativeReciprocalSquare(sn.reciprocalOf ?? add(int(1), e), neg(e), e);
        }
      } else {
        for (const w of [mul(pow(shown, int(2)), oneMinus), mul(shown, pow(oneMinus, int(2)))]) {
          if (test(w)) return F.sigmoidDerivativePower(shown, w);
        }
      }
    }
  }
  return undefined;
}
