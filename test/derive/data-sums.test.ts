// A sum written without bounds (Σ_i over the data rows, deck 002's L = Σᵢ (yᵢ − (a·xᵢ + b))²) is
// derived and CHECKED: the checks give the rows a count as they give K one (src/ast/indices.ts ROWS);
// it was UNEVALUATED ("needs integer bounds") for every derive of such a loss.
import { describe, expect, it } from 'vitest';
import { runOp } from '../../src/api/run.js';
import { checkDerivative } from '../../src/check/index.js';
import { mainExpr, parse } from '../../src/parse/index.js';

const P = (s: string) => mainExpr(parse(s));

describe('Σ_i over the data rows', () => {
  it.each([
    ['L = Σ_i (y_i − (a x_i + b))^2', 'a'],
    ['L = Σ_i (y_i − (a x_i + b))^2', 'b'],
    ['(1/m) Σ_i (y_i − ŷ_i)^2', 'ŷ_j'],
    ['Σ_i Σ_j w_ij x_j', 'x_k'],
  ])('derive %s by %s is verified', async (expr, wrt) => {
    const r = (await runOp('derive', { expr, wrt })) as { ok?: boolean; check?: { status: string }; error?: unknown };
    expect(r.error).toBeUndefined();
    expect(r.check?.status).toBe('verified');
  });
  it('a wrong derivative of a data sum is refuted, at a point that names the row count', () => {
    const v = checkDerivative(P('Σ_i (y_i - a x_i)^2'), 'a', P('Σ_i (-2 (y_i - a x_i))'));
    expect(v.status).toBe('refuted');
    expect(Object.keys((v as { point: object }).point)).toContain('#rows');
  });
});

describe('G3 (deck 002): the least-squares gradients over the data rows, exactly', () => {
  // SEEDS.md G3: ∂L/∂a = Σ −2xᵢ(yᵢ − (axᵢ+b)), ∂L/∂b = Σ −2(yᵢ − (axᵢ+b))
  it.each([
    ['a', 'sum(i, -(2*(y_i - (a*x_i + b))*x_i))', 'Σ_i (−2·(y_i − (a·x_i + b))·x_i)'],
    ['b', 'sum(i, -(2*(y_i - (a*x_i + b))))', 'Σ_i (−2(y_i − (a·x_i + b)))'],
  ])('∂L/∂%s', async (wrt, text, unicode) => {
    const r = (await runOp('derive', { expr: 'L = Σ_i (y_i − (a x_i + b))^2', wrt, steps: 'none' })) as { text: string; unicode: string; check: { status: string } };
    expect(r.text).toBe(text);
    expect(r.unicode).toBe(unicode);
    expect(r.check.status).toBe('verified');
  });
});
