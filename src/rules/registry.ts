// The ONE registry of step ids: every id a derivation, a simplification or the chain through
// definitions can name (diff.*, diff.fn.*, simp.*, the simplifier's phases, chain.*), each with its
// label, a sentence for readers, its LaTeX justification and a frozen flag. Code uses the entries
// (DIFF_STEP.product.id), never a string literal; docs/rules.md, translations and the playground
// key off this table. Plain data + tiny functions: imports only ast, functions and the LaTeX printer
// (no mathjs, no parser), so the api layer and a browser bundle can load it cheaply.
import { call, diff, sym } from '../ast/build.js';
import type { Expr } from '../ast/nodes.js';
import { FUNCTIONS, type FunctionSpec } from '../functions/index.js';
import { toLatex } from '../render/latex.js';

export type StepKind = 'diff' | 'function' | 'simp' | 'phase' | 'chain';

export interface StepInfo {
  /** `group.kebab-name`; frozen once shipped (worksheets, the API and translations key off it) */
  readonly id: string;
  readonly kind: StepKind;
  /** short name shown beside a step */
  readonly label: string;
  /** one sentence for readers (docs/rules.md, tooltips) */
  readonly sentence: string;
  /** the rule as an equation `lhs = rhs` in plain-text notation, when it is one */
  readonly text?: string;
  /** the justification in LaTeX (passes KaTeX strict) */
  readonly latex?: string;
  /** where the rule holds, when not everywhere */
  readonly condition?: string;
  /** a shipped id is frozen: it may not be renamed or removed */
  readonly frozen: boolean;
}

type Entry = Omit<StepInfo, 'kind' | 'frozen'>;
const kinded = <K extends string>(kind: StepKind, entries: Record<K, Entry>): Record<K, StepInfo> =>
  Object.fromEntries(Object.entries<Entry>(entries).map(([k, e]) => [k, Object.freeze({ ...e, kind, frozen: true })])) as Record<K, StepInfo>;

/** Differentiation rules, in the order src/rules/diff.ts tries them. Pattern letters: c, a, n do
 * not depend on x; u, v may. */
