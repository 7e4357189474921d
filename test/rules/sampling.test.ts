// Every registered step, sampled numerically (ARCHITECTURE.md "Tests", Herbie test-rules.rkt):
// each rule's stated equation holds on generic instances, and each rule's rewrite (`apply`) agrees
// with its equation there; every function rule (and the chain rule through every function) agrees
// with a numerical derivative; exact values in the specs are the functions' values; the simplifier's
// phases and the chain steps keep the value on the golden inputs; the unsound candidates really fail
// at their counterexamples.
import { describe, expect, it } from 'vitest';
import { call, diff, int, mul, rat, sym } from '../../src/ast/build.js';
import type { Expr } from '../../src/ast/nodes.js';
import { substituteSymbols } from '../../src/ast/traverse.js';
import { checkDerivative, checkEquivalent } from '../../src/check/index.js';
import { constrainedCopy, solveLinear, useAssumptions } from '../../src/derive/assume.js';
import { deriveChain, substitute } from '../../src/derive/chain.js';
import { derive } from '../../src/derive/derive.js';
import { deriveIndexed } from '../../src/derive/indexedChain.js';
import { FUNCTIONS } from '../../src/functions/index.js';
import { evaluate } from '../../src/numeric/float.js';
import { mainExpr } from '../../src/parse/index.js';
import { parseTextProgram } from '../../src/parse/text.js';
import { toText } from '../../src/render/index.js';
import { DIFF_RULES, type DiffRule } from '../../src/rules/diff.js';
import { ABSTRACT_STEP, ASSUME_STEP, CHAIN_STEP, DIFF_STEP, INDEXED_CHAIN_STEP, PHASE_STEP, PREMISE_STEP, SIMP_STEP, STEPS, UNSOUND_CANDIDATES, functionStepId } from '../../src/rules/registry.js';
import { SIMP_RULES } from '../../src/rules/simp.js';
import { simplify } from '../../src/simplify/simplify.js';
import type { Step } from '../../src/trace/types.js';

const P = (s: string): Expr => mainExpr(parseTextProgram(s));
const sides = (text: string) => text.split(' = ').map(P) as [Expr, Expr];
const inst = (e: Expr, by: Readonly<Record<string, string>>) => substituteSymbols(e, new Map(Object.entries(by).map(([k, v]) => [k, P(v)])));
const expectVerified = (a: Expr, b: Expr, what: string) => {
  const v = checkEquivalent(a, b);
  expect(v.status, `${what}: ${toText(a)} vs ${toText(b)} → ${JSON.stringify(v)}`).toBe('verified');
};

/** Generic instances of the pattern letters: u, v vary with x (u stays positive, as log u in the
 * general power rule needs); c, a, n do not (a > 0 for log a). Two rows per rule where a numeric
 * exponent takes another path (the power rule lowers 3 at once). */
const INSTANCES: readonly Readonly<Record<string, string>>[] = [
  { u: 'x^2 + sin(x) + 2', v: 'exp(x/2) + x', c: 'k^2 + 1', a: '2', n: 'k' },
  { u: 'sigmoid(3x - 1)', v: 'x^2 + 1', c: '3', a: 'k^2 + 1', n: '3' },
];

describe('differentiation rules: equation and rewrite agree on generic instances', () => {
  const rows = DIFF_RULES.filter((r) => r.lhs && r.rhs).flatMap((r) => INSTANCES.map((by, i) => [r.id, i, r, by] as const));
  it.each(rows)('%s (instance %i)', (_id, _i, r: DiffRule, by) => {
    // diff.variable: the pattern is the variable itself, so it is instantiated by x only
    const lhs = inst(r.lhs!, by);
    const rhs = inst(r.rhs!, by);
    expectVerified(lhs, rhs, 'the stated equation');
    if (lhs.kind !== 'diff') throw new Error(`${r.id}: the left side is not d/dx(…)`);
    const applied = r.apply(lhs.arg, lhs.wrt);
    expect(applied, `${r.id} does not match its own left side ${toText(lhs)}`).toBeDefined();
    expectVerified(applied!.after, rhs, 'the rewrite');
  });
});

describe('function rules and the chain rule: every function against a numerical derivative', () => {
  const chain = DIFF_RULES.find((r) => r.id === DIFF_STEP.chain.id)!;
  const rows = FUNCTIONS.map((f) => [f.name, f] as const);
  it.each(rows)('%s', (_name, spec) => {
    // direct: f(x, t, …) by x → diff.fn.<name>; through an inner expression: f(1·x, …) → diff.chain
    // (1·x keeps f's domain, from which the sampler infers the ranges: asech needs 0 < x ≤ 1)
    const args = spec.params.map((_, i) => sym(i === 0 ? 'x' : 't'));
    const direct = chain.apply(call(spec.name, ...args), 'x')!;
    expect(direct.id).toBe(functionStepId(spec.name));
    expect(checkDerivative(call(spec.name, ...args), 'x', direct.after).status).toBe('verified');
    const inner = [mul(int(1), sym('x')), ...args.slice(1)];
    const through = chain.apply(call(spec.name, ...inner), 'x')!;
    expect(through.id).toBe(DIFF_STEP.chain.id);
    expect(checkEquivalent(diff(call(spec.name, ...inner), 'x'), through.after, { domain: [call(spec.name, ...args)] }).status).toBe('verified');
  });
});

