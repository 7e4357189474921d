// The op schemas (src/api/schema) are the contract: every op refuses an unknown or misspelt field
// and a field of the wrong type with BAD_REQUEST naming the field, and a missing required field
// likewise; real responses (G1 and a spread of requests per op) match the response schemas; the
// request-field tables of docs/api.md are the generated ones; src/api has no import cycle.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { handleRequest, runOp } from '../../src/api/run.js';
import { check } from '../../src/api/schema/check.js';
import { BEGIN, END, requestFieldTables } from '../../src/api/schema/doc.js';
import { requestsModule } from '../../src/api/schema/gen.js';
import { OP_NAMES, OP_SCHEMAS, type OpName } from '../../src/api/schema/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const G1 = 'z = wx + b; y = σ(z); L = BCE(y, ŷ)';
const G3 = 'L = Σ_i (y_i - (a x_i + b))^2';

/** A valid request per op, and a misspelling of one of its fields. */
const BASE: { readonly [K in OpName]: [Record<string, unknown>, string, string] } = {
  parse: [{ expr: 'x^2' }, 'exrp', 'expr'],
  evaluate: [{ expr: 'x^2', at: { x: 3 } }, 'at_', 'at'],
  latex: [{ expr: 'x^2' }, 'layerindex', 'layerIndex'],
  derive: [{ expr: 'x^2', wrt: 'x' }, 'wtr', 'wrt'],
  simplify: [{ expr: 'x/x' }, 'chek', 'check'],
  verify: [{ problem: { expr: 'x^2', wrt: 'x' }, answer: '2x' }, 'anwser', 'answer'],
  graph: [{ expr: 'x*y', at: 'x=1, y=2' }, 'granularty', 'granularity'],
  descend: [{ expr: G3, data: 'x=-2,0,1; y=-1,1,2', start: 'a=2, b=1', rate: 0.1 }, 'rates', 'rate'],
};

async function fails(op: OpName, req: Record<string, unknown>) {
  const r = await handleRequest({ id: 7, op, ...req });
  expect(r['ok'], JSON.stringify(r)).toBe(false);
  return r['error'] as { code: string; message: string; field?: string };
}

describe('requests are validated against the op schema', () => {
  it.each(OP_NAMES)('%s: the base request is valid', async (op) => {
    await expect(runOp(op, BASE[op][0])).resolves.toBeTypeOf('object');
  });
  it.each(OP_NAMES)('%s: an unknown field is BAD_REQUEST naming it', async (op) => {
    const e = await fails(op, { ...BASE[op][0], bogus: 1 });
    expect(e).toMatchObject({ code: 'BAD_REQUEST', field: 'bogus', message: expect.stringContaining('"bogus"') });
  });
  it.each(OP_NAMES)('%s: a misspelt field is BAD_REQUEST with the nearest name', async (op) => {
    const [base, wrong, right] = BASE[op];
    const { [right]: value, ...rest } = base;
    const e = await fails(op, { ...rest, [wrong]: value ?? true });
    expect(e).toMatchObject({ code: 'BAD_REQUEST', field: wrong, message: expect.stringContaining(`did you mean "${right}"`) });
  });

  const wrongTypes: Array<[OpName, string, unknown]> = [];
  for (const op of OP_NAMES) {
    const props = OP_SCHEMAS[op].request.properties as Record<string, Parameters<typeof Value.Check>[0]>;
    for (const [field, schema] of Object.entries(props)) {
      const bad = [true, 12345, [[1]]].find((v) => !Value.Check(schema, v));
      wrongTypes.push([op, field, bad]);
    }
  }
  it.each(wrongTypes)('%s: a wrong type for "%s" (%j) is BAD_REQUEST naming it', async (op, field, bad) => {
    const e = await fails(op, { ...BASE[op][0], [field]: bad });
    expect(e).toMatchObject({ code: 'BAD_REQUEST', field, message: expect.stringContaining(`"${field}"`) });
  });

  const required = OP_NAMES.flatMap((op) => (OP_SCHEMAS[op].request.required ?? []).map((f) => [op, f] as [OpName, string]));
  it.each(required)('%s: a missing "%s" is BAD_REQUEST naming it', async (op, field) => {
    const { [field]: _gone, ...rest } = BASE[op][0];
    expect(await fails(op, rest)).toMatchObject({ code: 'BAD_REQUEST', field, message: `The field "${field}" is missing.` });
  });

  it('a nested field of verify.problem is named with its path', async () => {
    expect(await fails('verify', { problem: { expr: 'x^2', wtr: 'x' }, answer: '2x' })).toMatchObject({ code: 'BAD_REQUEST', field: 'problem.wtr' });
    expect(await fails('verify', { problem: { expr: 'x^2' }, answer: '2x' })).toMatchObject({ code: 'BAD_REQUEST', field: 'problem.wrt' });
  });

  it('null still means absent, as before the schemas', async () => {
    await expect(runOp('derive', { expr: 'x^2', wrt: 'x', given: null, order: null })).resolves.toMatchObject({ result: '2*x' });
  });
});

