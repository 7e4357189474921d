// The JSON Lines batch protocol (docs/api.md), table-driven: each row is [request, expected
// partial response] checked with toMatchObject; a request is an object (sent as JSON) or a raw
// line. Every response, good or bad, is also checked for the protocol's invariants: exactly
// {id, ok, …}, error codes from the table, positions inside the field's text, no stack traces.
// runBatch is driven with in-memory streams for ordering, chunking and back-pressure.
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { handleLine, MAX_LINE, runBatch } from '../../src/api/batch.js';
import { OPS, opNames } from '../../src/api/ops.js';
import { ERRORS } from '../../src/errors.js';
import { Value } from 'typebox/value';
import { ERROR_SCHEMA, isOpName, OP_SCHEMAS } from '../../src/api/schema/index.js';

type Req = Record<string, unknown> | string;
type Row = [name: string, req: Req, expected: Record<string, unknown>, absent?: string[]];

const line = (r: Req): string => (typeof r === 'string' ? r : JSON.stringify(r));
const ev = (expr: string, at?: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ op: 'evaluate', expr, ...(at ? { at } : {}), ...extra });
const err = (code: string, more: Record<string, unknown> = {}) => ({ ok: false, error: { code, ...more } });
const pos = (line: number, column: number, offset: number, end: number) => ({ line, column, offset, end });

/** Protocol invariants every response keeps (docs/api.md "Errors"). */
function checkInvariants(reqLine: string, res: Record<string, unknown>): void {
  const json = JSON.stringify(res);
  expect(json, 'no stack trace').not.toMatch(/\n\s+at |\bat [\w.<>]+ \(|node:internal|\.[jt]s:\d+:\d+/);
  expect(Object.keys(res).slice(0, 2)).toEqual(['id', 'ok']);
  if (res['ok'] === true) {
    expect(res).not.toHaveProperty('error');
    // the payload, as sent on the wire, matches the op's response schema
    const op = (JSON.parse(reqLine) as { op: string }).op;
    if (isOpName(op)) {
      const { id: _id, ok: _ok, ...payload } = JSON.parse(JSON.stringify(res)) as Record<string, unknown>;
      expect([...Value.Errors(OP_SCHEMAS[op].response, payload)].slice(0, 3), `${op} response schema`).toEqual([]);
    }
    return;
  }
  expect(Value.Check(ERROR_SCHEMA, res['error']), 'ERROR_SCHEMA').toBe(true);
  expect(Object.keys(res).sort()).toEqual(['error', 'id', 'ok']);
  const e = res['error'] as { code: string; message: string; field?: string; position?: { line: number; column: number; offset: number; end: number } };
  expect(Object.keys(ERRORS)).toContain(e.code);
  expect(typeof e.message).toBe('string');
  expect(e.message.length).toBeGreaterThan(0);
  for (const k of Object.keys(e)) expect(['code', 'message', 'field', 'position']).toContain(k);
  if (e.position) {
    expect(e.field, 'a position always names its field').toBeDefined();
    const p = e.position;
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.column).toBeGreaterThanOrEqual(1);
    expect(p.offset).toBeGreaterThanOrEqual(0);
    expect(p.end).toBeGreaterThanOrEqual(p.offset);
    // The field's text: the line itself, or a string field of the request.
    let text: string | undefined;
    if (e.field === 'line') text = reqLine;
    else {
      const req = JSON.parse(reqLine) as Record<string, unknown>;
      const [head, key] = e.field!.split(/\.(.*)/s) as [string, string | undefined];
      text = key !== undefined ? key : typeof req[head] === 'string' ? (req[head] as string) : undefined;
    }
    if (text !== undefined) expect(p.end).toBeLessThanOrEqual(text.length);
  }
}

async function answer(r: Req): Promise<Record<string, unknown>> {
  const l = line(r);
  const res = await handleLine(l);
  checkInvariants(l, res);
  return res;
}

const G1 = 'z = wx + b; y = σ(z); L = BCE(y, ŷ)';
const sym = (name: string) => ({ kind: 'sym', name });

