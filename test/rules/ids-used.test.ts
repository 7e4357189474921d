// Every step id the engine emits is registered: the derivation engine runs over the golden inputs
// (SEEDS.md), random expressions (the property tests' generators, fixed seeds) and random chains
// of definitions, and the simplifier over its own inputs; every step's rule id — substeps and
// proofs included — must be in src/rules/registry.ts. The rule ids it meets must also cover the
// ones a derivation can name, so an id the engine stopped using shows up here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/ast/nodes.js';
import { deriveChain } from '../../src/derive/chain.js';
import { derive } from '../../src/derive/derive.js';
import { parseTextProgram } from '../../src/parse/text.js';
import { isRegistered, STEPS } from '../../src/rules/registry.js';
import { simplify } from '../../src/simplify/simplify.js';
import type { Derivation, Step } from '../../src/trace/types.js';
import { arbExprWith } from '../arbitrary.js';
import { arbChain, arbCourseExpr, SYMBOLS } from '../derive/arbitrary.js';

const P = (s: string): Expr => parseTextProgram(s).program.body!;

/** Every rule id of a derivation: steps, their substeps, and the steps of attached proofs. */
function ids(d: Derivation, out: Set<string>): Set<string> {
  const visit = (s: Step) => {
    out.add(s.rule);
    s.substeps?.forEach(visit);
    if (s.proof) ids(s.proof, out);
  };
  d.steps.forEach(visit);
  return out;
}

const GOLDEN: readonly (readonly [string, string])[] = [
  ['BCE(σ(wx+b), ŷ)', 'w'], ['BCE(σ(wx+b), ŷ)', 'b'], ['σ(z)', 'z'], ['-log(σ(wx+b))', 'w'],
  ['MSE(wx + b, y)', 'w'], ['x^2 + 2x + 1', 'x'], ['e^x/(e^x+1)', 'x'], ['1/x', 'x'], ['3/x^2', 'x'],
  ['x^x', 'x'], ['2^x', 'x'], ['sin(x)cos(x)', 'x'], ['tanh(w x)', 'w'], ['relu(wx)', 'w'], ['x/3 - 5', 'x'],
  ['sqrt(x^2 + 1)', 'x'], ['abs(x) + sign(x)', 'x'], ['asec(x) + acoth(x)', 'x'], ['(x + 1)/(x - 1)', 'x'],
];
const PROGRAMS: readonly (readonly [string, readonly string[]])[] = [
  ['z = wx + b; y = σ(z); L = BCE(y, ŷ)', ['w', 'b']],
  ['z1 = W1 X + b1; a1 = σ(z1); z2 = W2 a1 + b2; a2 = σ(z2); L = BCE(a2, y)', ['W_1', 'b_1', 'W_2', 'b_2']],
  ['y = x/3 + 2/3; z = log(y)', ['x']],
  ['h = x + 1; f = h^2', ['x']],
];

describe('every emitted step id is registered', () => {
  const seen = new Set<string>();
  const unregistered = (s: Set<string>) => [...s].filter((id) => !isRegistered(id));

  it('golden derivations', () => {
    for (const [e, x] of GOLDEN) ids(derive(P(e), x), seen);
    expect(unregistered(seen)).toEqual([]);
  });

  it('golden chains through definitions', () => {
    const local = new Set<string>();
    for (const [text, inputs] of PROGRAMS) {
      const c = deriveChain(parseTextProgram(text).program.definitions, inputs);
      for (const l of c.locals) ids(l.derivation, local);
      for (const a of c.adjoints) ids(a.derivation, local);
    }
    local.forEach((id) => seen.add(id));
    expect(unregistered(local)).toEqual([]);
  });

  it('random expressions (course functions and the whole registry) and random chains', () => {
    const local = new Set<string>();
    const exprs = [
      ...fc.sample(arbCourseExpr({ depth: 3 }), { seed: 20260801, numRuns: 120 }),
      ...fc.sample(arbExprWith({ depth: 3, symbols: SYMBOLS }), { seed: 20260802, numRuns: 120 }),
    ];
    for (const e of exprs) {
      ids(derive(e, 'x'), local);
      ids(simplify(e), local);
    }
    for (const c of fc.sample(arbChain, { seed: 20260803, numRuns: 30 })) {
      const chain = deriveChain(c.defs, c.inputs);
      for (const l of chain.locals) ids(l.derivation, local);
      for (const a of chain.adjoints) ids(a.derivation, local);
    }
    local.forEach((id) => seen.add(id));
    expect(unregistered(local)).toEqual([]);
  });

  it('the simplifier on its own', () => {
    const local = new Set<string>();
    for (const s of ['-(y_hat/y - (1 - y_hat)/(1 - y))', 'exp(-z)/(1 + exp(-z))^2', 'x/2 + x/3', '2*x*1 + 0', 'sqrt(9/4) + cos(0)']) ids(simplify(P(s)), local);
    local.forEach((id) => seen.add(id));
    expect(unregistered(local)).toEqual([]);
  });

  it('meets the common ids of each kind (the collection above is not vacuous)', () => {
    for (const id of ['diff.sum', 'diff.product', 'diff.power', 'diff.chain', 'diff.fn.sigmoid', 'diff.fn.BCE', 'simp.tidy', 'simp.cancel', 'simp.combine-fractions', 'simp.mul-one']) {
      expect(seen.has(id), id).toBe(true);
    }
    expect(seen.size).toBeGreaterThan(STEPS.length / 3);
  });
});
