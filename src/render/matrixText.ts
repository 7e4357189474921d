// The terminal and LaTeX forms of the matrix responses (derive and graph with `shapes`,
// docs/matrices.md): each step in matrix form with its rule, its index form and the link between
// them, its checks per batch size; the gradient's shape; a graph as one line per node with its
// shape, gate and local gradient. Reads the typed responses (a type-only import of the schemas).
import type { ResponseOf } from '../api/schema/index.js';

type MatrixDerive = Extract<ResponseOf<'derive'>, { form: 'matrix' }>;
type MatrixGraph = Extract<ResponseOf<'graph'>, { form: 'matrix' }>;
type Step = MatrixDerive['steps'][number];

const MARK: Record<string, string> = { verified: '✓', refuted: '✗ REFUTED', unverifiable: '? unverifiable', skipped: '' };

/** `m = 1, m = 4`, or `the declared shapes` when nothing was symbolic. */
function dimsText(d: Readonly<Record<string, number>>): string {
  const e = Object.entries(d);
  return e.length ? e.map(([k, v]) => `${k} = ${v}`).join(', ') : 'the declared shapes';
}

function checkText(s: Step): string {
  if (!s.check) return '';
  const at = s.check.checks.map((c) => {
    const v = c.verdict;
    const detail = v.status === 'refuted' ? ` at ${v.entry}: finite difference ${v.numeric}, formula ${v.formula}` : v.status === 'unverifiable' ? ` (${v.reason})` : '';
    return `${MARK[v.status]} ${dimsText(c.dims)}${detail}`;
  });
  return at.join('; ');
}

function stepLines(steps: readonly Step[], out: string[]): void {
  steps.forEach((s, k) => {
    out.push(`${String(k + 1).padStart(2)}. ${s.unicode}    [${s.rule}] ${checkText(s)}`.trimEnd());
    if (s.rule !== 'tensor.seed' && s.rule !== 'tensor.gradient-shape') out.push(`    index form: ${s.index}`);
    if (s.link) out.push(`    link: ${s.link}`);
    if (s.premise) out.push(`    premise: ${s.premise}`);
    if (s.note) out.push(`    note: ${s.note}`);
  });
}

function gradientText(g: Omit<MatrixDerive, 'form' | 'unicode' | 'latex' | 'shapes' | 'gradient' | 'readings'>, out: string[]): void {
  out.push(`∂${g.loss}/∂${g.wrt}, step by step in matrix form:`);
  stepLines(g.steps, out);
  out.push(`result: ∂${g.loss}/∂${g.wrt} = ${g.result.unicode}`);
  if (g.expanded.unicode !== g.result.unicode) out.push(`      = ${g.expanded.unicode}`);
  out.push(`shape: ${g.shapeNote}`);
  out.push(g.check === 'skipped' ? 'check: skipped' : `check: ${g.check} — every step compared with finite differences at random matrices (${g.checkedAt.map(dimsText).join('; ')})`);
  const ne = g.normalEquations;
  if (ne) {
    out.push('normal equations (setting the gradient to zero):');
    stepLines(ne.steps, out);
    out.push(`solution: ${ne.solution.unicode}  (check: ${ne.check})`);
  }
}

/** `chainrule derive … --shapes …`: the derivation as text. */
export function formatMatrixDerive(res: MatrixDerive): string {
  const out: string[] = [`shapes: ${Object.entries(res.shapes).map(([k, v]) => `${k}: ${v}`).join(', ')}`];
  const gs = res.gradient ? Object.values(res.gradient) : [res];
  gs.forEach((g, k) => {
    if (k) out.push('');
    gradientText(g, out);
  });
  return out.join('\n') + '\n';
}

/** The derivation as LaTeX: an aligned block, one step per line with its rule. */
export function formatMatrixDeriveLatex(res: MatrixDerive): string {
  const gs = res.gradient ? Object.values(res.gradient) : [res];
  return gs.map((g) => `\\begin{aligned}\n${g.steps.map((s) => `  ${s.latex.replace(' = ', ' &= ')} && \\text{${s.rule}}`).join(' \\\\\n')}\n\\end{aligned}`).join('\n\n') + '\n';
}

function grid(v: readonly (readonly (number | null)[])[] | undefined): string {
  if (!v) return '';
  return `[${v.map((r) => r.map((x) => (x === null ? 'NaN' : Number(x.toPrecision(4)))).join(' ')).join('; ')}]`;
}

/** `chainrule graph … --shapes …`: one line per node, its shape, gate, value and adjoint. */
export function formatMatrixGraph(res: MatrixGraph): string {
  const out = [`matrix graph of ${res.loss} (${res.granularity}) at ${dimsText(res.dims)}${res.sampled ? ', inputs drawn at random' : ''}`];
  for (const n of res.nodes) {
    out.push(`${n.id}  ${n.shape === n.size ? n.shape : `${n.shape} (${n.size})`}  ${n.kind === 'input' ? 'input' : `${n.gate}: ${n.op}`}`);
    if (n.local) out.push(`    local gradient: ${n.local}`);
    if (n.fused) out.push(`    premise: ${n.fused.premise}`);
    if (n.value) out.push(`    value: ${grid(n.value)}`);
    if (n.grad) out.push(`    ∂${res.loss}/∂${n.id}: ${grid(n.grad)}`);
  }
  return out.join('\n') + '\n';
}
