// Properties of the printers over random trees (test/arbitrary.ts), with the reference reader:
// the text form reads back to the SAME tree (a power of e as the exp call it spells), the Unicode
// form to the same unicodeNormal, every LaTeX string passes KaTeX in strict mode, and output is
// deterministic. fast-check prints the seed and shrinks on failure.
import fc from 'fast-check';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { equal } from '../../src/ast/traverse.js';
import { liftSigns, toLatex, toText, toUnicode, unicodeNormal } from '../../src/render/index.js';
import { arbExpr, arbExprOfDepth, arbExprWith } from '../arbitrary.js';
import { asSpelled, readNotation } from './notation-reader.js';

// 2000 runs of depth-3 trees take about a second and reached every printer branch in coverage runs
const RUNS = { numRuns: 2000 };
const katexStrict = (s: string): string => katex.renderToString(s, { throwOnError: true, strict: 'error' });

describe('printer properties', () => {
  it('text round-trips exactly', () => {
    fc.assert(
      fc.property(arbExpr, (e) => {
        const s = toText(e);
        expect(equal(readNotation(s), asSpelled(e)), s).toBe(true);
      }),
      RUNS,
    );
  });

  it('unicode round-trips up to unicodeNormal', () => {
    fc.assert(
      fc.property(arbExpr, (e) => {
        const s = toUnicode(e);
        expect(equal(unicodeNormal(readNotation(s)), unicodeNormal(e)), s).toBe(true);
      }),
      RUNS,
    );
  });

  it('every LaTeX string renders with KaTeX strict', () => {
    fc.assert(
      fc.property(arbExpr, fc.boolean(), (e, layerIndex) => {
        const s = toLatex(e, { layerIndex });
        expect(() => katexStrict(s), s).not.toThrow();
      }),
      RUNS,
    );
  });

  it('normal forms are idempotent', () => {
    fc.assert(
      fc.property(arbExpr, (e) => {
        const u = unicodeNormal(e);
        const l = liftSigns(e);
        expect(equal(unicodeNormal(u), u)).toBe(true);
        expect(equal(liftSigns(l), l)).toBe(true);
      }),
      RUNS,
    );
  });

  it('printing is deterministic and never throws on deep trees', () => {
    fc.assert(
      fc.property(arbExprOfDepth(5), (e) => {
        expect(toText(e)).toBe(toText(e));
        expect(toUnicode(e)).toBe(toUnicode(e));
        expect(toLatex(e)).toBe(toLatex(e));
      }),
      { numRuns: 200 },
    );
  });
});

// Single letters that spell function and Greek names when written side by side (sin, cos, tan,
// log, exp, pi, eta, nu, mu, xi), plus raw subscripts that could swallow a neighbour.
const LETTERS = ['s', 'i', 'n', 'c', 'o', 't', 'a', 'h', 'l', 'g', 'x', 'p', 'm', 'u', 'w_ij', 'w_i1', 'X'];

describe('letter-heavy symbol pools', () => {
  it('unicode round-trips over letter-heavy symbol pools', () => {
    fc.assert(
      fc.property(arbExprWith({ symbols: LETTERS }), (e) => {
        const s = toUnicode(e);
        expect(equal(unicodeNormal(readNotation(s)), unicodeNormal(e)), s).toBe(true);
      }),
      RUNS,
    );
  });

  it('LaTeX renders with KaTeX strict', () => {
    fc.assert(
      fc.property(arbExprWith({ symbols: LETTERS }), fc.boolean(), (e, layerIndex) => {
        const s = toLatex(e, { layerIndex });
        expect(() => katexStrict(s), s).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
