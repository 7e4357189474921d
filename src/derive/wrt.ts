// Checks on what is differentiated, made where derive is driven: a variable to differentiate by
// that does not occur in the expression (nor in the definitions it uses) is WRT_NOT_IN_EXPRESSION,
// never a silent 0 — it is almost always a misreading (`--wrt yhat` against y·h·a·t, `d/dq(x²)`).
// `derive` itself stays total (inner derivations of constants are legitimately 0); the ops call this.
import type { Definition, Expr } from '../ast/nodes.js';
import { unicodeName } from '../ast/names.js';
import type { Span } from '../ast/spans.js';
import { children, freeSymbols } from '../ast/traverse.js';
import { joinName, splitName, unifyIndexed } from '../ast/names.js';
import { ChainruleError } from '../errors.js';
import { lookupFunction } from '../functions/index.js';
import { isFamily } from '../ast/indices.js';
import type { Parsed } from '../parse/index.js';

/** The symbols an expression depends on, through the definitions it uses (inputs only, plus the
 * defined names themselves). */
export function dependencies(e: Expr, defs: readonly Definition[] = []): Set<string> {
  const byName = new Map(defs.map((d) => [d.name, d.expr]));
  // the families once (asking isFamily of every definition for every input name was quadratic: 12 %
  // of a 128-layer network's request)
  const families = defs.filter(isFamily);
  const seen = new Set<string>();
  const stack = freeSymbols(e);
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    const d = byName.get(n);
    if (d) stack.push(...freeSymbols(d));
    // definitions by index: y in CE(y, t) and y_2 use the family y_j
    else for (const f of families) if (unifyIndexed(f.name, n) !== null || splitName(f.name).base === n) stack.push(...freeSymbols(f.expr));
  }
  return seen;
}

function isParsed(x: Parsed | Expr): x is Parsed {
  return 'program' in x;
}

/** Why a variable might be missing: its letters occur one by one (yhat read as y·h·a·t). */
function hint(w: string, deps: ReadonlySet<string>): string {
  const { base } = splitName(w);
  if (base.length > 1 && [...base].every((c) => deps.has(c)))
    return ` Was ${base} read as the product ${[...base].join('·')}? Declare it as a name (names: ["${base}"], CLI --vars ${base}).`;
  const same = [...deps].filter((d) => splitName(d).base === base);
  if (same.length) return ` The expression has ${same.map(unicodeName).join(', ')}.`;
  return '';
}

export interface WrtCheckOptions {
  /** where the variable was given (a `d/dx` in the input, or the request field), for the error */
  readonly span?: Span;
}

/**
 * Throw WRT_NOT_IN_EXPRESSION unless every variable in `wrt` occurs in what is differentiated:
 * the program's main expression (through its definitions), and for every `d/dx(…)` operator in
 * the input, its argument (the span then points at the operator).
 */