export const DIFF_STEP = kinded('diff', {
  constant: { id: 'diff.constant', label: 'constant rule', text: 'd/dx(c) = 0', latex: '\\frac{d}{dx}\\left(c\\right) = 0', sentence: 'The derivative of an expression that does not depend on the variable is 0.' },
  variable: { id: 'diff.variable', label: 'derivative of the variable', text: 'd/dx(x) = 1', latex: '\\frac{d}{dx}\\left(x\\right) = 1', sentence: 'The derivative of the variable itself is 1.' },
  sumIndex: { id: 'diff.sum-index', label: 'derivative of a sum over an index', text: 'd/dx(sum(i, 1, K, u_i)) = sum(i, 1, K, d/dx(u_i))', latex: '\\frac{d}{dx}\\left(\\sum_{i=1}^{K} u_{i}\\right) = \\sum_{i=1}^{K} \\frac{d}{dx}\\left(u_{i}\\right)', sentence: 'A sum over an index is differentiated term by term, inside the Σ (its bound index is renamed first when the variable uses the same letter).' },
  index: { id: 'diff.index', label: 'derivative of an indexed name', text: 'd/dy_j(y_i) = kronecker(i, j)', latex: '\\frac{d}{dy_{j}}\\left(y_{i}\\right) = \\delta_{ij}', sentence: 'An indexed name against the variable of the same name with other indices: 1 where the indices agree, else 0 — the Kronecker δ of each index that differs (∂y_i/∂y_j = δ_ij, ∂w_i1/∂w_11 = δ_i1).' },
  sum: { id: 'diff.sum', label: 'sum rule', text: 'd/dx(u + v) = d/dx(u) + d/dx(v)', latex: '\\frac{d}{dx}\\left(u + v\\right) = \\frac{d}{dx}\\left(u\\right) + \\frac{d}{dx}\\left(v\\right)', sentence: 'A sum is differentiated term by term; a subtracted term keeps its minus sign.' },
  negation: { id: 'diff.negation', label: 'constant multiple −1', text: 'd/dx(-u) = -d/dx(u)', latex: '\\frac{d}{dx}\\left(-u\\right) = -\\frac{d}{dx}\\left(u\\right)', sentence: 'The minus sign stays outside the derivative.' },
  constantMultiple: { id: 'diff.constant-multiple', label: 'constant multiple rule', text: 'd/dx(c*u) = c*d/dx(u)', latex: '\\frac{d}{dx}\\left(cu\\right) = c\\frac{d}{dx}\\left(u\\right)', sentence: 'In a product with exactly one factor that depends on the variable, the other factors stay as they are and that factor is differentiated in place.' },
  product: { id: 'diff.product', label: 'product rule', text: 'd/dx(u*v) = d/dx(u)*v + u*d/dx(v)', latex: '\\frac{d}{dx}\\left(uv\\right) = \\frac{d}{dx}\\left(u\\right)v + u\\frac{d}{dx}\\left(v\\right)', sentence: 'A product is differentiated one varying factor at a time, the others kept, and the terms added.' },
  constantDivisor: { id: 'diff.constant-divisor', label: 'constant divisor', text: 'd/dx(u/c) = d/dx(u)/c', latex: '\\frac{d}{dx}\\left(\\frac{u}{c}\\right) = \\frac{\\frac{d}{dx}\\left(u\\right)}{c}', sentence: 'Dividing by a constant commutes with differentiating.' },
  reciprocal: { id: 'diff.reciprocal', label: 'reciprocal rule', text: 'd/dx(c/v) = -(c*d/dx(v)/v^2)', latex: '\\frac{d}{dx}\\left(\\frac{c}{v}\\right) = -\\frac{c\\frac{d}{dx}\\left(v\\right)}{v^{2}}', sentence: 'A constant over a varying denominator: minus the constant times the derivative of the denominator, over its square.' },
  quotient: { id: 'diff.quotient', label: 'quotient rule', text: 'd/dx(u/v) = (d/dx(u)*v - u*d/dx(v))/v^2', latex: '\\frac{d}{dx}\\left(\\frac{u}{v}\\right) = \\frac{\\frac{d}{dx}\\left(u\\right)v - u\\frac{d}{dx}\\left(v\\right)}{v^{2}}', sentence: 'Derivative of the numerator times the denominator, minus the numerator times the derivative of the denominator, over the denominator squared.' },
  power: { id: 'diff.power', label: 'power rule', text: 'd/dx(u^n) = n*u^(n - 1)*d/dx(u)', latex: '\\frac{d}{dx}\\left(u^{n}\\right) = nu^{n - 1}\\frac{d}{dx}\\left(u\\right)', sentence: 'A power with a constant exponent: the exponent comes down and is lowered by one (a number exponent at once), times the derivative of the base.' },
  zeroBase: { id: 'diff.zero-base', label: 'zero to a power', text: 'd/dx(0^u) = 0', latex: '\\frac{d}{dx}\\left(0^{u}\\right) = 0', sentence: 'Zero to a varying power is 0 wherever it is differentiable (u > 0: at u = 0 it jumps to 1, below it is 1/0), so its derivative is 0 there; the exponential rule would write 0^u·log 0, defined nowhere.', condition: 'u > 0' },
  exponential: { id: 'diff.exponential', label: 'exponential rule', text: 'd/dx(a^u) = a^u*log(a)*d/dx(u)', latex: '\\frac{d}{dx}\\left(a^{u}\\right) = a^{u}\\log(a)\\frac{d}{dx}\\left(u\\right)', sentence: 'A constant base to a varying power: the power itself, times the log of the base, times the derivative of the exponent.' },
  generalPower: { id: 'diff.general-power', label: 'general power rule', text: 'd/dx(u^v) = u^v*(d/dx(v)*log(u) + v*d/dx(u)/u)', latex: '\\frac{d}{dx}\\left(u^{v}\\right) = u^{v}\\left(\\frac{d}{dx}\\left(v\\right)\\log(u) + \\frac{v\\frac{d}{dx}\\left(u\\right)}{u}\\right)', sentence: 'Base and exponent both vary: differentiate u^v = e^(v log u).', condition: 'u > 0' },
  softmax: { id: 'diff.softmax', label: 'softmax Jacobian', text: 'd/da_m(softmax(a_l)) = softmax(a_l)*(kronecker(l, m) - softmax(a_m))', latex: '\\frac{d}{da_{m}}\\left(\\operatorname{softmax}(a_{l})\\right) = \\operatorname{softmax}(a_{l})(\\delta_{lm} - \\operatorname{softmax}(a_{m}))', sentence: 'Every output of softmax depends on every input: ∂P_j/∂a_u = P_j(δ_ju − P_u), which is P_j(1 − P_j) when j = u and −P_j P_u when j ≠ u (deck 004); the element-wise shortcut P_j(1 − P_j) alone is wrong.' },
  definition: { id: 'diff.definition', label: 'by the definition', text: 'd/dz_m(logsumexp(z)) = d/dz_m(log(sum(k, 1, K, exp(z_k))))', latex: '\\frac{d}{dz_{m}}\\left(\\operatorname{logsumexp}(z)\\right) = \\frac{d}{dz_{m}}\\left(\\log(\\sum_{k=1}^{K} e^{z_{k}})\\right)', sentence: 'CE, logsumexp (and softmax of an expression) are functions of a whole vector: they are differentiated through their definition, a sum over the K classes.' },
  chain: { id: 'diff.chain', label: 'chain rule', text: "d/dx(f(u)) = f'(u)*d/dx(u)", latex: "\\frac{d}{dx}\\left(f(u)\\right) = f'(u)\\frac{d}{dx}\\left(u\\right)", sentence: 'A function of an inner expression: the function’s partial derivative from its spec (see the function rules), times the derivative of the argument; the step is named diff.fn.<name> when the argument is the variable itself.' },
});

