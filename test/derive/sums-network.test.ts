// Deck 004's network in the slide's scalar form (issue 12): definitions by index, ∂L/∂w₁₁⁽¹⁾
// step by step — the chain over the components, CE, the softmax Jacobian, the collapse with
// CE's premise Σ t = 1, σ′ twice, the factors into the sum — to Σᵢ (yᵢ − tᵢ) hᵢ(1 − hᵢ) wᵢ₁⁽²⁾
// s₁(1 − s₁) x₁; every step checked with each name given its defined value; section 3's network
// (no second sigmoid) too; the same through every door (ops, CLI, batch, LaTeX).
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { int, mul, sym } from '../../src/ast/build.js';
import type { Definition, Expr } from '../../src/ast/nodes.js';
import { OPS } from '../../src/api/ops.js';
import { checkDerivation } from '../../src/check/index.js';
import { checkDerivative } from '../../src/check/equivalent.js';
import { deriveIndexed } from '../../src/derive/indexedChain.js';
import { parseAsync } from '../../src/parse/index.js';
import { parseTextProgram } from '../../src/parse/text.js';
import { latexParts } from '../../src/render/derivationLatex.js';
import { toLatex, toText } from '../../src/render/index.js';
import { runCli } from '../helpers/cli.js';

const defs = (s: string): Definition[] => [...parseTextProgram(s).program.definitions];
const T = toText;

/** Sections 4–5: 2 inputs, 3 sigmoid hidden units s, a second sigmoid h, 3-class softmax, CE. */
const NET = 's_i = σ(Σ_{k=1}^{2} w_ik x_k); h_j = σ(Σ_{i=1}^{3} v_ji s_i); y_j = softmax(h_j); L = -Σ_{j=1}^{3} t_j log y_j';
/** Section 3: no second sigmoid (b_j is the softmax's input). */
const NET3 = 'a_i = σ(Σ_{k=1}^{2} w_ik x_k); b_j = Σ_{i=1}^{3} v_ji a_i; y_j = softmax(b_j); L = -Σ_{j=1}^{3} t_j log y_j';

