// The documents agree with the live server: /openapi.json validates as OpenAPI 3.1 (a maintained
// validator) and lists every op; every request example in docs/api.md and docs/http.md runs
// against the server and gets what the batch protocol gives for it (documented answers that
// are complete JSON must match exactly).
import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleLine } from '../../src/api/batch.js';
import { OP_NAMES } from '../../src/api/schema/index.js';
import { get, payload, post, startServer, type Live } from './helpers.js';

const doc = (name: string): string => readFileSync(new URL(`../../docs/${name}`, import.meta.url), 'utf8');

/** Every complete JSON request with an "op" in a document: whole lines in code blocks and inline
 * `{…}` spans (schematic ones such as {"op": "parse", "expr"} are not JSON and are skipped). */
function examples(text: string): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const candidates = [...text.split('\n').map((l) => l.trim()), ...[...text.matchAll(/`(\{[^`]*\})`/g)].map((m) => m[1]!)];
  for (const c of candidates) {
    if (!c.startsWith('{') || !c.includes('"op"')) continue;
    try {
      const v = JSON.parse(c) as unknown;
      if (typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>)['op'] === 'string') out.push(v as Record<string, unknown>);
    } catch {
      // schematic, not an example
    }
  }
  return out;
}

/** curl examples in docs/http.md: `curl … /v1/<op> … -d '<json>'` */
function curlExamples(text: string): Array<[string, string]> {
  return [...text.matchAll(/curl [^\n]*?\/v1\/(\w+)[^\n]*?-d '([^']*)'/g)].map((m) => [m[1]!, m[2]!]);
}

let s: Live;
beforeAll(async () => {
  s = await startServer();
}, 180_000);
afterAll(async () => {
  await s?.close();
}, 60_000);

describe('OpenAPI', { timeout: 60_000 }, () => {
  it('/openapi.json is a valid OpenAPI 3.1 document with every op', async () => {
    const r = await get(`${s.url}/openapi.json`);
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.1.0');
    const result = await new Validator().validate(r.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    for (const op of OP_NAMES) {
      const path = r.body.paths[`/v1/${op}`];
      expect(path?.post?.requestBody?.content?.['application/json']?.schema, op).toBeDefined();
      expect(path.post.responses['200'], op).toBeDefined();
      expect(path.post.responses['400'], op).toBeDefined();
    }
    expect(r.body.paths['/v1/batch'].post.requestBody.content['application/x-ndjson']).toBeDefined();
  });
});

describe('documented examples run against the server', { timeout: 120_000 }, () => {
  const api = examples(doc('api.md'));
  it('docs/api.md has examples', () => expect(api.length).toBeGreaterThanOrEqual(4));
  it.each(api.map((e) => [e['op'] as string, e] as const))('docs/api.md: %s %j', async (op, example) => {
    const { id: _id, op: _op, ...req } = example;
    const batch = await handleLine(JSON.stringify(example));
    const r = await post(`${s.url}/v1/${op}`, req);
    if (batch['ok']) {
      expect(r.status).toBe(200);
      expect(r.body).toEqual(payload(batch));
    } else {
      expect(r.status).toBe(400);
      expect(r.body.error).toEqual(batch['error']);
    }
  });
  it('documented batch answers that are complete JSON are what the server answers', async () => {
    const text = doc('api.md');
    const requests = text.split('\n').filter((l) => /^\{"id": \d+, "op"/.test(l));
    const answers = text.split('\n').filter((l) => /^\{"id":\d+,"ok"/.test(l));
    const res = await fetch(`${s.url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: requests.join('\n') });
    const got = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as { id: number });
    let compared = 0;
    for (const a of answers) {
      let expected: { id: number };
      if (a.includes('…')) continue; // abridged
      try {
        expected = JSON.parse(a) as { id: number };
      } catch {
        continue; // abridged with …
      }
      expect(got.find((g) => g.id === expected.id)).toEqual(expected);
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
  });
  const http = curlExamples(doc('http.md'));
  it('docs/http.md has curl examples', () => expect(http.length).toBeGreaterThanOrEqual(3));
  it.each(http)('docs/http.md: curl /v1/%s %s', async (op, body) => {
    const r = await post(`${s.url}/v1/${op}`, body);
    if (op === 'batch') {
      expect(r.status).toBe(200);
      const items = JSON.parse(body) as unknown[];
      expect(r.body).toEqual(await Promise.all(items.map((i) => handleLine(JSON.stringify(i)))));
      return;
    }
    const batch = await handleLine(JSON.stringify({ op, ...(JSON.parse(body) as object) }));
    if (batch['ok']) expect(r.body).toEqual(payload(batch));
    else expect(r.body.error).toEqual(batch['error']);
  });
});