/** Local simplification rules (src/rules/simp.ts), in the order they are tried on one node. */
export const SIMP_STEP = kinded('simp', {
  flattenSum: { id: 'simp.flatten-sum', label: 'remove brackets in a sum', text: 'a + (b + c) = a + b + c', latex: 'a + (b + c) = a + b + c', sentence: 'A sum inside a sum loses its brackets.' },
  flattenProduct: { id: 'simp.flatten-product', label: 'remove brackets in a product', text: 'a*(b*c) = a*b*c', latex: 'a(bc) = abc', sentence: 'A product inside a product loses its brackets.' },
  addZero: { id: 'simp.add-zero', label: 'add zero', text: 'u + 0 = u', latex: 'u + 0 = u', sentence: 'A zero term is dropped.' },
  mulZero: { id: 'simp.mul-zero', label: 'multiply by zero', text: 'u*0 = 0', latex: 'u \\cdot 0 = 0', sentence: 'A product with a zero factor is zero.' },
  mulOne: { id: 'simp.mul-one', label: 'multiply by one', text: 'u*1 = u', latex: 'u \\cdot 1 = u', sentence: 'A factor 1 is dropped.' },
  doubleNegation: { id: 'simp.double-negation', label: 'double negation', text: '-(-u) = u', latex: '-(-u) = u', sentence: 'Two minus signs cancel, also across a fraction bar: −((−u)/v) = u/v.' },
  signOutOfProduct: { id: 'simp.sign-out-of-product', label: 'move the sign in front', text: '(-u)*v = -(u*v)', latex: '(-u)v = -(uv)', sentence: 'Minus signs of factors move in front of the product (a leading negative coefficient stays).' },
  signsOfQuotient: { id: 'simp.signs-of-quotient', label: 'signs cancel in a quotient', text: '(-u)/(-v) = u/v', latex: '\\frac{-u}{-v} = \\frac{u}{v}', sentence: 'A minus sign above and below the bar cancel.' },
  divideNumbers: { id: 'simp.divide-numbers', label: 'a quotient of whole numbers is a fraction', text: '6/4 = (3/2)', latex: '\\frac{6}{4} = \\frac{3}{2}', sentence: 'A whole number over a whole number becomes one fraction in lowest terms.' },
  divideByOne: { id: 'simp.divide-by-one', label: 'divide by one', text: 'u/1 = u', latex: '\\frac{u}{1} = u', sentence: 'Dividing by 1 changes nothing.' },
  zeroOver: { id: 'simp.zero-over', label: 'zero divided', text: '0/u = 0', latex: '\\frac{0}{u} = 0', condition: 'u ≠ 0', sentence: 'Zero over a denominator that is not written as zero is zero.' },
  powerOne: { id: 'simp.power-one', label: 'power one', text: 'u^1 = u', latex: 'u^{1} = u', sentence: 'A power 1 is dropped.' },
  powerZero: { id: 'simp.power-zero', label: 'power zero', text: 'u^0 = 1', latex: 'u^{0} = 1', condition: 'u ≠ 0', sentence: 'A power 0 is 1.' },
  powerNumbers: { id: 'simp.power-numbers', label: 'compute the power', text: '(2/3)^(-2) = 9/4', latex: '\\left(\\frac{2}{3}\\right)^{-2} = \\frac{9}{4}', sentence: 'A number to a whole-number power is computed exactly ((−2)³ = −8, (2/3)⁻¹ = 3/2) when the result has at most 20,000 bits, and 0, 1, −1 to any whole power ((−1)^21000 = 1); 0 to a power ≤ 0 is left alone.' },
  foldSum: { id: 'simp.fold-sum', label: 'add the numbers', text: '2 + x + 3 = x + 5', latex: '2 + x + 3 = x + 5', sentence: 'The number terms of a sum are added into one, written last.' },
  foldProduct: { id: 'simp.fold-product', label: 'multiply the numbers', text: '2*x*3 = 6*x', latex: '2x \\cdot 3 = 6x', sentence: 'The number factors of a product are multiplied into one coefficient, written first.' },
  functionValue: { id: 'simp.function-value', label: 'exact value of a function', text: 'cos(0) = 1', latex: '\\cos(0) = 1', sentence: 'A function at a number where its spec knows the exact value (σ(0) = 1/2, log(1) = 0, √(9/4) = 3/2) is replaced by it.' },
  timesReciprocal: { id: 'simp.times-reciprocal', label: 'times a reciprocal is a quotient', text: 'u*(1/v) = u/v', latex: 'u \\cdot \\frac{1}{v} = \\frac{u}{v}', sentence: 'A product of factors none of which is a number, times one reciprocal 1/v, is written as one fraction: ŷ·(1/y) is ŷ/y.' },
  sumDelta: { id: 'simp.sum-delta', label: 'the sum collapses on δ', text: 'sum(i, 1, K, kronecker(i, j)*u_i) = u_j', latex: '\\sum_{i=1}^{K} \\delta_{ij}u_{i} = u_{j}', sentence: 'A sum over i of a product with δ_ij keeps only the term i = j: the sum is that term with i replaced by j.', condition: 'j is one of the values of the index (1 ≤ j ≤ K)' },
  deltaSame: { id: 'simp.delta-same', label: 'δ of equal indices', text: 'kronecker(j, j) = 1', latex: '\\delta_{jj} = 1', sentence: 'The Kronecker δ of an index with itself is 1.' },
  deltaNumbers: { id: 'simp.delta-numbers', label: 'δ of two different numbers', text: 'kronecker(1, 2) = 0', latex: '\\delta_{12} = 0', sentence: 'The Kronecker δ of two different fixed indices is 0.' },
  sumLinear: { id: 'simp.sum-linear', label: 'split the sum', text: 'sum(i, 1, K, c_i*(kronecker(i, j) - v_i)) = sum(i, 1, K, c_i*kronecker(i, j)) - sum(i, 1, K, c_i*v_i)', latex: '\\sum_{i=1}^{K} c_{i}(\\delta_{ij} - v_{i}) = \\sum_{i=1}^{K} c_{i}\\delta_{ij} - \\sum_{i=1}^{K} c_{i}v_{i}', sentence: 'A sum of a sum is split term by term (linearity), when a term holds a δ of the index that will collapse it.' },
  sumConstant: { id: 'simp.sum-constant', label: 'a constant factor out of the sum', text: 'sum(i, 1, K, c*u_i) = c*sum(i, 1, K, u_i)', latex: '\\sum_{i=1}^{K} cu_{i} = c\\sum_{i=1}^{K} u_{i}', sentence: 'A factor that does not depend on the index moves in front of the sum.' },
  sumZero: { id: 'simp.sum-zero', label: 'a sum of zeros', text: 'sum(i, 1, K, 0) = 0', latex: '\\sum_{i=1}^{K} 0 = 0', sentence: 'A sum whose every term is 0 is 0.' },
  likeFactors: { id: 'simp.like-factors', label: 'equal factors as a power', text: 'x*x^2 = x^3', latex: 'x \\cdot x^{2} = x^{3}', sentence: 'Equal factors of a product, and powers of one base with whole positive exponents, are written as one power where the base first occurs: x·2·x is 2x², y²·y is y³.' },
});

