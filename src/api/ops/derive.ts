// `derive` and `simplify`: read the program (expr and `given`), one domain call (deriveProgram /
// simplify), the check stage, serialize (serialize.ts).
import type { Definition } from '../../ast/nodes.js';
import type { Status } from '../../check/index.js';
import { checkChainStage, checkStage, type CheckedDerivation } from '../../check/stage.js';
import { substitute, type ChainDerivation } from '../../derive/chain.js';
import { DefinedWrt, deriveProgram, type Program } from '../../derive/program.js';
import { ChainruleError } from '../../errors.js';
import { CHAIN_STEP } from '../../rules/registry.js';
import { simplify as simplifyExpr } from '../../simplify/simplify.js';
import { fieldError } from '../errors.js';
import { parseText, readingsJson, symbolField, withReadings, type ReadingJson } from '../fields.js';
import { checkWrt } from '../../derive/wrt.js';
import { rolesReadings } from '../../derive/roles.js';
import { toUnicode } from '../../render/index.js';
import type { Parsed } from '../../parse/index.js';
import type { RequestOf, ResponseOf } from '../schema/index.js';
import { chainJson, derivationJson, forecastDerivation, rendered } from '../serialize.js';

/** The program of `expr`, after the definitions of `given`, and the parses it came from. */
async function programOf(req: RequestOf<'derive'>): Promise<Program & { parsed: { expr: Parsed; given?: Parsed } }> {
  const p = await parseText('expr', req.expr, req);
  const defs: Definition[] = [];
  let g: Parsed | undefined;
  if (req.given !== undefined) {
    g = await parseText('given', req.given, req);
    if (g.program.body) throw fieldError('given', req.given, 'BAD_REQUEST', '"given" holds definitions only (name = expression).');
    defs.push(...g.program.definitions);
  }
  for (const d of p.program.definitions) {
    if (defs.some((x) => x.name === d.name)) throw fieldError('expr', p.input, 'REDEFINITION', `${d.name} is already defined in "given".`, p.nameSpans.get(d.name));
    defs.push(d);
  }
  return { definitions: defs, body: p.program.body, parsed: { expr: p, ...(g ? { given: g } : {}) } };
}

/** `wrt`: one name, a list of names, or absent/"*" (every input: the empty list). */
function wrtOf(req: RequestOf<'derive'>): string[] {
  const v = req.wrt;
  if (v === undefined || v === '*') return [];
  const list = typeof v === 'string' ? [v] : v;
  if (list.length === 0) throw fieldError('wrt', '', 'BAD_REQUEST', 'The field "wrt" must be a variable name or a list of names.');
  return list.map((w) => symbolField('wrt', w, req.names));
}

/** The program as one parse: expr's, with the definitions of `given` before its own. */
function wholeParse(program: Awaited<ReturnType<typeof programOf>>): Parsed {
  const { expr } = program.parsed;
  return { ...expr, program: { ...expr.program, definitions: program.definitions } };
}

/** Every variable asked for must occur in what is differentiated: WRT_NOT_IN_EXPRESSION, not a
 * silent 0 (a `d/dx` inside the input is checked too, its error pointing at the operator). */
function checkVariables(program: Awaited<ReturnType<typeof programOf>>, wrt: readonly string[], req: RequestOf<'derive'>): void {
  if (!wrt.length) return;
  try {
    checkWrt(wholeParse(program), wrt);
  } catch (e) {
    if (!(e instanceof ChainruleError)) throw e;
    if (e.span) throw fieldError('expr', req.expr, e.code, e.message, e.span);
    const w = typeof req.wrt === 'string' ? req.wrt : (req.wrt ?? []).join(', ');
    throw fieldError('wrt', w, e.code, e.message, { start: 0, end: Math.max(1, w.length) });
  }
}

