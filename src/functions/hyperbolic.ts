// Hyperbolic functions and their inverses.
import { add, call, div, int, mul, neg, pow, sub } from '../ast/build.js';
import type { Expr } from '../ast/nodes.js';
import { atZero, type FunctionSpec } from './spec.js';

const sq = (u: Expr) => pow(u, int(2));
const one = () => int(1);
const zeroAtZero = atZero(int(0));
/** The canonical rewrite through E = e^u (symbolic answer checking): f(u) = body(E). */
const viaExp = (body: (E: Expr) => Expr): FunctionSpec['canonical'] => ([u]) => body(call('exp', u!));
const inv = (E: Expr) => div(one(), E);

function hyp(
  name: string, doc: string, f: (x: number) => number, partial: (u: Expr) => Expr,
  extra: Partial<FunctionSpec> = {},
): FunctionSpec {
  return {
    name, aliases: name.startsWith('a') ? ['ar' + name.slice(1), 'arc' + name.slice(1)] : [], arity: 1, params: ['x'], doc,
    latex: ['sinh', 'cosh', 'tanh', 'coth'].includes(name) ? '\\' + name : `\\operatorname{${name}}`,
    eval: f, mathjs: name, partials: [([u]) => partial(u!)], ...extra,
  };
}

export const hyperbolic: readonly FunctionSpec[] = [
  hyp('sinh', 'hyperbolic sine', Math.sinh, (u) => call('cosh', u), {
    js: ([a]) => `Math.sinh(${a})`, exactValues: zeroAtZero, canonical: viaExp((E) => div(sub(E, inv(E)), int(2))),
  }),
  hyp('cosh', 'hyperbolic cosine', Math.cosh, (u) => call('sinh', u), {
    js: ([a]) => `Math.cosh(${a})`, exactValues: atZero(one()), canonical: viaExp((E) => div(add(E, inv(E)), int(2))),
  }),
  hyp('tanh', 'hyperbolic tangent', Math.tanh, (u) => sub(one(), sq(call('tanh', u))), {
    js: ([a]) => `Math.tanh(${a})`, exactValues: zeroAtZero, canonical: viaExp((E) => div(sub(E, inv(E)), add(E, inv(E)))),
  }),
  hyp('sech', 'hyperbolic secant', (x) => 1 / Math.cosh(x), (u) => neg(mul(call('sech', u), call('tanh', u))),
    { canonical: viaExp((E) => div(int(2), add(E, inv(E)))) }),
  hyp('csch', 'hyperbolic cosecant', (x) => 1 / Math.sinh(x), (u) => neg(mul(call('csch', u), call('coth', u))),
    { domain: (x) => x !== 0, domainText: 'x ≠ 0', canonical: viaExp((E) => div(int(2), sub(E, inv(E)))) }),
  hyp('coth', 'hyperbolic cotangent', (x) => 1 / Math.tanh(x), (u) => neg(sq(call('csch', u))),
    { domain: (x) => x !== 0, domainText: 'x ≠ 0', canonical: viaExp((E) => div(add(E, inv(E)), sub(E, inv(E)))) }),
  hyp('asinh', 'inverse hyperbolic sine', Math.asinh, (u) => div(one(), call('sqrt', add(sq(u), one()))),
    { js: ([a]) => `Math.asinh(${a})`, exactValues: zeroAtZero }),
  hyp('acosh', 'inverse hyperbolic cosine', Math.acosh, (u) => div(one(), call('sqrt', sub(sq(u), one()))),
    { domain: (x) => x >= 1, domainText: 'x ≥ 1', js: ([a]) => `Math.acosh(${a})`, sampleRange: { lo: 1, hi: 3, signed: false }, exactZero: true }),
  hyp('atanh', 'inverse hyperbolic tangent', Math.atanh, (u) => div(one(), sub(one(), sq(u))),
    { domain: (x) => x > -1 && x < 1, domainText: '−1 < x < 1', js: ([a]) => `Math.atanh(${a})`, exactValues: zeroAtZero, sampleRange: { lo: -1, hi: 1, signed: false } }),
  hyp('asech', 'inverse hyperbolic secant', (x) => Math.acosh(1 / x),
    (u) => neg(div(one(), mul(u, call('sqrt', sub(one(), sq(u)))))), { domain: (x) => x > 0 && x <= 1, domainText: '0 < x ≤ 1', sampleRange: { lo: 0, hi: 1, signed: false }, exactZero: true }),
  hyp('acsch', 'inverse hyperbolic cosecant', (x) => Math.asinh(1 / x),
    (u) => neg(div(one(), mul(call('abs', u), call('sqrt', add(one(), sq(u)))))), { domain: (x) => x !== 0, domainText: 'x ≠ 0' }),
  hyp('acoth', 'inverse hyperbolic cotangent', (x) => Math.atanh(1 / x), (u) => div(one(), sub(one(), sq(u))),
    { domain: (x) => Math.abs(x) > 1, domainText: '|x| > 1', sampleRange: { lo: 1, hi: 3, signed: true } }),
];
