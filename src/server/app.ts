// The Fastify application: plugins (CORS, rate limit, OpenAPI + docs page, the playground's
// static files), API keys, body parsing with positions, and one error shape for everything:
// {"error": {code, message, field?, position?}} with the status from errors.ts. buildApp does not
// listen, so tests run it on a free port and the CLI (index.ts) on the configured one.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import fastifStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Config } from './config.js';
import { parseJson, sendError, validationError, type HttpError } from './errors.js';

export { parseJson, sendError };
import { WorkerPool } from './pool.js';
import { registerRoutes } from './routes.js';

const here = dirname(fileURLToPath(import.meta.url));
/** the repository: this file is src/server/app.ts, or dist/src/server/app.js once built */
const repo = join(here, '..', '..', ...(/[\\/]dist[\\/]src[\\/]server$/.test(here) ? ['..'] : []));
/** the playground bundle (scripts/build-web.mjs writes it) */
const webRoot = (): string => join(repo, 'dist', 'web');

export interface App {
  readonly app: FastifyInstance;
  readonly pool: WorkerPool;
}

export async function buildApp(config: Config, opts: { logger?: boolean; pool?: WorkerPool } = {}): Promise<App> {
  const pool = opts.pool ?? new WorkerPool({ workers: config.workers, timeoutMs: config.timeoutMs });
  const app = Fastify({
    // pino JSON logs; the request body is never logged (Fastify logs method, url, status, time)
    logger: opts.logger === false ? false : { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    // additional fields are errors, not silently removed; no type coercion: "3" is not 3
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false } },
  });
  // Responses are sent exactly as the op returned them (JSON.stringify, as the batch does); the
  // response schemas validate them in routes.ts and document them in OpenAPI.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, parseJson(body as string));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  // JSON Lines for /v1/batch: kept as text, split and parsed line by line there
  app.addContentTypeParser(['application/x-ndjson', 'application/jsonl', 'application/jsonlines', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  if (config.corsOrigins === true || config.corsOrigins.length) {
    await app.register(cors, { origin: config.corsOrigins === true ? true : [...config.corsOrigins], methods: ['GET', 'POST'], exposedHeaders: ['retry-after', 'x-request-id'] });
  }
  if (config.rateLimit) {
    await app.register(rateLimit, {
      global: true,
      max: config.rateLimit.max,
      timeWindow: config.rateLimit.windowMs,
      // one bucket per API key where keys are on, else per client address
      keyGenerator: (req) => apiKeyOf(req) ?? req.ip,
      errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, apiError: { code: 'RATE_LIMITED', message: `Too many requests: the limit is ${ctx.max} per ${ctx.after === undefined ? 'window' : 'window'}; retry after ${Math.ceil(ctx.ttl / 1000)} s.` } }),
    });
  }
  if (config.apiKeys.length) {
    const keys = new Set(config.apiKeys);
    app.addHook('onRequest', async (req, reply) => {
      if (!req.url.startsWith('/v1/')) return;
      const k = apiKeyOf(req);
      if (k === undefined || !keys.has(k)) {
        reply.header('www-authenticate', 'Bearer');
        return sendError(reply, { code: 'UNAUTHORIZED', message: 'An API key is required: send "Authorization: Bearer <key>" or "X-API-Key: <key>".' });
      }
    });
  }

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'chainrule', version: '0.1.0', description: 'Step-by-step symbolic differentiation for the mathematics of backpropagation: the batch protocol (docs/api.md) over HTTP.' },
      ...(config.apiKeys.length ? { security: [{ bearer: [] }] } : {}),
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.setErrorHandler((err: FastifyError & { apiError?: HttpError }, req: FastifyRequest, reply) => {
    if (err.apiError) {
      if (err.apiError.code === 'RATE_LIMITED' && !reply.getHeader('retry-after')) reply.header('retry-after', '60');
      return sendError(reply, err.apiError);
    }
    if (err.validation) return sendError(reply, validationError(err.validation));
    const status = err.statusCode ?? 500;
    if (status === 413) return sendError(reply, { code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than the limit of ${reply.routeOptions.bodyLimit ?? config.bodyLimit} bytes.` });
    if (status === 415) return sendError(reply, { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send JSON (Content-Type: application/json), or JSON Lines (application/x-ndjson) to /v1/batch.' });
    if (status >= 400 && status < 500) return sendError(reply, { code: 'BAD_REQUEST', message: err.message });
    req.log.error({ err }, 'internal fault');
    return sendError(reply, { code: 'INTERNAL', message: `Internal error (a bug in chainrule); quote the reference ${req.id} when reporting it.`, id: req.id });
  });
  app.setNotFoundHandler((req, reply) => sendError(reply, { code: 'NOT_FOUND', message: `No endpoint ${req.method} ${req.url.split('?')[0]}; see /docs.` }));

  registerRoutes(app, pool, config);

  const web = webRoot();
  if (existsSync(join(web, 'index.html'))) {
    await app.register(fastifStatic, { root: web, prefix: '/', index: 'index.html', wildcard: true, decorateReply: false });
  } else {
    app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.type('text/plain').send('The playground is not built: run "npm run build".\n'));
  }
  // Graceful close: Fastify stops accepting and waits for requests in flight; a connection that
  // is still open after the grace period (a client that never finishes its body) is cut.
  app.addHook('preClose', async () => {
    setTimeout(() => app.server.closeAllConnections(), config.shutdownGraceMs).unref();
  });
  app.addHook('onClose', async () => {
    if (!opts.pool) await pool.close();
  });
  return { app, pool };
}

function apiKeyOf(req: FastifyRequest): string | undefined {
  const auth = req.headers['authorization'];
  if (typeof auth === 'string' && /^bearer\s+/i.test(auth)) return auth.replace(/^bearer\s+/i, '').trim();
  const k = req.headers['x-api-key'];
  return typeof k === 'string' ? k.trim() : undefined;
}
