// Diagnosis of a wrong answer: which common mistake turns the expected derivative into the
// student's answer. Each candidate explanation is a relation between S (student) and T (expected)
// — S = −T, S·u′ = T, S = m·T, S = T − tᵢ, … — and is reported ONLY when a numeric check of the
// one numeric layer verifies that relation (src/check checkEquivalent, src/numeric's STEP policy:
// docs/numeric.md says why STEP confirms a diagnosis); a guess is never said.
// Invariants: findings explain an incorrect verdict (the one exception, 'not-simplified', is only
// about a correct one when the problem asks for the simplified form); a diagnosis never changes a
// verdict; the first confirmed candidate, in the order of `MISTAKES` (most specific first), is the
// one reported; deterministic (checks are seeded by the trees).
import { add, int, mul, neg, pow, rat, sub, sym } from '../ast/build.js';
import { freeSymbols } from '../ast/traverse.js';
import type { Expr } from '../ast/nodes.js';
import { atomKey } from '../algebra/atoms.js';
import { checkEquivalent } from '../check/index.js';
import { DIAGNOSIS_ATOL, numericValue, PROPOSE_RTOL, samplePoints, SNAP_RTOL, STEP_CHECK } from '../numeric/index.js';
import { rationalForm } from '../algebra/rational.js';
import { measure, simplify } from '../simplify/simplify.js';
import {
  chainFactors, expandDiffs, innerFunctions, isConstant, lossCalls, meanDivisors, nodes, powerBases, productNodes, productOfDerivatives,
  derivativeWith, replaceSubtrees, softmaxShortcut, termCandidates,
} from './diagnose-parts.js';
import { sigmoidSlip, squaredErrorSlip } from './diagnose-slips.js';
import * as F from './diagnose-text.js';
import type { Finding, VerdictKind, VerifyOptions } from './types.js';

export interface DiagnoseContext {
  /** the expression that was differentiated (with `wrt`), when known: the source of chain factors,
   * powers, products, losses, 1/m */
  readonly problem?: Expr;
  readonly wrt?: string;
  readonly opts?: VerifyOptions;
  /** further expressions whose parts are candidates too, tried before `problem` (line checking
   * passes the arguments of the d/dv nodes of the previous line) */
  readonly sources?: readonly Source[];
  /** the verdict already reached for (student, expected); default: a numeric check here */
  readonly verdict?: VerdictKind;
}

/** An expression that was differentiated, with the variable. */
export interface Source {
  readonly problem: Expr;
  readonly wrt: string;
}

/** What the candidates of one mistake see. */
interface Scene {
  readonly S: Expr;
  readonly T: Expr;
  /** the problems whose parts propose candidates, most local first */
  readonly sources: readonly Source[];
  /** is a = b, verified numerically? */
  readonly holds: (a: Expr, b: Expr) => boolean;
  readonly ranges: VerifyOptions['ranges'];
}

type Mistake = (s: Scene) => Finding | undefined;

/**
 * Named findings that explain why `student` differs from `expected` (empty when no candidate is
 * confirmed, or when the answer is correct — except 'not-simplified' with opts.requireSimplified).
 * Either side may hold d/dv(…) nodes; they are differentiated first.
 */
