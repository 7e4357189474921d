// The matrix program as a computational graph: one node per input and definition, each with its
// shape, and — at instantiated dimensions — its value and its adjoint ∂L/∂node when the matrix is
// at most 4×4 (larger ones would not be read in a picture). softmax followed by CE is shown as one
// fused gate whose local gradient is P − T (premise: each row of T sums to 1).
import { ChainruleError } from '../errors.js';
import { evaluate } from '../numeric/float.js';
import { hashSeed } from '../numeric/random.js';
import { instantiations, Instance } from './check.js';
import { deriveAll, SOFTMAX_CE_PREMISE } from './derive.js';
import { entryName, gradKey, type Grid } from './lower.js';
import { latex, latexMatName, unicode } from './print.js';
import { inField, MatrixFieldError, type MatrixRequest, readMatrixProgram } from './program.js';
import { dimValue, showShape } from './shape.js';
import * as M from './expr.js';
import { type MatExpr, matNames } from './types.js';

/** Matrices up to this size show their entries (a 4×4 grid still fits a node of a picture). */
export const MAX_SHOWN = 4;

export interface MatGraphNode {
  readonly id: string;
  readonly kind: 'input' | 'op' | 'loss';
  /** what the node computes, e.g. `X W₁ + 𝟏ₘ b₁`, or `softmax → CE` for the fused gate */
  readonly op: string;
  /** the gate: its outermost operation (input, matmul, add, σ, softmax, CE, softmax + CE, …) */
  readonly gate: string;
  /** the gate's local gradient as a vector–Jacobian rule (softmax, CE, the fused gate, σ, …) */
  readonly local?: string;
  /** `op` and `local` in LaTeX (the TikZ picture) */
  readonly opLatex: string;
  readonly localLatex?: string;
  /** the declared or inferred shape, symbolic (m×3) */
  readonly shape: string;
  /** the shape at the instantiated dimensions */
  readonly size: string;
  readonly inputs: readonly string[];
  readonly value?: readonly (readonly number[])[];
  readonly grad?: readonly (readonly number[])[];
  /** the fused softmax + CE gate */
  readonly fused?: { readonly localGradient: string; readonly premise: string };
}
export interface MatGraph {
  readonly loss: string;
  readonly dims: Readonly<Record<string, number>>;
  /** true when the inputs were drawn at random (no `values` given) */
  readonly sampled: boolean;
  readonly nodes: readonly MatGraphNode[];
}

export interface MatGraphRequest extends Omit<MatrixRequest, 'wrt' | 'check'> {
  /** values of the inputs, row by row; without them inputs are drawn at random (seeded) */
  readonly values?: Readonly<Record<string, readonly (readonly number[])[]>>;
  /** values of the symbolic dimensions (default: the batch m = 4, others 2, 3, …) */
  readonly dims?: Readonly<Record<string, number>>;
  /** 'primitive': softmax and CE as two gates; otherwise softmax followed by CE is one fused gate */
  readonly granularity?: 'primitive' | 'standard' | 'fused';
}

