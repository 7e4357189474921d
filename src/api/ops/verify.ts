// `verify`: read the problem / expected answer (the caller's errors) and the student's answer or
// lines (a parse error there is a verdict, "parse-error", not a failed request), one call to
// verify(), the verdict decided by src/verify/verdict.ts and printed by src/render/verdictView.ts.
import { int, neg, rat } from '../../ast/build.js';
import type { Definition, Expr } from '../../ast/nodes.js';
import { isFamily } from '../../ast/indices.js';
import { substituteSymbols } from '../../ast/traverse.js';
import { type Assumptions, constrain, rangesOf as assumedRanges } from '../../derive/assume.js';
import type { VerifyInput, VerifyResult } from '../../verify/index.js';
import { checkAgainstWrt, readAssume } from '../assume.js';
import { ChainruleError } from '../../errors.js';
import { mainExpr, respell } from '../../parse/index.js';
import { verify as verifyAnswer } from '../../verify/index.js';
import type { VerifyOptions } from '../../verify/types.js';
import { verdictView } from '../../render/verdictView.js';
import { decide, withPremise } from '../../verify/verdict.js';
import { toApiError } from '../errors.js';
import { parseText, readingsJson, symbolField, withReadings, type ReadingJson } from '../fields.js';
import { substitute } from '../../derive/chain.js';
import { checkWrt } from '../../derive/wrt.js';
import { deriveProgram, resolveOperators } from '../../derive/program.js';
import { rolesReadings } from '../../derive/roles.js';
import { toText, toUnicode } from '../../render/index.js';
import { fieldError } from '../errors.js';
import type { RequestOf, ResponseOf } from '../schema/index.js';

function rangesOf(req: RequestOf<'verify'>): VerifyOptions['ranges'] {
  if (!req.ranges) return undefined;
  const out: Record<string, readonly [number, number]> = {};
  for (const [k, r] of Object.entries(req.ranges)) {
    if (r.length !== 2 || !r.every((x) => Number.isFinite(x)) || !(r[0]! < r[1]!)) throw new ChainruleError('BAD_VALUE', `The range of ${k} must be [low, high] with low < high.`);
    out[symbolField(`ranges.${k}`, k)] = [r[0]!, r[1]!];
  }
  return out;
}

