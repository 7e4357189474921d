// The terminal (Unicode) form of a derive/simplify response, built from the op's typed response
// (ResponseOf<'derive'> / <'simplify'>), so the CLI shows exactly what the API returns. The
// LaTeX form is derivationLatex.ts.
import type { ResponseOf } from '../api/schema/index.js';
import { sym } from '../ast/build.js';
import { FUNCTIONS } from '../functions/index.js';
import { toText } from './text.js';
import { unicodeName } from '../ast/names.js';

/** A canonical name as the terminal prints it (s_1 → s₁). */
const nameOf = (n: string): string => unicodeName(n);
/** ∂a/∂b in printed names (∂L/∂W₁, ∂s₂/∂u₂). */
const pd = (a: string, b: string): string => `∂${nameOf(a)}/∂${nameOf(b)}`;

/** The words of the terminal form, English by default; the CLI passes another language's
 * (src/i18n, `--lang`) — the printer itself knows no catalog. */
export interface TextWords {
  readonly parts: string;
  readonly locals: string;
  readonly upstream: string;
  readonly substituteBack: string;
  readonly result: string;
  readonly check: string;
  readonly notRun: string;
  /** a check that had no step to check (the input was already in its simplest form) */
  readonly nothingToCheck: string;
  readonly where: string;
  readonly status: (s: string) => string;
  readonly counts: (verified: number, refuted: number, unverifiable: number) => string;
  readonly againstNumeric: string;
  /** the heading of a proof: `derivative` derived from `definition` (σ′ from σ's definition) */
  readonly fromDefinition: (derivative: string, definition: string) => string;
  /** the heading of a proof derived by the rules, step by step */
  readonly stepByStep: (derivative: string) => string;
}

export const ENGLISH_WORDS: TextWords = {
  parts: 'parts',
  locals: 'local gradients',
  upstream: 'upstream gradients (each computed once)',
  substituteBack: 'substitute the parts back',
  result: 'result',
  check: 'check',
  notRun: 'not run',
  nothingToCheck: 'nothing to check (no step was taken)',
  where: 'where',
  status: (s) => s,
  counts: (v, r, u) => `${v} checks verified, ${r} refuted, ${u} unverifiable`,
  againstNumeric: 'each result against a numerical derivative',
  fromDefinition: (d, def) => `where ${d} is derived from the definition ${def}`,
  stepByStep: (d) => `where ${d} is derived step by step`,
};

type Derive = ResponseOf<'derive'>;
type Simplify = ResponseOf<'simplify'>;
/** A derivation response (one expression, or simplify). */
type Derivation = Simplify;
type Chained = Extract<Derive, { chain: unknown }>;
/** What the printers read of a step (the step schema nests; every level has these). */
interface StepView {
  readonly rule: string;
  readonly label: string;
  readonly unicode?: { readonly after: string };
  readonly after?: string;
  readonly latex?: { readonly before: string; readonly after: string };
  readonly conditionsUnicode?: readonly string[];
  readonly check?: { readonly status: string };
  readonly justification?: string;
  readonly proof?: {
    readonly start?: { readonly unicode: string };
    readonly input?: { readonly text: string; readonly unicode: string };
    readonly unicode?: string;
    readonly wrt?: string;
    readonly steps: readonly StepView[];
  };
}

const MARK: Record<string, string> = { verified: '✓', refuted: '✗ REFUTED', unverifiable: '? unverifiable' };

function mark(x: { readonly check?: { readonly status: string } }): string {
  return x.check ? MARK[x.check.status] ?? '' : '';
}

function stepLines(W: TextWords, steps: readonly StepView[], indent: string): string[] {
  const out: string[] = [];
  steps.forEach((s, i) => {
    const after = s.unicode ? s.unicode.after : (s.after ?? '');
    const cond = s.conditionsUnicode ? `   (${W.where} ${s.conditionsUnicode.join(', ')})` : '';
    out.push(`${indent}${i + 1}. ${s.label}  [${s.rule}]  ${mark(s)}`);
    out.push(`${indent}   = ${after}${cond}`);
  });
  return out;
}

