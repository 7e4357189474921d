// The compiled evaluator, the FAST path for sampling: one `new Function` per tree, generated from
// the tree only (variables by index, numbers as String(Number), calls as spec.js templates or
// spec.eval passed in by index, helpers from spec.jsRuntime; no name from the input is ever pasted
// into code). Invariants:
// structurally equal subtrees are computed once (hash-consing); one flat statement per node into
// reused registers, whatever the depth; NaN exactly where float.ts reports DOMAIN, and no more.
import type { Expr } from '../ast/nodes.js';
import { ChainruleError } from '../errors.js';
import { getFunction, type FunctionSpec } from '../functions/index.js';
import { ratToNumber, realPow } from './number.js';
import type { EvalOptions } from './float.js';
import { fold } from './walk.js';

export type Compiled = (values: Float64Array | readonly number[]) => number;

/** A runtime helper's name (spec.jsRuntime): `__` then an identifier, so it cannot meet a
 * register (r3), a variable (x1), a spec slot (f0, d0) or anything the input names. */
const HELPER_NAME = /^__[A-Za-z][A-Za-z0-9_]*$/;

/** At most this many operands per generated `+`/`*` statement: a chain of thousands of operands
 * would nest that deep inside the JS engine's parser. 32 is far below any engine limit. */
const CHUNK = 32;

/** One unique (structurally distinct) node. Leaves have an `atom` (a literal or a variable read). */
interface Unique {
  readonly node: Expr;
  readonly kids: readonly number[];
  readonly atom: string | undefined;
  /** the value of a number or constant leaf */
  readonly lit: number | undefined;
}

/** Compile `e` to a function of `values[i]` = the value of `vars[i]`. `values` must be at least as
 * long as `vars`. Throws UNBOUND_VARIABLE if `e` has a symbol that is not in `vars`. */
export function compile(e: Expr, vars: readonly string[], opts: EvalOptions = {}): Compiled {
  const { source, specs } = generate(e, vars, opts);
  const factory = new Function('F', 'D', 'H', '__pow', 'Math', source) as (
    F: readonly FunctionSpec['eval'][], D: readonly (FunctionSpec['domain'] | undefined)[],
    H: Readonly<Record<string, (...x: number[]) => number>>, pow: typeof realPow, M: Math,
  ) => Compiled;
  return factory(specs.map((s) => s.eval), specs.map((s) => s.domain), helpersOf(specs), realPow, Math);
}

/** The runtime helpers the used specs' `js` templates call, by name (one name, one function). */
function helpersOf(specs: readonly FunctionSpec[]): Record<string, (...x: number[]) => number> {
  const out: Record<string, (...x: number[]) => number> = Object.create(null);
  for (const s of specs) {
    for (const [name, fn] of Object.entries(s.jsRuntime ?? {})) {
      if (!HELPER_NAME.test(name) || name === '__pow') throw new Error(`internal: ${s.name} has a runtime helper named ${name}`);
      if (out[name] && out[name] !== fn) throw new Error(`internal: two specs define the runtime helper ${name}`);
      out[name] = fn;
    }
  }
  return out;
}

/** The generated source (the body of the factory) — for tests and for anyone debugging. */
export function compileSource(e: Expr, vars: readonly string[], opts: EvalOptions = {}): string {
  return generate(e, vars, opts).source;
}

/** Does the spec's eval turn a NaN argument into a number (heaviside: NaN > 0 is false → 0)?
 * Then the compiled call needs an explicit NaN guard, or an earlier domain error would vanish. */
const absorbs = new WeakMap<FunctionSpec, boolean>();
export function absorbsNaN(spec: FunctionSpec): boolean {
  let r = absorbs.get(spec);
  if (r === undefined) {
    r = false;
    for (let i = 0; i < spec.arity; i++) {
      // 0.5 is inside every domain in the registry at the other positions (BCE needs 0 < p < 1).
      const args = Array.from({ length: spec.arity }, (_, j) => (j === i ? NaN : 0.5));
      if (!Number.isNaN(spec.eval(...args))) r = true;
    }
    absorbs.set(spec, r);
  }
  return r;
}

function literal(x: number): string {
  const s = String(x); // round-trips exactly; "Infinity" for a rational beyond the double range
  return x < 0 ? `(${s})` : s;
}