export async function verify(req: RequestOf<'verify'>): Promise<ResponseOf<'verify'>> {
  // with shapes: a matrix answer (src/tensor)
  if (req.shapes) return (await import('./matrix.js')).verifyMatrixOp(req, req.shapes);
  // a problem given as definitions (`z = wx + b; y = σ(z); L = BCE(y, ŷ)`) is its target with every
  // definition substituted, not its last definition alone
  let problem: { expr: Expr; wrt: string } | undefined;
  let readings: ReadingJson[] = [];
  // the spellings the user typed (problem first, then expected, then answer): results print in them
  let spellings = new Map<string, string>();
  let defs: readonly Definition[] = [];
  let atNode: Expr | undefined;
  if (req.problem) {
    const p = await parseText('problem.expr', req.problem.expr, req);
    spellings = new Map(p.spellings);
    const wrt = symbolField('problem.wrt', req.problem.wrt, req.names);
    try {
      checkWrt(p, [wrt]);
    } catch (e) {
      if (!(e instanceof ChainruleError)) throw e;
      throw e.span ? fieldError('problem.expr', req.problem.expr, e.code, e.message, e.span) : fieldError('problem.wrt', req.problem.wrt, e.code, e.message, { start: 0, end: Math.max(1, req.problem.wrt.length) });
    }
    // definitions by index (s_i = …) are derived in their names (derive/indexedChain.ts); verify
    // has no numeric meaning for them yet: say so where the first one is defined
    const family = p.program.definitions.find(isFamily);
    if (family)
      throw fieldError('problem.expr', req.problem.expr, 'UNSUPPORTED_INDEX', `verify does not take definitions by index (${family.name} = …) yet: derive them (derive … --wrt ${wrt}) and compare the answer with that result as "expected".`, p.nameSpans.get(family.name));
    defs = p.program.definitions;
    if (defs.some((d) => d.name === wrt)) {
      // by a defined name z (∂L/∂z): the gradient at that node as derive gives it (z's definition set
      // aside), then written in the inputs, like the answer: the expected answer was 0 (z substituted
      // away before differentiating). Compared as an expected answer (no diagnosis of the steps).
      const r = deriveProgram({ definitions: defs, body: p.program.body }, [wrt], 1, { steps: 'none' });
      if (r.mode === 'chain') atNode = substitute(r.substituted[0]![1], defs);
    }
    if (!atNode) problem = { expr: substitute(mainExpr(p), defs), wrt };
    readings = readingsJson('problem.expr', p, rolesReadings(p, [wrt], toUnicode));
  }
  const pExpected = req.expected !== undefined ? await parseText('expected', req.expected, req) : undefined;
  const expected = pExpected ? mainExpr(pExpected) : atNode;
  if (pExpected) {
    spellings = new Map([...pExpected.spellings, ...spellings]);
    readings.push(...readingsJson('expected', pExpected));
  }
  if (!problem && !expected) throw new ChainruleError('BAD_REQUEST', 'Give a "problem" {"expr", "wrt"} or an "expected" answer.');
  const ranges = rangesOf(req);
  const opts: VerifyOptions = { ...(ranges ? { ranges } : {}), ...(req.requireSimplified ? { requireSimplified: true } : {}), ...(req.form ? { form: req.form } : {}) };
  // the student's answer: a parse error is a verdict
  let answer: Expr | undefined;
  if (req.answer !== undefined) {
    try {
      const pa = await parseText('answer', await unlabelled(req.answer, req, problem?.wrt), req);
      answer = mainExpr(pa);
      // how the answer was read (3w^(2) as 3w₂, w^2/2w as w²/(2w)): a verdict on a misread answer says so
      readings.push(...readingsJson('answer', { ...pa, input: req.answer }));
      spellings = new Map([...pa.spellings, ...spellings]);
    } catch (e) {
      if (!(e instanceof ChainruleError)) throw e;
      return { verdict: 'incorrect', method: 'parse-error', error: toApiError(e), diagnosis: [] };
    }
  }
  let lines: Expr[] | undefined;
  if (req.lines !== undefined) {
    lines = [];
    for (let i = 0; i < req.lines.length; i++) {
      try {
        const pl = await parseText(`lines[${i}]`, req.lines[i]!, req);
        lines.push(mainExpr(pl));
        readings.push(...readingsJson(`lines[${i}]`, pl));
      } catch (e) {
        if (!(e instanceof ChainruleError)) throw e;
        return { verdict: 'incorrect', method: 'parse-error', error: toApiError(e), lines: { ok: false, firstBad: i, fine: [] }, diagnosis: [] };
      }
    }
  }
  if (!answer && !lines) throw new ChainruleError('BAD_REQUEST', 'Give the student\'s "answer" or "lines".');
  const assume = await readAssume(req.assume, req);
  if (problem) checkAgainstWrt(assume, [problem.wrt], req.assume ?? '');
  // an answer may use the problem's defined names (y1 − t1 with y1 = e^a1/(…)): substitute them
  const given: Inputs = {
    ...(problem ? { problem } : {}),
    ...(expected ? { expected } : {}),
    ...(answer ? { answer: substitute(throughNames(answer, defs), defs) } : {}),
    ...(lines ? { lines: lines.map((l) => substitute(throughNames(l, defs), defs)) } : {}),
  };
  const r = await verifyUnder(given, opts, assume);
  let decision = decide(r);
  if (assume && decision.verdict === 'correct') {
    // correct only under the assumptions? then say which ones it needs ("correct if 0 < p < 1")
    const all = [...assume.facts, ...assume.constraints];
    const without = await verifyUnder(given, opts, undefined);
    if (decide(without).verdict !== 'correct') {
      const needed = [];
      for (const x of all.length <= 4 ? all : []) {
        const rest = { facts: assume.facts.filter((f) => f !== x), constraints: assume.constraints.filter((c) => c !== x) };
        if (decide(await verifyUnder(given, opts, rest)).verdict !== 'correct') needed.push(x);
      }
      decision = withPremise(decision, (needed.length ? needed : all).map((x) => ({ text: x.text, constraint: x.kind === 'linear' })));
    }
  }
  const view = verdictView(r, decision);
  // text in the user's spelling (typed w2 → w2); the LaTeX keeps LaTeX's own (w_{2})
  const spelled = (e: Expr) => toText(respell(e, spellings));
  const diagnosis = view.diagnosis.map((f, i) => (f.expr !== undefined && r.diagnosis[i]?.expr ? { ...f, expr: spelled(r.diagnosis[i].expr) } : f));
  return { ...view, expected: { ...view.expected, text: spelled(r.expected) }, diagnosis, ...withReadings(readings) } as ResponseOf<'verify'>;
}

