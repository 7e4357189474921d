// Answer checking that cannot be fooled (issue 10, item 4), table-driven: one family per way a
// wrong answer used to pass as `correct` — padding with a large cancelling pair, collisions modulo
// one fixed prime, differences only far from [10⁻², 10²], differences only beside a kink, relative
// differences under the old 1e-9 tolerance, and domain differences on a set random points miss.
// Every row is [expected, wrong answer]; every wrong answer must be rejected (incorrect, with a
// counterexample confirmed exactly or at 128 digits), the domain family must not be a plain
// `correct` (it says "equal only where both are defined"). docs/numeric.md states the policy.
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/ast/nodes.js';
import { mainExpr, parse } from '../../src/parse/index.js';
import { equivalent } from '../../src/verify/equivalence.js';
import { verify } from '../../src/verify/index.js';
import { withBudget } from '../../src/ast/budget.js';

const p = (s: string): Expr => mainExpr(parse(s));
type Row = [expected: string, answer: string];

const PADDING: Row[] = [
  ['sin(x)', 'cos(x) + exp(100) - exp(100)'],
  ['exp(x)', 'exp(x) + exp(60) + 10^(-6) - exp(60)'],
  ['tanh(x)', 'tanh(x) + exp(30)*(1 + 10^(-12)) - exp(30)'],
  ['log(abs(x))', 'log(abs(x)) + cosh(40) - sinh(40)'],
  ['x*sin(x)', 'x*sin(x) + 10^20*cos(x) - 10^20*cos(x) + 10^(-9)*cos(x)'],
  ['sigmoid(x)', 'sigmoid(x) + exp(45) - exp(45) + 10^(-5)*sin(x)'],
];

const MODULAR: Row[] = [
  ['x^65', '2^61*x^65'],
  ['x^65', 'x^65 + 2^61 - 1'],
  ['x^66', 'x^66*(1 + (2^61 - 1)*(2^61 + 5))'],
  ['x^70 + x', 'x^70 + x + 2^122 - 1'],
  ['(x + 1)^100', '(x + 1)^100 + (2^61 - 1)*x'],
  ['x^65', 'x^65/2^61'],
];

const FAR: Row[] = [
  ['x', 'x + relu(x - 10^5)'],
  ['x', 'x + relu(-x - 10^6)'],
  ['x^2', 'x^2 + heaviside(x - 10^7)'],
  ['sin(x)', 'sin(x) + relu(abs(x) - 10^8)'],
  ['x', 'x + relu(10^(-6) - abs(x))'],
  ['exp(x)', 'exp(x)*(1 + heaviside(10^(-5) - abs(x)))'],
];

const KINK: Row[] = [
  ['heaviside(x)', 'heaviside(x - 0.001)'],
  ['sign(x)', 'sign(x - 10^(-4))'],
  ['relu(x)', 'relu(x) + relu(10^(-4) - abs(x - 3))'],
  ['x*heaviside(x)', 'x*heaviside(x + 10^(-4))'],
  ['abs(x - 1/3)', 'abs(x - 1/3) + relu(10^(-5) - abs(x - 1/3))'],
  ['relu(w*x + b)', 'relu(w*x + b) + heaviside(w*x + b)*heaviside(10^(-6) - w*x - b)'],
];

const TOLERANCE: Row[] = [
  ['exp(x)', 'exp(x)*(1 + 10^(-10))'],
  ['exp(x)', 'exp(x)*(1 + 10^(-15))'],
  ['sin(x)', 'sin(x) + 10^(-12)*cos(x)'],
  ['log(abs(x)) + 3', 'log(abs(x)) + 3 + 10^(-11)'],
  ['sigmoid(x)', 'sigmoid(x)*(1 - 10^(-13))'],
  ['sqrt(abs(x))', 'sqrt(abs(x))*(1 + 2^(-50))'],
  ['tanh(x)', 'tanh(x) + 10^(-14)*x'],
];

// New members found by the audit (docs/audit.md): each was judged `correct` before.
/** cancelling terms beyond what 128 digits resolve (terms of 10¹³⁰, 10⁶⁴, 10⁸⁷·(1 + 10⁻⁹⁰)) and
 * offsets between 10⁻⁸⁰ and 10⁻⁴⁰ relative */
const PADDING_DEEP: Row[] = [
  ['sin(x)', 'cos(x) + cosh(300) - sinh(300)'],
  ['sin(x)', 'sin(x) + cosh(300) - sinh(300) + 10^(-3)'],
  ['sin(x)', 'sin(x) + exp(exp(5)) - exp(exp(5)) + 10^(-3)'],
  ['sin(x)', 'sin(x) + exp(200) - exp(200)*(1 + 10^(-90))'],
  ['cos(x)', 'cos(x) + log(exp(100) + 1) - 100'],
];
/** values below the double range: an absolute floor of 10⁻³⁰⁰ made them all agree */
const TINY_VALUES: Row[] = [
  ['exp(-800)*x', '0'],
  ['exp(-1000)*sin(x)', 'exp(-1000)*cos(x)'],
  ['10^(-400)*x', '0'],
];
/** slivers the kink probes stepped over: near 0 (offsets relative to |r|), between two
 * breakpoints far out (a few ulps), a breakpoint at 10³⁰⁰ (the scan reaches it; sin there needs
 * 340 digits), two variables far out on the same side */
