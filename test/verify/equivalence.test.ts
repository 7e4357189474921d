// equivalent(student, teacher), table-driven: one row per behaviour, [student, teacher, expected
// verdict, expected method or null, options]. The probes come first (every one of them a
// case some checker in use gets wrong), then rewrites that must be accepted, mistakes that must be
// rejected, domains, constants, overflow, LaTeX input and the form option.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Expr } from '../../src/ast/nodes.js';
import { loadLatex, mainExpr, parse } from '../../src/parse/index.js';
import { equivalent } from '../../src/verify/equivalence.js';
import { compareNumerically } from '../../src/numeric/careful.js';
import { seedFor } from '../../src/numeric/sample.js';
import type { Equivalence, VerifyOptions } from '../../src/verify/types.js';

beforeAll(async () => {
  await loadLatex();
});

const p = (s: string): Expr => mainExpr(parse(s, { notation: s.includes('\\') ? 'latex' : 'text' }));

type Verdict = Equivalence['verdict'];
type Row = [student: string, teacher: string, verdict: Verdict, method: Equivalence['method'] | null, opts?: VerifyOptions];

/** The probes of the issue (see its first paragraph). */
const PROBES: Row[] = [
  ['√(x^2)', 'x', 'incorrect', 'numeric'],
  ['5999(x-a)^5999', '6000(x-a)^5999', 'incorrect', 'numeric'],
  ['((1-y)/(1-s) - y/s)*s(1-s)', 's - y', 'correct', null],
  ['x + x^2/10^6', 'x', 'incorrect', 'numeric'],
  ['log(-x^2-1)', 'log(-x^2-1) + 1', 'undetermined', 'numeric'],
  ['log(-x^2-1)', 'log(-x^2-1)', 'undetermined', null],
  ['(x^2-1)/(x-1)', 'x+1', 'correct', 'symbolic'],
  ['σ(z)(1-σ(z))', 'e^(-z)/(1+e^(-z))^2', 'correct', 'symbolic'],
  ['sin(x)^2 + cos(x)^2', '1', 'correct', 'numeric'],
  ['log(x^2)', '2log(x)', 'correct', 'numeric'],
  ['2log(x)', 'log(x^2)', 'incorrect', 'numeric'],
  ['exp(x+y)', 'exp(x)exp(y)', 'correct', 'symbolic'],
];

