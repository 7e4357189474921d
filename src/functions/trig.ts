// Trigonometric functions and their inverses (radians). Partials as in any table of derivatives;
// the inverse secant/cosecant use |x| so they hold on both branches.
import { add, call, div, int, mul, neg, pow, sub } from '../ast/build.js';
import type { Expr } from '../ast/nodes.js';
import { atZero, type FunctionSpec } from './spec.js';

const sq = (u: Expr) => pow(u, int(2));
const one = () => int(1);
const zeroAtZero = atZero(int(0));
/** heads KaTeX knows as operators; the rest print as \\operatorname{…} */
/** Sampling ranges (spec.sampleRange): the real domain cut to the default magnitude 3; |x| ≥ 1
 * gets both branches, since the default sampler puts 31 % of its values in (−1, 1). */
const BOTH_UNIT = { lo: -1, hi: 1, signed: false } as const;
const OUTSIDE_UNIT = { lo: 1, hi: 3, signed: true } as const;
const KATEX_NAMED = new Set(['sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'arcsin', 'arccos', 'arctan']);

function trig(
  name: string, aliases: string[], doc: string, f: (x: number) => number,
  partial: (u: Expr) => Expr, extra: Partial<FunctionSpec> = {},
): FunctionSpec {
  return {
    name, aliases, arity: 1, params: ['x'], doc,
    latex: KATEX_NAMED.has(name) ? `\\${name}` : KATEX_NAMED.has('arc' + name.slice(1)) ? `\\arc${name.slice(1)}` : `\\operatorname{${name}}`,
    eval: f, mathjs: name, partials: [([u]) => partial(u!)], ...extra,
  };
}

export const trigonometric: readonly FunctionSpec[] = [
  trig('sin', [], 'sine', Math.sin, (u) => call('cos', u), { js: ([a]) => `Math.sin(${a})`, exactValues: zeroAtZero }),
  trig('cos', [], 'cosine', Math.cos, (u) => neg(call('sin', u)), { js: ([a]) => `Math.cos(${a})`, exactValues: atZero(one()) }),
  trig('tan', [], 'tangent', Math.tan, (u) => sq(call('sec', u)), {
    js: ([a]) => `Math.tan(${a})`, exactValues: zeroAtZero, canonical: ([u]) => div(call('sin', u!), call('cos', u!)),
    domainText: 'cos x ≠ 0', // for docs: Math.tan never returns NaN, so no domain test is needed
  }),
  trig('sec', [], 'secant, 1/cos', (x) => 1 / Math.cos(x), (u) => mul(call('sec', u), call('tan', u)),
    { canonical: ([u]) => div(one(), call('cos', u!)), domainText: 'cos x ≠ 0' }),
  trig('csc', ['cosec'], 'cosecant, 1/sin', (x) => 1 / Math.sin(x), (u) => neg(mul(call('csc', u), call('cot', u))),
    { domain: (x) => Math.sin(x) !== 0, domainText: 'sin x ≠ 0', canonical: ([u]) => div(one(), call('sin', u!)) }),
  trig('cot', [], 'cotangent, cos/sin', (x) => 1 / Math.tan(x), (u) => neg(sq(call('csc', u))),
    { domain: (x) => Math.sin(x) !== 0, domainText: 'sin x ≠ 0', canonical: ([u]) => div(call('cos', u!), call('sin', u!)) }),
  trig('asin', ['arcsin'], 'inverse sine', Math.asin, (u) => div(one(), call('sqrt', sub(one(), sq(u)))),
    { domain: (x) => x >= -1 && x <= 1, domainText: '−1 ≤ x ≤ 1', js: ([a]) => `Math.asin(${a})`, exactValues: zeroAtZero, sampleRange: BOTH_UNIT }),
  trig('acos', ['arccos'], 'inverse cosine', Math.acos, (u) => neg(div(one(), call('sqrt', sub(one(), sq(u))))),
    { domain: (x) => x >= -1 && x <= 1, domainText: '−1 ≤ x ≤ 1', js: ([a]) => `Math.acos(${a})`, sampleRange: BOTH_UNIT, exactZero: true }),
  trig('atan', ['arctan'], 'inverse tangent', Math.atan, (u) => div(one(), add(one(), sq(u))),
    { js: ([a]) => `Math.atan(${a})`, exactValues: zeroAtZero }),
  trig('asec', ['arcsec'], 'inverse secant', (x) => Math.acos(1 / x),
    (u) => div(one(), mul(call('abs', u), call('sqrt', sub(sq(u), one())))),
    { domain: (x) => Math.abs(x) >= 1, domainText: '|x| ≥ 1', sampleRange: OUTSIDE_UNIT }),
  trig('acsc', ['arccsc'], 'inverse cosecant', (x) => Math.asin(1 / x),
    (u) => neg(div(one(), mul(call('abs', u), call('sqrt', sub(sq(u), one()))))),
    { domain: (x) => Math.abs(x) >= 1, domainText: '|x| ≥ 1', sampleRange: OUTSIDE_UNIT }),
  trig('acot', ['arccot'], 'inverse cotangent', (x) => Math.atan(1 / x),
    (u) => neg(div(one(), add(one(), sq(u)))), { domain: (x) => x !== 0, domainText: 'x ≠ 0' }),
];