describe('runOp and handleRequest', () => {
  it('runOp rejects an unknown op and a non-object request with a ChainruleError', async () => {
    await expect(runOp('differentiate' as OpName, { expr: 'x' })).rejects.toMatchObject({ code: 'UNKNOWN_OP' });
    await expect(runOp('parse', 'x^2')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
  it.each([null, 3, 'x', [1], { op: 1 }, { id: 5, op: 'nope' }])('handleRequest(%j) answers ok:false, never throws', async (req) => {
    const r = await handleRequest(req);
    expect(r).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(BAD_REQUEST|UNKNOWN_OP)$/) } });
  });
  it('handleRequest answers what runOp returns, inside the envelope', async () => {
    const req = { expr: 'BCE(σ(wx+b), ŷ)', wrt: 'w' };
    expect(await handleRequest({ id: 'a', op: 'derive', ...req })).toEqual({ id: 'a', ok: true, ...(await runOp('derive', req)) });
  });
});

describe('responses match the response schemas', () => {
  const cases: Array<[OpName, Record<string, unknown>]> = [
    ['derive', { expr: G1 }],
    ['derive', { expr: G1, wrt: ['w', 'b'] }],
    ['derive', { expr: 'BCE(σ(wx+b), ŷ)', wrt: 'w' }],
    ['derive', { expr: 'BCE(σ(wx+b), ŷ)', wrt: ['w', 'b'], check: false }],
    ['derive', { expr: 'σ(x)', wrt: 'x', order: 2 }],
    ['derive', { expr: 'L = BCE(y, ŷ)', given: 'z = wx+b; y = σ(z)', wrt: 'w' }],
    ['simplify', { expr: '((1−y)/(1−s) − y/s)·s(1−s)' }],
    ['verify', { problem: { expr: 'BCE(σ(wx+b), ŷ)', wrt: 'w' }, answer: '(σ(wx+b) − ŷ)x' }],
    ['verify', { problem: { expr: 'x^3', wrt: 'x' }, answer: '3x' }],
    ['verify', { expected: '2x', answer: '2x +' }],
    ['verify', { expected: '2x', lines: ['2x', 'x + x', 'x*2'] }],
    ['verify', { expected: 'y(1-y)', answer: 'y - y^2', ranges: { y: [0, 1] }, requireSimplified: true }],
    ['graph', { expr: 'z = w0 + w1*x1 + w2*x2; p = σ(z); L = BCE(p, y)', at: 'w0=-3, w1=2, w2=-3, x1=-1, x2=-2, y=1', granularity: 'fused' }],
    ['graph', { expr: G3, data: 'x=-2,0,1; y=-1,1,2', at: { a: 2, b: 1 }, format: 'svg' }],
    ['graph', { expr: '(x + y)*z', at: 'x=-2, y=5, z=-4', format: 'tikz', frames: true }],
    ['descend', { expr: G3, data: 'x=-2,0,1; y=-1,1,2', start: 'a=2, b=1', rate: 0.1, steps: 3 }],
    ['descend', { expr: '(a - 3)^2', start: { a: 0 }, rate: '1/10', steps: '2' }],
    ['parse', { expr: G1 }],
    ['evaluate', { expr: 'exp(x)', at: { x: 2 } }],
    ['evaluate', { expr: 'erf(x) - 1', at: { x: 7 } }],
    ['latex', { expr: 'W_1 x', layerIndex: true }],
  ];
  it.each(cases)('%s %j', async (op, req) => {
    const res = JSON.parse(JSON.stringify(await runOp(op, req))) as unknown;
    expect([...Value.Errors(OP_SCHEMAS[op].response, res)].slice(0, 3)).toEqual([]);
  });
  it('the G1 derive response is the chain through the names, verified', async () => {
    const r = await runOp('derive', { expr: G1, wrt: 'w' });
    expect(r).toMatchObject({ target: 'L', check: { status: 'verified' }, chain: { gradients: { w: { substituted: { text: '(sigmoid(w*x + b) - y_hat)*x' } } } } });
  });
});

