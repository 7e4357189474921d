// The HTTP API over real HTTP (a server on a free loopback port): every endpoint answers exactly
// what the batch protocol answers for the same request (the G1 golden case and friends); user
// errors are 400 with positions; the schemas reject unknown fields and wrong types; oversized,
// deeply nested and over-budget requests get clean errors while the server keeps answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleLine } from '../../src/api/batch.js';
import { OP_NAMES } from '../../src/api/schema/index.js';
import { NO_STACK, get, payload, post, startServer, type Live } from './helpers.js';

const G1 = 'z = wx + b; y = σ(z); L = BCE(y, ŷ)';
const G1_AT = { w: 2, x: 1.5, b: '-1/2', 'ŷ': 1 };
/** [op, request] rows: one per endpoint at least, all from the golden cases */
const GOLDEN: Array<[string, Record<string, unknown>]> = [
  ['parse', { expr: G1 }],
  ['parse', { expr: 'BCE(σ(wx+b), ŷ)' }],
  ['evaluate', { expr: G1, at: G1_AT }],
  ['evaluate', { expr: '0.1 + 0.2' }],
  ['latex', { expr: 'BCE(σ(wx+b), ŷ)' }],
  ['derive', { expr: G1, wrt: ['w', 'b'] }],
  ['derive', { expr: 'BCE(σ(w x + b), ŷ)', wrt: 'w' }],
  ['simplify', { expr: '-(ŷ/y - (1 - ŷ)/(1 - y))' }],
  ['verify', { problem: { expr: 'BCE(σ(wx+b), ŷ)', wrt: 'w' }, answer: '(σ(wx+b) − ŷ)x' }],
  ['verify', { problem: { expr: 'BCE(σ(wx+b), ŷ)', wrt: 'w' }, answer: 'σ(wx+b) − ŷ' }],
  ['graph', { expr: 'z = w0 + w1*x1 + w2*x2; p = σ(z); L = BCE(p, y)', at: 'w0=-3, w1=2, w2=-3, x1=-1, x2=-2, y=1' }],
  ['graph', { expr: G1, at: G1_AT, granularity: 'fused', format: 'svg' }],
  ['descend', { expr: 'L = Σ_i (y_i - (a x_i + b))^2', data: 'x=-2,0,1; y=-1,1,2', start: 'a=2, b=1', rate: 0.1, steps: 1 }],
];

let s: Live;
beforeAll(async () => {
  // two workers: one can be busy (or replaced after a timeout) while the other answers
  s = await startServer({ CHAINRULE_WORKERS: '2' });
}, 180_000);
afterAll(async () => {
  await s?.close();
}, 60_000);

