// Readable Unicode printer for terminals: `σ(wx + b)`, `ŷ`, `x₂`, `−` (U+2212), `·` for explicit
// products, juxtaposition where a textbook would (`2x`, `y(1 − y)`, `(y − ŷ)x`), superscript
// integer powers (`x²`, `x⁻¹`), `e^(−z)` for exp. Invariant: the output is in the project's notation
// (`·` is `*`, `−` is `-`, superscripts are powers) and parses back to a tree with the same
// unicodeNormal (src/render/normal.ts): readability re-spells signed/fractional literals and exp,
// and adds a few parentheses the grammar would not need (`a − (−b)`, `1/(2x)`), nothing else.
import { GREEK, isFactorName, unicodeName } from '../ast/names.js';
import type { Expr } from '../ast/nodes.js';
import { FUNCTION_SPELLINGS, lookupFunction } from '../functions/index.js';
import { unicodeNormal, unicodeNormalIn } from './normal.js';
import {
  IMPLICIT,
  isDigitCode,
  isLetterCode,
  leadingLetters,
  memoPrinter,
  POW,
  PRIMARY,
  PROD,
  type Printed,
  type PrintStats,
  type SharedMemo,
  SLOT,
  SUM,
  trailingLetters,
  UNARY,
} from './precedence.js';

const MINUS = '\u2212';
const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** The readable Unicode form of `e`. */
export function toUnicode(e: Expr): string {
  return toUnicodeCounted(e, undefined);
}

/** toUnicode, counting the work in `stats` (a separate entry: `exprs.map(toUnicode)` passes an index). */
export function toUnicodeCounted(e: Expr, stats: PrintStats | undefined): string {
  return printer.run(unicodeNormal(e), stats).s;
}

/** toUnicode with per-node results kept in `shared` across calls (one response). */
export function toUnicodeShared(e: Expr, shared: SharedMemo): string {
  return printer.run(unicodeNormalIn(e, shared), undefined, shared).s;
}

const printer = memoPrinter('printing Unicode', SLOT.unicode, printNode);
const print = printer.print;

/** Function head: the spec's Unicode head when the parser reads it back (σ, √), else its name. */
function head(fn: string): string {
  const spec = lookupFunction(fn);
  if (!spec) return fn;
  return spec.unicode && lookupFunction(spec.unicode) === spec ? spec.unicode : spec.name;
}
/** A head spelled as an ASCII word (`log`, `BCE`): a textbook separates it with `·`. */
const isWordHead = (h: string): boolean => /^[A-Za-z][A-Za-z0-9]+$/.test(h);

/**
 * Runs of ASCII letters the parser would read as ONE word (a function, a Greek name, pi), so that
 * juxtaposed single-letter symbols must not spell them: `p·i`, not `pi`.
 */
const RESERVED: readonly string[] = [...new Set([...FUNCTION_SPELLINGS, ...Object.keys(GREEK), 'pi'])]
  .filter((w) => /^[A-Za-z]{2,}$/.test(w));

/** Characters of a product's text that its juxtaposition checks look back over. */
const TAIL = Math.max(3, ...RESERVED.map((w) => w.length)) + 8;

const isFraction = (e: Expr): boolean => e.kind === 'num' && e.d !== 1n;
/** A fraction literal or its negation (`−1/3`): it reads as a quotient, so products bracket it. */
const isSignedFraction = (e: Expr): boolean => isFraction(e) || (e.kind === 'neg' && isFraction(e.arg));
const startsWithMinus = (s: string): boolean => s.startsWith(MINUS);

/**
 * Brackets. The notation reads `(−N)`, `(N/D)`, `(−N/D)` as ONE number literal; that is harmless
 * here when the literal has the same unicodeNormal as the bracketed tree (`(−2)` for neg(2)), but
 * `(−0)`, `(2/4)`, `(3/1)` would change the tree, so then the last integer gets its own brackets.
 */
function paren(s: string): string {
  // only a text that starts with − or a digit can have a literal's shape (the test first: a
  // regular expression on every bracketed fragment was most of this function's cost)
  const c = s.charCodeAt(0);
  const m = c === 0x2212 || isDigitCode(c) ? /^\u2212?(\d+)(?:\/(\d+))?$/.exec(s) : null;
  if (m && !/^\d+$/.test(s) && !canonicalLiteral(BigInt(m[1]!), m[2] === undefined ? undefined : BigInt(m[2]))) {
    s = s.replace(/(\d+)$/, '($1)');
  }
  return `(${s})`;
}
/** `−N` with N ≥ 1, or `N/D` in lowest terms with D ≥ 2: what a num node itself prints as. */
function canonicalLiteral(n: bigint, d: bigint | undefined): boolean {
  if (d === undefined) return n >= 1n;
  let [a, b] = [n, d];
  while (b !== 0n) [a, b] = [b, a % b];
  return n >= 1n && d >= 2n && a === 1n;
}

/** A name's fragment, kept by name for the process (a step's fresh leaves are printed anew by the
 * memos keyed on nodes; the fragment is a function of the name). Never mutated; bounded. */
