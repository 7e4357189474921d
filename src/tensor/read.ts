// A focused recursive-descent reader for the matrix notation: definitions `a = X W1 + b1; S = σ(a)`
// and expressions with juxtaposition or · for the matrix product, ⊙/⊘ element-wise, ᵀ ^T ^\top ',
// ⁻¹ ^{-1} inv(…), σ exp log tanh relu softmax CE BCE sum. Shapes are inferred while reading (the
// constructors of expr.ts), so a mismatch is reported at its operator with both operands. Where the
// notation leaves a choice (a bias row added to a batch, softmax per row), the reading is reported.
import type { Span } from '../ast/spans.js';
import { ChainruleError } from '../errors.js';
import * as M from './expr.js';
import { lex, type Token } from './lex.js';
import { unicode } from './print.js';
import { isScalar, type Shape, showShape } from './shape.js';
import type { MapFn, MatDefinition, MatExpr, MatProgram, SumOver } from './types.js';

/** A choice the notation left open, as data beside the result (docs/matrices.md). */
export interface Reading {
  readonly code: 'BROADCAST_ROWS' | 'BROADCAST_COLS' | 'SOFTMAX_ROWS' | 'ONES' | 'SPLIT_NAME';
  readonly span: Span;
  readonly message: string;
}
export interface ReadResult {
  readonly program: MatProgram;
  /** a bare expression after the definitions, if any */
  readonly body: MatExpr | null;
  readonly readings: readonly Reading[];
}

const MAP_FNS: Readonly<Record<string, MapFn>> = {
  sigmoid: 'sigmoid', sigma: 'sigmoid', logistic: 'sigmoid', exp: 'exp', log: 'log', ln: 'log', tanh: 'tanh', relu: 'relu', ReLU: 'relu', step: 'heaviside',
};
const OTHER_FNS = new Set(['softmax', 'CE', 'ce', 'BCE', 'bce', 'sum', 'mean', 'inv']);

class Reader {
  private pos = 0;
  readonly readings: Reading[] = [];
  readonly defined = new Map<string, Shape>();
  constructor(private readonly toks: Token[], private readonly inputs: ReadonlyMap<string, Shape>, private readonly later: Set<string>) {}

  peek(): Token { return this.toks[this.pos]!; }
  next(): Token { return this.toks[this.pos++]!; }
  isOp(t: string): boolean { const k = this.peek(); return k.kind === 'op' && k.text === t; }
  expect(t: string): Token {
    const k = this.peek();
    if (k.kind === 'op' && k.text === t) return this.next();
    if (k.kind === 'end') throw new ChainruleError(t === ')' ? 'UNBALANCED_PAREN' : 'UNEXPECTED_END', `Expected ${t} but the input ends.`, k.span);
    throw new ChainruleError('UNEXPECTED_TOKEN', `Expected ${t}, found ${k.text}.`, k.span);
  }
  span(from: Span): Span { return { start: from.start, end: this.toks[this.pos - 1]!.span.end }; }

