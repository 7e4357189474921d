// The matrix branch of derive, verify and graph: a request with `shapes` is a matrix program
// (src/tensor, docs/matrices.md). Reads the fields, one call to the tensor facade, and turns its
// results into the responses of schema/matrix.ts; errors keep the request field and position
// they concern (a shape mismatch in the answer is the request's error, with the named code).
import { positionAt, type Span } from '../../ast/spans.js';
import { ChainruleError } from '../../errors.js';
import {
  deriveAll, deriveMatrices, inferShapes, matrixGraph, MatrixFieldError, type MatrixResult, type MatrixStepJson, readMatrixProgram,
  type Reading, splitProgram, verifyMatrixAnswer,
} from '../../tensor/index.js';
import { FieldError, fieldError, toApiError } from '../errors.js';
import { withReadings, type ReadingJson } from '../fields.js';
import type { RequestOf, ResponseOf } from '../schema/index.js';

type Shapes = Readonly<Record<string, unknown>>;

/** Where each tensor field's text is in the request: its name there, its text, and an offset. */
type Fields = Partial<Record<MatrixFieldError['field'], { readonly name: string; readonly text: string; readonly offset?: number }>>;

/** Run `f`, re-tagging a tensor error with the request field (and the text its span points into). */
function inRequest<T>(fields: Fields, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof ChainruleError) || e instanceof FieldError) throw e;
    const where = e instanceof MatrixFieldError ? fields[e.field] : undefined;
    if (!where) throw e;
    const off = where.offset ?? 0;
    const span: Span | undefined = e.span && { start: e.span.start + off, end: e.span.end + off };
    throw fieldError(where.name, where.text, e.code, e.message, span);
  }
}

const ALTERNATIVES: Record<Reading['code'], string> = {
  BROADCAST_ROWS: 'declare the bias with the batch’s rows to add it entry by entry',
  BROADCAST_COLS: 'declare the bias with the batch’s columns to add it entry by entry',
  SOFTMAX_ROWS: 'softmax(C, cols) for one sample per column',
  ONES: 'write the matrix of that number explicitly',
  SPLIT_NAME: 'write the factors apart (X W) or declare the name’s shape',
};

function readingsOf(rs: readonly (Reading & { readonly field: 'given' | 'expr' })[], fields: Fields): ReadingJson[] {
  return rs.map((r) => {
    const where = fields[r.field] ?? { name: r.field, text: '' };
    const off = where.offset ?? 0;
    return {
      code: r.code,
      field: where.name,
      position: { ...positionAt(where.text, r.span.start + off), end: r.span.end + off },
      read: where.text.slice(r.span.start + off, r.span.end + off),
      alternative: ALTERNATIVES[r.code],
      message: r.message,
    };
  });
}

