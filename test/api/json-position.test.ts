// jsonErrorOffset (src/api/json-position.ts) against V8's JSON.parse as the oracle: it accepts
// exactly what JSON.parse accepts, and where V8 names a position ("… at position N") it names
// the same one. Inputs: random strings over JSON's own alphabet, and valid JSON with one to three
// edits (the kind of slip a hand-written request line has). Rows pin the cases V8 gives no
// position for, which are the reason the scanner exists.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from '../../src/api/json-position.js';

function oracle(s: string): { valid: boolean; position?: number } {
  try {
    JSON.parse(s);
    return { valid: true };
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    return m ? { valid: false, position: Number(m[1]) } : { valid: false };
  }
}

function agrees(s: string): void {
  const o = oracle(s);
  const ours = jsonErrorOffset(s);
  expect(ours === undefined, `validity of ${JSON.stringify(s)}`).toBe(o.valid);
  if (ours !== undefined) {
    expect(ours).toBeGreaterThanOrEqual(0);
    expect(ours).toBeLessThanOrEqual(s.length);
  }
  if (o.position !== undefined) expect(ours, `position in ${JSON.stringify(s)}`).toBe(o.position);
}

const PIECES = ['{', '}', '[', ']', ',', ':', '"', ' ', '\n', '\t', '\\', 'u', '0', '1', '9', '-', '+', '.', 'e', 'E', 'a', 'f', 'n', 't', 'true', 'false', 'null', '"x"', '1.5', '\u0001', 'ŷ', '\ud800'];
const jsonish = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((a) => a.join(''));
const edit = fc.tuple(fc.nat(), fc.constantFrom(...PIECES), fc.constantFrom('insert', 'delete', 'replace'));
const edited = fc.tuple(fc.json(), fc.array(edit, { minLength: 1, maxLength: 3 })).map(([s, edits]) => {
  for (const [n, piece, kind] of edits) {
    const p = n % (s.length + 1);
    s = kind === 'insert' ? s.slice(0, p) + piece + s.slice(p) : kind === 'delete' ? s.slice(0, p) + s.slice(p + 1) : s.slice(0, p) + piece + s.slice(p + 1);
  }
  return s;
});

describe('jsonErrorOffset', () => {
  it('accepts every valid JSON text', () => {
    fc.assert(fc.property(fc.json(), (s) => {
        expect(jsonErrorOffset(s)).toBeUndefined();
      }), { seed: 20240601, numRuns: 500 });
  });
  it('agrees with JSON.parse on strings over the JSON alphabet', () => {
    fc.assert(fc.property(jsonish, agrees), { seed: 20240602, numRuns: 3000 });
  });
  it('agrees with JSON.parse on valid JSON with a few edits', () => {
    fc.assert(fc.property(edited, agrees), { seed: 20240603, numRuns: 3000 });
  });

  // V8 gives no position for these; the offset points at the first character that cannot go on.
  it.each<[string, number]>([
    ['{"x":NaN}', 5],
    ['{"a":', 5],
    ['', 0],
    ['nul', 3],
    ['[1,,2]', 3],
    ['{"op":"parse",}', 14],
    ['{"op":"parse"', 13],
    ["{'op':1}", 1],
    ['[1] [2]', 4],
    ['\ufeff{}', 0],
  ])('%j fails at %i', (s, offset) => {
    expect(oracle(s).valid).toBe(false);
    expect(jsonErrorOffset(s)).toBe(offset);
  });

  it('deep nesting does not overflow the stack', () => {
    const n = 500_000;
    expect(jsonErrorOffset('['.repeat(n) + ']'.repeat(n))).toBeUndefined();
    expect(jsonErrorOffset('['.repeat(n) + ']'.repeat(n - 1))).toBe(2 * n - 1);
  });
});
