// The API's routes: POST /v1/<op> for every op of the schema table (request and response
// validated by the op's schema: the request by Fastify before it reaches a worker, the response
// here before it is sent), POST /v1/batch (a JSON array or JSON Lines, answered in order), the
// OpenAPI document, and the health/readiness probes. The engine runs only in the worker pool.
import { Type, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_SCHEMA, OP_NAMES, OP_SCHEMAS, type OpName } from '../api/schema/index.js';
import { WORKSHEET_SCHEMA } from '../worksheet/schema.js';

const WORKSHEET_SCHEMA_DOC = {
  summary: 'a YAML worksheet → student and solution sheets (HTML, .tex, PDF)',
  description: 'docs/worksheets.md: the worksheet file as text in `yaml`; the sheets out, PDF as base64 when TeX is installed.',
};
import { parseJson, rawBodies, sendError, type HttpError } from './errors.js';
import { serialise } from '../api/batch.js';
import { rawArrayItems, rawTopLevel } from '../api/lines.js';
import type { Config } from './config.js';
import type { PoolResult, WorkerPool } from './pool.js';

const errorBody = Type.Object({ error: ERROR_SCHEMA }, { description: 'a user error (400), TIMEOUT (422) or internal fault (500, with a reference id)' });
const errorResponses = {
  400: errorBody,
  401: errorBody,
  413: errorBody,
  422: errorBody,
  429: errorBody,
  500: errorBody,
  503: errorBody,
};
const budgetHeader = Type.Object({
  'x-chainrule-timeout-ms': Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$', description: "this request's time budget in ms (only lowers the server's)" })),
});

/** The request's own time budget, from its header; never above the server's. */
function budgetOf(req: FastifyRequest, config: Config): number {
  const h = req.headers['x-chainrule-timeout-ms'];
  const n = typeof h === 'string' ? Number(h) : NaN;
  return Number.isInteger(n) && n > 0 ? Math.min(n, config.timeoutMs) : config.timeoutMs;
}

function failure(req: FastifyRequest, r: Extract<PoolResult, { ok: false }>): HttpError {
  if (r.error.code !== 'INTERNAL') return r.error;
  // the engine's INTERNAL message may name internals: log it, send a reference instead
  req.log.error({ fault: r.error.message }, 'internal fault');
  return { code: 'INTERNAL', message: `Internal error (a bug in chainrule); quote the reference ${req.id} when reporting it.`, id: req.id };
}

export function registerRoutes(app: FastifyInstance, pool: WorkerPool, config: Config): void {
  for (const op of OP_NAMES) {
    const s = OP_SCHEMAS[op];
    const checkResponse = Compile(s.response as TSchema);
    app.post(`/v1/${op}`, {
      schema: { summary: s.summary, description: s.description, tags: ['ops'], operationId: op, headers: budgetHeader, body: s.request, response: { 200: s.response, ...errorResponses } },
    }, async (req, reply) => {
      const r = await pool.run({ kind: 'op', op, req: req.body }, budgetOf(req, config));
      if (!r.ok) return sendError(reply, failure(req, r));
      if (!checkResponse.Check(r.body)) {
        const first = checkResponse.Errors(r.body)[0];
        return sendError(reply, failure(req, { ok: false, error: { code: 'INTERNAL', message: `the ${op} response does not match its schema at ${first?.instancePath ?? '?'}: ${first?.message ?? ''}` } }));
      }
      return reply.send(r.body);
    });
  }

  // worksheets: the engine solves every problem, and a PDF runs pdflatex, so a worksheet gets its
  // own budget (CHAINRULE_WORKSHEET_TIMEOUT_MS, default 60 s; the header can only lower it)
  app.post('/v1/worksheet', {
    schema: { summary: WORKSHEET_SCHEMA_DOC.summary, description: WORKSHEET_SCHEMA_DOC.description, tags: ['ops'], operationId: 'worksheet', headers: budgetHeader, body: WORKSHEET_SCHEMA, response: { ...errorResponses } },
  }, async (req, reply) => {
    const limit = config.worksheetTimeoutMs;
    const h = Number(req.headers['x-chainrule-timeout-ms']);
    const budget = Number.isInteger(h) && h > 0 ? Math.min(h, limit) : limit;
    const r = await pool.run({ kind: 'request', req: { ...(req.body as object), op: 'worksheet' } }, budget);
    if (!r.ok) return sendError(reply, failure(req, r));
    const { id: _id, ok, error, ...body } = r.body as { id?: unknown; ok: boolean; error?: Extract<PoolResult, { ok: false }>['error'] };
    if (!ok) return sendError(reply, failure(req, { ok: false, error: error! }));
    return reply.send(body);
  });

  // each entry is checked by the batch protocol itself, so a bad entry fails only its own answer
  const envelope = Type.Unknown({ description: `a batch-protocol request {"id"?, "op", …the op's fields}; op is one of ${OP_NAMES.join(', ')}` });
  const answer = Type.Object({ id: Type.Unknown(), ok: Type.Boolean(), error: Type.Optional(ERROR_SCHEMA) }, { additionalProperties: true });
  app.post('/v1/batch', {
    bodyLimit: config.batchBodyLimit,
    schema: {
      summary: 'Many requests in one call',
      description: `A JSON array of batch-protocol requests ({"id", "op", …}, docs/api.md), answered as an array in the same order; or JSON Lines (application/x-ndjson), answered as JSON Lines. One failing request fails only its own entry. At most ${config.batchMaxItems} requests; each has its own time budget.`,
      tags: ['batch'],
      headers: budgetHeader,
      body: { content: { 'application/json': { schema: Type.Array(envelope) }, 'application/x-ndjson': { schema: Type.String({ description: 'one JSON request per line' }) } } },
      response: { 200: { description: 'one answer per request, in order', content: { 'application/json': { schema: Type.Array(answer) }, 'application/x-ndjson': { schema: Type.String() } } }, ...errorResponses },
    },
  }, async (req, reply) => batch(req, reply, pool, config));

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { schema: { summary: 'Liveness: the process answers', tags: ['health'] }, config: { rateLimit: false } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { summary: 'Readiness: the worker pool is up', tags: ['health'] }, config: { rateLimit: false } }, async (_req, reply) => {
    const threads = pool.threads;
    if (threads === 0) return reply.code(503).send({ status: 'starting', workers: 0 });
    return { status: 'ready', workers: threads, queued: pool.queued };
  });
}

