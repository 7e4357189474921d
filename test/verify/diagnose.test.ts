// diagnose (issue 5 item 3): every finding names a relation between the student's answer S and the
// expected T that an independent numeric check confirms — these tests re-check each relation from
// the finding's own `expr`, and check that a diagnosis never speaks about a correct answer (except
// not-simplified when asked), never guesses on an unrelated answer, and is deterministic.
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { add, int, mul, neg, sub } from '../../src/ast/build.js';
import type { Expr } from '../../src/ast/nodes.js';
import { checkEquivalent } from '../../src/check/index.js';
import { derive } from '../../src/derive/derive.js';
import { canonicalSymbol, mainExpr, parseAsync } from '../../src/parse/index.js';
import { toText } from '../../src/render/index.js';
import { diagnose } from '../../src/verify/diagnose.js';
import type { Finding } from '../../src/verify/types.js';

const P = async (s: string): Promise<Expr> => mainExpr(await parseAsync(s));
async function setup(problem: string, wrt: string) {
  const p = await P(problem);
  const w = canonicalSymbol(wrt);
  return { problem: p, wrt: w, T: derive(p, w).result };
}
const verified = (a: Expr, b: Expr) => checkEquivalent(a, b).status === 'verified';

/** The relation a finding claims, rebuilt from its expr, must hold. */
function relationHolds(f: Finding, S: Expr, T: Expr): boolean {
  const e = f.expr!;
  switch (f.id) {
    case 'missing-chain-factor':
      return verified(mul(S, e), T);
    case 'extra-factor':
    case 'wrong-exponent':
      return verified(S, mul(T, e));
    case 'constant-factor':
      return verified(S, mul(e, T));
    case 'constant-offset':
      return verified(S, add(T, e));
    case 'dropped-term':
      return verified(S, sub(T, e));
    case 'missing-mean':
      return verified(S, mul(e, T));
    default:
      return true;
  }
}

const G1 = ['BCE(σ(w x + b), ŷ)', 'w'] as const;

