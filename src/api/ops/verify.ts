// `verify`: read the problem / expected answer (the caller's errors) and the student's answer or
// lines (a parse error there is a verdict, "parse-error", not a failed request), one call to
// verify(), the verdict decided by src/verify/verdict.ts and printed by src/render/verdictView.ts.
import type { Expr } from '../../ast/nodes.js';
import { ChainruleError } from '../../errors.js';
import { mainExpr } from '../../parse/index.js';
import { verify as verifyAnswer } from '../../verify/index.js';
import type { VerifyOptions } from '../../verify/types.js';
import { verdictView } from '../../render/verdictView.js';
import { decide } from '../../verify/verdict.js';
import { toApiError } from '../errors.js';
import { parseText, readingsJson, symbolField, withReadings, type ReadingJson } from '../fields.js';
import { substitute } from '../../derive/chain.js';
import { checkWrt } from '../../derive/wrt.js';
import { rolesReadings } from '../../derive/roles.js';
import { toUnicode } from '../../render/index.js';
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
  if (req.problem) {
    const p = await parseText('problem.expr', req.problem.expr, req);
    const wrt = symbolField('problem.wrt', req.problem.wrt, req.names);
    try {
      checkWrt(p, [wrt]);
    } catch (e) {
      if (!(e instanceof ChainruleError)) throw e;
      throw e.span ? fieldError('problem.expr', req.problem.expr, e.code, e.message, e.span) : fieldError('problem.wrt', req.problem.wrt, e.code, e.message, { start: 0, end: Math.max(1, req.problem.wrt.length) });
    }
    problem = { expr: substitute(mainExpr(p), p.program.definitions), wrt };
    readings = readingsJson('problem.expr', p, rolesReadings(p, [wrt], toUnicode));
  }
  const expected = req.expected !== undefined ? mainExpr(await parseText('expected', req.expected, req)) : undefined;
  if (!problem && !expected) throw new ChainruleError('BAD_REQUEST', 'Give a "problem" {"expr", "wrt"} or an "expected" answer.');
  const ranges = rangesOf(req);
  const opts: VerifyOptions = { ...(ranges ? { ranges } : {}), ...(req.requireSimplified ? { requireSimplified: true } : {}), ...(req.form ? { form: req.form } : {}) };
  // the student's answer: a parse error is a verdict
  let answer: Expr | undefined;
  if (req.answer !== undefined) {
    try {
      answer = mainExpr(await parseText('answer', req.answer, req));
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
        lines.push(mainExpr(await parseText(`lines[${i}]`, req.lines[i]!, req)));
      } catch (e) {
        if (!(e instanceof ChainruleError)) throw e;
        return { verdict: 'incorrect', method: 'parse-error', error: toApiError(e), lines: { ok: false, firstBad: i, fine: [] }, diagnosis: [] };
      }
    }
  }
  if (!answer && !lines) throw new ChainruleError('BAD_REQUEST', 'Give the student\'s "answer" or "lines".');
  const r = await verifyAnswer({ ...(problem ? { problem } : {}), ...(expected ? { expected } : {}), ...(answer ? { answer } : {}), ...(lines ? { lines } : {}), opts });
  return { ...verdictView(r, decide(r)), ...withReadings(readings) } as ResponseOf<'verify'>;
}
