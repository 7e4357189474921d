// Reverse mode through matrix definitions: the adjoint ∂L/∂a of every name, as steps that read like
// the notes' backprop (one rule each, in matrix form), never a 4-D Jacobian. Invariants: every
// adjoint has the shape of its name; a name used in several places gets the sum over its paths in
// a step of its own; the fused softmax + CE (and σ + BCE) steps state their premise.
import { ChainruleError } from '../errors.js';
import * as M from './expr.js';
import { unicode, unicodeMatName as unicodeName } from './print.js';
import { isScalar, type Shape, showShape } from './shape.js';
import { same, tidy } from './simp.js';
import { matNames, type MatExpr, type MatProgram, operands } from './types.js';
import { type TensorRule, vjp } from './vjp.js';

export interface MatStep {
  readonly rule: TensorRule;
  readonly lhs: MatExpr;
  readonly rhs: MatExpr;
  /** the rules applied inside one definition, outermost first, when more than one */
  readonly via?: readonly TensorRule[];
  /** the definition the step goes back through */
  readonly through?: string;
  /** one of several paths to the same name: the sum-paths step that follows gives the adjoint */
  readonly partial?: boolean;
  /** an assumption the step needs (stated to the user) */
  readonly premise?: string;
  /** a sentence for people: the intermediate algebra, or the shape statement */
  readonly note?: string;
  /** the occurrence (node) of the name this contribution flows into: a partial step is checked by
   * cutting the program at that occurrence only */
  readonly occurrence?: MatExpr;
}

export interface MatDerivation {
  readonly loss: string;
  readonly steps: readonly MatStep[];
  /** final adjoint of each name that reaches the loss, written with the adjoints of later names */
  readonly adjoints: ReadonlyMap<string, MatExpr>;
  readonly shapes: ReadonlyMap<string, Shape>;
}

/** The softmax Jacobian of one row, both cases, as deck 004 writes it: said beside every softmax step. */
export const SOFTMAX_JACOBIAN_NOTE =
  'each row p = softmax(c) has the Jacobian ∂pⱼ/∂cᵤ = pⱼ(δⱼᵤ − pᵤ): pⱼ(1 − pⱼ) when j = u, −pⱼpᵤ when j ≠ u; that is diag(p) − p pᵀ (symmetric), applied to the row of ∂L/∂P';

export const SOFTMAX_CE_PREMISE = 'each row of the target T sums to 1 (one-hot labels or probabilities), so sum(T, cols) = 𝟏';
const SOFTMAX_CE_PREMISE_COLS = 'each column of the target T sums to 1 (one-hot labels or probabilities), so sum(T, rows) = 𝟏ᵀ';

interface Contribution {
  readonly expr: MatExpr;
  readonly step: { -readonly [K in keyof MatStep]: MatStep[K] };
  /** set when the adjoint came straight from a CE/BCE loss seeded with 1: the fusion candidate */
  readonly fuse?: { readonly kind: 'ce' | 'bce'; readonly target: MatExpr };
}

