// `derive` and `simplify`: read the program (expr and `given`), one domain call (deriveProgram /
// simplify), the check stage, serialize (serialize.ts). `steps` chooses the detail: textbook
// (named parts for one expression that nests or repeats), full (every rewrite), none (results).
import type { Definition, Expr } from '../../ast/nodes.js';
import type { Span } from '../../ast/spans.js';
import { children, equal, findNode } from '../../ast/traverse.js';
import type { Status } from '../../check/index.js';
import { checkChainStage, checkStage, type CheckedDerivation } from '../../check/stage.js';
import { substitute, type ChainDerivation } from '../../derive/chain.js';
import { DefinedWrt, deriveProgram, type ChainResult, type Program, type ProgramDerivation, type StepsLevel } from '../../derive/program.js';
import type { Derivation } from '../../trace/types.js';
import { ChainruleError } from '../../errors.js';
import { CHAIN_STEP } from '../../rules/registry.js';
import { simplify as simplifyExpr } from '../../simplify/simplify.js';
import { fieldError } from '../errors.js';
import { parseText, readingsJson, symbolField, withReadings, type ReadingJson } from '../fields.js';
import { checkWrt } from '../../derive/wrt.js';
import { rolesReadings } from '../../derive/roles.js';
import { carryOut } from '../../derive/derive.js';
import { containsDiff } from '../../ast/hash.js';
import { toText, toUnicode } from '../../render/index.js';
import { sym } from '../../ast/build.js';
import { checkDerivative, combine, type Verdict } from '../../check/index.js';
import type { Parsed } from '../../parse/index.js';
import type { RequestOf, ResponseOf } from '../schema/index.js';
import { chainJson, derivationJson, factorsJson, forecastDerivation, latexInScope as toLatex, partsJson, rendered, withSpellings } from '../serialize.js';
import { printedLeaves } from '../../ast/hash.js';
import { undefinedConstantCarefully } from '../../numeric/undefinedConstant.js';
import type { Reading as ParseReading } from '../../parse/index.js';
import { checkAgainstWrt, checkedUnder, extendUnder, readAssume } from '../assume.js';
import { type Assumptions, useAssumptions } from '../../derive/assume.js';

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
function checkVariables(program: Awaited<ReturnType<typeof programOf>>, wrt: readonly string[], req: RequestOf<'derive'>, operator?: Span): void {
  if (!wrt.length) return;
  try {
    checkWrt(wholeParse(program), wrt);
  } catch (e) {
    if (!(e instanceof ChainruleError)) throw e;
    // without wrt the variable is the operator's (d/dwσ(wx)): the error points at the operator
    const span = e.span ?? (req.wrt === undefined ? operator : undefined);
    if (span) throw fieldError('expr', req.expr, e.code, e.message, span);
    const w = typeof req.wrt === 'string' ? req.wrt : (req.wrt ?? []).join(', ');
    throw fieldError('wrt', w, e.code, e.message, { start: 0, end: Math.max(1, w.length) });
  }
}

type AskedProgram = Awaited<ReturnType<typeof programOf>>;

/** `derive "d/dw f"` asks for the derivative of f with respect to w: without `wrt` the operator
 * is carried out as written (not the gradient of d/dw f over every input, which would be second
 * derivatives nobody asked for). With `wrt` naming the operator's variable too, it is literally
 * d/dw(d/dw f), the second derivative: done, with a DERIVATIVE_TWICE reading saying so. */
function operatorApplied(asked: AskedProgram, wrt: string[], req: RequestOf<'derive'>): { program: AskedProgram; wrt: string[]; twice: ReadingJson[] } {
  const body = asked.body;
  if (body?.kind !== 'diff') {
    if (req.wrt === undefined && body?.hasDiff) throw operatorInside(asked, body, req);
    return { program: asked, wrt, twice: [] };
  }
  if (req.wrt === undefined) return { program: { ...asked, body: body.arg }, wrt: [body.wrt], twice: [] };
  if (!wrt.includes(body.wrt)) return { program: asked, wrt, twice: [] };
  const pe = asked.parsed.expr;
  const v = toUnicode(sym(body.wrt));
  const reading = {
    code: 'DERIVATIVE_TWICE' as const,
    span: pe.spans.get(body) ?? { start: 0, end: pe.input.length },
    read: `d/d${v}(d/d${v} …): the second derivative`,
    alternative: `leave out wrt to differentiate once`,
    message: `The expression is already a derivative with respect to ${v}, and wrt asks for d/d${v} again: this is the second derivative. Leave out wrt to differentiate once.`,
  };
  return { program: asked, wrt, twice: readingsJson('expr', { ...pe, readings: [] }, [reading]) };
}

