// The `verify` operation (docs/api.md): a problem (expr + wrt) or an expected answer, and the
// student's answer as typed (plain text or LaTeX) and/or the lines of a worked solution. A student
// answer that does not parse is a VERDICT (method "parse-error", with the position), not a failure;
// a malformed problem or expected answer is the caller's error.
import type { Expr } from '../ast/nodes.js';
import { ChainruleError } from '../errors.js';
import { canonicalSymbol, mainExpr, parseAsync } from '../parse/index.js';
import { toLatex, toText } from '../render/index.js';
import { verify } from '../verify/index.js';
import type { VerifyOptions } from '../verify/types.js';
import { inField, inFieldAsync, toApiError } from './errors.js';
import { namesField as namesOf, notationField as notationOf, parseField, stringField, type Request, type Response } from './ops.js';

async function exprField(req: Request, key: string): Promise<Expr> {
  return mainExpr(await parseField(req, key));
}

function rangesField(req: Request): VerifyOptions['ranges'] {
  const v = req['ranges'];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new ChainruleError('BAD_REQUEST', 'The field "ranges" must be an object such as {"y": [0, 1]}.');
  const out: Record<string, readonly [number, number]> = {};
  for (const [k, r] of Object.entries(v as Record<string, unknown>)) {
    if (!Array.isArray(r) || r.length !== 2 || !r.every((x) => typeof x === 'number' && Number.isFinite(x)) || !((r[0] as number) < (r[1] as number)))
      throw new ChainruleError('BAD_VALUE', `The range of ${k} must be [low, high] with low < high.`);
    out[inField(`ranges.${k}`, k, () => canonicalSymbol(k))] = [r[0] as number, r[1] as number];
  }
  return out;
}

export async function verifyOp(req: Request): Promise<Response> {
  const p = req['problem'];
  let problem: { expr: Expr; wrt: string } | undefined;
  if (p !== undefined && p !== null) {
    if (typeof p !== 'object' || Array.isArray(p)) throw new ChainruleError('BAD_REQUEST', 'The field "problem" must be {"expr": …, "wrt": …}.');
    const pr = p as Request;
    // the problem's expression is parsed with the request's names/notation; errors name its field
    const text = stringField(pr, 'expr', true);
    const expr = mainExpr(await inFieldAsync('problem.expr', text, () => parseAsync(text, { names: namesOf(req), notation: notationOf(req) })));
    const w = stringField(pr, 'wrt', true);
    problem = { expr, wrt: inField('problem.wrt', w, () => canonicalSymbol(w)) };
  }
  const expected = req['expected'] !== undefined && req['expected'] !== null ? await exprField(req, 'expected') : undefined;
  if (!problem && !expected) throw new ChainruleError('BAD_REQUEST', 'Give a "problem" {"expr", "wrt"} or an "expected" answer.');
  const form = req['form'];
  if (form !== undefined && form !== 'equal-comm-assoc' && form !== 'identical') throw new ChainruleError('BAD_REQUEST', 'The field "form" must be "equal-comm-assoc" or "identical".');
  const ranges = rangesField(req);
  const opts: VerifyOptions = {
    ...(ranges ? { ranges } : {}),
    ...(req['requireSimplified'] === true ? { requireSimplified: true } : {}),
    ...(form ? { form } : {}),
  };
  // the student's answer: a parse error is a verdict
  let answer: Expr | undefined;
  if (req['answer'] !== undefined && req['answer'] !== null) {
    try {
      answer = await exprField(req, 'answer');
    } catch (e) {
      if (!(e instanceof ChainruleError)) throw e;
      return { verdict: 'incorrect', method: 'parse-error', error: toApiError(e), diagnosis: [] };
    }
  }
  const linesIn = req['lines'];
  let lines: Expr[] | undefined;
  if (linesIn !== undefined && linesIn !== null) {
    if (!Array.isArray(linesIn) || !linesIn.every((l) => typeof l === 'string')) throw new ChainruleError('BAD_REQUEST', 'The field "lines" must be an array of strings.');
    lines = [];
    for (let i = 0; i < linesIn.length; i++) {
      try {
        lines.push(await exprField({ ...req, [`lines[${i}]`]: linesIn[i] }, `lines[${i}]`));
      } catch (e) {
        if (!(e instanceof ChainruleError)) throw e;
        return { verdict: 'incorrect', method: 'parse-error', error: toApiError(e), lines: { ok: false, firstBad: i, fine: [] }, diagnosis: [] };
      }
    }
  }
  if (!answer && !lines) throw new ChainruleError('BAD_REQUEST', 'Give the student\'s "answer" or "lines".');
  const r = await verify({ ...(problem ? { problem } : {}), ...(expected ? { expected } : {}), ...(answer ? { answer } : {}), ...(lines ? { lines } : {}), opts });
  const eq = r.equivalence;
  const out: Response = {
    verdict: eq ? eq.verdict : r.lines?.ok ? 'correct' : r.lines?.firstBad !== undefined ? 'incorrect' : 'undetermined',
    method: eq?.method ?? 'lines',
    expected: { text: toText(r.expected), latex: toLatex(r.expected) },
    diagnosis: r.diagnosis.map((f) => ({ id: f.id, message: f.message, latex: f.latex, ...(f.expr ? { expr: toText(f.expr) } : {}) })),
  };
  if (eq?.reason) out['reason'] = eq.reason;
  if (eq?.counterexample) out['counterexample'] = eq.counterexample;
  if (eq?.conditions?.length) out['conditions'] = eq.conditions.map((c) => `${toText(c)} != 0`);
  if (r.lines) {
    out['lines'] = {
      ok: r.lines.ok,
      ...(r.lines.firstBad !== undefined ? { firstBad: r.lines.firstBad } : {}),
      fine: r.lines.fine,
      findings: r.lines.findings.map((f) => ({ id: f.id, message: f.message, latex: f.latex })),
    };
  }
  return out;
}