/** All adjoints of a program's names with respect to the 1×1 definition `loss`. */
export function deriveAll(program: MatProgram, loss: string, opts: { readonly softmaxShortcut?: boolean } = {}): MatDerivation {
  const shortcut = opts.softmaxShortcut === true;
  const defs = program.definitions;
  const lossAt = defs.findIndex((d) => d.name === loss);
  if (lossAt < 0) throw new ChainruleError('UNBOUND_VARIABLE', `${loss} is not defined.`);
  const lossDef = defs[lossAt]!;
  if (!isScalar(lossDef.expr.shape)) {
    throw new ChainruleError('SHAPE_NOT_SCALAR', `${loss} is ${showShape(lossDef.expr.shape)}: a loss to differentiate must be 1×1 (a sum, CE, BCE, or rᵀr).`);
  }
  const shapes = new Map<string, Shape>(program.inputs);
  for (const d of defs) shapes.set(d.name, d.expr.shape);
  const adjSym = (n: string): MatExpr => (n === loss ? M.num(1) : M.grad(loss, n, shapes.get(n)!));

  const steps: Contribution['step'][] = [{ rule: 'tensor.seed', lhs: M.grad(loss, loss, lossDef.expr.shape), rhs: M.num(1) }];
  const contributions = new Map<string, Contribution[]>();
  const adjoints = new Map<string, MatExpr>();
  let current = loss;

  const contribute = (name: string, expr: MatExpr, path: TensorRule[], occurrence: MatExpr, extra: Partial<MatStep> = {}, fuse?: Contribution['fuse']) => {
    const rule = path[path.length - 1]!;
    const softmaxNote = rule === 'tensor.softmax-rows' || rule === 'tensor.softmax-cols' ? { note: SOFTMAX_JACOBIAN_NOTE } : {};
    const step: Contribution['step'] = {
      rule, lhs: adjSym(name), rhs: expr, through: current, occurrence,
      ...(path.length > 1 ? { via: path } : {}), ...softmaxNote, ...extra,
    };
    steps.push(step);
    const list = contributions.get(name) ?? [];
    list.push({ expr, step, ...(fuse ? { fuse } : {}) });
    contributions.set(name, list);
  };

  const propagate = (e: MatExpr, g: MatExpr, self: MatExpr, path: TensorRule[]): void => {
    if (e.kind === 'mat') {
      contribute(e.name, g, path, e);
      return;
    }
    // the fused softmax + CE inside one expression: CE(softmax(C), T)
    if (!shortcut && e.kind === 'ce' && g.kind === 'num' && g.value === 1 && e.pred.kind === 'softmax') {
      const premise = e.pred.axis === 'rows' ? SOFTMAX_CE_PREMISE : SOFTMAX_CE_PREMISE_COLS;
      if (matNames(e.pred.arg).length > 0) propagate(e.pred.arg, M.sub(e.pred, e.target), e.pred.arg, [...path, 'tensor.softmax-ce']);
      markPremise(premise);
      if (matNames(e.target).length > 0) propagate(e.target, M.neg(M.map('log', e.pred)), e.target, [...path, 'tensor.ce-target']);
      return;
    }
    for (const o of vjp(e, g, self, shortcut)) {
      if (matNames(o.operand).length === 0) continue;
      const next = [...path, o.rule];
      // a CE/BCE seeded with 1 straight onto a defined name: remember it, the name's definition may fuse
      if (o.operand.kind === 'mat' && (o.rule === 'tensor.ce' || o.rule === 'tensor.bce') && g.kind === 'num' && g.value === 1 && (e.kind === 'ce' || e.kind === 'bce')) {
        contribute(o.operand.name, o.adjoint, next, o.operand, {}, { kind: e.kind, target: e.target });
      } else propagate(o.operand, o.adjoint, o.operand, next);
    }
  };
  let pendingPremise: string | undefined;
  const markPremise = (p: string) => { pendingPremise = p; };

  const finalise = (name: string) => {
    const cs = contributions.get(name)!;
    let total = cs[0]!.expr;
    if (cs.length > 1) {
      for (const c of cs) c.step.partial = true;
      total = cs.slice(1).reduce((a, c) => M.add(a, c.expr), total);
      steps.push({ rule: 'tensor.sum-paths', lhs: adjSym(name), rhs: total, note: `${name} is used in ${cs.length} places: its adjoint is the sum of the ${cs.length} paths.` });
    }
    const t = tidy(total);
    if (!same(t, total)) {
      steps.push({ rule: 'tensor.tidy', lhs: adjSym(name), rhs: t });
      total = t;
    }
    adjoints.set(name, total);
  };

  for (let i = lossAt; i >= 0; i--) {
    const d = defs[i]!;
    if (d.name !== loss) {
      if (!contributions.has(d.name)) continue; // does not reach the loss
      finalise(d.name);
    }
    current = d.name;
    const g = adjSym(d.name);
    const self = M.mat(d.name, d.expr.shape);
    const cs = contributions.get(d.name);
    const only = cs?.length === 1 ? cs[0]! : undefined;
    const e = d.expr;
    const fusable = !shortcut && only?.fuse && (
      (only.fuse.kind === 'ce' && e.kind === 'softmax') || (only.fuse.kind === 'bce' && e.kind === 'map' && e.fn === 'sigmoid'));
    if (fusable && (e.kind === 'softmax' || e.kind === 'map') && matNames(e.arg).length > 0) {
      const target = only.fuse!.target;
      const general = vjp(e, g, self)[0]!;
      const isCe = only.fuse!.kind === 'ce';
      const premise = !isCe ? undefined : e.kind === 'softmax' && e.axis === 'cols' ? SOFTMAX_CE_PREMISE_COLS : SOFTMAX_CE_PREMISE;
      const fused = M.sub(self, target);
      if (e.arg.kind === 'mat') {
        steps.push({ rule: general.rule, lhs: adjSym(e.arg.name), rhs: general.adjoint, through: d.name,
          note: `${isCe ? `${SOFTMAX_JACOBIAN_NOTE}. ` : ''}The general rule first; ${unicode(g)} = ${unicode(only.expr)} from the loss is substituted next.` });
      }
      const note = isCe
        ? softmaxCeNote(unicode(self), unicode(target), e.kind === 'softmax' && e.axis === 'cols', e.arg.kind === 'mat' ? unicode(e.arg) : `(${unicode(e.arg)})`, unicodeName(loss))
        : `(${unicode(self)} − ${unicode(target)}) ⊘ (${unicode(self)} ⊙ (1 − ${unicode(self)})) ⊙ ${unicode(self)} ⊙ (1 − ${unicode(self)}) = ${unicode(fused)}`;
      if (e.arg.kind === 'mat') {
        contribute(e.arg.name, fused, [isCe ? 'tensor.softmax-ce' : 'tensor.sigmoid-bce'], e.arg, { ...(premise ? { premise } : {}), note });
      } else propagate(e.arg, fused, e.arg, [isCe ? 'tensor.softmax-ce' : 'tensor.sigmoid-bce']);
      continue;
    }
    pendingPremise = undefined;
    const before = steps.length;
    propagate(e, g, self, []);
    if (pendingPremise) for (const s of steps.slice(before)) if (s.rule === 'tensor.softmax-ce' || s.via?.includes('tensor.softmax-ce')) s.premise = pendingPremise;
  }
  for (const name of program.inputs.keys()) if (contributions.has(name)) { current = name; finalise(name); }
  return { loss, steps: steps.map((s) => Object.freeze(s)), adjoints, shapes };
}