/** The textbook phases of src/simplify/simplify.ts, in the order a derivation shows them. */
export const PHASE_STEP = kinded('phase', {
  tidy: { id: 'simp.tidy', label: 'tidy up', sentence: 'Apply the simplification rules above (×1, +0, signs, brackets, folding numbers) bottom-up until none applies; recorded as one textbook step whose substeps are the fine rewrites.' },
  combineFractions: { id: 'simp.combine-fractions', label: 'combine the fractions', sentence: 'Bring the terms over one common denominator (통분), or write a product of fractions as one fraction, nothing expanded or cancelled (only when the rational normal form is smaller, or a common factor cancels).' },
  expandNumerator: { id: 'simp.expand-numerator', label: 'expand the numerator', sentence: 'Multiply out the products of sums in the numerator of the combined fraction, term by term, collecting nothing (ŷ(1 − y) − (1 − ŷ)y becomes ŷ − ŷy − y + ŷy); recorded only when that numerator is a sum holding products of sums.' },
  cancel: { id: 'simp.cancel', label: 'cancel the common factor', sentence: 'Cancel the factors that the numerator and the denominator of one fraction visibly share (약분), keeping the rest as written; or, when the textbook moves do not reach the rational normal form, rewrite into it, cancelling a common factor. The step carries the conditions it assumes (each cancelled factor ≠ 0).' },
  collect: { id: 'simp.collect', label: 'collect like terms and factor', sentence: 'Rewrite into the rational normal form (like terms collected, common factors taken out) when nothing cancels but the form is smaller by the size measure.' },
  sigmoidSubstitute: { id: 'simp.sigmoid-substitute', label: 'write e^u through σ: e^(−z) = (1 − σ(z))/σ(z), e^z = σ(z)/(1 − σ(z))', latex: 'e^{-z} = \\frac{1 - \\sigma(z)}{\\sigma(z)}', sentence: 'Write e^(−z) as (1 − σ(z))/σ(z) and e^z as σ(z)/(1 − σ(z)), kept only when the collected and cancelled result is smaller and has no exp left.' },
  likeTerms: { id: 'simp.like-terms', label: 'collect like terms', text: '-y + y*a + a - y*a = a - y', latex: '-y + ya + a - ya = a - y', sentence: 'Like terms of a sum (the same factors in any order) are added; terms that cancel disappear, the others keep the order they were written in, a positive term first.' },
  signIntoNumerator: { id: 'simp.sign-into-numerator', label: 'move the minus sign into the numerator', text: '-(a - b)/c = (b - a)/c', latex: '-\\frac{a - b}{c} = \\frac{b - a}{c}', sentence: 'A minus sign in front of a fraction whose numerator is a sum with at least as many subtracted terms as added ones is taken into that numerator.' },
  splitFraction: { id: 'simp.split-fraction', label: 'split the fraction', text: 'e^(-z)/(1 + e^(-z))^2 = 1/(1 + e^(-z))*e^(-z)/(1 + e^(-z))', latex: '\\frac{e^{-z}}{(1 + e^{-z})^{2}} = \\frac{1}{1 + e^{-z}} \\cdot \\frac{e^{-z}}{1 + e^{-z}}', sentence: 'A numerator over the square of a sum that contains it is split into two fractions over that sum, as the notes do before recognising σ.' },
  recogniseSigmoid: { id: 'simp.recognise-sigmoid', label: 'recognise σ', text: '1/(1 + e^(-z)) = σ(z)', latex: '\\frac{1}{1 + e^{-z}} = \\sigma(z),\\quad \\frac{e^{-z}}{1 + e^{-z}} = 1 - \\sigma(z)', sentence: 'σ written out is σ: 1/(1 + e^(−z)) and e^z/(1 + e^z) are σ(z), e^(−z)/(1 + e^(−z)) and 1/(1 + e^z) are 1 − σ(z).' },
  softmaxSubstitute: { id: 'simp.softmax-substitute', label: 'recognise softmax: e^(a_j) = softmax(a_j)·Σ_k e^(a_k)', latex: 'e^{a_{j}} = \\operatorname{softmax}(a_{j})\\sum_{k=1}^{K} e^{a_{k}}', sentence: 'Write e^(a_j) beside the sum Σ_k e^(a_k) as softmax(a_j) times that sum, kept only when the result has no e^ left outside sums and is smaller: e^(a_j)/Σ_k e^(a_k) is recognised as softmax(a_j).' },
});

