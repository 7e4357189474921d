// Line-by-line checking of student derivations (issue 5 item 4), built from the golden cases:
// each line must follow from the one before (line 1 from d/d(wrt) of the problem); the first line
// that does not is pointed at and diagnosed; the lines that follow from their predecessor are
// listed as fine. Lines are typed as a student would (plain text with d/dx(…), or LaTeX).
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/ast/nodes.js';
import { canonicalSymbol, mainExpr, parseAsync } from '../../src/parse/index.js';
import { equivalent } from '../../src/verify/equivalence.js';
import { checkLines, type LinesResult } from '../../src/verify/lines.js';

interface Case {
  readonly name: string;
  readonly problem?: readonly [string, string];
  readonly lines: readonly string[];
  /** undefined = every line is fine */
  readonly firstBad?: number;
  readonly finding?: string | null;
  readonly fine: readonly number[];
}

const L = String.raw;
const SIG = 'σ(wx+b)';
const CASES: Case[] = [
  {
    name: 'G1 step 1 done right: combine, expand, cancel',
    problem: ['BCE(y, ŷ)', 'y'],
    lines: ['-(ŷ/y - (1-ŷ)/(1-y))', '-(ŷ(1-y) - (1-ŷ)y)/(y(1-y))', '-(ŷ - ŷy - y + ŷy)/(y(1-y))', '(y - ŷ)/(y(1-y))'],
    fine: [0, 1, 2, 3],
  },
  {
    name: 'G1 step 1 with a sign slip on line 3 (the lines after it follow from the slip)',
    problem: ['BCE(y, ŷ)', 'y'],
    lines: ['-(ŷ/y - (1-ŷ)/(1-y))', '-(ŷ(1-y) - (1-ŷ)y)/(y(1-y))', '-(ŷ(1-y) + (1-ŷ)y)/(y(1-y))', '-(ŷ + y - 2ŷy)/(y(1-y))'],
    firstBad: 2,
    finding: 'sign-error',
    fine: [0, 1, 3],
  },
  {
    name: 'G1 as one expression, dropping the chain factor x of wx + b',
    problem: ['BCE(σ(w x + b), ŷ)', 'w'],
    lines: [
      'd/dw BCE(σ(wx+b), ŷ)',
      `(${SIG} - ŷ)/(${SIG}(1 - ${SIG})) · d/dw σ(wx+b)`,
      `(${SIG} - ŷ)/(${SIG}(1 - ${SIG})) · ${SIG}(1 - ${SIG})`,
      `${SIG} - ŷ`,
    ],
    firstBad: 2,
    finding: 'missing-chain-factor',
    fine: [0, 1, 3],
  },
  {
    name: 'G1 as one expression, done right through d/dw nodes',
    problem: ['BCE(σ(w x + b), ŷ)', 'w'],
    lines: [
      `(${SIG} - ŷ)/(${SIG}(1 - ${SIG})) · d/dw σ(wx+b)`,
      `(${SIG} - ŷ)/(${SIG}(1 - ${SIG})) · ${SIG}(1 - ${SIG}) · d/dw(wx + b)`,
      `(${SIG} - ŷ) · x`,
    ],
    fine: [0, 1, 2],
  },
  {
    name: 'G1 step 2 in LaTeX, done right',
    problem: ['σ(z)', 'z'],
    lines: [L`\frac{e^{-z}}{\left(1+e^{-z}\right)^{2}}`, L`\frac{1}{1+e^{-z}}\cdot\frac{e^{-z}}{1+e^{-z}}`, L`\sigma(z)\left(1-\sigma(z)\right)`],
    fine: [0, 1, 2],
  },
  {
    name: 'G1 step 2 in LaTeX, the inner −1 of e^(−z) lost on line 1',
    problem: ['1/(1 + e^(-z))', 'z'],
    lines: [L`-\frac{e^{-z}}{\left(1+e^{-z}\right)^{2}}`, L`-\sigma(z)\left(1-\sigma(z)\right)`],
    firstBad: 0,
    finding: 'sign-error',
    fine: [1],
  },
  {
    name: 'G1 step 3, no problem given: the cancellation',
    lines: ['(y - ŷ)/(y(1 - y)) · y(1 - y)', 'y - ŷ'],
    fine: [0, 1],
  },
  {
    name: 'G2: the fused gate −log σ(z) for y = 1',
    problem: ['-log(σ(z))', 'z'],
    lines: ['-1/σ(z) · d/dz σ(z)', '-1/σ(z) · σ(z)(1 - σ(z))', '-(1 - σ(z))', 'σ(z) - 1'],
    fine: [0, 1, 2, 3],
  },
  {
    name: 'G3 chain rule: the inner derivative 1/3 forgotten',
    problem: ['log(x/3 + 2/3)', 'x'],
    lines: ['1/(x/3 + 2/3) · d/dx(x/3 + 2/3)', '1/(x/3 + 2/3)', '3/(x + 2)'],
    firstBad: 1,
    finding: 'missing-chain-factor',
    fine: [0, 2],
  },
  {
    name: 'G5 chain-rule check f = g(h(x)), with a wrong exponent',
    problem: ['(x + 1)^2', 'x'],
    lines: ['2(x + 1) · d/dx(x + 1)', '2(x + 1)^2'],
    firstBad: 1,
    finding: 'wrong-exponent',
    fine: [0],
  },
  {
    name: 'G4: the mean 1/m dropped',
    problem: ['(1/m) BCE(σ(w x + b), y)', 'w'],
    lines: ['(1/m) d/dw BCE(σ(wx+b), y)', 'x(σ(wx+b) - y)'],
    firstBad: 1,
    finding: 'missing-mean',
    fine: [0],
  },
  {
    name: 'G1: prediction and label swapped (LaTeX)',
    problem: ['BCE(σ(w x + b), ŷ)', 'b'],
    lines: ['d/db BCE(σ(wx+b), ŷ)', L`\hat{y}-\sigma(wx+b)`],
    firstBad: 1,
    finding: 'swapped-prediction-label',
    fine: [0],
  },
  {
    name: "σ′ = S(1 − S) differentiated again: (uv)′ = u′v′ on line 1",
    problem: ['σ(z)(1 - σ(z))', 'z'],
    lines: ['d/dz σ(z) · d/dz(1 - σ(z))', '-σ(z)^2(1 - σ(z))^2'],
    firstBad: 0,
    finding: 'product-of-derivatives',
    fine: [1],
  },
];