/** The algebra of the fused step, spelled out: where the premise Σ T = 1 is used. */
function softmaxCeNote(p: string, t: string, cols: boolean, c: string, l: string): string {
  const [over, ones] = cols ? ['rows', '𝟏ᵀ'] : ['cols', '𝟏'];
  return `∂${l}/∂${p} ⊙ ${p} = −${t}, so sum(∂${l}/∂${p} ⊙ ${p}, ${over}) = −sum(${t}, ${over}) = −${ones} by the premise; ` +
    `then ∂${l}/∂${c} = ${p} ⊙ (−${t} ⊘ ${p} + 𝟏𝟏ᵀ) = −${t} + ${p} = ${p} − ${t}`;
}

export interface MatGradient {
  readonly wrt: string;
  readonly shape: Shape;
  /** ∂L/∂wrt written with the adjoints of later names (the notes' backprop form) */
  readonly formula: MatExpr;
  /** the same with every adjoint substituted: only forward names remain */
  readonly expanded: MatExpr;
  /** the steps this gradient needs, in order, ending with the shape statement */
  readonly steps: readonly MatStep[];
}

/** Substitute adjoint symbols by their formulas until only forward names remain. */
export function expand(e: MatExpr, d: MatDerivation, memo = new Map<string, MatExpr>()): MatExpr {
  const go = (x: MatExpr): MatExpr => {
    if (x.kind === 'grad') {
      const hit = memo.get(x.wrt);
      if (hit) return hit;
      const f = d.adjoints.get(x.wrt);
      if (!f) return x;
      const r = go(f);
      memo.set(x.wrt, r);
      return r;
    }
    return rebuild(x, go);
  };
  return tidy(go(e));
}

