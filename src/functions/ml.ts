// The functions of the course: sigmoid σ, relu (with its step derivative), binary cross-entropy
// BCE(prediction, label) and squared error MSE(prediction, target). The label is fixed by
// argument POSITION, never by the symbol's name (SEEDS.md: the notes swap y and ŷ).
import { add, call, div, int, mul, neg, rat, sub } from '../ast/build.js';
import { atZero, type FunctionSpec } from './spec.js';

const one = () => int(1);

/** The logistic sigmoid, stable on both branches (e^(−|z|) cannot overflow). The ONE formula: the
 * spec's `eval` and the compiled code's `__sig` helper are this function, so they agree to the bit. */
function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const t = Math.exp(z);
  return t / (1 + t);
}

export const ml: readonly FunctionSpec[] = [
  {
    name: 'sigmoid', aliases: ['σ', 'sigma', 'logistic'], arity: 1, params: ['z'],
    doc: 'logistic sigmoid σ(z) = 1/(1+e^(−z))', unicode: 'σ', latex: '\\sigma',
    eval: sigmoid, js: ([a]) => `__sig(${a})`, jsRuntime: { __sig: sigmoid },
    definition: ([z]) => div(one(), add(one(), call('exp', neg(z!)))),
    partials: [([z]) => mul(call('sigmoid', z!), sub(one(), call('sigmoid', z!)))],
    exactValues: atZero(rat(1n, 2n)),
  },
  {
    name: 'relu', aliases: ['ReLU'], arity: 1, params: ['x'], doc: 'rectified linear unit max(0, x)',
    latex: '\\operatorname{ReLU}', eval: (x) => (x > 0 ? x : 0), js: ([a]) => `Math.max(0, ${a})`, exactZero: true,
    partials: [([x]) => call('heaviside', x!)],
    partialNote: 'relu is not differentiable at 0; chainrule takes the derivative there to be 0 (H(0) = 0)',
    exactValues: atZero(int(0)),
  },
  {
    name: 'heaviside', aliases: ['step'], arity: 1, params: ['x'], doc: 'unit step: 1 for x > 0, else 0 (H(0) = 0)',
    unicode: 'H', latex: '\\operatorname{step}', eval: (x) => (x > 0 ? 1 : 0), js: ([a]) => `(${a} > 0 ? 1 : 0)`, exactZero: true,
    partials: [() => int(0)], partialNote: 'the derivative 0 does not hold at x = 0',
    exactValues: atZero(int(0)),
  },
  {
    name: 'BCE', aliases: ['bce'], arity: 2, params: ['prediction', 'label'],
    doc: 'binary cross-entropy −(t·log p + (1−t)·log(1−p)) of prediction p and label t',
    latex: '\\operatorname{BCE}', loss: { prediction: 0, label: 1 },
    eval: (p, t) => -(t * Math.log(p) + (1 - t) * Math.log(1 - p)),
    domain: (p) => p > 0 && p < 1, domainText: '0 < prediction < 1',
    sampleRange: { lo: 0, hi: 1, signed: false }, // a probability (SEEDS.md G1/G2)
    definition: ([p, t]) => neg(add(mul(t!, call('log', p!)), mul(sub(one(), t!), call('log', sub(one(), p!))))),
    partials: [
      // ∂/∂p = −(t/p − (1−t)/(1−p)), the form of SEEDS.md G1 step 1
      ([p, t]) => neg(sub(div(t!, p!), div(sub(one(), t!), sub(one(), p!)))),
      // ∂/∂t = −(log p − log(1−p))
      ([p]) => neg(sub(call('log', p!), call('log', sub(one(), p!)))),
    ],
  },
  {
    name: 'MSE', aliases: ['mse'], arity: 2, params: ['prediction', 'target'],
    doc: 'squared error (p − t)² of one prediction p against its target t',
    loss: { prediction: 0, label: 1 },
    latex: '\\operatorname{MSE}', eval: (p, t) => (p - t) * (p - t),
    definition: ([p, t]) => mul(sub(p!, t!), sub(p!, t!)),
    partials: [([p, t]) => mul(int(2), sub(p!, t!)), ([p, t]) => neg(mul(int(2), sub(p!, t!)))],
  },
];