const ROWS: Row[] = [
  // ---- parse ----
  ['parse: text', { op: 'parse', expr: 'BCE(σ(z), ŷ)' }, { ok: true, text: 'BCE(sigmoid(z), y_hat)', unicode: 'BCE(σ(z), ŷ)', latex: '\\operatorname{BCE}(\\sigma(z), \\hat{y})', definitions: [] }],
  ['parse: unicode subscripts and accents', { op: 'parse', expr: 'x₁ + ŷ^2 - 1/3' }, { ok: true, text: 'x_1 + y_hat^2 - 1/3', unicode: 'x₁ + ŷ² − 1/3', latex: 'x_{1} + \\hat{y}^{2} - \\frac{1}{3}' }],
  [
    'parse: tree shape',
    { op: 'parse', expr: 'x₁ + ŷ^2 - 1/3' },
    {
      tree: {
        kind: 'add',
        terms: [sym('x_1'), { kind: 'pow', base: sym('y_hat'), exp: { kind: 'num', value: '2' } }, { kind: 'neg', arg: { kind: 'div', num: { kind: 'num', value: '1' }, den: { kind: 'num', value: '3' } } }],
      },
    },
  ],
  ['parse: call and implicit product', { op: 'parse', expr: 'σ(wx+b)' }, { tree: { kind: 'call', fn: 'sigmoid', args: [{ kind: 'add', terms: [{ kind: 'mul', factors: [sym('w'), sym('x')] }, sym('b')] }] } }],
  [
    'parse: G1 definitions, no top-level text/tree',
    { op: 'parse', expr: G1 },
    {
      ok: true,
      definitions: [
        { name: 'z', text: 'w*x + b', unicode: 'wx + b', latex: 'wx + b', tree: { kind: 'add', terms: [{ kind: 'mul', factors: [sym('w'), sym('x')] }, sym('b')] } },
        { name: 'y', text: 'sigmoid(z)', unicode: 'σ(z)', latex: '\\sigma(z)', tree: { kind: 'call', fn: 'sigmoid', args: [sym('z')] } },
        { name: 'L', text: 'BCE(y, y_hat)', unicode: 'BCE(y, ŷ)', latex: '\\operatorname{BCE}(y, \\hat{y})', tree: { kind: 'call', fn: 'BCE', args: [sym('y'), sym('y_hat')] } },
      ],
    },
    ['text', 'unicode', 'latex', 'tree'],
  ],
  ['parse: definitions then a body', { op: 'parse', expr: 'a = 2x; a^2' }, { ok: true, text: 'a^2', definitions: [{ name: 'a', text: '2*x' }] }],
  ['parse: declared names', { op: 'parse', expr: 'loss*lr', names: ['loss', 'lr'] }, { ok: true, text: 'loss*lr', tree: { kind: 'mul', factors: [sym('loss'), sym('lr')] } }],
  ['parse: undeclared letters multiply', { op: 'parse', expr: 'lr' }, { ok: true, text: 'l*r' }],
  ['parse: LaTeX with notation auto', { op: 'parse', expr: '\\frac{1}{1+e^{-z}}' }, { ok: true, text: '1/(1 + exp(-z))', latex: '\\frac{1}{1 + e^{-z}}', tree: { kind: 'div', num: { kind: 'num', value: '1' } } }],
  ['parse: LaTeX with notation latex', { op: 'parse', expr: '\\sigma(z)', notation: 'latex' }, { ok: true, text: 'sigmoid(z)' }],
  ['parse: a backslash under notation text', { op: 'parse', expr: '\\frac{1}{2}', notation: 'text' }, err('INVALID_CHARACTER', { field: 'expr', position: pos(1, 1, 0, 1) })],
  ['parse: empty expr', { op: 'parse', expr: '' }, err('EMPTY_INPUT', { field: 'expr' })],
  ['parse: syntax error position', { op: 'parse', expr: '1 +* 2' }, err('UNEXPECTED_TOKEN', { field: 'expr', position: pos(1, 4, 3, 4) })],
  ['parse: unknown function with suggestion', { op: 'parse', expr: 'sigmod(x)' }, err('UNKNOWN_FUNCTION', { field: 'expr', position: pos(1, 1, 0, 6), message: expect.stringContaining('did you mean sigmoid') })],

  // ---- evaluate: values ----
  ['evaluate: README example', ev('x₁ + 0.1', { x_1: '0.2' }), { ok: true, value: 0.3, exact: '3/10' }],
  ['evaluate: 0.1 + 0.2 is exactly 3/10', ev('0.1 + 0.2'), { ok: true, value: 0.3, exact: '3/10' }],
  ['evaluate: docs example σ(wx+b)', ev('σ(wx+b)', { w: 2, x: 1.5, b: '-1/2' }), { ok: true, value: 0.9241418199787566 }, ['exact']],
  ['evaluate: irrational value has no exact', ev('exp(1)'), { ok: true, value: Math.E }, ['exact']],
  ['evaluate: string fraction kept exact', ev('3x', { x: '1/3' }), { ok: true, value: 1, exact: '1' }],
  ['evaluate: fraction strings', ev('x/y', { x: '1/3', y: '0.5' }), { ok: true, value: 0.6666666666666666, exact: '2/3' }],
  ['evaluate: signed and scientific strings', ev('x + y + z', { x: '-2', y: '1e-3', z: '+1/4' }), { ok: true, exact: '-1749/1000' }],
  ['evaluate: white space around a string value', ev('x', { x: ' 2 ' }), { ok: true, value: 2, exact: '2' }],
  ['evaluate: JSON number', ev('x*w_1', { x: 1.5, w_1: '1/3' }), { ok: true, value: 0.5, exact: '1/2' }],
  ['evaluate: 400-digit fraction does not become ∞/∞', ev('x', { x: `1${'0'.repeat(399)}/1${'0'.repeat(399)}` }), { ok: true, value: 1, exact: '1' }],
  // issue 10 item 5: an overflow is an error with a code, never "value": "Infinity"
  ['evaluate: overflow is NOT_FINITE', ev('exp(1000)'), err('NOT_FINITE', { field: 'expr' })],
  ['evaluate: negative overflow is NOT_FINITE', ev('-exp(1000)'), err('NOT_FINITE', { field: 'expr' })],
  ['evaluate: LaTeX input', ev('\\frac{1}{1+e^{-z}}', { z: 0 }), { ok: true, value: 0.5 }],
  ['evaluate: declared names in at', ev('loss*lr', { loss: 2, lr: '0.1' }, { names: ['loss', 'lr'] }), { ok: true, value: 0.2, exact: '1/5' }],
  // at keys normalised like the notation
  ['at key x₂ binds x_2', ev('x_2 + 1', { 'x₂': 1 }), { ok: true, value: 2 }],
  ['at key x_2 binds x₂', ev('x₂ + 1', { x_2: 1 }), { ok: true, value: 2 }],
  ['at key x_{2} binds x_2', ev('x_2 + 1', { 'x_{2}': 1 }), { ok: true, value: 2 }],
  ['at key x2 binds x_2', ev('x_2 + 1', { x2: 1 }), { ok: true, value: 2 }],
  ['at key ŷ binds y_hat', ev('y_hat', { 'ŷ': 3 }), { ok: true, value: 3 }],
  ['at key y_hat binds ŷ', ev('ŷ', { y_hat: 3 }), { ok: true, value: 3 }],
  ['at: x₂ and x2 name one symbol twice', ev('x_2', { 'x₂': 1, x2: 2 }), err('BAD_REQUEST', { message: expect.stringContaining('second time') })],
  ['at: x_{2} and x_2 twice', ev('x_2', { 'x_{2}': 1, x_2: 2 }), err('BAD_REQUEST')],
  ['at: ŷ and y_hat twice', ev('ŷ', { 'ŷ': 1, y_hat: 2 }), err('BAD_REQUEST')],
  ['at: a key that is not one name', ev('x', { '2x': 1 }), err('BAD_NAME', { field: 'at.2x', position: pos(1, 1, 0, 2) })],
  ['at: an empty key', ev('x', { '': 1 }), err('EMPTY_INPUT', { field: 'at.' })],
  ['at: a NUL in a key', ev('x', { 'x\u0000': 1 }), err('NUL_BYTE', { field: 'at.x\u0000', position: pos(1, 2, 1, 2) })],
  ['at: __proto__ is just a bad name', '{"op":"evaluate","expr":"x","at":{"__proto__":1}}', err('BAD_NAME', { field: 'at.__proto__' })],
  // definitions
  ['evaluate: definitions in order', ev('a = 2; b = a^2 + 1; b/a'), { ok: true, value: 2.5, exact: '5/2' }],
  ['evaluate: G1 at the README point', ev(G1, { w: 0.5, x: 2, b: -0.5, 'ŷ': 1 }), { ok: true, value: 0.47407698418010663 }],
  ['evaluate: only definitions, value of the last', ev('z = 2x', { x: '1/4' }), { ok: true, value: 0.5, exact: '1/2' }],
  ['evaluate: defined name also in at', ev('z = 2x; z', { x: 1, z: 2 }), err('BAD_VALUE', { field: 'at', message: expect.stringContaining('defined') })],
  ['evaluate: defined ŷ given as y_hat', ev('ŷ = 2x; ŷ', { x: 1, y_hat: 2 }), err('BAD_VALUE', { field: 'at' })],
  ['evaluate: use before definition', ev('b = a + 1; a = 1; b'), err('USE_BEFORE_DEFINITION', { field: 'expr', position: pos(1, 5, 4, 5) })],
  // values outside the domain, unbound names
  ['evaluate: DOMAIN log(-2)', ev('log(-2)'), err('DOMAIN', { field: 'expr', position: pos(1, 1, 0, 7) })],
  ['evaluate: DOMAIN inside a sum', ev('1 + log(-2)'), err('DOMAIN', { field: 'expr', position: pos(1, 5, 4, 11) })],
  ['evaluate: DOMAIN on line 2', ev('a = 1;\nlog(-a)'), err('DOMAIN', { field: 'expr', position: pos(2, 1, 7, 14) })],
  ['evaluate: DOMAIN ln at a string value', ev('ln(x)', { x: '-1/2' }), err('DOMAIN', { field: 'expr', position: pos(1, 1, 0, 5) })],
  ['evaluate: division by zero', ev('2 + 1/x', { x: 0 }), err('DOMAIN', { field: 'expr', position: pos(1, 5, 4, 7) })],
  ['evaluate: UNBOUND_VARIABLE', ev('x + y', { x: 1 }), err('UNBOUND_VARIABLE', { field: 'expr', position: pos(1, 5, 4, 5), message: expect.stringContaining('y') })],
  ['evaluate: UNEVALUATED derivative', ev('d/dx(x^2)', { x: 1 }), err('UNEVALUATED')],
  // bad values
  ['at: "abc" is BAD_VALUE', ev('x', { x: 'abc' }), err('BAD_VALUE')],
  ['at: "" is BAD_VALUE', ev('x', { x: '' }), err('BAD_VALUE')],
  ['at: true is BAD_VALUE', ev('x', { x: true }), err('BAD_VALUE')],
  ['at: null is BAD_VALUE', ev('x', { x: null }), err('BAD_VALUE')],
  ['at: an array value is BAD_VALUE', ev('x', { x: [1] }), err('BAD_VALUE')],
  ['at: "NaN" is BAD_VALUE', ev('x', { x: 'NaN' }), err('BAD_VALUE')],
  ['at: "Infinity" is BAD_VALUE', ev('x', { x: 'Infinity' }), err('BAD_VALUE')],
  ['at: 1e400 parses to Infinity: BAD_VALUE', '{"op":"evaluate","expr":"x","at":{"x":1e400}}', err('BAD_VALUE')],
  ['at: "1/0" is BAD_VALUE, not Infinity', ev('x', { x: '1/0' }), err('BAD_VALUE')],
  ['at: "0/0" is BAD_VALUE, not a NaN DOMAIN', ev('x', { x: '0/0' }), err('BAD_VALUE')],
  ['at: NaN is not JSON', '{"op":"evaluate","expr":"x","at":{"x":NaN}}', err("BAD_REQUEST", { field: "line", position: pos(1, 39, 38, 39) })],

  // ---- latex ----
  ['latex: text input', { op: 'latex', expr: 'BCE(σ(z), ŷ)' }, { ok: true, latex: '\\operatorname{BCE}(\\sigma(z), \\hat{y})' }],
  ['latex: LaTeX input', { op: 'latex', expr: '\\frac{1}{1+e^{-z}}' }, { ok: true, latex: '\\frac{1}{1 + e^{-z}}' }],
  ['latex: README product', { op: 'latex', expr: '(y − ŷ)/(y(1 − y)) · y(1 − y)' }, { ok: true, latex: '\\frac{y - \\hat{y}}{y(1 - y)} \\cdot y(1 - y)' }],
  ['latex: a definition prints its expression', { op: 'latex', expr: 'z = 2x' }, { ok: true, latex: '2x' }],
  ['latex: parse error', { op: 'latex', expr: '(x' }, err('UNBALANCED_PAREN', { field: 'expr', position: pos(1, 1, 0, 1) })],

  // ---- malformed requests ----
  ['invalid JSON', '{bad', { id: null, ...err('BAD_REQUEST', { field: 'line', position: pos(1, 2, 1, 2) }) }],
  ['invalid JSON: unexpected end', '{"op":', err('BAD_REQUEST', { field: 'line', position: pos(1, 7, 6, 6) })],
  ['invalid JSON: trailing text', '{"op":"parse"} x', err('BAD_REQUEST', { field: 'line', position: pos(1, 16, 15, 16) })],
  ['invalid JSON: an empty line sent directly', '', err('BAD_REQUEST', { field: 'line' })],
  ['a JSON array', '[1,2]', err('BAD_REQUEST', { message: expect.stringContaining('JSON object') })],
  ['a JSON number', '3', err('BAD_REQUEST')],
  ['a JSON string', '"parse"', err('BAD_REQUEST')],
  ['JSON null', 'null', err('BAD_REQUEST')],
  ['missing op', { id: 1, expr: 'x' }, { id: 1, ...err('BAD_REQUEST', { message: expect.stringContaining('"op"') }) }],
  ['op not a string', { op: 3, expr: 'x' }, err('BAD_REQUEST')],
  ['unknown op', { op: 'differentiate', expr: 'x' }, err('UNKNOWN_OP', { message: expect.stringContaining(opNames().join(', ')) })],
  ['op __proto__ is unknown', { op: '__proto__', expr: 'x' }, err('UNKNOWN_OP')],
  ['op toString is unknown', { op: 'toString', expr: 'x' }, err('UNKNOWN_OP')],
  ['op names are case-sensitive', { op: 'Parse', expr: 'x' }, err('UNKNOWN_OP')],
  ['missing expr', { op: 'evaluate' }, err('BAD_REQUEST', { message: expect.stringContaining('"expr"') })],
  ['expr null', { op: 'parse', expr: null }, err('BAD_REQUEST')],
  ['expr a number', { op: 'evaluate', expr: 5 }, err('BAD_REQUEST', { message: expect.stringContaining('string') })],
  ['expr an array', { op: 'latex', expr: ['x'] }, err('BAD_REQUEST')],
  ['names a string', { op: 'parse', expr: 'x', names: 'x' }, err('BAD_REQUEST', { message: expect.stringContaining('"names"') })],
  ['names with a number', { op: 'parse', expr: 'x', names: ['x', 1] }, err('BAD_REQUEST')],
  ['notation unknown', { op: 'parse', expr: 'x', notation: 'tex' }, err('BAD_REQUEST', { message: expect.stringContaining('"notation"') })],
  ['notation not a string', { op: 'parse', expr: 'x', notation: 1 }, err('BAD_REQUEST')],
  ['at an array', ev('x', [1] as unknown as Record<string, unknown>), err('BAD_REQUEST', { message: expect.stringContaining('"at"') })],
  ['at a number', { op: 'evaluate', expr: 'x', at: 1 }, err('BAD_REQUEST')],
  ['at a string', { op: 'evaluate', expr: 'x', at: 'x=1' }, err('BAD_REQUEST')],
  ['NUL byte in expr', ev('x\u0000'), err('NUL_BYTE', { field: 'expr', position: pos(1, 2, 1, 2) })],
  ['raw NUL inside a JSON string is invalid JSON', '{"op":"parse","expr":"x\u0000"}', err('BAD_REQUEST', { field: 'line', position: pos(1, 24, 23, 24) })],
  ['lone high surrogate', '{"op":"evaluate","expr":"x\\ud800"}', err('INVALID_UNICODE', { field: 'expr', position: pos(1, 2, 1, 2) })],
  ['lone low surrogate', '{"op":"parse","expr":"1 + \\udc00"}', err('INVALID_UNICODE', { field: 'expr', position: pos(1, 5, 4, 5) })],
  ['10,000 nested parentheses', ev(`${'('.repeat(10_000)}x${')'.repeat(10_000)}`, { x: 1 }), err('NESTING_TOO_DEEP', { field: 'expr' })],
  ['expr over 100,000 characters', ev(`${'x+'.repeat(60_000)}1`), err('INPUT_TOO_LONG', { field: 'expr' })],
  ['a line over 1,000,000 characters', { id: 9, ...ev(`${'x+'.repeat(600_000)}1`) }, { id: 9, ...err('INPUT_TOO_LONG') }],
  // matrices (shapes): derive, verify and graph answer in matrix form; a mismatch is ok:false, named
  ...matrixRows(),
];