/** CE's declared premise Σ_k t_k = 1, used by the derivation driver (src/derive/derive.ts). */
export const PREMISE_STEP = kinded('simp', {
  premise: { id: 'simp.premise', label: 'premise of CE: the target sums to 1', text: 'sum(k, 1, K, t_k) = 1', latex: '\\sum_{k=1}^{K} t_{k} = 1', sentence: 'CE(y, t) declares that its target t is a distribution: Σ_k t_k = 1 (one-hot labels, or probabilities). The step uses that premise; its checks draw t on it (t_K = 1 − Σ_{k<K} t_k).', condition: 'Σ_k t_k = 1 (the premise of CE)' },
});

/** The derivative of a function the user declared without a formula (`functions: f, g`): emitted by
 * the function rule of src/rules/diff.ts in place of diff.fn.<name>; not a rule table of its own. */
export const ABSTRACT_STEP = kinded('diff', {
  abstract: { id: 'diff.abstract', label: 'derivative of an abstract function', latex: "\\frac{d}{dx}\\left(f(x)\\right) = f'(x)", sentence: 'A function the user declared without a formula (functions: f, g) has the derivative f′, written in Lagrange notation; nested calls go through the chain rule.' },
});

/** The steps of a chain through definitions (derive/chain.ts, as the api lists them). */
export const CHAIN_STEP = kinded('chain', {
  local: { id: 'chain.local', label: 'local gradient', latex: '\\frac{\\partial v}{\\partial u}', sentence: 'The derivative of one definition v = … with respect to one name u it uses, written back in the intermediate names (σ(z) becomes y when y = σ(z)).' },
  upstream: { id: 'chain.upstream', label: 'upstream gradient', latex: '\\frac{\\partial L}{\\partial u} = \\sum_{v} \\frac{\\partial L}{\\partial v}\\frac{\\partial v}{\\partial u}', sentence: 'The gradient of the target with respect to a name: the sum, over the definitions v that use it, of the upstream gradient of v times the local gradient, simplified.' },
  // named parts of one expression (src/derive/parts.ts)
  parts: { id: 'chain.parts', label: 'name the parts', latex: 'u = wx + b,\\ s = \\sigma(u),\\ L = \\operatorname{BCE}(s, \\hat{y})', sentence: 'One expression whose parts nest or repeat is differentiated through named parts, as the notes write it (u = wx + b, s = σ(u), L = BCE(s, ŷ)): each factor derived once, in the names, then multiplied. The names clash with none of the input.' },
  substitute: { id: 'chain.substitute', label: 'substitute the parts back', sentence: 'The gradient in the names of the parts with every part written out again (s = σ(u), u = wx + b), then simplified: the result in the variables of the input.' },
});

