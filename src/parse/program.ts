// Running a generated nearley grammar over a token array and turning its result into a Program:
// shared by the plain-text and LaTeX front ends. It maps nearley's failures to our error codes,
// treats more than one parse as an (internal) ambiguity bug, enforces the tree-depth limit, and
// checks definitions: no redefinition, no use before definition, no self-reference.
import nearley from 'nearley';
import type { Expr, FunctionDefinition, Program } from '../ast/nodes.js';
import { SpanTable, type Span } from '../ast/spans.js';
import { children, freeSymbols, substituteSymbols, withChildren } from '../ast/traverse.js';
import { ChainruleError } from '../errors.js';
import { isRegistered } from '../functions/index.js';
import { sortReadings, type Reading } from './readings.js';
import * as B from './builder.js';
import { LIMITS } from './limits.js';
import { ArrayLexer, JUX, TOKEN_CLASSES, withJuxtapositions, type Tok } from './tokens.js';
import { checkVectorUses } from './vectors.js';
import { definedProduct, definedSymbols, functionAlternative } from './slides.js';

export interface Parsed {
  readonly program: Program;
  /** spans of parsed nodes in the original input */
  readonly spans: SpanTable;
  /** spans of each definition's name, by name */
  readonly nameSpans: ReadonlyMap<string, Span>;
  readonly input: string;
  /** choices the parser made that the input did not spell out (docs/notation.md#readings) */
  readonly readings: readonly Reading[];
  /** each symbol as the user typed it, by canonical name (`w_2` → `w2`, `y_hat` → `ŷ`): printers
   * can give results back in the user's spelling (plain-text input only) */
  readonly spellings: ReadonlyMap<string, string>;
}

/** What a front end found besides the tokens. */
export interface LexExtras {
  readonly readings?: readonly Reading[];
  readonly spellings?: ReadonlyMap<string, string>;
}

/** Per compiled grammar, built once: the nearley Grammar (fromCompiled indexes every rule; token
 * classes get their matcher) and a parser that has only predicted the start symbol. */
interface Prepared {
  readonly grammar: nearley.Grammar;
  readonly start: nearley.Parser;
}
const prepared = new Map<nearley.CompiledRules, Prepared>();

function prepare(compiled: nearley.CompiledRules): Prepared {
  const grammar = nearley.Grammar.fromCompiled(compiled);
  for (const rule of grammar.rules) {
    rule.symbols = rule.symbols.map((s) => {
      const cls = typeof s === 'object' && 'type' in s ? TOKEN_CLASSES[s.type as string] : undefined;
      return cls ? { type: (s as { type: string }).type, test: cls } : s;
    }) as typeof rule.symbols;
  }
  grammar.lexer = new ArrayLexer([]) as unknown as nearley.Lexer;
  return { grammar, start: new nearley.Parser(grammar) };
}

/** A fresh parser for one token array. Every parse begins with the same first column (the start
 * symbol's predictions: ~30 Earley states), which nearley never writes to once it is processed
 * (later columns only read its states and their `wantedBy` lists), so it is built once and shared;
 * the parser's own fields are per parse. A parse error's report is nearley's walk over the whole
 * table, which we never show (unexpected() words it from the token), so it is skipped. */
function parserFor(p: Prepared, toks: readonly Tok[]): nearley.Parser {
  const parser = Object.create(p.start) as nearley.Parser & { lexer: unknown; lexerState: unknown; table: unknown[]; current: number };
  parser.lexer = new ArrayLexer(toks);
  parser.lexerState = undefined;
  parser.table = [(p.start as unknown as { table: unknown[] }).table[0]];
  parser.current = 0;
  (parser as unknown as { reportError: () => string }).reportError = noReport;
  return parser;
}
const noReport = (): string => '';

