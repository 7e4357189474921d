// Linear cost through definitions and named parts (issue 15 §2–3, issue 10 §1): the response of
// the definitions chain grows linearly with the depth (named upstream factors), σ nested 200 deep
// derives with every check verified and its result kept in the names (RESULT_IN_NAMES, en + ko),
// and the one-expression n-layer network stays factored to n = 64. Sizes and statuses only: speed
// bars live in `npm run bench` (bench/ops.ts), never here.
import { describe, expect, it } from 'vitest';
import { handleRequest } from '../../src/api/run.js';
import { networkDefinitions } from '../../bench/programs.js';

const network = networkDefinitions;
/** `BCE(σ(w_n σ(… σ(w_1 x + b_1) …) + b_n), y)` */
function oneExpression(n: number): string {
  let a = 'x';
  for (let i = 1; i <= n; i++) a = `σ(w${i} ${a} + b${i})`;
  return `BCE(${a}, y)`;
}
const nest = (n: number): string => 'σ('.repeat(n) + 'x' + ')'.repeat(n);

type Res = Record<string, unknown> & { check?: { status: string }; readings?: { code: string; message: string; messageEn?: string }[] };
const derive = async (req: Record<string, unknown>): Promise<Res> => {
  const r = (await handleRequest({ op: 'derive', budgetMs: 600_000, ...req })) as Res;
  expect(r['ok'], JSON.stringify(r['error'])).toBe(true);
  return r;
};

describe('the definitions chain: the response grows linearly', () => {
  it('bytes(128)/bytes(64) < 2.3 and bytes(64)/bytes(32) < 2.3, every check verified', async () => {
    const bytes: number[] = [];
    for (const n of [32, 64, 128]) {
      const r = await derive({ expr: network(n), wrt: 'w1' });
      expect(r.check?.status).toBe('verified');
      bytes.push(JSON.stringify(r).length);
    }
    expect(bytes[1]! / bytes[0]!).toBeLessThan(2.3);
    expect(bytes[2]! / bytes[1]!).toBeLessThan(2.3);
  });
  it('a deep chain names its large upstream gradients and lists them in `factors`', async () => {
    const r = await derive({ expr: network(8), wrt: 'w1' });
    const factors = r['factors'] as { name: string; unicode: string }[];
    expect(factors.length).toBeGreaterThan(0);
    for (const f of factors) expect(f.name).toMatch(/^∂L\/∂/);
    const adjoints = (r['chain'] as { adjoints: { unicode: string }[] }).adjoints;
    expect(adjoints.some((a) => a.unicode.startsWith('∂L/∂'))).toBe(true);
    // small enough in the inputs: the substituted gradient is still given, and holds no factor
    const g = (r['chain'] as { gradients: Record<string, { substituted?: { text: string } }> }).gradients['w_1']!;
    expect(g.substituted?.text).toBeDefined();
    expect(g.substituted!.text).not.toContain('∂');
  });
});

describe('σ nested 200 deep (issue 10 §1)', () => {
  it('derives with ok:true, its check verified, the result in the names of the parts', async () => {
    const r = await derive({ expr: nest(200), wrt: 'x' });
    expect(r.check?.status).toBe('verified');
    const reading = r.readings!.find((x) => x.code === 'RESULT_IN_NAMES')!;
    expect(reading.message).toMatch(/^∂f\/∂x is given in the names of the parts/);
    expect(r['unicode']).toMatch(/^∂f\/∂s/);
    expect((r['parts'] as unknown[]).length).toBe(200);
    expect((r['factors'] as unknown[]).length).toBeGreaterThan(0);
    const back = (r['chain'] as { gradients: Record<string, { substitution?: unknown; substituted?: unknown }> }).gradients['x']!;
    expect(back.substitution).toBeUndefined();
    expect(back.substituted).toBeUndefined();
  });
  it('steps "none": the result, the parts and the factors, checked', async () => {
    const r = await derive({ expr: nest(200), wrt: 'x', steps: 'none' });
    expect(r.check?.status).toBe('verified');
    expect((r['parts'] as unknown[]).length).toBe(200);
    expect(r['factors']).toBeDefined();
  });
  it('the reading in Korean, the English kept beside it', async () => {
    const r = await derive({ expr: nest(60), wrt: 'x', steps: 'none', lang: 'ko' });
    const reading = r.readings!.find((x) => x.code === 'RESULT_IN_NAMES')!;
    expect(reading.message).toContain('부분의 이름');
    expect(reading.messageEn).toMatch(/^∂f\/∂x is given in/);
  });
});

describe('the one-expression n-layer network stays factored (issue 15 §3)', () => {
  it('n = 8: substituted back, in the inputs, factored', async () => {
    const r = await derive({ expr: oneExpression(8), wrt: 'w1' });
    expect(r.check?.status).toBe('verified');
    expect(r['text']).toMatch(/^\(sigmoid\(w8\*sigmoid/);
    expect(r.readings?.some((x) => x.code === 'RESULT_IN_NAMES') ?? false).toBe(false);
  });
  it.each([16, 32, 64])('n = %i: compact, in the names of the parts, never the raw derivative', async (n) => {
    const r = await derive({ expr: oneExpression(n), wrt: 'w1' });
    expect(r.check?.status).toBe('verified');
    expect(r.readings?.some((x) => x.code === 'RESULT_IN_NAMES')).toBe(true);
    expect(String(r['text']).length).toBeLessThan(200);
    expect(String(r['text'])).not.toContain('y/');
  });
});