describe('diagnose', () => {
  it('each reported relation holds when re-checked from the finding', async () => {
    const cases: [string, string, string, string][] = [
      [...G1, 'σ(wx+b) - ŷ', 'missing-chain-factor'],
      [...G1, 'x^3(σ(wx+b) - ŷ)', 'none'],
      [...G1, 'x^2(σ(wx+b) - ŷ)', 'extra-factor'],
      [...G1, '3x(σ(wx+b) - ŷ)', 'constant-factor'],
      [...G1, 'x(σ(wx+b) - ŷ) - 7/2', 'constant-offset'],
      [...G1, 'xσ(wx+b)', 'dropped-term'],
      ['(1/m) BCE(σ(w x + b), y)', 'w', 'x(σ(wx+b) - y)', 'missing-mean'],
      ['(x + 1)^2', 'x', '2(x + 1)^2', 'wrong-exponent'],
      ['log(x/3 + 2/3)', 'x', '1/(x/3 + 2/3)', 'missing-chain-factor'],
    ];
    for (const [problem, wrt, answer, id] of cases) {
      const { problem: p, wrt: w, T } = await setup(problem, wrt);
      const S = await P(answer);
      const fs = diagnose(S, T, { problem: p, wrt: w });
      expect(fs.map((f) => f.id), answer).toEqual(id === 'none' ? [] : [id]);
      for (const f of fs) expect(relationHolds(f, S, T), `${f.id} for ${answer}`).toBe(true);
    }
  });

  it('names the missing factor: x for wx + b', async () => {
    const { problem, wrt, T } = await setup(...G1);
    const [f] = diagnose(await P('σ(wx+b) - ŷ'), T, { problem, wrt });
    expect(f!.id).toBe('missing-chain-factor');
    expect(toText(f!.expr!)).toBe('x');
    expect(f!.message).toBe('You left out the derivative of the inner function wx + b, which is x (chain rule).');
  });

  it('says ŷ − σ for σ − ŷ when prediction and label are swapped', async () => {
    const { problem, wrt, T } = await setup(...G1);
    const [f] = diagnose(await P('x(ŷ - σ(wx+b))'), T, { problem, wrt });
    expect(f!.id).toBe('swapped-prediction-label');
    expect(f!.message).toContain('you wrote ŷ − σ(wx + b) where σ(wx + b) − ŷ belongs');
  });

  it('a plain sign error is not called a swap when the answer does not write label − prediction', async () => {
    const { problem, wrt, T } = await setup(...G1);
    expect(diagnose(await P('-x(σ(wx+b) - ŷ)'), T, { problem, wrt }).map((f) => f.id)).toEqual(['sign-error']);
  });

  it('without a problem only the problem-free mistakes are looked for', async () => {
    const T = await P('(y - ŷ)x');
    expect(diagnose(await P('x(ŷ - y)'), T).map((f) => f.id)).toEqual(['sign-error']);
    expect(diagnose(await P('3(y - ŷ)x'), T).map((f) => f.id)).toEqual(['constant-factor']);
    expect(diagnose(await P('y - ŷ'), T)).toEqual([]); // a missing factor needs the problem to name it
  });

  it('a constant chain factor is a chain factor only when the inner function is on every path', async () => {
    // ∂/∂a of a sum of squares: one term's inner derivative is 2, but halving the whole answer is
    // not forgetting it
    const { problem, wrt, T } = await setup('(-1 - (-2a + b))^2 + (1 - b)^2 + (2 - (a + b))^2', 'a');
    expect(diagnose(await P('5a - b - 4'), T, { problem, wrt }).map((f) => f.id)).toEqual(['constant-factor']);
  });

  it('says nothing about a correct answer, even one holding d/dx nodes', async () => {
    const { problem, wrt, T } = await setup(...G1);
    for (const a of ['x(σ(wx+b) - ŷ)', 'xσ(wx+b) - xŷ', '(σ(wx+b) - ŷ) · d/dw(wx + b)']) {
      expect(diagnose(await P(a), T, { problem, wrt }), a).toEqual([]);
    }
  });

  it('finds the mistake inside an answer written with d/dx nodes', async () => {
    const { problem, wrt, T } = await setup(...G1);
    const fs = diagnose(await P('(σ(wx+b) - ŷ) · d/dw(wx + b) · d/dw(wx + b)'), T, { problem, wrt });
    expect(fs.map((f) => f.id)).toEqual(['extra-factor']);
  });

  it('an undetermined verdict gets no diagnosis', async () => {
    const { problem, wrt, T } = await setup(...G1);
    expect(diagnose(await P('σ(wx+b) - ŷ'), T, { problem, wrt, verdict: 'undetermined' })).toEqual([]);
  });

  it('never guesses: answers no single mistake explains get no finding', async () => {
    const { problem, wrt, T } = await setup(...G1);
    for (const a of ['w(σ(wx+b) - ŷ)', 'log(σ(wx+b))', 'x^2 + ŷ', '0', 'e^(wx)', 'xσ(wx+b)(1 - σ(wx+b)) - ŷ', '2x(ŷ - σ(wx+b)) + 1']) {
      expect(diagnose(await P(a), T, { problem, wrt }).map((f) => f.id), a).toEqual([]);
    }
  });

  it('not-simplified only when asked for, and only on a correct answer', async () => {
    const { problem, wrt, T } = await setup('BCE(y, ŷ)', 'y');
    const unsimplified = await P('-(ŷ/y - (1 - ŷ)/(1 - y))');
    expect(diagnose(unsimplified, T, { problem, wrt })).toEqual([]);
    const fs = diagnose(unsimplified, T, { problem, wrt, opts: { requireSimplified: true } });
    expect(fs.map((f) => f.id)).toEqual(['not-simplified']);
    expect(toText(fs[0]!.expr!)).toBe('(y - y_hat)/(y*(1 - y))');
    expect(diagnose(T, T, { problem, wrt, opts: { requireSimplified: true } })).toEqual([]);
    // a wrong unsimplified answer is diagnosed for its mistake, not for its form
    const wrong = await P('-(ŷ/y + (1 - ŷ)/(1 - y))');
    expect(diagnose(wrong, T, { problem, wrt, opts: { requireSimplified: true } }).map((f) => f.id)).toEqual(['sign-error']);
  });

  it('the element-wise softmax shortcut (2 and 3 classes, written out with exponentials)', async () => {
    const s2 = (i: number) => `e^(x${i})/(e^(x1) + e^(x2))`;
    const two = await setup(`-(t1 log(${s2(1)}) + (1 - t1) log(${s2(2)}))`, 'x1');
    expect(diagnose(await P(`-t1(1 - ${s2(1)})`), two.T, two).map((f) => f.id)).toEqual(['softmax-elementwise']);
    expect(diagnose(await P('σ(x1 - x2) - t1'), two.T, two)).toEqual([]); // the right answer
    const s3 = (i: number) => `e^(x${i})/(e^(x1) + e^(x2) + e^(x3))`;
    const three = await setup(`-(t1 log(${s3(1)}) + t2 log(${s3(2)}) + (1 - t1 - t2) log(${s3(3)}))`, 'x2');
    // ∂L/∂x₂ = y₂ − t₂; the shortcut keeps only −t₂(1 − y₂)
    expect(diagnose(await P(`-t2(1 - ${s3(2)})`), three.T, three).map((f) => f.id)).toEqual(['softmax-elementwise']);
    expect(diagnose(await P(`${s3(2)} - t2`), three.T, three)).toEqual([]);
  });

  it('(uv)′ = u′v′ on a product', async () => {
    const c = await setup('x(σ(w x + b) - ŷ)', 'x');
    expect(diagnose(await P('wσ(wx+b)(1 - σ(wx+b))'), c.T, c).map((f) => f.id)).toEqual(['product-of-derivatives']);
  });

  it('any constant factor c ≠ ±1, 0 is found and named exactly', async () => {
    const { problem, wrt, T } = await setup(...G1);
    for (const [n, d] of [[2, 1], [-3, 1], [1, 2], [5, 7], [-11, 3]] as const) {
      const S = mul(int(n), T, ...(d === 1 ? [] : [{ kind: 'pow', base: int(d), exp: int(-1) } as Expr]));
      const [f] = diagnose(S, T, { problem, wrt });
      expect(f?.id).toBe('constant-factor');
      const e = f!.expr!;
      expect(e.kind === 'num' ? [e.n, e.d] : e).toEqual([BigInt(n), BigInt(d)]);
    }
  });

  it('is deterministic, and every LaTeX string passes KaTeX strict', async () => {
    const { problem, wrt, T } = await setup(...G1);
    const answers = ['σ(wx+b) - ŷ', 'x(ŷ - σ(wx+b))', 'x(σ(wx+b) - ŷ) + 1', '2x(σ(wx+b) - ŷ)', 'xσ(wx+b)', 'x^2(σ(wx+b) - ŷ)', neg(T)];
    for (const a of answers) {
      const S = typeof a === 'string' ? await P(a) : a;
      const one = diagnose(S, T, { problem, wrt });
      const two = diagnose(S, T, { problem, wrt });
      expect(JSON.stringify(one, (_, v) => (typeof v === 'bigint' ? String(v) : v))).toBe(JSON.stringify(two, (_, v) => (typeof v === 'bigint' ? String(v) : v)));
      for (const f of one) expect(() => katex.renderToString(f.latex, { throwOnError: true, strict: 'error' })).not.toThrow();
    }
  });
});