describe("deck 004's network, ∂L/∂w₁₁⁽¹⁾ in the slide's compact sum form", () => {
  const d = deriveIndexed(defs(NET), 'w_11', 'L');
  it('the steps in the slide order: chain, CE, softmax Jacobian, collapse, σ′, σ′, into the sum', () => {
    expect(d.steps.map((s) => s.rule)).toEqual([
      'chain.indexed', 'chain.component', 'chain.component', 'chain.collapse', 'chain.component', 'chain.component', 'chain.into-sum',
    ]);
    expect(d.steps.map((s) => T(s.after))).toEqual([
      'sum(i, 1, 3, sum(u, 1, 3, d/dy_u(L)*d/dh_i(y_u))*d/ds_1(h_i))*d/dw_11(s_1)',
      'sum(i, 1, 3, sum(u, 1, 3, -(t_u/y_u)*d/dh_i(y_u))*d/ds_1(h_i))*d/dw_11(s_1)',
      'sum(i, 1, 3, sum(u, 1, 3, -(t_u/y_u)*(y_u*(kronecker(u, i) - y_i)))*d/ds_1(h_i))*d/dw_11(s_1)',
      'sum(i, 1, 3, (y_i - t_i)*d/ds_1(h_i))*d/dw_11(s_1)',
      'sum(i, 1, 3, (y_i - t_i)*(h_i*(1 - h_i)*v_i1))*d/dw_11(s_1)',
      'sum(i, 1, 3, (y_i - t_i)*(h_i*(1 - h_i)*v_i1))*(s_1*(1 - s_1)*x_1)',
      'sum(i, 1, 3, (y_i - t_i)*h_i*(1 - h_i)*v_i1*s_1*(1 - s_1)*x_1)',
    ]);
    expect(T(d.result)).toBe('sum(i, 1, 3, (y_i - t_i)*h_i*(1 - h_i)*v_i1*s_1*(1 - s_1)*x_1)');
  });
  it('each local gradient carries its own derivation: CE, the softmax Jacobian, σ′', () => {
    const locals = d.steps.filter((s) => s.rule === 'chain.component');
    expect(locals.map((s) => T(s.proof!.result))).toEqual([
      '-(t_u/y_u)',
      'softmax(h_u)*(kronecker(u, i) - softmax(h_i))',
      'sigmoid(sum(l, 1, 3, v_il*s_l))*(1 - sigmoid(sum(l, 1, 3, v_il*s_l)))*v_i1',
      'sigmoid(sum(k, 1, 2, w_1k*x_k))*(1 - sigmoid(sum(k, 1, 2, w_1k*x_k)))*x_1',
    ]);
    expect(locals[1]!.proof!.steps.map((s) => s.rule)).toContain('diff.softmax');
    for (const s of locals) expect(checkDerivation(s.proof!).status, T(s.proof!.input)).toBe('verified');
  });
  it('the collapse uses CE\'s premise Σ t = 1 as a named step, with δ collapsing the sum', () => {
    const c = d.steps[3]!;
    const rules = c.substeps!.flatMap((s) => [s.rule, ...(s.substeps ?? []).map((t) => t.rule)]);
    expect(rules).toContain('simp.premise');
    expect(rules).toContain('simp.sum-delta');
    expect(d.premises!.map(T)).toEqual(['sum(k, 1, 3, t_k)']);
  });
  it('every step is checked numerically, each name given its value (K = 3 classes, i and u summed)', () => {
    const c = checkDerivation(d);
    expect(c.status).toBe('verified');
    expect(c.refuted).toBe(0);
    expect(c.steps.every((s) => s.verdict.status === 'verified')).toBe(true);
    expect(c.result!.status).toBe('verified');
  });
  it('a wrong gradient is refuted: the slide without hᵢ(1 − hᵢ), or without the premise', () => {
    const opts = { definitions: d.definitions!, premises: d.premises! };
    const wrong = parseTextProgram('sum(i, 1, 3, (y_i - t_i)*v_i1*s_1*(1 - s_1)*x_1)').program.body!;
    expect(checkDerivative(sym('L'), 'w_11', wrong, opts).status).toBe('refuted');
    expect(checkDerivative(sym('L'), 'w_11', d.result, opts).status).toBe('verified');
    // off the premise (t drawn freely) the collapsed form is not the gradient
    expect(checkDerivative(sym('L'), 'w_11', d.result, { definitions: d.definitions! }).status).toBe('refuted');
    // a local partial is not the total derivative: ∂L/∂y_u (the name) against 0
    expect(checkDerivative(sym('L'), 'w_11', mul(int(2), d.result), opts).status).toBe('refuted');
  });
  it('the other weights: w_21 fixes s_2, w_12 takes x_2; a second-layer weight v_21 has no sum', () => {
    expect(T(deriveIndexed(defs(NET), 'w_21', 'L').result)).toBe('sum(i, 1, 3, (y_i - t_i)*h_i*(1 - h_i)*v_i2*s_2*(1 - s_2)*x_1)');
    expect(T(deriveIndexed(defs(NET), 'w_12', 'L').result)).toBe('sum(i, 1, 3, (y_i - t_i)*h_i*(1 - h_i)*v_i1*s_1*(1 - s_1)*x_2)');
    const v = deriveIndexed(defs(NET), 'v_21', 'L');
    expect(T(v.result)).toBe('(y_2 - t_2)*h_2*(1 - h_2)*s_1');
    expect(checkDerivation(v).status).toBe('verified');
  });
  it('section 3 (no second sigmoid): Σᵢ (yᵢ − tᵢ) wᵢ₁⁽²⁾ a₁(1 − a₁) x₁', () => {
    const e = deriveIndexed(defs(NET3), 'w_11', 'L');
    expect(T(e.result)).toBe('sum(i, 1, 3, (y_i - t_i)*v_i1*a_1*(1 - a_1)*x_1)');
    expect(e.steps.map((s) => s.rule)).toEqual(['chain.indexed', 'chain.component', 'chain.component', 'chain.collapse', 'chain.component', 'chain.component', 'chain.into-sum']);
    expect(checkDerivation(e).status).toBe('verified');
  });
  it('CE(y, t) for the loss: K classes, checked at K = 3 and 4', () => {
    const e = deriveIndexed(defs(NET.replace('-Σ_{j=1}^{3} t_j log y_j', 'CE(y, t)')), 'w_11', 'L');
    expect(T(e.result)).toBe('sum(i, 1, K, (y_i - t_i)*h_i*(1 - h_i)*v_i1*s_1*(1 - s_1)*x_1)');
    expect(checkDerivation(e).status).toBe('verified');
  });
});

