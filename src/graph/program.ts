// A graph or descent request's program, and its sums over data: parsed (Σ_i a sum node), its target and
// whole function (definitions substituted); the sums checked against the data's columns and
// written out row by row (data as constants), with a loss model for the per-row tables and for
// gradient descent. Errors are ChainruleErrors with spans in the program's text (the API tags
// them with the field).
import { guardSize } from '../ast/budget.js';
import { isFamily } from '../ast/indices.js';
import { findNode } from '../ast/traverse.js';
import { add, rat, sym } from '../ast/build.js';
import type { Definition, Expr } from '../ast/nodes.js';
import type { Span } from '../ast/spans.js';
import { ChainruleError } from '../errors.js';
import { parseRational } from '../numeric/rational.js';
import { MAX_NODES } from './build.js';
import { wholeFunction } from './check.js';
import { symbolsOf, unfoldedSize } from './dag.js';
import type { Data } from '../parse/data.js';
import { substituteSyms } from './gates.js';
import type { Parsed } from '../parse/index.js';
import { makeLossModel, type LossModel } from './loss.js';
import { extractSums, findSym, hasSums } from './sums.js';

/** A parsed program and the way from its nodes to their positions in the user's text. */
export interface ParsedProgram {
  readonly parsed: Parsed;
  /** a parsed node's span in the user's text */
  readonly spanOf: (node: Expr) => Span | undefined;
}

export interface GraphProgram {
  readonly text: string;
  readonly p: ParsedProgram;
  readonly defs: readonly Definition[];
  /** the expression the program stands for, definitions substituted */
  readonly whole: Expr;
  /** its main expression: the body, else the last definition's name */
  readonly target: Expr;
}

/** A parsed program: its definitions, target and whole function. */
export function programOf(text: string, parsed: Parsed): GraphProgram {
  const p: ParsedProgram = { parsed, spanOf: (node) => parsed.spans.get(node) };
  const { definitions: defs, body } = parsed.program;
  refuseIndexed(parsed);
  const target = body ?? sym(defs[defs.length - 1]!.name);
  return { text, p, defs, target, whole: wholeFunction(defs, target) };
}

/** Definitions by index (s_i = …) and sums over an index with bounds (Σ_{j=1}^{3}) are not drawn
 * yet (their components would be gates of their own): refused by name, at the family's name or the
 * sum, before the data-sum reading (Σ_i over rows) misreads them. */
const INSTEAD = 'derive the program instead (derive with wrt, e.g. w_11: the chain over the components, step by step, checked), or write the network in matrices with shapes (graph with shapes "X:1x2, W1:2x3, …", docs/matrices.md)';

function refuseIndexed(parsed: Parsed): void {
  const { definitions: defs, body } = parsed.program;
  // a per-row definition (ŷ_i = a x_i + b over data) is a family too: those of deck 004 come with
  // sums over an index with bounds
  const family = defs.find(isFamily);
  const bounded = [...defs.map((d) => d.expr), ...(body ? [body] : [])].some((e) => findNode(e, (x) => x.kind === 'sum' && x.lo !== null));
  if (family && bounded) {
    throw new ChainruleError('UNSUPPORTED_INDEX', `Graphs of definitions by index (${family.name} = …) are not drawn yet: ${INSTEAD}.`, parsed.nameSpans.get(family.name));
  }
}

/** Without data, a sum with bounds (Σ_{j=1}^{3} t_j log y_j) is a sum over an index, not over rows:
 * say that (with data, the data-sum reading names the bounds as the mistake). */
function refuseBoundedSum(prog: GraphProgram): void {
  const { definitions: defs, body } = prog.p.parsed.program;
  for (const e of [...defs.map((d) => d.expr), ...(body ? [body] : [])]) {
    const sum = findNode(e, (x) => x.kind === 'sum' && x.lo !== null);
    if (sum) throw new ChainruleError('UNSUPPORTED_INDEX', `Graphs of sums over an index with bounds (Σ_{i=1}^{K}) are not drawn yet: ${INSTEAD}. A sum over the rows of data has no bounds (Σ_i, with "data").`, prog.p.spanOf(sum));
  }
}

