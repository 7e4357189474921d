// Answers written with sums over an index, δ or indexed names (deck 004: Σ_{i=1}^{3} (y_i − t_i)
// h_i(1 − h_i) v_i1 s_1(1 − s_1) x_1): compared once per instantiation, as the step checks do
// (check/indexed.ts) — sums expanded (Σ_{i=1}^{3} y_i → y_1 + y_2 + y_3), a symbolic bound K and
// free indices (y_j) given values — each instantiated pair decided by the plain scalar route. The
// first `incorrect` wins (its counterexample names K and the indices), else the first
// `undetermined`, else `correct`. Without this the names y_1 of an expanded sum had no value.
import { boundSymbols, freeIndexLetters, instantiate } from '../ast/indices.js';
import type { Expr } from '../ast/nodes.js';
import { expandIndexedCalls, instantiations, needsInstances } from '../check/indexed.js';
import type { Equivalence } from './types.js';

/** Does this pair need instantiating (a sum, a δ or an indexed function in either answer)? */
export function isIndexedPair(student: Expr, teacher: Expr): boolean {
  return needsInstances(student) || needsInstances(teacher);
}

/** `decide` on every instantiation of the pair (see the header). */
export async function decideIndexed(
  student: Expr, teacher: Expr, decide: (s: Expr, t: Expr) => Promise<Equivalence>,
): Promise<Equivalence> {
  const s0 = expandIndexedCalls(student);
  const t0 = expandIndexedCalls(teacher);
  const dims = [...new Set([s0, t0].flatMap(boundSymbols))].sort();
  const letters = [...new Set([s0, t0].flatMap((e) => freeIndexLetters(e)))].sort();
  let correct: Equivalence | undefined;
  let undetermined: Equivalence | undefined;
  let points = 0;
  for (const values of instantiations(dims, letters)) {
    const eq = await decide(instantiate(s0, values), instantiate(t0, values));
    if (eq.verdict === 'incorrect') {
      if (!eq.counterexample || Object.keys(values).length === 0) return eq;
      // the point says which instance refuted it (K = 3, j = 2) before the variables' values
      return { ...eq, counterexample: { ...eq.counterexample, point: { ...values, ...eq.counterexample.point } } };
    }
    if (eq.verdict === 'undetermined') undetermined ??= eq;
    else {
      correct ??= eq;
      points += eq.points ?? 0;
    }
  }
  if (undetermined) return undetermined;
  return { ...correct!, ...(points ? { points } : {}) };
}
