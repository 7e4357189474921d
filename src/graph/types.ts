// The computational graph as data: nodes (inputs and gates), edges (one per gate argument, so a
// node used twice keeps both edges), and the results of the forward and backward passes.
// Invariants: node ids are `n0…` in a topological order (every edge goes from a lower to a higher
// index), edge ids `e0…` in creation order; every gate's expression mentions exactly its port
// symbols (x; x, y; x_1 … x_n) and constants; the output is the last node. This is also the
// layout input for the pictures (issue 4 item 5): nodes, edges, `rank`, the topological order of
// `nodes`; the label drawn in a gate comes from its op and formula (src/render/graph.ts).
import type { Expr } from '../ast/nodes.js';

export type Granularity = 'primitive' | 'standard' | 'fused';
export const GRANULARITIES: readonly Granularity[] = ['primitive', 'standard', 'fused'];

/** A value with its exact rational form ("n" or "n/d") when every input to it was exact. */
export interface Value {
  readonly value: number;
  readonly exact?: string;
}

export interface GraphNode {
  readonly id: string;
  readonly kind: 'input' | 'gate';
  /** the input's name, a definition's name, or a generated name u_1, u_2, … (never clashing) */
  readonly name: string;
  /** true when the name comes from the user (an input or a definition) */
  readonly named: boolean;
  /** gate operation: add, mul, neg, div, pow, identity, a function name (sigmoid, exp, log, BCE,
   * …) or sigmoid+BCE (the fused gate); `input` for inputs */
  readonly op: string;
  /** the gate's formula in its own port symbols (x, y, …): 1/x, x·y, BCE(σ(x), y) */
  readonly gate?: Expr;
  /** the gate's formula in the names of the nodes feeding it: 1/u_3, w_1·x_1, BCE(p, y) */
  readonly expr: Expr;
  /** incoming edge ids, by port */
  readonly inputs: readonly string[];
  /** outgoing edge ids */
  readonly outputs: readonly string[];
  /** longest path from an input (inputs are 0): the layer a layout puts the node in */
  readonly rank: number;
  /** for the fused gate: the values it hides (σ = 0.7311), named as in the standard graph */
  readonly inner?: readonly { readonly label: string; readonly name?: string; readonly gate: Expr }[];
}

export interface GraphEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  /** argument position at the gate, and its port symbol */
  readonly port: number;
  readonly portName: string;
}

export interface Graph {
  readonly granularity: Granularity;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** id of the output node (the last one) */
  readonly output: string;
  /** the input names, sorted */
  readonly inputs: readonly string[];
}

/** A local gradient ∂to/∂from of one edge: symbolic (derived and simplified) and its value. */
export interface LocalGradient {
  /** in the gate's port symbols: −1/x² for the 1/x gate */
  readonly gate: Expr;
  /** in the node names: −1/u_3² */
  readonly named: Expr;
  readonly value: Value;
}

export interface EdgePass {
  readonly edge: string;
  /** the value carried forward (the source node's value) */
  readonly forward: Value;
  /** ∂output/∂to */
  readonly upstream: Value;
  readonly local: LocalGradient;
  /** upstream × local */
  readonly downstream: Value;
}

export interface NodePass {
  readonly node: string;
  readonly value: Value;
  /** ∂output/∂node: the sum of the downstream gradients of its outgoing edges */
  readonly grad: Value;
  /** the outgoing edges whose downstream gradients add up to `grad` (a fork when 2 or more) */
  readonly terms: readonly string[];
  /** values inside a fused gate, in the order of GraphNode.inner */
  readonly inner?: readonly Value[];
}

export interface Passes {
  readonly nodes: readonly NodePass[];
  /** in backward order: reverse topological order of the gates, ports left to right */
  readonly edges: readonly EdgePass[];
}
