// Reading the request's `assume` text (CLI --assume) into src/derive/assume.ts's Assumptions:
// statements separated by `;` or new lines, each a domain fact (`0 < p < 1`, `x > 0`, `x ≥ 0`,
// `t ∈ {0, 1}`) or a linear constraint (`t1 + t2 + t3 = 1`). Each side is read by the expression
// parser with the request's names; every error is BAD_ASSUMPTION or CONTRADICTORY_ASSUMPTIONS
// with its position in the `assume` text.
import { sym } from '../ast/build.js';
import type { Definition, Expr } from '../ast/nodes.js';
import { freeSymbols, substituteSymbols } from '../ast/traverse.js';
import { checkStage, type CheckedDerivation } from '../check/stage.js';
import type { Derivation } from '../trace/types.js';
import { type Assumptions, constrainedCopy, type LinearConstraint, linearForm, type RangeFact, type SetFact, solveLinear, useAssumptions } from '../derive/assume.js';
import { ChainruleError, type ErrorCode } from '../errors.js';
import { mainExpr } from '../parse/index.js';
import { toUnicode } from '../render/index.js';
import { fieldError } from './errors.js';
import { parseText, type Reading } from './fields.js';

const FIELD = 'assume';
const RELATION = /<=|>=|≤|≥|<|>|=|∈|\bin\b/gu;

interface Piece {
  readonly text: string;
  readonly start: number;
}

/** Read `assume` (absent or blank: no assumptions). */
export async function readAssume(text: string | undefined, r: Reading): Promise<Assumptions | undefined> {
  if (text === undefined || !text.trim()) return undefined;
  const fail = (code: ErrorCode, message: string, start: number, end: number) => fieldError(FIELD, text, code, message, { start, end: Math.max(end, start + 1) });
  const facts: Array<RangeFact | SetFact> = [];
  const constraints: LinearConstraint[] = [];
  for (const st of statements(text)) {
    const stEnd = st.start + st.text.length;
    const ops: Array<{ op: string; at: number }> = [];
    const sides: Piece[] = [];
    let last = 0;
    for (const m of st.text.matchAll(RELATION)) {
      ops.push({ op: m[0], at: st.start + m.index });
      sides.push({ text: st.text.slice(last, m.index), start: st.start + last });
      last = m.index + m[0].length;
    }
    sides.push({ text: st.text.slice(last), start: st.start + last });
    const shown = st.text.trim();
    if (!ops.length) throw fail('BAD_ASSUMPTION', `"${shown}" is not an assumption: write a domain fact (0 < p < 1, x > 0, t ∈ {0, 1}) or a linear constraint (t1 + t2 + t3 = 1).`, st.start, stEnd);
    const kinds = new Set(ops.map((o) => (o.op === '=' ? '=' : o.op === '∈' || o.op === 'in' ? '∈' : '<')));
    if (kinds.size > 1 || (!kinds.has('<') && ops.length > 1) || ops.length > 2)
      throw fail('BAD_ASSUMPTION', `"${shown}" mixes relations: write one fact or constraint per statement, separated by ";".`, st.start, stEnd);
    if (kinds.has('=')) {
      const [lhs, rhs] = [await side(sides[0]!), await side(sides[1]!)];
      const solved = solveLinear(lhs, rhs, constraints);
      if (solved === 'nonlinear') throw fail('BAD_ASSUMPTION', `"${shown}" is not a linear constraint: only sums of numbers times symbols are supported (t1 + t2 + t3 = 1).`, st.start, stEnd);
      if (solved === 'contradiction') throw fail('CONTRADICTORY_ASSUMPTIONS', `"${shown}" contradicts the constraints before it.`, st.start, stEnd);
      if (solved === 'redundant') continue;
      // a later constraint's variable may occur in an earlier solution: keep the solutions in free variables
      const c: LinearConstraint = { kind: 'linear', text: shown, ...solved };
      for (let i = 0; i < constraints.length; i++) {
        const e = constraints[i]!;
        constraints[i] = { ...e, solution: substituteSymbols(e.solution, new Map([[c.solveFor, c.solution]])) };
      }
      constraints.push(c);
    } else if (kinds.has('∈')) {
      const name = await symbolOf(sides[0]!, shown);
      facts.push({ kind: 'set', name, values: await setValues(sides[1]!), text: `${toUnicode(sym(name))} ∈ {${sides[1]!.text.trim().replace(/^\{|\}$/g, '').trim()}}` });
    } else {
      facts.push(await range(sides, ops.map((o) => o.op), shown));
    }
  }
  checkConsistent(facts, fail, text);
  return { facts, constraints };

  async function side(p: Piece): Promise<Expr> {
    if (!p.text.trim()) throw fail('BAD_ASSUMPTION', 'A relation needs an expression on both sides.', p.start, p.start + p.text.length);
    try {
      const parsed = await parseText(FIELD, p.text, r);
      if (parsed.program.definitions.length) throw new ChainruleError('BAD_ASSUMPTION', 'An assumption holds no definitions.');
      return mainExpr(parsed);
    } catch (e) {
      if (!(e instanceof ChainruleError)) throw e;
      const s = e.span ?? { start: 0, end: p.text.length };
      throw fail('BAD_ASSUMPTION', `This assumption does not read: ${e.message}`, p.start + s.start, p.start + s.end);
    }
  }
  async function symbolOf(p: Piece, shown: string): Promise<string> {
    const e = await side(p);
    if (e.kind !== 'sym') throw fail('BAD_ASSUMPTION', `"${shown}": a domain fact bounds one symbol by numbers (0 < p < 1), not ${toUnicode(e)}.`, p.start, p.start + p.text.length);
    return e.name;
  }
  async function number(p: Piece): Promise<number> {
    const e = await side(p);
    const l = linearForm(e);
    if (!l || [...l.coeffs.values()].some((c) => c[0] !== 0n)) throw fail('BAD_ASSUMPTION', `A bound must be a number, not ${toUnicode(e)}.`, p.start, p.start + p.text.length);
    return Number(l.constant[0]) / Number(l.constant[1]);
  }
  async function setValues(p: Piece): Promise<number[]> {
    const t = p.text.trim();
    const open = p.text.indexOf('{');
    if (!t.startsWith('{') || !t.endsWith('}')) throw fail('BAD_ASSUMPTION', 'A set of values is written in braces: t ∈ {0, 1}.', p.start, p.start + p.text.length);
    const inner = p.text.slice(open + 1, p.text.lastIndexOf('}'));
    const out: number[] = [];
    let at = p.start + open + 1;
    for (const v of inner.split(',')) {
      out.push(await number({ text: v, start: at }));
      at += v.length + 1;
    }
    return [...new Set(out)];
  }
  async function range(sides: Piece[], ops: string[], shown: string): Promise<RangeFact> {
    const up = (o: string) => o === '<' || o === '<=' || o === '≤';
    if (ops.length === 2 && up(ops[0]!) !== up(ops[1]!)) throw fail('BAD_ASSUMPTION', `"${shown}": a chain of bounds goes one way (0 < p < 1).`, sides[0]!.start, sides[2]!.start + sides[2]!.text.length);
    const rising = up(ops[0]!);
    if (ops.length === 2) {
      const [a, b] = [await number(sides[0]!), await number(sides[2]!)];
      const name = await symbolOf(sides[1]!, shown);
      return { kind: 'range', name, lo: rising ? a : b, hi: rising ? b : a, text: shown };
    }
    // x > 0 or 0 < x: the symbol is the side that is not a number
    const leftIsSym = (await side(sides[0]!)).kind === 'sym';
    const name = await symbolOf(sides[leftIsSym ? 0 : 1]!, shown);
    const bound = await number(sides[leftIsSym ? 1 : 0]!);
    const below = leftIsSym ? rising : !rising; // name < bound
    return { kind: 'range', name, lo: below ? -Infinity : bound, hi: below ? bound : Infinity, text: shown };
  }
}

