// Activations and links an ML course uses beyond σ and relu: logit, softplus, silu (swish), elu,
// leaky_relu (with its slope), erf and gelu. Each partial is the derivative of the definition
// (test/readings/activations.test.ts derives every definition and compares it with the partial).
// Evaluation is written for float64 stability (softplus never overflows; erf keeps ~1e-15).
import { add, call, constant, div, int, mul, neg, pow, rat, sub } from '../ast/build.js';
import type { Expr } from '../ast/nodes.js';
import type { FunctionSpec } from './spec.js';

const one = () => int(1);
const H = (x: Expr) => call('heaviside', x);
const sig = (x: Expr) => call('sigmoid', x);

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** erf to ~1e-16 relative: below 3 the series (2/√π)e^(−x²) Σ (2x²)ⁿ x/(2n+1)!!, whose terms are
 * all positive (no cancellation, so numerical derivatives of it stay accurate); above 3 the
 * continued fraction of erfc (modified Lentz), which converges fast there. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 3) {
    let term = ax;
    let sum = ax;
    for (let n = 1; n < 500; n++) {
      term *= (2 * ax * ax) / (2 * n + 1);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * Math.exp(-ax * ax) * sum;
  }
  if (ax > 6) return Math.sign(x); // erfc(6) < 3e-17
  // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))
  const tiny = 1e-300;
  let f = ax;
  let C = ax;
  let D = 0;
  for (let k = 1; k < 300; k++) {
    const a = k / 2;
    D = ax + a * D;
    D = D === 0 ? tiny : D;
    C = ax + a / C;
    C = C === 0 ? tiny : C;
    D = 1 / D;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return Math.sign(x) * (1 - erfc);
}

/** 2/√π as a tree */
const twoOverRootPi = () => div(int(2), call('sqrt', constant('pi')));

export const activations: readonly FunctionSpec[] = [
  {
    name: 'logit', aliases: [], arity: 1, params: ['p'],
    doc: 'log-odds log(p/(1−p)), the inverse of σ', latex: '\\operatorname{logit}',
    eval: (p) => Math.log(p / (1 - p)), domain: (p) => p > 0 && p < 1, domainText: '0 < p < 1',
    definition: ([p]) => call('log', div(p!, sub(one(), p!))),
    sampleRange: { lo: 0, hi: 1, signed: false },
    partials: [([p]) => div(one(), mul(p!, sub(one(), p!)))],
  },
  {
    name: 'softplus', aliases: [], arity: 1, params: ['x'],
    doc: 'softplus log(1 + e^x), a smooth relu', latex: '\\operatorname{softplus}',
    eval: (x) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))),
    definition: ([x]) => call('log', add(one(), call('exp', x!))),
    partials: [([x]) => sig(x!)],
  },
  {
    name: 'silu', aliases: ['swish', 'SiLU'], arity: 1, params: ['x'],
    doc: 'sigmoid-weighted linear unit x·σ(x) (swish)', latex: '\\operatorname{SiLU}',
    eval: (x) => x * sigmoid(x),
    definition: ([x]) => mul(x!, sig(x!)),
    // d/dx xσ(x) = σ(x) + xσ(x)(1 − σ(x)) = σ(x)(1 + x(1 − σ(x)))
    partials: [([x]) => mul(sig(x!), add(one(), mul(x!, sub(one(), sig(x!)))))],
  },
  {
    name: 'elu', aliases: ['ELU'], arity: 1, params: ['x'],
    doc: 'exponential linear unit (α = 1): x for x > 0, else e^x − 1', latex: '\\operatorname{ELU}',
    eval: (x) => (x > 0 ? x : Math.expm1(x)),
    // written with the step H so both pieces are differentiated by the rules: H(x)·x + (1 − H(x))(e^x − 1)
    definition: ([x]) => add(mul(H(x!), x!), mul(sub(one(), H(x!)), sub(call('exp', x!), one()))),
    partials: [([x]) => add(H(x!), mul(sub(one(), H(x!)), call('exp', x!)))],
    partialNote: 'elu (α = 1) is differentiable everywhere: both pieces have slope 1 at 0',
  },
  {
    // canonical `leakyrelu` (printed), so every printed name is letters only; `leaky_relu` reads too
    name: 'leakyrelu', aliases: ['leaky_relu', 'LeakyReLU'], arity: 2, params: ['x', 'slope'],
    doc: 'leaky relu (leaky_relu): x for x > 0, else slope·x (leaky_relu(x) takes slope 0.01)', latex: '\\operatorname{LeakyReLU}',
    eval: (x, a) => (x > 0 ? x : a * x),
    defaults: [undefined, () => rat(1n, 100n)],
    definition: ([x, a]) => add(mul(H(x!), x!), mul(sub(one(), H(x!)), a!, x!)),
    partials: [([x, a]) => add(H(x!), mul(sub(one(), H(x!)), a!)), ([x]) => mul(sub(one(), H(x!)), x!)],
    partialNote: 'leaky_relu is not differentiable at 0 (for slope ≠ 1); chainrule takes the slope there (H(0) = 0)',
  },
  {
    name: 'erf', aliases: [], arity: 1, params: ['x'],
    doc: 'error function (2/√π)∫₀ˣ e^(−t²) dt', latex: '\\operatorname{erf}', eval: erf,
    // erf has no closed form: its derivative is the integrand, by the fundamental theorem of calculus
    partials: [([x]) => mul(twoOverRootPi(), call('exp', neg(pow(x!, int(2)))))],
  },
  {
    name: 'gelu', aliases: ['GELU'], arity: 1, params: ['x'],
    doc: 'Gaussian error linear unit x·Φ(x) = x(1 + erf(x/√2))/2', latex: '\\operatorname{GELU}',
    eval: (x) => (x * (1 + erf(x / Math.SQRT2))) / 2,
    definition: ([x]) => div(mul(x!, add(one(), call('erf', div(x!, call('sqrt', int(2)))))), int(2)),
    // Φ(x) + x·φ(x), φ(x) = e^(−x²/2)/√(2π)
    partials: [([x]) => add(
      div(add(one(), call('erf', div(x!, call('sqrt', int(2))))), int(2)),
      div(mul(x!, call('exp', neg(div(pow(x!, int(2)), int(2))))), call('sqrt', mul(int(2), constant('pi')))),
    )],
  },
];
