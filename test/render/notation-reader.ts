// A small REFERENCE reader of the plain-text/Unicode notation, for the printers' round-trip tests
// only (the product parser is src/parse; test/render/parser-roundtrip.test.ts holds the two to the
// same rows). It implements the rules the printers assume (header of src/render/text.ts): precedence
// + - < * / < unary - < juxtaposition < ^ < primary; an unbracketed run of + - is one sum and an
// unbracketed product extended by `*` or juxtaposition is one product; `e^u` is exp(u); `(-N)`,
// `(N/D)`, `(-N/D)` of plain number tokens are literals; `-2` is neg(2); superscripts are powers.
import { add, call, constant, div, int, mul, neg, pow, rat, sym } from '../../src/ast/build.js';
import { ACCENT_BY_MARK, GREEK, GREEK_BY_CHAR, fromSubscriptDigits, fromSuperscript } from '../../src/ast/names.js';
import type { Expr } from '../../src/ast/nodes.js';
import { mapBottomUp } from '../../src/ast/traverse.js';
import { FUNCTION_SPELLINGS, lookupFunction } from '../../src/functions/index.js';

type Tok =
  | { t: 'num'; v: bigint }
  | { t: 'sym'; name: string }
  | { t: 'const'; name: 'e' | 'pi' }
  | { t: 'fn'; name: string }
  | { t: 'op'; v: string };

/** Words an ASCII letter run is split into, longest first; other letters stand alone. */
const WORDS = [...FUNCTION_SPELLINGS.filter((w) => /^[A-Za-z][A-Za-z0-9]*$/.test(w)), ...Object.keys(GREEK), 'pi']
  .sort((a, b) => b.length - a.length);

function normalise(src: string): string {
  return src
    .normalize('NFD')
    .replace(/\u2212/g, '-')
    .replace(/[·×]/g, '*')
    .replace(/[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, (m) => '^' + fromSuperscript(m));
}

function lex(src: string): Tok[] {
  const s = normalise(src);
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) i++;
    else if (/\d/.test(c)) {
      const m = /^\d+/.exec(s.slice(i))![0];
      out.push({ t: 'num', v: BigInt(m) });
      i += m.length;
    } else if ('+-*/^(),'.includes(c)) {
      out.push({ t: 'op', v: c });
      i++;
    } else i = word(s, i, out);
  }
  return out;
}

/** One letter run at `i`: split into names, then attach accents and subscripts to the last one. */
function word(s: string, i: number, out: Tok[]): number {
  const pieces: string[] = [];
  const c = s[i]!;
  if (/[A-Za-z]/.test(c)) {
    while (i < s.length && /[A-Za-z]/.test(s[i]!)) {
      const w = WORDS.find((x) => s.startsWith(x, i)) ?? s[i]!;
      pieces.push(w);
      i += w.length;
    }
  } else if (c === 'π' || lookupFunction(c) || GREEK_BY_CHAR.has(c)) {
    pieces.push(c === 'π' ? 'pi' : lookupFunction(c) ? c : GREEK_BY_CHAR.get(c)!);
    i++;
  } else throw new SyntaxError(`unexpected ${JSON.stringify(c)} in ${JSON.stringify(s)}`);
  let suffix = '';
  for (;;) {
    const ch = s[i];
    if (ch !== undefined && ACCENT_BY_MARK.has(ch)) {
      suffix += '_' + ACCENT_BY_MARK.get(ch)!;
      i++;
    } else if (ch !== undefined && /[₀-₉]/.test(ch)) {
      const m = /^[₀-₉]+/.exec(s.slice(i))![0];
      suffix += '_' + fromSubscriptDigits(m);
      i += m.length;
    } else if (ch === '_' && /[A-Za-z0-9]/.test(s[i + 1] ?? '')) {
      const m = /^_[A-Za-z0-9]+/.exec(s.slice(i))![0];
      suffix += m;
      i += m.length;
    } else break;
  }
  // as src/parse: three or more plain one-letter symbols right before `(` are a misspelt function
  const plain = pieces.every((p) => p.length === 1 && p !== 'e' && !lookupFunction(p));
  if (plain && !suffix && pieces.length >= 3 && s[i] === '(') throw new SyntaxError(`unknown function ${pieces.join('')}`);
  pieces[pieces.length - 1] += suffix;
  for (const p of pieces) {
    const f = lookupFunction(p);
    if (f) out.push({ t: 'fn', name: f.name });
    else if (p === 'e' || p === 'pi') out.push({ t: 'const', name: p });
    else out.push({ t: 'sym', name: p });
  }
  return i;
}

