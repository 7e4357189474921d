// The operations of the API, one table shared by the batch protocol, the CLI and (later) the
// HTTP server: each op validates its request fields, runs, and returns a plain JSON object.
// Errors are thrown as ChainruleError tagged with the field they concern (errors.ts); the
// callers turn them into `{ok:false, error}`. Heavy modules load lazily, per op.
import { ratString, toJson } from '../ast/json.js';
import type { Expr } from '../ast/nodes.js';
import { ChainruleError } from '../errors.js';
import { evaluate } from '../numeric/float.js';
import { ratToNumber } from '../numeric/number.js';
import { evaluateRational, type RationalValue } from '../numeric/rational.js';
import { canonicalSymbol, mainExpr, parseAsync, type Notation, type Parsed } from '../parse/index.js';
import { toLatex, toText, toUnicode } from '../render/index.js';
import { fieldError, inField, inFieldAsync } from './errors.js';

export type Request = Readonly<Record<string, unknown>>;
export type Response = Record<string, unknown>;
export type Op = (req: Request) => Promise<Response>;

// ---- field readers ----
export function stringField(req: Request, key: string, required: true): string;
export function stringField(req: Request, key: string, required?: false): string | undefined;
export function stringField(req: Request, key: string, required = false): string | undefined {
  const v = req[key];
  if (v === undefined || v === null) {
    if (required) throw new ChainruleError('BAD_REQUEST', `The field "${key}" is missing.`);
    return undefined;
  }
  if (typeof v !== 'string') throw new ChainruleError('BAD_REQUEST', `The field "${key}" must be a string.`);
  return v;
}

export function namesField(req: Request): string[] {
  const v = req['names'];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new ChainruleError('BAD_REQUEST', 'The field "names" must be an array of strings.');
  return v as string[];
}

export function notationField(req: Request): Notation {
  const v = stringField(req, 'notation') ?? 'auto';
  if (v !== 'auto' && v !== 'text' && v !== 'latex') throw new ChainruleError('BAD_REQUEST', 'The field "notation" must be "text", "latex" or "auto".');
  return v;
}

/** Parse the request's `expr` (or another field), tagging errors with that field. */
export async function parseField(req: Request, key = 'expr'): Promise<Parsed> {
  const text = stringField(req, key, true);
  const names = namesField(req);
  const notation = notationField(req);
  return inFieldAsync(key, text, () => parseAsync(text, { names, notation }));
}

/** A point from `at`: an object of name → number (or decimal/fraction string for exactness). */
export function pointField(req: Request, key = 'at'): Map<string, number | string> {
  const v = req[key];
  if (v === undefined || v === null) return new Map();
  if (typeof v !== 'object' || Array.isArray(v)) throw new ChainruleError('BAD_REQUEST', `The field "${key}" must be an object such as {"x": 1.5}.`);
  const out = new Map<string, number | string>();
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    const name = inField(`${key}.${k}`, k, () => canonicalSymbol(k));
    if (out.has(name)) throw new ChainruleError('BAD_REQUEST', `"${k}" names the symbol ${name} a second time in "${key}".`);
    if (typeof val === 'number') {
      if (!Number.isFinite(val)) throw new ChainruleError('BAD_VALUE', `The value of ${k} must be a finite number.`);
      out.set(name, val);
    } else if (typeof val === 'string' && /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?$|^[+-]?[0-9]{1,400}\/[0-9]{1,400}$/.test(val.trim())) {
      if (zeroDenominator(val)) throw new ChainruleError('BAD_VALUE', `The value of ${k} divides by zero; it must be a finite number.`);
      out.set(name, val.trim());
    } else throw new ChainruleError('BAD_VALUE', `The value of ${k} must be a number, or a string such as "1.5" or "1/3".`);
  }
  return out;
}

/** A fraction string "n/0" (the value regexes let it through): not a finite number. */
export function zeroDenominator(v: string): boolean {
  const d = v.split('/')[1];
  return d !== undefined && /^\s*0+\s*$/.test(d);
}

/** Number() of a decimal string is correctly rounded; a fraction goes through ratToNumber, as
 * Number(n)/Number(d) would round twice and give ∞/∞ = NaN for 400-digit integers. */
function toFloat(v: number | string): number {
  if (typeof v === 'number') return v;
  const [n, d] = v.split('/');
  return d === undefined ? Number(n) : ratToNumber(BigInt(n!.trim().replace(/^\+/, '')), BigInt(d.trim()));
}

function renderTree(e: Expr): Response {
  return { text: toText(e), unicode: toUnicode(e), latex: toLatex(e) };
}

/** Evaluate a program at a point: definitions in order, then its main expression. */
export function evaluateProgram(p: Parsed, point: Map<string, number | string>): Response {
  for (const d of p.program.definitions) {
    if (point.has(d.name)) {
      throw fieldError('at', d.name, 'BAD_VALUE', `${d.name} is defined by the expression; it cannot also be given a value.`);
    }
  }
  const float = new Map<string, number>([...point].map(([k, v]) => [k, toFloat(v)]));
  const exact = new Map<string, RationalValue | string | number>(point);
  let exactOk = true;
  const steps: Array<{ name: string; expr: Expr }> = [...p.program.definitions];
  const main = p.program.body;
  if (main) steps.push({ name: '', expr: main });
  let value = NaN;
  let exactValue: RationalValue | undefined;
  for (const s of steps) {
    const r = evaluate(s.expr, float);
    if (!r.ok) {
      throw fieldError('expr', p.input, r.code, r.message, p.spans.get(r.node));
    }
    value = r.value;
    if (s.name) float.set(s.name, value);
    if (exactOk) {
      const q = evaluateRational(s.expr, exact);
      if (q.ok) {
        exactValue = q.value;
        if (s.name) exact.set(s.name, q.value);
      } else exactOk = false;
    }
  }
  const out: Response = { value: Number.isFinite(value) ? value : String(value) };
  if (exactOk && exactValue) out['exact'] = ratString(exactValue.n, exactValue.d);
  return out;
}

export const OPS: Record<string, Op> = {
  async parse(req) {
    const p = await parseField(req);
    const main = p.program.body;
    return {
      ...(main ? { ...renderTree(main), tree: toJson(main) } : {}),
      definitions: p.program.definitions.map((d) => ({ name: d.name, ...renderTree(d.expr), tree: toJson(d.expr) })),
    };
  },
  async evaluate(req) {
    const p = await parseField(req);
    const point = pointField(req);
    return evaluateProgram(p, point);
  },
  async latex(req) {
    const p = await parseField(req);
    return { latex: toLatex(mainExpr(p)) };
  },
  async derive(req) {
    return (await import('./deriveOps.js')).deriveOp(req);
  },
  async simplify(req) {
    return (await import('./deriveOps.js')).simplifyOp(req);
  },
  async verify(req) {
    return (await import('./verifyOp.js')).verifyOp(req);
  },
  async graph(req) {
    return (await import('./graphOps.js')).graphOp(req);
  },
  async descend(req) {
    return (await import('./graphOps.js')).descendOp(req);
  },
};

/** The op names the API knows, for UNKNOWN_OP messages. */
export function opNames(): string[] {
  return Object.keys(OPS).sort();
}