/** The same node with its operands mapped (shapes are re-inferred and cannot change). */
export function rebuild(x: MatExpr, f: (e: MatExpr) => MatExpr): MatExpr {
  switch (x.kind) {
    case 'mat': case 'num': case 'fill': case 'grad': return x;
    case 'matmul': return M.matmul(f(x.left), f(x.right));
    case 'add': return M.add(f(x.left), f(x.right));
    case 'sub': return M.sub(f(x.left), f(x.right));
    case 'hadamard': return M.hadamard(f(x.left), f(x.right));
    case 'hdiv': return M.hdiv(f(x.left), f(x.right));
    case 'ce': case 'bce': return M.loss(x.kind, f(x.pred), f(x.target));
    case 'scale': return M.scale(f(x.c), f(x.arg));
    case 'transpose': return M.transpose(f(x.arg));
    case 'neg': return M.neg(f(x.arg));
    case 'broadcast': return M.broadcast(f(x.arg), x.axis, x.axis === 'rows' ? x.shape.rows : x.shape.cols);
    case 'map': return M.map(x.fn, f(x.arg));
    case 'softmax': return M.softmax(f(x.arg), x.axis);
    case 'sum': return M.sum(f(x.arg), x.over);
    case 'inv': return M.inv(f(x.arg));
    case 'divdim': return M.divdim(f(x.arg), x.dims);
  }
}

function gradsIn(e: MatExpr, out: Set<string>): void {
  if (e.kind === 'grad') out.add(e.wrt);
  else for (const o of operands(e)) gradsIn(o, out);
}

/** The gradient of the loss with respect to one name, with the steps it needs. */
export function gradient(d: MatDerivation, wrt: string): MatGradient {
  const formula = d.adjoints.get(wrt);
  const shape = d.shapes.get(wrt);
  if (!shape) throw new ChainruleError('WRT_NOT_IN_EXPRESSION', `${wrt} does not occur in the matrix program.`);
  if (!formula) throw new ChainruleError('WRT_NOT_IN_EXPRESSION', `${wrt} does not reach the loss ${d.loss}: the gradient would be 0 because it is never used.`);
  const need = new Set<string>([wrt]);
  // the names whose adjoints this one is written with, transitively
  for (let grew = true; grew;) {
    grew = false;
    for (const s of d.steps) {
      if (s.lhs.kind === 'grad' && need.has(s.lhs.wrt)) {
        const refs = new Set<string>();
        gradsIn(s.rhs, refs);
        for (const r of refs) if (!need.has(r)) { need.add(r); grew = true; }
      }
    }
  }
  const steps = d.steps.filter((s) => s.lhs.kind === 'grad' && (need.has(s.lhs.wrt) || s.rule === 'tensor.seed'));
  const shapeStep: MatStep = Object.freeze({
    rule: 'tensor.gradient-shape', lhs: M.grad(d.loss, wrt, shape), rhs: formula,
    note: `${wrt} is ${showShape(shape)}, so ∂${d.loss}/∂${wrt} is ${showShape(shape)}: the gradient has the shape of the variable.`,
  });
  return { wrt, shape, formula, expanded: expand(formula, d), steps: [...steps, shapeStep] };
}

/** Every defined name replaced by its definition (for recognising a form such as Aᵀ(B − Aβ)). */
export function inlineDefinitions(e: MatExpr, program: MatProgram): MatExpr {
  const defs = new Map(program.definitions.map((d) => [d.name, d.expr]));
  const go = (x: MatExpr): MatExpr => {
    if (x.kind === 'mat') {
      const d = defs.get(x.name);
      return d ? go(d) : x;
    }
    return rebuild(x, go);
  };
  return tidy(go(e));
}
