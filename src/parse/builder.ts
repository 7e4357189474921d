// The ONE typed module grammar actions call (both grammars): it builds nodes with the plain
// constructors and records each node's source span in the current SpanTable. It decides n-ary
// grouping: `a + b + c` is one sum and `2x*y` one product, but a parenthesised sum/product stays
// a child, so printing and re-parsing gives the same tree. `any` is confined to this boundary.
import * as N from '../ast/build.js';
import type { Expr, Num } from '../ast/nodes.js';
import type { Span } from '../ast/spans.js';
import { SpanTable } from '../ast/spans.js';
import { ChainruleError } from '../errors.js';
import { getFunction, isRegistered, lookupFunction } from '../functions/index.js';
import type { Tok } from './tokens.js';
import { children, withChildren } from '../ast/traverse.js';

let spans = new SpanTable();
/** nodes built by an unparenthesised chain of + / − (resp. × / juxtaposition): may be extended */
let sumChain = new WeakSet<object>();
let productChain = new WeakSet<object>();
/** binary nodes whose FIRST child is a chain to splice in: flattened once by `finish`, so a
 * chain of n terms costs O(n), not the O(n²) of copying the term list at every `+` */
let spliceLeft = new WeakSet<object>();
/** how many spliceLeft marks this parse made: with none, `finish` has nothing to flatten */
let splices = 0;
/** number nodes written as one plain token, not parenthesised: only these fold into literals */
let bareNumbers = new WeakSet<object>();

/** Start a parse: fresh span table and chain marks. */
export function begin(table: SpanTable): void {
  spans = table;
  sumChain = new WeakSet();
  productChain = new WeakSet();
  spliceLeft = new WeakSet();
  splices = 0;
  bareNumbers = new WeakSet();
  outer = new WeakMap();
}

/** The children of `e` once its spliced chain is flattened (walks the left spine, no recursion). */
function flatChildren(e: Expr): readonly Expr[] {
  if (!spliceLeft.has(e)) return children(e);
  const rights: Expr[] = [];
  let cur: Expr = e;
  while (spliceLeft.has(cur)) {
    const kids = children(cur);
    rights.push(kids[1]!);
    cur = kids[0]!;
  }
  return [...children(cur), ...rights.reverse()];
}

/** Flatten the chains of a parsed tree (iteratively: an unflattened chain may be 20k deep),
 * keeping every node's span. Call once per statement after the parse. */
export function finish(root: Expr): Expr {
  // no chain of three or more terms or factors: every node would map to itself
  if (splices === 0) return root;
  // post-order with a stack of results (a parse is a tree: no node is reached twice), not a Map
  const nodes: Expr[] = [root];
  const expanded: (readonly Expr[] | null)[] = [null];
  const results: Expr[] = [];
  while (nodes.length) {
    const e = nodes[nodes.length - 1]!;
    const kids = expanded[expanded.length - 1];
    if (kids === null || kids === undefined) {
      const flat = flatChildren(e);
      if (flat.length === 0) {
        nodes.pop();
        expanded.pop();
        results.push(e);
        continue;
      }
      expanded[expanded.length - 1] = flat;
      for (let i = flat.length - 1; i >= 0; i--) {
        nodes.push(flat[i]!);
        expanded.push(null);
      }
      continue;
    }
    nodes.pop();
    expanded.pop();
    const mapped = results.splice(results.length - kids.length, kids.length);
    const out = spliceLeft.has(e) ? (e.kind === 'add' ? N.add(...mapped) : N.mul(...mapped)) : withChildren(e, mapped);
    const span = spans.get(e);
    if (span && out !== e) spans.set(out, span);
    results.push(out);
  }
  return results[0]!;
}

/** spans of parenthesised nodes INCLUDING the brackets: what an enclosing node's span covers */
let outer = new WeakMap<object, Span>();

export function spanOf(x: Expr | Tok): Span {
  if ('offset' in x) return { start: x.offset, end: x.end };
  const s = outer.get(x) ?? spans.get(x);
  if (!s) throw new Error('builder: node without span');
  return s;
}
function join(a: Expr | Tok | Span, b: Expr | Tok | Span): Span {
  const sa = 'start' in a && !('kind' in a) ? a : spanOf(a as Expr | Tok);
  const sb = 'start' in b && !('kind' in b) ? b : spanOf(b as Expr | Tok);
  return { start: Math.min(sa.start, sb.start), end: Math.max(sa.end, sb.end) };
}
function at<T extends Expr>(node: T, span: Span): T {
  return spans.set(node, span);
}

