// The tree as plain JSON for the API (bigints become strings; numbers print as "n" or "n/d").
// Deterministic: the same tree always gives the same JSON text.
import type { Expr } from './nodes.js';

export type JsonExpr =
  | { kind: 'num'; value: string }
  | { kind: 'sym'; name: string }
  | { kind: 'const'; name: string }
  | { kind: 'add'; terms: JsonExpr[] }
  | { kind: 'mul'; factors: JsonExpr[] }
  | { kind: 'neg'; arg: JsonExpr }
  | { kind: 'div'; num: JsonExpr; den: JsonExpr }
  | { kind: 'pow'; base: JsonExpr; exp: JsonExpr }
  | { kind: 'call'; fn: string; args: JsonExpr[] }
  | { kind: 'diff'; arg: JsonExpr; wrt: string }
  | { kind: 'sum'; index: string; lo: JsonExpr | null; hi: JsonExpr | null; body: JsonExpr };

export function ratString(n: bigint, d: bigint): string {
  return d === 1n ? n.toString() : `${n}/${d}`;
}

export function toJson(e: Expr): JsonExpr {
  switch (e.kind) {
    case 'num':
      return { kind: 'num', value: ratString(e.n, e.d) };
    case 'sym':
    case 'const':
      return { kind: e.kind, name: e.name };
    case 'add':
      return { kind: 'add', terms: e.terms.map(toJson) };
    case 'mul':
      return { kind: 'mul', factors: e.factors.map(toJson) };
    case 'neg':
      return { kind: 'neg', arg: toJson(e.arg) };
    case 'div':
      return { kind: 'div', num: toJson(e.num), den: toJson(e.den) };
    case 'pow':
      return { kind: 'pow', base: toJson(e.base), exp: toJson(e.exp) };
    case 'call':
      return { kind: 'call', fn: e.fn, args: e.args.map(toJson) };
    case 'diff':
      return { kind: 'diff', arg: toJson(e.arg), wrt: e.wrt };
    case 'sum':
      return { kind: 'sum', index: e.index, lo: e.lo ? toJson(e.lo) : null, hi: e.hi ? toJson(e.hi) : null, body: toJson(e.body) };
  }
}