export function checkWrt(what: Parsed | Expr, wrt: readonly string[], opts: WrtCheckOptions = {}): void {
  const defs = isParsed(what) ? what.program.definitions : [];
  // the program's main expression (as parse's mainExpr): its body, else its last definition
  const target = isParsed(what) ? (what.program.body ?? defs[defs.length - 1]?.expr) : what;
  if (!target) return;
  const deps = dependencies(target, defs);
  for (const w of wrt) wholeVectorWrt(w, [target, ...defs.map((d) => d.expr)], opts.span);
  for (const w of wrt) {
    if (deps.has(w) && !defs.some((d) => d.name === w)) continue;
    // an indexed variable y_j occurs in Σ_i t_i log y_i through y_i (src/ast/names.ts unifyIndexed)
    if ([...deps].some((n) => unifyIndexed(n, w) !== null)) continue;
    // a component a_j of a vector a that CE(softmax(a), t) or logsumexp(a) takes whole — only then:
    // w1 against an expression with a scalar w is a different variable (σ(wx + b) by w1 answered 0)
    const p = splitName(w);
    const whole = joinName({ base: p.base, ...(p.accent ? { accent: p.accent } : {}) });
    if (p.sub && wholeVectors([target, ...defs.map((d) => d.expr)]).has(whole)) {
      // one component by one index: a digit 1–9 or a letter other than the class count K (a_12 was
      // read as two indices and answered 0 "verified"; a_K was an internal error)
      if (/^[1-9]$/.test(p.sub) || /^[a-z]$/.test(p.sub)) continue;
      throw new ChainruleError('WRT_NOT_IN_EXPRESSION', `${unicodeName(w)} is not one component of the vector ${unicodeName(whole)}: take one component by one index, ${whole}_1 … ${whole}_9 or ${whole}_j.`, opts.span);
    }
    // a defined name the target depends on: the gradient at that node (derive sets its definition aside)
    if (defs.some((d) => d.name === w) && (deps.has(w) || (isParsed(what) && !what.program.body && defs[defs.length - 1]!.name === w))) continue; // the target itself: the chain op's own error
    throw new ChainruleError('WRT_NOT_IN_EXPRESSION', `${unicodeName(w)} does not occur in the expression, so its derivative would be 0.${hint(w, deps)}`, opts.span);
  }
  // the input's own derivative operators
  const spans = isParsed(what) ? what.spans : undefined;
  const roots = isParsed(what) ? [...defs.map((d) => d.expr), ...(what.program.body ? [what.program.body] : [])] : [what];
  const stack = [...roots];
  while (stack.length) {
    const e = stack.pop()!;
    if (e.kind === 'diff') {
      const inner = dependencies(e.arg, defs);
      if (!inner.has(e.wrt))
        throw new ChainruleError('WRT_NOT_IN_EXPRESSION', `${unicodeName(e.wrt)} does not occur in the argument of this d/d${unicodeName(e.wrt)}, so it would be 0.${hint(e.wrt, inner)}`, spans?.get(e) ?? opts.span);
    }
    stack.push(...children(e));
  }
}

/** The names that softmax, CE or logsumexp take as whole vectors (CE(y, t): y and t; softmax(a);
 * softmax(a_2): a). */
export function wholeVectors(roots: readonly Expr[]): Set<string> {
  const names = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const e = stack.pop()!;
    if (e.kind === 'call' && lookupFunction(e.fn)?.indexed)
      for (const a of e.args) {
        if (a.kind === 'sym') names.add(a.name);
        // softmax(a_2) is a component of softmax over the whole vector a: it depends on a_1 too
        if (a.kind === 'sym' && e.fn === 'softmax') {
          const q = splitName(a.name);
          if (q.sub) names.add(joinName({ base: q.base, ...(q.accent ? { accent: q.accent } : {}) }));
        }
        else if (a.kind === 'call' && a.fn === 'softmax' && a.args[0]!.kind === 'sym') names.add(a.args[0]!.name);
      }
    stack.push(...children(e));
  }
  return names;
}

/** WHOLE_VECTOR when `w` names a whole vector that softmax, CE or logsumexp takes (CE(y, t) by y):
 * a derivative is taken with respect to one component (y_j), never silently 0. */
function wholeVectorWrt(w: string, roots: readonly Expr[], span: Span | undefined): void {
  if (splitName(w).sub) return;
  const stack = [...roots];
  while (stack.length) {
    const e = stack.pop()!;
    if (e.kind === 'call' && lookupFunction(e.fn)?.indexed && e.args.some((a) => (a.kind === 'sym' && a.name === w) || (a.kind === 'call' && a.fn === 'softmax' && a.args[0]!.kind === 'sym' && a.args[0]!.name === w)))
      throw new ChainruleError('WHOLE_VECTOR', `${unicodeName(w)} is a whole vector in ${e.fn}(…): differentiate with respect to one component, ${w}_j (or ${w}_1).`, span);
    stack.push(...children(e));
  }
}
