// Derivations as API JSON: every expression as plain text (explicit operators, ASCII names: it
// parses back), Unicode and LaTeX; each step with its rule id, label, position, justification,
// conditions, substeps, proof and numeric verdict. It only reads: the checks ran before, in the
// check stage (src/check/stage.ts). Deterministic: same input → same JSON.
import { chargeResponse, forecastResponse } from '../ast/budget.js';
import { childNodes, printedLeavesIn } from '../ast/hash.js';
import type { Definition, Expr } from '../ast/nodes.js';
import type { DerivationCheck, StepCheck, Status } from '../check/index.js';
import type { CheckedDerivation } from '../check/stage.js';
import type { ChainDerivation } from '../derive/chain.js';
import { SLOT, sharedMemo, type SharedMemo, slotOf, type WholeField, toLatex as latexOf, toLatexShared, toText as textOf, toTextShared, toUnicode as unicodeOf, toUnicodeShared } from '../render/index.js';
import { userSpellings } from '../parse/spellings.js';
import { sym } from '../ast/build.js';
import { withChildren } from '../ast/traverse.js';
import type { Derivation, Step } from '../trace/types.js';
import { ALL_VIEWS, currentViews, type Views } from './views.js';

// Results in the user's spelling (typed `w2` → printed `w2`, `ŷ` → `ŷ`): an op serializes inside
// withSpellings(the parse's spellings, …); text and Unicode print the respelled tree, LaTeX keeps the
// canonical one (w_{2}, \hat{y}: LaTeX's own spelling of the same symbol). Serializing is
// synchronous, so the spellings set here cannot leak into another request.
//
// The scope also remembers, for the one response it builds, each whole expression printed (per
// notation, by node identity): a step's `after` is the next step's `before` (the same tree), so
// each was printed twice per notation; and the respelling keeps shared sub-trees shared (one memo
// for the scope), where it used to copy every step's tree. The strings kept are the response's own.
// Below whole expressions, the printers keep their per-node results for the scope too, all three
// notations and the normal forms in one entry per node (bounded, render/precedence.ts SharedMemo):
// consecutive steps differ in one rewritten spot.
// `views` (views.ts): the CLI's text output prints no LaTeX, its LaTeX output no Unicode; the
// notation left out is '' (text is always printed: the response cap counts its length).
interface PrintScope {
  views: Views;
  readonly spell: (e: Expr) => Expr;
  /** per node: each printer's fragment, and each whole expression's string (SLOT.whole…) */
  readonly nodes: SharedMemo;
}
let scope: PrintScope | undefined;

/** A respelling with one memo for the whole scope (respell's output, node for node). */
function speller(s: ReadonlyMap<string, string> | undefined): (e: Expr) => Expr {
  const m = s?.size ? userSpellings(s) : undefined;
  if (!m?.size) return (e) => e;
  const by = new Map([...m].map(([c, t]) => [c, sym(t)]));
  const memo = new Map<Expr, Expr>();
  const go = (x: Expr): Expr => {
    let r = memo.get(x);
    if (r) return r;
    if (x.kind === 'sym') r = by.get(x.name) ?? x;
    else {
      const kids = childNodes(x);
      r = kids.length ? withChildren(x, kids.map(go)) : x;
      // the variable of an unevaluated d/dw₂(…) is a name too
      if (r.kind === 'diff' && m.has(r.wrt)) r = { ...r, wrt: m.get(r.wrt)! };
    }
    memo.set(x, r);
    return r;
  };
  return go;
}

/** A whole expression's string, kept in its node's slot (by the node as the engine built it, before
 * respelling or normal forms; a slot dropped by the bound while printing just loses the string). */
function memoised(memo: SharedMemo, field: WholeField, e: Expr, print: (e: Expr) => string): string {
  const slot = slotOf(memo, e);
  let r = slot[field];
  if (r === undefined) slot[field] = r = print(e);
  return r;
}
// the printers inside the scope, as named functions (not a closure allocated per call)
const textInScope = (x: Expr): string => toTextShared(scope!.spell(x), scope!.nodes);
const unicodeInScope = (x: Expr): string => toUnicodeShared(scope!.spell(x), scope!.nodes);
const latexOfInScope = (x: Expr): string => toLatexShared(x, scope!.nodes);
const toText = (e: Expr): string => (scope ? memoised(scope.nodes, SLOT.wholeText, e, textInScope) : textOf(e));
const toUnicode = (e: Expr): string => (scope ? (scope.views.unicode ? memoised(scope.nodes, SLOT.wholeUnicode, e, unicodeInScope) : '') : unicodeOf(e));
const toLatex = (e: Expr): string => (scope ? (scope.views.latex ? memoised(scope.nodes, SLOT.wholeLatex, e, latexOfInScope) : '') : latexOf(e));