/** OPERATOR_INSIDE: without `wrt`, an input with a derivative operator that is only part of it
 * (`d/dw (w^2) + 1`, `x·d/dx(x²)`) does not say what to differentiate: the gradient over every input
 * of the input with its operator carried out answered 2 for `d/dw (w^2) + 1`, "verified", where the
 * user meant d/dw(w² + 1) or 2w + 1. Refused at the operator, with the three ways to say it. */
function operatorInside(asked: AskedProgram, body: Expr, req: RequestOf<'derive'>): ChainruleError {
  const op = findNode(body, (x) => x.kind === 'diff') as Extract<Expr, { kind: 'diff' }>;
  const v = toText(sym(op.wrt));
  const span = asked.parsed.expr.spans.get(op);
  return fieldError(
    'expr',
    req.expr,
    'OPERATOR_INSIDE',
    `d/d${v} applies to ${toText(op.arg)} only, one part of the input: to differentiate the whole input put it all in the operator's brackets (d/d${v}(…)); to differentiate the input with the operator carried out give wrt; to carry the operator out, use simplify.`,
    span,
  );
}

/** The readings of given and expr, with BCE's and MSE's argument roles for the variables, and
 * RESULT_IN_NAMES for each gradient given in the names because its form in the inputs is large. */
function readingsOf(program: Awaited<ReturnType<typeof programOf>>, vars: readonly string[], r: ProgramDerivation): ReadingJson[] {
  const { expr, given } = program.parsed;
  const kept = r.mode === 'chain' ? resultInNames(r, expr.input.length) : [];
  const roles = (p: Parsed) => (vars.length ? rolesReadings(p, vars, toUnicode, program.definitions) : []);
  return [...(given ? readingsJson('given', given, roles(given)) : []), ...readingsJson('expr', expr, [...roles(expr), ...kept])];
}

/** One reading per variable whose gradient stays in the names (its form in the inputs past
 * SUBSTITUTED_CAP): the whole input is its span; English here, Korean through src/i18n/localise. */
function resultInNames(r: ChainResult, length: number): ParseReading[] {
  return (r.keptInNames ?? []).map((w) => {
    const g = `∂${toUnicode(sym(r.target))}/∂${toUnicode(sym(w))}`;
    const chars = printedLeaves(r.substituted.find(([v]) => v === w)![1]);
    const where = r.parts ? 'the names of the parts (listed in `parts`)' : 'the names of the definitions';
    return {
      code: 'RESULT_IN_NAMES',
      span: { start: 0, end: Math.max(1, length) },
      read: `${g} in the names`,
      alternative: `in the inputs: at least ${chars} characters`,
      message: `${g} is given in ${where}${r.chain.factors ? ' and named upstream factors (listed in `factors`)' : ''}: written in the inputs it would print at least ${chars.toLocaleString('en')} characters.`,
    };
  });
}

