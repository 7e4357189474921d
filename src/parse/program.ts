// Running a generated nearley grammar over a token array and turning its result into a Program:
// shared by the plain-text and LaTeX front ends. It maps nearley's failures to our error codes,
// treats more than one parse as an (internal) ambiguity bug, enforces the tree-depth limit, and
// checks definitions: no redefinition, no use before definition, no self-reference.
import nearley from 'nearley';
import type { Expr, FunctionDefinition, Program } from '../ast/nodes.js';
import { SpanTable, type Span } from '../ast/spans.js';
import { children, depth, substituteSymbols, withChildren } from '../ast/traverse.js';
import { ChainruleError } from '../errors.js';
import { isRegistered } from '../functions/index.js';
import { sortReadings, type Reading } from './readings.js';
import * as B from './builder.js';
import { LIMITS } from './limits.js';
import { ArrayLexer, type Tok } from './tokens.js';
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

/** Grammar objects built once per compiled grammar (fromCompiled indexes every rule). */
const grammars = new Map<nearley.CompiledRules, nearley.Grammar>();

export function runGrammar(compiled: nearley.CompiledRules, toks: Tok[], input: string, extras: LexExtras = {}): Parsed {
  const spans = new SpanTable();
  if (toks.length === 0) throw new ChainruleError('EMPTY_INPUT', undefined, { start: 0, end: input.length });
  let grammar = grammars.get(compiled);
  if (!grammar) grammars.set(compiled, (grammar = nearley.Grammar.fromCompiled(compiled)));
  // parsing is synchronous, so swapping the lexer of the one cached grammar is safe
  grammar.lexer = new ArrayLexer(toks) as unknown as nearley.Lexer;
  const parser = new nearley.Parser(grammar);
  B.begin(spans);
  try {
    parser.feed('');
  } catch (e) {
    if (e instanceof ChainruleError) throw e;
    const t = (e as { token?: Tok }).token;
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
  return { ...checked, readings: sortReadings([...(extras.readings ?? []), ...parenReadings(toks, input)]), spellings: extras.spellings ?? new Map() };
}

/** IMPLICIT_PRODUCT_BEFORE_PAREN: a one-letter symbol right before `(` is read as a product,
 * g(f(x)) = g·(f·(x)) — the reading every front end makes, so it is found on the tokens. A letter
 * the same input also uses as a plain variable (`(y − ŷ)/(y(1 − y))`, `y = σ(z); y(1 − y)`) is a
 * variable by the user's own writing, not a guess, so it gets no note. */
function parenReadings(toks: readonly Tok[], input: string): Reading[] {
  const out: Reading[] = [];
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
function inlineCalls(e: Expr, fns: ReadonlyMap<string, FunctionDefinition>, later: ReadonlySet<string>, spans: SpanTable, self?: string): Expr {
  const kids = children(e);
  const mapped = kids.length ? withChildren(e, kids.map((k) => inlineCalls(k, fns, later, spans, self))) : e;
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
    const out = substituteSymbols(def.expr, new Map(def.params.map((p, i) => [p, mapped.args[i]!])));
    if (span) spans.set(out, span);
    return out;
  }
  if (mapped.args.length !== 1) throw new ChainruleError('WRONG_ARITY', `The abstract function ${base} takes one argument, not ${mapped.args.length}.`, span);
  return mapped;
}

function checkProgram(stmts: B.Statement[], spans: SpanTable, input: string): Omit<Parsed, 'readings' | 'spellings'> {
  const defs: { name: string; expr: Expr }[] = [];
  const nameSpans = new Map<string, Span>();
  const fns = new Map<string, FunctionDefinition>();
  const laterFns = new Set(stmts.flatMap((s) => (s.kind === 'fdef' ? [s.name] : [])));
  let body: Expr | null = null;
  stmts.forEach((s0, k) => {
    if (depth(s0.expr) > LIMITS.maxTreeDepth)
      throw new ChainruleError('NESTING_TOO_DEEP', `The expression is nested more than ${LIMITS.maxTreeDepth} levels deep.`, s0.span);
    if (s0.kind === 'fdef') {
      if (fns.has(s0.name) || nameSpans.has(s0.name)) throw new ChainruleError('REDEFINITION', `${s0.name} is already defined.`, s0.nameSpan);
      const params = s0.params.map((p) => p.value);
      s0.params.forEach((p, i) => {
        if (params.indexOf(p.value) !== i) throw new ChainruleError('REDEFINITION', `The parameter ${p.raw} appears twice.`, { start: p.offset, end: p.end });
      });
      laterFns.delete(s0.name);
      const fd = { name: s0.name, params, expr: inlineCalls(s0.expr, fns, laterFns, spans, s0.name) };
      fns.set(s0.name, fd);
      nameSpans.set(s0.name, s0.nameSpan);
      // a program that ends with a function stands for its body: f(x) = g(h(x)) is (x + 1)²
      if (k === stmts.length - 1) body = fd.expr;
      return;
    }
    const s = { ...s0, expr: inlineCalls(s0.expr, fns, laterFns, spans) };
    if (s.kind === 'body') {
      if (k !== stmts.length - 1)
        throw new ChainruleError('UNEXPECTED_TOKEN', 'Only the last statement may be an expression without a name; the others must be definitions `name = …`.', s.span);
      body = s.expr;
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
  checkVectorUses([...defs.map((d) => d.expr), ...(body ? [body] : [])], spans);
  const program: Program = fns.size ? { definitions: defs, body, functions: [...fns.values()] } : { definitions: defs, body };
  return { program, spans, nameSpans, input };
}