function matrixRows(): Row[] {
  const given = 'a = X W1 + b1; S = σ(a); c = S W2 + b2; P = softmax(c); L = CE(P, T)';
  const shapes = { X: '4x2', W1: '2x3', b1: '1x3', W2: '3x3', b2: '1x3', T: '4x3' };
  const problem = { expr: 'P = softmax(X W + b); L = CE(P, T)', wrt: 'W' };
  const vshapes = { X: 'm×2', W: '2x3', b: '1x3', T: 'm×3' };
  return [
    ['matrix derive (the issue example)', { op: 'derive', expr: 'L', wrt: 'W1', given, shapes }, { ok: true, form: 'matrix', shape: '2×3', check: 'verified', unicode: 'Xᵀ (((P − T) W₂ᵀ) ⊙ S ⊙ (1 − S))' }],
    ['matrix derive, every gradient', { op: 'derive', expr: 'L', given, shapes, check: false }, { ok: true, form: 'matrix', check: 'skipped' }],
    ['matrix derive, mis-shaped', { op: 'derive', expr: 'L', wrt: 'W1', given: 'a = W1 X; L = sum(a)', shapes }, err('SHAPE_MATMUL', { field: 'given', position: pos(1, 8, 7, 8) })],
    ['matrix verify, right', { op: 'verify', problem, shapes: vshapes, answer: 'Xᵀ(P − T)' }, { ok: true, verdict: 'correct', method: 'matrix' }],
    ['matrix verify, missing transpose', { op: 'verify', problem, shapes: vshapes, answer: 'X(P − T)' }, { ok: true, verdict: 'incorrect', diagnosis: [{ id: 'MISSING_TRANSPOSE' }] }],
    ['matrix verify, mis-shaped answer', { op: 'verify', problem, shapes: vshapes, answer: 'Xᵀ(P − T) + X' }, err('SHAPE_ADD', { field: 'answer' })],
    ['matrix graph', { op: 'graph', expr: given, shapes }, { ok: true, form: 'matrix', loss: 'L' }],
    ['matrix graph, a bad shape', { op: 'graph', expr: given, shapes: { ...shapes, X: '4x' } }, err('SHAPE_BAD', { field: 'shapes' })],
  ];
}

