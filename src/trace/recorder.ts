// The step recorder: holds the whole current expression and appends one Step per rewrite, so
// the trace invariants hold by construction — each step starts where the last ended, and a
// rewrite that changes nothing is not recorded. `group` bundles the rewrites made inside it into
// ONE textbook step whose substeps are the fine trace.
import type { Expr } from '../ast/nodes.js';
import { checkBudget } from '../ast/budget.js';
import { equal, nodeAt, replaceAt } from '../ast/traverse.js';
import { ChainruleError } from '../errors.js';
import type { Step } from './types.js';

/** Most steps one derivation may take: a 64-layer network through definitions needs a few
 * thousand; past this the input is treated as too large rather than letting it run on. */
export const MAX_STEPS = 50_000;

export type StepMeta = Omit<Step, 'before' | 'after' | 'path' | 'from' | 'to' | 'bindings'> & { bindings?: Step['bindings'] };

export class Recorder {
  readonly steps: Step[] = [];
  private count = 0;
  constructor(public current: Expr) {}

  at(path: readonly number[]): Expr {
    return nodeAt(this.current, path);
  }

  /** Replace the node at `path` by `to`; records a step unless nothing changes. */
  rewrite(path: readonly number[], to: Expr, meta: StepMeta): boolean {
    const from = this.at(path);
    if (from === to || equal(from, to)) return false;
    checkBudget('deriving', this.count + 1);
    if (++this.count > MAX_STEPS) throw new ChainruleError('TOO_MANY_NODES', `The derivation needs more than ${MAX_STEPS} steps.`);
    const before = this.current;
    const after = replaceAt(before, path, to);
    this.steps.push(makeStep(meta, before, after, path, from, to));
    this.current = after;
    return true;
  }

  /** Run `body`; the steps it records become the substeps of one step `meta` (if any). */
  group(path: readonly number[], meta: StepMeta, body: () => void): boolean {
    const mark = this.steps.length;
    const before = this.current;
    const from = this.at(path);
    body();
    const inner = this.steps.splice(mark);
    if (inner.length === 0) return false;
    if (inner.length === 1 && !meta.substeps) {
      this.steps.push(inner[0]!);
      return true;
    }
    this.steps.push(makeStep(meta, before, this.current, path, from, this.at(path), inner));
    return true;
  }
}

/** One step object, its fields always assigned in one order (a literal spreading `meta` took a
 * different object shape per call site: ~7 % of a small derivation's samples, self time).
 * Optional fields are left out when absent, as before. */
function makeStep(meta: StepMeta, before: Expr, after: Expr, path: readonly number[], from: Expr, to: Expr, substeps?: Step[]): Step {
  const step: { -readonly [K in keyof Step]: Step[K] } = {
    bindings: meta.bindings ?? {},
    rule: meta.rule,
    label: meta.label,
    before,
    after,
    path: path.slice(),
    from,
    to,
  };
  if (meta.justification !== undefined) step.justification = meta.justification;
  if (meta.conditions !== undefined) step.conditions = meta.conditions;
  if (meta.proof !== undefined) step.proof = meta.proof;
  if (substeps !== undefined) step.substeps = substeps;
  else if (meta.substeps !== undefined) step.substeps = meta.substeps;
  return step;
}
