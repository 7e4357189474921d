// Building a computational graph from a program (definitions and/or an expression) at a
// granularity: `standard` = one gate per operation of the tree (σ, BCE, exp, a subtraction x − y,
// …); `primitive` = the notes' gates (binary +, binary ×, ·(−1), exp, +c, ·c, 1/x, log, ^c, …) with
// σ, BCE and MSE expanded through their definitions (σ → ·(−1) → exp → +1 → 1/x); `fused` =
// standard with σ feeding BCE's prediction merged into one σ→BCE gate. Invariants: structurally
// equal gates on the same nodes are one node (hash-consing), so a node used twice keeps both edges
// (x·x is one × gate with two edges from x); symbol-free sub-expressions are folded into gates as
// constants; nodes are numbered in a topological order; only nodes the output depends on are kept.
import { add, call, div, mul, neg, ONE, pow, sym } from '../ast/build.js';
import type { Expr, Program } from '../ast/nodes.js';
import { ChainruleError } from '../errors.js';
import { getFunction } from '../functions/index.js';
import { keyOf } from './dag.js';
import { FUSED_SIGMOID_BCE, hasSymbol, named, opOf, portNames } from './gates.js';
import type { Granularity, Graph, GraphEdge, GraphNode } from './types.js';

/** Most nodes a graph may have: 20,000 (the parser's token limit) keeps a graph of the largest
 * admitted expression, expanded through σ/BCE definitions, well under a second to build. */
export const MAX_NODES = 20_000;

type NodeRef = { readonly node: number };
type ConstRef = { readonly const: Expr };
type Ref = NodeRef | ConstRef;
const isNode = (r: Ref): r is NodeRef => 'node' in r;

interface Raw {
  op: string;
  name?: string;
  args: Ref[];
  /** the formula from the argument expressions (port symbols or constants) */
  fn: (a: readonly Expr[]) => Expr;
  /** the user's sub-expression this node computes (for error positions); `within` when the node
   * comes from a definition expansion (σ's inside) and has no position of its own */
  source: Expr | undefined;
  within: Expr | undefined;
  inner?: { label: string; name?: string; fn: (a: readonly Expr[]) => Expr }[];
}

export interface BuiltGraph {
  readonly graph: Graph;
  /** node id → the user's sub-expressions it came from, most precise first */
  readonly sources: ReadonlyMap<string, readonly Expr[]>;
}

class Builder {
  readonly raw: Raw[] = [];
  private readonly keys = new Map<string, number>();
  readonly inputs = new Map<string, number>();
  readonly env = new Map<string, Ref>();
  private readonly memo = new Map<Expr, Ref>();
  constructor(readonly granularity: Granularity) {}

  private push(r: Raw): number {
    if (this.raw.length >= MAX_NODES) throw new ChainruleError('TOO_MANY_NODES', `The graph would have more than ${MAX_NODES} nodes.`);
    return this.raw.push(r) - 1;
  }

  input(name: string, source: Expr): Ref {
    let i = this.inputs.get(name);
    if (i === undefined) {
      i = this.push({ op: 'input', name, args: [], fn: () => sym(name), source, within: undefined });
      this.inputs.set(name, i);
    }
    return { node: i };
  }

  /** A gate over `args`, or a constant when no argument is a node. */
  gate(op: string, fn: Raw['fn'], args: Ref[], source: Expr | undefined, within: Expr | undefined, key = ''): Ref {
    if (!args.some(isNode)) return { const: fn(args.map((a) => (a as ConstRef).const)) };
    const formula = formulaOf(fn, args);
    const k = `${op}|${keyOf(formula)}|${args.filter(isNode).map((a) => a.node).join(',')}|${key}`;
    let i = this.keys.get(k);
    if (i === undefined) {
      i = this.push({ op, args, fn, source, within });
      this.keys.set(k, i);
    }
    return { node: i };
  }

  lower(e: Expr, within?: Expr): Ref {
    const m = this.memo.get(e);
    if (m) return m;
    const r = this.lowerNew(e, within);
    this.memo.set(e, r);
    return r;
  }

