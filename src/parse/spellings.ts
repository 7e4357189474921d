// Results in the user's spelling: the parser records each symbol as typed (Parsed.spellings,
// canonical → typed, e.g. `w_2` → `w2`, `y_hat` → `ŷ`); `respell` renames the symbols of a result
// to those spellings so a plain-text/Unicode printer gives `w2`, not `w₂`, and a result can be
// compared with the input. For LaTeX output keep the canonical tree (latexName reads it).
import type { Expr } from '../ast/nodes.js';
import { diff, sym } from '../ast/build.js';
import { factorName, factorParts, unicodeName } from '../ast/names.js';
import { containsDiff } from '../ast/hash.js';
import { freeSymbols, mapBottomUp, substituteSymbols } from '../ast/traverse.js';

/** The spellings that differ from the printers' own (`w_2` typed `w2`; not `x` typed `x`). */
export function userSpellings(spellings: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [canonical, typed] of spellings) {
    const t = typed.normalize('NFC');
    if (t !== unicodeName(canonical) && t !== canonical) out.set(canonical, t);
  }
  return out;
}

/** userSpellings and its renaming map, once per spellings map: a response prints hundreds of
 * expressions, and rebuilding them per expression made a long chain's response quadratic. */
const prepared = new WeakMap<ReadonlyMap<string, string>, { readonly m: Map<string, string>; readonly by: ReadonlyMap<string, Expr> }>();

/** `e` with each symbol renamed to its spelling as typed (for text printing only). */
export function respell(e: Expr, spellings: ReadonlyMap<string, string>): Expr {
  let p = prepared.get(spellings);
  if (!p) {
    const m = userSpellings(spellings);
    prepared.set(spellings, (p = { m, by: new Map([...m].map(([c, t]) => [c, sym(t)])) }));
  }
  const { m } = p;
  if (m.size === 0) return e;
  let by = p.by;
  // a named upstream factor ∂L/∂z_2 is spelled as its two names are (∂L/∂z2)
  for (const n of freeSymbols(e)) {
    const f = factorParts(n);
    if (!f || !(m.has(f.of) || m.has(f.wrt))) continue;
    if (by === p.by) by = new Map(by);
    (by as Map<string, Expr>).set(n, sym(factorName(m.get(f.of) ?? f.of, m.get(f.wrt) ?? f.wrt)));
  }
  const out = substituteSymbols(e, by);
  // the variable of an unevaluated d/dw₂(…) is a name too
  return hasDiff(out) ? mapBottomUp(out, (x) => (x.kind === 'diff' && m.has(x.wrt) ? diff(x.arg, m.get(x.wrt)!) : x)) : out;
}

const hasDiff = containsDiff;