const SLIVERS: Row[] = [
  ['x', 'x + relu(10^(-12) - abs(x))'],
  ['x', 'x + heaviside(10^(-300) - abs(x))'],
  ['heaviside(x - 10^6)', 'heaviside(x - 10^6 - 10^(-3))'],
  ['sin(x)', 'sin(x) + relu(abs(x) - 10^300)'],
  ['x*y', 'x*y + relu(x - 10^6)*relu(y - 10^6)'],
];

const FAMILIES: [string, Row[]][] = [
  ['padding with a large cancelling pair', PADDING],
  ['collisions modulo one fixed prime', MODULAR],
  ['differences only at far or tiny magnitudes', FAR],
  ['differences only beside a kink', KINK],
  ['relative differences below the old 1e-9 tolerance', TOLERANCE],
  ['padding past 128 digits', PADDING_DEEP],
  ['values below the double range', TINY_VALUES],
  ['slivers beside kinks near 0 and far out', SLIVERS],
];

for (const [name, rows] of FAMILIES) {
  describe(`wrong answers that used to pass: ${name}`, () => {
    it.each(rows)('%s is not %s', async (expected, answer) => {
      const r = await equivalent(p(answer), p(expected));
      expect({ verdict: r.verdict, reason: r.reason }).toMatchObject({ verdict: 'incorrect' });
      expect(r.counterexample?.precise).toBeDefined();
    });
  });
}

/** The student's answer is undefined at points the random sample cannot reach (an integer exponent
 * of a negative base) where the expected answer is defined; equal wherever both are defined. */
const DOMAIN: Row[] = [
  ['a^b', 'exp(b*log(a))'],
  ['x^y', 'e^(y*ln(x))'],
  ['a^(b + 1)', 'a*exp(b*log(a))'],
  ['x^n', 'exp(log(x)*n)'],
  ['y^(2*k)', 'exp(2*k*log(y))'],
];

describe('domain differences are noticed, not a plain correct', () => {
  it.each(DOMAIN)('%s against %s', async (expected, answer) => {
    const r = await equivalent(p(answer), p(expected));
    if (r.verdict === 'incorrect') expect(r.counterexample).toBeDefined();
    else {
      expect(r.verdict).toBe('correct');
      expect(r.domain?.precise?.student).toBe('undefined');
      expect(r.reason).toMatch(/^correct where both are defined; differs at .*: your answer is undefined there/);
      expect(r.domainDifference?.undefinedIn).toBe('answer');
    }
  });
  it('verify reports it as a finding', async () => {
    const r = await verify({ expected: p('a^b'), answer: p('exp(b*log(a))') });
    expect(r.diagnosis.map((f) => f.id)).toContain('domain-difference');
  });
});

/** Correct answers the probes and the tighter tolerance must still accept (no new false rejects;
 * the STACK fixtures and test/verify/table.test.ts are the larger guard). */
const STILL_CORRECT: Row[] = [
  ['sin(x)^2', '1 - cos(x)^2'],
  ['cosh(x^2)', 'cosh(abs(x)^2)'],
  ['relu(x)', '(x + abs(x))/2'],
  ['heaviside(x)', '(1 + sign(x))/2'],
  ['-cos(n*pi)', 'sin((2*pi*n - pi)/2)'],
  ['exp(x)*x', 'x*e^x'],
  ['log(1 + exp(x))', 'x + log(1 + exp(-x))'],
  ['sin(x)', 'sin(x) + cosh(300) - sinh(300) - exp(-300)'],
  ['relu(x - 10^6)', '(x - 10^6 + abs(x - 10^6))/2'],
  ['abs(abs(x) - 1)', 'abs(1 - abs(x))'],
  ['10^(-300)*sin(x)', 'sin(x)/10^300'],
];

describe('correct answers stay correct', () => {
  it.each(STILL_CORRECT)('%s and %s', async (expected, answer) => {
    const r = await equivalent(p(answer), p(expected));
    expect({ verdict: r.verdict, reason: r.reason }).toMatchObject({ verdict: 'correct' });
  });
  it('sinh(3^y) derived and verified (exp of a huge argument is refused, not computed)', async () => {
    const r = await verify({ problem: { expr: p('sinh(3^y)'), wrt: 'y' }, answer: p('cosh(3^y)*3^y*log(3)') });
    expect(r.equivalence?.verdict).toBe('correct');
  });
});

describe('a budget that runs out inside the numeric check', () => {
  it('makes the check reject with TIME_LIMIT, never return a verdict', async () => {
    // the deadline has passed before the check starts: every checkpoint throws from then on
    const started = Date.now() - 1_000;
    const check = withBudget(1, () => equivalent(p('cos(x) + cosh(300) - sinh(300)'), p('sin(x)')), started);
    await expect(check).rejects.toMatchObject({ code: 'TIME_LIMIT' });
  });
});
