// Sums over the rows of a data set, for `graph` and `descend`: the parser reads Σ_i (…), ∑_i,
// Σᵢ, sum_i(…) and LaTeX \sum_{i} as a sum node with a bound index (src/ast/indices.ts); here each
// sum node becomes a placeholder of the outer expression and a term summed over the rows. Inside
// a sum over i, the symbol x_i is column x of the data. Invariants: nested sums, bounds, a bare Σ
// and an index outside its sum are errors with positions; a placeholder equals no user name.
import type { Expr } from '../ast/nodes.js';
import { joinName, splitName } from '../ast/names.js';
import { sum as sumNode, sym } from '../ast/build.js';
import type { Span } from '../ast/spans.js';
import { children, someNode, withChildren } from '../ast/traverse.js';
import { symbolsOf } from './dag.js';
import { ChainruleError } from '../errors.js';

export interface SumTerm {
  readonly index: string;
  /** the placeholder in the outer expression */
  readonly placeholder: string;
  readonly body: Expr;
  /** data columns the body reads: column name → the indexed symbol (x → x_i) */
  readonly columns: ReadonlyMap<string, string>;
  readonly span?: Span;
}

export interface Summed {
  /** the expression with each sum replaced by its placeholder */
  readonly outer: Expr;
  readonly sums: readonly SumTerm[];
}

/** The symbol Σ standing alone (no index): what the parser makes of `Σ (…)`. */
const isBareSigma = (e: Expr): boolean => e.kind === 'sym' && e.name === 'Sigma';

/** Does `e` contain a sum (or a bare Σ, an error extractSums reports)? */
export function hasSums(e: Expr): boolean {
  return someNode([e], (x) => x.kind === 'sum' || isBareSigma(x));
}

/** Replace every sum node by a placeholder. `spanOf` gives a node's position in the user's text. */
export function extractSums(e: Expr, spanOf: (node: Expr) => Span | undefined, taken: ReadonlySet<string>): Summed {
  const sums: SumTerm[] = [];
  const used = new Set(taken);
  const placeholderFor = (): string => {
    let name = 'S';
    for (let j = 1; used.has(name); j++) name = `S_${j}`;
    used.add(name);
    return name;
  };
  const memo = new Map<Expr, Expr>();
  const walk = (x: Expr): Expr => {
    let r = memo.get(x);
    if (!r) memo.set(x, (r = walkNew(x)));
    return r;
  };
  const walkNew = (x: Expr): Expr => {
    if (isBareSigma(x)) throw new ChainruleError('BAD_REQUEST', 'Name the index of the sum: Σ_i (…) sums over the rows, with x_i the value of column x in row i.', spanOf(x));
    if (x.kind === 'sum') {
      const span = spanOf(x);
      // the rows are the range of a sum over data: bounds would say something else
      if (x.lo || x.hi) throw new ChainruleError('BAD_REQUEST', `A sum over the rows of the data has no bounds: write Σ_${x.index} (…), which runs over every row.`, span);
      const nested = findNested(x.body);
      if (nested) throw new ChainruleError('BAD_REQUEST', 'Sums inside sums are not supported: one Σ over the rows at a time.', spanOf(nested) ?? span);
      const columns = new Map<string, string>();
      for (const n of symbolsOf(x.body)) {
        const p = splitName(n);
        if (p.sub === x.index) columns.set(joinName({ base: p.base, ...(p.accent ? { accent: p.accent } : {}) }), n);
      }
      const placeholder = placeholderFor();
      sums.push({ index: x.index, placeholder, body: x.body, columns, ...(span ? { span } : {}) });
      return sym(placeholder);
    }
    const kids = children(x);
    return kids.length ? withChildren(x, kids.map(walk)) : x;
  };
  const outer = walk(e);
  // an indexed symbol outside every sum over its index
  const indices = new Set(sums.map((s) => s.index));
  for (const n of symbolsOf(outer)) {
    const sub = splitName(n).sub;
    if (sub !== undefined && indices.has(sub)) {
      throw new ChainruleError('BAD_REQUEST', `${n} is outside the sum over ${sub}: the index only has a value inside Σ_${sub}(…).`, spanOf(findSym(outer, n)!));
    }
  }
  return { outer, sums };
}

/** A sum (or a bare Σ) inside a sum's body. */
function findNested(e: Expr): Expr | undefined {
  let found: Expr | undefined;
  someNode([e], (x) => {
    if (x.kind === 'sum' || isBareSigma(x)) found = x;
    return found !== undefined;
  });
  return found;
}

/** The first occurrence of a symbol, left to right (someNode's order is not: a walk of its own). */
export function findSym(e: Expr, name: string): Expr | undefined {
  const stack = [e];
  const seen = new Set<Expr>();
  while (stack.length) {
    const x = stack.pop()!;
    if (seen.has(x)) continue;
    seen.add(x);
    if (x.kind === 'sym' && x.name === name) return x;
    stack.push(...[...children(x)].reverse()); // the first occurrence, left to right
  }
  return undefined;
}

/** How a sum prints: the sum node itself, which the printers write Σ_i … (Unicode), \\sum_{i} …
 * (LaTeX) and sum(i, …) (text, which reads back as the same sum). */
export function sumDisplay(index: string, body: Expr): Expr {
  return sumNode(index, null, null, body);
}