/** Steps that use the request's assumptions (`assume`, src/derive/assume.ts): a linear
 * constraint solved for one variable, and a result written back in the names it defined. */
export const ASSUME_STEP = kinded('phase', {
  use: { id: 'simp.use-assumption', label: 'use the assumption', sentence: 'Use a linear constraint the request assumes (t1 + t2 + t3 = 1): solve it for one variable and substitute, kept only when the simplified result is smaller. The result then holds only under that assumption.' },
  names: { id: 'simp.defined-names', label: 'write in the defined names', sentence: 'Write the result back in the names of the definitions (e^a1/(e^a1 + e^a2 + e^a3) becomes y1 when y1 is defined so), when that is shorter.' },
});

/** The steps of a derivation through definitions by index (derive/indexedChain.ts, deck 004's
 * network in the slide's scalar form). */
export const INDEXED_CHAIN_STEP = kinded('chain', {
  indexed: { id: 'chain.indexed', label: 'chain rule over the components', latex: '\\frac{\\partial L}{\\partial s_{1}} = \\sum_{i} \\frac{\\partial L}{\\partial h_{i}}\\frac{\\partial h_{i}}{\\partial s_{1}}', sentence: 'Through definitions by index (s_i = σ(Σ_k w_ik x_k)): the gradient is the sum, over every component that depends on the variable, of its upstream gradient times its local gradient: one component when the variable fixes the index (w_11 is used only by s_1), all of them (Σ_i) when it does not (s_1 feeds every h_i; softmax makes every y_u depend on every h_i).' },
  component: { id: 'chain.component', label: 'local gradient of a component', latex: '\\frac{\\partial y_{u}}{\\partial h_{i}} = y_{u}(\\delta_{ui} - y_{i})', sentence: 'One local gradient (∂y_u/∂h_i), derived from the right side of that component\'s definition (the derivation is attached as its proof) and written back in the names: softmax(h_u) becomes y_u, σ(Σ_k v_ik s_k) becomes h_i.' },
  collapse: { id: 'chain.collapse', label: 'collapse the sum over the components', latex: '\\sum_{u} \\left(-\\frac{t_{u}}{y_{u}}\\right) y_{u}(\\delta_{ui} - y_{i}) = y_{i} - t_{i}', sentence: 'A sum over the components whose local gradients are in and which holds a δ is simplified at once: δ collapses the sum, constant factors leave it, and CE\'s premise Σ t = 1 is used where it appears (softmax + CE give y_i − t_i).' },
  intoSum: { id: 'chain.into-sum', label: 'the factors into the sum over the components', latex: '\\Big(\\sum_{i} a_{i}\\Big) c = \\sum_{i} a_{i} c', sentence: 'The factors that do not depend on the summation index move into the sum, so the gradient reads as one sum over the components, as the notes write it.' },
});

