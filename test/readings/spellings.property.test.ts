// One symbol, one spelling (issue 9): random expressions over multi-letter and subscripted names,
// printed with every documented spelling of each name (text and LaTeX), give the same derivative
// whichever spelling the body, the `wrt`, the `d/dx` operator and the `at` point use.
// Fixed seed; fast-check prints the seed and the shrunk counterexample on failure.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { equal } from '../../src/ast/traverse.js';
import type { Expr } from '../../src/ast/nodes.js';
import { derive } from '../../src/derive/derive.js';
import { checkWrt } from '../../src/derive/wrt.js';
import { evaluate } from '../../src/numeric/index.js';
import { canonicalSymbol, loadLatex, mainExpr, parse, parsePoint } from '../../src/parse/index.js';
import { toText } from '../../src/render/text.js';

beforeAll(loadLatex);

/** Each name with its documented spellings (docs/notation.md#names), plain text and LaTeX. */
const NAMES = [
  { canonical: 'a_2', text: ['a2', 'a_2', 'a₂', 'a_{2}'], latex: ['a_2', 'a_{2}', 'a₂'] },
  { canonical: 'y_hat', text: ['ŷ', 'y\u0302', 'y_hat'], latex: ['\\hat{y}', 'ŷ'] },
  { canonical: 'w_12', text: ['w12', 'w_12', 'w₁₂', 'w_{12}'], latex: ['w_{12}', 'w₁₂'] },
  { canonical: 'lr', text: ['lr'], latex: ['\\mathrm{lr}'] },
  { canonical: 'lr_1', text: ['lr1', 'lr_1', 'lr₁', 'lr_{1}'], latex: ['\\mathrm{lr}_{1}', '\\mathrm{lr}_1'] },
  { canonical: 'theta_1', text: ['theta1', 'θ1', 'θ_1', 'θ₁', 'theta_{1}'], latex: ['\\theta_1', '\\theta_{1}', 'θ₁'] },
  { canonical: 'alpha', text: ['alpha', 'α'], latex: ['\\alpha', 'α'] },
] as const;
const DECLARED = ['lr'];

/** An expression shape over name indices; printed in either notation with chosen spellings. */
type Shape =
  | { k: 'leaf'; i: number }
  | { k: 'num'; v: number }
  | { k: 'bin'; op: '+' | '-' | '*' | '/'; a: Shape; b: Shape }
  | { k: 'pow'; a: Shape; n: number }
  | { k: 'fn'; f: 'sin' | 'exp' | 'sigma'; a: Shape };

const arbShape: fc.Arbitrary<Shape> = fc.letrec<{ s: Shape }>((tie) => ({
  s: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ k: fc.constant('leaf' as const), i: fc.nat(NAMES.length - 1) }),
    fc.record({ k: fc.constant('num' as const), v: fc.integer({ min: 1, max: 5 }) }),
    fc.record({ k: fc.constant('bin' as const), op: fc.constantFrom('+' as const, '-' as const, '*' as const, '/' as const), a: tie('s'), b: tie('s') }),
    fc.record({ k: fc.constant('pow' as const), a: tie('s'), n: fc.integer({ min: 2, max: 3 }) }),
    fc.record({ k: fc.constant('fn' as const), f: fc.constantFrom('sin' as const, 'exp' as const, 'sigma' as const), a: tie('s') }),
  ),
})).s;

/** Print a shape; `pick(i, k)` gives the spelling of name i at its k-th occurrence. */
function print(s: Shape, latex: boolean, pick: (i: number) => string): string {
  switch (s.k) {
    case 'leaf':
      return pick(s.i);
    case 'num':
      return String(s.v);
    case 'bin': {
      const a = print(s.a, latex, pick);
      const b = print(s.b, latex, pick);
      if (latex && s.op === '/') return `\\frac{${a}}{${b}}`;
      return `(${a}) ${latex && s.op === '*' ? '\\cdot' : s.op} (${b})`;
    }
    case 'pow':
      return latex ? `\\left(${print(s.a, latex, pick)}\\right)^{${s.n}}` : `(${print(s.a, latex, pick)})^${s.n}`;
    case 'fn':
      return latex ? `\\${s.f === 'sigma' ? 'sigma' : s.f}\\left(${print(s.a, latex, pick)}\\right)` : `${s.f === 'sigma' ? 'σ' : s.f}(${print(s.a, latex, pick)})`;
  }
}
function leaves(s: Shape): number[] {
  if (s.k === 'leaf') return [s.i];
  if (s.k === 'num') return [];
  if (s.k === 'bin') return [...leaves(s.a), ...leaves(s.b)];
  return leaves(s.a);
}

