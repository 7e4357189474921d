// The evaluation walk shared by the float, rational and complex evaluators: an explicit-stack
// postorder fold, so depth never touches the JS call stack, with a memo keyed by node identity,
// so a derivative DAG (shared subtrees) costs its node count, not its unfolded tree size.
// Invariants: children are evaluated left to right, so the FIRST failure in reading order is the
// one reported; a failure is data (`ok: false`) and carries the offending subtree.
import type { Expr } from '../ast/nodes.js';
import { sym } from '../ast/build.js';
import { children } from '../ast/traverse.js';
import { expandSum } from '../ast/indices.js';
import { ChainruleError } from '../errors.js';
import type { FunctionSpec } from '../functions/index.js';

/** A failed evaluation: the code, a message for people, and the subtree to point at. */
export interface EvalFailure<C extends string = string> {
  readonly ok: false;
  readonly code: C;
  readonly message: string;
  /** the offending subtree; map it to the input with the parser's SpanTable */
  readonly node: Expr;
}

/** Internal marker class so the fold can tell a failure from a value of any type. */
export class Fail<C extends string> {
  constructor(
    readonly code: C,
    readonly message: string,
    readonly node: Expr,
  ) {}
  /** the public, plain-data form */
  toResult(): EvalFailure<C> {
    return Object.freeze({ ok: false, code: this.code, message: this.message, node: this.node });
  }
}

/** Fold `root` bottom-up: `visit(node, childValues)` returns the node's value or a Fail. */
export function fold<T, C extends string>(root: Expr, visit: (node: Expr, kids: T[]) => T | Fail<C>): T | Fail<C> {
  const memo = new Map<Expr, T>();
  const expansions = new Map<Expr, Expr>();
  const stack: Expr[] = [root];
  while (stack.length > 0) {
    const node = stack[stack.length - 1]!;
    if (memo.has(node)) {
      stack.pop();
      continue;
    }
    if (node.kind === 'sum') {
      // a sum evaluates as the plain sum of its instances (integer bounds only: src/ast/indices.ts)
      let ex = expansions.get(node);
      if (!ex) {
        ex = expandSum(node);
        if (!ex) throw new ChainruleError('UNEVALUATED', `A sum over ${node.index} needs integer bounds to be evaluated (instantiate K, e.g. K = 3).`);
        expansions.set(node, ex);
      }
      if (memo.has(ex)) {
        memo.set(node, memo.get(ex) as T);
        stack.pop();
      } else stack.push(ex);
      continue;
    }
    const kids = children(node);
    let ready = true;
    // Pushed right to left so the leftmost child is on top and is evaluated first.
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i]!;
      if (!memo.has(k)) {
        stack.push(k);
        ready = false;
      }
    }
    if (!ready) continue;
    stack.pop();
    const r = visit(node, kids.map((k) => memo.get(k) as T));
    if (r instanceof Fail) return r;
    memo.set(node, r);
  }
  return memo.get(root) as T;
}

/** Read a binding from either form of point. Own properties only: `constructor` is not bound. */
export function lookup<V>(at: Readonly<Record<string, V>> | ReadonlyMap<string, V>, name: string): V | undefined {
  if (at instanceof Map) return (at as ReadonlyMap<string, V>).get(name);
  const rec = at as Readonly<Record<string, V>>;
  return Object.hasOwn(rec, name) ? rec[name] : undefined;
}

/** Placeholder symbols for a definition's parameters. `#` never occurs in a canonical name
 * (src/ast/names.ts), so a placeholder cannot capture a user's variable. */
export function placeholder(i: number): string {
  return `#${i}`;
}

/** The parameter index of a placeholder name, or undefined for any other name. */
export function placeholderIndex(name: string): number | undefined {
  return /^#\d+$/.test(name) ? Number(name.slice(1)) : undefined;
}

const definitions = new WeakMap<FunctionSpec, Expr>();

/** `spec.definition` applied to placeholder symbols #0, #1, … (built once per spec). */
export function definitionTree(spec: FunctionSpec): Expr | undefined {
  // softmax, CE, logsumexp are defined over K components, not at a point (functions/indexed.ts)
  if (!spec.definition || spec.indexed) return undefined;
  let t = definitions.get(spec);
  if (!t) {
    t = spec.definition(spec.params.map((_, i) => sym(placeholder(i))));
    definitions.set(spec, t);
  }
  return t;
}

/** "x = -2" or "prediction = 1.5, label = 1": the arguments of a call, by parameter name. */
export function describeArgs(spec: FunctionSpec, shown: readonly string[]): string {
  return shown.map((s, i) => `${spec.params[i] ?? `arg${i + 1}`} = ${s}`).join(', ');
}