/** Equivalent rewrites: expanded, factored, σ-form vs exponential form, common denominator, … */
const ACCEPT: Row[] = [
  ['(x+1)^2', 'x^2 + 2x + 1', 'correct', 'symbolic'],
  ['x^3 - 1', '(x-1)(x^2+x+1)', 'correct', 'symbolic'],
  ['1/n - 1/(n+1)', '1/(n(n+1))', 'correct', 'symbolic'],
  ['(y-ŷ)/(y(1-y))', '-(ŷ/y - (1-ŷ)/(1-y))', 'correct', 'symbolic'],
  ['BCE(p, t)', '-(t log(p) + (1-t) log(1-p))', 'correct', 'symbolic'],
  ['MSE(p, t)', '(p-t)^2', 'correct', 'symbolic'],
  ['1/(1+e^(-z))', 'σ(z)', 'correct', 'symbolic'],
  ['e^z/(1+e^z)', 'σ(z)', 'correct', 'symbolic'],
  ['1 - σ(z)', 'σ(-z)', 'correct', 'symbolic'],
  ['σ(z)(1-σ(z))', 'σ(z) - σ(z)^2', 'correct', 'symbolic'],
  ['tanh(x)/2 + 1/2', '1/(1+exp(-2x))', 'correct', 'symbolic'],
  ['2sinh(1)', 'e - 1/e', 'correct', 'symbolic'],
  ['e^(2x)', '(e^x)^2', 'correct', 'symbolic'],
  ['x^2', 'exp(2log(x))', 'correct', 'symbolic'],
  ['sqrt(x)', 'x^(1/2)', 'correct', 'symbolic'],
  ['sqrt(4)', '2', 'correct', 'symbolic'],
  ['4^(-1/2)', '1/2', 'correct', 'symbolic'],
  ['-(7x^6)/sin(x^7)^2', '-(7x^6)csc(x^7)^2', 'correct', 'symbolic'],
  ['tan(x)cos(x)', 'sin(x)', 'correct', 'symbolic'],
  ['cos(x+y)', 'cos(x)cos(y) - sin(x)sin(y)', 'correct', 'numeric'],
  ['2cos(x)^2 - 1', 'cos(2x)', 'correct', 'numeric'],
  ['abs(x)', 'sqrt(x^2)', 'correct', 'numeric'],
  ['1/sqrt(x)', 'sqrt(1/x)', 'correct', 'numeric'],
  ['a^b a^c', 'a^(b+c)', 'correct', 'numeric'],
  ['asinh(x)', 'log(x + sqrt(x^2+1))', 'correct', 'numeric'],
  ['atan(1/2)', 'pi/2 - atan(2)', 'correct', 'numeric'],
  ['x y + 1', '1 + y x', 'correct', 'symbolic'],
  ['relu(x)', 'x heaviside(x)', 'correct', 'numeric'],
  ['(a-x)^6000', '(x-a)^6000', 'correct', 'numeric'],
  ['6000(x-a)^5999', '6000(x-a)^5999', 'correct', 'symbolic'],
  ['x/x', '1', 'correct', 'symbolic'],
  ['sqrt(2x sqrt(x^2+1) + 2x^2 + 1) - sqrt(x^2+1) - x', '0', 'correct', 'numeric'],
  ['(sqrt(108)+10)^(1/3) - (sqrt(108)-10)^(1/3)', '2', 'correct', 'numeric'],
  ['(19601-13860 sqrt(2))^(7/4)', '(5 sqrt(2)-7)^7', 'correct', 'numeric'],
  ['exp(1000 x)/exp(999 x)', 'exp(x)', 'correct', null],
  ['sqrt(k/m) sqrt(m/k)', '1', 'correct', 'numeric', { ranges: { k: [0, Infinity], m: [0, Infinity] } }],
  ['y(1-y)', 'y - y^2', 'correct', 'symbolic', { ranges: { y: [0, 1] } }],
  ['log(y) + log(1-y)', 'log(y - y^2)', 'correct', 'numeric', { ranges: { y: [0, 1] } }],
];

/** Mistakes: each must be rejected with a counterexample. */
const REJECT: Row[] = [
  // the tolerance policy (issue 10, item 4): doubles agree only to rounding, anything looser is
  // decided at 128 digits, so a 10⁻¹² relative difference is a difference (it was accepted under
  // the old rtol 1e-9; test/verify/fool.test.ts has the whole family)
  ['exp(x)', 'exp(x) + 10^(-12) exp(x)', 'incorrect', 'numeric'],
  ['(x+1)^2', 'x^2 + 1', 'incorrect', 'numeric'],
  ['σ(z)(1+σ(z))', 'σ(z)(1-σ(z))', 'incorrect', 'numeric'],
  ['ŷ - σ(z)', 'σ(z) - ŷ', 'incorrect', 'numeric'],
  ['cos(x+y)', 'cos(x)cos(y) + sin(x)sin(y)', 'incorrect', 'numeric'],
  ['x + 1/10^7', 'x', 'incorrect', 'numeric'],
  ['x^5', '2x^5', 'incorrect', 'numeric'],
  ['(x-a)^6000 + 1', '(x-a)^6000', 'incorrect', 'numeric'],
  ['(x-a)^6000', '(x-a)^5999', 'incorrect', 'numeric'],
  ['99999999/10^8', '99999998/99999999', 'incorrect', 'numeric'],
  ['x', 'sqrt(x^2)', 'incorrect', 'numeric'],
  ['(a^b)^c', 'a^(b c)', 'incorrect', 'numeric'],
  ['1/(a-b) - 1/(b-a)', '1/(a-b) + 1/(b-a)', 'incorrect', 'numeric'],
  ['3X^2', '3x^2', 'incorrect', 'numeric'],
  ['exp(x)', 'exp(x) + 10^(-8) exp(x)', 'incorrect', 'numeric'],
  ['exp(2log(x))', 'x^2', 'incorrect', 'numeric'], // undefined for x < 0, where x² is defined
  ['1/0', '1', 'incorrect', 'numeric'],
  ['x + log(x) - log(x)', 'x', 'incorrect', 'numeric'],
  ['sqrt(k/m) sqrt(m/k)', '1', 'incorrect', 'numeric'],
];