type Inputs = Omit<VerifyInput, 'opts'>;

/** verify() under assumptions: each constraint substituted in every expression, the domain facts
 * as sampling ranges (a range the request gives itself wins), and for value sets (t ∈ {0, 1})
 * once per combination of values (at most 16), the first verdict that is not `correct` kept. */
async function verifyUnder(given: Inputs, opts: VerifyOptions, a: Assumptions | undefined): Promise<VerifyResult> {
  if (!a) return verifyAnswer({ ...given, opts });
  const ranges = { ...assumedRanges(a), ...(opts.ranges ?? {}) };
  const o: VerifyOptions = { ...opts, ...(Object.keys(ranges).length ? { ranges } : {}) };
  let last: VerifyResult | undefined;
  for (const values of valueCombinations(a)) {
    const f = (e: Expr) => substituteSymbols(constrain(e, a.constraints), values);
    const g: Inputs = {
      ...(given.problem ? { problem: { ...given.problem, expr: f(given.problem.expr) } } : {}),
      ...(given.expected ? { expected: f(given.expected) } : {}),
      ...(given.answer ? { answer: f(given.answer) } : {}),
      ...(given.lines ? { lines: given.lines.map(f) } : {}),
    };
    last = await verifyAnswer({ ...g, opts: o });
    if (decide(last).verdict !== 'correct') return last;
  }
  return last!;
}

/** Every combination of the value sets' members (one empty map without sets); at most 16. */
function valueCombinations(a: Assumptions): Array<Map<string, Expr>> {
  let out: Array<Map<string, Expr>> = [new Map()];
  for (const f of a.facts) {
    if (f.kind !== 'set') continue;
    const next = out.flatMap((m) => f.values.map((v) => new Map([...m, [f.name, numberExpr(v)]])));
    if (next.length > 16) break;
    out = next;
  }
  return out;
}

function numberExpr(v: number): Expr {
  const e = int(Math.trunc(Math.abs(v)));
  const n = Number.isInteger(v) ? e : rat(BigInt(Math.round(Math.abs(v) * 1e6)), 1_000_000n);
  return v < 0 ? neg(n) : n;
}
/** An operator over the problem's names, as in the worked line `dL/dz · dz/dw` (Leibniz), is
 * carried out through the definitions as derive does (∂L/∂z with L = BCE(σ(z), ŷ)), before the
 * names are substituted — substituting first would leave nothing in z to differentiate. */
function throughNames(e: Expr, defs: readonly Definition[]): Expr {
  if (!defs.length) return e;
  const all = resolveOperators([...defs, { name: '\u0000line', expr: e }]);
  return all[all.length - 1]!.expr;
}

/** `dL/dw = (y − ŷ)x`: an answer written after its Leibniz label. The label names the derivative
 * asked for (its variable must be the problem's), so the answer is what follows the `=`; the label
 * is blanked, not cut, so that positions in the answer stay the user's. */
async function unlabelled(text: string, req: RequestOf<'verify'>, wrt: string | undefined): Promise<string> {
  const eq = text.indexOf('=');
  if (eq < 0 || text.indexOf('=', eq + 1) >= 0 || /[;\n]/.test(text)) return text;
  try {
    const lhs = mainExpr(await parseText('answer', text.slice(0, eq), req));
    if (lhs.kind !== 'diff' || (wrt !== undefined && lhs.wrt !== wrt)) return text;
  } catch {
    return text;
  }
  return ' '.repeat(eq + 1) + text.slice(eq + 1);
}
