// Exponentials, logarithms, roots, absolute value and sign.
import { call, div, int, mul, pow, rat } from '../ast/build.js';
import type { Num } from '../ast/nodes.js';
import { atZero, type FunctionSpec } from './spec.js';

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  // Newton's method from a power of two above √n, falling to ⌊√n⌋ (stepping by one from a double's
  // estimate hung on √(3²⁰¹), whose estimate is off by ~2⁴⁷, and threw past 2¹⁰²⁴)
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}
/** √q exactly when numerator and denominator are perfect squares. */
function exactSqrt(q: Num): Num | undefined {
  if (q.n <= 0n) return undefined;
  const rn = isqrt(q.n);
  const rd = isqrt(q.d);
  return rn * rn === q.n && rd * rd === q.d ? rat(rn, rd) : undefined;
}
const atOne = (value: Num): FunctionSpec['exactValues'] => [{ at: int(1), value }];

export const elementary: readonly FunctionSpec[] = [
  {
    name: 'exp', aliases: [], arity: 1, params: ['x'], doc: 'e to the power x',
    latex: '\\exp', latexForm: ([a]) => `e^{${a}}`,
    eval: Math.exp, mathjs: 'exp', js: ([a]) => `Math.exp(${a})`,
    partials: [([u]) => call('exp', u!)],
    exactValues: atZero(int(1)),
  },
  {
    name: 'log', aliases: ['ln'], arity: 1, params: ['x'], doc: 'natural logarithm (log and ln are the same)',
    latex: '\\log', eval: Math.log, domain: (x) => x > 0, domainText: 'x > 0', mathjs: 'log',
    js: ([a]) => `Math.log(${a})`, exactZero: true, sampleRange: { lo: 0, hi: 3, signed: false }, positiveArg: true,
    partials: [([u]) => div(int(1), u!)],
    exactValues: atOne(int(0)),
  },
  {
    name: 'log10', aliases: [], arity: 1, params: ['x'], doc: 'logarithm to base 10',
    latex: '\\log_{10}', eval: Math.log10, domain: (x) => x > 0, domainText: 'x > 0', mathjs: 'log10',
    js: ([a]) => `Math.log10(${a})`, exactZero: true, sampleRange: { lo: 0, hi: 3, signed: false }, positiveArg: true,
    partials: [([u]) => div(int(1), mul(u!, call('log', int(10))))],
    exactValues: atOne(int(0)),
  },
  {
    name: 'sqrt', aliases: ['√'], arity: 1, params: ['x'], doc: 'square root', unicode: '√',
    latex: '\\sqrt', latexForm: ([a]) => `\\sqrt{${a}}`,
    eval: Math.sqrt, domain: (x) => x >= 0, domainText: 'x ≥ 0', mathjs: 'sqrt', js: ([a]) => `Math.sqrt(${a})`,
    sampleRange: { lo: 0, hi: 3, signed: false }, positiveArg: true,
    partials: [([u]) => div(int(1), mul(int(2), call('sqrt', u!)))],
    exactValues: atZero(int(0)), exactRule: exactSqrt,
    canonical: ([u]) => pow(u!, rat(1n, 2n)),
  },
  {
    name: 'cbrt', aliases: ['∛'], arity: 1, params: ['x'], doc: 'real cube root',
    latex: '\\sqrt[3]', latexForm: ([a]) => `\\sqrt[3]{${a}}`,
    eval: Math.cbrt, mathjs: 'cbrt', js: ([a]) => `Math.cbrt(${a})`,
    partials: [([u]) => div(int(1), mul(int(3), pow(call('cbrt', u!), int(2))))],
    exactValues: atZero(int(0)),
    partialNote: 'not differentiable at 0',
  },
  {
    name: 'abs', aliases: [], arity: 1, params: ['x'], doc: 'absolute value',
    latex: '\\operatorname{abs}', latexForm: ([a]) => `\\left|${a}\\right|`,
    eval: Math.abs, mathjs: 'abs', js: ([a]) => `Math.abs(${a})`, holomorphic: false,
    partials: [([u]) => call('sign', u!)],
    exactValues: atZero(int(0)), exactRule: (q) => rat(q.n < 0n ? -q.n : q.n, q.d),
    partialNote: 'not differentiable at 0',
  },
  {
    name: 'sign', aliases: ['sgn'], arity: 1, params: ['x'], doc: 'sign: −1, 0 or 1',
    latex: '\\operatorname{sign}', eval: Math.sign, mathjs: 'sign', js: ([a]) => `Math.sign(${a})`,
    exactZero: true, holomorphic: false,
    partials: [() => int(0)], partialNote: 'the derivative 0 does not hold at x = 0',
    exactValues: atZero(int(0)),
  },
];