/** Spans of operations with parenthesised operands cover the brackets (a bug fixed in
 * src/parse/builder.ts: a parenthesised node's outer span now counts for its parent). */
const PAREN_SPANS: Row[] = [
  ['span of 1/(x-1) includes the closing parenthesis', ev('1/(x-1)', { x: 1 }), err('DOMAIN', { field: 'expr', position: pos(1, 1, 0, 7) })],
  ['span of (1)/(x-1) starts at the opening parenthesis', ev('(1)/(x-1)', { x: 1 }), err('DOMAIN', { field: 'expr', position: pos(1, 1, 0, 9) })],
  ['span of (x-1)^(-1/2) covers the whole power', ev('(x-1)^(-1/2)', { x: 1 }), err('DOMAIN', { field: 'expr', position: pos(1, 1, 0, 12) })],
];

describe('handleLine', () => {
  it.each(ROWS)('%s', async (_name, req, expected, absent = []) => {
    const res = await answer(req);
    expect(res).toMatchObject(expected);
    for (const k of absent) expect(res).not.toHaveProperty(k);
  });

  it.each(PAREN_SPANS)('%s', async (_name, req, expected) => {
    expect(await answer(req)).toMatchObject(expected);
  });

  it('G1 at the README point equals −log σ(0.5)', async () => {
    const res = await answer(ev(G1, { w: 0.5, x: 2, b: -0.5, 'ŷ': 1 }));
    expect(res['value']).toBeCloseTo(-Math.log(1 / (1 + Math.exp(-0.5))), 14);
  });

  it('a padded line of exactly MAX_LINE characters is still read', async () => {
    const base = JSON.stringify({ id: 'pad', op: 'latex', expr: 'x' });
    const padded = base + ' '.repeat(MAX_LINE - base.length);
    expect(padded.length).toBe(MAX_LINE);
    expect(await handleLine(padded)).toEqual({ id: 'pad', ok: true, latex: 'x' });
    expect(await handleLine(padded + ' ')).toMatchObject({ id: 'pad', ok: false, error: { code: 'INPUT_TOO_LONG' } });
  });
});

