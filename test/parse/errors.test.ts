// Malformed input, table-driven: [input, expected code, expected span start]. Every user error
// is a ChainruleError with a code from src/errors.ts and a span into the ORIGINAL input; none may
// crash, hang or overflow the stack.
import { describe, expect, it } from 'vitest';
import { ChainruleError, caret } from '../../src/errors.js';
import { parseTextProgram } from '../../src/parse/text.js';

function fail(input: string): ChainruleError {
  try {
    parseTextProgram(input);
  } catch (e) {
    if (e instanceof ChainruleError) return e;
    throw e;
  }
  throw new Error(`no error for ${JSON.stringify(input)}`);
}

const deep = (n: number) => '('.repeat(n) + 'x' + ')'.repeat(n);

const MALFORMED: Array<[string, string, number]> = [
  ['', 'EMPTY_INPUT', 0],
  ['   ', 'EMPTY_INPUT', 0],
  ['x + \0', 'NUL_BYTE', 4],
  ['x + \ud800', 'INVALID_UNICODE', 4],
  ['x + \udc00y', 'INVALID_UNICODE', 4],
  ['1 +', 'UNEXPECTED_END', 3],
  ['(x + 1', 'UNBALANCED_PAREN', 0],
  ['x + 1)', 'UNBALANCED_PAREN', 5],
  ['((x)', 'UNBALANCED_PAREN', 0],
  ['1 +* 2', 'UNEXPECTED_TOKEN', 3],
  ['* 2', 'UNEXPECTED_TOKEN', 0],
  ['x 2', 'UNEXPECTED_TOKEN', 2],
  ['(x)2', 'UNEXPECTED_TOKEN', 3],
  ['sigmod(x)', 'UNKNOWN_FUNCTION', 0],
  ['2 + sigmoud(x)', 'UNKNOWN_FUNCTION', 4],
  ['abc(x)', 'UNKNOWN_FUNCTION', 0],
  ['BCE(p)', 'WRONG_ARITY', 0],
  ['x + sin(a, b)', 'WRONG_ARITY', 4],
  ['σ()', 'UNEXPECTED_TOKEN', 2],
  ['log', 'UNEXPECTED_END', 3],
  ['log + 1', 'FUNCTION_NEEDS_ARGUMENT', 0],
  ['x = x + 1', 'CYCLIC_DEFINITION', 4],
  ['a = 1; a = 2', 'REDEFINITION', 7],
  ['a = b; b = 1', 'USE_BEFORE_DEFINITION', 4],
  ['e = 2', 'DEFINES_CONSTANT', 0],
  ['sin = 2', 'DEFINES_CONSTANT', 0],
  ['x + 1; y = 2', 'UNEXPECTED_TOKEN', 0],
  ['x = 1 = 2', 'UNEXPECTED_TOKEN', 6],
  ['x # y', 'INVALID_CHARACTER', 2],
  ['x + $', 'INVALID_CHARACTER', 4],
  ['x + 😀', 'INVALID_CHARACTER', 4],
  ['x + 日', 'BAD_NAME', 4],
  ['é + 1', 'BAD_NAME', 0],
  ['x_', 'BAD_NAME', 1],
  ['_x', 'BAD_NAME', 0],
  ['x_{1', 'UNBALANCED_PAREN', 2],
  ['x_{+}', 'BAD_NAME', 3],
  ['sin_1(x)', 'BAD_NAME', 0],
  ['x_1_2', 'BAD_NAME', 3],
  ['{x}', 'UNEXPECTED_TOKEN', 0],
  ['x^', 'UNEXPECTED_END', 2],
  ['x^^2', 'UNEXPECTED_TOKEN', 2],
  ['x,y', 'UNEXPECTED_TOKEN', 1],
  ['(x;y)', 'UNBALANCED_PAREN', 2],
  ['1e99999', 'EXPONENT_TOO_LARGE', 0],
  ['9'.repeat(1001), 'EXPONENT_TOO_LARGE', 0],
  [deep(10_000), 'NESTING_TOO_DEEP', 500],
  [deep(501), 'NESTING_TOO_DEEP', 500],
  ['-'.repeat(101) + 'x', 'NESTING_TOO_DEEP', 100],
  ['x' + '+x'.repeat(10_001), 'INPUT_TOO_LONG', 20_000],
  ['x'.repeat(100_001), 'INPUT_TOO_LONG', 100_000],
  // a run of letters is one symbol per letter: each counts against the token limit
  ['x'.repeat(20_001), 'INPUT_TOO_LONG', 20_000],
  ['x'.repeat(99_999), 'INPUT_TOO_LONG', 20_000],
  ['y + ' + 'ab'.repeat(10_000), 'INPUT_TOO_LONG', 19_998 + 4],
  ['x²y³⁻', 'UNEXPECTED_TOKEN', 3],
  ['sin2x', 'BAD_NAME', 3],
  ['x + = 1', 'UNEXPECTED_TOKEN', 4],
  ['x' + '^x'.repeat(9000), 'NESTING_TOO_DEEP', 201],
  ['x' + '^-x'.repeat(6000), 'NESTING_TOO_DEEP', 301],
];

describe('malformed input: code and position', () => {
  it('has at least 40 rows', () => expect(MALFORMED.length).toBeGreaterThanOrEqual(40));
  it.each(MALFORMED.map(([i, c, s]) => [i.length > 40 ? `${i.slice(0, 20)}…(${i.length} chars)` : i, c, s, i] as const))(
    '%s → %s at %i',
    (_label, code, start, input) => {
      const e = fail(input);
      expect(e.code).toBe(code);
      expect(e.span?.start).toBe(start);
    },
  );
  it('suggests the nearest function name', () => {
    expect(fail('sigmod(x)').message).toMatch(/did you mean sigmoid\?/);
    expect(fail('lgo(x)').message).toMatch(/did you mean log\?/);
  });
  it('shows a caret under the input', () => {
    const input = 'x + sigmod(x)';
    expect(caret(input, fail(input).span)).toBe('x + sigmod(x)\n    ^^^^^^');
  });
  it('10,000 nested parentheses fail fast, without a stack overflow', () => {
    // the depth limit is checked by the lexer before parsing: the code is the assertion (a hang
    // would trip the runner's timeout; speed is measured by npm run bench)
    expect(fail(deep(10_000)).code).toBe('NESTING_TOO_DEEP');
  });
  it('500 nested parentheses still parse', () => {
    expect(() => parseTextProgram(deep(500))).not.toThrow();
  });
});
