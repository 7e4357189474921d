// Results in the user's spelling: the parser records each symbol as typed (Parsed.spellings,
// canonical → typed, e.g. `w_2` → `w2`, `y_hat` → `ŷ`); `respell` renames the symbols of a result
// to those spellings so a plain-text/Unicode printer gives `w2`, not `w₂`, and a result can be
// compared with the input. For LaTeX output keep the canonical tree (latexName reads it).
import type { Expr } from '../ast/nodes.js';
import { sym } from '../ast/build.js';
import { factorName, factorParts, unicodeName } from '../ast/names.js';
import { children, freeSymbols, mapBottomUp, substituteSymbols } from '../ast/traverse.js';

/** The spellings that differ from the printers' own (`w_2` typed `w2`; not `x` typed `x`). */
export function userSpellings(spellings: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [canonical, typed] of spellings) {
    const t = typed.normalize('NFC');
    if (t !== unicodeName(canonical) && t !== canonical) out.set(canonical, t);
  }
  return out;
}

/** `e` with each symbol renamed to its spelling as typed (for text printing only). */
export function respell(e: Expr, spellings: ReadonlyMap<string, string>): Expr {
  const m = userSpellings(spellings);
  if (m.size === 0) return e;
  const by = new Map([...m].map(([c, t]) => [c, sym(t)]));
  // a named upstream factor ∂L/∂z_2 is spelled as its two names are (∂L/∂z2)
  for (const n of freeSymbols(e)) {
    const f = factorParts(n);
    if (f && (m.has(f.of) || m.has(f.wrt))) by.set(n, sym(factorName(m.get(f.of) ?? f.of, m.get(f.wrt) ?? f.wrt)));
  }
  const out = substituteSymbols(e, by);
  // the variable of an unevaluated d/dw₂(…) is a name too
  return hasDiff(out) ? mapBottomUp(out, (x) => (x.kind === 'diff' && m.has(x.wrt) ? { ...x, wrt: m.get(x.wrt)! } : x)) : out;
}

function hasDiff(e: Expr): boolean {
  const stack = [e];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.kind === 'diff') return true;
    stack.push(...children(x));
  }
  return false;
}