/** The position of the first use of a symbol in the program (definitions, then the body). */
export function firstUse(prog: GraphProgram, name: string): Span | undefined {
  const { definitions, body } = prog.p.parsed.program;
  for (const e of [...definitions.map((d) => d.expr), ...(body ? [body] : [])]) {
    const at = findSym(e, name);
    if (at) return prog.p.spanOf(at);
  }
  return undefined;
}

/** Largest loss (as a tree, definitions substituted) derived symbolically: 20,000 nodes, the
 * parser's token limit, so no input the parser admits is refused unless definitions multiply it. */
export const MAX_LOSS_SIZE = 20_000;

export function checkLossSize(prog: GraphProgram): void {
  if (unfoldedSize(prog.whole, MAX_LOSS_SIZE) > MAX_LOSS_SIZE) throw new ChainruleError('TOO_MANY_NODES', `The loss, with its definitions substituted, has more than ${MAX_LOSS_SIZE} nodes.`);
}

export interface SummedProgram {
  readonly model: LossModel;
  /** the whole loss with each sum written out row by row (data as constants) */
  readonly expanded: Expr;
}

/** The program's sums over `data`: checked (each x_i has a column x) and expanded row by row;
 * undefined when it has no sum (and no data). */
export function expandSums(prog: GraphProgram, data: Data | undefined): SummedProgram | undefined {
  if (!hasSums(prog.whole)) {
    if (data) throw new ChainruleError('BAD_REQUEST', 'Data was given but the expression has no sum over it: write Σ_i (…) or sum_i(…), with x_i for column x.');
    return undefined;
  }
  if (!data) refuseBoundedSum(prog);
  if (!data) throw new ChainruleError('BAD_REQUEST', 'The expression sums over data (Σ_i): give the rows in "data" (x=-2,0,1; y=-1,1,2) or "csv".');
  // the loss is derived symbolically, written out: bound its size (definitions used twice double it)
  checkLossSize(prog);
  const taken = new Set(symbolsOf(prog.whole));
  const { outer, sums } = extractSums(prog.whole, prog.p.spanOf, taken);
  for (const s of sums) {
    for (const [col, n] of s.columns) {
      if (!data.values.has(col)) {
        throw new ChainruleError('UNBOUND_VARIABLE', `${n} reads column ${col}, which the data does not have (its columns: ${data.columns.join(', ')}).`, firstUse(prog, n) ?? s.span);
      }
    }
  }
  const labels = prog.defs.map((d) => ({ name: d.name, expr: wholeFunction(prog.defs, d.expr) }));
  // the parameters: every symbol but the sums' placeholders and the row symbols (x_i)
  const params = new Set(symbolsOf(outer).filter((n) => !sums.some((x) => x.placeholder === n)));
  for (const x of sums) for (const n of symbolsOf(x.body)) if (![...x.columns.values()].includes(n)) params.add(n);
  const model = makeLossModel(outer, sums, data, [...params].sort(), labels);
  // Written out row by row only when asked for (graph draws it; descend works on the model), and
  // only when it can be drawn: a guard before the work, as 10⁵ rows once filled 4 GB of heap.
  let expanded: Expr | undefined;
  const writeOut = (): Expr => {
    const nodes = sums.reduce((n, s) => n + data.rows * unfoldedSize(s.body, 4 * MAX_NODES), 0);
    guardSize(nodes, 4 * MAX_NODES, `The sum written out row by row (${data.rows.toLocaleString('en')} rows) would be a graph of about this many nodes`, 'Use fewer rows, or descend, which works row by row.');
    const rows = sums.map((s) =>
      Array.from({ length: data.rows }, (_, r) => substituteSyms(s.body, new Map([...s.columns].map(([col, n]) => [n, constant(data.values.get(col)![r]!)])))),
    );
    return substituteSyms(outer, new Map(sums.map((x, k) => [x.placeholder, rows[k]!.length === 1 ? rows[k]![0]! : add(...rows[k]!)])));
  };
  return {
    model,
    get expanded() {
      expanded ??= writeOut();
      return expanded;
    },
  };
}

/** A data value as a number node (data.ts checked the text). */
function constant(text: string): Expr {
  const q = parseRational(text) as { n: bigint; d: bigint };
  return rat(q.n, q.d);
}

/** The error for a row outside the domain, at the span of its sum. */
export function rowError(model: () => LossModel) {
  return (k: number, r: number, why: string) => new ChainruleError('DOMAIN', `Row ${r + 1} of the data: ${why}`, model().sums[k]?.span);
}
