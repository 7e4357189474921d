// Functions of indices and of whole vectors (docs/architecture.md, "Indexed scalars"): the
// Kronecker δ (also the indicator [j = u]); softmax, written by its j-th component softmax(a_j)
// (read from softmax_j(a) and softmax(a)_j too); CE(y, t), the multi-class cross-entropy of two
// vectors named by their base names; logsumexp(a). The last three have no value component by
// component: they are `indexed`, evaluated and differentiated through their definition (a sum
// over k = 1…K), which checks instantiate at K = 3 and 4.
import { add, call, div, int, mul, neg, sum, sym } from '../ast/build.js';
import { indexLetters, joinName, splitName } from '../ast/names.js';
import type { Expr } from '../ast/nodes.js';
import { freshIndex, renameIndex } from '../ast/traverse.js';
import type { FunctionSpec } from './spec.js';

/** The number of classes every indexed definition sums over. */
export const CLASSES = 'K';

/** The one free index letter of a component expression (a_j → j), else undefined. */
export function componentIndex(u: Expr): string | undefined {
  if (u.kind !== 'sym') return undefined;
  const ls = indexLetters(u.name);
  return ls.length === 1 ? ls[0] : undefined;
}

/** Σ_{k=1}^{K} f(k) with a fresh k. */
function overClasses(avoid: readonly Expr[], body: (k: string) => Expr): Expr {
  const k = freshIndex(avoid, ['j', 'u']);
  return sum(k, int(1), sym(CLASSES), body(k));
}

/** The k-th component of a vector argument: y → y_k, softmax(a) → softmax(a_k), a_j → a_k. */
function component(v: Expr, k: string): Expr {
  if (v.kind === 'sym') {
    const p = splitName(v.name);
    if (!p.sub) return sym(joinName({ ...p, sub: k }));
    const j = componentIndex(v);
    if (j) return renameIndex(v, j, k);
  }
  if (v.kind === 'call' && v.fn === 'softmax' && v.args.length === 1) return call('softmax', component(v.args[0]!, k));
  throw new Error('CE and logsumexp take vectors by name: CE(y, t), CE(softmax(a), t), logsumexp(a).');
}

const notComponent = () =>
  new Error('softmax(a) is a whole vector: take one component, softmax(a)_j, softmax_j(a) or softmax(a_j), or pass it whole to CE(softmax(a), t).');

/** softmax(u) = e^u / Σ_k e^(u with its index j replaced by k). */
export function softmaxDefinition(u: Expr): Expr {
  const j = componentIndex(u);
  if (j) return div(call('exp', u), overClasses([u], (k) => call('exp', renameIndex(u, j, k))));
  // a fixed class a_2: the sum runs over a_k
  const p = u.kind === 'sym' ? splitName(u.name) : undefined;
  if (!p?.sub || !/^[0-9]+$/.test(p.sub)) throw notComponent();
  return div(call('exp', u), overClasses([u], (k) => call('exp', sym(joinName({ ...p, sub: k })))));
}

const unevaluable = (): number => Number.NaN;

export const indexed: readonly FunctionSpec[] = [
  {
    name: 'kronecker', aliases: [], arity: 2, params: ['j', 'u'],
    doc: 'Kronecker delta δ_ju = [j = u]: 1 when the indices are equal, else 0 (also written δ_{ju}, [j = u])',
    unicode: 'δ', latex: '\\delta',
    latexForm: ([j, u]) => `\\delta_{${j}${u}}`,
    eval: (j, u) => (j === u ? 1 : 0), js: ([a, b]) => `(${a} === ${b} ? 1 : 0)`, exactZero: true,
    partials: [() => int(0), () => int(0)],
    partialNote: 'its arguments are indices, not variables: nothing varies continuously',
  },
  {
    name: 'softmax', aliases: [], arity: 1, params: ['a_j'], indexed: true,
    doc: 'component j of softmax, e^(a_j)/Σ_k e^(a_k) over the K classes (softmax(a_j), softmax_j(a), softmax(a)_j)',
    latex: '\\operatorname{softmax}',
    eval: unevaluable,
    definition: ([u]) => softmaxDefinition(u!),
    // the Jacobian is not element-wise: src/rules/diff.ts (diff.softmax) gives P_j(δ_ju − P_u);
    // this diagonal entry (j = u) is what the rule tables show
    partials: [([u]) => mul(call('softmax', u!), add(int(1), neg(call('softmax', u!))))],
    partialNote: 'the diagonal entry j = u of the Jacobian ∂P_j/∂a_u = P_j(δ_ju − P_u); every output depends on every input',
  },
  {
    name: 'CE', aliases: ['CEE'], arity: 2, params: ['prediction', 'target'], indexed: true,
    doc: 'multi-class cross-entropy −Σ_k t_k log y_k of the vectors y (prediction) and t (target); premise: Σ_k t_k = 1',
    latex: '\\operatorname{CE}', loss: { prediction: 0, label: 1 },
    eval: unevaluable,
    definition: ([y, t]) => neg(overClasses([y!, t!], (k) => mul(component(t!, k), call('log', component(y!, k))))),
    partials: [([y, t]) => neg(div(t!, y!)), ([y]) => neg(call('log', y!))],
    partialNote: 'per component: ∂CE/∂y_j = −t_j/y_j; the premise Σ_k t_k = 1 (t a distribution) is used with softmax',
  },
  {
    name: 'logsumexp', aliases: ['LSE'], arity: 1, params: ['a'], indexed: true,
    doc: 'log Σ_k e^(a_k) of the vector a',
    latex: '\\operatorname{logsumexp}',
    eval: unevaluable,
    definition: ([a]) => call('log', overClasses([a!], (k) => call('exp', component(a!, k)))),
    partials: [([a]) => call('softmax', a!)],
    partialNote: '∂/∂a_j logsumexp(a) = softmax(a_j)',
  },
];
