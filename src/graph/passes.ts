// The forward pass (a value on every node) and the backward pass (on every edge: upstream × local
// = downstream; on every node the sum of its outgoing edges' downstream gradients) of a graph at
// a point. Floats throughout, and exact rationals alongside wherever every input to a value is
// exact and the formula is rational (x·y, 1/x; not exp or log). Invariants: gates are visited in
// topological order forward and reverse topological order backward, so a node's gradient is
// complete before it is passed on; ∂output/∂output = 1; a domain error is a ChainruleError
// DOMAIN naming the node, with the position of the sub-expression it came from.
import Fraction from 'fraction.js';
import { sym } from '../ast/build.js';
import { ratString } from '../ast/json.js';
import type { Expr } from '../ast/nodes.js';
import type { Span } from '../ast/spans.js';
import { ChainruleError } from '../errors.js';
import { evaluate } from '../numeric/float.js';
import { evaluateRational, type RationalValue } from '../numeric/rational.js';
import { unicodeName } from '../ast/names.js';
import { localGradient, named, portNames, substituteSyms } from './gates.js';
import type { EdgePass, Graph, GraphNode, NodePass, Passes, Value } from './types.js';

export interface InputValue {
  readonly value: number;
  readonly exact?: RationalValue;
}

interface Num {
  value: number;
  exact: Fraction | undefined;
}

const toFraction = (r: RationalValue) => new Fraction(r.n, r.d);
const fromFraction = (f: Fraction): RationalValue => ({ n: f.s * f.n, d: f.d });
export function toValue(x: Num): Value {
  return x.exact ? { value: x.value, exact: ratString(x.exact.s * x.exact.n, x.exact.d) } : { value: x.value };
}

/** Evaluate a small formula in port symbols: float (with a DOMAIN error as data) and exact. */
function evalAt(e: Expr, ports: readonly string[], args: readonly Num[]): Num | string {
  const fp = new Map(ports.map((p, i) => [p, args[i]!.value]));
  const r = evaluate(e, fp);
  if (!r.ok) return r.message;
  let exact: Fraction | undefined;
  if (args.every((a) => a.exact)) {
    const q = evaluateRational(e, new Map(ports.map((p, i) => [p, fromFraction(args[i]!.exact!)])));
    if (q.ok) exact = toFraction(q.value);
  }
  return { value: r.value, exact };
}

/** Run both passes. `spanOf` gives the input position a node came from, for error messages. */
export function runPasses(g: Graph, at: ReadonlyMap<string, InputValue>, spanOf: (id: string) => Span | undefined = () => undefined): Passes {
  const index = new Map(g.nodes.map((n, i) => [n.id, i]));
  const edgeById = new Map(g.edges.map((e) => [e.id, e]));
  const values: Num[] = [];
  const inner: (Num[] | undefined)[] = [];
  const srcOf = (n: GraphNode) => n.inputs.map((e) => index.get(edgeById.get(e)!.from)!);
  const fail = (n: GraphNode, why: string) =>
    new ChainruleError('DOMAIN', `${unicodeName(n.name)} is undefined here: ${why}`, spanOf(n.id));

  // forward
  for (const n of g.nodes) {
    if (n.kind === 'input') {
      const v = at.get(n.name);
      if (!v) throw new ChainruleError('UNBOUND_VARIABLE', `${n.name} has no value: give it in "at".`, spanOf(n.id));
      values.push({ value: v.value, exact: v.exact ? toFraction(v.exact) : undefined });
      inner.push(undefined);
      continue;
    }
    const args = srcOf(n).map((i) => values[i]!);
    const ports = portNames(args.length);
    const r = evalAt(n.gate!, ports, args);
    if (typeof r === 'string') throw fail(n, r);
    values.push(r);
    inner.push(
      n.inner?.map((x) => {
        const v = evalAt(x.gate, ports, args);
        if (typeof v === 'string') throw fail(n, v);
        return v;
      }),
    );
  }

  // backward
  const grads: Num[] = g.nodes.map(() => ({ value: 0, exact: new Fraction(0) }));
  const out = index.get(g.output)!;
  grads[out] = { value: 1, exact: new Fraction(1) };
  const terms: string[][] = g.nodes.map(() => []);
  const edgePasses: EdgePass[] = [];
  for (let i = g.nodes.length - 1; i >= 0; i--) {
    const n = g.nodes[i]!;
    if (n.kind === 'input') continue;
    const srcs = srcOf(n);
    const args = srcs.map((s) => values[s]!);
    const ports = portNames(args.length);
    const up = grads[i]!;
    n.inputs.forEach((eid, k) => {
      const localGate = localGradient(n.gate!, ports[k]!);
      const lv = evalAt(localGate, ports, args);
      if (typeof lv === 'string') throw fail(n, `its local gradient ∂/∂${ports[k]} is undefined: ${lv}`);
      const down: Num = {
        value: up.value * lv.value,
        exact: up.exact && lv.exact ? up.exact.mul(lv.exact) : undefined,
      };
      const s = srcs[k]!;
      const acc = grads[s]!;
      grads[s] = { value: acc.value + down.value, exact: acc.exact && down.exact ? acc.exact.add(down.exact) : undefined };
      terms[s]!.push(eid);
      edgePasses.push({
        edge: eid,
        forward: toValue(args[k]!),
        upstream: toValue(up),
        local: { gate: localGate, named: named(localGate, ports, srcs.map((x) => g.nodes[x]!.name)), value: toValue(lv) },
        downstream: toValue(down),
      });
    });
  }
  // a fork's terms in edge order (the backward pass met them in reverse)
  for (const t of terms) t.sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  const nodes: NodePass[] = g.nodes.map((n, i) => ({
    node: n.id,
    value: toValue(values[i]!),
    grad: toValue(grads[i]!),
    terms: terms[i]!,
    ...(inner[i] ? { inner: inner[i]!.map(toValue) } : {}),
  }));
  return { nodes, edges: edgePasses };
}

/** The function the graph computes, composed from its gates (for tests: it must agree with the
 * program the graph was built from, whatever the granularity). */
export function composed(g: Graph): Expr {
  const edgeById = new Map(g.edges.map((e) => [e.id, e]));
  const memo = new Map<string, Expr>();
  for (const n of g.nodes) {
    if (n.kind === 'input') {
      memo.set(n.id, sym(n.name));
      continue;
    }
    const ports = portNames(n.inputs.length);
    const args = n.inputs.map((e) => memo.get(edgeById.get(e)!.from)!);
    memo.set(n.id, substituteSyms(n.gate!, new Map(ports.map((p, k) => [p, args[k]!]))));
  }
  return memo.get(g.output)!;
}