const SYMBOLS = new Map<string, Printed>();
function symbolUnicode(name: string): Printed {
  let r = SYMBOLS.get(name);
  if (r === undefined) {
    if (SYMBOLS.size >= 4096) SYMBOLS.clear();
    // a named upstream factor ∂L/∂z₂ reads as a quotient (dotted products, brackets after ·)
    SYMBOLS.set(name, (r = { s: unicodeName(name), p: isFactorName(name) ? PROD : PRIMARY }));
  }
  return r;
}

function at(e: Expr, min: number): string {
  const r = print(e);
  return r.p >= min ? r.s : paren(r.s);
}
/** A slot inside a product, quotient or power: a fraction literal is bracketed there, `(1/3)x`. */
function atStrict(e: Expr, min: number): string {
  return isSignedFraction(e) ? paren(print(e).s) : at(e, min);
}
/** The operand after a binary `+`/`−`: never two minus signs in a row (`a − (−b)`). */
function afterOperator(e: Expr): string {
  const s = at(e, PROD);
  return startsWithMinus(s) ? paren(s) : s;
}

function printNode(e: Expr): Printed {
  switch (e.kind) {
    case 'num': {
      // unicodeNormal leaves no negative literal; the branch keeps the printer total anyway
      const a = e.n < 0n ? -e.n : e.n;
      const s = e.d === 1n ? a.toString() : `${a}/${e.d}`;
      if (e.n < 0n) return { s: paren(MINUS + s), p: PRIMARY };
      return { s, p: e.d === 1n ? PRIMARY : PROD };
    }
    case 'sym':
      return symbolUnicode(e.name);
    case 'const':
      return { s: e.name === 'pi' ? 'π' : 'e', p: PRIMARY };
    case 'diff':
      return { s: `d/d${symbolUnicode(e.wrt).s}(${print(e.arg).s})`, p: IMPLICIT };
    case 'call':
      if (e.fn === 'kronecker' && e.args.every(indexLike)) return { s: `δ_${e.args.map((a) => print(a).s).join('')}`, p: PRIMARY };
      return { s: `${head(e.fn)}(${e.args.map((a) => at(a, SUM)).join(', ')})`, p: PRIMARY };
    case 'add': {
      let s = at(e.terms[0]!, PROD);
      for (const t of e.terms.slice(1)) {
        s += t.kind === 'neg' ? ` ${MINUS} ` + afterOperator(t.arg) : ' + ' + afterOperator(t);
      }
      return { s, p: SUM };
    }
    case 'mul':
      return leadingFactor(e.factors) ?? implicitProduct(e.factors) ?? explicitProduct(e.factors);
    case 'div': {
      // a denominator that is not a single power or atom gets brackets even where the grammar
      // would not need them: `1/(2x)` is what a reader expects
      return { s: atStrict(e.num, PROD) + '/' + atStrict(e.den, POW), p: PROD };
    }
    case 'neg': {
      // −1/3 reads as the negative fraction (unicodeNormal treats div(neg 1, 3) as neg(1/3))
      if (isFraction(e.arg)) return { s: MINUS + print(e.arg).s, p: PROD };
      const r = print(e.arg);
      // −1·x: the notation reads it as mul(neg 1, x), which unicodeNormal equates with this node
      if (e.arg.kind === 'mul' && r.p === PROD && e.arg.factors[0]!.kind === 'num') return { s: MINUS + r.s, p: PROD };
      const s = e.arg.kind === 'neg' ? paren(r.s) : r.p >= UNARY ? r.s : paren(r.s);
      return { s: MINUS + s, p: UNARY };
    }
    case 'pow':
      return { s: at(e.base, PRIMARY) + exponent(e.exp), p: POW };
    case 'sum': {
      // Σ takes the product that follows (as the grammar reads it): a sum body is bracketed
      const bounds = e.lo && e.hi ? `{${e.index}=${print(e.lo).s}}^{${print(e.hi).s}}` : e.index;
      return { s: `Σ_${bounds} ${at(e.body, IMPLICIT)}`, p: UNARY };
    }
  }
}

const isFactor = (e: Expr): boolean => e.kind === 'sym' && isFactorName(e.name);

/** An index letter or a one-digit index: δ_ju, δ_j1 print as one subscript. */
const indexLike = (a: Expr): boolean => (a.kind === 'sym' && /^[a-z]$/.test(a.name)) || (a.kind === 'num' && a.d === 1n && a.n >= 0n && a.n < 10n);

function superscript(n: bigint): string {
  return [...n.toString()].map((c) => SUP[Number(c)]).join('');
}

