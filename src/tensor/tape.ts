// Fast float64 values of the lowered scalar trees the matrix checks evaluate (check.ts): the trees
// of one instantiation share their sub-DAGs (every entry of ∂L/∂W₁ reads the same adjoint of a),
// and the finite differences evaluate the same loss twice per entry. A Tape numbers each distinct
// node once (postorder, so increasing ids are a topological order), keeps its value at a point,
// and re-runs a root's nodes in id order with one input changed. Invariant: the arithmetic is the
// reporting evaluator's (src/numeric/float.ts: same operations in the same order, callValue for
// calls), so the values are bit for bit the same; any failure (NaN, an unbound name, a sum or an
// unevaluated derivative) is answered by that evaluator itself, so the error is its own.
import type { Expr } from '../ast/nodes.js';
import { children } from '../ast/traverse.js';
import { ChainruleError } from '../errors.js';
import { getFunction, isRegistered, type FunctionSpec } from '../functions/index.js';
import { callValue, evaluate } from '../numeric/float.js';
import { ratToNumber } from '../numeric/number.js';

/** The registry's specs, looked up once per name (an abstract function's spec is not kept). */
const SPECS = new Map<string, FunctionSpec>();
function specOf(fn: string): FunctionSpec {
  let s = SPECS.get(fn);
  if (!s) {
    s = getFunction(fn);
    if (isRegistered(fn)) SPECS.set(fn, s);
  }
  return s;
}

/** A failed node (NaN is never a value of the reporting evaluator: it reports DOMAIN instead). */
const FAIL = Number.NaN;

export class Tape {
  private readonly ids = new Map<Expr, number>();
  private readonly nodes: Expr[] = [];
  private readonly kids: (readonly number[])[] = [];
  private readonly values: number[] = [];

  constructor(private readonly point: ReadonlyMap<string, number>) {}

  /** The id of `e`, its sub-DAG numbered and valued at the tape's point. */
  private add(root: Expr): number {
    const known = this.ids.get(root);
    if (known !== undefined) return known;
    const stack: Expr[] = [root];
    while (stack.length) {
      const e = stack[stack.length - 1]!;
      if (this.ids.has(e)) {
        stack.pop();
        continue;
      }
      const ks = e.kind === 'sum' || e.kind === 'diff' ? [] : children(e);
      let ready = true;
      for (let i = ks.length - 1; i >= 0; i--) {
        if (!this.ids.has(ks[i]!)) {
          stack.push(ks[i]!);
          ready = false;
        }
      }
      if (!ready) continue;
      stack.pop();
      const id = this.nodes.length;
      const kidIds = ks.map((k) => this.ids.get(k)!);
      this.ids.set(e, id);
      this.nodes.push(e);
      this.kids.push(kidIds);
      // a failure below is a failure here (even where NaN would vanish: NaN^0 = 1)
      this.values.push(kidIds.some((k) => Number.isNaN(this.values[k]!)) ? FAIL : this.op(e, kidIds, this.values, this.point));
    }
    return this.ids.get(root)!;
  }

  /** One node's value from its children's values in `v` (FAIL where the reporting evaluator fails). */
  private op(e: Expr, k: readonly number[], v: readonly number[], at: ReadonlyMap<string, number>): number {
    switch (e.kind) {
      case 'num':
        return ratToNumber(e.n, e.d);
      case 'const':
        return e.name === 'e' ? Math.E : Math.PI;
      case 'sym': {
        const x = at.get(e.name);
        return x === undefined ? FAIL : x;
      }
      case 'neg':
        return -v[k[0]!]!;
      case 'add': {
        let s = v[k[0]!]!;
        for (let i = 1; i < k.length; i++) s += v[k[i]!]!;
        return s;
      }
      case 'mul': {
        let p = v[k[0]!]!;
        for (let i = 1; i < k.length; i++) p *= v[k[i]!]!;
        return p;
      }
      case 'div': {
        const b = v[k[1]!]!;
        return b === 0 ? FAIL : v[k[0]!]! / b;
      }
      case 'pow': {
        const b = v[k[0]!]!;
        const x = v[k[1]!]!;
        if ((b === 0 && x < 0) || (b < 0 && !Number.isInteger(x))) return FAIL;
        // biome-ignore lint/style/useExponentiationOperator: the reporting evaluator's Math.pow, bit for bit
        return Math.pow(b, x);
      }
      case 'call': {
        const spec = specOf(e.fn);
        if (k.length !== spec.arity) return FAIL;
        const y = callValue(
          spec,
          k.map((i) => v[i]!),
        );
        return typeof y === 'string' ? FAIL : y;
      }
      default:
        // a sum or an unevaluated derivative: the reporting evaluator's business
        return FAIL;
    }
  }

  /** The value of `e` at the tape's point; a failure throws the reporting evaluator's DOMAIN. */
  value(e: Expr): number {
    const v = this.values[this.add(e)]!;
    return Number.isNaN(v) ? reference(e, this.point) : v;
  }

  /** `root` as a function of one name's value, every other name at the tape's point: only the
   * nodes that read that name re-run, in id order (the finite differences, check.ts). */
  rerun(root: Expr): (name: string, x: number) => number {
    let f = this.reruns.get(root);
    if (!f) this.reruns.set(root, (f = this.makeRerun(root)));
    return f;
  }

  private readonly reruns = new Map<Expr, (name: string, x: number) => number>();

  private makeRerun(root: Expr): (name: string, x: number) => number {
    const top = this.add(root);
    // the nodes root reads, in increasing id order (a topological order)
    const mark = new Uint8Array(top + 1);
    const stack = [top];
    mark[top] = 1;
    while (stack.length) {
      for (const k of this.kids[stack.pop()!]!) {
        if (!mark[k]) {
          mark[k] = 1;
          stack.push(k);
        }
      }
    }
    const order: number[] = [];
    for (let i = 0; i <= top; i++) if (mark[i]) order.push(i);
    const scratch = this.values.slice(0, top + 1);
    const failedAtPoint = order.some((i) => Number.isNaN(this.values[i]!));
    const readers = new Map<string, number[]>();
    const readersOf = (name: string): number[] => {
      let r = readers.get(name);
      if (r) return r;
      const dep = new Uint8Array(top + 1);
      r = [];
      for (const i of order) {
        const e = this.nodes[i]!;
        let reads = e.kind === 'sym' && e.name === name;
        for (const k of this.kids[i]!) reads ||= dep[k] === 1;
        if (reads) {
          dep[i] = 1;
          r.push(i);
        }
      }
      readers.set(name, r);
      return r;
    };
    let dirty: number[] = [];
    return (name, x) => {
      const at = () => new Map(this.point).set(name, x);
      if (failedAtPoint) return reference(root, at());
      const r = readersOf(name);
      if (r !== dirty) for (const i of dirty) scratch[i] = this.values[i]!;
      dirty = r;
      for (const i of r) {
        const e = this.nodes[i]!;
        const v = e.kind === 'sym' ? x : this.op(e, this.kids[i]!, scratch, this.point);
        if (Number.isNaN(v)) return reference(root, at());
        scratch[i] = v;
      }
      return scratch[top]!;
    };
  }
}

/** The reporting evaluator's answer: its DOMAIN error, or (should the two ever differ) its value. */
function reference(e: Expr, at: ReadonlyMap<string, number>): number {
  const r = evaluate(e, at);
  if (!r.ok) throw new ChainruleError('DOMAIN', r.message);
  return r.value;
}