function checkLine(W: TextWords, r: { readonly check?: { readonly status: string; readonly verified?: number; readonly refuted?: number; readonly unverifiable?: number } }): string {
  const c = r.check;
  if (!c) return `${W.check}: ${W.notRun}`;
  // "verified (0 checks …)" would claim what no check showed
  if (c.verified === 0 && !c.refuted && !c.unverifiable) return `${W.check}: ${W.nothingToCheck}`;
  const n = c.verified !== undefined ? ` (${W.counts(c.verified, c.refuted ?? 0, c.unverifiable ?? 0)})` : '';
  return `${W.check}: ${W.status(c.status)}${n}`;
}

const isChain = (r: Derive | Simplify): r is Chained => 'chain' in r && r.chain !== undefined;
/** `steps: "none"`: results only. */
type ResultOnly = Exclude<Derive, { steps: unknown }>;
const isResultOnly = (r: Derive | Simplify): r is ResultOnly => !('steps' in r);

/** The terminal form of a derive or simplify response, in `words` (default English). */
export function formatText(r: Derive | Simplify, title: string, words: TextWords = ENGLISH_WORDS): string {
  return formatIn(words, r, title);
}

function formatIn(W: TextWords, r: Derive | Simplify, title: string): string {
  const out = [title];
  if (isResultOnly(r)) {
    // a result kept in the names (RESULT_IN_NAMES): the parts first, the named factors after it
    if (r.parts) out.push(`${W.parts}: ${r.parts.map((p) => `${nameOf(p.name)} = ${p.unicode}`).join(', ')}`);
    const rows = r.gradient ? Object.entries(r.gradient) : [[r.wrt ?? '', { unicode: r.unicode }] as const];
    for (const [w, g] of rows) {
      const sub = 'substituted' in g && g.substituted && g.substituted.unicode !== g.unicode ? ` = ${g.substituted.unicode}` : '';
      out.push(`${rows.length > 1 || sub ? `∂/∂${w}: ` : `${W.result}: `}${g.unicode}${sub}`);
    }
    for (const f of r.factors ?? []) out.push(`  ${W.where} ${f.symbol.unicode} = ${f.unicode}`);
    out.push(r.check ? `${W.check}: ${W.status(r.check.status)} (${W.againstNumeric})` : `${W.check}: ${W.notRun}`);
    return out.join('\n') + '\n';
  }
  const gradient = (r as { gradient?: Readonly<Record<string, Derivation>> }).gradient;
  if (!isChain(r) && gradient && Object.keys(gradient).length > 1) {
    // a gradient: every component, each with its own steps and check
    for (const [w, g] of Object.entries(gradient)) {
      out.push('', `∂/∂${w}:`, ...oneDerivation(W, g));
    }
    return out.join('\n') + '\n';
  }
  if (!isChain(r)) {
    out.push(...oneDerivation(W, r as Derivation));
    return out.join('\n') + '\n';
  }
  return chainText(W, r, out);
}

function oneDerivation(W: TextWords, d: Derivation): string[] {
  const out: string[] = [];
  {
    const steps = d.steps as readonly StepView[];
    out.push(...stepLines(W, steps, '  '));
    // each distinct proof once (σ′'s is one object however often σ occurs; a derivation by
    // index carries one per local gradient)
    const shown = new Set<string>();
    for (const proofStep of steps) {
      const p = proofStep.proof;
      if (!p || shown.has(p.start!.unicode)) continue;
      shown.add(p.start!.unicode);
      out.push('', `  ${proofSentence(W, p)}:`);
      out.push(`  ${p.start!.unicode}`, ...stepLines(W, p.steps, '    '));
    }
    out.push(`${W.result}: ${d.unicode}`, checkLine(W, d));
  }
  return out;
}

/** What a proof shows, in words and Unicode (the step's justification is LaTeX, not for a terminal):
 * `where σ′(z) = σ(z)(1 − σ(z)) is derived from the definition σ(z) = 1/(1 + e^(−z))`, in W's language. */
