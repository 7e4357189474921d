// Tidy up: the local rules of src/rules/simp.ts (×1, +0, signs, folding numbers) to a fixpoint,
// bottom-up, as ONE textbook step whose substeps are the fine rewrites. A pure walk logs each
// rewrite with its path, then the log is replayed through the recorder (each fine step has its
// before and after); sub-trees known to be fixed points are remembered by identity.
import type { Expr } from '../ast/nodes.js';
import { childNodes } from '../ast/hash.js';
import { children, withChildren } from '../ast/traverse.js';
import { PHASE_STEP } from '../rules/registry.js';
import { applySimpRule } from '../rules/simp.js';
import type { Recorder } from '../trace/recorder.js';

const TIDY = PHASE_STEP.tidy;

/** Local rules to a fixpoint, bottom-up; one textbook step "tidy up" with the fine trace. */
export function tidy(rec: Recorder, path: readonly number[]): void {
  rec.group(path, { rule: TIDY.id, label: TIDY.label, bindings: {} }, () => {
    for (let pass = 0; pass < 8; pass++) {
      const log: Rewrite[] = [];
      const out = tidyTree(rec.at(path), undefined, -1, log);
      if (log.length === 0) break;
      // replay on the whole expression, in order, so every fine step has its before and after
      for (const r of log) rec.rewrite([...path, ...r.path], r.to, { rule: r.rule, label: r.label, bindings: {} });
      // the replayed tree is the walk's result rebuilt (equal in structure): when that result is
      // known to be a fixed point, another pass would log nothing, so it is not walked again
      if (TIDY_FIXED.has(out)) {
        TIDY_FIXED.add(rec.at(path));
        break;
      }
    }
  });
}

interface Rewrite {
  readonly path: readonly number[];
  readonly to: Expr;
  readonly rule: string;
  readonly label: string;
}

/** The tidied tree, bottom-up, logging each rewrite with its path relative to the subtree
 * (a pure walk: no look-ups from the root per node, which made large derivations quadratic).
 * The path is a chain of links, made into an array only for a rewrite logged (most nodes have
 * none, and an array per node visited was a good part of tidy's time). */
function tidyTree(e: Expr, up: PathLink | undefined, i: number, log: Rewrite[]): Expr {
  // no rule rewrites a leaf (src/rules/simp.ts): no look-up, no mark
  if (e.kind === 'num' || e.kind === 'sym' || e.kind === 'const') return e;
  if (TIDY_FIXED.has(e)) return e;
  // this node's link (i < 0: the subtree's root), made only for a node that is walked
  const path = i < 0 ? undefined : { up, i };
  const mark = log.length;
  const kids = children(e);
  // the tidied children, made only once one of them changes
  let next: Expr[] | undefined;
  for (let k = 0; k < kids.length; k++) {
    const kid = kids[k]!;
    const t = tidyTree(kid, path, k, log);
    if (t !== kid && !next) next = kids.slice(0, k);
    if (next) next.push(t);
  }
  let cur: Expr = next ? withChildren(e, next) : e;
  let at: readonly number[] | undefined;
  let settled = false;
  for (let guard = 0; guard < 64; guard++) {
    const hit = applySimpRule(cur);
    if (!hit) {
      settled = true;
      break;
    }
    at ??= pathOf(path);
    log.push({ path: at, to: hit.after, rule: hit.rule.id, label: hit.rule.label });
    cur = hit.after;
  }
  if (log.length === mark) TIDY_FIXED.add(e);
  // a rewritten node is a fixed point too when no rule applies to it and its children are ones
  // (the children of a rule's result may be new nodes, not yet known: then it is not marked)
  else if (settled && allFixed(childNodes(cur))) TIDY_FIXED.add(cur);
  return cur;
}

/** Every node is a leaf or a sub-tree no local rule rewrites. */
function allFixed(kids: readonly Expr[]): boolean {
  for (const k of kids) if (!(k.kind === 'num' || k.kind === 'sym' || k.kind === 'const' || TIDY_FIXED.has(k))) return false;
  return true;
}

/** A path from the subtree's root, innermost index last, as links from the node upward. */
interface PathLink {
  readonly up: PathLink | undefined;
  readonly i: number;
}
function pathOf(link: PathLink | undefined): number[] {
  const out: number[] = [];
  for (let l = link; l; l = l.up) out.push(l.i);
  return out.reverse();
}
/** Sub-trees no local rule rewrites (anywhere inside), by identity: shared sub-trees are walked once. */
const TIDY_FIXED = new WeakSet<Expr>();
