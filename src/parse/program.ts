// Running a generated nearley grammar over a token array and turning its result into a Program:
// shared by the plain-text and LaTeX front ends. It maps nearley's failures to our error codes,
// treats more than one parse as an (internal) ambiguity bug, enforces the tree-depth limit, and
// checks definitions: no redefinition, no use before definition, no self-reference.
import nearley from 'nearley';
import type { Expr, Program } from '../ast/nodes.js';
import { SpanTable, type Span } from '../ast/spans.js';
import { children, depth } from '../ast/traverse.js';
import { ChainruleError } from '../errors.js';
import * as B from './builder.js';
import { LIMITS } from './limits.js';
import { ArrayLexer, type Tok } from './tokens.js';

export interface Parsed {
  readonly program: Program;
  /** spans of parsed nodes in the original input */
  readonly spans: SpanTable;
  /** spans of each definition's name, by name */
  readonly nameSpans: ReadonlyMap<string, Span>;
  readonly input: string;
}

/** Grammar objects built once per compiled grammar (fromCompiled indexes every rule). */
const grammars = new Map<nearley.CompiledRules, nearley.Grammar>();

export function runGrammar(compiled: nearley.CompiledRules, toks: Tok[], input: string): Parsed {
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
  return checkProgram(stmts, spans, input);
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

function checkProgram(stmts: B.Statement[], spans: SpanTable, input: string): Parsed {
  const defs: { name: string; expr: Expr }[] = [];
  const nameSpans = new Map<string, Span>();
  let body: Expr | null = null;
  stmts.forEach((s, k) => {
    if (depth(s.expr) > LIMITS.maxTreeDepth)
      throw new ChainruleError('NESTING_TOO_DEEP', `The expression is nested more than ${LIMITS.maxTreeDepth} levels deep.`, s.span);
    if (s.kind === 'body') {
      if (k !== stmts.length - 1)
        throw new ChainruleError('UNEXPECTED_TOKEN', 'Only the last statement may be an expression without a name; the others must be definitions `name = …`.', s.span);
      body = s.expr;
      return;
    }
    if (nameSpans.has(s.name)) throw new ChainruleError('REDEFINITION', `${s.name} is already defined.`, s.nameSpan);
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
  return { program: { definitions: defs, body }, spans, nameSpans, input };
}