describe('id', () => {
  const IDS: unknown[] = ['s', '', 7, 0, -1.5, true, false, null, { a: [1, { b: null }] }, [1, 'two'], 'ŷ \u0000 \\'];
  it.each(IDS.map((id) => [JSON.stringify(id), id]))('id %s is echoed on success and on failure', async (_s, id) => {
    expect(await answer({ id, op: 'latex', expr: 'x' })).toEqual({ id, ok: true, latex: 'x' });
    expect(await answer({ id, op: 'evaluate', expr: 'log(-2)' })).toMatchObject({ id, ok: false, error: { code: 'DOMAIN' } });
    expect(await answer({ id, op: 'nope' })).toMatchObject({ id, ok: false, error: { code: 'UNKNOWN_OP' } });
  });

  it.each<[string, string]>([
    ['absent', '{"op":"latex","expr":"x"}'],
    ['absent, failing', '{"op":"evaluate"}'],
    ['unparsable line', '{"id": 5, "op": "latex", "expr": "x"'],
    ['line is an array', '[{"id": 5}]'],
    ['too-long line whose start shows no id', `{"op":"latex","expr":"${'x'.repeat(MAX_LINE)}","id":5}`],
  ])('id is null when %s', async (_name, l) => {
    const res = await handleLine(l);
    checkInvariants(l, res);
    expect(res['id']).toBeNull();
  });

  it('a too-long line is answered with the id its start shows (issue 10: INPUT_TOO_LONG with its id)', async () => {
    const l = `{"id":5,"op":"latex","expr":"${'x'.repeat(MAX_LINE)}"}`;
    const res = await handleLine(l);
    checkInvariants(l, res);
    expect(res).toMatchObject({ id: 5, ok: false, error: { code: 'INPUT_TOO_LONG' } });
  });

  it('an id too deep to serialise fails its line only, with id null', async () => {
    const depth = 200_000;
    const deep = `{"id":${'['.repeat(depth)}${']'.repeat(depth)},"op":"latex","expr":"x"}`;
    const out = await collect(`${deep}\n{"id":2,"op":"latex","expr":"x"}\n`);
    expect(out).toEqual([{ id: null, ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('id') } }, { id: 2, ok: true, latex: 'x' }]);
  });
});

