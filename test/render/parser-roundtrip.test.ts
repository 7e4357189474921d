// The printers against the PRODUCT parser (src/parse): the golden rows and random trees must read
// back as with the reference reader — text to the same tree (a power of e as exp), Unicode to the
// same unicodeNormal. Known gap, said here rather than skipped silently: until src/parse folds
// `(N/D)`/`(-N/D)` and folds only plain number tokens (`(-(2))` stays neg(2)), outputs that depend
// on those two rules run as expected failures (rows) or are left out (properties).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { int, neg, rat } from '../../src/ast/build.js';
import type { Expr } from '../../src/ast/nodes.js';
import { equal } from '../../src/ast/traverse.js';
import { mainExpr, parse } from '../../src/parse/index.js';
import { toText, toUnicode, unicodeNormal } from '../../src/render/index.js';
import { arbExpr, arbExprWith } from '../arbitrary.js';
import { asSpelled } from './notation-reader.js';
import { EDGES, SEEDS } from './rows.js';

const read = (s: string): Expr => mainExpr(parse(s));

/** Whether src/parse reads number literals exactly as the printers write them. */
const literalsAgree = equal(read('(1/3)'), rat(1n, 3n)) && equal(read('(-(2))'), neg(int(2)));
/**
 * Output that needs those rules: in text a bracketed fraction or bracketed negation; in Unicode
 * only the latter (a fraction read as a quotient has the same unicodeNormal).
 */
const TEXT_NEEDS = /\(-?\d+\/\d+\)|\(-\(/;
const UNICODE_NEEDS = /\(\u2212\(/;
const textGap = (s: string): boolean => !literalsAgree && TEXT_NEEDS.test(s);
const unicodeGap = (s: string): boolean => !literalsAgree && UNICODE_NEEDS.test(s);

describe('golden rows through src/parse', () => {
  const rows = Object.entries({ ...SEEDS, ...EDGES });
  for (const [name, [tree, text, unicode]] of rows) {
    const textCase = textGap(text) ? it.fails : it;
    textCase(`text: ${name}`, () => {
      expect(equal(read(text), asSpelled(tree))).toBe(true);
    });
    const unicodeCase = unicodeGap(unicode) ? it.fails : it;
    unicodeCase(`unicode: ${name}`, () => {
      expect(equal(unicodeNormal(read(unicode)), unicodeNormal(tree))).toBe(true);
    });
  }
});

// as in properties.test.ts: single letters that spell words side by side, raw subscripts
const LETTERS = ['s', 'i', 'n', 'c', 'o', 't', 'a', 'h', 'l', 'g', 'x', 'p', 'm', 'u', 'w_ij', 'w_i1', 'X'];
// 1000 runs keep this file under a second; properties.test.ts runs the reader 2000 times
const RUNS = { numRuns: 1000 };

describe('random trees through src/parse', () => {
  it('text round-trips exactly', () => {
    fc.assert(
      fc.property(arbExpr, (e) => {
        const s = toText(e);
        fc.pre(!textGap(s));
        expect(equal(read(s), asSpelled(e)), s).toBe(true);
      }),
      RUNS,
    );
  });

  it.each([
    ['the default pool', arbExpr],
    ['letter-heavy names', arbExprWith({ symbols: LETTERS })],
  ])('unicode round-trips up to unicodeNormal (%s)', (_pool, arb) => {
    fc.assert(
      fc.property(arb, (e) => {
        const s = toUnicode(e);
        fc.pre(!unicodeGap(s));
        expect(equal(unicodeNormal(read(s)), unicodeNormal(e)), s).toBe(true);
      }),
      RUNS,
    );
  });
});
