// The findings a diagnosis can report, as data: a stable id (see types.ts), one sentence for the
// student (readable Unicode), the same point in LaTeX, and the expression it is about.
// Invariants: every `latex` string passes KaTeX with strict: 'error' (only ASCII inside \text,
// expressions through the project's LaTeX printer); messages name the expression, never guess.
import { diff, rat } from '../ast/build.js';
import type { Expr } from '../ast/nodes.js';
import { toLatex, toUnicode } from '../render/index.js';
import { DIAGNOSIS_ID } from '../rules/registry.js';
import type { Finding } from './types.js';

const U = toUnicode;
const L = toLatex;
const text = (s: string) => `\\text{${s}}`;

function finding(id: string, message: string, latex: string, expr?: Expr): Finding {
  return Object.freeze({ id, message, latex, ...(expr ? { expr } : {}) });
}

export function signError(expected: Expr): Finding {
  return finding(
    'sign-error',
    'Your answer has the wrong sign: it is the negative of the correct derivative.',
    `${text('your answer')} = -\\left(${L(expected)}\\right)`,
  );
}

export function signErrorInTerm(term: Expr): Finding {
  return finding(
    'sign-error',
    `One term has the wrong sign: ${U(term)} should enter with the opposite sign.`,
    `${text('wrong sign of the term ')} ${L(term)}`,
    term,
  );
}

/** `a − b` with b bracketed when it is a sum or a negation (Unicode and LaTeX). */
function minus(a: Expr, b: Expr): { u: string; l: string } {
  const wrap = b.kind === 'add' || b.kind === 'neg';
  return { u: `${U(a)} − ${wrap ? `(${U(b)})` : U(b)}`, l: `${L(a)} - ${wrap ? `\\left(${L(b)}\\right)` : L(b)}` };
}

export function swapped(fn: string, prediction: Expr, label: Expr): Finding {
  const right = minus(prediction, label);
  const wrong = minus(label, prediction);
  return finding(
    'swapped-prediction-label',
    `You swapped the prediction and the label of ${fn}: you wrote ${wrong.u} where ${right.u} belongs ` +
      `(the prediction is ${U(prediction)}, the label ${U(label)}).`,
    `${wrong.l} \\;${text('should be')}\\; ${right.l}`,
    prediction,
  );
}

/** Brackets around a printed number or expression that is not a plain leaf. */
function paren(s: string): string {
  return /^-?[0-9.]+$|^[A-Za-z]$/.test(s) ? s : `\\left(${s}\\right)`;
}

export function missingChainFactor(kind: 'inner' | 'outer', of: Expr, factor: Expr, wrt: string): Finding {
  if (kind === 'inner') {
    return finding(
      'missing-chain-factor',
      `You left out the derivative of the inner function ${U(of)}, which is ${U(factor)} (chain rule).`,
      `${text('missing factor ')} ${L(diff(of, wrt))} = ${L(factor)}`,
      factor,
    );
  }
  return finding(
    'missing-chain-factor',
    `You left out the derivative of the outer function in ${U(of)}, which is ${U(factor)} (chain rule).`,
    `${text('missing factor ')} ${L(factor)} ${text(' (outer derivative of ')} ${L(of)}${text(')')}`,
    factor,
  );
}

export function extraFactor(factor: Expr): Finding {
  return finding(
    'extra-factor',
    `Your answer has an extra factor ${U(factor)}: without it, it would be correct.`,
    `${text('extra factor ')} ${L(factor)}`,
    factor,
  );
}

/** A constant as found: exact when it is a simple fraction, else about six digits. */
function constantText(c: Expr): { u: string; l: string } {
  if (c.kind === 'num' && c.d > 10_000n) {
    const v = (Number(c.n) / Number(c.d)).toPrecision(6);
    return { u: `≈ ${v}`, l: `\\approx ${v}` };
  }
  return { u: U(c), l: L(c) };
}

export function constantFactor(c: Expr): Finding {
  const k = constantText(c);
  return finding(
    'constant-factor',
    `Your answer is off by a constant factor: it is ${k.u} times the correct derivative.`,
    `${text('your answer')} = ${paren(k.l)} \\cdot ${text('(correct answer)')}`,
    c,
  );
}

export function constantOffset(c: Expr): Finding {
  const negative = c.kind === 'num' && c.n < 0n;
  const k = constantText(negative && c.kind === 'num' ? rat(-c.n, c.d) : c);
  return finding(
    'constant-offset',
    `Your answer is off by a constant: it is the correct derivative ${negative ? 'minus' : 'plus'} ${k.u}.`,
    `${text('your answer')} = ${text('(correct answer)')} ${negative ? '-' : '+'} ${k.l}`,
    c,
  );
}

export function wrongExponent(base: Expr, ratio: Expr): Finding {
  return finding(
    'wrong-exponent',
    `Check the exponent of ${U(base)} (power rule: d/dx uⁿ = n·uⁿ⁻¹·u′): your answer is ${U(ratio)} times the correct one.`,
    `${text('power rule: ')} \\frac{d}{dx} u^{n} = n u^{n - 1} u' ${text('; your answer has an extra ')} ${L(ratio)}`,
    ratio,
  );
}