/** The readings of given and expr, with BCE's and MSE's argument roles for the variables. */
function readingsOf(program: Awaited<ReturnType<typeof programOf>>, vars: readonly string[]): ReadingJson[] {
  const { expr, given } = program.parsed;
  return [...(given ? readingsJson('given', given) : []), ...readingsJson('expr', expr, vars.length ? rolesReadings(wholeParse(program), vars, toUnicode) : [])];
}

export async function derive(req: RequestOf<'derive'>): Promise<ResponseOf<'derive'>> {
  const program = await programOf(req);
  const wrt = wrtOf(req);
  checkVariables(program, wrt, req);
  const check = req.check ?? true;
  let r;
  try {
    r = deriveProgram(program, wrt, req.order ?? 1);
  } catch (e) {
    if (e instanceof DefinedWrt) throw fieldError('wrt', e.wrt, 'BAD_REQUEST', e.message);
    throw e;
  }
  const readings = withReadings(readingsOf(program, r.mode === 'expression' ? r.results.map((x) => x.wrt) : r.substituted.map(([w]) => w)));
  if (r.mode === 'expression') {
    const results: Record<string, Record<string, unknown>> = {};
    for (const x of r.results) for (const d of x.first ? [x.derivation, x.first] : [x.derivation]) forecastDerivation(d);
    for (const x of r.results) {
      results[x.wrt] = { ...derivationJson(checkStage(x.derivation, check)), ...(x.first ? { first: derivationJson(checkStage(x.first, check)) } : {}) };
    }
    const main = results[r.results[0]!.wrt]!;
    return (r.results.length === 1 ? { ...main, ...readings } : { ...main, gradient: results, ...readings }) as ResponseOf<'derive'>;
  }
  const c = r.chain;
  // the check stage: every local and upstream derivation, then the whole-chain verdicts
  const checked = new Map<unknown, CheckedDerivation>();
  const statuses: Status[] = [];
  for (const x of [...c.locals, ...c.adjoints]) {
    const cd = checkStage(x.derivation, check);
    checked.set(x, cd);
    if (cd.check) statuses.push(cd.check.status);
  }
  const chainCheck = check
    ? checkChainStage({ substitutedTarget: r.substitutedTarget, flat: r.substituted, locals: c.locals.map((l) => [substitute(l.result, r.definitions), substitute(l.derivation.result, r.definitions)] as const) }, statuses)
    : undefined;
  const first = c.gradients[r.substituted[0]![0]]!;
  return {
    ...rendered(first),
    result: rendered(first).text,
    target: r.target,
    steps: chainSteps(c),
    chain: chainJson(c, checked, new Map(r.substituted)),
    ...(chainCheck ? { check: { status: chainCheck.status, gradient: chainCheck.gradient.map((v) => ({ ...v })) } } : {}),
    ...readings,
  } as ResponseOf<'derive'>;
}

/** The chain as a readable list of steps: each local gradient, then each upstream gradient. */
function chainSteps(c: ChainDerivation) {
  const locals = c.locals.map((l) => ({ rule: CHAIN_STEP.local.id, label: `local gradient ∂${l.of}/∂${l.wrt}`, of: l.of, wrt: l.wrt, after: rendered(l.result).text, latex: rendered(l.result).latex }));
  const ups = c.adjoints.map((a) => ({
    rule: CHAIN_STEP.upstream.id,
    label: `∂${c.target}/∂${a.name} = ${a.via.map((v) => `∂${c.target}/∂${v}·∂${v}/∂${a.name}`).join(' + ')}`,
    name: a.name,
    before: rendered(a.derivation.input).text,
    after: rendered(a.result).text,
    latex: rendered(a.result).latex,
  }));
  return [...locals, ...ups];
}

export async function simplify(req: RequestOf<'simplify'>): Promise<ResponseOf<'simplify'>> {
  const p = await parseText('expr', req.expr, req);
  if (p.program.definitions.length) throw new ChainruleError('BAD_REQUEST', 'simplify takes one expression, not definitions.');
  const d = simplifyExpr(p.program.body!);
  return derivationJson(checkStage(d, req.check ?? true)) as ResponseOf<'simplify'>;
}
