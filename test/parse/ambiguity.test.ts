// The plain-text grammar must be unambiguous: runGrammar reports more than one parse as
// AMBIGUOUS. Random token soups either parse to one tree or fail with a ChainruleError whose
// span lies inside the input — never AMBIGUOUS, never another exception. (Printed random trees
// are covered by test/render/parser-roundtrip.test.ts.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChainruleError } from '../../src/errors.js';
import { parseTextProgram } from '../../src/parse/text.js';

const PIECES = ['x', 'y', '2', '0.5', 'ŷ', 'w1', '+', '-', '*', '/', '^', '(', ')', ' ', 'σ', 'log', 'sin', 'e', '²', ',', 'BCE(', ';', '=', 'x_1', 'abc'];

describe('plain-text grammar is unambiguous and total', () => {
  it('random token soups: one tree or a positioned user error', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }), (ps) => {
        const s = ps.join('');
        try {
          parseTextProgram(s);
        } catch (e) {
          expect(e).toBeInstanceOf(ChainruleError);
          const err = e as ChainruleError;
          expect(err.code).not.toBe('AMBIGUOUS');
          if (err.span) {
            expect(err.span.start).toBeGreaterThanOrEqual(0);
            expect(err.span.start).toBeLessThanOrEqual(s.length);
          }
        }
      }),
      { numRuns: 5000, seed: 20261122 },
    );
  });
});