/** The same rows in LaTeX, as a math editor sends them. */
const LATEX: Row[] = [
  ['\\frac{x^2-1}{x-1}', 'x+1', 'correct', 'symbolic'],
  ['\\sigma(z)\\left(1-\\sigma(z)\\right)', '\\frac{e^{-z}}{(1+e^{-z})^2}', 'correct', 'symbolic'],
  ['\\sqrt{x^2}', 'x', 'incorrect', 'numeric'],
  ['(\\sin x)^2 + (\\cos x)^2', '1', 'correct', 'numeric'],
  ['\\frac{1}{n}-\\frac{1}{n+1}', '\\frac{1}{n(n+1)}', 'correct', 'symbolic'],
  ['x + \\frac{x^2}{10^6}', 'x', 'incorrect', 'numeric'],
  ['\\ln(x^2)', '2\\ln x', 'correct', 'numeric'],
];

/** Not for equivalent(): an unevaluated derivative is the derivation engine's business. */
const UNSUPPORTED: Row[] = [
  ['σ(z) - y', 'd/dz BCE(σ(z), y)', 'undetermined', 'symbolic'],
  ['2(p - t)', 'd/dp MSE(p, t)', 'undetermined', 'symbolic'],
];

/** The form option (STACK EqualComAss / CasEqual). */
const FORM: Row[] = [
  ['x*2+1', '1+2x', 'correct', 'symbolic', { form: 'equal-comm-assoc' }],
  ['x*x', 'x^2', 'incorrect', 'symbolic', { form: 'equal-comm-assoc' }],
  ['(-x)/y', '-(x/y)', 'correct', 'symbolic', { form: 'equal-comm-assoc' }],
  ['x/(-y)', '-(x/y)', 'incorrect', 'symbolic', { form: 'equal-comm-assoc' }],
  ['a+(b+c)', '(a+b)+c', 'incorrect', 'symbolic', { form: 'identical' }],
  ['a+b+c', 'a+b+c', 'correct', 'symbolic', { form: 'identical' }],
];

const ALL: [string, Row[]][] = [
  ['issue probes', PROBES],
  ['equivalent rewrites', ACCEPT],
  ['mistakes', REJECT],
  ['LaTeX input', LATEX],
  ['form option', FORM],
  ['unsupported input', UNSUPPORTED],
];

for (const [name, rows] of ALL) {
  describe(`equivalent: ${name}`, () => {
    it.each(rows)('%s vs %s → %s', async (s, t, verdict, method, opts) => {
      const r = await equivalent(p(s), p(t), opts);
      expect({ verdict: r.verdict, reason: r.reason }).toMatchObject({ verdict });
      if (method) expect(r.method).toBe(method);
      if (r.verdict === 'incorrect' && !opts?.form) {
        expect(r.counterexample).toBeDefined();
        expect(r.counterexample!.precise).toBeDefined();
      }
      if (r.verdict === 'undetermined') expect(r.reason).toBeTruthy();
    });
  });
}