export async function derive(req: RequestOf<'derive'>): Promise<ResponseOf<'derive'>> {
  // with shapes: a matrix program (src/tensor), not the commutative scalar engine
  if (req.shapes) return (await import('./matrix.js')).deriveMatrixOp(req, req.shapes);
  const asked = await programOf(req);
  await refuseUndefined(asked.parsed.expr, 'expr');
  if (asked.parsed.given) await refuseUndefined(asked.parsed.given, 'given');
  const { program, wrt, twice } = operatorApplied(asked, wrtOf(req), req);
  checkVariables(program, wrt, req, asked.body?.kind === 'diff' ? asked.parsed.expr.spans.get(asked.body) : undefined);
  const check = req.check ?? true;
  const assume = await readAssume(req.assume, req);
  const steps: StepsLevel = req.steps ?? 'textbook';
  let r;
  try {
    r = deriveProgram(program, wrt, req.order ?? 1, { steps, names: [...(req.names ?? []), ...(req.functions ?? [])] });
  } catch (e) {
    if (e instanceof DefinedWrt) throw fieldError('wrt', e.wrt, 'BAD_REQUEST', e.message);
    throw e;
  }
  const readings = withReadings([...twice, ...readingsOf(program, r.mode === 'expression' ? r.results.map((x) => x.wrt) : r.substituted.map(([w]) => w), r)]);
  if (r.mode === 'expression' && program.body) for (const x of r.results) refuseUnfolded(program.parsed.expr, x.derivation.result);
  checkAgainstWrt(assume, r.mode === 'expression' ? r.results.map((x) => x.wrt) : r.substituted.map(([w]) => w), req.assume ?? '');
  const { expr: pe, given: pg } = program.parsed;
  return withSpellings(new Map([...pe.spellings, ...(pg?.spellings ?? [])]), () =>
    steps === 'none' ? ({ ...resultOnly(r, check), ...readings } as ResponseOf<'derive'>) : serializeDerive(r, readings, check, assume),
  );
}

/** The response of derive, printed in the user's spellings (withSpellings around it). */
function serializeDerive(r: ReturnType<typeof deriveProgram>, readings: { readings?: ReadingJson[] }, check: boolean, assume: Assumptions | undefined): ResponseOf<'derive'> {
  if (r.mode === 'expression') {
    const results: Record<string, Record<string, unknown>> = {};
    for (const x of r.results) for (const d of x.first ? [x.derivation, x.first] : [x.derivation]) forecastDerivation(d);
    for (const x of r.results) {
      const d = assume ? extendUnder(x.derivation, assume) : x.derivation;
      results[x.wrt] = { ...derivationJson(checkedUnder(d, assume, check)), ...(x.first ? { first: derivationJson(checkStage(x.first, check)) } : {}) };
    }
    const main = results[r.results[0]!.wrt]!;
    return (r.results.length === 1 ? { ...main, ...readings } : { ...main, gradient: results, ...readings }) as ResponseOf<'derive'>;
  }
  const c = r.chain;
  // the check stage: every local and upstream derivation (and, through named parts, each
  // substitution back), then the whole-chain verdicts
  const checked = new Map<unknown, CheckedDerivation>();
  const statuses: Status[] = [];
  for (const x of [...c.locals, ...c.adjoints]) {
    const cd = checkStage(x.derivation, check);
    checked.set(x, cd);
    if (cd.check) statuses.push(cd.check.status);
  }
  const substitutions = new Map<string, CheckedDerivation>();
  for (const b of r.parts?.back ?? []) {
    const cd = checkStage(b.derivation, check);
    substitutions.set(b.wrt, cd);
    if (cd.check) statuses.push(cd.check.status);
  }
  const chainCheck = check
    ? checkChainStage(
        {
          substitutedTarget: r.substitutedTarget,
          flat: r.substituted,
          locals: c.locals.map((l) => [substitute(l.result, r.definitions), substitute(l.derivation.result, r.definitions)] as const),
          premises: chainPremises(r).premises ?? [],
        },
        statuses,
      )
    : undefined;
  // under `assume`: each substituted gradient simplified with the assumptions, in named steps;
  // through named parts the names are the engine's: the result is in the input's variables,
  // unless its form there is too large to show (keptInNames: the result stays in the names)
  const shown = r.substituted.filter(([w]) => !r.keptInNames?.includes(w));
  const chain = chainJson(c, checked, new Map(shown), substitutions) as { gradients: Record<string, Record<string, unknown>> };
  const w0 = r.substituted[0]![0];
  let first: Expr = r.parts && !r.keptInNames?.includes(w0) ? r.substituted[0]![1] : c.gradients[w0]!;
  for (const [w, flat] of assume ? shown : []) {
    const d = useAssumptions(flat, assume!, r.definitions);
    if (!d) continue;
    chain.gradients[w]!['assumed'] = derivationJson(checkedUnder(d, assume, check, r.definitions));
    if (w === r.substituted[0]![0]) first = d.result;
  }
  return {
    ...rendered(first),
    result: rendered(first).text,
    target: r.target,
    steps: chainSteps(c, r),
    chain,
    ...(chainCheck ? { check: { status: chainCheck.status, gradient: chainCheck.gradient.map((v) => ({ ...v })) } } : {}),
    ...readings,
    ...(r.parts ? { parts: partsJson(r.definitions, r.parts.names) } : {}),
    ...(c.factors ? { factors: factorsJson(c) } : {}),
  } as ResponseOf<'derive'>;
}

