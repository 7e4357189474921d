// Golden: one textbook move per step (docs/rules.md#policy). The lines of SEEDS.md G1 (deck 000),
// deck 003's ∂L/∂a⁽²⁾ and σ′ by the notes' route, written as the notes write them, parsed, and
// compared with the derivation's forms as trees — up to the order of the factors of a product
// and where a minus sign of a product or a numerator is written (ŷy = yŷ, −(a)/b = −(a/b)), the
// two freedoms the notes themselves take. Every derivation is verified step by step.
import { describe, expect, it } from 'vitest';
import { add, div, mul, neg } from '../../src/ast/build.js';
import type { Expr } from '../../src/ast/nodes.js';
import { children, equal, substituteSymbols, withChildren } from '../../src/ast/traverse.js';
import { atomKey } from '../../src/algebra/atoms.js';
import { checkDerivation } from '../../src/check/index.js';
import { deriveChain } from '../../src/derive/chain.js';
import { derive, proofOf } from '../../src/derive/derive.js';
import { parseTextProgram } from '../../src/parse/text.js';
import { toText } from '../../src/render/index.js';
import { PHASE_STEP } from '../../src/rules/registry.js';
import type { Derivation } from '../../src/trace/types.js';
import { derivationProblems } from './trace.js';

const P = (s: string): Expr => parseTextProgram(s).program.body!;
const defs = (s: string) => parseTextProgram(s).program.definitions;

/** The comparison form: products flattened with sorted factors, signs of products and
 * numerators in front. */
function canon(e: Expr): Expr {
  const kids = children(e);
  const c = kids.length ? withChildren(e, kids.map(canon)) : e;
  if (c.kind === 'neg' && c.arg.kind === 'neg') return c.arg.arg;
  if (c.kind === 'div' && c.num.kind === 'neg') return canon(neg(div(c.num.arg, c.den)));
  if (c.kind === 'add') return add(...c.terms.flatMap((t) => (t.kind === 'add' ? t.terms : [t])));
  if (c.kind === 'mul') {
    let negs = 0;
    const fs = c.factors
      .flatMap((f) => (f.kind === 'mul' ? f.factors : [f]))
      .map((f) => {
        if (f.kind !== 'neg') return f;
        negs++;
        return f.arg;
      })
      .flatMap((f) => (f.kind === 'mul' ? f.factors : [f]))
      .sort((a, b) => (atomKey(a) < atomKey(b) ? -1 : atomKey(a) > atomKey(b) ? 1 : 0));
    const m = mul(...fs);
    return negs % 2 ? neg(m) : m;
  }
  return c;
}

/** The forms the simplification steps show (no d/dx left), consecutive repeats (as compared)
 * dropped. */
function forms(d: Derivation, withDerivative: boolean): Expr[] {
  const out: Expr[] = [];
  const lastDiff = d.steps.filter((s) => s.rule.startsWith('diff.')).pop();
  if (withDerivative && lastDiff) out.push(canon(lastDiff.after));
  for (const s of d.steps) {
    if (!s.rule.startsWith('simp.') || toText(s.after).includes('d/d')) continue;
    const f = canon(s.after);
    if (out.length === 0 || !equal(out[out.length - 1]!, f)) out.push(f);
  }
  return out;
}

/** `withDerivative`: the lines start with the differentiation's result (a rule such as BCE′
 * gives the notes' first line at once), not with the first simplification step. */
function expectLines(d: Derivation, lines: readonly string[], subst: Record<string, string> = {}, withDerivative = false): void {
  const by = new Map(Object.entries(subst).map(([k, v]) => [k, P(v)]));
  const want = lines.map((l) => canon(substituteSymbols(P(l), by)));
  expect(forms(d, withDerivative).map(toText)).toEqual(want.map(toText));
  expect(derivationProblems(d)).toEqual([]);
  const c = checkDerivation(d);
  expect(c.status).toBe('verified');
  expect(c.refuted).toBe(0);
}

/** SEEDS.md G1 step 1 (deck 000), every line. */
const G1_STEP1 = [
  '−(ŷ/y − (1−ŷ)/(1−y))',
  '−(ŷ(1−y) − (1−ŷ)y)/(y(1−y))',
  '−(ŷ − ŷy − y + yŷ)/(y(1−y))',
  '−(ŷ − y)/(y(1−y))',
  '(y − ŷ)/(y(1−y))',
];

describe('G1 in definitions mode: the lines of deck 000', () => {
  const c = deriveChain(defs('z = wx + b; y = σ(z); L = BCE(y, ŷ)'), ['w', 'b']);
  const local = (of: string, wrt: string) => c.locals.find((l) => l.of === of && l.wrt === wrt)!;
  const adj = (n: string) => c.adjoints.find((a) => a.name === n)!;
  it('step 1: ∂L/∂y — common denominator, expanded numerator, like terms cancel, sign', () => {
    expectLines(local('L', 'y').derivation, G1_STEP1, {}, true);
    const rules = local('L', 'y').derivation.steps.map((s) => s.rule);
    expect(rules.slice(1)).toEqual([PHASE_STEP.combineFractions.id, PHASE_STEP.expandNumerator.id, PHASE_STEP.likeTerms.id, PHASE_STEP.signIntoNumerator.id]);
  });
  it('step 2: ∂y/∂z = σ(z)(1 − σ(z)) = y(1 − y), σ′ proved by the notes’ route', () => {
    expect(toText(local('y', 'z').result)).toBe('y*(1 - y)');
    expect(local('y', 'z').derivation.steps[0]!.proof).toBe(proofOf('sigmoid'));
  });
  it('step 3: ∂L/∂z = (y−ŷ)/(y(1−y))·y(1−y) = (y−ŷ)y(1−y)/(y(1−y)) = y − ŷ', () => {
    const d = adj('z').derivation;
    expect(toText(canon(d.start))).toBe(toText(canon(P('(y−ŷ)/(y(1−y)) · y(1−y)'))));
    expectLines(d, ['(y−ŷ)/(y(1−y)) · y(1−y)', '(y−ŷ)y(1−y)/(y(1−y))', 'y − ŷ']);
    const cancel = d.steps.find((s) => s.rule === PHASE_STEP.cancel.id)!;
    expect(cancel.conditions!.map(toText)).toEqual(['y', '1 - y']);
  });
  it('step 4: ∂L/∂w = (y − ŷ)x, ∂L/∂b = y − ŷ', () => {
    expect(toText(c.gradients['w']!)).toBe('(y - y_hat)*x');
    expect(toText(c.gradients['b']!)).toBe('y - y_hat');
  });
});