export function matrixGraph(req: MatGraphRequest): MatGraph {
  const read = readMatrixProgram(req.given, req.expr, req.shapes);
  const { program, loss } = read;
  const d = inField('expr', () => deriveAll(program, loss));
  const dims = new Map(instantiations(program, { batches: [4], ...(req.dims ? { dims: req.dims } : {}) })[0]!);
  // dimensions fixed by given values win over the default batch
  for (const [name, rows] of Object.entries(req.values ?? {})) {
    const s = program.inputs.get(name);
    if (!s) continue;
    if (typeof s.rows === 'string') dims.set(s.rows, rows.length);
    if (typeof s.cols === 'string') dims.set(s.cols, rows[0]?.length ?? 0);
  }
  const inst = new Instance(program, d, dims, hashSeed(`${loss}|graph`));
  for (const [name, rows] of Object.entries(req.values ?? {})) {
    const s = program.inputs.get(name);
    if (!s) throw new MatrixFieldError('values', new ChainruleError('BAD_VALUE', `${name} is not an input of the program: values are given for inputs only.`));
    const r = dimValue(s.rows, dims);
    const c = dimValue(s.cols, dims);
    if (rows.length !== r || rows.some((row) => row.length !== c)) {
      throw new MatrixFieldError('values', new ChainruleError('BAD_VALUE', `The value of ${name} is not ${r}×${c}.`));
    }
    rows.forEach((row, i) => { row.forEach((v, j) => { inst.point.set(entryName(name, i, j), v); }); });
  }
  const show = (g: Grid | undefined) => {
    if (!g || g.rows > MAX_SHOWN || g.cols > MAX_SHOWN) return undefined;
    const vals = g.at.map((e) => {
      const r = evaluate(e, inst.point);
      return r.ok ? r.value : Number.NaN;
    });
    return Array.from({ length: g.rows }, (_, i) => vals.slice(i * g.cols, (i + 1) * g.cols));
  };
  const size = (n: string) => { const g = inst.forward.get(n)!; return `${g.rows}×${g.cols}`; };

  // softmax followed by CE, with P read only by the loss: one gate
  const lossDef = program.definitions.find((x) => x.name === loss)!;
  let fusedP: string | null = null;
  if (lossDef.expr.kind === 'ce' && lossDef.expr.pred.kind === 'mat') {
    const p = lossDef.expr.pred.name;
    const pDef = program.definitions.find((x) => x.name === p);
    const readers = program.definitions.filter((x) => matNames(x.expr).includes(p));
    if (pDef?.expr.kind === 'softmax' && pDef.expr.axis === 'rows' && readers.length === 1 && req.granularity !== 'primitive') fusedP = p;
  }

  const nodes: MatGraphNode[] = [];
  for (const [name, s] of program.inputs) {
    if (!d.shapes.has(name)) continue;
    nodes.push(node(name, 'input', name, latexMatName(name), showShape(s), size(name), [], show(inst.forward.get(name)), show(inst.forward.get(gradKey(loss, name)))));
  }
  for (const def of program.definitions) {
    if (def.name === fusedP) continue;
    const kind = def.name === loss ? 'loss' : 'op';
    if (def.name === loss && fusedP && def.expr.kind === 'ce') {
      const pDef = program.definitions.find((x) => x.name === fusedP)!;
      const arg = pDef.expr.kind === 'softmax' ? pDef.expr.arg : pDef.expr;
      const target = def.expr.target;
      const pMat: MatExpr = { kind: 'mat', name: fusedP, shape: pDef.expr.shape };
      const rule = (pr: Printer) => `${pr.d(loss, pr.show(arg))} = ${pr.show(pMat)} ${pr.minus} ${pr.show(target)}`;
      nodes.push({
        ...node(def.name, kind, `softmax → CE: CE(softmax(${unicode(arg)}), ${unicode(target)})`, latex(def.expr.kind === 'ce' ? { ...def.expr, pred: pDef.expr } : def.expr), showShape(def.expr.shape), size(def.name),
          [...matNames(arg), ...matNames(target)], show(inst.forward.get(def.name)), undefined),
        gate: 'softmax + CE',
        local: rule(UNI),
        localLatex: rule(TEX),
        fused: { localGradient: rule(UNI), premise: SOFTMAX_CE_PREMISE },
      });
      continue;
    }
    const local = localGradient(def.name, def.expr, UNI);
    const localLatex = localGradient(def.name, def.expr, TEX);
    nodes.push({
      ...node(def.name, kind, unicode(def.expr), latex(def.expr), showShape(def.expr.shape), size(def.name), matNames(def.expr),
        show(inst.forward.get(def.name)), def.name === loss ? [[1]] : show(inst.forward.get(gradKey(loss, def.name)))),
      gate: gateOf(def.expr), ...(local ? { local } : {}), ...(localLatex ? { localLatex } : {}),
    });
  }
  return { loss, dims: Object.fromEntries(dims), sampled: !req.values, nodes };
}

function node(
  id: string, kind: MatGraphNode['kind'], op: string, opLatex: string, shape: string, size: string, inputs: string[],
  value: number[][] | undefined, grad: number[][] | undefined,
): MatGraphNode {
  return { id, kind, op, opLatex, gate: kind === 'input' ? 'input' : '', shape, size, inputs, ...(value ? { value } : {}), ...(grad ? { grad } : {}) };
}

const MAP_GATES: Record<string, string> = { sigmoid: 'σ', exp: 'exp', log: 'log', tanh: 'tanh', relu: 'relu', heaviside: 'step' };