describe('golden responses equal the batch protocol', { timeout: 120_000 }, () => {
  it('covers every op of the schema table', () => {
    expect(new Set(GOLDEN.map(([op]) => op))).toEqual(new Set(OP_NAMES));
  });
  it.each(GOLDEN)('POST /v1/%s %j', async (op, req) => {
    const http = await post(`${s.url}/v1/${op}`, req);
    const batch = await handleLine(JSON.stringify({ id: 7, op, ...req }));
    expect(batch['ok']).toBe(true);
    expect(http.status).toBe(200);
    expect(http.headers.get('content-type')).toMatch(/^application\/json/);
    expect(http.body).toEqual(payload(batch));
  });
  it('G1 through definitions ends at the textbook gradient', async () => {
    const r = await post(`${s.url}/v1/derive`, { expr: G1, wrt: 'w' });
    expect(r.body.result).toBe('(y - y_hat)*x');
    expect(r.body.chain.gradients.w.substituted.text).toBe('(sigmoid(w*x + b) - y_hat)*x');
    expect(r.body.check.status).toBe('verified');
    expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('user errors: 400 with code, message and position', { timeout: 60_000 }, () => {
  const rows: Array<[string, string, unknown, Record<string, unknown>]> = [
    ['unknown function', 'derive', { expr: 'sigmod(x)', wrt: 'x' }, { code: 'UNKNOWN_FUNCTION', field: 'expr', position: { line: 1, column: 1, offset: 0, end: 6 } }],
    ['unbalanced parenthesis', 'parse', { expr: 'σ(wx + b' }, { code: 'UNBALANCED_PAREN', field: 'expr' }],
    ['domain', 'evaluate', { expr: 'log(x)', at: { x: -2 } }, { code: 'DOMAIN', field: 'expr', position: { line: 1, column: 1, offset: 0, end: 6 } }],
    ['unknown field', 'derive', { expr: 'x^2', wrt: 'x', foo: 1 }, { code: 'BAD_REQUEST', field: 'foo' }],
    ['unknown nested field', 'verify', { problem: { expr: 'x^2', wrt: 'x', extra: true }, answer: '2x' }, { code: 'BAD_REQUEST', field: 'problem.extra' }],
    ['wrong type: expr a number', 'derive', { expr: 3 }, { code: 'BAD_REQUEST', field: 'expr' }],
    ['wrong type: at an array', 'evaluate', { expr: 'x', at: [1] }, { code: 'BAD_REQUEST', field: 'at' }],
    ['wrong type: check a string', 'simplify', { expr: 'x', check: 'no' }, { code: 'BAD_REQUEST', field: 'check' }],
    ['no coercion: "3" is not an integer', 'derive', { expr: 'x^3', wrt: 'x', order: '2' }, { code: 'BAD_REQUEST', field: 'order' }],
    ['missing expr', 'derive', { wrt: 'x' }, { code: 'BAD_REQUEST', field: 'expr' }],
    ['body not an object', 'derive', [1, 2], { code: 'BAD_REQUEST' }],
    ['invalid JSON', 'derive', '{"expr": "x^2",', { code: 'BAD_REQUEST', field: 'body', position: { line: 1, column: 16, offset: 15, end: 15 } }],
    ['notation outside the enum', 'parse', { expr: 'x', notation: 'tex' }, { code: 'BAD_REQUEST', field: 'notation', message: 'The field "notation" must be "auto", "text" or "latex".' }],
    ['a language not in the catalogs', 'derive', { expr: 'x^2', wrt: 'x', lang: 'fr' }, { code: 'BAD_REQUEST', field: 'lang', message: 'The field "lang" must be "en" or "ko".' }],
  ];
  it.each(rows)('%s', async (_name, op, req, expected) => {
    const r = await post(`${s.url}/v1/${op}`, req);
    expect(r.status).toBe(400);
    expect(Object.keys(r.body)).toEqual(['error']);
    expect(r.body.error).toMatchObject(expected);
    expect(typeof r.body.error.message).toBe('string');
    expect(r.text).not.toMatch(NO_STACK);
  });
  it('a parse error carries the same error object as the batch', async () => {
    const req = { expr: 'σ(wx + b', wrt: 'w' };
    const r = await post(`${s.url}/v1/derive`, req);
    const batch = await handleLine(JSON.stringify({ op: 'derive', ...req }));
    expect(r.body.error).toEqual(batch['error']);
  });
  it('an unknown route is 404 NOT_FOUND in the same shape', async () => {
    const r = await post(`${s.url}/v1/integrate`, { expr: 'x' });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
  });
  it('a body that is not JSON is 415', async () => {
    const res = await fetch(`${s.url}/v1/derive`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<expr/>' });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('limits and isolation', { timeout: 120_000 }, () => {
  it('an oversized body is 413 and the server answers the next request', async () => {
    const r = await post(`${s.url}/v1/parse`, { expr: 'x + '.repeat(300_000) + 'x' });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await post(`${s.url}/v1/evaluate`, { expr: 'x^2', at: { x: 3 } })).body).toEqual({ value: 9, exact: '9' });
  });
  it('a 10,000-deep expression is a clean NESTING_TOO_DEEP', async () => {
    for (const op of ['parse', 'derive', 'evaluate']) {
      const r = await post(`${s.url}/v1/${op}`, { expr: '('.repeat(10_000) + 'x' + ')'.repeat(10_000), ...(op === 'evaluate' ? { at: { x: 1 } } : {}) });
      expect(r.status, op).toBe(400);
      expect(r.body.error.code, op).toBe('NESTING_TOO_DEEP');
    }
    const fn = await post(`${s.url}/v1/derive`, { expr: 'sin('.repeat(10_000) + 'x' + ')'.repeat(10_000), wrt: 'x' });
    expect(fn.status).toBe(400);
  });
  it('a 10,000-deep JSON body is a clean 400', async () => {
    const r = await post(`${s.url}/v1/evaluate`, `{"expr": "x", "at": {"x": ${'['.repeat(10_000)}1${']'.repeat(10_000)}}}`);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('BAD_REQUEST');
  });
  it('a request over its time budget gets TIMEOUT (422) while the others are answered', async () => {
    const before = s.pool.timeouts;
    // cosh(x^2) against cosh(|x|^2): the decimal tier's series on a huge argument runs for minutes with
    // no checkpoint inside (as in test/api/stream.test.ts), so the outcome does not depend on how fast
    // the engine or the machine is; its budget here is 50 ms
    const slow = post(`${s.url}/v1/verify`, { expected: 'cosh(x^2)', answer: 'cosh(abs(x)^2)' }, { 'x-chainrule-timeout-ms': '50' });
    const others = Promise.all([1, 2, 3, 4].map((k) => post(`${s.url}/v1/evaluate`, { expr: 'x^2', at: { x: k } })));
    const r = await slow;
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('TIMEOUT');
    expect(r.body.error.message).toMatch(/50 ms/);
    expect((await others).map((o) => o.body.value)).toEqual([1, 4, 9, 16]);
    expect(s.pool.timeouts).toBe(before + 1);
    // the replaced worker serves again: every worker answers after the timeout
    const after = await Promise.all([1, 2, 3, 4].map(() => post(`${s.url}/v1/derive`, { expr: 'x^2', wrt: 'x' })));
    expect(after.every((a) => a.status === 200 && a.body.result === '2*x')).toBe(true);
  });
  it('the budget header only lowers the server budget and must be digits', async () => {
    const r = await post(`${s.url}/v1/latex`, { expr: 'x' }, { 'x-chainrule-timeout-ms': 'soon' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('BAD_REQUEST');
  });
});

describe('batch', { timeout: 120_000 }, () => {
  it('a JSON array is answered in order, one failure failing only its entry', async () => {
    const reqs = [
      { id: 'a', op: 'derive', expr: 'x^2', wrt: 'x' },
      { id: 'b', op: 'evaluate', expr: 'sigmod(x)', at: { x: 1 } },
      { id: 'c', op: 'nope' },
      { id: { deep: [1] }, op: 'evaluate', expr: 'x + 1', at: { x: '1/3' } },
    ];
    const r = await post(`${s.url}/v1/batch`, reqs);
    expect(r.status).toBe(200);
    const expected = await Promise.all(reqs.map((q) => handleLine(JSON.stringify(q))));
    expect(r.body).toEqual(expected);
    expect(r.body.map((x: { ok: boolean }) => x.ok)).toEqual([true, false, false, true]);
  });
  it('JSON Lines in, JSON Lines out, a bad line answered in its place', async () => {
    const lines = ['{"id": 1, "op": "evaluate", "expr": "σ(wx+b)", "at": {"w": 2, "x": 1.5, "b": "-1/2"}}', '', '{"id": 2, "op": "parse", "expr": "BCE(σ(z), ŷ)"}', '{bad json', '{"id": 3, "op": "evaluate", "expr": "log(x)", "at": {"x": -2}}'];
    const res = await fetch(`${s.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: lines.join('\n') });
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const out = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(4);
    expect(out[0]).toEqual(await handleLine(lines[0]!));
    expect(out[1]).toEqual(await handleLine(lines[2]!));
    expect(out[2]).toMatchObject({ id: null, ok: false, error: { code: 'BAD_REQUEST', field: 'line', position: { line: 1, column: 2, offset: 1 } } });
    expect(out[3]).toEqual(await handleLine(lines[4]!));
  });
  // the audit (docs/audit.md): the HTTP door read neither a BOM nor a big-integer id as the batch does
  it('a UTF-8 BOM is accepted and numeric ids are echoed digit for digit, as the batch protocol does', async () => {
    const big = '{"id":12345678901234567890123,"op":"latex","expr":"x"}';
    const huge = '{"id":1.0e400,"op":"latex","expr":"y"}';
    const lines = await fetch(`${s.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: `\uFEFF${big}\n${huge}\n` });
    expect(await lines.text()).toBe('{"id":12345678901234567890123,"ok":true,"latex":"x"}\n{"id":1.0e400,"ok":true,"latex":"y"}\n');
    const array = await fetch(`${s.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `\uFEFF[${big}, ${huge}]` });
    expect(array.status).toBe(200);
    expect(await array.text()).toBe('[{"id":12345678901234567890123,"ok":true,"latex":"x"},{"id":1.0e400,"ok":true,"latex":"y"}]');
    const one = await fetch(`${s.url}/v1/latex`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '\uFEFF{"expr":"x"}' });
    expect(await one.json()).toEqual({ latex: 'x' });
  });
  it('a batch entry over its budget times out alone', async () => {
    // 1 s: far below the tens of seconds the first takes (a product of 300 sin(x+k) derived: its own
    // budget, 10 s by default, would stop it later), far above the latex's millisecond
    const slow = Array.from({ length: 300 }, (_, k) => `sin(x+${k})`).join('*');
    const r = await post(`${s.url}/v1/batch`, [{ id: 1, op: 'derive', expr: slow, wrt: 'x', check: false }, { id: 2, op: 'latex', expr: 'x_1' }], { 'x-chainrule-timeout-ms': '1000' });
    expect(r.body[0]).toMatchObject({ id: 1, ok: false, error: { code: 'TIMEOUT' } });
    expect(r.body[1]).toEqual({ id: 2, ok: true, latex: 'x_{1}' });
  });
  it('refuses a batch over the item limit', async () => {
    const r = await post(`${s.url}/v1/batch`, Array.from({ length: 5001 }, () => ({ op: 'latex', expr: 'x' })));
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/at most 5000/);
  });
});

describe('probes and docs', { timeout: 60_000 }, () => {
  it('healthz and readyz', async () => {
    expect((await get(`${s.url}/healthz`)).body).toEqual({ status: 'ok' });
    const ready = await get(`${s.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', workers: 2 });
  });
  it('the docs page is the Swagger UI plugin', async () => {
    const r = await fetch(`${s.url}/docs/`, { redirect: 'follow' });
    expect(r.status).toBe(200);
    expect(await r.text()).toMatch(/swagger-ui/i);
  });
  it('the playground is served at /', async () => {
    const r = await get(`${s.url}/`);
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/chainrule playground/);
    const js = await fetch(`${s.url}/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
  });
});