/** Run a batch over `input` (a string, or chunks) and parse the output lines. */
async function collect(input: string | Array<string | Buffer>, sink: { highWaterMark?: number; slow?: boolean } = {}): Promise<Array<Record<string, unknown>>> {
  let out = '';
  const output = new Writable({
    highWaterMark: sink.highWaterMark ?? 16_384,
    write(chunk: Buffer, _enc, cb) {
      out += chunk.toString();
      if (sink.slow) setImmediate(cb);
      else cb();
    },
  });
  const chunks = typeof input === 'string' ? [input] : input;
  await runBatch(Readable.from(chunks), output);
  const lines = out.split('\n');
  expect(lines.pop(), 'output ends with a newline').toBe('');
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('runBatch', () => {
  it('answers 1,000 mixed lines in order, skipping blank ones', async () => {
    const kinds = [
      (i: number) => [{ id: i, op: 'evaluate', expr: 'x + 1', at: { x: i } }, { id: i, ok: true, value: i + 1 }],
      (i: number) => [`{"id": ${i}, "op": `, { id: null, ok: false, error: { code: 'BAD_REQUEST', field: 'line' } }],
      (i: number) => [{ id: `u${i}`, op: 'nope' }, { id: `u${i}`, ok: false, error: { code: 'UNKNOWN_OP' } }],
      (i: number) => [{ id: [i], op: 'evaluate', expr: 'log(x)', at: { x: -i - 1 } }, { id: [i], ok: false, error: { code: 'DOMAIN', field: 'expr' } }],
      (i: number) => [{ id: { n: i }, op: 'parse', expr: `x_${i}` }, { id: { n: i }, ok: true, text: `x_${i}` }],
      (i: number) => [{ op: 'latex', expr: `${i}/7` }, { id: null, ok: true }],
      (i: number) => [[i], { id: null, ok: false, error: { code: 'BAD_REQUEST' } }],
    ] as const;
    const expected: unknown[] = [];
    let input = '';
    for (let i = 0; i < 1000; i++) {
      const [req, res] = kinds[(i * 7919) % kinds.length]!(i);
      input += line(req as Req) + (i % 3 === 0 ? '\r\n' : '\n') + (i % 10 === 0 ? '\n   \n' : '');
      expected.push(res);
    }
    const out = await collect(input);
    expect(out).toHaveLength(1000);
    out.forEach((res, i) => expect(res, `line ${i}`).toMatchObject(expected[i] as object));
  });

  it('counts ok and failed lines', async () => {
    const input = '{"op":"latex","expr":"x"}\n{bad\n\n{"op":"nope"}\n{"op":"parse","expr":"y"}';
    const result = await runBatch(Readable.from([input]), new Writable({ write: (_c, _e, cb) => cb() }));
    expect(result).toEqual({ ok: 2, failed: 2 });
  });

  it('reassembles lines and UTF-8 characters split across chunks', async () => {
    const text = ['{"id":"σ","op":"parse","expr":"σ(ŷ) + x₁"}', '{"id":"β","op":"evaluate","expr":"x₂","at":{"x2":"1/3"}}'].join('\n') + '\n';
    const bytes = Buffer.from(text, 'utf8');
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 3) chunks.push(bytes.subarray(i, i + 3)); // splits 2-byte σ, ŷ, ₁
    expect(await collect(chunks)).toEqual([
      expect.objectContaining({ id: 'σ', ok: true, unicode: 'σ(ŷ) + x₁' }),
      { id: 'β', ok: true, value: 1 / 3, exact: '1/3' },
    ]);
  });

  it('keeps order under back-pressure from a slow output', async () => {
    const input = Array.from({ length: 200 }, (_, i) => JSON.stringify({ id: i, op: 'latex', expr: `x^${i}` })).join('\n');
    const out = await collect(input, { highWaterMark: 1, slow: true });
    expect(out.map((r) => r['id'])).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('a last line without a newline is answered', async () => {
    expect(await collect('{"id":1,"op":"latex","expr":"x"}')).toEqual([{ id: 1, ok: true, latex: 'x' }]);
  });

  it('empty input answers nothing', async () => {
    expect(await collect('\n\n  \n')).toEqual([]);
  });
});

describe('internal faults', () => {
  /** Register `op` under a temporary name for the duration of `f`. */
  async function withOp<T>(name: string, op: (typeof OPS)[string], f: () => Promise<T>): Promise<T> {
    OPS[name] = op;
    try {
      return await f();
    } finally {
      delete OPS[name];
    }
  }

  it.each<[string, () => never, string]>([
    ['a TypeError', () => { throw new TypeError('cannot read properties of undefined (kaboom)'); }, 'kaboom'],
    ['a thrown string', () => { throw 'a string, kaboom'; }, 'kaboom'],
    ['an Error with a stack in its message', () => { throw new Error('kaboom'); }, 'kaboom'],
  ])('%s inside an op becomes INTERNAL and the batch goes on', async (_name, thrower, needle) => {
    const input = '{"id":1,"op":"latex","expr":"x"}\n{"id":2,"op":"__boom","expr":"x"}\n{"id":3,"op":"latex","expr":"y"}\n';
    const out = await withOp('__boom', async () => thrower(), () => collect(input));
    expect(out).toEqual([
      { id: 1, ok: true, latex: 'x' },
      { id: 2, ok: false, error: { code: 'INTERNAL', message: expect.stringContaining(needle) } },
      { id: 3, ok: true, latex: 'y' },
    ]);
    for (const r of out) checkInvariants('{}', r);
    expect(OPS).not.toHaveProperty('__boom');
  });

  it('a stack overflow inside an op is NESTING_TOO_DEEP, not a crash', async () => {
    const recurse = (n: number): number => recurse(n + 1) + 1;
    const res = await withOp('__deep', async () => ({ v: recurse(0) }), () => handleLine('{"id":"d","op":"__deep"}'));
    expect(res).toEqual({ id: 'd', ok: false, error: { code: 'NESTING_TOO_DEEP', message: expect.any(String) } });
  });

  it('a response that cannot be serialised becomes an INTERNAL line and the batch goes on', async () => {
    const input = '{"id":1,"op":"__bigint"}\n{"id":2,"op":"latex","expr":"x"}\n';
    const out = await withOp('__bigint', async () => ({ value: 1n }), () => collect(input));
    expect(out).toEqual([
      { id: null, ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('serialise') } },
      { id: 2, ok: true, latex: 'x' },
    ]);
  });

  it('the UNKNOWN_OP message lists exactly the registered ops', async () => {
    const res = await withOp('__extra', async () => ({}), () => handleLine('{"op":"nope"}'));
    expect((res['error'] as { message: string }).message).toContain('__extra');
    const after = await handleLine('{"op":"nope"}');
    expect((after['error'] as { message: string }).message).not.toContain('__extra');
  });
});