export function droppedTerm(term: Expr): Finding {
  return finding(
    'dropped-term',
    `You dropped the term ${U(term)}.`,
    `${text('missing term ')} ${L(term)}`,
    term,
  );
}

export function missingMean(m: Expr): Finding {
  return finding(
    'missing-mean',
    `You left out the factor 1/${U(m)} of the mean: your answer is ${U(m)} times the correct one.`,
    `${text('missing factor ')} \\frac{1}{${L(m)}}`,
    m,
  );
}

export function softmaxElementwise(): Finding {
  return finding(
    'softmax-elementwise',
    'You used the element-wise shortcut ∂f/∂P(xⱼ)·∂P(xⱼ)/∂xⱼ: every softmax output depends on every input, ' +
      'so the chain rule must sum over all outputs, with ∂P(xᵢ)/∂xⱼ = P(xᵢ)(δᵢⱼ − P(xⱼ)).',
    `\\frac{\\partial f}{\\partial x_{j}} = \\sum_{i} \\frac{\\partial f}{\\partial P_{i}} P_{i}(\\delta_{ij} - P_{j}) \\;${text('not')}\\; \\frac{\\partial f}{\\partial P_{j}} P_{j}(1 - P_{j})`,
  );
}

export function productOfDerivatives(product: Expr, wrong: Expr): Finding {
  return finding(
    'product-of-derivatives',
    `The derivative of the product ${U(product)} is not the product of the derivatives (${U(wrong)}): ` +
      "use the product rule (uv)′ = u′v + uv′.",
    `(uv)' = u'v + uv' \\;${text('not')}\\; u'v'`,
    product,
  );
}

export function notSimplified(simplest: Expr): Finding {
  return finding(
    'not-simplified',
    `Your answer is correct but not simplified; the simplified form is ${U(simplest)}.`,
    `${text('simplified: ')} ${L(simplest)}`,
    simplest,
  );
}

// ---- the slips of issue 11 item 5 (ids in src/rules/registry.ts DIAGNOSIS_ID) ----------------

/** (y − (ax + b))² with the inside's derivative u′ = c·g taken as c alone: g is missing. */
export function squaredErrorInnerFactor(square: Expr, inside: Expr, du: Expr, kept: Expr, missing: Expr, wrt: string): Finding {
  return finding(
    DIAGNOSIS_ID.squaredErrorInnerFactor,
    `Chain rule for the square ${U(square)}: multiply by the derivative of the inside ${U(inside)} with respect to ${wrt}, ` +
      `which is ${U(du)}. Your answer has ${U(kept)} there, so the factor ${U(missing)} is missing.`,
    `${text('missing factor ')} ${L(missing)} ${text(': ')} ${L(diff(inside, wrt))} = ${L(du)}`,
    missing,
  );
}

/** σ′(u) = σ(u)(1 − σ(u)) as a text and a LaTeX line, for u the argument as written. */
function sigmaPrime(s: Expr): { u: string; l: string } {
  return { u: `σ′ = ${U(s)}(1 − ${U(s)})`, l: `\\sigma' = ${L(s)}\\left(1 - ${L(s)}\\right)` };
}

/** σ′ written with a wrong power of one factor. */
export function sigmoidDerivativePower(s: Expr, wrong: Expr): Finding {
  const sp = sigmaPrime(s);
  return finding(
    DIAGNOSIS_ID.sigmoidDerivativePower,
    `The derivative of the sigmoid is ${sp.u}, each factor to the first power; your answer uses ${U(wrong)} instead.`,
    `${sp.l} \\;${text('not')}\\; ${L(wrong)}`,
    wrong,
  );
}

/** σ′ with one of its two factors σ and 1 − σ missing; `spelled` is the other factor in e-form. */
export function sigmoidDerivativeMissingFactor(s: Expr, kept: Expr, missing: Expr, spelled?: Expr): Finding {
  const sp = sigmaPrime(s);
  const alias = spelled ? ` (${U(spelled)} is ${U(kept)})` : '';
  return finding(
    DIAGNOSIS_ID.sigmoidDerivativeMissingFactor,
    `The derivative of the sigmoid is ${sp.u}: your answer has only the factor ${U(kept)}${alias}; the factor ${U(missing)} is missing.`,
    `${sp.l}${text(': missing factor ')} ${L(missing)}`,
    missing,
  );
}

/** d/dz 1/g taken as 1/g² (g = 1 + e^(−z)): the −g′ in the numerator is missing. */
export function sigmoidDerivativeReciprocalSquare(g: Expr, dg: Expr, minusDg: Expr): Finding {
  return finding(
    DIAGNOSIS_ID.sigmoidDerivativeReciprocalSquare,
    `The derivative of 1/g is −g′/g², not 1/g². Here g = ${U(g)} and g′ = ${U(dg)}, ` +
      `so the numerator ${U(minusDg)} is missing: σ′ = ${U(minusDg)}/(${U(g)})² = σ(1 − σ).`,
    `\\frac{d}{dz}\\frac{1}{g} = -\\frac{g'}{g^{2}} \\;${text('not')}\\; \\frac{1}{g^{2}} ${text(', missing factor ')} ${L(minusDg)}`,
    minusDg,
  );
}
