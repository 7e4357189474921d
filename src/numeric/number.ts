// Float64 helpers shared by the tree walk (float.ts) and the compiler (compile.ts), so the two
// agree by construction: the rational → double conversion, the real power, and number formatting
// for messages. Invariant: `ratToNumber` is correctly rounded for every normal result, and
// `realPow` is NaN exactly where float.ts reports a DOMAIN error for a power.

const SAFE = 2n ** 53n; // below this a bigint converts to a double exactly (53-bit significand)

export function bitLength(x: bigint): number {
  if (x < 0n) x = -x;
  return x === 0n ? 0 : x.toString(2).length;
}

/** Multiply by 2^k without overflowing the intermediate power: steps of 2^±1000 stay normal
 * (doubles span 2^-1022 … 2^1023). */
function scaleByPow2(x: number, k: number): number {
  while (k > 1000) {
    x *= 2 ** 1000;
    k -= 1000;
  }
  while (k < -1000) {
    x *= 2 ** -1000;
    k += 1000;
  }
  return x * 2 ** k;
}

/** The double nearest n/d (d > 0). Huge numerators/denominators do not become ∞/∞ = NaN:
 * the quotient is taken in bigints with 64+ significant bits plus a sticky bit, so the final
 * Number() conversion rounds once and correctly (except in the subnormal range, ≤ 1 ulp). */
export function ratToNumber(n: bigint, d: bigint): number {
  const an = n < 0n ? -n : n;
  // Two exact doubles and one IEEE division: correctly rounded.
  if (an < SAFE && d < SAFE) return Number(n) / Number(d);
  // 64 guard bits beyond the 53 kept, so the truncation cannot move the rounding.
  const shift = bitLength(d) - bitLength(an) + 64;
  const num = shift >= 0 ? an << BigInt(shift) : an;
  const den = shift >= 0 ? d : d << BigInt(-shift);
  let q = num / den;
  if (q * den !== num) q |= 1n; // sticky bit: "a little more than q" rounds like the true value
  const v = scaleByPow2(Number(q), -shift);
  return n < 0n ? -v : v;
}

/** b^x over the reals: NaN for 0^negative (a division by zero), for a negative base to a
 * non-integer power (not real), and whenever either input is NaN — Math.pow(NaN, 0) is 1, which
 * would hide an earlier domain error. 0^0 = 1 (the convention of IEEE 754 pow and of SymPy). */
export function realPow(b: number, x: number): number {
  if (Number.isNaN(b) || (b === 0 && x < 0) || (b < 0 && !Number.isInteger(x))) return NaN;
  return Math.pow(b, x);
}

/** A number for a message: short, deterministic, ASCII minus. */
export function formatNumber(x: number): string {
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '-∞';
  if (Object.is(x, -0)) return '0';
  const s = String(x);
  // 12 characters keeps "0.3333333333" whole; longer forms are cut to 10 significant digits.
  return s.length <= 12 ? s : String(Number(x.toPrecision(10)));
}
