// The float helpers shared by the walk and the compiler (src/numeric/number.ts): rational → double
// conversion that is correctly rounded even for numbers beyond the double range, the real power,
// and message formatting.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber, ratToNumber, realPow } from '../../src/numeric/index.js';

/** n/d to 40 significant digits as a string; Number() of it rounds correctly (40 ≫ 17 digits). */
function reference(n: bigint, d: bigint): number {
  const neg = n < 0n;
  const a = neg ? -n : n;
  if (a === 0n) return 0;
  const exp10 = a.toString().length - d.toString().length;
  const shift = 40 - exp10;
  const q = shift >= 0 ? (a * 10n ** BigInt(shift)) / d : a / (d * 10n ** BigInt(-shift));
  return Number(`${neg ? '-' : ''}${q}e${-shift}`);
}

describe('ratToNumber', () => {
  const rows: Array<[bigint, bigint, number]> = [
    [1n, 3n, 1 / 3],
    [-7n, 2n, -3.5],
    [0n, 1n, 0],
    [10n ** 400n, 10n ** 399n, 10],
    [10n ** 400n, 1n, Infinity],
    [-(10n ** 400n), 1n, -Infinity],
    [1n, 10n ** 400n, 0],
    [2n ** 60n + 1n, 1n, 2 ** 60], // rounds to the nearest double
    [3n * 2n ** 1100n, 2n ** 1101n, 1.5],
  ];
  it.each(rows)('%s / %s', (n, d, want) => {
    expect(ratToNumber(n, d)).toBe(want);
  });

  it('is correctly rounded for big random numerators and denominators', () => {
    const big = fc.bigInt({ min: 1n, max: 2n ** 300n });
    fc.assert(
      fc.property(big, big, fc.boolean(), (n, d, neg) => {
        const s = neg ? -n : n;
        expect(ratToNumber(s, d)).toBe(reference(s, d));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('realPow', () => {
  const rows: Array<[number, number, number]> = [
    [2, 10, 1024],
    [-2, 3, -8],
    [0, 0, 1],
    [0, -1, NaN],
    [-8, 1 / 3, NaN],
    [NaN, 0, NaN], // Math.pow would say 1 and hide the NaN
    [4, 0.5, 2],
    [-Infinity, 0.5, NaN],
  ];
  it.each(rows)('%s ^ %s', (b, x, want) => {
    expect(realPow(b, x)).toBe(want);
  });
});

describe('formatNumber', () => {
  const rows: Array<[number, string]> = [
    [-2, '-2'],
    [0.1 + 0.2, '0.3'],
    [1 / 3, '0.3333333333'],
    [-0, '0'],
    [Infinity, '∞'],
    [-Infinity, '-∞'],
    [1e-7, '1e-7'],
    [123456789.123, '123456789.1'],
  ];
  it.each(rows)('%s', (x, want) => {
    expect(formatNumber(x)).toBe(want);
  });
});
