// The trace invariants (trace.ts) and a fully verified numeric check on every golden expression of
// SEEDS.md, one row each: derive, simplify, and — for the cases the notes write as definitions —
// every local gradient and adjoint of the chain derivation. Exact expected forms live in
// golden.test.ts; this file only asks that each trace is well formed and every step verifies.
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/ast/nodes.js';
import { freeSymbols } from '../../src/ast/traverse.js';
import { checkDerivation, type DerivationCheck, type StepCheck } from '../../src/check/index.js';
import { deriveChain } from '../../src/derive/chain.js';
import { derive } from '../../src/derive/derive.js';
import { canonicalSymbol } from '../../src/parse/index.js';
import { parseTextProgram } from '../../src/parse/text.js';
import { toText } from '../../src/render/index.js';
import { simplify } from '../../src/simplify/simplify.js';
import type { Derivation } from '../../src/trace/types.js';
import { allSteps, derivationProblems } from './trace.js';

const P = (s: string): Expr => parseTextProgram(s).program.body!;
const defs = (s: string) => parseTextProgram(s).program.definitions;
/** The variable as the notes write it (W1, ŷ) → its canonical name in the tree (W_1, y_hat). */
const V = canonicalSymbol;

/** [case, input as the notes write it, variable]. */
const EXPRESSIONS: readonly (readonly [string, string, string])[] = [
  ['G1 BCE(σ(wx+b), ŷ) by w', 'BCE(σ(wx + b), ŷ)', 'w'],
  ['G1 BCE(σ(wx+b), ŷ) by b', 'BCE(σ(wx + b), ŷ)', 'b'],
  ['G1 step 1: BCE(y, ŷ) by y', 'BCE(y, ŷ)', 'y'],
  ['G1 the definition: BCE written out by y', '−(ŷ·log y + (1−ŷ)·log(1−y))', 'y'],
  ['G1 step 2: σ from its definition', '1/(1+e^(−z))', 'z'],
  ['G2 y = 1: −log σ(z)', '−log(σ(z))', 'z'],
  ['G2 logistic regression by w1', 'BCE(σ(w0 + w1 x1 + w2 x2), y)', 'w1'],
  ['G3 log(x/3 + 2/3)', 'log(x/3 + 2/3)', 'x'],
  ['G3 squared residual by a', '(y − (a x + b))^2', 'a'],
  ['G5 S = eˣ/(eˣ+1)', 'e^x/(e^x+1)', 'x'],
  ['G5 x² + 2x + 1', 'x^2 + 2x + 1', 'x'],
  ['G5 logit', 'log(p/(1−p))', 'p'],
  ['G4 BCE(σ(W2 σ(W1 X + b1) + b2), y) by W1', 'BCE(σ(W2 σ(W1 X + b1) + b2), y)', 'W1'],
  ['G4 … by W2', 'BCE(σ(W2 σ(W1 X + b1) + b2), y)', 'W2'],
  ['G4 … by b1', 'BCE(σ(W2 σ(W1 X + b1) + b2), y)', 'b1'],
];

/** [case, definitions, inputs]: the notes' chains, every local gradient and adjoint checked. */
const CHAINS: readonly (readonly [string, string, readonly string[]])[] = [
  ['G1', 'z = wx + b; y = σ(z); L = BCE(y, ŷ)', ['w', 'b']],
  ['G2 (y = 1)', 'z = w0 + w1 x1 + w2 x2; p = σ(z); L = −log(p)', ['w_0', 'w_1', 'w_2', 'x_1', 'x_2']],
  ['G3', 'y = x/3 + 2/3; z = log(y)', ['x']],
  ['G4', 'z1 = W1 X + b1; a1 = σ(z1); z2 = W2 a1 + b2; a2 = σ(z2); L = BCE(a2, y)', ['W_1', 'b_1', 'W_2', 'b_2']],
  ['G5 chain check', 'h = x + 1; f = h^2', ['x']],
];

/** Every verdict of a check, steps and substeps depth first, then the result. */
function verdicts(c: DerivationCheck): string[] {
  const walk = (cs: readonly StepCheck[]): string[] => cs.flatMap((s) => [s.verdict.status, ...walk(s.substeps ?? [])]);
  return [...walk(c.steps), ...(c.result ? [c.result.status] : [])];
}

function expectSound(d: Derivation, label: string): void {
  expect(derivationProblems(d), label).toEqual([]);
  const c = checkDerivation(d);
  const statuses = verdicts(c);
  const bad = allSteps(d.steps)
    .map((s, i) => (statuses[i] === 'verified' ? '' : `${s.rule} ${toText(s.from)} → ${toText(s.to)}: ${statuses[i]}`))
    .filter(Boolean);
  expect(bad, `${label}: steps not verified`).toEqual([]);
  expect(c.status, label).toBe('verified');
  // a step that uses σ carries the proof of σ′ from σ's definition: a derivation of its own
  for (const s of allSteps(d.steps)) if (s.proof) expectSound(s.proof, `${label}: proof of ${s.rule}`);
}

describe('golden expressions: trace invariants and every step verified', () => {
  it.each(EXPRESSIONS)('%s: derive', (_, input, wrt) => {
    const e = P(input);
    const d = derive(e, V(wrt));
    expect(freeSymbols(e), `${input} has no ${wrt}`).toContain(V(wrt));
    expectSound(d, `derive(${input}, ${wrt}) = ${toText(d.result)}`);
  });
  it.each(EXPRESSIONS)('%s: simplify', (_, input) => {
    const s = simplify(P(input));
    expectSound(s, `simplify(${input}) = ${toText(s.result)}`);
  });
  it.each(CHAINS)('%s through definitions: every local gradient and adjoint', (_, program, wrt) => {
    const c = deriveChain(defs(program), wrt.map(V));
    expect(c.locals.length).toBeGreaterThan(0);
    for (const l of c.locals) expectSound(l.derivation, `${program}: local ∂${l.of}/∂${l.wrt}`);
    for (const a of c.adjoints) expectSound(a.derivation, `${program}: adjoint ∂L/∂${a.name}`);
  });
});