  expr(): MatExpr {
    let left = this.signed();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.text !== '+' && t.text !== '-')) return left;
      this.next();
      const right = this.signed();
      left = this.addSub(t.text, left, right, t.span);
    }
  }
  signed(): MatExpr {
    if (this.isOp('-')) { this.next(); return M.neg(this.term()); }
    if (this.isOp('+')) this.next();
    return this.term();
  }
  private addSub(op: string, left: MatExpr, right: MatExpr, where: Span): MatExpr {
    // a number beside a matrix in a sum is the all-ones matrix times it (`1 − S`): said as a reading
    if (left.kind === 'num' && !isScalar(right.shape)) { left = M.fill(left.value, right.shape); this.ones(left, where); }
    if (right.kind === 'num' && !isScalar(left.shape)) { right = M.fill(right.value, left.shape); this.ones(right, where); }
    const b = M.broadcastNeeded(left.shape, right.shape);
    if (b) {
      const [row, other] = b.startsWith('left') ? [left, right] : [right, left];
      const axis = b.endsWith('rows') ? 'rows' : 'cols';
      const count = axis === 'rows' ? other.shape.rows : other.shape.cols;
      const wide = M.broadcast(row, axis, count, where);
      this.readings.push({
        code: axis === 'rows' ? 'BROADCAST_ROWS' : 'BROADCAST_COLS', span: where,
        message: `${M.describe(row)} is added to each of the ${count} ${axis} of ${M.describe(other)}: an explicit broadcast, written ${unicode(wide)}.`,
      });
      if (b.startsWith('left')) left = wide; else right = wide;
    }
    return op === '+' ? M.add(left, right, where) : M.sub(left, right, where);
  }
  private ones(f: MatExpr, where: Span): void {
    this.readings.push({ code: 'ONES', span: where, message: `${unicode(f)} beside a ${showShape(f.shape)} matrix is read as the ${showShape(f.shape)} matrix with every entry ${unicode(f)}.` });
  }

  term(): MatExpr {
    let left = this.postfix();
    for (;;) {
      const t = this.peek();
      let op: string;
      if (t.kind === 'op' && ['·', '⊙', '⊘', '/'].includes(t.text)) { this.next(); op = t.text; }
      else if (t.kind === 'name' || t.kind === 'num' || (t.kind === 'op' && t.text === '(')) op = '·';
      else return left;
      const right = op === '/' ? this.postfix() : this.factorAfterOp();
      left = this.product(op, left, right, t.span);
    }
  }
  private factorAfterOp(): MatExpr {
    if (this.isOp('-')) { this.next(); return M.neg(this.postfix()); }
    return this.postfix();
  }
  private product(op: string, left: MatExpr, right: MatExpr, where: Span): MatExpr {
    if (op === '/') {
      if (right.kind !== 'num' || right.value === 0) {
        throw new ChainruleError('SHAPE_HADAMARD', `${M.describe(left)} / ${M.describe(right)}: divide a matrix by a nonzero number, or write ⊘ (./) for element-wise division.`, where);
      }
      return M.scale(M.num(1 / right.value), left, where);
    }
    if (op === '⊙') return M.hadamard(left, right, where);
    if (op === '⊘') return M.hdiv(left, right, where);
    if (left.kind === 'num' && right.kind === 'num') return M.num(left.value * right.value);
    if (left.kind === 'num') return M.scale(left, right, where);
    if (right.kind === 'num') return M.scale(right, left, where);
    return M.matmul(left, right, where);
  }

  postfix(): MatExpr {
    let e = this.primary();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op') return e;
      if (t.text === 'ᵀ') { this.next(); e = M.transpose(e); continue; }
      if (t.text === '⁻¹') { this.next(); e = M.inv(e, t.span); continue; }
      if (t.text !== '^') return e;
      this.next();
      const braced = this.isOp('{');
      if (braced) this.next();
      const k = this.next();
      if (k.kind === 'name' && k.text === 'T') e = M.transpose(e);
      else if (k.kind === 'op' && k.text === '-' && this.peek().kind === 'num' && this.peek().text === '1') { this.next(); e = M.inv(e, this.span(t.span)); }
      else throw new ChainruleError('UNSUPPORTED_INDEX', 'A matrix takes only the powers ^T (transpose) and ^{-1} (inverse); for element-wise powers write A ⊙ A.', this.span(t.span));
      if (braced) this.expect('}');
    }
  }

  primary(): MatExpr {
    const t = this.next();
    if (t.kind === 'num') return M.num(Number(t.text));
    if (t.kind === 'op' && t.text === '(') { const e = this.expr(); this.expect(')'); return e; }
    if (t.kind === 'name') {
      if (this.isOp('(') && (t.text in MAP_FNS || OTHER_FNS.has(t.text))) return this.call(t);
      return this.name(t);
    }
    if (t.kind === 'end') throw new ChainruleError('UNEXPECTED_END', 'The expression ends too early.', t.span);
    throw new ChainruleError(t.text === ')' ? 'UNBALANCED_PAREN' : 'UNEXPECTED_TOKEN', `Unexpected ${t.text}.`, t.span);
  }

  private call(t: Token): MatExpr {
    this.expect('(');
    const args: MatExpr[] = [];
    const words: string[] = [];
    for (;;) {
      const k = this.peek();
      const after = this.toks[this.pos + 1];
      if (args.length > 0 && k.kind === 'name' && ['rows', 'cols', 'all'].includes(k.text) && after?.kind === 'op' && after.text === ')') { this.next(); words.push(k.text); }
      else args.push(this.expr());
      if (this.isOp(',')) { this.next(); continue; }
      this.expect(')');
      break;
    }
    const where = this.span(t.span);
    const arity = (n: number) => {
      if (args.length !== n) throw new ChainruleError('WRONG_ARITY', `${t.text} takes ${n} matrix argument${n > 1 ? 's' : ''}, got ${args.length}.`, where);
      if (words.length > (t.text === 'softmax' || t.text === 'sum' || t.text === 'mean' ? 1 : 0)) throw new ChainruleError('WRONG_ARITY', `${t.text} does not take ${words.join(', ')}.`, where);
    };
    const fn = MAP_FNS[t.text];
    if (fn) { arity(1); return M.map(fn, args[0]!); }
    switch (t.text) {
      case 'softmax': {
        arity(1);
        const w = words[0];
        if (w === 'all') throw new ChainruleError('WRONG_ARITY', 'softmax is taken per row (rows) or per column (cols).', where);
        if (!w) this.readings.push({ code: 'SOFTMAX_ROWS', span: where, message: `softmax(${unicode(args[0]!)}) is taken per row (one sample per row); write softmax(…, cols) for one sample per column.` });
        return M.softmax(args[0]!, (w ?? 'rows') as 'rows' | 'cols');
      }
      case 'sum': arity(1); return M.sum(args[0]!, (words[0] ?? 'all') as SumOver);
      case 'mean': arity(1); return M.mean(args[0]!, (words[0] ?? 'all') as SumOver);
      case 'inv': arity(1); return M.inv(args[0]!, where);
      default: arity(2); return M.loss(t.text.toLowerCase() as 'ce' | 'bce', args[0]!, args[1]!, where);
    }
  }

  private known(n: string): Shape | undefined {
    return this.defined.get(n) ?? this.inputs.get(n);
  }
  private name(t: Token): MatExpr {
    const s = this.known(t.text);
    if (s) return M.mat(t.text, s);
    if (this.later.has(t.text)) throw new ChainruleError('USE_BEFORE_DEFINITION', `${t.text} is used before its definition.`, t.span);
    const parts = this.split(t.text);
    if (parts) {
      this.readings.push({ code: 'SPLIT_NAME', span: t.span, message: `${t.text} is read as the product ${parts.join(' ')} of declared matrices.` });
      return parts.map((p) => M.mat(p, this.known(p)!)).reduce((a, b) => M.matmul(a, b, t.span));
    }
    throw new ChainruleError('SHAPE_UNKNOWN', `${t.text} has no shape: declare it in shapes (e.g. "${t.text}": "m×n") or define it.`, t.span);
  }
  /** `XW1` → [X, W1] when the run splits in exactly one way into known names. */
  private split(s: string): string[] | null {
    const ways: (string[] | null)[] = [[]];
    let count = new Array<number>(s.length + 1).fill(0);
    count[0] = 1;
    for (let i = 1; i <= s.length; i++) {
      for (let j = 0; j < i; j++) {
        const p = s.slice(j, i);
        if (count[j]! > 0 && this.known(p)) { count[i] = count[i]! + count[j]!; ways[i] = [...(ways[j] ?? []), p]; }
      }
    }
    count = count.map((c) => Math.min(c, 2));
    return count[s.length] === 1 && (ways[s.length]?.length ?? 0) > 1 ? ways[s.length]! : null;
  }
}