describe('simplification rules: equation and rewrite agree on generic instances', () => {
  const SIMP_INSTANCES: readonly Readonly<Record<string, string>>[] = [
    { u: 'x^2 + 1', v: 'sin(x) + 2', a: 'x', b: 'exp(x)', c: 'y - 1' },
    { u: 'sigmoid(x)y', v: '3 - x', a: 'x + y', b: '2y', c: 'log(x^2 + 1)' },
  ];
  const rows = SIMP_RULES.flatMap((r) => SIMP_INSTANCES.map((by, i) => [r.id, i, r, by] as const));
  it.each(rows)('%s (instance %i)', (_id, _i, r, by) => {
    const [l, rr] = sides(r.text);
    const lhs = inst(l, by);
    const rhs = inst(rr, by);
    expectVerified(lhs, rhs, 'the stated equation');
    const after = r.apply(lhs);
    expect(after, `${r.id} does not match its own left side ${toText(lhs)}`).toBeDefined();
    expectVerified(after!, rhs, 'the rewrite');
  });

  const exact = FUNCTIONS.flatMap((f) => (f.exactValues ?? []).map((p) => [`${f.name}(${toText(p.at)}) = ${toText(p.value)}`, f.name, p.at, p.value] as const));
  it('has exact values in the specs (σ(0), log(1), …)', () => expect(exact.length).toBeGreaterThanOrEqual(18));
  it.each(exact)('simp.function-value: %s', (_s, fn, at, value) => {
    const r = SIMP_RULES.find((x) => x.id === SIMP_STEP.functionValue.id)!;
    const e = call(fn, at);
    expect(r.apply(e)).toEqual(value);
    const got = evaluate(e, {});
    expect(got.ok && got.value).toBeCloseTo(Number(value.n) / Number(value.d), 14);
  });
  it.each([
    ['abs', rat(-3n, 2n), rat(3n, 2n)], ['sqrt', rat(9n, 4n), rat(3n, 2n)], ['sqrt', int(2), undefined],
    // large squares: √(3²⁰¹) hung (a double's estimate stepped by one), √(1/2²⁰⁰⁰) threw past 2¹⁰²⁴
    ['sqrt', int(3n ** 200n), int(3n ** 100n)], ['sqrt', int(3n ** 201n), undefined], ['sqrt', rat(1n, 2n ** 2000n), rat(1n, 2n ** 1000n)],
    ['sqrt', int(3n ** 200n + 1n), undefined], ['sqrt', int((10n ** 30n + 7n) ** 2n), int(10n ** 30n + 7n)],
  ] as const)(
    'simp.function-value by a spec rule: %s(%o)', (fn, at, value) => {
      const r = SIMP_RULES.find((x) => x.id === SIMP_STEP.functionValue.id)!;
      expect(r.apply(call(fn, at))).toEqual(value);
    });
});

/** The golden inputs of SEEDS.md and a few more that reach every phase. */
const SIMPLIFY_INPUTS = [
  '-(y_hat/y - (1 - y_hat)/(1 - y))',
  '(y - y_hat)/(y*(1 - y))*(y*(1 - y))',
  'exp(-z)/(1 + exp(-z))^2',
  'x/2 + x/3',
  '(x^2 - 1)/(x - 1)',
  '2*x*1 + 0 + x*3',
  '(a + b)*(a - b)/(a^2 - b^2) + 1/x - 1/(x*(x + 1))',
  '1/(1 + exp(-z)) * exp(-z)',
  'sigmoid(z)*exp(-z)',
  '(x + 1)/x - x/(x + 1)',
  'exp(a_j)/sum(i, 1, K, exp(a_i))',
];

describe('textbook phases keep the value, and each is met', () => {
  const steps: Step[] = SIMPLIFY_INPUTS.flatMap((s) => simplify(P(s)).steps);
  const phaseIds = Object.values(PHASE_STEP).map((s) => s.id);
  it.each(phaseIds)('%s', (id) => {
    const hits = steps.filter((s) => s.rule === id);
    expect(hits.length, `no input reaches ${id}`).toBeGreaterThan(0);
    for (const s of hits) expectVerified(s.from, s.to, id);
  });
});