export function diagnose(student: Expr, expected: Expr, ctx: DiagnoseContext = {}): Finding[] {
  const S = expandDiffs(student) ?? student;
  const T = expandDiffs(expected) ?? expected;
  const ranges = ctx.opts?.ranges;
  const holds = (a: Expr, b: Expr) => {
    try {
      // relative agreement only (DIAGNOSIS_ATOL = 0, src/numeric/tolerance.ts says why)
      return checkEquivalent(a, b, { ...(ranges ? { ranges } : {}), atol: DIAGNOSIS_ATOL }).status === 'verified';
    } catch {
      return false; // an unevaluable candidate confirms nothing
    }
  };
  const verdict = ctx.verdict ?? numericVerdict(S, T, ranges);
  if (verdict === 'correct') return ctx.opts?.requireSimplified ? notSimplified(student, T) : [];
  if (verdict !== 'incorrect') return [];
  const sources = [...(ctx.sources ?? []), ...(ctx.problem && ctx.wrt ? [{ problem: ctx.problem, wrt: ctx.wrt }] : [])];
  const seen = new Set<string>();
  const unique = sources.filter((s) => {
    const k = `${s.wrt}:${atomKey(s.problem)}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  const scene: Scene = { S, T, sources: unique, holds, ranges };
  for (const m of MISTAKES) {
    let f: Finding | undefined;
    try {
      f = m(scene);
    } catch {
      f = undefined; // a candidate the engine cannot build explains nothing; the verdict stands
    }
    if (f) return [f];
  }
  return [];
}

function numericVerdict(S: Expr, T: Expr, ranges: VerifyOptions['ranges']): VerdictKind {
  try {
    const v = checkEquivalent(S, T, ranges ? { ranges } : {});
    return v.status === 'verified' ? 'correct' : v.status === 'refuted' ? 'incorrect' : 'undetermined';
  } catch {
    return 'undetermined';
  }
}

/** Correct, but larger than the simplified expected answer (docs/rules.md#size measure), as the
 * student wrote it: a d/dx(…) left standing is not simplified. */
function notSimplified(S: Expr, T: Expr): Finding[] {
  const simplest = simplify(T).result;
  return measure(S) > measure(simplest) ? [F.notSimplified(simplest)] : [];
}

/** A mistake read off one problem, tried on each source in turn. */
const withProblem = (m: (s: Scene & Source) => Finding | undefined): Mistake => (s) => {
  for (const src of s.sources) {
    const f = m({ ...s, ...src });
    if (f) return f;
  }
  return undefined;
};

/** Prediction and label of a BCE/MSE swapped: S is T with the two exchanged; or S writes the
 * difference label − prediction and has the sign of T, or of one term of T, turned around. */
const swappedLabels: Mistake = withProblem(({ S, T, problem, sources, holds }) => {
  const losses = lossCalls(problem);
  const sums = nodes(S).filter((n) => n.kind === 'add');
  const written = losses.find(({ prediction: p, label: t }) => sums.some((n) => holds(n, sub(t, p))));
  for (const { fn, prediction: p, label: t } of losses) {
    const swapped = replaceSubtrees(T, [[p, t], [t, p]]);
    // when exchanging the two only flips the sign, a sign error is as likely: the student's own
    // writing (label − prediction) must show the swap
    if (atomKey(swapped) !== atomKey(T) && holds(S, swapped) && (written || !holds(swapped, neg(T)))) return F.swapped(fn, p, t);
  }
  if (!written) return undefined;
  const flipped = holds(S, neg(T)) || termCandidates(T, sources).some((c) => holds(S, sub(T, mul(int(2), c.term))));
  return flipped ? F.swapped(written.fn, written.prediction, written.label) : undefined;
});

/** G5: the element-wise softmax shortcut, for softmax written out with exponentials. */
const softmax: Mistake = withProblem(({ S, problem, wrt, holds }) => {
  const wrong = softmaxShortcut(problem, wrt);
  return wrong && holds(S, wrong) ? F.softmaxElementwise() : undefined;
});

/** (uv)′ = u′v′, for any product of the problem (the rest of the chain done right). */
const productRule: Mistake = withProblem(({ S, problem, wrt, holds }) => {
  for (const p of productNodes(problem, wrt)) {
    const wrong = productOfDerivatives(p, wrt);
    const whole = wrong && derivativeWith(problem, wrt, [{ node: p, wrong }]);
    if (wrong && whole && holds(S, whole)) return F.productOfDerivatives(p, simplify(wrong).result);
  }
  return undefined;
});

const missingMean: Mistake = withProblem(({ S, T, problem, wrt, holds }) => {
  for (const m of meanDivisors(problem, wrt)) if (holds(S, mul(m, T))) return F.missingMean(m);
  return undefined;
});

const missingChain: Mistake = withProblem(({ S, T, problem, wrt, holds }) => {
  for (const c of chainFactors(problem, wrt)) if (holds(mul(S, c.factor), T)) return F.missingChainFactor(c.kind, c.of, c.factor, wrt);
  return undefined;
});

/** The chain rule through a square with the inside's derivative cut to its coefficient. */
const squaredError: Mistake = withProblem(({ S, problem, wrt, holds }) => squaredErrorSlip(S, problem, wrt, holds));

/** σ′ with a factor missing, or 1/g² for the derivative of 1/g; a wrong power of σ′ comes after
 * wrong-exponent (e^(−z)/(1 + e^(−z))³ reads better as the exponent of 1 + e^(−z)). */
const sigmoidReciprocal: Mistake = withProblem(({ S, problem, wrt, holds }) => sigmoidSlip(S, problem, wrt, holds, ['reciprocal']));
const sigmoidFactor: Mistake = withProblem(({ S, problem, wrt, holds }) => sigmoidSlip(S, problem, wrt, holds, ['missing']));
const sigmoidPower: Mistake = withProblem(({ S, problem, wrt, holds }) => sigmoidSlip(S, problem, wrt, holds, ['power']));

const wrongExponent: Mistake = withProblem(({ S, T, problem, wrt, holds }) => {
  for (const b of powerBases(problem, wrt)) {
    for (const k of [1, -1, 2, -2]) {
      const ratio = k === 1 ? b : pow(b, int(k));
      if (holds(S, mul(T, ratio))) return F.wrongExponent(b, ratio);
    }
  }
  return undefined;
});

/** An extra chain factor, inner function, or symbol of the problem (∂z/∂b taken as x). */
const extraFactor: Mistake = withProblem(({ S, T, problem, wrt, holds }) => {
  const gs = [
    ...chainFactors(problem, wrt).map((c) => c.factor),
    ...innerFunctions(problem, wrt),
    ...freeSymbols(problem).filter((n) => n !== wrt).map((n) => sym(n)),
  ];
  const seen = new Set<string>();
  for (const g of gs) {
    const k = atomKey(g);
    if (seen.has(k)) continue;
    seen.add(k);
    if (holds(S, mul(T, g))) return F.extraFactor(g);
  }
  return undefined;
});

const signError: Mistake = ({ S, T, holds }) => (holds(S, neg(T)) ? F.signError(T) : undefined);

/** A term as the student should see it (terms of an unsimplified derivative read 2(1 − b)(0 − 1)). */
function tidy(e: Expr): Expr {
  try {
    const s = simplify(e).result;
    const r = rationalForm(s)?.expr;
    return r && measure(r) < measure(s) ? r : s;
  } catch {
    return e;
  }
}

/** A dropped term; a finer-grained constant term is left to constant-offset (same relation). */
const droppedTerm: Mistake = ({ S, T, sources, holds }) => {
  for (const { term, level } of termCandidates(T, sources)) {
    if (level === 2 && isConstant(term)) continue;
    if (holds(S, sub(T, term))) return F.droppedTerm(tidy(term));
  }
  return undefined;
};

const signOfTerm: Mistake = ({ S, T, sources, holds }) => {
  for (const { term, level } of termCandidates(T, sources)) {
    if (level === 2 && isConstant(term)) continue;
    if (holds(S, sub(T, mul(int(2), term)))) return F.signErrorInTerm(tidy(term));
  }
  return undefined;
};

const constantFactor: Mistake = ({ S, T, holds, ranges }) => {
  const c = constantRelation(S, T, (s, t) => s / t, ranges);
  if (c === undefined || Math.abs(c) < SNAP_RTOL || Math.abs(Math.abs(c) - 1) < SNAP_RTOL) return undefined;
  const e = nearRational(c);
  return holds(S, mul(e, T)) ? F.constantFactor(e) : undefined;
};

const constantOffset: Mistake = ({ S, T, holds, ranges }) => {
  const c = constantRelation(S, T, (s, t) => s - t, ranges);
  if (c === undefined || Math.abs(c) < 1e-12) return undefined;
  const e = nearRational(c);
  return holds(S, add(T, e)) ? F.constantOffset(e) : undefined;
};

/** Most specific first: a swapped label is also a sign error, a missing chain factor that is a
 * constant is also a constant factor, a wrong exponent is also an extra factor of the base; a
 * constant factor comes before a dropped term (dropping one of the two equal product-rule terms
 * of (p − t)(p − t) is, to the student, forgetting the 2 of the power rule); the σ′ slips come
 * before dropped-term and extra-factor (σ(z) for σ′(z) is a missing factor of σ′, not a dropped
 * −σ(z)²), after missing-chain (−σ′(z) for d/dz −log σ(z) is log′ left out), except 1/g² for (1/g)′, whose
 * missing e^(−z) missing-chain would call the outer derivative of e^(−z). */
const MISTAKES: readonly Mistake[] = [
  swappedLabels, softmax, productRule, missingMean, sigmoidReciprocal, missingChain, squaredError, sigmoidFactor, wrongExponent, sigmoidPower,
  extraFactor, signError, constantFactor, droppedTerm, signOfTerm, constantOffset,
];

/** The value of op(S, T) if it is the same at every sampled point (to PROPOSE_RTOL), else
 * undefined. Only proposes the constant: the caller confirms S = c·T or S = T + c exactly. */
function constantRelation(S: Expr, T: Expr, op: (s: number, t: number) => number, ranges: VerifyOptions['ranges']): number | undefined {
  let points: Record<string, number>[];
  try {
    points = samplePoints([S, T], STEP_CHECK.proposalPoints, ranges ? { ranges } : {}).points;
  } catch {
    return undefined;
  }
  const vals: number[] = [];
  for (const p of points) {
    const s = numericValue(S, p);
    const t = numericValue(T, p);
    const v = op(s, t);
    if (Number.isFinite(v)) vals.push(v);
  }
  if (vals.length < 3) return undefined;
  const c = vals[0]!;
  return vals.every((v) => Math.abs(v - c) <= PROPOSE_RTOL * Math.max(1, Math.abs(c))) ? c : undefined;
}

/** The simplest rational within SNAP_RTOL (relative) of c (continued fractions, denominators ≤ 10⁴),
 * else the exact binary value of the double — still an exact tree for the confirming check. */
function nearRational(c: number): Expr {
  let [h0, h1, k0, k1] = [0n, 1n, 1n, 0n];
  let x = c;
  for (let i = 0; i < 20; i++) {
    const a = Math.floor(x);
    const ab = BigInt(a);
    [h0, h1] = [h1, ab * h1 + h0];
    [k0, k1] = [k1, ab * k1 + k0];
    if (k1 > 10_000n) break;
    if (Math.abs(Number(h1) / Number(k1) - c) <= SNAP_RTOL * Math.max(1, Math.abs(c))) return rat(h1, k1);
    const frac = x - a;
    if (frac < 1e-12) break;
    x = 1 / frac;
  }
  let d = 1n;
  let v = c;
  while (!Number.isInteger(v) && d < 1n << 60n) {
    v *= 2;
    d *= 2n;
  }
  return rat(BigInt(v), d);
}
