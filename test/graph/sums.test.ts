// The spellings a loss over data is written in, read by the parser as the sum node (no text
// rewrite): subscript letters (Σᵢ, xᵢ, xᵢyᵢ), sum_i(…) read as Σ_i (…) (the call sum(i, …) sums exactly its argument), and the
// positions of what follows kept in the user's text; then src/graph/sums.ts turns each sum node
// into a placeholder and a term over the rows.
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/ast/nodes.js';
import { extractSums, hasSums } from '../../src/graph/sums.js';
import { parse } from '../../src/parse/index.js';
import { toText } from '../../src/render/index.js';

const body = (s: string): Expr => {
  const p = parse(s).program;
  return p.body ?? p.definitions[p.definitions.length - 1]!.expr;
};

describe('reading the spellings of a sum over data', () => {
  it.each([
    ['Σᵢ (yᵢ - a xᵢ)^2', 'sum(i, (y_i - a*x_i)^2)'],
    ['xᵢyᵢ', 'x_i*y_i'],
    ['w₁₂ + xᵢ₁', 'w_12 + x_i1'],
    ['sum_i((y_i - a x_i)^2)', 'sum(i, (y_i - a*x_i)^2)'],
    // as Σ_i(x_i)^2 and sum_i (x_i)^2 with a space: the sum of squares (was the square of the sum)
    ['sum_i(x_i)^2', 'sum(i, x_i^2)'],
    ['sum_i (x_i)^2', 'sum(i, x_i^2)'],
    ['sum(i, x_i)^2', 'sum(i, x_i)^2'],
    ['2 sum_j(x_j) + b', '2*sum(j, x_j) + b'],
    ['Σ_i x_i y_i + b', 'sum(i, x_i*y_i) + b'],
    ['Σ_i x_i * b', 'sum(i, x_i)*b'],
  ])('%s reads as %s', (s, t) => {
    expect(toText(body(s))).toBe(t);
  });

  it('positions after a subscript letter are the typed ones', () => {
    let err: unknown;
    try {
      parse('Σᵢ xᵢ + * 2');
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'UNEXPECTED_TOKEN', span: { start: 8 } });
    const p = parse('L = Σᵢ yᵢ');
    const sum = p.program.definitions[0]!.expr;
    expect(p.spans.get(sum)).toEqual({ start: 4, end: 9 });
  });
});

describe('sum nodes into placeholders', () => {
  it('one placeholder per sum, the columns its body reads, the outer expression kept', () => {
    const p = parse('L = (1/m) Σ_i (y_i - (a x_i + b))^2 + c sum_j(z_j)');
    const e = p.program.definitions[0]!.expr;
    expect(hasSums(e)).toBe(true);
    const s = extractSums(e, (n) => p.spans.get(n), new Set(['a', 'b', 'c', 'm']));
    expect(toText(s.outer)).toBe('1/m*S + c*S_1');
    expect(s.sums.map((x) => [x.index, x.placeholder, toText(x.body), [...x.columns]])).toEqual([
      [
        'i',
        'S',
        '(y_i - (a*x_i + b))^2',
        [
          ['x', 'x_i'],
          ['y', 'y_i'],
        ],
      ],
      ['j', 'S_1', 'z_j', [['z', 'z_j']]],
    ]);
    expect(s.sums[0]!.span).toEqual({ start: 10, end: 35 });
  });
  it('a placeholder never equals a user name', () => {
    const p = parse('S + Σ_i x_i');
    const s = extractSums(p.program.body!, (n) => p.spans.get(n), new Set(['S']));
    expect(toText(s.outer)).toBe('S + S_1');
  });
  it('no sum: nothing to extract', () => {
    expect(hasSums(body('a x + b'))).toBe(false);
  });
});
