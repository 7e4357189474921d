// Gates: what a node computes from its ports (its formula and op), and its local gradients
// ∂gate/∂port — derived SYMBOLICALLY by the derivation engine (src/derive) and simplified, in the
// gate's own port symbols (1/x → −1/x², as the notes write it), cached per gate formula so a
// graph of a thousand identical gates derives each formula once. (How a gate is labelled in a
// picture is src/render/graph.ts: this layer does not print.)
// Invariants: port symbols are x (one port), x, y (two), x_1 … x_n (more); a gate formula holds
// only its port symbols and constants; substitution of names is simultaneous (x ↦ y, y ↦ x).
import { sym } from '../ast/build.js';
import type { Expr } from '../ast/nodes.js';
import { children } from '../ast/traverse.js';
import { substituteSymbols } from '../ast/traverse.js';
import { keyOf, mapDag } from './dag.js';
import { derive } from '../derive/derive.js';

/** The op of the fused gate: σ followed by BCE (its prediction argument). */
export const FUSED_SIGMOID_BCE = 'sigmoid+BCE';

export function portNames(n: number): string[] {
  if (n === 1) return ['x'];
  if (n === 2) return ['x', 'y'];
  return Array.from({ length: n }, (_, i) => `x_${i + 1}`);
}

/** Replace symbols by name, all at once: the one implementation in src/ast/traverse.ts. */
export const substituteSyms = substituteSymbols;

const symbolic = new WeakMap<Expr, boolean>();
/** Does `e` contain a symbol? (A gate folds every symbol-free sub-expression in as a constant.)
 * Cached by node: the builder asks it of every sub-expression. */
export function hasSymbol(e: Expr): boolean {
  let r = symbolic.get(e);
  if (r === undefined) {
    r = e.kind === 'sym' || children(e).some(hasSymbol);
    symbolic.set(e, r);
  }
  return r;
}

/** The op name of a gate formula (the fused op is set by the builder, not read from the formula). */
export function opOf(gate: Expr): string {
  switch (gate.kind) {
    case 'call':
      return gate.fn;
    case 'sym':
      return 'identity';
    case 'num':
    case 'const':
    case 'diff':
      throw new Error(`internal: a gate cannot be a ${gate.kind}`);
    default:
      return gate.kind;
  }
}

const locals = new Map<string, Expr>();

/** ∂gate/∂port, derived step by step by the derivation engine and simplified; cached by formula. */
export function localGradient(gate: Expr, port: string): Expr {
  const key = `${keyOf(gate)}\u0000${port}`;
  let r = locals.get(key);
  if (!r) {
    r = derive(gate, port, { proofs: false }).result;
    locals.set(key, r);
  }
  return r;
}

/** The gate formula with its port symbols replaced by the names of the nodes feeding it. */
export function named(gate: Expr, ports: readonly string[], names: readonly string[]): Expr {
  return substituteSyms(gate, new Map(ports.map((p, i) => [p, sym(names[i]!)])));
}