function generate(e: Expr, vars: readonly string[], opts: EvalOptions) {
  const lookupSpec = opts.functions ?? getFunction;
  const varIndex = new Map<string, number>();
  vars.forEach((v, i) => {
    if (!varIndex.has(v)) varIndex.set(v, i);
  });

  // 1. Hash-cons: one id per structurally distinct node, ids in postorder (children first).
  const uniques: Unique[] = [];
  const byKey = new Map<string, number>();
  const usedVars = new Set<number>();
  const rootId = fold<number, never>(e, (node, kids) => {
    let key: string;
    let atom: string | undefined;
    let lit: number | undefined;
    switch (node.kind) {
      case 'num':
        key = `n${node.n}/${node.d}`;
        lit = ratToNumber(node.n, node.d);
        atom = literal(lit);
        break;
      case 'const':
        key = `c${node.name}`;
        lit = node.name === 'e' ? Math.E : Math.PI;
        atom = literal(lit);
        break;
      case 'sym': {
        const i = varIndex.get(node.name);
        if (i === undefined) {
          throw new ChainruleError('UNBOUND_VARIABLE', `${node.name} is not among the variables (${vars.join(', ')})`);
        }
        usedVars.add(i);
        key = `s${i}`;
        atom = `x${i}`;
        break;
      }
      case 'call':
        key = `f${node.fn}(${kids.join(',')})`;
        break;
      case 'diff':
        throw new ChainruleError('UNEVALUATED', `d/d${node.wrt}(…) is an unevaluated derivative: derive it before compiling`);
      default:
        key = `${node.kind}(${kids.join(',')})`;
    }
    let id = byKey.get(key);
    if (id === undefined) {
      id = uniques.length;
      uniques.push({ node, kids, atom, lit });
      byKey.set(key, id);
    }
    return id;
  }) as number;

  // 2. Liveness: the last statement that reads each value, so its register can be reused after.
  const lastUse = new Array<number>(uniques.length).fill(-1);
  uniques.forEach((u, id) => u.kids.forEach((k) => (lastUse[k] = id)));

  // 3. Emit one statement per interior node, in postorder, into reused registers.
  const specs: FunctionSpec[] = [];
  const specIndex = new Map<FunctionSpec, number>();
  const code: string[] = [];
  const reg: number[] = [];
  const free: number[] = [];
  let nregs = 0;
  const lines: string[] = [];
  const isLiteral = (id: number) => uniques[id]!.lit !== undefined;
  const litValue = (id: number) => uniques[id]!.lit!;

  for (let id = 0; id < uniques.length; id++) {
    const u = uniques[id]!;
    if (u.atom !== undefined) {
      code.push(u.atom);
      continue;
    }
    const a = u.kids.map((k) => code[k]!);
    const chunked = a.length > CHUNK;
    const release = () => {
      for (const k of new Set(u.kids)) if (lastUse[k] === id && reg[k] !== undefined) free.push(reg[k]!);
    };
    // A chunked node reads its operands over several statements, so its register must not be one
    // of theirs: allocate first. Otherwise free first, so `r3 = r3 + r5` reuses a dead operand.
    if (!chunked) release();
    const r = free.pop() ?? nregs++;
    if (chunked) release();
    reg[id] = r;
    const out = `r${r}`;
    code.push(out);
    const n = u.node;
    switch (n.kind) {
      case 'add':
      case 'mul': {
        const op = n.kind === 'add' ? ' + ' : ' * ';
        for (let i = 0; i < a.length; i += CHUNK) {
          const part = a.slice(i, i + CHUNK);
          lines.push(`${out} = ${i === 0 ? '' : out + op}${part.join(op)};`);
        }
        break;
      }
      case 'neg':
        lines.push(`${out} = -${a[0]};`);
        break;
      case 'div': {
        const den = u.kids[1]!;
        const safe = isLiteral(den) && litValue(den) !== 0;
        lines.push(safe ? `${out} = ${a[0]} / ${a[1]};` : `${out} = ${a[1]} === 0 ? NaN : ${a[0]} / ${a[1]};`);
        break;
      }
      case 'pow': {
        // Math.pow is realPow when the exponent is a positive integer literal or the base a
        // positive literal (no 0^negative, no negative base, NaN propagates): skip the helper.
        const [bk, xk] = u.kids as [number, number];
        const direct =
          (isLiteral(xk) && Number.isInteger(litValue(xk)) && litValue(xk) > 0) || (isLiteral(bk) && litValue(bk) > 0);
        lines.push(`${out} = ${direct ? 'Math.pow' : '__pow'}(${a[0]}, ${a[1]});`);
        break;
      }
      case 'call': {
        const spec = lookupSpec(n.fn);
        if (a.length !== spec.arity) throw new Error(`internal: ${n.fn} called with ${a.length} arguments, needs ${spec.arity}`);
        let si = specIndex.get(spec);
        if (si === undefined) {
          si = specs.length;
          specs.push(spec);
          specIndex.set(spec, si);
        }
        let expr = spec.js ? spec.js(a) : `f${si}(${a.join(', ')})`;
        if (spec.domain) expr = `d${si}(${a.join(', ')}) ? ${expr} : NaN`;
        const maybeNaN = u.kids.filter((k) => !isLiteral(k)).map((k) => code[k]!);
        if (absorbsNaN(spec) && maybeNaN.length) expr = `${maybeNaN.map((x) => `${x} !== ${x}`).join(' || ')} ? NaN : ${expr}`;
        lines.push(`${out} = ${expr};`);
        break;
      }
      default:
        throw new Error(`internal: unexpected leaf ${n.kind} without an atom`);
    }
  }

  const head = ['"use strict";'];
  specs.forEach((s, i) => {
    if (!s.js) head.push(`const f${i} = F[${i}];`);
    if (s.domain) head.push(`const d${i} = D[${i}];`);
  });
  for (const name of Object.keys(helpersOf(specs))) head.push(`const ${name} = H.${name};`);
  const body: string[] = [];
  for (const i of [...usedVars].sort((p, q) => p - q)) body.push(`const x${i} = v[${i}];`);
  // Initialised to 0 so every register holds a double from the start (one machine type in V8).
  if (nregs > 0) body.push(`let ${Array.from({ length: nregs }, (_, i) => `r${i} = 0`).join(', ')};`);
  body.push(...lines, `return ${code[rootId]};`);
  const source = `${head.join('\n')}\nreturn function chainruleCompiled(v) {\n${body.join('\n')}\n};`;
  return { source, specs };
}