describe('equivalent: what the probes return', () => {
  it('√(x²) vs x: a counterexample at x < 0, both values re-checked at 50+ digits', async () => {
    const r = await equivalent(p('√(x^2)'), p('x'));
    const cx = r.counterexample!;
    expect(cx.point.x).toBeLessThan(0);
    expect(cx.student).toBeCloseTo(-cx.expected, 12);
    // the point shown is a natural one (x = −1.5: issue 11 item 5), where the values are exact;
    // otherwise they are given to 16+ digits
    const digits = cx.precise!.student.replace('-', '');
    expect(digits.length >= 16 || Number(cx.precise!.student) === cx.student, digits).toBe(true);
    expect(r.reason).toMatch(/your answer is .* but the expected answer is/);
  });

  it('5999(x−a)^5999 vs 6000(x−a)^5999: rejected exactly, values shown to 50 digits', async () => {
    const r = await equivalent(p('5999(x-a)^5999'), p('6000(x-a)^5999'));
    const { student, expected } = r.counterexample!.precise!;
    expect(student).not.toBe(expected);
    expect(student.replace(/[-.]|e.*$/g, '').length).toBeGreaterThanOrEqual(50);
    expect(r.reason).toMatch(/modulo a large prime|exactly|digits/);
  });

  it('the σ cancellation is accepted symbolically with its removable singularities named', async () => {
    const r = await equivalent(p('((1-y)/(1-s) - y/s)*s(1-s)'), p('s - y'));
    expect(r.method).toBe('symbolic');
    expect(r.reason).toMatch(/removable singularity/);
    expect(r.conditions).toHaveLength(2);
  });

  it('… and the numeric pass alone accepts it too: no sample lands on the 0/0 points −1, 0, 1', async () => {
    const o = await compareNumerically(p('((1-y)/(1-s) - y/s)*s(1-s)'), p('s - y'), { seed: seedFor('kas') });
    expect(o.verdict).toBe('correct');
    expect(o.removable).toBe(0);
    for (const v of o.valid) for (const x of v) for (const bad of [-1, 0, 1]) expect(Math.abs(x - bad)).toBeGreaterThan(1e-6);
  });

  it('(x²−1)/(x−1) vs x+1: correct, with the note and the condition x − 1 ≠ 0', async () => {
    const r = await equivalent(p('(x^2-1)/(x-1)'), p('x+1'));
    // issue 10's decision: correct, with the domain difference as data and said plainly
    expect(r.reason).toMatch(/^correct where both are defined; differs at x - 1 = 0: your answer is undefined there \(0\/0, a removable singularity\).*x - 1 ≠ 0/);
    expect(r.domainDifference).toEqual({ where: 'x - 1 = 0', undefinedIn: 'answer', removable: true });
  });

  it('σ(z)(1−σ(z)) vs e^(−z)/(1+e^(−z))²: no vanishing condition (1 + e^z > 0)', async () => {
    const r = await equivalent(p('σ(z)(1-σ(z))'), p('e^(-z)/(1+e^(-z))^2'));
    expect(r.conditions ?? []).toEqual([]);
    expect(r.reason).toBeUndefined();
  });

  it('NaN = NaN is never agreement: an expected answer with no real value is undetermined', async () => {
    const r = await equivalent(p('log(-x^2-1)'), p('log(-x^2-1) + 1'));
    expect(r.reason).toMatch(/only 0 of the 8 points/);
  });

  it('2 log x for log x²: undefined where the expected answer is defined', async () => {
    const r = await equivalent(p('2log(x)'), p('log(x^2)'));
    expect(r.counterexample!.point.x).toBeLessThan(0);
    expect(Number.isNaN(r.counterexample!.student)).toBe(true);
    expect(r.counterexample!.precise!.student).toBe('undefined');
    expect(r.reason).toMatch(/your answer is undefined \(log is undefined/);
  });

  it('a numeric acceptance counts 8+ random points and the 2 scaled ones', async () => {
    const r = await equivalent(p('sin(x)^2 + cos(x)^2'), p('1'));
    expect(r.points).toBeGreaterThanOrEqual(10);
  });
});