export function runGrammar(compiled: nearley.CompiledRules, toks: Tok[], input: string, extras: LexExtras = {}): Parsed {
  const spans = new SpanTable();
  if (toks.length === 0) throw new ChainruleError('EMPTY_INPUT', undefined, { start: 0, end: input.length });
  let p = prepared.get(compiled);
  if (!p) prepared.set(compiled, (p = prepare(compiled)));
  const fed = withJuxtapositions(toks);
  const parser = parserFor(p, fed);
  B.begin(spans);
  try {
    parser.feed('');
  } catch (e) {
    if (e instanceof ChainruleError) throw e;
    const err = e as { token?: Tok; offset?: number };
    // a `jux` that cannot be read: the factor after it is what cannot follow
    const t = err.token === JUX ? fed[err.offset! + 1] : err.token;
    if (!t) throw e;
    throw unexpected(toks, t);
  }
  const results = parser.results as B.Statement[][];
  if (results.length === 0) {
    const last = toks[toks.length - 1]!;
    throw new ChainruleError('UNEXPECTED_END', `The input ends too early, after ${JSON.stringify(last.raw)}: something must follow.`, { start: input.length, end: input.length });
  }
  if (results.length > 1) throw new ChainruleError('AMBIGUOUS', `The input has ${results.length} readings (a grammar bug; please report it).`, { start: 0, end: input.length });
  const stmts = results[0]!.map((st) => ({ ...st, expr: B.finish(st.expr) }));
  const checked = checkProgram(stmts, spans, input);
  const found = [...(extras.readings ?? []), ...parenReadings(toks, input)];
  const readings = found.length ? sortReadings(found) : found;
  return { program: checked.program, spans: checked.spans, nameSpans: checked.nameSpans, input: checked.input, readings, spellings: extras.spellings ?? new Map() };
}

/** IMPLICIT_PRODUCT_BEFORE_PAREN: a one-letter symbol right before `(` is read as a product,
 * g(f(x)) = g·(f·(x)) — the reading every front end makes, so it is found on the tokens. A letter
 * the same input also uses as a plain variable (`(y − ŷ)/(y(1 − y))`, `y = σ(z); y(1 − y)`) is a
 * variable by the user's own writing, not a guess, so it gets no note. */
function parenReadings(toks: readonly Tok[], input: string): Reading[] {
  const out: Reading[] = [];
  // most inputs have no symbol right before a `(` (sin(x) is a function's token)
  let any = false;
  for (let i = 0; i + 1 < toks.length && !any; i++) any = toks[i]!.type === 'sym' && toks[i + 1]!.type === 'op' && toks[i + 1]!.value === '(';
  if (!any) return out;
  const beforeParen = (i: number): boolean => {
    const n = toks[i + 1];
    return n !== undefined && n.type === 'op' && n.value === '(' && n.offset === toks[i]!.end;
  };
  const plain = new Set<string>();
  for (let i = 0; i < toks.length; i++) if (toks[i]!.type === 'sym' && !beforeParen(i)) plain.add(toks[i]!.value);
  const defined = definedSymbols(toks);
  for (let i = 0; i + 1 < toks.length; i++) {
    const t = toks[i]!;
    const n = toks[i + 1]!;
    if (t.type !== 'sym' || !beforeParen(i)) continue;
    const d = definedProduct(toks, i, defined, input);
    if (d) out.push(d);
    // any symbol, also Greek, subscripted or accented (φ(wx), g_1(wx), f2(wx), ŷ(w)), as typed
    if (d || plain.has(t.value)) continue;
    const g = input.slice(t.offset, t.end);
    out.push({
      code: 'IMPLICIT_PRODUCT_BEFORE_PAREN',
      span: { start: t.offset, end: n.end },
      read: `${g}·(…)`,
      alternative: functionAlternative(g, t.value),
      message: `${g}(…) was read as the product ${g}·(…); if ${g} is a function, declare or define it.`,
    });
  }
  return out;
}

function unexpected(toks: Tok[], t: Tok): ChainruleError {
  const span = { start: t.offset, end: t.end };
  const i = toks.indexOf(t);
  const prev = i > 0 ? toks[i - 1] : undefined;
  if (t.value === '=' && t.type === 'op' && prev && (prev.type === 'constant' || prev.type === 'func'))
    return new ChainruleError('DEFINES_CONSTANT', `${prev.raw} is a ${prev.type === 'constant' ? 'constant' : 'function'} and cannot be defined.`, { start: prev.offset, end: prev.end });
  if (t.type === 'op' && t.value === '=') return new ChainruleError('UNEXPECTED_TOKEN', 'A definition is `name = expression`, one per line or separated by `;`.', span);
  if (t.type === 'num' && prev && prev.type !== 'op') return new ChainruleError('UNEXPECTED_TOKEN', `A number can only lead a product: write ${prev.raw}*${t.raw} or ${t.raw}${prev.raw}.`, span);
  if (t.type === 'func' && prev?.type === 'func') return new ChainruleError('FUNCTION_NEEDS_ARGUMENT', `${prev.raw} needs an argument in parentheses.`, { start: prev.offset, end: prev.end });
  if (prev?.type === 'func' && !(t.type === 'op' && t.value === '(')) return new ChainruleError('FUNCTION_NEEDS_ARGUMENT', `${prev.raw} needs an argument: write ${prev.raw}(…).`, { start: prev.offset, end: t.end });
  const what = t.type === 'sep' ? 'end of statement' : JSON.stringify(t.raw);
  return new ChainruleError('UNEXPECTED_TOKEN', `Unexpected ${what}.`, span);
}