/** Read a matrix program; `inputs` are the declared shapes by canonical name. */
export function readMatrices(text: string, inputs: ReadonlyMap<string, Shape>): ReadResult {
  const toks = lex(text);
  // names defined anywhere, so a use before its definition is named as such
  const later = new Set<string>();
  for (let i = 0; i + 1 < toks.length; i++) {
    const prev = toks[i - 1];
    if (toks[i]!.kind === 'name' && toks[i + 1]!.text === '=' && (!prev || prev.text === ';')) later.add(toks[i]!.text);
  }
  const r = new Reader(toks, inputs, later);
  const definitions: MatDefinition[] = [];
  let body: MatExpr | null = null;
  while (r.peek().kind !== 'end') {
    if (r.isOp(';')) { r.next(); continue; }
    if (body) throw new ChainruleError('UNEXPECTED_TOKEN', 'Only the last statement may be a bare expression.', r.peek().span);
    const t = r.peek();
    const after = (r as unknown as { toks: Token[]; pos: number });
    const isDef = t.kind === 'name' && after.toks[after.pos + 1]?.text === '=';
    if (isDef) {
      r.next(); r.next();
      if (r.defined.has(t.text)) throw new ChainruleError('REDEFINITION', `${t.text} is defined twice.`, t.span);
      later.delete(t.text);
      const e = r.expr();
      const declared = inputs.get(t.text);
      if (declared && (declared.rows !== e.shape.rows || declared.cols !== e.shape.cols)) {
        throw new ChainruleError('SHAPE_CONFLICT', `${t.text} is declared ${showShape(declared)} but its definition ${M.describe(e)} is ${showShape(e.shape)}.`, t.span);
      }
      r.defined.set(t.text, e.shape);
      definitions.push({ name: t.text, expr: e });
    } else body = r.expr();
    const k = r.peek();
    if (k.kind !== 'end' && !(k.kind === 'op' && k.text === ';')) {
      throw new ChainruleError(k.text === ')' ? 'UNBALANCED_PAREN' : 'UNEXPECTED_TOKEN', `Unexpected ${k.text}.`, k.span);
    }
  }
  if (definitions.length === 0 && !body) throw new ChainruleError('EMPTY_INPUT', 'The matrix expression is empty.');
  const declared = new Map([...inputs].filter(([n]) => !r.defined.has(n)));
  return { program: { definitions, inputs: declared }, body, readings: r.readings };
}