describe('line-by-line student work', async () => {
  const parse = async (s: string): Promise<Expr> => mainExpr(await parseAsync(s));
  const run = async (c: Case): Promise<LinesResult> => {
    const lines = await Promise.all(c.lines.map(parse));
    const ctx = c.problem ? { problem: await parse(c.problem[0]), wrt: canonicalSymbol(c.problem[1]) } : {};
    return checkLines(lines, { ...ctx, equivalent });
  };

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const r = await run(c);
    expect(r.ok).toBe(c.firstBad === undefined);
    expect(r.firstBad).toBe(c.firstBad);
    expect(r.fine).toEqual(c.fine);
    expect(r.verdicts).toHaveLength(c.lines.length);
    expect(r.verdicts[0]!.against).toBe(c.problem ? 'problem' : 'given');
    if (c.firstBad !== undefined) {
      expect(r.verdicts[c.firstBad]!.verdict).toBe('incorrect');
      expect(r.findings.map((f) => f.id)).toEqual(c.finding ? [c.finding] : []);
    } else {
      expect(r.findings).toEqual([]);
    }
  });

  it('names the forgotten factor x of wx + b', async () => {
    const r = await run(CASES[2]!);
    expect(r.findings[0]!.message).toMatch(/inner function wx \+ b, which is x/);
  });

  it('a wrong step carries a counterexample', async () => {
    const r = await run(CASES[1]!);
    const v = r.verdicts[2]!;
    expect(v.against).toBe('previous');
    expect(v.counterexample === undefined || typeof v.counterexample.student === 'number').toBe(true);
  });

  it('an empty derivation is trivially fine', async () => {
    expect(await checkLines([], {})).toEqual({ ok: true, fine: [], findings: [], verdicts: [] });
  });
});