  private lowerNew(e: Expr, within: Expr | undefined): Ref {
    if (!hasSymbol(e)) return { const: e };
    const prim = this.granularity === 'primitive';
    const g = (op: string, fn: Raw['fn'], args: Ref[]) => this.gate(op, fn, args, e, within);
    switch (e.kind) {
      case 'sym':
        return this.env.get(e.name) ?? this.input(e.name, e);
      case 'add': {
        // + 0 and · 1 are not gates (a data row with x_i = 1 would draw one)
        const terms = e.terms.filter((t) => !isZeroNum(t));
        if (terms.length < e.terms.length) return terms.length === 1 ? this.lower(terms[0]!, within) : this.lower(add(...terms), within);
        if (!prim) {
          // a subtraction x − y is one gate: the negated terms stay inside it
          const negs = e.terms.map((t) => t.kind === 'neg' && hasSymbol(t.arg));
          const args = e.terms.map((t, i) => this.lower(negs[i] ? (t as Expr & { kind: 'neg' }).arg : t, within));
          return g('add', (a) => add(...a.map((x, i) => (negs[i] ? neg(x) : x))), args);
        }
        return this.chain('add', e.terms, e, within, (a, b) => add(a, b), (x, c) => add(x, c));
      }
      case 'mul': {
        const factors = e.factors.filter((t) => !isOne(t));
        if (factors.length < e.factors.length) return factors.length === 1 ? this.lower(factors[0]!, within) : this.lower(mul(...factors), within);
        if (!prim) return g('mul', (a) => mul(...a), e.factors.map((t) => this.lower(t, within)));
        return this.chain('mul', e.factors, e, within, (a, b) => mul(a, b), (x, c) => mul(c, x));
      }
      case 'neg':
        return g('neg', ([a]) => neg(a!), [this.lower(e.arg, within)]);
      case 'div': {
        const num = this.lower(e.num, within);
        const den = this.lower(e.den, within);
        if (!prim || !isNode(den)) return g('div', ([a, b]) => div(a!, b!), [num, den]);
        const recip = g('div', ([b]) => div(ONE, b!), [den]);
        if (!isNode(num) && isOne(num.const)) return recip;
        return isNode(num) ? g('mul', ([a, b]) => mul(a!, b!), [num, recip]) : g('mul', ([c, x]) => mul(c!, x!), [num, recip]);
      }
      case 'pow': {
        const base = this.lower(e.base, within);
        const exp = this.lower(e.exp, within);
        if (prim && !isNode(base) && base.const.kind === 'const' && base.const.name === 'e') return g('exp', ([x]) => call('exp', x!), [exp]);
        return g('pow', ([a, b]) => pow(a!, b!), [base, exp]);
      }
      case 'call': {
        const spec = getFunction(e.fn);
        if (prim && spec.definition) return this.lower(spec.definition(e.args), within ?? e);
        return g(e.fn, (a) => call(e.fn, ...a), e.args.map((t) => this.lower(t, within)));
      }
      case 'diff':
        throw new ChainruleError('UNEVALUATED', 'A computational graph needs an expression without d/dx(…): derive it first.');
      default:
        return { const: e };
    }
  }

  /** Primitive n-ary + or ×: binary gates left to right over the node operands, then one gate
   * for the constants folded together (+1, ·(−1), ·2). */
  private chain(op: string, items: readonly Expr[], e: Expr, within: Expr | undefined, two: (a: Expr, b: Expr) => Expr, withConst: (x: Expr, c: Expr) => Expr): Ref {
    const refs = items.map((t) => this.lower(t, within));
    const nodes = refs.filter(isNode);
    const consts = refs.filter((r): r is ConstRef => !isNode(r)).map((r) => r.const);
    let acc: Ref = nodes[0]!;
    for (let k = 1; k < nodes.length; k++) acc = this.gate(op, ([a, b]) => two(a!, b!), [acc, nodes[k]!], e, within);
    if (consts.length) {
      const c = consts.length === 1 ? consts[0]! : op === 'add' ? add(...consts) : mul(...consts);
      acc = this.gate(op, ([x, k]) => withConst(x!, k!), [acc, { const: c }], e, within);
    }
    return acc;
  }
}

const isOne = (e: Expr) => e.kind === 'num' && e.n === 1n && e.d === 1n;
const isZeroNum = (e: Expr) => e.kind === 'num' && e.n === 0n;

/** The formula of a gate: node arguments become its port symbols, constants stay. */
function formulaOf(fn: Raw['fn'], args: readonly Ref[]): Expr {
  const ports = portNames(args.filter(isNode).length);
  let k = 0;
  return fn(args.map((a) => (isNode(a) ? sym(ports[k++]!) : a.const)));
}

/** Build the graph of `program` (its body, else its last definition) at `granularity`. */
export function buildGraph(program: Program, granularity: Granularity): BuiltGraph {
  const b = new Builder(granularity);
  for (const d of program.definitions) {
    let r = b.lower(d.expr, undefined);
    if (isNode(r)) {
      const node = b.raw[r.node]!;
      // a name for a node that already has one (an input, an earlier definition): an = gate
      if (node.name !== undefined) r = b.gate('identity', ([x]) => x!, [r], d.expr, undefined, d.name);
      b.raw[(r as NodeRef).node]!.name = d.name;
    }
    b.env.set(d.name, r);
  }
  const last = program.definitions[program.definitions.length - 1];
  const top: Ref | undefined = program.body ? b.lower(program.body, undefined) : last ? b.env.get(last.name) : undefined;
  if (!top || !isNode(top)) throw new ChainruleError('BAD_REQUEST', 'The expression is a constant: it has no computational graph.');
  // the output must be a gate: `f = x` gets an = gate
  const out = b.raw[top.node]!.op === 'input' ? (b.gate('identity', ([x]) => x!, [top], program.body ?? undefined, undefined, '=') as NodeRef).node : top.node;
  const taken = new Set<string>([...b.inputs.keys(), ...program.definitions.map((d) => d.name)]);
  const outRaw = b.raw[out]!;
  if (outRaw.name === undefined) outRaw.name = fresh(taken, ['f', 'F', 'g', 'h'], 'f');
  if (granularity === 'fused') fuse(b.raw, out);
  return finish(b.raw, out, granularity, taken);
}