/**
 * A rule's equation in LaTeX, kept for the process by its left side's tree: the rules' trees are
 * parsed once and live as long as the process (derive.ts LazyJustification, the function rules'
 * equations), and LaTeX prints the canonical tree alone (no respelling), so the same equation
 * gives the same text in every response. A derive request printed about a third of its LaTeX
 * nodes for these equations, afresh in each response. A per-request equation (σ recognised:
 * the input itself) is kept as long as its tree lives, and checked by its right side too.
 */
const JUSTIFIED = new WeakMap<Expr, { readonly rhs: Expr; readonly latex: string }>();
function justificationLatex(j: { readonly lhs: Expr; readonly rhs: Expr }): string {
  const { lhs, rhs } = j;
  const hit = JUSTIFIED.get(lhs);
  if (hit !== undefined && hit.rhs === rhs) return hit.latex;
  const latex = `${toLatex(lhs)} = ${toLatex(rhs)}`;
  JUSTIFIED.set(lhs, { rhs, latex });
  return latex;
}

/** LaTeX inside the print scope: remembered for the response, '' where the views leave LaTeX out
 * (LaTeX keeps the canonical names, so it is what toLatex prints). */
export const latexInScope = (e: Expr): string => toLatex(e);

/** Run `f` (synchronous) with results printed in the user's spellings (Parsed.spellings). */
export function withSpellings<T>(s: ReadonlyMap<string, string> | undefined, f: () => T): T {
  const saved = scope;
  scope = { views: currentViews(), spell: speller(s), nodes: sharedMemo() };
  try {
    return f();
  } finally {
    scope = saved;
  }
}

export interface Rendered {
  readonly text: string;
  readonly unicode: string;
  readonly latex: string;
}

export function rendered(e: Expr): Rendered {
  return { text: toText(e), unicode: toUnicode(e), latex: toLatex(e) };
}

function stepJson(s: Step, check: StepCheck | undefined, c: CheckedDerivation): Record<string, unknown> {
  const before = toText(s.before);
  const after = toText(s.after);
  // the step's whole expression is printed five times over: count it against the response cap
  if (!measuring) chargeResponse(5 * (before.length + after.length), () => `reached at a step of rule ${s.rule}`);
  const out: Record<string, unknown> = {
    rule: s.rule,
    label: s.label,
    path: s.path,
    before,
    after,
    latex: { before: toLatex(s.before), after: toLatex(s.after), from: toLatex(s.from), to: toLatex(s.to) },
    unicode: { before: toUnicode(s.before), after: toUnicode(s.after) },
    from: toText(s.from),
    to: toText(s.to),
  };
  // Object.entries/fromEntries built two arrays per binding; the keys are the rules' own
  // metavariables (u, v, f: never "__proto__"), assigned in the same order
  const keys = Object.keys(s.bindings);
  if (keys.length) {
    const b: Record<string, string> = {};
    for (const k of keys) b[k] = toText(s.bindings[k]!);
    out['bindings'] = b;
  }
  // '' outside a LaTeX view, like every LaTeX field there: the trees are not even read (reading
  // them parses the rule's text, derive.ts justification)
  if (s.justification) out['justification'] = scope && !scope.views.latex ? '' : justificationLatex(s.justification);
  if (s.conditions?.length) {
    out['conditions'] = s.conditions.map((x) => `${toText(x)} != 0`);
    out['conditionsLatex'] = s.conditions.map((x) => `${toLatex(x)} \\neq 0`);
    out['conditionsUnicode'] = s.conditions.map((x) => `${toUnicode(x)} ≠ 0`);
  }
  if (check) out['check'] = { ...check.verdict };
  if (s.substeps) out['substeps'] = s.substeps.map((t, i) => stepJson(t, check?.substeps?.[i], c));
  if (s.proof) out['proof'] = proofJson(c.proofs.get(s.proof)!);
  return out;
}

/** A proof's JSON, built once per checked proof and print scope (one response) and shared by every step that
 * carries it (σ′'s proof in each of the 200 local gradients of σ nested 200 deep); charged against
 * the response cap at every later use, as it is printed at every use: by the length of its whole
 * JSON (every notation, whatever the views), measured at its second use — most proofs have one. */
