// fast-check arbitraries for the derivation properties: random expressions over the course's
// symbols built from a CHOSEN list of registry functions (test/arbitrary.ts draws from the whole
// registry, incl. relu/abs/asec, and lets any tree be an exponent, so many of its trees are defined
// almost nowhere on the sampled box), and random chains of definitions z = a·w + b; y = f(z); L = g(y, …).
// Invariant: every tree is well formed (add/mul with 2–3 children, exact arities, reduced rationals).
import fc from 'fast-check';
import { add, call, constant, div, int, mul, neg, pow, rat, sym } from '../../src/ast/build.js';
import type { Definition, Expr } from '../../src/ast/nodes.js';
import { getFunction } from '../../src/functions/index.js';

/** The symbols of the brief (SEEDS.md G1: w, b, x, y, ŷ). */
export const SYMBOLS: readonly string[] = ['x', 'y', 'w', 'b', 'y_hat'];

/** The functions of the course plus their everyday neighbours (all of them the 500-digit oracle,
 * oracle.ts, can evaluate). */
export const COURSE_FUNCTIONS: readonly string[] = ['sigmoid', 'log', 'exp', 'BCE', 'tanh', 'sqrt', 'sin', 'cos', 'MSE'];

/** Small integers and fractions; 0 is rare (it mostly makes x/0, defined nowhere). */
const arbNum: fc.Arbitrary<Expr> = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 5 }).map((k) => int(k)), weight: 8 },
  { arbitrary: fc.integer({ min: -3, max: -1 }).map((k) => int(k)), weight: 2 },
  { arbitrary: fc.constant(int(0)), weight: 1 },
  { arbitrary: fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 2, max: 4 })).map(([n, d]) => rat(BigInt(n), BigInt(d))), weight: 2 },
);

/** Integer exponents (power rule, reciprocals) and ½ (a square root written as a power). */
const arbExponent: fc.Arbitrary<Expr> = fc.constantFrom(int(2), int(3), int(-1), int(-2), rat(1n, 2n));

export interface ArbOptions {
  /** height of the tallest tree minus one (a leaf alone is depth 0) */
  readonly depth: number;
  readonly symbols?: readonly string[];
  readonly functions?: readonly string[];
}

/** BCE's prediction must lie in (0, 1): mostly σ(u) (the course's ŷ = σ(z)), sometimes a bare
 * symbol (the checker then samples it in (0, 1)), rarely anything. */
const predictions = (sub: fc.Arbitrary<Expr>, symbols: readonly string[]): fc.Arbitrary<Expr> =>
  fc.oneof(
    { arbitrary: sub.map((u) => call('sigmoid', u)), weight: 4 },
    { arbitrary: fc.constantFrom(...symbols).map((n) => sym(n)), weight: 2 },
    { arbitrary: sub, weight: 1 },
  );

/** Random trees; powers mostly have a numeric exponent, sometimes any subtree (general power). */
export function arbCourseExpr(opts: ArbOptions): fc.Arbitrary<Expr> {
  const symbols = opts.symbols ?? SYMBOLS;
  const fns = (opts.functions ?? COURSE_FUNCTIONS).map(getFunction);
  const leaf: fc.Arbitrary<Expr> = fc.oneof(
    { arbitrary: fc.constantFrom(...symbols).map((n) => sym(n)), weight: 5 },
    { arbitrary: arbNum, weight: 3 },
    { arbitrary: fc.constantFrom<'e' | 'pi'>('e', 'pi').map((c) => constant(c)), weight: 1 },
  );
  const level = (depth: number): fc.Arbitrary<Expr> => {
    if (depth <= 0) return leaf;
    const sub = level(depth - 1);
    const kids = fc.array(sub, { minLength: 2, maxLength: 3 });
    return fc.oneof(
      { arbitrary: leaf, weight: 2 },
      { arbitrary: kids.map((ts) => add(...ts)), weight: 3 },
      { arbitrary: kids.map((fs) => mul(...fs)), weight: 3 },
      { arbitrary: sub.map((a) => neg(a)), weight: 1 },
      { arbitrary: fc.tuple(sub, sub).map(([a, b]) => div(a, b)), weight: 2 },
      { arbitrary: fc.tuple(sub, arbExponent).map(([a, n]) => pow(a, n)), weight: 2 },
      { arbitrary: fc.tuple(sub, sub).map(([a, b]) => pow(a, b)), weight: 1 },
      {
        arbitrary: fc.tuple(fc.constantFrom(...fns), sub, sub, predictions(sub, symbols)).map(([f, a, b, p]) =>
          f.name === 'BCE' ? call('BCE', p, b) : call(f.name, ...[a, b].slice(0, f.arity))),
        weight: 4,
      },
    );
  };
  return level(opts.depth);
}

/** A chain of definitions as the notes write them, and the inputs to differentiate by. */
export interface Chain {
  readonly defs: readonly Definition[];
  readonly inputs: readonly string[];
}

const ONE_ARG = ['sigmoid', 'tanh', 'exp', 'log', 'sqrt', 'sin'];

/** z = a·w + b (or w·a + b, or w·a); then 0–3 layers h_i = f(h_(i−1)) with f one-argument (log and
 * sqrt take 1 + h² so that the chain is defined everywhere) or h·w + 1 (w used twice: the gradient
 * sums over paths); then L = BCE(σ(h), ŷ), BCE(ŷ, σ(h)) (the label in the other position),
 * MSE(h, ŷ) or −log σ(h) (SEEDS.md G2, y = 1). Inputs: a, w, b (and ŷ, never differentiated). */
export const arbChain: fc.Arbitrary<Chain> = fc
  .record({
    affine: fc.constantFrom('a*w + b', 'w*a + b', 'w*a'),
    layers: fc.array(fc.oneof(fc.constantFrom(...ONE_ARG), fc.constant('affine')), { minLength: 0, maxLength: 3 }),
    loss: fc.constantFrom('BCE', 'BCE-label', 'MSE', 'nll'),
  })
  .map(({ affine, layers, loss }) => {
    const [w, a, b] = [sym('w'), sym('a'), sym('b')];
    const z: Expr = affine === 'a*w + b' ? add(mul(a, w), b) : affine === 'w*a + b' ? add(mul(w, a), b) : mul(w, a);
    const defs: Definition[] = [{ name: 'z', expr: z }];
    let prev: Expr = sym('z');
    layers.forEach((f, i) => {
      const name = `h_${i + 1}`;
      const expr =
        f === 'affine' ? add(mul(prev, w), int(1))
          : f === 'log' || f === 'sqrt' ? call(f, add(int(1), pow(prev, int(2))))
            : call(f, prev);
      defs.push({ name, expr });
      prev = sym(name);
    });
    const s = call('sigmoid', prev);
    const yHat = sym('y_hat');
    const target: Expr =
      loss === 'BCE' ? call('BCE', s, yHat)
        : loss === 'BCE-label' ? call('BCE', yHat, s)
          : loss === 'MSE' ? call('MSE', prev, yHat)
            : neg(call('log', s));
    defs.push({ name: 'L', expr: target });
    return { defs, inputs: affine === 'w*a' ? ['a', 'w'] : ['a', 'w', 'b'] };
  });