function fresh(taken: Set<string>, first: readonly string[], stem: string): string {
  for (const n of first) if (!taken.has(n)) return (taken.add(n), n);
  let i = 1;
  while (taken.has(`${stem}_${i}`)) i++;
  taken.add(`${stem}_${i}`);
  return `${stem}_${i}`;
}

/** Nodes the output depends on. */
function reachable(raw: readonly Raw[], out: number): boolean[] {
  const keep = raw.map(() => false);
  keep[out] = true;
  for (let i = out; i >= 0; i--) if (keep[i]) for (const a of raw[i]!.args) if (isNode(a)) keep[a.node] = true;
  return keep;
}

/** σ whose only use is BCE's prediction: replace the BCE gate by one σ→BCE gate over σ's input. */
function fuse(raw: Raw[], out: number): void {
  const keep = reachable(raw, out);
  const uses = raw.map(() => 0);
  raw.forEach((r, i) => keep[i] && r.args.forEach((a) => isNode(a) && uses[a.node]!++));
  raw.forEach((G, i) => {
    const p = G.args[0];
    if (!keep[i] || G.op !== 'BCE' || !p || !isNode(p)) return;
    const S = raw[p.node]!;
    if (S.op !== 'sigmoid' || uses[p.node] !== 1 || p.node === out) return;
    const gFn = G.fn;
    const sFn = S.fn;
    raw[i] = {
      ...G,
      op: FUSED_SIGMOID_BCE,
      args: [S.args[0]!, ...G.args.slice(1)],
      fn: (a) => gFn([sFn([a[0]!]), ...a.slice(1)]),
      inner: [{ label: 'σ', ...(S.name !== undefined ? { name: S.name } : {}), fn: (a) => sFn([a[0]!]) }],
    };
  });
}

/** Prune, number in topological order, name the unnamed gates u_1, u_2, …, make the edges. */
function finish(raw: readonly Raw[], out: number, granularity: Granularity, taken: Set<string>): BuiltGraph {
  const keep = reachable(raw, out);
  const idOf = new Map<number, number>();
  raw.forEach((_, i) => keep[i] && idOf.set(i, idOf.size));
  const names = new Map<number, string>();
  for (const [i] of idOf) {
    const r = raw[i]!;
    names.set(i, r.name ?? fresh(taken, [], 'u'));
  }
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const outputs = new Map<number, string[]>();
  const ranks = new Map<number, number>();
  const sources = new Map<string, Expr[]>();
  for (const [i, k] of idOf) {
    const r = raw[i]!;
    const id = `n${k}`;
    const name = names.get(i)!;
    sources.set(id, [r.source, r.within].filter((x): x is Expr => x !== undefined));
    if (r.op === 'input') {
      nodes.push({ id, kind: 'input', name, named: true, op: 'input', expr: sym(name), inputs: [], outputs: [], rank: 0 });
      ranks.set(i, 0);
      continue;
    }
    const gate = formulaOf(r.fn, r.args);
    const srcs = r.args.filter(isNode).map((a) => a.node);
    const ports = portNames(srcs.length);
    const inputs = srcs.map((s, p) => {
      const e: GraphEdge = { id: `e${edges.length}`, from: `n${idOf.get(s)!}`, to: id, port: p, portName: ports[p]! };
      edges.push(e);
      const list = outputs.get(s) ?? [];
      list.push(e.id);
      outputs.set(s, list);
      return e.id;
    });
    const rank = 1 + Math.max(...srcs.map((s) => ranks.get(s)!));
    ranks.set(i, rank);
    const op = r.op === FUSED_SIGMOID_BCE ? r.op : opOf(gate);
    const portSyms = ports.map((p) => sym(p));
    nodes.push({
      id, kind: 'gate', name, named: r.name !== undefined, op, gate,
      expr: named(gate, ports, srcs.map((s) => names.get(s)!)), inputs, outputs: [], rank,
      ...(r.inner ? { inner: r.inner.map((n) => ({ label: n.label, ...(n.name !== undefined ? { name: n.name } : {}), gate: n.fn(portSyms) })) } : {}),
    });
  }
  // outputs are known only once every consumer is numbered
  const order = [...idOf.keys()];
  const withOutputs = nodes.map((n, k) => ({ ...n, outputs: outputs.get(order[k]!) ?? [] }));
  const inputNames = withOutputs.filter((n) => n.kind === 'input').map((n) => n.name).sort();
  return {
    graph: { granularity, nodes: withOutputs, edges, output: `n${idOf.get(out)!}`, inputs: inputNames },
    sources,
  };
}