/** What a result-only check must know of its derivation: CE's premise, definitions by index. */
const resultCheckOptions = (d: Derivation) => ({ ...(d.premises ? { premises: d.premises } : {}), ...(d.definitions ? { definitions: d.definitions } : {}) });

/** `steps: "none"`: the results, each checked against a numerical derivative of the input. */
/** The premises the chain's local derivations used (CE(y, t): Σ_k t_k = 1), as check options. */
function chainPremises(r: ChainResult): { premises?: Expr[] } {
  const premises = r.chain.locals.flatMap((l) => l.derivation.premises ?? []);
  return premises.length ? { premises } : {};
}

function resultOnly(r: ProgramDerivation, check: boolean): Record<string, unknown> {
  const rows: { wrt: string; result: Expr; substituted?: Expr; verdict: () => Verdict[] }[] =
    r.mode === 'expression'
      ? r.results.map((x) => ({
          wrt: x.wrt,
          result: x.derivation.result,
          verdict: () => [...(x.first ? [checkDerivative(x.first.input, x.wrt, x.first.result)] : []), checkDerivative(x.derivation.input, x.wrt, x.derivation.result, resultCheckOptions(x.derivation))],
        }))
      : r.substituted.map(([w, flat]) => {
          // past the cap the result stays in the names (flat is then only for the check)
          const kept = r.keptInNames?.includes(w) ?? false;
          return {
            wrt: w,
            result: r.parts && !kept ? flat : r.chain.gradients[w]!,
            ...(r.parts || kept ? {} : { substituted: flat }),
            verdict: () => [checkDerivative(r.substitutedTarget, w, flat, chainPremises(r))],
          };
        });
  const gradient = Object.fromEntries(rows.map((x) => [x.wrt, { ...rendered(x.result), ...(x.substituted ? { substituted: rendered(x.substituted) } : {}) }]));
  const verdicts = check ? rows.map((x) => x.verdict()) : [];
  const main = rows[0]!;
  return {
    wrt: main.wrt,
    ...rendered(main.result),
    result: toText(main.result),
    ...(rows.length > 1 || main.substituted ? { gradient } : {}),
    ...(check ? { check: { status: combine(verdicts.flat()), gradient: verdicts.map((v) => ({ ...v[v.length - 1]! })) } } : {}),
    // a result in names comes with what the names stand for
    ...(r.mode === 'chain' && r.keptInNames && r.parts ? { parts: partsJson(r.definitions, r.parts.names) } : {}),
    ...(r.mode === 'chain' && r.chain.factors ? { factors: factorsJson(r.chain) } : {}),
  };
}

/** The chain as a readable list of steps: each local gradient, then each upstream gradient
 * (through named parts: first the parts named, last each gradient substituted back). */