function proofSentence(W: TextWords, p: NonNullable<StepView['proof']>): string {
  const wrt = p.wrt ?? 'z';
  const input = p.input?.text;
  // the function whose definition the proof starts from, found by its printed definition
  const f = input === undefined ? undefined : FUNCTIONS.find((g) => g.definition && g.arity === 1 && toText(g.definition([sym(wrt)])) === input);
  const name = f ? (f.unicode ?? f.name) : undefined;
  return name
    ? W.fromDefinition(`${name}′(${wrt}) = ${p.unicode ?? ''}`, `${name}(${wrt}) = ${p.input!.unicode}`)
    : W.stepByStep(`d/d${wrt}(${p.input?.unicode ?? ''}) = ${p.unicode ?? ''}`);
}

function chainText(W: TextWords, r: Chained, out: string[]): string {
  const chain = r.chain;
  const target = chain.target;
  // one expression through named parts: the names first, as the notes introduce them
  if (r.parts) out.push(`${W.parts}: ${r.parts.map((p) => `${nameOf(p.name)} = ${p.unicode}`).join(', ')}`, '');
  // the chain rule sums over every path from the target to the variable (deck 004: never just one)
  for (const [w, ps] of Object.entries(chain.paths)) {
    // ∂L/∂w = ∂L/∂w (w used right in the target's definition) says nothing
    if (ps.length === 1 && ps[0]!.length === 2) continue;
    const products = ps.map((p) => p.slice(1).map((n, i) => pd(p[i]!, n)).join(' · '));
    out.push(`${pd(target, w)} = ${products.join(' + ')}${ps.length > 1 ? `   (${ps.length} paths: ${ps.map((p) => p.map(nameOf).join(' → ')).join('; ')})` : ''}`);
  }
  out.push('', `${W.locals}:`);
  for (const l of chain.locals) {
    // the notes' chain of equalities: every intermediate form once it holds no d/dx
    const forms = (l.derivation.steps as readonly StepView[]).map((s) => s.unicode!.after).filter((f) => !f.includes('d/d'));
    const chainOf = [...new Set([...forms, l.unicode])];
    out.push(`  ${pd(l.of, l.wrt)} = ${chainOf.join(' = ')}  ${mark(l.derivation)}`);
  }
  out.push('', `${W.upstream}:`);
  for (const a of chain.adjoints) {
    const start = a.derivation.start.unicode;
    const via = a.via.length > 1 ? `${a.via.map((v) => `${pd(target, v)}·${pd(v, a.name)}`).join(' + ')} = ` : '';
    out.push(`  ${pd(target, a.name)} = ${via}${start}${start === a.unicode ? '' : ` = ${a.unicode}`}  ${mark(a.derivation)}`);
  }
  if (r.parts) {
    // the parts written out again: each form once, every step checked (none when the result
    // stays in the names: a RESULT_IN_NAMES reading says so)
    if (Object.values(chain.gradients).some((g) => g.substitution)) out.push('', `${W.substituteBack}:`);
    for (const [w, g] of Object.entries(chain.gradients)) {
      const d = g.substitution;
      if (!d) continue;
      const forms = [...new Set([g.unicode, d.start.unicode, ...(d.steps as readonly StepView[]).map((s) => s.unicode!.after)])];
      out.push(`  ${pd(target, w)} = ${forms.join(' = ')}  ${mark(d)}`);
    }
    out.push('', `${W.result}: ${r.unicode}`, checkLine(W, r));
    return out.join('\n') + '\n';
  }
  out.push('', `${W.result}:`);
  for (const [w, g] of Object.entries(chain.gradients)) {
    const sub = g.substituted;
    out.push(`  ${pd(target, w)} = ${g.unicode}${sub && sub.unicode !== g.unicode ? ` = ${sub.unicode}` : ''}`);
    // under `assume`: the steps that use the assumptions, then the result they give
    const assumed = (g as { assumed?: { unicode: string; steps: readonly StepView[]; check?: { status: string } } }).assumed;
    if (assumed) out.push(...stepLines(W, assumed.steps, '    '), `  ${pd(target, w)} = ${assumed.unicode}  ${mark(assumed)}`);
  }
  out.push(checkLine(W, r));
  return out.join('\n') + '\n';
}
