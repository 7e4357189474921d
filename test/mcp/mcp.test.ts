// `chainrule mcp` driven by the official SDK's client over stdio (the built CLI as a child
// process, as an AI assistant would start it): the tools and their schemas, G1 through the
// derive tool equal to the batch op, a wrong answer diagnosed by verify, errors as tool errors.
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleLine } from '../../src/api/batch.js';
import { OP_SCHEMAS } from '../../src/api/schema/index.js';

const cli = fileURLToPath(new URL('../../dist/src/api/cli.js', import.meta.url));
let client: Client;

beforeAll(async () => {
  client = new Client({ name: 'chainrule-test', version: '1.0.0' });
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [cli, 'mcp'], env: { ...env, CHAINRULE_WORKERS: '1', CHAINRULE_TIMEOUT_MS: '20000' }, stderr: 'pipe' }));
}, 120_000);
afterAll(async () => {
  await client?.close();
}, 30_000);

const textOf = (r: { content: unknown }): string => ((r.content as Array<{ type: string; text: string }>)[0]!).text;

describe('chainrule mcp', { timeout: 120_000 }, () => {
  it('lists derive, simplify, verify, graph and evaluate with the ops\' schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['derive', 'evaluate', 'graph', 'simplify', 'verify']);
    for (const t of tools) {
      const name = t.name as keyof typeof OP_SCHEMAS;
      expect(t.inputSchema).toEqual(JSON.parse(JSON.stringify(OP_SCHEMAS[name].request)));
      expect(t.description).toContain(OP_SCHEMAS[name].description);
    }
  });
  it('derive on G1 answers what the batch op answers', async () => {
    const args = { expr: 'z = wx + b; y = σ(z); L = BCE(y, ŷ)', wrt: 'w' };
    const r = await client.callTool({ name: 'derive', arguments: args });
    expect(r.isError).toBeFalsy();
    const { id: _id, ok: _ok, ...batch } = await handleLine(JSON.stringify({ op: 'derive', ...args }));
    expect(r.structuredContent).toEqual(batch);
    expect(JSON.parse(textOf(r))).toEqual(batch);
    expect((r.structuredContent as { result: string }).result).toBe('(y - y_hat)*x');
  });
  it('verify diagnoses a wrong answer; evaluate computes', async () => {
    const v = await client.callTool({ name: 'verify', arguments: { problem: { expr: 'BCE(σ(wx+b), ŷ)', wrt: 'w' }, answer: 'σ(wx+b) − ŷ' } });
    expect(v.structuredContent).toMatchObject({ verdict: 'incorrect', diagnosis: [{ id: 'missing-chain-factor' }] });
    const e = await client.callTool({ name: 'evaluate', arguments: { expr: '0.1 + 0.2' } });
    expect(e.structuredContent).toEqual({ value: 0.3, exact: '3/10' });
  });
  it('a user error is a tool error with the code and position', async () => {
    const r = await client.callTool({ name: 'derive', arguments: { expr: 'sigmod(x)', wrt: 'x' } });
    expect(r.isError).toBe(true);
    expect(JSON.parse(textOf(r))).toEqual({ error: { code: 'UNKNOWN_FUNCTION', message: 'Unknown function sigmod; did you mean sigmoid?', field: 'expr', position: { line: 1, column: 1, offset: 0, end: 6 } } });
    const bad = await client.callTool({ name: 'simplify', arguments: { expr: 'x', extra: 1 } });
    expect(bad.isError).toBe(true);
    expect(JSON.parse(textOf(bad)).error.code).toBe('BAD_REQUEST');
    const unknown = await client.callTool({ name: 'integrate', arguments: { expr: 'x' } });
    expect(unknown.isError).toBe(true);
  });
});