describe('chain steps keep the value (G1, G4-like)', () => {
  const programs = ['z = wx + b; y = σ(z); L = BCE(y, y_hat)', 'h = tanh(w1 x); o = w2 h + h^2; L = MSE(o, t)'];
  it.each(programs)('%s', (text) => {
    const defs = parseTextProgram(text).program.definitions;
    const wrt = text.includes('w1') ? ['w1', 'w2'] : ['w', 'b'];
    const c = deriveChain(defs, wrt);
    // chain.local: each local gradient is the derivative of its definition
    for (const l of c.locals) {
      const def = defs.find((d) => d.name === l.of)!;
      expect(checkDerivative(def.expr, l.wrt, l.derivation.result).status, `${CHAIN_STEP.local.id} ∂${l.of}/∂${l.wrt}`).toBe('verified');
    }
    // chain.upstream: the gradients, all substituted, are the derivatives of the substituted target
    const target = substitute(defs[defs.length - 1]!.expr, defs.slice(0, -1));
    for (const w of wrt) expect(checkDerivative(target, w, substitute(c.gradients[w]!, defs)).status, `${CHAIN_STEP.upstream.id} ∂L/∂${w}`).toBe('verified');
  });
});

describe('unsound candidates fail at their counterexamples', () => {
  it.each(UNSOUND_CANDIDATES.map((c) => [c.text, c] as const))('%s', (_t, c) => {
    const [l, r] = sides(c.text);
    const a = evaluate(l, c.at);
    const b = evaluate(r, c.at);
    const va = a.ok ? a.value : NaN;
    const vb = b.ok ? b.value : NaN;
    expect(Number.isFinite(va) && Number.isFinite(vb) && Math.abs(va - vb) < 1e-12).toBe(false);
  });
});

describe('abstract functions: each diff.abstract step keeps the value (the test functions stand in)', () => {
  it.each(['g(f(x))', 'f(x)^2 + g(x)', "f(g(x))·x"])('%s', (text) => {
    const e = mainExpr(parseTextProgram(text, { functions: ['f', 'g'] }));
    const steps = derive(e, 'x').steps.filter((s) => s.rule === ABSTRACT_STEP.abstract.id);
    expect(steps.length).toBeGreaterThan(0);
    for (const s of steps) expectVerified(s.from, s.to, ABSTRACT_STEP.abstract.id);
  });
});

describe('assumption steps keep the value under the assumption (softmax + CE, t1 + t2 + t3 = 1)', () => {
  it('simp.use-assumption and simp.defined-names', () => {
    const SM = (k: number) => `y${k} = exp(a${k})/(exp(a1)+exp(a2)+exp(a3))`;
    const defs = parseTextProgram(`${SM(1)}; ${SM(2)}; ${SM(3)}; L = -(t1 log(y1) + t2 log(y2) + t3 log(y3))`).program.definitions;
    const flat = substitute(deriveChain(defs, ['a_1']).gradients['a_1']!, defs);
    const solved = solveLinear(P('t1 + t2 + t3'), P('1'), []);
    if (typeof solved === 'string') throw new Error(solved);
    const a = { facts: [], constraints: [{ kind: 'linear' as const, text: 't1 + t2 + t3 = 1', ...solved }] };
    const d = constrainedCopy(useAssumptions(flat, a, defs)!, a, defs);
    for (const id of Object.values(ASSUME_STEP).map((x) => x.id)) {
      const hits = d.steps.filter((x) => x.rule === id);
      expect(hits.length, `no input reaches ${id}`).toBeGreaterThan(0);
      for (const x of hits) expectVerified(x.before, x.after, id);
    }
  });
});

describe('steps through definitions by index keep the value (deck 004\'s network, each name at its value)', () => {
  it('chain.indexed, chain.component, chain.collapse, chain.into-sum', () => {
    const net = 's_i = σ(Σ_{k=1}^{2} w_ik x_k); h_j = σ(Σ_{i=1}^{3} v_ji s_i); y_j = softmax(h_j); L = -Σ_{j=1}^{3} t_j log y_j';
    const d = deriveIndexed(parseTextProgram(net).program.definitions, 'w_11', 'L');
    for (const id of Object.values(INDEXED_CHAIN_STEP).map((x) => x.id)) {
      const hits = d.steps.filter((x) => x.rule === id);
      expect(hits.length, `no input reaches ${id}`).toBeGreaterThan(0);
      for (const x of hits) expect(checkEquivalent(x.before, x.after, { definitions: d.definitions!, premises: d.premises! }).status, id).toBe('verified');
    }
  });
});

it('every registered step is sampled by one of the blocks above', () => {
  const sampled = new Set([
    ...DIFF_RULES.map((r) => r.id), ...FUNCTIONS.map((f) => functionStepId(f.name)), ...SIMP_RULES.map((r) => r.id),
    ...Object.values(PHASE_STEP).map((s) => s.id), ...Object.values(CHAIN_STEP).map((s) => s.id), ABSTRACT_STEP.abstract.id,
    ...Object.values(ASSUME_STEP).map((s) => s.id), ...Object.values(INDEXED_CHAIN_STEP).map((s) => s.id),
    // CE's premise: its step is checked on the premise in test/derive/sums.test.ts (softmax + CE)
    PREMISE_STEP.premise.id,
  ]);
  expect(STEPS.map((s) => s.id).filter((id) => !sampled.has(id))).toEqual([]);
});