// ---- statements ----
export type Statement =
  | { kind: 'body'; expr: Expr; span: Span }
  | { kind: 'def'; name: string; expr: Expr; nameSpan: Span; span: Span }
  | { kind: 'fdef'; name: string; params: readonly Tok[]; expr: Expr; nameSpan: Span; span: Span };

export const first = (d: any[]): Statement[] => [d[0]];
export const appendStatement = (d: any[]): Statement[] => [...d[0], d[2]];
export const bodyStatement = (d: any[]): Statement => ({ kind: 'body', expr: d[0], span: spanOf(d[0]) });
export const definition = (d: any[]): Statement => {
  const name: Tok = d[0];
  return { kind: 'def', name: name.value, expr: d[2], nameSpan: spanOf(name), span: join(name, d[2]) };
};

/** `g(y) = y^2`: a function with parameters; program.ts checks it and inlines its calls. */
export const functionDefinition = (d: any[]): Statement => {
  const name: Tok = d[0];
  if (isRegistered(lookupFunction(name.value)?.name ?? name.value))
    throw new ChainruleError('DEFINES_CONSTANT', `${name.raw} is a built-in function and cannot be defined.`, spanOf(name));
  return { kind: 'fdef', name: name.value, params: d[2], expr: d[5], nameSpan: spanOf(name), span: join(name, d[5]) };
};
export const firstParam = (d: any[]): Tok[] => [d[0]];
export const nextParam = (d: any[]): Tok[] => [...d[0], d[2]];

