// Derivations as API JSON: every expression as plain text (explicit operators, ASCII names: it
// parses back), Unicode and LaTeX; each step with its rule id, label, position, justification,
// conditions, substeps, proof and numeric verdict. Deterministic: same input → same JSON.
import type { Expr } from '../ast/nodes.js';
import { checkDerivation, type DerivationCheck, type Status, type StepCheck } from '../check/index.js';
import type { Verdict } from '../check/index.js';
import type { ChainDerivation } from '../derive/chain.js';
import { toLatex, toText, toUnicode } from '../render/index.js';
import type { Derivation, Step } from '../trace/types.js';

export interface Rendered {
  readonly text: string;
  readonly unicode: string;
  readonly latex: string;
}

export function rendered(e: Expr): Rendered {
  return { text: toText(e), unicode: toUnicode(e), latex: toLatex(e) };
}

function verdictJson(v: Verdict): Record<string, unknown> {
  return { ...v };
}

function stepJson(s: Step, check: StepCheck | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {
    rule: s.rule,
    label: s.label,
    path: s.path,
    before: toText(s.before),
    after: toText(s.after),
    latex: { before: toLatex(s.before), after: toLatex(s.after), from: toLatex(s.from), to: toLatex(s.to) },
    unicode: { before: toUnicode(s.before), after: toUnicode(s.after) },
    from: toText(s.from),
    to: toText(s.to),
  };
  const b = Object.entries(s.bindings);
  if (b.length) out['bindings'] = Object.fromEntries(b.map(([k, v]) => [k, toText(v)]));
  if (s.justification) out['justification'] = `${toLatex(s.justification.lhs)} = ${toLatex(s.justification.rhs)}`;
  if (s.conditions?.length) {
    out['conditions'] = s.conditions.map((c) => `${toText(c)} != 0`);
    out['conditionsLatex'] = s.conditions.map((c) => `${toLatex(c)} \\neq 0`);
    out['conditionsUnicode'] = s.conditions.map((c) => `${toUnicode(c)} ≠ 0`);
  }
  if (check) out['check'] = verdictJson(check.verdict);
  if (s.substeps) out['substeps'] = s.substeps.map((t, i) => stepJson(t, check?.substeps?.[i]));
  if (s.proof) out['proof'] = derivationJson(s.proof, true);
  return out;
}

export function checkJson(c: DerivationCheck): Record<string, unknown> {
  return {
    status: c.status,
    verified: c.verified,
    refuted: c.refuted,
    unverifiable: c.unverifiable,
    ...(c.result ? { result: verdictJson(c.result) } : {}),
  };
}

/** A derivation as JSON; `check` runs the numeric checks and attaches a verdict to every step. */
export function derivationJson(d: Derivation, check: boolean, statuses?: Status[]): Record<string, unknown> {
  const c = check ? checkDerivation(d) : undefined;
  if (c && statuses) statuses.push(c.status);
  return {
    ...(d.wrt !== undefined ? { wrt: d.wrt } : {}),
    input: rendered(d.input),
    start: rendered(d.start),
    result: toText(d.result),
    unicode: toUnicode(d.result),
    latex: toLatex(d.result),
    steps: d.steps.map((s, i) => stepJson(s, c?.steps[i])),
    ...(c ? { check: checkJson(c) } : {}),
  };
}

/** A chain-rule derivation through definitions as JSON. */
export function chainJson(c: ChainDerivation, check: boolean, substituted: Record<string, Expr>, statuses: Status[]): Record<string, unknown> {
  return {
    target: c.target,
    wrt: c.wrt,
    paths: c.paths,
    locals: c.locals.map((l) => ({ of: l.of, wrt: l.wrt, ...rendered(l.result), derivation: derivationJson(l.derivation, check, statuses) })),
    adjoints: c.adjoints.map((a) => ({ name: a.name, via: a.via, ...rendered(a.result), derivation: derivationJson(a.derivation, check, statuses) })),
    gradients: Object.fromEntries(
      Object.entries(c.gradients).map(([w, g]) => [w, { ...rendered(g), ...(substituted[w] ? { substituted: rendered(substituted[w]!) } : {}) }]),
    ),
  };
}
