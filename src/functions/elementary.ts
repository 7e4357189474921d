// Exponentials, logarithms, roots, absolute value and sign.
import { call, div, int, mul, pow } from '../ast/build.js';
import type { FunctionSpec } from './spec.js';

export const elementary: readonly FunctionSpec[] = [
  {
    name: 'exp', aliases: [], arity: 1, params: ['x'], doc: 'e to the power x',
    latex: '\\exp', latexForm: ([a]) => `e^{${a}}`,
    eval: Math.exp, mathjs: 'exp', js: ([a]) => `Math.exp(${a})`,
    partials: [([u]) => call('exp', u!)],
  },
  {
    name: 'log', aliases: ['ln'], arity: 1, params: ['x'], doc: 'natural logarithm (log and ln are the same)',
    latex: '\\log', eval: Math.log, domain: (x) => x > 0, domainText: 'x > 0', mathjs: 'log',
    js: ([a]) => `Math.log(${a})`, exactZero: true, sampleRange: { lo: 0, hi: 3, signed: false }, positiveArg: true,
    partials: [([u]) => div(int(1), u!)],
  },
  {
    name: 'log10', aliases: [], arity: 1, params: ['x'], doc: 'logarithm to base 10',
    latex: '\\log_{10}', eval: Math.log10, domain: (x) => x > 0, domainText: 'x > 0', mathjs: 'log10',
    js: ([a]) => `Math.log10(${a})`, exactZero: true, sampleRange: { lo: 0, hi: 3, signed: false }, positiveArg: true,
    partials: [([u]) => div(int(1), mul(u!, call('log', int(10))))],
  },
  {
    name: 'sqrt', aliases: ['√'], arity: 1, params: ['x'], doc: 'square root', unicode: '√',
    latex: '\\sqrt', latexForm: ([a]) => `\\sqrt{${a}}`,
    eval: Math.sqrt, domain: (x) => x >= 0, domainText: 'x ≥ 0', mathjs: 'sqrt', js: ([a]) => `Math.sqrt(${a})`,
    sampleRange: { lo: 0, hi: 3, signed: false }, positiveArg: true,
    partials: [([u]) => div(int(1), mul(int(2), call('sqrt', u!)))],
  },
  {
    name: 'cbrt', aliases: ['∛'], arity: 1, params: ['x'], doc: 'real cube root',
    latex: '\\sqrt[3]', latexForm: ([a]) => `\\sqrt[3]{${a}}`,
    eval: Math.cbrt, mathjs: 'cbrt', js: ([a]) => `Math.cbrt(${a})`,
    partials: [([u]) => div(int(1), mul(int(3), pow(call('cbrt', u!), int(2))))],
    partialNote: 'not differentiable at 0',
  },
  {
    name: 'abs', aliases: [], arity: 1, params: ['x'], doc: 'absolute value',
    latex: '\\operatorname{abs}', latexForm: ([a]) => `\\left|${a}\\right|`,
    eval: Math.abs, mathjs: 'abs', js: ([a]) => `Math.abs(${a})`, holomorphic: false,
    partials: [([u]) => call('sign', u!)],
    partialNote: 'not differentiable at 0',
  },
  {
    name: 'sign', aliases: ['sgn'], arity: 1, params: ['x'], doc: 'sign: −1, 0 or 1',
    latex: '\\operatorname{sign}', eval: Math.sign, mathjs: 'sign', js: ([a]) => `Math.sign(${a})`,
    exactZero: true, holomorphic: false,
    partials: [() => int(0)], partialNote: 'the derivative 0 does not hold at x = 0',
  },
];

