// Running an op: validate the request against its schema, call the op (loaded lazily, so a CLI
// command or a worker pays only for what it uses), return the success payload. runOp is what the
// library, the CLI, the batch protocol and the HTTP server all call; it keeps no state.
import { AsyncLocalStorage } from 'node:async_hooks';
import { type Budget, useBudgetStore, withBudget } from '../ast/budget.js';
import { ChainruleError } from '../errors.js';
import { fieldError, toApiError } from './errors.js';
import type { RequestOf, ResponseOf } from './schema/index.js';
import { isOpName, OP_NAMES, type OpName } from './schema/names.js';
import { validateRequest } from './validate.js';

// each request's budget follows its async calls (concurrent requests keep their own)
useBudgetStore(new AsyncLocalStorage<Budget>());

type Impl<K extends OpName> = (req: RequestOf<K>) => Promise<ResponseOf<K>>;

const IMPLS: { readonly [K in OpName]: () => Promise<Impl<K>> } = {
  parse: async () => (await import('./ops/read.js')).parse,
  evaluate: async () => (await import('./ops/read.js')).evaluate,
  latex: async () => (await import('./ops/read.js')).latex,
  derive: async () => (await import('./ops/derive.js')).derive,
  simplify: async () => (await import('./ops/derive.js')).simplify,
  verify: async () => (await import('./ops/verify.js')).verify,
  graph: async () => (await import('./ops/graph.js')).graph,
  descend: async () => (await import('./ops/graph.js')).descend,
};

/** The ops already loaded: an `await import()` of a loaded module still goes through the ES module
 * loader's resolution (≈ 4 % of a warm derive request from dist/src), so each op is looked up once. */
const LOADED = new Map<OpName, unknown>();

/** Validate `req` (the op's fields, without `id`/`op`) and run the op; throws ChainruleError. */
export async function runOp<K extends OpName>(op: K, req: unknown): Promise<ResponseOf<K>> {
  if (!isOpName(op)) throw unknownOp(op);
  const valid = validateRequest(op, req);
  const { budgetMs, lang } = valid as { budgetMs?: number; lang?: 'en' | 'ko' };
  // The budget covers loading the op too (a cold start is part of the answer's time), but the
  // loading runs outside it: a module whose evaluation a TIME_LIMIT interrupts stays failed for
  // the whole process (ES modules cache the error), so every later request of the op would fail.
  const started = Date.now();
  let impl = LOADED.get(op) as Impl<K> | undefined;
  if (!impl) LOADED.set(op, (impl = (await IMPLS[op]()) as Impl<K>));
  // the catalogs (Fluent) load only when a request asks for another language
  const localise = lang === undefined || lang === 'en' ? undefined : (await import('../i18n/localise.js')).localise;
  return withBudget(
    budgetMs,
    async () => {
      const res = await impl(valid);
      return localise ? localise(res, lang!) : res;
    },
    started,
  );
}

export type Op = (req: Readonly<Record<string, unknown>>) => Promise<Record<string, unknown>>;

/** The ops by name, as functions of a whole batch request (`id` and `op` are ignored): what the
 * batch dispatches through. Mutable on purpose: tests register faulty ops here to check that a
 * fault inside an op cannot break the batch. */
export const OPS: Record<string, Op> = Object.fromEntries(
  OP_NAMES.map((name) => [name, async (req: Readonly<Record<string, unknown>>) => (await runOp(name, envelopeless(req))) as Record<string, unknown>]),
);

// The worksheet op (src/worksheet, docs/worksheets.md) sits above the ops it calls: it is given
// this module's handleRequest to answer each problem's requests, and loads only when asked for.
// Its schema (WORKSHEET_SCHEMA) is checked by the op itself and by the HTTP route.
OPS['worksheet'] = async (req) => {
  const { worksheetOp } = await import('../worksheet/op.js');
  return (await worksheetOp(envelopeless(req), handleRequest)) as unknown as Record<string, unknown>;
};

/** A request without the batch envelope (Object.fromEntries keeps "__proto__" a plain key). */
function envelopeless(req: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(req).filter(([k]) => k !== 'id' && k !== 'op'));
}

/** The op names, sorted, for UNKNOWN_OP messages. */
export function opNames(): string[] {
  return Object.keys(OPS).sort();
}

function unknownOp(name: unknown): ChainruleError {
  return new ChainruleError('UNKNOWN_OP', `Unknown op ${JSON.stringify(name)}; the ops are ${opNames().join(', ')}.`);
}

/** One batch request, envelope included: `{id, ok: true, …payload}` or `{id, ok: false, error}`.
 * Never throws. */
export async function handleRequest(req: unknown): Promise<Record<string, unknown>> {
  let id: unknown = null;
  try {
    if (typeof req !== 'object' || req === null || Array.isArray(req)) throw new ChainruleError('BAD_REQUEST', 'A request is a JSON object such as {"op": "evaluate", "expr": "x^2", "at": {"x": 3}}.');
    const r = req as Record<string, unknown>;
    id = r['id'] ?? null;
    if (!echoable(id)) {
      id = null;
      throw new ChainruleError('BAD_REQUEST', 'The field "id" is nested too deeply to echo back.');
    }
    const opName = r['op'];
    if (typeof opName !== 'string') throw fieldError('op', '', 'BAD_REQUEST', 'The field "op" is missing.');
    const op = Object.hasOwn(OPS, opName) ? OPS[opName] : undefined;
    if (!op) throw unknownOp(opName);
    return { id, ok: true, ...(await op(r)) };
  } catch (e) {
    return { id, ok: false, error: toApiError(e) };
  }
}

/** JSON.parse reads any depth, but JSON.stringify overflows the stack on a deeply nested id;
 * such an id must fail its own line, not the batch. */
function echoable(id: unknown): boolean {
  if (typeof id !== 'object' || id === null) return true;
  try {
    JSON.stringify(id);
    return true;
  } catch {
    return false;
  }
}