function findSym(e: Expr, name: string): Expr | undefined {
  const stack = [e];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.kind === 'sym' && x.name === name) return x;
    stack.push(...children(x));
  }
  return undefined;
}

/** Inline the calls of defined functions (`g(h(x))` with g(y) = y², h(x) = x + 1 → (x + 1)²) and
 * check the arity of every call of a user's function (an abstract one takes one argument). */
function inlineCalls(e: Expr, fns: ReadonlyMap<string, FunctionDefinition>, later: ReadonlySet<string>, spans: SpanTable, self?: string, bound: readonly string[] = []): Expr {
  const kids = children(e);
  const mapped = kids.length ? withChildren(e, kids.map((k) => inlineCalls(k, fns, later, spans, self, bound))) : e;
  const own = spans.get(e);
  if (mapped !== e && own) spans.set(mapped, own);
  if (mapped.kind !== 'call' || isRegistered(mapped.fn)) return mapped;
  const span = spans.get(e);
  const base = mapped.fn.replace(/'+$/, '');
  if (base === self) throw new ChainruleError('CYCLIC_DEFINITION', `The definition of ${self} uses ${self} itself.`, span);
  if (later.has(base)) throw new ChainruleError('USE_BEFORE_DEFINITION', `${base} is used here before its definition.`, span);
  const def = fns.get(base);
  if (def && base !== mapped.fn) throw new ChainruleError('UNEXPECTED_TOKEN', `${base} is defined by a formula: write d/dx ${base}(x) for its derivative, not ${mapped.fn}.`, span);
  if (def) {
    if (mapped.args.length !== def.params.length)
      throw new ChainruleError('WRONG_ARITY', `${def.name} takes ${def.params.length} argument${def.params.length === 1 ? '' : 's'} (${def.params.join(', ')}), not ${mapped.args.length}.`, span);
    // f(x) = x·y inside g(y) = f(y + 1): f's own y would become g's parameter (g(w) read as (w + 1)·w)
    const captured = freeSymbols(def.expr).find((n) => !def.params.includes(n) && bound.includes(n));
    if (captured !== undefined)
      throw new ChainruleError('REDEFINITION', `${def.name} uses ${captured}, and ${self} names its parameter ${captured} too: inside ${self}, ${def.name}'s ${captured} would become that parameter. Rename the parameter of ${self}.`, span);
    const out = substituteSymbols(def.expr, new Map(def.params.map((p, i) => [p, mapped.args[i]!])));
    if (span) spans.set(out, span);
    return out;
  }
  if (mapped.args.length !== 1) throw new ChainruleError('WRONG_ARITY', `The abstract function ${base} takes one argument, not ${mapped.args.length}.`, span);
  return mapped;
}

/** One walk for what every statement needs: its depth (NESTING_TOO_DEEP), whether it calls a
 * function the registry does not know (only then can inlineCalls change it: without one, its
 * rebuilding walk returns the tree itself, so only then does it run), and whether it calls a
 * function of whole vectors (only then does checkVectorUses walk the program). */
function survey(e: Expr): { depth: number; userCall: boolean; vectorCall: boolean } {
  let max = 0;
  let userCall = false;
  let vectorCall = false;
  const nodes: Expr[] = [e];
  const depths: number[] = [1];
  while (nodes.length) {
    const x = nodes.pop()!;
    const d = depths.pop()!;
    if (d > max) max = d;
    if (x.kind === 'call') {
      if (!userCall && !isRegistered(x.fn)) userCall = true;
      if (VECTOR_FUNCTIONS.has(x.fn)) vectorCall = true;
    }
    for (const k of children(x)) {
      nodes.push(k);
      depths.push(d + 1);
    }
  }
  return { depth: max, userCall, vectorCall };
}
/** the functions checkVectorUses looks at: a program without them has nothing to check (a call
 * inlined from a defined function was surveyed in that function's own statement) */
const VECTOR_FUNCTIONS: ReadonlySet<string> = new Set(['softmax', 'CE', 'logsumexp']);

function checkProgram(stmts: B.Statement[], spans: SpanTable, input: string): Omit<Parsed, 'readings' | 'spellings'> {
  const defs: { name: string; expr: Expr }[] = [];
  const nameSpans = new Map<string, Span>();
  const fns = new Map<string, FunctionDefinition>();
  const laterFns = new Set(stmts.flatMap((s) => (s.kind === 'fdef' ? [s.name] : [])));
  let body: Expr | null = null;
  let bodySpan: Span | undefined;
  let vectors = false;
  stmts.forEach((s0, k) => {
    const { depth, userCall, vectorCall } = survey(s0.expr);
    vectors ||= vectorCall;
    if (depth > LIMITS.maxTreeDepth)
      throw new ChainruleError('NESTING_TOO_DEEP', `The expression is nested more than ${LIMITS.maxTreeDepth} levels deep.`, s0.span);
    if (s0.kind === 'fdef') {
      if (fns.has(s0.name) || nameSpans.has(s0.name)) throw new ChainruleError('REDEFINITION', `${s0.name} is already defined.`, s0.nameSpan);
      const params = s0.params.map((p) => p.value);
      s0.params.forEach((p, i) => {
        if (params.indexOf(p.value) !== i) throw new ChainruleError('REDEFINITION', `The parameter ${p.raw} appears twice.`, { start: p.offset, end: p.end });
      });
      laterFns.delete(s0.name);
      const fd = { name: s0.name, params, expr: userCall ? inlineCalls(s0.expr, fns, laterFns, spans, s0.name, params) : s0.expr };
      fns.set(s0.name, fd);
      nameSpans.set(s0.name, s0.nameSpan);
      // a program that ends with a function stands for its body: f(x) = g(h(x)) is (x + 1)²
      if (k === stmts.length - 1) body = fd.expr;
      return;
    }
    const s = { ...s0, expr: userCall ? inlineCalls(s0.expr, fns, laterFns, spans) : s0.expr };
    if (s.kind === 'body') {
      if (k !== stmts.length - 1)
        throw new ChainruleError('UNEXPECTED_TOKEN', 'Only the last statement may be an expression without a name; the others must be definitions `name = …`.', s.span);
      body = s.expr;
      bodySpan = s.span;
      return;
    }
    if (nameSpans.has(s.name) || fns.has(s.name)) throw new ChainruleError('REDEFINITION', `${s.name} is already defined.`, s.nameSpan);
    const self = findSym(s.expr, s.name);
    if (self) throw new ChainruleError('CYCLIC_DEFINITION', `The definition of ${s.name} uses ${s.name} itself.`, spans.get(self) ?? s.nameSpan);
    nameSpans.set(s.name, s.nameSpan);
    defs.push({ name: s.name, expr: s.expr });
  });
  // a use of a name that is defined only further down
  const later = new Set(defs.map((d) => d.name));
  for (const d of defs) {
    later.delete(d.name);
    for (const n of later) {
      const use = findSym(d.expr, n);
      if (use) throw new ChainruleError('USE_BEFORE_DEFINITION', `${n} is used here before its definition.`, spans.get(use));
    }
  }
  if (vectors) checkVectorUses([...defs.map((d) => d.expr), ...(body ? [body] : [])], spans);
  // a last line that uses none of the definitions above it is almost always the rest of the line
  // before, split where a statement seemed to end (`L = w^2; + w`, a LaTeX `\\` before `− (1 − y) log(1 − p)`):
  // derived alone it dropped the loss, "verified"
  if (body && bodySpan && defs.length && !freeSymbols(body).some((n) => defs.some((d) => d.name === n)))
    throw new ChainruleError('UNEXPECTED_TOKEN', `This last line uses none of the definitions above it (${defs.map((d) => d.name).join(', ')}): if it continues the line before, join them (a statement cannot begin with an operator); else define what it uses.`, bodySpan);
  const program: Program = fns.size ? { definitions: defs, body, functions: [...fns.values()] } : { definitions: defs, body };
  return { program, spans, nameSpans, input };
}