interface ProofEntry {
  readonly scope: PrintScope | undefined;
  readonly json: Record<string, unknown>;
  chars?: number;
}
const proofs = new WeakMap<CheckedDerivation, ProofEntry>();
function proofJson(p: CheckedDerivation): Record<string, unknown> {
  const hit = proofs.get(p);
  if (hit && hit.scope === scope) {
    hit.chars ??= JSON.stringify(scope && !(scope.views.unicode && scope.views.latex) ? measured(() => derivationJson(p)) : hit.json).length;
    if (!measuring) chargeResponse(hit.chars, () => 'reached at a proof');
    return hit.json;
  }
  const json = derivationJson(p);
  proofs.set(p, { scope, json });
  return json;
}

/** Inside measured(): JSON built only to be measured (the response cap is not charged for it). */
let measuring = false;

/** `f` with the scope's views widened to every notation, charging nothing (both restored after). */
function measured<T>(f: () => T): T {
  const [views, was] = [scope!.views, measuring];
  scope!.views = ALL_VIEWS;
  measuring = true;
  try {
    return f();
  } finally {
    scope!.views = views;
    measuring = was;
  }
}

/** Refuse a derivation whose steps could not fit in the response before checking it: the
 * charge of stepJson (five printings of before and after per step and substep) bounded below by
 * leaf counts. A derivation of σ nested 200 deep prints ~10⁸ characters; without this it was
 * checked step by step (minutes) and only then refused. */
export function forecastDerivation(d: Derivation): void {
  let chars = 0;
  // the leaf counts cached for this derivation only (its steps' fresh nodes: hash.ts printedLeavesIn)
  const memo = new Map<Expr, number>();
  const count = (steps: readonly Step[]): void => {
    for (const s of steps) {
      chars += 5 * (printedLeavesIn(s.before, memo) + printedLeavesIn(s.after, memo));
      if (s.substeps) count(s.substeps);
    }
  };
  count(d.steps);
  forecastResponse(chars, () => `${d.steps.length.toLocaleString('en')} steps, printing at least ${chars.toLocaleString('en')} characters`);
}

export function checkJson(c: DerivationCheck): Record<string, unknown> {
  return {
    status: c.status,
    verified: c.verified,
    refuted: c.refuted,
    unverifiable: c.unverifiable,
    ...(c.result ? { result: { ...c.result } } : {}),
  };
}

/** A checked derivation as JSON; the verdicts (when checked) on every step. */
export function derivationJson(c: CheckedDerivation): Record<string, unknown> {
  const d = c.derivation;
  return {
    ...(d.wrt !== undefined ? { wrt: d.wrt } : {}),
    input: rendered(d.input),
    start: rendered(d.start),
    result: toText(d.result),
    unicode: toUnicode(d.result),
    latex: toLatex(d.result),
    steps: d.steps.map((s, i) => stepJson(s, c.check?.steps[i], c)),
    ...(c.check ? { check: checkJson(c.check) } : {}),
  };
}

/** A chain-rule derivation through definitions as JSON, from its checked local and upstream
 * derivations (in the order of c.locals then c.adjoints). */
export function chainJson(
  c: ChainDerivation,
  checked: ReadonlyMap<unknown, CheckedDerivation>,
  substituted: ReadonlyMap<string, Expr>,
  /** named parts: wrt → the checked derivation from the substituted gradient to the result */
  substitutions: ReadonlyMap<string, CheckedDerivation> = new Map(),
): Record<string, unknown> {
  return {
    target: c.target,
    wrt: c.wrt,
    paths: c.paths,
    locals: c.locals.map((l) => ({ of: l.of, wrt: l.wrt, ...rendered(l.result), derivation: derivationJson(checked.get(l)!) })),
    adjoints: c.adjoints.map((a) => ({ name: a.name, via: a.via, ...rendered(a.result), derivation: derivationJson(checked.get(a)!) })),
    gradients: Object.fromEntries(
      Object.entries(c.gradients).map(([w, g]) => [
        w,
        {
          ...rendered(g),
          ...(substituted.has(w) ? { substituted: rendered(substituted.get(w)!) } : {}),
          ...(substitutions.has(w) ? { substitution: derivationJson(substitutions.get(w)!) } : {}),
        },
      ]),
    ),
  };
}

/** The names a derivation through named parts introduced, each with its definition. */
export function partsJson(defs: readonly Definition[], names: readonly string[]): Record<string, unknown>[] {
  return defs.filter((d) => names.includes(d.name)).map((d) => ({ name: d.name, ...rendered(d.expr) }));
}

/** The named upstream factors of a chain (∂L/∂z_2 → its value, which may hold earlier ones), in
 * the order made: what each such symbol in the result and the upstream gradients stands for. */
export function factorsJson(c: ChainDerivation): Record<string, unknown>[] {
  return Object.entries(c.factors ?? {}).map(([name, value]) => ({ name, symbol: rendered(sym(name)), ...rendered(value) }));
}

export type { Status };