describe('the plain JSON copy of the request schemas (validation without loading typebox)', () => {
  it('src/api/schema/requests.generated.ts is current', () => {
    const path = join(ROOT, 'src', 'api', 'schema', 'requests.generated.ts');
    if (process.env['UPDATE_DOCS']) writeFileSync(path, requestsModule());
    expect(readFileSync(path, 'utf8')).toBe(requestsModule());
  });
  const values: unknown[] = [null, true, false, 0, -1, 1.5, 2, 12345, '', 'x', ' 7 ', 'auto', 'latex', 'json', 'svg', 'fused', 'identical', [], ['x'], [1], [[1]], [0, 1], [{ x: 1 }], {}, { x: 1 }, { x: '1/3' }, { x: true }, { x: [1, 2] }, { expr: 'x', wrt: 'x' }, { expr: 'x' }, { expr: 'x', wrt: 'x', more: 1 }];
  it.each(OP_NAMES)('%s: check() agrees with TypeBox Value.Check on every field', (op) => {
    const props = OP_SCHEMAS[op].request.properties as Record<string, Parameters<typeof Value.Check>[0]>;
    for (const [field, schema] of Object.entries(props)) {
      for (const v of values) expect(check(JSON.parse(JSON.stringify(schema)), v), `${op}.${field} ${JSON.stringify(v)}`).toBe(Value.Check(schema, v));
    }
    for (const req of [BASE[op][0], { ...BASE[op][0], bogus: 1 }, {}]) expect(check(JSON.parse(JSON.stringify(OP_SCHEMAS[op].request)), req)).toBe(Value.Check(OP_SCHEMAS[op].request, req));
  });
});

describe('docs/api.md', () => {
  it('holds the generated request-field tables', () => {
    const path = join(ROOT, 'docs', 'api.md');
    const doc = readFileSync(path, 'utf8');
    const block = `${BEGIN}\n\n${requestFieldTables()}\n${END}`;
    if (process.env['UPDATE_DOCS']) writeFileSync(path, doc.replace(new RegExp(`${escapeRe(BEGIN)}[\\s\\S]*?${escapeRe(END)}`), block));
    expect(readFileSync(path, 'utf8')).toContain(block);
  });
});

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('src/api', () => {
  it('has no import cycle (static or lazy imports)', () => {
    const files = new Map<string, string[]>();
    const walk = (d: string): void => {
      for (const ent of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, ent.name);
        if (ent.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) {
          const src = readFileSync(p, 'utf8');
          const deps = [...src.matchAll(/(?:from|import\()\s*'(\.[^']+)\.js'/g)].map((m) => resolve(dirname(p), `${m[1]}.ts`));
          files.set(p, deps.filter((x) => x.startsWith(join(ROOT, 'src', 'api'))));
        }
      }
    };
    walk(join(ROOT, 'src', 'api'));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...path.slice(path.indexOf(f)), f].map((x) => x.slice(ROOT.length + 1)).join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const d of files.get(f) ?? []) visit(d, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of files.keys()) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