/** The gate of a definition: its outermost operation (a bias broadcast inside a sum is an add). */
function gateOf(e: MatExpr): string {
  switch (e.kind) {
    case 'map': return MAP_GATES[e.fn] ?? e.fn;
    case 'softmax': return e.axis === 'rows' ? 'softmax (each row)' : 'softmax (each column)';
    case 'ce': return 'CE';
    case 'bce': return 'BCE';
    case 'hadamard': return '⊙';
    case 'hdiv': return '⊘';
    case 'mat': return 'copy';
    default: return e.kind;
  }
}

/** How a rule prints: Unicode (the JSON's `local`) or LaTeX (the TikZ picture). */
interface Printer {
  show(e: MatExpr): string;
  /** an operand inside a rule: a sum or product in parentheses (`∂L/∂(X W + 𝟏ₘ b)`) */
  part(e: MatExpr): string;
  d(of: string, wrt: string): string;
  minus: string;
  had: string;
  hdiv: string;
  words(s: string): string;
  diag: string;
  sumRows(x: string): string;
  sumCols(x: string): string;
  pT: string;
}
const COMPOUND = ['add', 'sub', 'neg', 'matmul', 'hadamard', 'hdiv', 'scale', 'broadcast', 'divdim'];
const UNI: Printer = {
  show: unicode,
  part: (e) => (COMPOUND.includes(e.kind) ? `(${unicode(e)})` : unicode(e)),
  d: (of, wrt) => `∂${of}/∂${wrt}`,
  minus: '−', had: '⊙', hdiv: '⊘',
  words: (s) => s,
  diag: 'diag(p) − p pᵀ',
  sumRows: (x) => `𝟏 sum(${x}, rows)`,
  sumCols: (x) => `sum(${x}, cols) 𝟏ᵀ`,
  pT: 'ᵀ',
};
const TEX: Printer = {
  show: latex,
  part: (e) => (COMPOUND.includes(e.kind) ? `(${latex(e)})` : latex(e)),
  d: (of, wrt) => `\\partial ${of}/\\partial ${wrt}`,
  minus: '-', had: '\\odot', hdiv: '\\oslash',
  words: (s) => `\\text{${s}}`,
  diag: '\\operatorname{diag}(p) - p p^{\\top}',
  sumRows: (x) => `\\mathbf{1} \\textstyle\\sum_{\\text{rows}} (${x})`,
  sumCols: (x) => `\\textstyle\\sum_{\\text{cols}} (${x}) \\mathbf{1}^{\\top}`,
  pT: '^{\\top}',
};

/** The local gradient of the gates whose rule the notes name: σ, softmax, CE, BCE, matmul. */
function localGradient(name: string, e: MatExpr, pr: Printer): string | undefined {
  const out = pr.show({ kind: 'mat', name, shape: e.shape });
  const dL = (x: string) => pr.d('L', x);
  switch (e.kind) {
    case 'map':
      return e.fn === 'sigmoid' ? `${dL(pr.part(e.arg))} = ${dL(out)} ${pr.had} ${out} ${pr.had} (1 ${pr.minus} ${out})` : undefined;
    case 'softmax': {
      const line = e.axis === 'rows' ? 'row' : 'column';
      const c = e.arg.kind === 'mat' ? pr.show(e.arg) : 'c';
      const of = e.arg.kind === 'mat' ? '' : pr.words(` (c a ${line} of `) + pr.show(e.arg) + pr.words(')');
      const inner = `${dL(out)} ${pr.had} ${out}`;
      const sum = e.axis === 'rows' ? pr.sumCols(inner) : pr.sumRows(inner);
      return `${pr.words(`each ${line} p of `)}${out}: ${pr.d('p', c)} = ${pr.diag}${of}${pr.words(', so ')}${dL(pr.part(e.arg))} = ${out} ${pr.had} (${dL(out)} ${pr.minus} ${sum})`;
    }
    case 'ce':
      return `${pr.d(out, pr.part(e.pred))} = ${pr.minus}${pr.part(e.target)} ${pr.hdiv} ${pr.part(e.pred)}`;
    case 'bce':
      return `${pr.d(out, pr.part(e.pred))} = (${pr.show(e.pred)} ${pr.minus} ${pr.part(e.target)}) ${pr.hdiv} (${pr.part(e.pred)} ${pr.had} (1 ${pr.minus} ${pr.part(e.pred)}))`;
    case 'matmul':
      return `${dL(pr.part(e.left))} = ${dL(out)} ${pr.part(M.transpose(e.right))}, ${dL(pr.part(e.right))} = ${pr.part(M.transpose(e.left))} ${dL(out)}`;
    default:
      return undefined;
  }
}