// ---- leaves ----
const DIGITS = /^[0-9]+$/;
export function parseDecimal(text: string): { n: bigint; d: bigint } {
  // most number tokens are plain integers: no regex, no power of ten
  if (DIGITS.test(text)) return { n: BigInt(text), d: 1n };
  const m = /^([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
  if (!m) throw new Error(`builder: bad number ${text}`);
  const frac = m[2] ?? '';
  const mant = BigInt((m[1] ?? '') + frac || '0');
  const e = Number(m[3] ?? '0') - frac.length;
  return e >= 0 ? { n: mant * 10n ** BigInt(e), d: 1n } : { n: mant, d: 10n ** BigInt(-e) };
}
export const number = (d: any[]): Expr => {
  const t: Tok = d[0];
  const { n, d: den } = parseDecimal(t.value);
  const node = at(N.rat(n, den), spanOf(t));
  bareNumbers.add(node);
  return node;
};
export const symbol = (d: any[]): Expr => {
  const name = (d[0] as Tok).value;
  // δ_ju, \delta_{ju}: the Kronecker δ of the two indices (a subscript with a letter)
  const k = /^delta_((?=[a-z0-9]{2}$)(?=.*[a-z])[a-z0-9])([a-z0-9])$/.exec(name);
  if (k) {
    const arg = (c: string) => at(/[0-9]/.test(c) ? N.int(BigInt(c)) : N.sym(c), spanOf(d[0]));
    return at(N.call('kronecker', arg(k[1]!), arg(k[2]!)), spanOf(d[0]));
  }
  return at(N.sym(name), spanOf(d[0]));
};
export const constant = (d: any[]): Expr => at(N.constant((d[0] as Tok).value as 'e' | 'pi'), spanOf(d[0]));

// ---- operators ----
export const paren = (d: any[]): Expr => {
  const e: Expr = d[1];
  sumChain.delete(e);
  productChain.delete(e);
  // `(-2)`, `(1/3)`, `(-1/3)` are number literals: how printers write a negative or fractional
  // number (src/render/text.ts). Only plain number tokens fold: `(-(2))`, `(1/(3))` stay as written.
  const span = join(d[0], d[2]);
  const bareInt = (x: Expr): x is Num => x.kind === 'num' && x.d === 1n && bareNumbers.has(x);
  if (e.kind === 'neg' && e.arg.kind === 'num' && bareNumbers.has(e.arg)) return at(N.rat(-e.arg.n, e.arg.d), span);
  if (e.kind === 'div' && bareInt(e.den) && e.den.n !== 0n) {
    if (bareInt(e.num)) return at(N.rat(e.num.n, e.den.n), span);
    if (e.num.kind === 'neg' && bareInt(e.num.arg)) return at(N.rat(-e.num.arg.n, e.den.n), span);
  }
  bareNumbers.delete(e);
  outer.set(e, span);
  return e;
};

function extendSum(left: Expr, right: Expr): Expr {
  const node = at(N.add(left, right), join(left, right));
  if (left.kind === 'add' && sumChain.has(left)) {
    spliceLeft.add(node);
    splices++;
  }
  sumChain.add(node);
  return node;
}
export const plus = (d: any[]): Expr => extendSum(d[0], d[2]);
export const minus = (d: any[]): Expr => {
  const r: Expr = d[2];
  return extendSum(d[0], at(N.neg(r), join(d[1], r)));
};

function extendProduct(left: Expr, right: Expr): Expr {
  const node = at(N.mul(left, right), join(left, right));
  if (left.kind === 'mul' && productChain.has(left)) {
    spliceLeft.add(node);
    splices++;
  }
  productChain.add(node);
  return node;
}
export const times = (d: any[]): Expr => extendProduct(d[0], d[2]);
export const juxtapose = (d: any[]): Expr => extendProduct(d[0], d[1]);
export const divide = (d: any[]): Expr => at(N.div(d[0], d[2]), join(d[0], d[2]));
export const negate = (d: any[]): Expr => at(N.neg(d[1]), join(d[0], d[1]));
export const unaryPlus = (d: any[]): Expr => d[1];
/** `e^u` IS `exp(u)` (SEEDS.md: the notes write e^(−z)); one tree for both spellings. */
function raise(base: Expr, exp: Expr, span: Span): Expr {
  if (base.kind === 'const' && base.name === 'e') return at(N.call('exp', exp), span);
  return at(N.pow(base, exp), span);
}
export const power = (d: any[]): Expr => raise(d[0], d[2], join(d[0], d[2]));
export const superscript = (d: any[]): Expr => {
  const t: Tok = d[1];
  const v = t.value.startsWith('-') ? N.neg(at(N.int(BigInt(t.value.slice(1))), spanOf(t))) : N.int(BigInt(t.value));
  return raise(d[0], at(v, spanOf(t)), join(d[0], t));
};

export const derivative = (d: any[]): Expr => at(N.diff(d[1], (d[0] as Tok).value), join(d[0], d[1]));

// ---- calls ----
function checkedCall(fnTok: Tok, args: Expr[], end: Tok | Expr): Expr {
  const span = join(fnTok, end);
  if (fnTok.value === SUM_CALL) return sumCall(args, span);
  // a user's function (declared or defined): its arity is checked with the program (program.ts)
  const found = lookupFunction(fnTok.value);
  const spec = found && isRegistered(found.name) ? found : isRegistered(fnTok.value) ? getFunction(fnTok.value) : undefined;
  if (!spec) return at(N.call(fnTok.value, ...args), span);
  // trailing parameters with a default may be left out: leaky_relu(x) = leaky_relu(x, 1/100)
  const defaults = spec.defaults ?? [];
  while (args.length < spec.arity && defaults[args.length]) args = [...args, defaults[args.length]!()];
  if (args.length !== spec.arity) {
    throw new ChainruleError(
      'WRONG_ARITY',
      `${spec.name} takes ${spec.arity} argument${spec.arity === 1 ? '' : 's'} (${spec.params.join(', ')}), not ${args.length}.`,
      span,
    );
  }
  return at(N.call(spec.name, ...args), span);
}
/** The function-call spelling of a sum: sum(i, lo, hi, body) or sum(i, body). */
export const SUM_CALL = 'sum';
function sumCall(args: Expr[], span: Span): Expr {
  const index = args[0];
  if (!index || index.kind !== 'sym' || !/^[a-z]$/.test(index.name) || (args.length !== 4 && args.length !== 2))
    throw new ChainruleError('WRONG_ARITY', 'sum takes an index letter, the bounds and the term: sum(i, 1, K, t_i*log(y_i)), or sum(i, term).', span);
  const body = args[args.length - 1]!;
  return at(args.length === 4 ? N.sum(index.name, args[1]!, args[2]!, body) : N.sum(index.name, null, null, body), span);
}

/** A bound of Σ as the lexer read it: an integer, a name, or a name ± an integer. */
function boundExpr(text: string, span: Span): Expr {
  const m = /^([A-Za-z]\w*|[0-9]+)(?:([+-])([0-9]+))?$/.exec(text);
  if (!m) throw new ChainruleError('UNEXPECTED_TOKEN', `A bound of Σ is a number or a name (K, K - 1), not ${JSON.stringify(text)}.`, span);
  const head = /^[0-9]/.test(m[1]!) ? N.int(BigInt(m[1]!)) : N.sym(m[1]!);
  if (!m[2]) return at(head, span);
  const k = N.int(BigInt(m[3]!));
  return at(N.add(head, m[2] === '-' ? N.neg(k) : k), span);
}

/** Σ_{i=lo}^{hi} applied to the product that follows (the token's value is `i`, `i|lo|hi`). */
export const sigma = (d: any[]): Expr => {
  const t: Tok = d[0];
  const body: Expr = d[d.length - 1];
  const [index, lo, hi] = t.value.split('|');
  const span = join(t, body);
  const s = lo !== undefined && hi !== undefined ? N.sum(index!, boundExpr(lo, spanOf(t)), boundExpr(hi, spanOf(t)), body) : N.sum(index!, null, null, body);
  return at(s, span);
};
/** Σ_i a Σ_j u: the first sum's term is the product a·(Σ_j u). */
export const sigmaProduct = (d: any[]): Expr => sigma([d[0], extendProduct(d[1], d[2])]);
/** `a Σ_i u`: a product whose last factor is a sum. */
export const timesSigma = (d: any[]): Expr => extendProduct(d[0], d[1]);

export const firstArg = (d: any[]): Expr[] => [d[0]];
export const nextArg = (d: any[]): Expr[] => [...d[0], d[2]];
export const call = (d: any[]): Expr => checkedCall(d[0], d[2], d[3]);
export const bareCall = (d: any[]): Expr => checkedCall(d[0], [d[1]], d[1]);

/** Generic helpers for the LaTeX grammar, which has its own token shapes. */
export const build = {
  at,
  join,
  extendSum,
  extendProduct,
  checkedCall,
  raise,
  endChain(e: Expr): Expr {
    sumChain.delete(e);
    productChain.delete(e);
    return e;
  },
};

// ---- LaTeX shapes (grammar/latex.ne) ----
/** A braced argument `{…}`; the LaTeX lexer wraps a single-token argument (`x^2`, `\frac12`) in
 * zero-width braces, so the grammar only ever sees braced arguments. */
export interface Group {
  readonly expr: Expr;
  readonly span: Span;
}
/** Actions for the constructs only LaTeX has; everything else in latex.ne uses the actions above. */
export const latex = {
  group: (d: any[]): Group => ({ expr: build.endChain(d[1]), span: join(d[0], d[2]) }),
  /** base ^{…}: like `power`, so `e^{…}` is exp(…) */
  power: (d: any[]): Expr => raise(d[0], (d[2] as Group).expr, join(d[0], (d[2] as Group).span)),
  /** \frac{a}{b} is the division a/b */
  frac: (d: any[]): Expr => at(N.div((d[1] as Group).expr, (d[2] as Group).expr), join(d[0], (d[2] as Group).span)),
  /** \sqrt{…} / \sqrt[3]{…}: the token's value is the registry name (sqrt, cbrt) */
  root: (d: any[]): Expr => at(N.call(getFunction((d[0] as Tok).value).name, (d[1] as Group).expr), join(d[0], (d[1] as Group).span)),
  /** \left| … \right| and | … | are abs(…) */
  abs: (d: any[]): Expr => at(N.call('abs', build.endChain(d[1])), join(d[0], d[2])),
};

/** Actions of the token classes (grammar/text.ne, "SPEED"; src/parse/tokens.ts): one rule where
 * the layered grammar had one per token, so the action chooses the old action by the token. */
export const fast = {
  /** Implicit %jux FactorNN, Implicit %jux SigmaApp: the `jux` token (src/parse/tokens.ts) read */
  juxOp: (d: any[]): Expr => juxtapose([d[0], d[2]]),
  juxSigma: (d: any[]): Expr => timesSigma([d[0], d[2]]),
  /** %numleaf: a number, a symbol or a constant */
  numLeaf: (d: any[]): Expr => ((d[0] as Tok).type === 'num' ? number(d) : (d[0] as Tok).type === 'constant' ? constant(d) : symbol(d)),
  /** %leaf: a symbol or a constant */
  leaf: (d: any[]): Expr => ((d[0] as Tok).type === 'constant' ? constant(d) : symbol(d)),
  /** Expr %addop Term, Term %mulop Unary, %sign Unary */
  addOp: (d: any[]): Expr => ((d[1] as Tok).text === '+' ? plus(d) : minus(d)),
  mulOp: (d: any[]): Expr => ((d[1] as Tok).text === '*' ? times(d) : divide(d)),
  signOp: (d: any[]): Expr => ((d[0] as Tok).text === '-' ? negate(d) : unaryPlus(d)),
};