/** Read one expression of the notation; throws SyntaxError on anything else. */
export function readNotation(src: string): Expr {
  const toks = lex(src);
  let k = 0;
  const peek = (): Tok | undefined => toks[k];
  const isOp = (v: string, t = peek()): boolean => t?.t === 'op' && t.v === v;
  const expect = (v: string): void => {
    if (!isOp(v)) throw new SyntaxError(`expected ${v} at token ${k} of ${JSON.stringify(src)}`);
    k++;
  };

  function sum(): Expr {
    const terms = [prod()];
    while (isOp('+') || isOp('-')) {
      const minus = isOp('-');
      k++;
      const t = prod();
      terms.push(minus ? neg(t) : t);
    }
    return terms.length > 1 ? add(...terms) : terms[0]!;
  }
  // products built by an unbracketed chain (of `*` or juxtaposition), which a `*` extends
  const chain = new WeakSet<Expr>();
  const extend = (left: Expr, right: Expr): Expr => {
    const node = left.kind === 'mul' && chain.has(left) ? mul(...left.factors, right) : mul(left, right);
    chain.add(node);
    return node;
  };
  function prod(): Expr {
    let acc = unary();
    while (isOp('*') || isOp('/')) {
      const slash = isOp('/');
      k++;
      acc = slash ? div(acc, unary()) : extend(acc, unary());
    }
    return acc;
  }
  function unary(): Expr {
    if (isOp('-')) {
      k++;
      return neg(unary());
    }
    return implicit();
  }
  function startsPrimary(t = peek()): boolean {
    return t !== undefined && (t.t !== 'op' || t.v === '(');
  }
  function implicit(): Expr {
    let acc = power();
    while (startsPrimary()) acc = extend(acc, power());
    return acc;
  }
  function power(): Expr {
    const base = primary();
    if (!isOp('^')) return base;
    k++;
    const x = exponent();
    return base.kind === 'const' && base.name === 'e' ? call('exp', x) : pow(base, x);
  }
  function exponent(): Expr {
    if (isOp('-')) {
      k++;
      return neg(exponent());
    }
    return power();
  }
  function literal(): Expr | undefined {
    // `(-N)`, `(N/D)`, `(-N/D)`: k points just after `(`
    let j = k;
    const minus = isOp('-', toks[j]);
    if (minus) j++;
    const n = toks[j];
    if (n?.t !== 'num') return undefined;
    j++;
    let d = 1n;
    if (isOp('/', toks[j])) {
      const dt = toks[j + 1];
      if (dt?.t !== 'num' || dt.v === 0n) return undefined;
      d = dt.v;
      j += 2;
    } else if (!minus) return undefined;
    if (!isOp(')', toks[j])) return undefined;
    k = j + 1;
    return rat(minus ? -n.v : n.v, d);
  }
  function primary(): Expr {
    const t = peek();
    if (t === undefined) throw new SyntaxError(`unexpected end of ${JSON.stringify(src)}`);
    k++;
    switch (t.t) {
      case 'num':
        return int(t.v);
      case 'sym':
        return sym(t.name);
      case 'const':
        return constant(t.name);
      case 'fn': {
        expect('(');
        const args = [sum()];
        while (isOp(',')) {
          k++;
          args.push(sum());
        }
        expect(')');
        return call(t.name, ...args);
      }
      case 'op': {
        if (t.v !== '(') throw new SyntaxError(`unexpected ${t.v} at token ${k - 1} of ${JSON.stringify(src)}`);
        const lit = literal();
        if (lit) return lit;
        const e = sum();
        expect(')');
        chain.delete(e);
        return e;
      }
    }
  }

  const e = sum();
  if (k !== toks.length) throw new SyntaxError(`trailing input at token ${k} of ${JSON.stringify(src)}`);
  return e;
}

/** The tree the notation gives back for `e`: a power of e has no spelling but `e^u`, which is exp(u). */
export function asSpelled(e: Expr): Expr {
  return mapBottomUp(e, (n) => (n.kind === 'pow' && n.base.kind === 'const' && n.base.name === 'e' ? call('exp', n.exp) : n));
}