/** `²`, `⁻¹` for integer exponents; `^x`, `^(−z)` otherwise (brackets unless a single letter). */
function exponent(e: Expr): string {
  if (e.kind === 'num' && e.d === 1n && e.n >= 0n) return superscript(e.n);
  if (e.kind === 'neg' && e.arg.kind === 'num' && e.arg.d === 1n && e.arg.n >= 0n) return '⁻' + superscript(e.arg.n);
  if (e.kind === 'sym' || e.kind === 'const') return '^' + print(e).s;
  return '^' + paren(print(e).s);
}
/** A power printed with `^` and an unbracketed exponent (`e^x`): nothing may follow it closely. */
const isBareCaret = (e: Expr): boolean => e.kind === 'pow' && (e.exp.kind === 'sym' || e.exp.kind === 'const');

/**
 * `2x`, `y(1 − y)`, `σ(z)(1 − σ(z))`, `W₂a₁`: every neighbour pair must be unambiguous when written
 * side by side, else the whole product uses `·` (one node is either all juxtaposed or all dotted,
 * because juxtaposition binds tighter than `·` in the notation).
 */
function implicitProduct(fs: readonly Expr[]): Printed | undefined {
  let acc = '';
  // the last TAIL characters of acc: the checks only look at its end, and slicing the growing
  // acc itself would copy it at every factor (quadratic in a long product)
  let tail = '';
  let prev = '';
  let prevNode: Expr | undefined;
  for (const [i, f] of fs.entries()) {
    if (f.kind === 'neg' || f.kind === 'div' || isFactor(f)) return undefined;
    // a number juxtaposed only as a leading coefficient, and never `1x`
    if (f.kind === 'num' && (i > 0 || (f.n === 1n && f.d === 1n))) return undefined;
    if (f.kind === 'call' && isWordHead(head(f.fn))) return undefined;
    const s = f.kind === 'mul' ? paren(print(f).s) : atStrict(f, POW);
    if (i > 0) {
      if (isDigitCode(s.charCodeAt(0)) || isBareCaret(prevNode!) || !lettersMayTouch(tail, prev, s)) return undefined;
    }
    acc += s;
    tail = s.length >= TAIL ? s.slice(-TAIL) : (tail + s).slice(-TAIL);
    prev = s;
    prevNode = f;
  }
  return { s: acc, p: IMPLICIT };
}

/**
 * Whether `s` may follow `prev` (whose text ends `acc`, of which only the last TAIL characters are
 * passed) with no sign between them. A letter run is checked for a reserved word each time it
 * grows by one letter, so a word in it ends at its last letter and lies within the tail.
 */
function lettersMayTouch(acc: string, prev: string, s: string): boolean {
  // a raw `_sub` (w_ij, w_i1) runs to the end of the word: only a bracket may follow it closely
  if (prev.includes('_') && !s.startsWith('(')) return false;
  // three letters right before `(` read as a misspelt function (xyz(…) is UNKNOWN_FUNCTION); a
  // subscript digit or an accent between them does not end the run (a₁ex(…) is one name too)
  // (such a run ends in a letter, a mark or a subscript digit: never in an ASCII non-letter)
  if (s.startsWith('(') && !endsInAsciiNonLetter(acc) && /(?:\p{L}[\p{M}\u2080-\u2089]*){3}$/u.test(acc)) return false;
  const left = trailingLetters(prev);
  const right = leadingLetters(s);
  if (!left || !right) return true;
  // a multi-letter word or a `_sub` name next to a letter would read as one longer name
  if (left > 1 || right > 1 || s.includes('_')) return false;
  const run = acc.slice(acc.length - trailingLetters(acc)) + s.slice(0, right);
  return !RESERVED.some((w) => run.includes(w));
}

function endsInAsciiNonLetter(s: string): boolean {
  const c = s.charCodeAt(s.length - 1);
  return c < 128 && !isLetterCode(c);
}

/** A named upstream factor first, as the notes write it: `∂L/∂z₂·W₂a₁(1 − a₁)` (the rest is one
 * product, juxtaposed where it may be; `·` binds looser, so the reading is the same product). */
function leadingFactor(fs: readonly Expr[]): Printed | undefined {
  const [first, ...rest] = fs;
  if (!isFactor(first!) || rest.length === 0 || rest.some(isFactor) || rest[0]!.kind === 'neg' || isSignedFraction(rest[0]!)) return undefined;
  const r = rest.length === 1 ? { s: atStrict(rest[0]!, UNARY) } : implicitProduct(rest);
  return r ? { s: `${print(first!).s}·${r.s}`, p: PROD } : undefined;
}

function explicitProduct(fs: readonly Expr[]): Printed {
  const [first, ...rest] = fs;
  // a product as first factor, dotted or juxtaposed (or −1·x), would merge into this run: the
  // notation extends an unbracketed product by `·` (2x·y is ONE product); a quotient ends its own
  // run (a/b·c)
  const r0 = print(first!);
  const f0 = first!.kind === 'mul' || (r0.p === PROD && first!.kind !== 'div' && !isFactor(first!)) ? paren(r0.s) : atStrict(first!, PROD);
  let s = f0;
  for (const f of rest) {
    const t = atStrict(f, UNARY);
    s += '·' + (startsWithMinus(t) ? paren(t) : t);
  }
  return { s, p: PROD };
}
