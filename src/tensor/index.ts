// The facade of src/tensor, what the api wires: `deriveMatrix` (a gradient of a matrix program,
// step by step in matrix and index form, with checks at random matrices), `readMatrixProgram`
// (shapes checked, readings reported), the normal equations of least squares when the gradient
// has that form, and `verifyMatrixAnswer` (a student's matrix answer, diagnosed).
// Results are plain JSON-ready data; user errors are ChainruleErrors with a code and a span.
import { checkMatrixSteps, combineMat, type MatCheckOptions, type MatStepCheck, type MatVerdict } from './check.js';
import { deriveAll, gradient, inlineDefinitions, type MatDerivation, type MatGradient, type MatStep } from './derive.js';
import { indexEquation, indexEquationLatex, indexLink } from './indexform.js';
import { canonicalMatName, latex, unicode } from './print.js';
import type { Reading } from './read.js';
import { type Shape, showShape } from './shape.js';
import { checkNormalEquations, normalEquations } from './normal.js';
import type { MatProgram } from './types.js';
import { inField, type MatrixRequest, readMatrixProgram } from './program.js';

export { type MatrixRequest, readMatrixProgram, MatrixFieldError, type MatrixField, splitProgram } from './program.js';
export { matrixGraph, MAX_SHOWN, type MatGraph, type MatGraphNode, type MatGraphRequest } from './graph.js';
export { verifyMatrixAnswer, type MatrixAnswerResult, type MatrixFinding, type MatrixFindingCode } from './verify.js';
import { TENSOR_RULES } from './vjp.js';
import { generaliseBatch } from './batch.js';

export { TENSOR_RULES, type TensorRule } from './vjp.js';
export type { MatExpr, MatProgram, MatDefinition } from './types.js';
export type { Shape, Dim } from './shape.js';
export type { MatStep, MatDerivation, MatGradient } from './derive.js';
export type { MatVerdict, MatCheckOptions, MatDerivationCheck, MatStepCheck, BatchCheck } from './check.js';
export type { Reading } from './read.js';
export { parseShapes, parseShape, showShape } from './shape.js';
export { readMatrices } from './read.js';
export { deriveAll, gradient } from './derive.js';
export { checkMatrixSteps } from './check.js';
export { unicode as matrixUnicode, latex as matrixLatex } from './print.js';
export { indexEquation, indexEquationLatex, indexLink } from './indexform.js';
export { normalEquations, checkNormalEquations } from './normal.js';

export interface MatrixStepJson {
  readonly rule: string;
  /** the rule as the notes state it */
  readonly label: string;
  readonly unicode: string;
  readonly latex: string;
  /** the same step in index notation (the notes' transpose-free form) */
  readonly index: string;
  readonly indexLatex: string;
  /** the step linking the two: each transpose read entry by entry, (Xᵀ)ᵢₖ = Xₖᵢ */
  readonly link?: string;
  readonly via?: readonly string[];
  readonly through?: string;
  readonly partial?: boolean;
  readonly premise?: string;
  readonly note?: string;
  readonly check?: { readonly status: MatVerdict['status']; readonly checks: MatStepCheck['checks'] };
}

export interface MatrixResult {
  readonly loss: string;
  readonly wrt: string;
  readonly shape: string;
  /** the gradient in the notes' backprop form (with the adjoints of later names) */
  readonly result: { readonly unicode: string; readonly latex: string };
  /** the same with every adjoint substituted: forward names only */
  readonly expanded: { readonly unicode: string; readonly latex: string };
  readonly steps: readonly MatrixStepJson[];
  /** choices the notation left open; `field` says which input the span points into */
  readonly readings: readonly (Reading & { readonly field: 'given' | 'expr' })[];
  readonly check: MatVerdict['status'] | 'skipped';
  /** the instantiations of the dimensions the checks ran at (e.g. [{m: 1}, {m: 4}]) */
  readonly checkedAt?: readonly Readonly<Record<string, number>>[];
  /** least squares: setting the gradient to zero, when it has the form c·Aᵀ(B − Aβ) */
  readonly normalEquations?: { readonly solution: { readonly unicode: string; readonly latex: string }; readonly steps: readonly MatrixStepJson[]; readonly check: MatVerdict['status'] | 'skipped' };
}

function linkOf(s: MatStep): { link?: string } {
  const link = indexLink(s.lhs, s.rhs);
  return link ? { link } : {};
}

/** A step's printed forms, once per step: the gradients of one program share their later steps. */
const PRINTED = new WeakMap<MatStep, Pick<MatrixStepJson, 'unicode' | 'latex' | 'index' | 'indexLatex' | 'link'>>();
function printed(s: MatStep): Pick<MatrixStepJson, 'unicode' | 'latex' | 'index' | 'indexLatex' | 'link'> {
  let p = PRINTED.get(s);
  if (!p) {
    p = {
      unicode: `${unicode(s.lhs)} = ${unicode(s.rhs)}`,
      latex: `${latex(s.lhs)} = ${latex(s.rhs)}`,
      index: indexEquation(s.lhs, s.rhs),
      indexLatex: indexEquationLatex(s.lhs, s.rhs),
      ...linkOf(s),
    };
    PRINTED.set(s, p);
  }
  return p;
}