describe('every door', () => {
  it('LaTeX input gives the same derivation', async () => {
    const p = await parseAsync('s_i = \\sigma(\\sum_{k=1}^{2} w_{ik} x_k); h_j = \\sigma(\\sum_{i=1}^{3} v_{ji} s_i); y_j = \\operatorname{softmax}(h_j); L = -\\sum_{j=1}^{3} t_j \\log y_j');
    expect(T(deriveIndexed(p.program.definitions, 'w_11', 'L').result)).toBe('sum(i, 1, 3, (y_i - t_i)*h_i*(1 - h_i)*v_i1*s_1*(1 - s_1)*x_1)');
  });
  it('the derive op: verified, every LaTeX string passes KaTeX strict', async () => {
    const res = (await OPS['derive']!({ expr: NET, wrt: 'w_11' })) as Record<string, unknown>;
    expect(res['result']).toBe('sum(i, 1, 3, (y_i - t_i)*h_i*(1 - h_i)*v_i1*s_1*(1 - s_1)*x_1)');
    expect((res['check'] as { status: string }).status).toBe('verified');
    const latex: string[] = [];
    const walk = (v: unknown, k = ''): void => {
      if (typeof v === 'string' && /latex/i.test(k)) latex.push(v);
      else if (Array.isArray(v)) for (const x of v) walk(x, k);
      else if (v && typeof v === 'object') for (const [kk, x] of Object.entries(v)) walk(x, kk);
    };
    walk(res);
    expect(latex.length).toBeGreaterThan(5);
    for (const s of latex) expect(() => katex.renderToString(s, { throwOnError: true, strict: 'error' }), s).not.toThrow();
    // the CLI's LaTeX form of the same response
    const parts = latexParts(res as Parameters<typeof latexParts>[0]);
    const maths = parts.flatMap((p) => ('math' in p ? [p.math] : [...p.text.matchAll(/\$([^$]*)\$/g)].map((m) => m[1]!)));
    expect(maths.length).toBeGreaterThan(3);
    for (const s of maths) expect(() => katex.renderToString(s, { displayMode: true, throwOnError: true, strict: 'error' }), s).not.toThrow();
    expect(toLatex(deriveIndexed(defs(NET), 'w_11', 'L').result)).toBe(
      '\\sum_{i=1}^{3} (y_{i} - t_{i})h_{i}(1 - h_{i})v_{i1}s_{1}(1 - s_{1})x_{1}',
    );
  });
  it('the CLI in English and Korean', async () => {
    const en = await runCli(['derive', NET, '--wrt', 'w_11']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('chain rule over the components');
    expect(en.stdout).toContain('result: Σ_{i=1}^{3} ((y_i − t_i)·h_i·(1 − h_i)·v_i1·s₁·(1 − s₁)·x₁)');
    const ko = await runCli(['--lang', 'ko', 'derive', NET, '--wrt', 'w_11']);
    expect(ko.code).toBe(0);
    expect(ko.stdout).toContain('성분에 대한 연쇄 법칙');
    expect(ko.stdout).toContain('성분에 대한 합(Σ) 줄이기');
  });
  it('verify: a problem by index is UNSUPPORTED_INDEX at its first family, with the way round it', async () => {
    await expect(OPS['verify']!({ problem: { expr: NET, wrt: 'w_11' }, answer: '0' })).rejects.toMatchObject({ code: 'UNSUPPORTED_INDEX', field: 'problem.expr', span: { start: 0, end: 3 } });
  });
  it('the batch', async () => {
    const r = await runCli(['batch'], `${JSON.stringify({ id: 1, op: 'derive', expr: NET, wrt: 'w_11', steps: 'none' })}\n`);
    const line = JSON.parse(r.stdout.trim()) as { ok: boolean; result: string; check: { status: string } };
    expect(line.ok).toBe(true);
    expect(line.result).toBe('sum(i, 1, 3, (y_i - t_i)*h_i*(1 - h_i)*v_i1*s_1*(1 - s_1)*x_1)');
    expect(line.check.status).toBe('verified');
  });
});
