// Property tests of the derivation engine (ARCHITECTURE.md "Tests"): random expressions
// (test/derive/arbitrary.ts over x, y, w, b, ŷ and sigmoid, log, exp, BCE, tanh, sqrt, sin, cos, MSE;
// test/arbitrary.ts for the whole registry) and random chains of definitions. They assert the trace
// invariants (trace.ts), that no check is ever `refuted` unless a 500-digit recheck (oracle.ts)
// clears the step, that `unverifiable` comes only with the checker's documented reasons and stays a
// minority, that simplification keeps the value and never grows the leaf count, determinism, and
// that the chain rule through definitions agrees with differentiating the substituted target.
// Fixed seeds; fast-check prints seed and shrunk counterexample (as plain text) on failure. Known
// bugs are the `it.fails` rows at the end. Budget: the whole file < ~20 s on 2 cores.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, call, diff, div, int, mul, pow, sym } from '../../src/ast/build.js';
import type { Definition, Expr } from '../../src/ast/nodes.js';
import { equal, leafCount } from '../../src/ast/traverse.js';
import { checkDerivation, checkDerivative, checkEquivalent, numericValue, samplePoints, type DerivationCheck, type StepCheck, type Verdict } from '../../src/check/index.js';
import { deriveChain, substitute } from '../../src/derive/chain.js';
import { derive } from '../../src/derive/derive.js';
import { parseTextProgram } from '../../src/parse/text.js';
import { toText } from '../../src/render/index.js';
import { simplify } from '../../src/simplify/simplify.js';
import type { Derivation, Step } from '../../src/trace/types.js';
import { arbExprWith } from '../arbitrary.js';
import { arbChain, arbCourseExpr, SYMBOLS, type Chain } from './arbitrary.js';
import { recheck } from './oracle.js';
import { derivationProblems } from './trace.js';

// ---------------------------------------------------------------------------------------------
// Cases print as plain text in fast-check's report (the tree itself would print as nested JSON).

interface Case {
  readonly e: Expr;
}
const asCase = (arb: fc.Arbitrary<Expr>): fc.Arbitrary<Case> =>
  arb.map((e) => ({ e, [fc.toStringMethod]: () => toText(e) }));
const asChain = (arb: fc.Arbitrary<Chain>): fc.Arbitrary<Chain> =>
  arb.map((c) => ({ ...c, [fc.toStringMethod]: () => c.defs.map((d) => `${d.name} = ${toText(d.expr)}`).join('; ') }));

/** The course's functions, height ≤ 4 (depth 3); height ≤ 5 only for the trace invariants: taller
 * trees reach the simplifier's slow rational normal form (known bug K7: one input took 151 s). */
const course3 = asCase(arbCourseExpr({ depth: 3 }));
const course4 = asCase(arbCourseExpr({ depth: 4 }));
/** The whole registry (relu, abs, asec, …), any tree as an exponent: many more domain edges. */
const registry3 = asCase(arbExprWith({ depth: 3, symbols: SYMBOLS }));

/** Run counts, chosen so that the file stays under ~20 s on a 2-core machine (measured ~5 s for the
 * properties, plus 3–6 s for the known-bug row K7, which has to be slow to show the bug);
 * the seeds are arbitrary but fixed, so a run is reproducible and a failure names its seed. */
const RUNS = {
  trace: 300,
  traceDeep: 60,
  steps: 200,
  stepsRegistry: 120,
  derivative: 150,
  simplify: 250,
  determinism: 100,
  chains: 60,
} as const;
const SEED = 0x5eed_c4a1;

// ---------------------------------------------------------------------------------------------
// Judging verdicts. A `refuted` verdict fails the property unless the 500-digit recheck clears it
// (then it is a false alarm of the float checker, tallied: see the known bugs K1–K4 at the end). An
// `unverifiable` verdict must give one of the two reasons src/check/equivalent.ts documents.

/** The only reasons src/check/equivalent.ts gives for `unverifiable`. */
const DOCUMENTED_REASONS = [
  /^only \d+ of \d+ points are inside the domain of both sides/,
  /^the two sides have different domains: /,
];

