// Sums over the rows of a data set, Σ_i (…) and sum_i(…), for `graph` and `descend` — without
// touching the grammar: the text is rewritten first (src/parse/sums.ts) (sum_i(u) → (Σ_i(u)), ∑ → Σ, xᵢ → x_i,
// LaTeX \sum_{i} → \Sigma_{i}), so the parser reads Σ_i as the symbol Sigma_i, a factor of a
// product; then every product holding Sigma_i becomes a sum of the factors that FOLLOW it (the
// usual reading: Σ binds tighter than + and looser than ·; sum_i(…) sums exactly its argument).
// Inside a sum over i, the symbol x_i is column x of the data. Invariants: every position the
// parser reports is mapped back to the user's text; nested sums and an index outside its sum are
// errors with positions; a sum is replaced by a placeholder symbol that no user name can equal.
import type { Expr } from '../ast/nodes.js';
import { joinName, splitName } from '../ast/names.js';
import { mul, sym } from '../ast/build.js';
import type { Span } from '../ast/spans.js';
import { children, withChildren } from '../ast/traverse.js';
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

const SIGMA = /^Sigma(?:_([A-Za-z]))?$/;
const sigmaOf = (e: Expr): RegExpExecArray | null => (e.kind === 'sym' ? SIGMA.exec(e.name) : null);

/** Does `e` contain Σ? */
export function hasSums(e: Expr): boolean {
  return symbolsOf(e).some((n) => SIGMA.test(n));
}

/** Replace every Σ_i-product by a placeholder. `spanOf` gives a node's position in the user's text. */
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
    const sig = sigmaOf(x);
    if (sig) throw new ChainruleError('BAD_REQUEST', 'Σ must be followed by the term it sums, as in Σ_i (y_i − ŷ_i)^2.', spanOf(x));
    if (x.kind === 'mul') {
      const at = x.factors.findIndex((f) => sigmaOf(f));
      if (at >= 0) {
        const s = x.factors[at]!;
        const index = sigmaOf(s)![1];
        const span = spanOf(x) ?? spanOf(s);
        if (!index) throw new ChainruleError('BAD_REQUEST', 'Name the index of the sum: Σ_i (…) sums over the rows, with x_i the value of column x in row i.', spanOf(s));
        const terms = x.factors.slice(at + 1);
        if (terms.length === 0) throw new ChainruleError('BAD_REQUEST', 'Σ must be followed by the term it sums, as in Σ_i (y_i − ŷ_i)^2.', spanOf(s));
        const body = terms.length === 1 ? terms[0]! : mul(...terms);
        const nested = findSigma(body);
        if (nested) throw new ChainruleError('BAD_REQUEST', 'Sums inside sums are not supported: one Σ over the rows at a time.', spanOf(nested) ?? span);
        const columns = new Map<string, string>();
        for (const n of symbolsOf(body)) {
          const p = splitName(n);
          if (p.sub === index) columns.set(joinName({ base: p.base, ...(p.accent ? { accent: p.accent } : {}) }), n);
        }
        const placeholder = placeholderFor();
        sums.push({ index, placeholder, body, columns, ...(span ? { span } : {}) });
        const outside = x.factors.slice(0, at).map(walk);
        return outside.length === 0 ? sym(placeholder) : mul(...outside, sym(placeholder));
      }
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

function findSigma(e: Expr): Expr | undefined {
  const stack = [e];
  const seen = new Set<Expr>();
  while (stack.length) {
    const x = stack.pop()!;
    if (seen.has(x)) continue;
    seen.add(x);
    if (sigmaOf(x)) return x;
    stack.push(...children(x));
  }
  return undefined;
}

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

/** How a sum prints: Σ_i·(body) as a product with the symbol Σ_i, which the printers write
 * Σ_i (Unicode), Sigma_i*(…) (text, which `graph`/`descend` read back as the same sum) and
 * \Sigma_{i} (LaTeX; see `sumLatex`). */
export function sumDisplay(index: string, body: Expr): Expr {
  return mul(sym(`Sigma_${index}`), body);
}