/** Statements split at `;` and new lines, with their offsets; blank ones dropped. */
function statements(text: string): Piece[] {
  const out: Piece[] = [];
  let start = 0;
  for (const part of text.split(/[;\n]/)) {
    const lead = part.length - part.trimStart().length;
    if (part.trim()) out.push({ text: part.trim(), start: start + lead });
    start += part.length + 1;
  }
  return out;
}

/** Bounds that leave no value, or a set with no member inside the bounds. */
function checkConsistent(facts: ReadonlyArray<RangeFact | SetFact>, fail: (c: ErrorCode, m: string, s: number, e: number) => Error, text: string): void {
  const lo = new Map<string, number>();
  const hi = new Map<string, number>();
  const sets = new Map<string, number[]>();
  for (const f of facts) {
    const at = Math.max(0, text.indexOf(f.text));
    if (f.kind === 'range') {
      lo.set(f.name, Math.max(lo.get(f.name) ?? -Infinity, f.lo));
      hi.set(f.name, Math.min(hi.get(f.name) ?? Infinity, f.hi));
      if (!(lo.get(f.name)! < hi.get(f.name)!)) throw fail('CONTRADICTORY_ASSUMPTIONS', `"${f.text}" leaves no value for ${toUnicode(sym(f.name))} with the bounds before it.`, at, at + f.text.length);
    } else sets.set(f.name, sets.has(f.name) ? sets.get(f.name)!.filter((v) => f.values.includes(v)) : [...f.values]);
  }
  for (const [name, vs] of sets) {
    const ok = vs.filter((v) => v > (lo.get(name) ?? -Infinity) && v < (hi.get(name) ?? Infinity));
    if (!ok.length) throw fail('CONTRADICTORY_ASSUMPTIONS', `No value of ${toUnicode(sym(name))} satisfies all the assumptions about it.`, 0, text.length);
  }
}

/** A derivation checked under the assumptions: the checks run on its constrained copy (definitions
 * and constraints substituted), the verdicts are shown beside the derivation as derived. */
export function checkedUnder(d: Derivation, a: Assumptions | undefined, check: boolean, defs: readonly Definition[] = []): CheckedDerivation {
  if (!a?.constraints.length && !defs.length) return checkStage(d, check);
  const c = checkStage(constrainedCopy(d, a ?? { facts: [], constraints: [] }, defs), check);
  return { ...c, derivation: d };
}

/** A derivation extended by the steps that use the assumptions (when they help). */
export function extendUnder(d: Derivation, a: Assumptions): Derivation {
  const more = useAssumptions(d.result, a);
  return more ? { ...d, steps: [...d.steps, ...more.steps], result: more.result } : d;
}

/** A constraint that involves the variable of differentiation would change the derivative
 * (the other variables would depend on it): refused, not silently substituted. */
export function checkAgainstWrt(a: Assumptions | undefined, wrt: readonly string[], text: string): void {
  for (const c of a?.constraints ?? []) {
    const vars = [c.solveFor, ...freeSymbols(c.solution)];
    const w = wrt.find((x) => vars.includes(x));
    if (w) throw fieldError(FIELD, text, 'BAD_ASSUMPTION', `The constraint ${c.text} involves ${toUnicode(sym(w))}, the variable of differentiation: a constraint may only relate other variables.`, { start: 0, end: Math.max(1, text.length) });
  }
}
