// The `derive` and `simplify` operations (docs/api.md): one expression differentiated step by
// step, or a program of definitions differentiated through its names (the chain rule as the
// notes write it), every step checked numerically unless `check: false`.
import { sym } from '../ast/build.js';
import type { Definition, Expr } from '../ast/nodes.js';
import { freeSymbols } from '../ast/traverse.js';
import { checkDerivative, checkEquivalent, combine, type Status, type Verdict } from '../check/index.js';
import { deriveChain, substitute } from '../derive/chain.js';
import { derive } from '../derive/derive.js';
import { ChainruleError } from '../errors.js';
import { canonicalSymbol } from '../parse/index.js';
import { simplify } from '../simplify/simplify.js';
import { chainJson, derivationJson, rendered } from './derivation.js';
import { fieldError, inField } from './errors.js';
import { parseField, stringField, type Request, type Response } from './ops.js';

function boolField(req: Request, key: string, dflt: boolean): boolean {
  const v = req[key];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'boolean') throw new ChainruleError('BAD_REQUEST', `The field "${key}" must be true or false.`);
  return v;
}

/** `wrt`: one name, a list of names, or absent/"*" for the gradient over every input. */
function wrtField(req: Request, inputs: readonly string[]): string[] {
  const v = req['wrt'];
  if (v === undefined || v === null || v === '*') {
    if (inputs.length === 0) throw new ChainruleError('BAD_REQUEST', 'The expression has no variable to differentiate with respect to.');
    return [...inputs];
  }
  const list = typeof v === 'string' ? [v] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  if (!list || list.length === 0) throw new ChainruleError('BAD_REQUEST', 'The field "wrt" must be a variable name or a list of names.');
  return list.map((w) => inField('wrt', w, () => canonicalSymbol(w)));
}

function orderField(req: Request): 1 | 2 {
  const v = req['order'];
  if (v === undefined || v === null || v === 1) return 1;
  if (v === 2) return 2;
  throw new ChainruleError('BAD_REQUEST', 'The field "order" must be 1 or 2.');
}

async function program(req: Request): Promise<{ defs: Definition[]; body: Expr | null }> {
  const p = await parseField(req);
  const defs: Definition[] = [];
  if (req['given'] !== undefined && req['given'] !== null) {
    const givenText = stringField(req, 'given', true);
    const g = await parseField(req, 'given');
    if (g.program.body) throw fieldError('given', givenText, 'BAD_REQUEST', '"given" holds definitions only (name = expression).');
    defs.push(...g.program.definitions);
  }
  for (const d of p.program.definitions) {
    if (defs.some((x) => x.name === d.name)) throw fieldError('expr', p.input, 'REDEFINITION', `${d.name} is already defined in "given".`, p.nameSpans.get(d.name));
    defs.push(d);
  }
  return { defs, body: p.program.body };
}

/** The inputs of a program: free symbols that no definition defines. */
function inputsOf(defs: readonly Definition[], body: Expr | null): string[] {
  const defined = new Set(defs.map((d) => d.name));
  const all = new Set<string>();
  for (const e of [...defs.map((d) => d.expr), ...(body ? [body] : [])]) for (const s of freeSymbols(e)) if (!defined.has(s)) all.add(s);
  return [...all].sort();
}

function freshName(defs: readonly Definition[], inputs: readonly string[]): string {
  const taken = new Set([...defs.map((d) => d.name), ...inputs]);
  for (const n of ['f', 'F', 'g', 'h']) if (!taken.has(n)) return n;
  let i = 1;
  while (taken.has(`f_${i}`)) i++;
  return `f_${i}`;
}

export async function deriveOp(req: Request): Promise<Response> {
  const { defs, body } = await program(req);
  const inputs = inputsOf(defs, body);
  const wrt = wrtField(req, inputs);
  const check = boolField(req, 'check', true);
  const order = orderField(req);
  if (defs.length === 0) {
    const e = body!;
    const results: Record<string, Record<string, unknown>> = {};
    for (const w of wrt) {
      const first = derive(e, w);
      const d = order === 2 ? derive(first.result, w) : first;
      results[w] = { ...derivationJson(d, check), ...(order === 2 ? { first: derivationJson(first, check) } : {}) };
    }
    const main = results[wrt[0]!]!;
    return wrt.length === 1 ? main : { ...main, gradient: results };
  }
  if (order === 2) throw new ChainruleError('BAD_REQUEST', 'Second derivatives through definitions are not supported; substitute the definitions first.');
  // chain mode: the body (if any) becomes a definition of its own, the target
  const all = body ? [...defs, { name: freshName(defs, inputs), expr: body }] : defs;
  const target = all[all.length - 1]!.name;
  for (const w of wrt) if (all.some((d) => d.name === w)) throw fieldError('wrt', w, 'BAD_REQUEST', `${w} is a defined name; differentiate with respect to an input (${inputs.join(', ')}).`);
  const c = deriveChain(all, wrt, target);
  const substitutedTarget = substitute(sym(target), all);
  const substituted: Record<string, Expr> = {};
  const overall: Verdict[] = [];
  for (const w of wrt) {
    const flat = simplify(substitute(c.gradients[w]!, all)).result;
    substituted[w] = flat;
    if (check) overall.push(checkDerivative(substitutedTarget, w, flat));
  }
  if (check) for (const l of c.locals) overall.push(checkEquivalent(substitute(l.result, all), substitute(l.derivation.result, all)));
  const statuses: Status[] = [];
  const json = chainJson(c, check, substituted, statuses);
  const first = c.gradients[wrt[0]!]!;
  return {
    ...rendered(first),
    result: rendered(first).text,
    target,
    steps: chainSteps(c),
    chain: json,
    ...(check ? { check: { status: worst([combine(overall), ...statuses]), gradient: overall.slice(0, wrt.length) } } : {}),
  };
}
/** refuted beats unverifiable beats verified */
function worst(ss: readonly Status[]): Status {
  return ss.includes('refuted') ? 'refuted' : ss.every((x) => x === 'verified') ? 'verified' : 'unverifiable';
}

/** The chain as a readable list of steps: each local gradient, then each upstream gradient. */
function chainSteps(c: ReturnType<typeof deriveChain>): Array<Record<string, unknown>> {
  const locals = c.locals.map((l) => ({ rule: 'chain.local', label: `local gradient ∂${l.of}/∂${l.wrt}`, of: l.of, wrt: l.wrt, after: rendered(l.result).text, latex: rendered(l.result).latex }));
  const ups = c.adjoints.map((a) => ({
    rule: 'chain.upstream',
    label: `∂${c.target}/∂${a.name} = ${a.via.map((v) => `∂${c.target}/∂${v}·∂${v}/∂${a.name}`).join(' + ')}`,
    name: a.name,
    before: rendered(a.derivation.input).text,
    after: rendered(a.result).text,
    latex: rendered(a.result).latex,
  }));
  return [...locals, ...ups];
}

export async function simplifyOp(req: Request): Promise<Response> {
  const p = await parseField(req);
  if (p.program.definitions.length) throw new ChainruleError('BAD_REQUEST', 'simplify takes one expression, not definitions.');
  const check = boolField(req, 'check', true);
  const d = simplify(p.program.body!);
  return derivationJson(d, check);
}