/** Text for LaTeX's \\text{…}: its special characters escaped. */
const latexText = (s: string): string => s.replace(/[\\{}$&#^_%~]/g, (c) => (c === '\\' ? '\\textbackslash{}' : c === '^' || c === '~' ? `\\${c}{}` : `\\${c}`));

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** A step as the response carries it: numbers JSON can hold (a non-finite one is null). */
function stepJson(s: MatrixStepJson) {
  if (!s.check) return s;
  return {
    ...s,
    check: {
      status: s.check.status,
      checks: s.check.checks.map((c) => ({
        dims: c.dims,
        verdict: c.verdict.status === 'verified'
          ? { ...c.verdict, maxRelError: finite(c.verdict.maxRelError) }
          : c.verdict.status === 'refuted' ? { ...c.verdict, numeric: finite(c.verdict.numeric), formula: finite(c.verdict.formula) } : c.verdict,
      })),
    },
  };
}

function gradientJson(r: MatrixResult) {
  return {
    loss: r.loss,
    wrt: r.wrt,
    shape: r.shape,
    shapeNote: `∂${r.loss}/∂${r.wrt} has the shape of ${r.wrt}: ${r.shape}`,
    result: r.result,
    expanded: r.expanded,
    steps: r.steps.map(stepJson),
    check: r.check,
    checkedAt: [...(r.checkedAt ?? [])],
    ...(r.normalEquations ? { normalEquations: { ...r.normalEquations, steps: r.normalEquations.steps.map(stepJson) } } : {}),
  };
}

/** `derive` with `shapes`: ∂loss/∂wrt of a matrix program, step by step, checked at m = 1 and 4. */
export function deriveMatrixOp(req: RequestOf<'derive'>, shapes: Shapes): ResponseOf<'derive'> {
  if (req.order === 2) throw fieldError('order', '2', 'BAD_REQUEST', 'Matrix programs are differentiated once (order 1): a second derivative would be a 4-D tensor.');
  const fields: Fields = { expr: { name: 'expr', text: req.expr }, given: { name: 'given', text: req.given ?? '' }, shapes: { name: 'shapes', text: '' }, wrt: { name: 'wrt', text: typeof req.wrt === 'string' ? req.wrt : '' } };
  const read = inRequest(fields, () => readMatrixProgram(req.given, req.expr, shapes));
  let wrt: string[];
  if (req.wrt === undefined || req.wrt === '*') {
    // every declared input the loss depends on
    const d = inRequest(fields, () => deriveAll(read.program, read.loss));
    wrt = [...read.program.inputs.keys()].filter((n) => d.adjoints.has(n));
  } else wrt = typeof req.wrt === 'string' ? [req.wrt] : [...req.wrt];
  if (!wrt.length) throw fieldError('wrt', '', 'BAD_REQUEST', 'The field "wrt" must be a variable name or a list of names.');
  const rs = inRequest(fields, () => deriveMatrices({ expr: req.expr, wrt, ...(req.given !== undefined ? { given: req.given } : {}), shapes, check: req.check === false ? false : {} }));
  const main = rs[0]!;
  return {
    form: 'matrix',
    ...gradientJson(main),
    unicode: main.expanded.unicode,
    latex: main.expanded.latex,
    shapes: inferShapes(read.program),
    ...(rs.length > 1 ? { gradient: Object.fromEntries(rs.map((r) => [r.wrt, gradientJson(r)])) } : {}),
    ...withReadings(readingsOf(main.readings, fields)),
  } as ResponseOf<'derive'>;
}

/** `verify` with `shapes`: a student's matrix answer for ∂loss/∂wrt of the problem's program. */
export function verifyMatrixOp(req: RequestOf<'verify'>, shapes: Shapes): ResponseOf<'verify'> {
  if (!req.problem) throw new ChainruleError('BAD_REQUEST', 'With "shapes", give the "problem" {"expr", "wrt"}: the matrix program (its definitions) and the variable.');
  if (req.answer === undefined) throw new ChainruleError('BAD_REQUEST', 'With "shapes", give the student\'s "answer" (worked "lines" are checked for scalar problems only).');
  const text = req.problem.expr;
  const split = splitProgram(text);
  const fields: Fields = {
    given: { name: 'problem.expr', text },
    expr: { name: 'problem.expr', text, offset: split.offset },
    shapes: { name: 'shapes', text: '' },
    wrt: { name: 'problem.wrt', text: req.problem.wrt },
    answer: { name: 'answer', text: req.answer },
  };
  let r;
  try {
    r = inRequest(fields, () => verifyMatrixAnswer({ expr: split.expr, ...(split.given !== undefined ? { given: split.given } : {}), wrt: req.problem!.wrt, shapes, answer: req.answer! }));
  } catch (e) {
    // an answer that does not read is a verdict, as for scalars; one whose shapes do not fit is the
    // request's error, with the named code (SHAPE_MATMUL, SHAPE_ADD, …) naming both operands
    if (e instanceof FieldError && e.field === 'answer' && !e.code.startsWith('SHAPE_')) {
      return { verdict: 'incorrect', method: 'parse-error', error: toApiError(e), diagnosis: [] };
    }
    throw e;
  }
  return {
    verdict: r.verdict === 'unverifiable' ? 'undetermined' : r.verdict,
    method: 'matrix',
    expected: { text: r.expected, latex: r.expectedLatex },
    diagnosis: r.findings.map((f) => ({ id: f.code, message: f.message, latex: `\\text{${latexText(f.message)}}` })),
    ...(r.verdict === 'unverifiable' ? { reason: 'the answer could not be evaluated at the random matrices' } : {}),
    matrix: { shape: r.shape, ...(r.answer ? { answer: r.answer } : {}) },
  } as ResponseOf<'verify'>;
}

/** `graph` with `shapes`: matrix nodes with their shapes (values up to 4×4), the softmax + CE gate;
 * with `format` svg or tikz, the picture too. */
export async function graphMatrixOp(req: RequestOf<'graph'>, shapes: Shapes, values: Readonly<Record<string, readonly (readonly number[])[]>> | undefined): Promise<ResponseOf<'graph'>> {
  if (req.frames) throw fieldError('frames', 'true', 'BAD_REQUEST', 'A matrix graph has no frames (its backward pass is the ∂L/∂ grids in each box): ask for "format": "svg" or "tikz".');
  const at = req.at;
  if (at !== undefined && !(typeof at === 'string' && !at.trim())) throw fieldError('at', typeof at === 'string' ? at : '', 'BAD_REQUEST', 'With "shapes", give the entries of the input matrices as "values" ({"X": [[1, 2], …]}), not "at".');
  if (req.data !== undefined || req.csv !== undefined) throw new ChainruleError('BAD_REQUEST', 'A matrix graph takes its inputs as "values" (rows of each matrix), not "data"/"csv".');
  const split = splitProgram(req.expr);
  const fields: Fields = {
    given: { name: 'expr', text: req.expr },
    expr: { name: 'expr', text: req.expr, offset: split.offset },
    shapes: { name: 'shapes', text: '' },
    values: { name: 'values', text: '' },
  };
  const granularity = req.granularity ?? 'standard';
  const g = inRequest(fields, () => matrixGraph({ expr: split.expr, ...(split.given !== undefined ? { given: split.given } : {}), shapes, granularity, ...(values ? { values } : {}) }));
  const read = inRequest(fields, () => readMatrixProgram(split.given, split.expr, shapes));
  const rows = (v: readonly (readonly number[])[] | undefined) => v?.map((r) => r.map(finite));
  const res = {
    form: 'matrix' as const,
    granularity,
    loss: g.loss,
    dims: g.dims,
    sampled: g.sampled,
    nodes: g.nodes.map((n) => ({ ...n, ...(n.value ? { value: rows(n.value) } : {}), ...(n.grad ? { grad: rows(n.grad) } : {}) })),
    ...withReadings(readingsOf(read.readings, fields)),
  };
  // the pictures of the response itself (src/render/matrixGraph.ts, matrixGraphTikz.ts)
  const svg = req.format === 'svg' ? { svg: (await import('../../render/matrixGraph.js')).matrixGraphSvg(res) } : {};
  const tikz = req.format === 'tikz' ? { tikz: (await import('../../render/matrixGraphTikz.js')).matrixGraphTikz(res) } : {};
  return { ...res, ...svg, ...tikz } as unknown as ResponseOf<'graph'>;
}