interface Tally {
  runs: number;
  /** derivations (or checks) whose status was unverifiable */
  unverifiable: number;
  /** … of which the input itself cannot be sampled (defined on too small a part of the box) */
  inputUnsampleable: number;
  /** refutations cleared by the 500-digit recheck */
  falseAlarms: number;
  /** single verdicts judged, and how many of them were unverifiable */
  checks: number;
  unverifiableChecks: number;
}
const newTally = (): Tally => ({ runs: 0, unverifiable: 0, inputUnsampleable: 0, falseAlarms: 0, checks: 0, unverifiableChecks: 0 });

const pointText = (p: Readonly<Record<string, number>>): string =>
  Object.entries(p).map(([k, v]) => `${k} = ${v}`).join(', ');

/** Judge one verdict of "a = b"; throws (failing the property) with the whole story. */
function judge(v: Verdict, a: Expr, b: Expr, what: () => string, tally: Tally): void {
  tally.checks++;
  if (v.status === 'unverifiable') {
    tally.unverifiableChecks++;
    if (!DOCUMENTED_REASONS.some((r) => r.test(v.reason))) throw new Error(`${what()}: unverifiable for an undocumented reason: ${v.reason}`);
    return;
  }
  if (v.status !== 'refuted') return;
  const r = recheck(a, b, v.point);
  if (!r.genuine) {
    tally.falseAlarms++;
    return;
  }
  throw new Error(
    `${what()}: REFUTED at ${pointText(v.point)}: ${v.left} vs ${v.right}; ` +
      `500-digit recheck: ${r.left} vs ${r.right}\n  left:  ${toText(a)}\n  right: ${toText(b)}`,
  );
}

/** Judge every step (and substep) verdict of a derivation check, and its result verdict. */
function judgeDerivation(d: Derivation, c: DerivationCheck, label: string, tally: Tally): void {
  const walk = (steps: readonly Step[], checks: readonly StepCheck[], prefix: string) =>
    steps.forEach((s, i) => {
      const sc = checks[i]!;
      const at = `${prefix}${i + 1}`;
      judge(sc.verdict, s.before, s.after, () => `${label}, step ${at} (${s.rule}) ${toText(s.from)} → ${toText(s.to)}`, tally);
      if (s.substeps) walk(s.substeps, sc.substeps ?? [], `${at}.`);
    });
  walk(d.steps, c.steps, '');
  if (c.result && d.wrt !== undefined) judge(c.result, diff(d.input, d.wrt), d.result, () => `${label}, result ${toText(d.result)}`, tally);
  if (c.status === 'unverifiable') {
    tally.unverifiable++;
    if (samplePoints([d.input]).reason) tally.inputUnsampleable++;
  }
}

/** The first unverifiable verdict of a derivation check, in words. */
function firstUnverifiable(d: Derivation, c: DerivationCheck): string {
  const find = (steps: readonly Step[], checks: readonly StepCheck[]): string | undefined => {
    for (let i = 0; i < steps.length; i++) {
      const [s, v] = [steps[i]!, checks[i]!.verdict];
      if (v.status === 'unverifiable') return `step ${s.rule} ${toText(s.from)} → ${toText(s.to)}: ${v.reason}`;
      const inner = find(s.substeps ?? [], checks[i]!.substeps ?? []);
      if (inner) return inner;
    }
    return undefined;
  };
  return find(d.steps, c.steps) ?? (c.result?.status === 'unverifiable' ? `result: ${c.result.reason}` : 'none');
}

/** Run one engine call with its input named in any error it throws. No wall-clock bound here
 * (it would fail on a busy machine): src/algebra/poly.ts BUDGET counts work, and a hang would trip
 * the test runner's timeout; speed is measured by `npm run bench`. */