function stepJson(s: MatStep, loss: string, c?: MatStepCheck): MatrixStepJson {
  return {
    rule: s.rule,
    label: TENSOR_RULES[s.rule],
    ...printed(s),
    ...(s.via ? { via: s.via } : {}),
    ...(s.through && s.through !== loss ? { through: s.through } : {}),
    ...(s.partial ? { partial: true } : {}),
    ...(s.premise ? { premise: s.premise } : {}),
    ...(s.note ? { note: s.note } : {}),
    ...(c ? { check: { status: c.status, checks: c.checks } } : {}),
  };
}

/** ∂loss/∂wrt of a matrix program, step by step, checked at random matrices. */
export function deriveMatrix(req: MatrixRequest): MatrixResult {
  return deriveMatrices({ ...req, wrt: [req.wrt] })[0]!;
}

/** Several gradients of one program: derived once, every step checked once. */
export function deriveMatrices(req: Omit<MatrixRequest, 'wrt'> & { readonly wrt: readonly string[]; readonly generaliseBatch?: boolean }): MatrixResult[] {
  const read = readMatrixProgram(req.given, req.expr, req.shapes);
  const d: MatDerivation = inField('expr', () => deriveAll(read.program, read.loss));
  const gs = req.wrt.map((w) => inField('wrt', () => gradient(d, canonicalMatName(w.trim()))));
  // declared with concrete shapes only: the checks run on the program with its batch symbolic
  // (m = 1, m = 4 and the declared size), step k of a gradient checked as step k of its twin
  const general = req.check === false || req.generaliseBatch === false ? null : generaliseBatch(req.given, req.expr, read.program.inputs, d);
  const twins = general ? gs.map((g) => gradient(general.d, g.wrt)) : gs;
  const needed = [...new Set(twins.flatMap((g) => g.steps.slice(0, -1)))];
  const opts: MatCheckOptions = general ? { ...(req.check || {}), batches: [...new Set([1, 4, general.size])] } : (req.check || {});
  const checked = req.check === false ? null : checkMatrixSteps(general ? general.read.program : read.program, general ? general.d : d, needed, opts);
  const byStep = new Map(checked?.steps.map((c) => [c.step, c]));
  const checkedAt = checked ? (checked.steps[0]?.checks.map((c) => c.dims) ?? []) : [];
  return gs.map((g, i) => {
    const twin = twins[i]!;
    // the shape statement repeats the last equation for the variable: it has that step's verdict
    const last = [...twin.steps.slice(0, -1)].reverse().find((s) => s.lhs.kind === 'grad' && s.lhs.wrt === twin.wrt);
    const checks = checked ? twin.steps.map((s, k) => byStep.get(k === twin.steps.length - 1 ? last! : s)) : null;
    return { ...finish(req, read, g, checks), checkedAt };
  });
}

function finish(
  req: Omit<MatrixRequest, 'wrt'>, read: ReturnType<typeof readMatrixProgram>, g: MatGradient, checks: (MatStepCheck | undefined)[] | null,
): MatrixResult {
  const wrt = g.wrt;
  const status = checks ? combineMat(checks.map((c) => c?.status ?? 'unverifiable')) : null;
  const out: MatrixResult = {
    loss: read.loss,
    wrt,
    shape: showShape(g.shape),
    result: { unicode: unicode(g.formula), latex: latex(g.formula) },
    expanded: { unicode: unicode(g.expanded), latex: latex(g.expanded) },
    steps: g.steps.map((s, k) => stepJson(s, read.loss, checks?.[k])),
    readings: read.readings,
    check: status ?? 'skipped',
  };
  const beta = read.program.inputs.get(wrt);
  const ne = beta ? normalEquations(inlineDefinitions(g.expanded, read.program), { kind: 'mat', name: wrt, shape: beta }) : null;
  if (!ne) return out;
  const nc = req.check === false ? null : checkNormalEquations(read.program, ne, req.check ?? {});
  return {
    ...out,
    normalEquations: {
      solution: { unicode: unicode(ne.solution), latex: latex(ne.solution) },
      steps: ne.steps.map((s, k) => stepJson(s, read.loss, nc?.steps[k])),
      check: nc ? nc.status : 'skipped',
    },
  };
}

/** The shapes of every name of a program (declared and inferred), as "r×c" strings. */
export function inferShapes(program: MatProgram): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [n, s] of program.inputs) out[n] = showShape(s);
  for (const d of program.definitions) out[d.name] = showShape(d.expr.shape as Shape);
  return out;
}