function chainSteps(c: ChainDerivation, r: ChainResult) {
  const locals = c.locals.map((l) => ({ rule: CHAIN_STEP.local.id, label: `local gradient ∂${l.of}/∂${l.wrt}`, of: l.of, wrt: l.wrt, after: rendered(l.result).text, latex: rendered(l.result).latex }));
  const ups = c.adjoints.map((a) => ({
    rule: CHAIN_STEP.upstream.id,
    label: `∂${c.target}/∂${a.name} = ${a.via.map((v) => `∂${c.target}/∂${v}·∂${v}/∂${a.name}`).join(' + ')}`,
    name: a.name,
    before: rendered(a.derivation.input).text,
    after: rendered(a.result).text,
    latex: rendered(a.result).latex,
  }));
  if (!r.parts) return [...locals, ...ups];
  const introduced = r.definitions.filter((d) => r.parts!.names.includes(d.name));
  const named = {
    rule: CHAIN_STEP.parts.id,
    label: `${CHAIN_STEP.parts.label}: ${introduced.map((d) => `${toUnicode(sym(d.name))} = ${toUnicode(d.expr)}`).join(', ')}`,
    after: toText(sym(c.target)),
    latex: introduced.map((d) => `${toLatex(sym(d.name))} = ${toLatex(d.expr)}`).join(',\\ '),
  };
  const back = r.parts.back.map((b) => ({
    rule: CHAIN_STEP.substitute.id,
    label: `${CHAIN_STEP.substitute.label}: ∂${toUnicode(sym(c.target))}/∂${toUnicode(sym(b.wrt))}`,
    name: b.wrt,
    before: toText(c.gradients[b.wrt]!),
    after: toText(b.derivation.result),
    latex: toLatex(b.derivation.result),
  }));
  return [named, ...locals, ...ups, ...back];
}

export async function simplify(req: RequestOf<'simplify'>): Promise<ResponseOf<'simplify'>> {
  const p = await parseText('expr', req.expr, req);
  if (p.program.definitions.length) throw new ChainruleError('BAD_REQUEST', 'simplify takes one expression, not definitions.');
  const assume = await readAssume(req.assume, req);
  await refuseUndefined(p, 'expr');
  const body = p.program.body!;
  // an operator in the input is carried out (simplify "d/dw (w^2 x)" is 2wx, not the operator echoed)
  const simplified = containsDiff(body) ? carryOut(body) : simplifyExpr(body);
  refuseUnfolded(p, simplified.result);
  const d = assume ? extendUnder(simplified, assume) : simplified;
  const checked = checkedUnder(d, assume, req.check ?? true);
  return { ...withSpellings(p.spellings, () => derivationJson(checked)), ...withReadings(readingsJson('expr', p)) } as ResponseOf<'simplify'>;
}

/** A power of two numbers left in a simplified result could not be computed exactly (its value
 * has more than MAX_BITS bits: 2^99999999999/2^99999999998): refuse it, pointing at the power
 * the user typed, rather than echo the input as if it were simplified. */
function refuseUnfolded(p: Parsed, result: Expr): void {
  const isNum = (e: Expr) => e.kind === 'num' || (e.kind === 'neg' && e.arg.kind === 'num');
  const isInt = (e: Expr): boolean => (e.kind === 'num' ? e.d === 1n : e.kind === 'neg' && isInt(e.arg));
  const stuck = (e: Expr): Expr | undefined => {
    if (e.kind === 'pow' && isNum(e.base) && isInt(e.exp) && !isZero(e.base)) return e;
    for (const c of children(e)) {
      const f = stuck(c);
      if (f) return f;
    }
    return undefined;
  };
  const left = stuck(result);
  if (!left) return;
  const typed = (p.program.body && findNode(p.program.body, (e) => equal(e, left))) ?? (p.program.body && stuck(p.program.body));
  throw fieldError('expr', p.input, 'EXPONENT_TOO_LARGE', `${toUnicode(left)} is too large to compute exactly, so this cannot be simplified; use smaller exponents.`, typed ? p.spans.get(typed) : undefined);
}

/** A constant part with no value (1/0, log 0) leaves the whole without a value at every point:
 * refused with DOMAIN where it was typed, never derived formally and reported as checked. */
async function refuseUndefined(p: Parsed, field: 'expr' | 'given'): Promise<void> {
  const roots = [...p.program.definitions.map((d) => d.expr), ...(p.program.body ? [p.program.body] : [])];
  for (const r of roots) {
    const u = await undefinedConstantCarefully(r);
    if (u) throw fieldError(field, p.input, 'DOMAIN', `${toUnicode(u.node)} has no value (${u.message}), so the expression is undefined at every point.`, p.spans.get(u.node));
  }
}

const isZero = (e: Expr): boolean => (e.kind === 'num' ? e.n === 0n : e.kind === 'neg' && isZero(e.arg));