/** A chooser that cycles through the spellings from a random start (every spelling gets used). */
function chooser(seed: number, latex: boolean) {
  let k = seed;
  return (i: number) => {
    const list = latex ? NAMES[i]!.latex : NAMES[i]!.text;
    return list[k++ % list.length]!;
  };
}

const canonicalAt = (e: Expr, wrt: string, point: Record<string, number>) => {
  const d = derive(e, wrt).result;
  const v = evaluate(d, point);
  return { d, v: v.ok ? v.value : NaN };
};

describe('one symbol, one spelling', () => {
  it('body, wrt, d/dx and at in any documented spelling give the same derivative', () => {
    fc.assert(
      fc.property(arbShape, fc.nat(1000), fc.nat(1000), fc.nat(1000), (shape, s1, s2, s3) => {
        const used = leaves(shape);
        fc.pre(used.length > 0);
        const w = used[s1 % used.length]!;
        const name = NAMES[w]!;
        // the reference: canonical spelling throughout
        const ref = mainExpr(parse(print(shape, false, (i) => NAMES[i]!.canonical), { names: DECLARED }));
        const point: Record<string, number> = {};
        NAMES.forEach((n, i) => (point[n.canonical] = 0.3 + 0.1 * i));
        const want = canonicalAt(ref, name.canonical, point);

        const variants: Array<{ body: string; latex: boolean; wrt: string }> = [
          { body: print(shape, false, chooser(s2, false)), latex: false, wrt: name.text[s3 % name.text.length]! },
          { body: print(shape, true, chooser(s2, true)), latex: true, wrt: name.text[(s3 + 1) % name.text.length]! },
        ];
        for (const v of variants) {
          const p = parse(v.body, { names: DECLARED, notation: v.latex ? 'latex' : 'text' });
          const wrt = canonicalSymbol(v.wrt, DECLARED);
          expect(wrt).toBe(name.canonical);
          checkWrt(p, [wrt]);
          expect(p.readings.filter((r) => r.code === 'LETTERS_SPLIT')).toEqual([]);
          const e = mainExpr(p);
          expect(toText(e)).toBe(toText(ref));
          const got = canonicalAt(e, wrt, point);
          expect(equal(got.d, want.d), `${v.body} wrt ${v.wrt}`).toBe(true);
          // the point, spelled another way
          const pointText = NAMES.map((n, i) => `${n.text[(s2 + i) % n.text.length]}=${point[n.canonical]}`).join(', ');
          const at = Object.fromEntries(parsePoint(pointText, DECLARED).map((entry) => [entry.name, Number(entry.value)]));
          const r = evaluate(got.d, at);
          expect(r.ok ? r.value : NaN).toBe(want.v);
        }
        // the derivative operator in every spelling of its variable
        const opSpelling = name.text[(s1 + s3) % name.text.length]!;
        for (const op of [`d/d${opSpelling}`, `∂/∂${opSpelling}`]) {
          const p = parse(`${op}(${print(shape, false, chooser(s3, false))})`, { names: DECLARED });
          const e = mainExpr(p);
          expect(e.kind, op).toBe('diff');
          if (e.kind !== 'diff') return;
          expect(e.wrt, `${op}: one name`).toBe(name.canonical);
          checkWrt(p, []);
          expect(equal(derive(e.arg, e.wrt).result, want.d)).toBe(true);
        }
      }),
      { seed: 9009, numRuns: 60 },
    );
  });
});
