// API keys and rate limiting when configured (both are off on localhost by default): without a
// key /v1/* is 401, with one it is served, probes stay open; past the limit a client gets 429
// with Retry-After while another key's bucket is untouched. CORS only for configured origins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.js';
import { get, post, startServer, type Live } from './helpers.js';

let s: Live;
let open: Live;
beforeAll(async () => {
  s = await startServer({ CHAINRULE_API_KEYS: 'k-one, k-two', CHAINRULE_RATE_LIMIT: '3/minute', CHAINRULE_CORS_ORIGINS: 'https://tutor.example', CHAINRULE_WORKERS: '1' });
  open = await startServer({}, {}, s.pool);
}, 180_000);
afterAll(async () => {
  await open?.close();
  await s?.close();
}, 60_000);

describe('configuration', () => {
  it('is off on localhost by default and on when configured', () => {
    const local = loadConfig({});
    expect(local).toMatchObject({ host: 'localhost', port: 8080, apiKeys: [], rateLimit: null, corsOrigins: [] });
    expect(loadConfig({ HOST: '0.0.0.0' }).rateLimit).toEqual({ max: 600, windowMs: 60_000 });
    expect(loadConfig({ HOST: '0.0.0.0', CHAINRULE_RATE_LIMIT: 'off' }).rateLimit).toBeNull();
    expect(loadConfig({ CHAINRULE_RATE_LIMIT: '10/second', CHAINRULE_API_KEYS: 'a,b', CHAINRULE_CORS_ORIGINS: '*', CHAINRULE_TIMEOUT_MS: '500', CHAINRULE_WORKERS: '3', PORT: '9000' })).toMatchObject({
      rateLimit: { max: 10, windowMs: 1000 }, apiKeys: ['a', 'b'], corsOrigins: true, timeoutMs: 500, workers: 3, port: 9000,
    });
    expect(() => loadConfig({ CHAINRULE_TIMEOUT_MS: 'soon' })).toThrow(/CHAINRULE_TIMEOUT_MS/);
    expect(() => loadConfig({ CHAINRULE_RATE_LIMIT: 'lots' })).toThrow(/CHAINRULE_RATE_LIMIT/);
  });
});

describe('API keys and rate limit', { timeout: 60_000 }, () => {
  it('requires a key on /v1/*, accepts Bearer and X-API-Key, leaves the probes open', async () => {
    const none = await post(`${s.url}/v1/latex`, { expr: 'x' });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('UNAUTHORIZED');
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const wrong = await post(`${s.url}/v1/latex`, { expr: 'x' }, { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    const bearer = await post(`${s.url}/v1/latex`, { expr: 'x_1' }, { authorization: 'Bearer k-one' });
    expect(bearer.status).toBe(200);
    expect(bearer.body).toEqual({ latex: 'x_{1}' });
    const header = await post(`${s.url}/v1/latex`, { expr: 'x' }, { 'x-api-key': 'k-two' });
    expect(header.status).toBe(200);
    expect((await get(`${s.url}/healthz`)).status).toBe(200);
  });
  it('answers 429 with Retry-After past the limit, per key', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = await post(`${s.url}/v1/latex`, { expr: 'x' }, { authorization: 'Bearer k-one' });
      statuses.push(last.status);
    }
    // k-one used one request in the test above: 2 more fit, then 429
    expect(statuses).toEqual([200, 200, 429, 429]);
    expect(last!.body.error.code).toBe('RATE_LIMITED');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await post(`${s.url}/v1/latex`, { expr: 'x' }, { 'x-api-key': 'k-two' })).status).toBe(200);
    expect((await get(`${s.url}/healthz`)).status).toBe(200);
  });
  it('sends CORS headers to a configured origin only', async () => {
    const ok = await fetch(`${s.url}/healthz`, { headers: { origin: 'https://tutor.example' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://tutor.example');
    const other = await fetch(`${s.url}/healthz`, { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
  it('a default localhost server asks for no key and has no limit', async () => {
    const rs = await Promise.all(Array.from({ length: 8 }, () => post(`${open.url}/v1/latex`, { expr: 'x' })));
    expect(rs.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect((await fetch(`${open.url}/healthz`, { headers: { origin: 'https://tutor.example' } })).headers.get('access-control-allow-origin')).toBeNull();
  });
});