// ---- diff.fn.*: one per function of src/functions, derived from its spec ----------------------

/** The id of the rule "derivative of f": the only place this id pattern is written. */
export const functionStepId = (fn: string): string => `diff.fn.${fn}`;

/** The symbols a function rule is written in: prediction p, label/target t, x as u. */
export function functionRuleArgs(spec: FunctionSpec): Expr[] {
  return spec.params.map((p) => sym(p === 'prediction' ? 'p' : p === 'label' || p === 'target' ? 't' : p === 'x' ? 'u' : p));
}

/** ∂f/∂pᵢ as equations of trees, one per parameter (docs, step justifications). */
export function functionEquations(spec: FunctionSpec): { lhs: Expr; rhs: Expr; param: string }[] {
  const args = functionRuleArgs(spec);
  return spec.partials.map((partial, i) => ({
    lhs: diff(call(spec.name, ...args), (args[i] as { name: string }).name),
    rhs: partial(args),
    param: spec.params[i]!,
  }));
}

const FUNCTION_STEPS: readonly StepInfo[] = FUNCTIONS.map((spec) => {
  // printed when first read (docs, the rules op), not at load: the CLI's start-up (docs/performance.md)
  let latex: string | undefined;
  return Object.freeze({
    id: functionStepId(spec.name),
    kind: 'function' as const,
    label: `derivative of ${spec.unicode ?? spec.name}`,
    sentence: `The partial derivatives of ${spec.doc}, from its spec${spec.partialNote ? `; ${spec.partialNote}` : ''}.`,
    get latex(): string {
      latex ??= functionEquations(spec).map((eq) => `${toLatex(eq.lhs)} = ${toLatex(eq.rhs)}`).join(',\\qquad ');
      return latex;
    },
    frozen: true,
  });
});

