// Server configuration from the environment (docs/deploy.md lists every variable). Pure: reads an
// env object and returns a frozen Config, so tests build servers with any settings in-process.
// Defaults suit a laptop: localhost:8080, no API keys, no rate limit on a loopback host.
import { availableParallelism } from 'node:os';

export interface RateLimit {
  readonly max: number;
  /** window in milliseconds */
  readonly windowMs: number;
}

export interface Config {
  readonly host: string;
  readonly port: number;
  /** empty: no key required */
  readonly apiKeys: readonly string[];
  readonly rateLimit: RateLimit | null;
  /** `true`: any origin; empty: CORS off (same origin only) */
  readonly corsOrigins: readonly string[] | true;
  readonly workers: number;
  /** the default (and largest) time budget of one request, ms */
  readonly timeoutMs: number;
  /** the budget of one worksheet (every problem solved, and pdflatex for a PDF) */
  readonly worksheetTimeoutMs: number;
  /** largest body of one op request, bytes (the batch protocol's line limit) */
  readonly bodyLimit: number;
  /** largest body of a /v1/batch request, bytes */
  readonly batchBodyLimit: number;
  /** most requests in one /v1/batch call */
  readonly batchMaxItems: number;
  readonly logLevel: string;
  /** on shutdown, how long requests in flight may take before their connections are cut, ms */
  readonly shutdownGraceMs: number;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
export const isLoopback = (host: string): boolean => LOOPBACK.has(host);

/** A positive integer from the environment, or the default; a bad value is a startup error. */
function int(env: Record<string, string | undefined>, key: string, dflt: number, min = 1): number {
  const v = env[key];
  if (v === undefined || v.trim() === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`${key} must be an integer ≥ ${min} (got ${JSON.stringify(v)}).`);
  return n;
}

const UNITS: Record<string, number> = { second: 1000, minute: 60_000, hour: 3_600_000, s: 1000, m: 60_000, h: 3_600_000 };

/** `CHAINRULE_RATE_LIMIT`: "120" (per minute), "120/minute", "10/second", "off". */
export function parseRateLimit(v: string): RateLimit | null {
  const s = v.trim().toLowerCase();
  if (s === 'off' || s === '0' || s === 'false') return null;
  const m = /^(\d+)\s*(?:\/\s*(second|minute|hour|s|m|h))?$/.exec(s);
  if (!m) throw new Error(`CHAINRULE_RATE_LIMIT must look like "120/minute" (got ${JSON.stringify(v)}).`);
  return { max: Number(m[1]), windowMs: UNITS[m[2] ?? 'minute']! };
}

/** Off-loopback servers get this limit unless CHAINRULE_RATE_LIMIT says otherwise: generous for a
 * class (a request every 0.1 s per client), small enough to stop a runaway script. */
const DEFAULT_PUBLIC_RATE: RateLimit = { max: 600, windowMs: 60_000 };

export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const host = overrides.host ?? env['HOST'] ?? 'localhost';
  const rl = env['CHAINRULE_RATE_LIMIT'];
  const cors = (env['CHAINRULE_CORS_ORIGINS'] ?? '').trim();
  const cfg: Config = {
    host,
    port: int(env, 'PORT', 8080, 0),
    apiKeys: (env['CHAINRULE_API_KEYS'] ?? '').split(',').map((k) => k.trim()).filter(Boolean),
    rateLimit: rl !== undefined && rl.trim() !== '' ? parseRateLimit(rl) : isLoopback(host) ? null : DEFAULT_PUBLIC_RATE,
    corsOrigins: cors === '*' ? true : cors.split(',').map((o) => o.trim()).filter(Boolean),
    // one worker per core: the engine is CPU-bound; the main thread only parses HTTP and JSON
    workers: int(env, 'CHAINRULE_WORKERS', Math.max(1, availableParallelism())),
    // 2 s: the slowest golden case (G4 through definitions) takes ~0.3 s on a slow core
    timeoutMs: int(env, 'CHAINRULE_TIMEOUT_MS', 2000),
    worksheetTimeoutMs: int(env, 'CHAINRULE_WORKSHEET_TIMEOUT_MS', 60000),
    // the batch protocol's MAX_LINE (1,000,000 characters), as bytes
    bodyLimit: int(env, 'CHAINRULE_BODY_LIMIT', 1_048_576),
    batchBodyLimit: int(env, 'CHAINRULE_BATCH_BODY_LIMIT', 16 * 1_048_576),
    batchMaxItems: int(env, 'CHAINRULE_BATCH_MAX_ITEMS', 5000),
    logLevel: env['CHAINRULE_LOG_LEVEL'] ?? env['LOG_LEVEL'] ?? 'info',
    // a request in flight finishes within its time budget (plus queueing): 10 s covers it
    shutdownGraceMs: int(env, 'CHAINRULE_SHUTDOWN_GRACE_MS', 10_000),
  };
  return Object.freeze({ ...cfg, ...overrides });
}