describe('G1 in one-expression mode: the same lines inside d/dw BCE(σ(wx+b), ŷ)', () => {
  const d = derive(P('BCE(σ(wx+b), ŷ)'), 'w');
  it('steps 1, 3 and 4 line for line, s = σ(wx+b) standing for y', () => {
    const times = (l: string) => `(${l})·y(1−y)·x`;
    expectLines(d, [...G1_STEP1.map(times), '(y − ŷ)·y(1−y)·x/(y(1−y))', '(y − ŷ)x'], { y: 'σ(wx+b)' });
  });
  it('step 2: the σ′ step carries the proof from the definition', () => {
    const s = d.steps.find((x) => x.proof)!;
    expect(s.label).toContain('σ');
    expect(s.proof).toBe(proofOf('sigmoid'));
  });
});

describe('σ′ by the notes’ route (deck 000)', () => {
  it('e^(−z)/(1+e^(−z))² = 1/(1+e^(−z)) · e^(−z)/(1+e^(−z)) = σ(z)(1−σ(z))', () => {
    const p = proofOf('sigmoid')!;
    expectLines(p, ['e^(−z)/(1+e^(−z))^2', '1/(1+e^(−z)) · (e^(−z)/(1+e^(−z)))', 'σ(z)(1−σ(z))']);
    expect(p.steps.slice(-2).map((s) => s.rule)).toEqual([PHASE_STEP.splitFraction.id, PHASE_STEP.recogniseSigmoid.id]);
    // the notes' first line: −1/(1+e^(−z))² times the derivative of 1 + e^(−z)
    expect(p.steps[0]!.rule).toBe('diff.reciprocal');
  });
  it('G5: S = eˣ/(eˣ+1) ⇒ S′ by the same split', () => {
    const d = derive(P('e^x/(e^x+1)'), 'x');
    expect(toText(d.result)).toBe('sigmoid(x)*(1 - sigmoid(x))');
    expect(d.steps.map((s) => s.rule)).toContain(PHASE_STEP.splitFraction.id);
    expect(checkDerivation(d).status).toBe('verified');
  });
});

describe('deck 003: ∂L/∂a⁽²⁾ by the same policy', () => {
  it('−y/a + (1−y)/(1−a) = (−y(1−a) + a(1−y))/(a(1−a)) = (−y + ya + a − ya)/(a(1−a)) = (a − y)/(a(1−a))', () => {
    const d = derive(P('-y log(a_2) - (1 - y) log(1 - a_2)'), 'a_2');
    expectLines(d, [
      '-y/a_2 + (1-y)/(1-a_2)',
      '(-y(1-a_2) + a_2(1-y))/(a_2(1-a_2))',
      '(-y + y a_2 + a_2 - y a_2)/(a_2(1-a_2))',
      '(a_2 - y)/(a_2(1-a_2))',
    ]);
  });
});

describe('σ written out is σ (definitions)', () => {
  const bce = 'L = -(ŷ log(y) + (1-ŷ) log(1-y))';
  it.each(['1/(1+exp(-z))', 'e^z/(1+e^z)', '1/(1+e^(-z))', 'exp(z)/(exp(z)+1)'])('y = %s: ∂y/∂z = y(1 − y), ∂L/∂z = y − ŷ', (sigma) => {
    const c = deriveChain(defs(`z = wx + b; y = ${sigma}; ${bce}`), ['w', 'b']);
    const yz = c.locals.find((l) => l.of === 'y' && l.wrt === 'z')!;
    expect(yz.derivation.steps[0]!.rule).toBe(PHASE_STEP.recogniseSigmoid.id);
    expect(toText(yz.derivation.steps[0]!.after)).toBe('d/dz(sigmoid(z))');
    expect(toText(yz.result)).toBe('y*(1 - y)');
    expect(checkDerivation(yz.derivation).status).toBe('verified');
    expectLines(c.locals.find((l) => l.of === 'L' && l.wrt === 'y')!.derivation, G1_STEP1);
    const z = c.adjoints.find((a) => a.name === 'z')!;
    expect(toText(z.result)).toBe('y - y_hat');
    expectLines(z.derivation, ['(y−ŷ)/(y(1−y)) · y(1−y)', '(y−ŷ)y(1−y)/(y(1−y))', 'y − ŷ']);
    expect(toText(c.gradients['w']!)).toBe('(y - y_hat)*x');
    expect(toText(c.gradients['b']!)).toBe('y - y_hat');
  });
  it('1 − σ written out (y = 1/(1+e^z)) is not taken for σ', () => {
    const c = deriveChain(defs('z = wx + b; y = 1/(1+e^z); L = y^2'), ['w']);
    const yz = c.locals.find((l) => l.of === 'y' && l.wrt === 'z')!;
    expect(yz.derivation.steps[0]!.rule).not.toBe(PHASE_STEP.recogniseSigmoid.id);
    expect(checkDerivation(yz.derivation).status).toBe('verified');
  });
});
