// \cancel on cancelled factors and the breaking of long lines: every piece is valid LaTeX that
// KaTeX accepts in strict mode, and pieces fit the width where a break point allows.
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { breakLine, cancelFactors, factors, width } from '../../src/worksheet/latexTools.js';

const ok = (s: string) => katex.renderToString(s, { throwOnError: true, strict: 'error' });

describe('cancelFactors', () => {
  it.each([
    // [fraction, conditions, expected]
    ['\\frac{(y - \\hat{y})y(1 - y)}{y(1 - y)}', ['y \\neq 0', '1 - y \\neq 0'], '\\frac{(y - \\hat{y})\\cancel{y}\\cancel{(1 - y)}}{\\cancel{y}\\cancel{(1 - y)}}'],
    ['\\frac{x\\sigma(z)}{\\sigma(z)}', ['\\sigma(z) \\neq 0'], '\\frac{x\\cancel{\\sigma(z)}}{\\cancel{\\sigma(z)}}'],
    ['\\frac{a + b}{b}', ['b \\neq 0'], '\\frac{a + b}{b}'], // a sum: no factor to cancel
    ['x + 1', ['x \\neq 0'], 'x + 1'],
  ])('%s', (latex, conds, expected) => {
    const out = cancelFactors(latex, conds);
    expect(out).toBe(expected);
    ok(out);
  });
  it('splits products into factors', () => {
    expect(factors('(a - y)W_{2}a_{1}(1 - a_{1})X')).toEqual(['(a - y)', 'W_{2}', 'a_{1}', '(1 - a_{1})', 'X']);
    expect(factors('a + b')).toBeUndefined();
  });
});

describe('breakLine', () => {
  const long = [
    '\\left(-\\left(\\frac{\\hat{y}}{\\sigma(wx + b)} - \\frac{1 - \\hat{y}}{1 - \\sigma(wx + b)}\\right)\\right)\\left(\\sigma(wx + b)(1 - \\sigma(wx + b))\\frac{d}{dw}\\left(wx + b\\right)\\right)',
    'a + b + c + d + e + f + g + h + i + j + k + l + m + n + o + p + q + r + s + t + u + v + w + x + y + z + a + b + c + d + e',
    '\\frac{d}{dw}\\left(w_{1}x_{1} + w_{2}x_{2} + w_{3}x_{3} + w_{4}x_{4} + w_{5}x_{5} + w_{6}x_{6} + w_{7}x_{7} + w_{8}x_{8}\\right)',
  ];
  it.each(long)('breaks %s into valid pieces', (s) => {
    const pieces = breakLine(s, 30);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) {
      ok(p);
      expect(width(p)).toBeLessThanOrEqual(34);
    }
    // nothing lost: the pieces are the line, less the \left. \right. added at breaks
    expect(pieces.join(' ').replace(/\\left\.|\\right\./g, '').replace(/\s+/g, '')).toBe(s.replace(/\s+/g, ''));
  });
  it('leaves a short line alone', () => {
    expect(breakLine('x + 1', 30)).toEqual(['x + 1']);
  });
});
