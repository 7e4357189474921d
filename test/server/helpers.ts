// Test helpers: a real server on a free loopback port (buildApp + listen), and a small JSON
// client over fetch. Servers in one test file share a worker pool (workers take seconds to warm).
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import { WorkerPool } from '../../src/server/pool.js';

export interface Live {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly pool: WorkerPool;
  close(): Promise<void>;
}

/** Start a server on 127.0.0.1:<free port> with the given settings (env-style and overrides). */
export async function startServer(env: Record<string, string> = {}, overrides: Partial<Config> = {}, pool?: WorkerPool): Promise<Live> {
  const config = loadConfig({ CHAINRULE_WORKERS: '1', ...env }, { host: '127.0.0.1', port: 0, shutdownGraceMs: 1000, ...overrides });
  const built = await buildApp(config, { logger: false, ...(pool ? { pool } : {}) });
  await built.pool.ready();
  const url = await built.app.listen({ host: '127.0.0.1', port: 0 });
  return { url, app: built.app, pool: built.pool, close: () => built.app.close() };
}

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
  readonly text: string;
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return read(res);
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  return read(await fetch(url, { headers }));
}

async function read(res: Response): Promise<Reply> {
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, text };
}

/** The batch protocol's payload for a request: handleLine's answer without `id`/`ok`. */
export function payload(res: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, ok: _ok, ...rest } = res;
  return rest;
}

/** No stack trace, no file paths in a body. */
export const NO_STACK = /\n\s+at |\bat [\w.<>]+ \(|node:internal|\.[jt]s:\d+:\d+/;
