// Checking a student's matrix answer for ∂L/∂W: read in the context of the program (its names and
// shapes), compared with the derived gradient at random matrices (m = 1 and m = 4), and, when
// wrong, diagnosed: a missing transpose (the answer does not even multiply, or its transpose is
// right), a gradient not of the variable's shape, the element-wise softmax shortcut. Every finding
// is confirmed numerically before it is named.
import { ChainruleError } from '../errors.js';
import { hashSeed } from '../numeric/random.js';
import { evaluate } from '../numeric/float.js';
import { instantiations, Instance, type MatCheckOptions } from './check.js';
import { deriveAll, gradient } from './derive.js';
import * as M from './expr.js';
import { canonicalMatName, latex, unicode } from './print.js';
import { readMatrices } from './read.js';
import { sameShape, type Shape, showShape } from './shape.js';
import type { MatExpr } from './types.js';
import { inField, MatrixFieldError, type MatrixRequest, readMatrixProgram } from './program.js';

export type MatrixFindingCode = 'MISSING_TRANSPOSE' | 'GRADIENT_SHAPE' | 'SOFTMAX_ELEMENTWISE';
export interface MatrixFinding {
  readonly code: MatrixFindingCode;
  readonly message: string;
}
export interface MatrixAnswerResult {
  readonly verdict: 'correct' | 'incorrect' | 'unverifiable';
  /** the expected gradient, forward names only */
  readonly expected: string;
  readonly expectedLatex: string;
  readonly shape: string;
  readonly findings: readonly MatrixFinding[];
  /** the answer as read, when it could be read */
  readonly answer?: string;
}

/** Entry values agree within rounding of two algebraically equal forms (src/check EXACT's 1e-9). */
const SAME = { rtol: 1e-9, atol: 1e-12 } as const;

export function verifyMatrixAnswer(req: Omit<MatrixRequest, 'check'> & { readonly answer: string; readonly check?: MatCheckOptions }): MatrixAnswerResult {
  const read = readMatrixProgram(req.given, req.expr, req.shapes);
  const wrt = canonicalMatName(req.wrt.trim());
  const d = inField('expr', () => deriveAll(read.program, read.loss));
  const g = inField('wrt', () => gradient(d, wrt));
  const expected = unicode(g.expanded);
  const expectedLatex = latex(g.expanded);
  const shape = showShape(g.shape);
  const known = new Map<string, Shape>(d.shapes);
  let answer: MatExpr;
  try {
    const r = inField('answer', () => readMatrices(req.answer, known));
    if (!r.body) throw new ChainruleError('UNEXPECTED_TOKEN', 'The answer is an expression, not a definition.');
    answer = r.body;
  } catch (e) {
    if (e instanceof ChainruleError && e.code === 'SHAPE_MATMUL' && e.message.includes('is a transpose missing?')) {
      return { verdict: 'incorrect', expected, expectedLatex, shape, findings: [{ code: 'MISSING_TRANSPOSE', message: e.message }] };
    }
    throw e instanceof ChainruleError && !(e instanceof MatrixFieldError) ? new MatrixFieldError('answer', e) : e;
  }
  const shortcut = read.program.definitions.some((x) => JSON.stringify(x.expr).includes('"softmax"'))
    ? gradient(deriveAll(read.program, read.loss, { softmaxShortcut: true }), wrt).expanded
    : null;
  const findings: MatrixFinding[] = [];
  const transposed = M.transpose(answer);
  if (!sameShape(answer.shape, g.shape)) {
    findings.push({ code: 'GRADIENT_SHAPE', message: `The answer is ${showShape(answer.shape)}, but ∂${read.loss}/∂${wrt} has the shape of ${wrt}, ${shape}.` });
  }
  const candidates: [MatExpr, (m: string) => MatrixFinding][] = [];
  if (sameShape(transposed.shape, g.shape) && !sameShape(answer.shape, g.shape)) {
    candidates.push([transposed, () => ({ code: 'MISSING_TRANSPOSE', message: `The transpose of the answer, ${unicode(transposed)}, is the gradient: a transpose is missing or extra.` })]);
  }
  const verdicts: ('same' | 'differs' | 'undefined')[] = [];
  const hits = new Set<number>();
  let shortcutHit = false;
  for (const dims of instantiations(read.program, req.check ?? {})) {
    const seed = (req.check?.seed ?? hashSeed(`${wrt}|${JSON.stringify(Object.fromEntries(dims))}`)) >>> 0;
    try {
      const inst = new Instance(read.program, d, dims, seed);
      const values = (e: MatExpr) => inst.lw.lower(e).at.map((x) => {
        const r = evaluate(x, inst.point);
        if (!r.ok) throw new ChainruleError('DOMAIN', r.message);
        return r.value;
      });
      const want = values(g.expanded);
      if (sameShape(answer.shape, g.shape)) verdicts.push(close(values(answer), want) ? 'same' : 'differs');
      else verdicts.push('differs');
      candidates.forEach(([c], k) => { if (close(values(c), want)) hits.add(k); });
      if (shortcut && sameShape(answer.shape, g.shape) && close(values(answer), values(shortcut)) && !close(want, values(shortcut))) shortcutHit = true;
    } catch (e) {
      if (!(e instanceof ChainruleError)) throw e;
      verdicts.push('undefined');
    }
  }
  candidates.forEach(([, f], k) => { if (hits.has(k)) findings.push(f('')); });
  if (shortcutHit) {
    findings.push({
      code: 'SOFTMAX_ELEMENTWISE',
      message: 'The answer differentiates softmax entry by entry, as if it were σ (∂P/∂C = P ⊙ (1 − P)); softmax couples the entries of a row: ∂L/∂C = P ⊙ (∂L/∂P − sum(∂L/∂P ⊙ P, cols) 𝟏ᵀ), the Jacobian diag(P) − PPᵀ.',
    });
  }
  const verdict = verdicts.includes('differs') ? 'incorrect' : verdicts.includes('same') ? 'correct' : 'unverifiable';
  return { verdict, expected, expectedLatex, shape, findings, answer: unicode(answer) };
}

function close(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, k) => Math.abs(x - b[k]!) <= SAME.atol + SAME.rtol * Math.max(Math.abs(x), Math.abs(b[k]!)));
}