/** Unsound candidates: rewrites that look like simplifications but are false for some reals. Kept
 * out of the rule tables, each with its counterexample (ARCHITECTURE.md: rules are data). */
export const UNSOUND_CANDIDATES: readonly { readonly text: string; readonly latex: string; readonly counterexample: string; readonly at: Readonly<Record<string, number>> }[] = [
  { text: '(u^a)^b = u^(a*b)', latex: '(u^{a})^{b} \\overset{?}{=} u^{ab}', counterexample: 'false for u = −1, a = 2, b = 1/2: ((−1)²)^(1/2) = 1 but (−1)^1 = −1', at: { u: -1, a: 2, b: 0.5 } },
  { text: 'sqrt(u^2) = u', latex: '\\sqrt{u^{2}} \\overset{?}{=} u', counterexample: 'false for u = −2', at: { u: -2 } },
  { text: 'log(u*v) = log(u) + log(v)', latex: '\\log(uv) \\overset{?}{=} \\log(u) + \\log(v)', counterexample: 'false for u = v = −1', at: { u: -1, v: -1 } },
];

// ---- the registry and its look-ups -------------------------------------------------------------

/** Every step id, in documentation order: diff, function, simp, phase, chain. */
export const STEPS: readonly StepInfo[] = [
  ...Object.values(DIFF_STEP),
  ...FUNCTION_STEPS,
  ...Object.values(ABSTRACT_STEP),
  ...Object.values(SIMP_STEP),
  ...Object.values(PREMISE_STEP),
  ...Object.values(PHASE_STEP),
  ...Object.values(CHAIN_STEP),
  ...Object.values(ASSUME_STEP),
  ...Object.values(INDEXED_CHAIN_STEP),
];

const byId = new Map<string, StepInfo>();
for (const s of STEPS) {
  if (byId.has(s.id)) throw new Error(`duplicate step id ${s.id}`);
  if (!/^[a-z]+(\.[a-z]+)?\.[a-zA-Z0-9][a-zA-Z0-9-]*$/.test(s.id)) throw new Error(`step id ${s.id} is not group.kebab-name`);
  byId.set(s.id, s);
}

/** The entry for an id, or undefined when the id is not registered. */
export function stepInfo(id: string): StepInfo | undefined {
  return byId.get(id);
}

export function isRegistered(id: string): boolean {
  return byId.has(id);
}

/** The entry for an id the engine emits; an unregistered id is an internal fault. */
export function step(id: string): StepInfo {
  const s = byId.get(id);
  if (!s) throw new Error(`step id ${id} is not in src/rules/registry.ts`);
  return s;
}

// ---- diagnosis ids (src/verify): findings about a student's answer, not steps ------------------
// The ids below are the ones the feedback work added (issue 11 item 5); each has an English and a
// Korean name `diagnosis-<id>` in src/i18n (test/worksheet/catalog.test.ts reads them from
// src/verify/types.ts). Older finding ids still live in src/verify/diagnose-text.ts.
export const DIAGNOSIS_ID = Object.freeze({
  /** (y − (ax + b))² differentiated with the inside's derivative −x taken as −1: the x is missing */
  squaredErrorInnerFactor: 'squared-error-inner-factor',
  /** σ′ = σ(1 − σ) written with a wrong power: σ²(1 − σ), σ(1 − σ)² */
  sigmoidDerivativePower: 'sigmoid-derivative-power',
  /** σ′ = σ(1 − σ) with a factor missing: σ alone, 1 − σ alone (= e^(−z)/(1 + e^(−z))) */
  sigmoidDerivativeMissingFactor: 'sigmoid-derivative-missing-factor',
  /** d/dz 1/(1 + e^(−z)) taken as 1/(1 + e^(−z))²: the derivative of 1/g is −g′/g², not 1/g² */
  sigmoidDerivativeReciprocalSquare: 'sigmoid-derivative-reciprocal-square',
} as const);