type Item = ({ readonly req: unknown } | { readonly answer: Record<string, unknown> }) & { readonly raw?: string };

async function batch(req: FastifyRequest, reply: FastifyReply, pool: WorkerPool, config: Config): Promise<FastifyReply> {
  const lines = typeof req.body === 'string';
  let items: Item[];
  if (lines) {
    items = (req.body as string).replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '').map((l): Item => {
      try {
        return { req: parseJson(l), raw: l };
      } catch (e) {
        const err = (e as { apiError?: HttpError }).apiError!;
        return { answer: { id: null, ok: false, error: { ...err, field: 'line', message: err.message.replace('The body', 'The line') } } };
      }
    });
  } else {
    if (!Array.isArray(req.body)) return sendError(reply, { code: 'BAD_REQUEST', message: 'The body of /v1/batch is a JSON array of requests, or JSON Lines.' });
    const text = rawBodies.get(req.body);
    const raws = text === undefined ? undefined : rawArrayItems(text);
    items = (req.body as unknown[]).map((r, i) => ({ req: r, ...(raws?.[i] !== undefined ? { raw: raws[i] } : {}) }));
  }
  if (items.length > config.batchMaxItems) return sendError(reply, { code: 'BAD_REQUEST', message: `A batch holds at most ${config.batchMaxItems} requests (this one has ${items.length}); split it.` });
  const budget = budgetOf(req, config);
  const out: Array<Record<string, unknown>> = new Array(items.length);
  // at most two tasks per worker in flight for one batch: a class's batch must not fill the queue
  let next = 0;
  const lanes = Math.max(1, pool.threads * 2);
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      const it = items[i]!;
      if ('answer' in it) {
        out[i] = it.answer;
        continue;
      }
      const r = await pool.run({ kind: 'request', req: it.req }, budget);
      const id = typeof it.req === 'object' && it.req !== null && !Array.isArray(it.req) ? ((it.req as Record<string, unknown>)['id'] ?? null) : null;
      out[i] = r.ok ? r.body : { id, ok: false, error: failure(req, r) };
    }
  }));
  // ids echoed as sent: a number's digits from the request text (serialise, as the batch does)
  const texts = out.map((o, i) => {
    const raw = items[i]!.raw;
    const rawId = raw !== undefined && typeof o['id'] === 'number' ? rawTopLevel(raw, 'id') : undefined;
    return serialise(o, rawId).slice(0, -1);
  });
  if (lines) return reply.type('application/x-ndjson; charset=utf-8').send(texts.join('\n') + (out.length ? '\n' : ''));
  return reply.type('application/json; charset=utf-8').send(`[${texts.join(',')}]`);
}
