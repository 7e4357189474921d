// Honest numbers from `evaluate` (issue 10, item 5), table-driven against high-precision
// references computed by hand (Python mpmath at 50 digits; the digits are written here, not computed
// by chainrule): every row is right to double precision, or flagged `approximate` with an error
// bound that contains the true value, or an error with a code (never "value": "Infinity").
// References longer than a double are strings, read by Number() (correctly rounded).
import { describe, expect, it } from 'vitest';
import { runOp } from '../../src/api/run.js';

type Expect =
  | { value: number | string; exact?: string; approximate?: false }
  | { approximate: true; truth: number | string }
  | { error: string };
type Row = [expr: string, at: Record<string, number | string>, expected: Expect];

const ROWS: Row[] = [
  // the exact rational decides the value, the domain and the overflow
  ['2^1024/2^1023', {}, { value: 2, exact: '2' }],
  ['(10^20 + x) - 10^20', { x: 1 }, { value: 1, exact: '1' }],
  ['0.1 + 0.2', {}, { value: 0.3, exact: '3/10' }],
  ['1/(0.1 + 0.2 - 0.3)', {}, { error: 'DOMAIN' }],
  ['2^1100', {}, { error: 'NOT_FINITE' }],
  ['2^(-1100)*2^1100', {}, { value: 1, exact: '1' }],
  // ML cases where doubles lose the value (mpmath: BCE(σ(40), 0) = 40.0000000000000000042…)
  ['BCE(σ(40), 0)', {}, { value: 40 }],
  ['p = σ(40); BCE(p, 0)', {}, { value: 40 }],
  ['log(σ(-800))', {}, { value: -800 }],
  ['1 - σ(40)', {}, { value: '4.2483542552915889772807209044045061891128655009032e-18' }],
  ['log(1 - σ(50))', {}, { value: '-50.000000000000000000000192874985043755140057154201' }],
  ['log(1 + 10^(-17))', {}, { value: '9.9999999999999999500000000000000015886796344985384e-18' }],
  // within 10⁻¹²⁸ of a domain's edge: 0 at 128 digits, settled higher up the ladder (they were DOMAIN)
  ['log(1 - σ(300))', {}, { value: -300 }],
  ['BCE(σ(300), 1)', {}, { value: 5.148200222412013e-131 }],
  // at the edge: the residue of π shrinks with each precision and never settles
  ['log(cos(pi/2))', {}, { error: 'DOMAIN' }],
  ['1/sin(pi)', {}, { error: 'DOMAIN' }],
  ['sqrt(10^20 + 1) - 10^10', {}, { value: '0.000000000049999999999999999999875000000009607418575648391454' }],
  ['cosh(710)/exp(710)', {}, { value: 0.5 }],
  ['exp(800)/exp(799)', {}, { value: Math.E }],
  ['exp(-800)*exp(800)', {}, { value: 1 }],
  ['tanh(x) - 1', { x: 20 }, { value: '-8.4967085105831779545614418088090123782257310018065e-18' }],
  ['log(cosh(800))', {}, { value: '799.30685281944005469058276787854182343192449986564' }],
  // erf's decimal kernel (a positive-term series) resolves the cancellation (mpmath: −4.18382560777941439861401022389993…e−23)
  ['erf(x) - 1', { x: 7 }, { value: '-4.1838256077794143986140102238999322500264430708289e-23' }],
  // overflow and domain are errors with a code
  ['exp(1000)', {}, { error: 'NOT_FINITE' }],
  ['-exp(1000)', {}, { error: 'NOT_FINITE' }],
  ['x^x', { x: 1000 }, { error: 'NOT_FINITE' }],
  ['log(-2)', {}, { error: 'DOMAIN' }],
  ['log(x - x)', { x: 0.1 }, { error: 'DOMAIN' }],
  // found by the audit (docs/audit.md), each silently wrong before; references from mpmath at 700 digits
  ['sin(pi)', {}, { value: 0 }],
  ['cos(pi/2)', {}, { value: 0 }],
  ['tan(pi/2)', {}, { error: 'DOMAIN' }],
  ['sin(pi)/sin(2*pi)', {}, { error: 'DOMAIN' }],
  ['sign(sin(pi))', {}, { value: 0 }],
  ['sin(pi + 10^(-200))', {}, { value: -1e-200 }],
  ['(1 + 10^(-20))^(10^20)', {}, { value: '2.7182818284590452353466960622103672715805702442603' }],
  ['(1 + 1/x)^x', { x: 1e17 }, { value: '2.7182818284590452217688783290574364455437268746429' }],
  ['log(1 + x)', { x: 1e-300 }, { value: 1e-300 }],
  ['exp(10^(-300)) - 1', {}, { value: 1e-300 }],
  ['log(1 + 10^(-100))*10^100', {}, { value: 1 }],
  ['sin(pi/6) - 1/2', {}, { approximate: true, truth: 0 }],
  // ordinary values stay what they were
  ['σ(wx+b)', { w: 2, x: 1.5, b: '-1/2' }, { value: 0.9241418199787566 }],
  ['sin(x)', { x: 1 }, { value: 0.8414709848078965 }],
];

/** the double nearest the reference, or one ulp off (the reference itself is rounded) */
function closeTo(actual: number, truth: number): boolean {
  if (actual === truth) return true;
  return Math.abs(actual - truth) <= Math.abs(truth) * 2 ** -52;
}

describe('evaluate: honest numbers against high-precision references', () => {
  it.each(ROWS)('%s at %j', async (expr, at, want) => {
    let res: Record<string, unknown>;
    try {
      res = (await runOp('evaluate', { expr, at })) as Record<string, unknown>;
    } catch (err) {
      expect('error' in want ? want.error : 'no error').toBe((err as { code?: string }).code);
      return;
    }
    expect('error' in want ? `an error ${want.error}` : 'a value').toBe('a value');
    expect(typeof res['value']).toBe('number');
    expect(Number.isFinite(res['value'])).toBe(true);
    if ('truth' in want) {
      expect(res['approximate']).toBe(true);
      expect(Math.abs((res['value'] as number) - Number(want.truth))).toBeLessThanOrEqual(res['errorBound'] as number);
      return;
    }
    if (!('value' in want)) return;
    expect(res['approximate']).toBeUndefined();
    expect(closeTo(res['value'] as number, Number(want.value)), `${res['value']} vs ${want.value}`).toBe(true);
    if (want.exact) expect(res['exact']).toBe(want.exact);
  });
});

// A failure at 128 digits goes up the precision ladder (384, 480 digits, tens of ms) only when it may
// be rounding: the failing operation's arguments moved by the precision's own error would be defined.
describe('a decimal domain failure says whether it is near the edge', () => {
  it.each([
    ['log(cos(5/3))', false], // log of −0.0957…: far outside
    ['(-4/3)^pi', false],
    ['sqrt(-2)', false],
    ['atanh(3/2)', false],
    ['log(cos(pi/2))', true], // cos(π/2) at 128 digits is a residue of either sign
    ['tan(pi/2)', true],
    ['1/sin(pi)', true],
    ['acos(1 + 10^-120)', true], // outside, but by less than 128 digits can tell
  ])('%s: nearEdge %s', async (text, edge) => {
    const { loadPreciseAt } = await import('../../src/numeric/decimal.js');
    const { parse } = await import('../../src/parse/index.js');
    const r = (await loadPreciseAt(128)).evaluate(parse(text).program.body!, {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.nearEdge).toBe(edge);
  });
});