function labelled<T>(label: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new Error(`${label}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const expectNoProblems = (problems: readonly string[], label: string): void => {
  if (problems.length > 0) throw new Error(`${label}: ${problems.length} trace invariant(s) broken:\n  ${problems.join('\n  ')}`);
};

/** Optional one-line summaries for reports: CHAINRULE_PROPERTY_STATS=1 npx vitest run test/derive */
const report = (name: string, t: Tally): void => {
  if (process.env['CHAINRULE_PROPERTY_STATS']) {
    console.info(
      `${name}: ${t.runs} runs; derivations unverifiable ${t.unverifiable} (input unsampleable ${t.inputUnsampleable}); ` +
        `${t.checks} verdicts, ${t.unverifiableChecks} unverifiable, ${t.falseAlarms} refutations cleared by the recheck`,
    );
  }
};

// ---------------------------------------------------------------------------------------------

describe('trace invariants on random expressions', () => {
  it('derive(e, x) and simplify(e): start, chaining, end, no no-ops, path/from/to, substeps, proofs', () => {
    fc.assert(
      fc.property(course3, ({ e }) => {
        const d = labelled(`derive(${toText(e)}, x)`, () => derive(e, 'x'));
        expectNoProblems(derivationProblems(d), `derive(${toText(e)}, x)`);
        expect(equal(d.start, diff(e, 'x'))).toBe(true);
        const s = labelled(`simplify(${toText(e)})`, () => simplify(e));
        expectNoProblems(derivationProblems(s), `simplify(${toText(e)})`);
        expect(equal(s.start, e)).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS.trace },
    );
  });

  it('the same on taller trees and over the whole registry, by w and by ŷ', () => {
    fc.assert(
      fc.property(fc.oneof(course4, registry3), fc.constantFrom('w', 'y_hat', 'x'), ({ e }, v) => {
        expectNoProblems(derivationProblems(labelled(`derive(${toText(e)}, ${v})`, () => derive(e, v))), `derive(${toText(e)}, ${v})`);
        expectNoProblems(derivationProblems(labelled(`simplify(${toText(e)})`, () => simplify(e))), `simplify(${toText(e)})`);
      }),
      { seed: SEED + 1, numRuns: RUNS.traceDeep },
    );
  });
});

describe('every step verifies numerically', () => {
  /** `strict`: an unverifiable derivation of an input that CAN be sampled fails the property (the
   * steps are compared on the input's domain, so a step made the expression undefined where the
   * input is defined, as K5 and K6 do). */
  const stepsVerify = (arb: fc.Arbitrary<Case>, seed: number, numRuns: number, name: string, strict: boolean): Tally => {
    const tally = newTally();
    fc.assert(
      fc.property(arb, ({ e }) => {
        tally.runs++;
        const d = derive(e, 'x');
        const c = checkDerivation(d);
        const before = tally.unverifiable - tally.inputUnsampleable;
        judgeDerivation(d, c, `derive(${toText(e)}, x)`, tally);
        if (strict && tally.unverifiable - tally.inputUnsampleable > before) {
          throw new Error(`derive(${toText(e)}, x) = ${toText(d.result)} is unverifiable although ${toText(e)} can be sampled: ${firstUnverifiable(d, c)}`);
        }
      }),
      { seed, numRuns },
    );
    report(name, tally);
    return tally;
  };

  it('checkDerivation(derive(e, x)) is never refuted; unverifiable only where the input cannot be sampled, a minority', () => {
    const t = stepsVerify(course3, SEED + 2, RUNS.steps, 'steps (course)', true);
    // measured: 11 of 200 (5.5 %), each an input defined (almost) nowhere on the sampled box, e.g.
    // log(−1), BCE(4, …) or x/0; 15 % leaves room for other seeds
    expect(t.unverifiable / t.runs).toBeLessThan(0.15);
    // refutations the 500-digit recheck cleared (known bugs K1–K4): rare on these trees
    expect(t.falseAlarms / t.runs).toBeLessThan(0.03);
  });

  it('the same over the whole registry (relu, abs, inverse trig, any exponent): never a genuine refutation', () => {
    const t = stepsVerify(registry3, SEED + 3, RUNS.stepsRegistry, 'steps (registry)', false);
    // measured 15 of 120 (12.5 %), all inputs defined almost nowhere ((−2)^x, acosh(1/2), x/0);
    // such trees are common here by construction, so the bound is only "not most"
    expect(t.unverifiable / t.runs).toBeLessThan(0.5);
    expect(t.unverifiable - t.inputUnsampleable).toBeLessThanOrEqual(2); // measured 0
  });
});

describe('the derivative agrees with a numerical derivative', () => {
  it('checkDerivative(e, v, derive(e, v).result) is never refuted, v = x, w or ŷ', () => {
    const tally = newTally();
    fc.assert(
      fc.property(course3, fc.constantFrom('x', 'w', 'y_hat'), ({ e }, v) => {
        tally.runs++;
        const d = derive(e, v);
        // compared where e is defined, as checkDerivation does: d/dv(c) = 0 is defined everywhere,
        // the numerical derivative of c only where c is (without this, 12 % more are unverifiable)
        const v1 = checkDerivative(e, v, d.result, { domain: [e] });
        judge(v1, diff(e, v), d.result, () => `d/d${v} ${toText(e)} = ${toText(d.result)}`, tally);
      }),
      { seed: SEED + 4, numRuns: RUNS.derivative },
    );
    report('derivative', tally);
    expect(tally.unverifiableChecks / tally.checks).toBeLessThan(0.15);
  });
});

describe('simplification', () => {
  it('never changes the value, never grows the leaf count, and each step verifies', () => {
    const tally = newTally();
    fc.assert(
      fc.property(fc.oneof(course3, registry3), ({ e }) => {
        tally.runs++;
        const s = simplify(e);
        const label = `simplify(${toText(e)}) = ${toText(s.result)}`;
        judge(checkEquivalent(e, s.result), e, s.result, () => label, tally);
        if (leafCount(s.result) > leafCount(e)) throw new Error(`${label}: ${leafCount(s.result)} leaves > ${leafCount(e)}`);
        judgeDerivation(s, checkDerivation(s), label, tally);
      }),
      { seed: SEED + 5, numRuns: RUNS.simplify },
    );
    report('simplify', tally);
  });
});

describe('determinism', () => {
  /** What must be identical between two runs: rule ids, paths, every before/after, the result. */
  const fingerprint = (d: Derivation): string => {
    const steps = (ss: readonly Step[]): unknown[] => ss.map((s) => [s.rule, s.path, toText(s.before), toText(s.after), steps(s.substeps ?? [])]);
    return JSON.stringify([toText(d.result), steps(d.steps)]);
  };
  it('deriving (and simplifying) twice gives the same result and the same steps', () => {
    fc.assert(
      fc.property(fc.oneof(course3, registry3), ({ e }) => {
        const [a, b] = [derive(e, 'x'), derive(e, 'x')];
        expect(equal(a.result, b.result), toText(e)).toBe(true);
        expect(fingerprint(b), toText(e)).toBe(fingerprint(a));
        expect(fingerprint(simplify(e)), toText(e)).toBe(fingerprint(simplify(e)));
      }),
      { seed: SEED + 6, numRuns: RUNS.determinism },
    );
  });
});

describe('through definitions', () => {
  const text = (defs: readonly Definition[]) => defs.map((d) => `${d.name} = ${toText(d.expr)}`).join('; ');

  it('the chain gradient, substituted, equals derive(substituted target) and the numerical derivative', () => {
    const tally = newTally();
    fc.assert(
      fc.property(asChain(arbChain), (chain) => {
        const { defs, inputs } = chain;
        const c = deriveChain(defs, inputs);
        const target = substitute(sym('L'), defs);
        for (const w of inputs) {
          tally.runs++;
          const g = substitute(c.gradients[w]!, defs);
          const label = `${text(defs)}: ∂L/∂${w} = ${toText(c.gradients[w]!)}`;
          const direct = derive(target, w).result;
          judge(checkEquivalent(g, direct), g, direct, () => `${label} vs derive(target, ${w}) = ${toText(direct)}`, tally);
          judge(checkDerivative(target, w, g), diff(target, w), g, () => `${label} vs d/d${w} of ${toText(target)}`, tally);
        }
        // every local gradient and every adjoint is a derivation of its own: same invariants
        for (const l of c.locals) {
          const where = `${text(defs)}: local ∂${l.of}/∂${l.wrt}`;
          expectNoProblems(derivationProblems(l.derivation), where);
          judgeDerivation(l.derivation, checkDerivation(l.derivation), where, newTally());
        }
        for (const a of c.adjoints) {
          const where = `${text(defs)}: adjoint ∂L/∂${a.name}`;
          expectNoProblems(derivationProblems(a.derivation), where);
          judgeDerivation(a.derivation, checkDerivation(a.derivation), where, newTally());
        }
      }),
      { seed: SEED + 7, numRuns: RUNS.chains },
    );
    report('chains', tally);
    // measured 0 of 318: log(1 + h²) and sqrt(1 + h²) layers keep every chain defined everywhere
    // (the 500-digit recheck cleared 4 refutations there, K3: BCE(σ(u), ŷ) at large u)
    expect(tally.unverifiableChecks / tally.checks).toBeLessThan(0.15);
  });
});

describe('the test machinery itself', () => {
  // derivationProblems must see each kind of broken trace, or the trace properties prove nothing
  it('the trace checker reports a broken start, chain, end, no-op, path and rule id', () => {
    const d = derive(parseTextProgram('sin(x^2)').program.body!, 'x');
    expect(derivationProblems(d)).toEqual([]);
    const [s0, s1] = [d.steps[0]!, d.steps[1]!];
    const broken: readonly (readonly [string, Derivation])[] = [
      ['start', { ...d, start: s1.before }],
      ['chain', { ...d, steps: [s1, s0, ...d.steps.slice(2)] }],
      ['end', { ...d, result: d.start }],
      ['no-op', { ...d, steps: [...d.steps, { ...s0, before: d.result, after: d.result }] }],
      ['path', { ...d, steps: [{ ...s0, path: [0, 0] }, ...d.steps.slice(1)] }],
      ['rule id', { ...d, steps: [{ ...s0, rule: 'Chain Rule' }, ...d.steps.slice(1)] }],
      ['substep', { ...d, steps: [{ ...s0, substeps: [s1] }, ...d.steps.slice(1)] }],
    ];
    for (const [what, bad] of broken) expect(derivationProblems(bad), what).not.toEqual([]);
  });

  // recheck must tell a wrong step from a right one, or it could excuse anything
  it('confirms a wrong derivative and clears a right one at the same point', () => {
    const x = sym('x');
    const f = pow(x, int(3));
    expect(recheck(diff(f, 'x'), mul(int(2), x), { x: 1.7 }).genuine).toBe(true);
    expect(recheck(diff(f, 'x'), mul(int(3), pow(x, int(2))), { x: 1.7 }).genuine).toBe(false);
    // and clears what float64 cannot: w + 1 − 1 is w, so acosh(w/(w + 1 − 1)) is acosh(1) = 0
    const w = sym('w');
    const a = call('acosh', div(w, add(w, int(1), int(-1))));
    expect(recheck(a, int(0), { w: 0.3504398686112836 }).genuine).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Known bugs, one row each, minimal inputs. Each row asserts the CORRECT behaviour and is marked
// it.fails, so it turns red (and must be moved to a plain test) when the bug is fixed. K1–K4 and
// K6 are checker false alarms on correct steps (the 500-digit recheck clears K1–K4); K5 was the
// differentiator (fixed), K7 the simplifier. Found by the properties above (seeds in the report).

const P = (s: string): Expr => parseTextProgram(s).program.body!;
const notRefuted = (v: { status: string }) => expect(v.status).not.toBe('refuted');

const FIXED: readonly (readonly [string, () => void])[] = [
  [
    'K1a check: d/dx(x + 10^20) is taken as 0 (every difference rounds to 0, so the estimate counts as ' +
      'exact): derive(x + 10^20, x) is refuted at step diff.sum, numerical 0 vs 1',
    () => notRefuted(checkDerivation(derive(P('x + 10^20'), 'x'))),
  ],
  [
    'K1b check: checkDerivative(x + 10^12, x, 1) is refuted at x = −1.387: numerical 0 vs 1',
    () => notRefuted(checkDerivative(P('x + 10^12'), 'x', P('1'))),
  ],
  [
    'K3b check (no longer refuted since the derivative checks draw points in the function\'s domain and the high-precision ladder of issue 10): the same refuted the correct G1-style gradient (σ(h) − ŷ)·w of BCE(σ((wa + b)w + 1), ŷ) by b ' +
      '(a = 2.76, b = −0.19, w = −2.68, ŷ = −2.45: numerical −9.26244 vs −9.25926)',
    () => notRefuted(checkDerivative(P('BCE(sigmoid((w*a + b)*w + 1), y_hat)'), 'b', P('(sigmoid((w*a + b)*w + 1) - y_hat)*w'))),
  ],
  [
    'K4a check (fixed: a disagreement within the rounding bounds is not a refutation, src/check/rounding.ts): the EXACT tolerance ignored conditioning: in simplify(acosh(w/(w + 1 + (−1)))) the step ' +
      'simp.fold-sum w + 1 + (−1) → w is refuted (w = 0.35: 2.1e-8 vs 0, float rounding of w + 1 − 1 inside acosh at 1)',
    () => notRefuted(checkDerivation(simplify(P('acosh(w/(w + 1 + (-1)))')))),
  ],
  [
    'K4c check (fixed: src/check/rounding.ts): the absolute tolerance (1e-12, documented for terms ≲ 10³) refuted an exact cancellation of ' +
      'larger terms: in derive(30000*y*y^(−1), y) the step simp.cancel 30000*y^(−1) − 30000*y*y^(−2) → 0 is ' +
      'refuted (y = −2.58: −1.8e-12 vs 0); (40*y*y^(−1))^3 likewise at diff.product (0 vs 1.2e-9)',
    () => notRefuted(checkDerivation(derive(P('30000*y*y^(-1)'), 'y'))),
  ],
  [
    "K2 check (fixed: a disagreement within Ridders' error estimate times the factor it meets is not a refutation, src/check/rounding.ts): Ridders' estimate of d/dx(exp(−40x)) (~1e-50) passes on the absolute floor 1e-10 although " +
      'it is off by 100 %; times 1/exp(−40x) the chain step of log(exp(−40x)) is refuted (−40 vs 7657.65 at x = 2.91)',
    () => notRefuted(checkDerivation(derive(P('log(exp(-40*x))'), 'x'))),
  ],
  [
    'K3a check (fixed: src/numeric/stableForm.ts and src/check/rounding.ts): BCE(σ(u), y) was evaluated through 1 − σ(u), which loses its digits for u ≳ 20: a correct ' +
      'chain step of derive(BCE(σ(10x), y), x) is refuted (x = 2.67, y = 1.84: numerical 0 vs −8.43)',
    () => notRefuted(checkDerivation(derive(P('BCE(sigmoid(10*x), y)'), 'x'))),
  ],
  [
    'K5 derive (fixed: diff.zero-base, d/dx(0^u) = 0 where u > 0): d/dx(0^x) was 0^x·log(0) (diff.exponential applied to base 0), defined nowhere, while ' +
      '0^x = 0 for x > 0 has derivative 0',
    () => {
      const d = derive(P('0^x'), 'x');
      expect(numericValue(d.result, { x: 1 })).toBe(0);
      expect(checkDerivation(d).status).toBe('verified');
    },
  ],
  // K7 (the rational normal form of a*b*c + d*e*(x + f)*t^2*(f*x + 1/y + 1/w + 2*c*w) takes ~3 s,
  // past poly.ts BUDGET) is a speed bug: it is timed in `npm run bench`, not here (no wall clock in tests).
];

const KNOWN_BUGS: readonly (readonly [string, () => void])[] = [
  [
    'K4b check: in simplify(sin(exp(x + pi*5*(4/3)))) the step simp.fold-product pi*5*(4/3) → (20/3)*pi is ' +
      'refuted (x = 2.65: −0.85832 vs −0.85835; sin of an argument ~1e10 amplifies one rounding)',
    () => notRefuted(checkDerivation(simplify(P('sin(exp(x + pi*5*(4/3)))')))),
  ],
  [
    'K6 check: derive(exp(20x)/(1 + exp(20x)), x) is unverifiable: the step simp.sigmoid-substitute ' +
      'writes σ(20x)/(1 − σ(20x)), whose float value divides by 1 − 1 = 0 for x ≳ 1.8 ("different domains")',
    // over fixed seeds, not the default one (a structural hash of the trees, which may change):
    // whether the default stream happens to put > 25 % of its points past 1.8 is luck
    () => {
      const d = derive(P('exp(20*x)/(1 + exp(20*x))'), 'x');
      for (let seed = 1; seed <= 60; seed++) expect(checkDerivation(d, { seed }).status).toBe('verified');
    },
  ],
];

describe('fixed bugs (were known bugs; fixed in src/numeric/ridders.ts, src/numeric/sampled.ts (then src/check/), src/algebra/heugcd.ts, src/check/rounding.ts)', () => {
  for (const [name, check] of FIXED) it(name, check);
});

describe('known bugs (it.fails: red when fixed)', () => {
  for (const [name, check] of KNOWN_BUGS) it.fails(name, check);
});
