// Simplifications of equal sub-trees, remembered per derivation and replayed step by step. A
// derivative holds many copies of one sub-tree that are equal but not the same node (σ written out
// as 1/(1 + e^(−u)) twice in the input, each copy differentiated apart): simplifying the argument u
// of every e^(−u) again took the same steps each time. simplifyAt reads only the sub-tree at its
// path and writes only under it, so the steps of an equal copy are the remembered steps with the
// path prefix changed; replaying them through the recorder makes the same Step objects' content
// (same before/after, same ids, labels, conditions, substeps) as simplifying again would.
import type { Expr } from '../ast/nodes.js';
import { structuralHash } from '../ast/hash.js';
import { identical } from '../ast/traverse.js';
import type { Recorder, StepMeta } from '../trace/recorder.js';
import type { Step } from '../trace/types.js';

interface Entry {
  /** the sub-tree as it was before simplifying */
  readonly from: Expr;
  /** the steps taken, their paths starting with `base` (the sub-tree's path then) */
  readonly steps: readonly Step[];
  readonly base: number;
}

/** Per recorder (one derivation) and per σ option: structural hash → the sub-trees simplified. */
const MEMO = new WeakMap<Recorder, Map<string, Map<number, Entry[]>>>();

function table(rec: Recorder, key: string): Map<number, Entry[]> {
  let byOpt = MEMO.get(rec);
  if (!byOpt) MEMO.set(rec, (byOpt = new Map()));
  let t = byOpt.get(key);
  if (!t) byOpt.set(key, (t = new Map()));
  return t;
}

/** The remembered simplification of a sub-tree equal to `e`, if any. */
export function recalled(rec: Recorder, key: string, e: Expr): Entry | undefined {
  const list = MEMO.get(rec)?.get(key)?.get(structuralHash(e));
  if (list) for (const x of list) if (identical(x.from, e)) return x;
  return undefined;
}

/** Remember that simplifying `e` at `path` took `steps` (the recorder's steps from `mark` on). */
export function remember(rec: Recorder, key: string, e: Expr, path: readonly number[], mark: number): void {
  const t = table(rec, key);
  const h = structuralHash(e);
  const list = t.get(h);
  const entry: Entry = { from: e, steps: rec.steps.slice(mark), base: path.length };
  if (list) list.push(entry);
  else t.set(h, [entry]);
}

/** A step's own fields (rule, label, bindings, conditions, …) in the order it holds them: the
 * recorder writes `{ bindings, ...meta, before, after, path, from, to }`, so passing them back
 * gives a step with its keys in the same order. */
function metaOf(s: Step): StepMeta {
  const { before: _b, after: _a, path: _p, from: _f, to: _t, substeps: _s, ...meta } = s;
  return meta;
}

/** Take the remembered steps again at `path`. */
export function replay(rec: Recorder, entry: Entry, path: readonly number[]): void {
  const at = (s: Step) => [...path, ...s.path.slice(entry.base)];
  const run = (steps: readonly Step[]) => {
    for (const s of steps) {
      if (s.substeps) rec.group(at(s), metaOf(s), () => run(s.substeps!));
      else rec.rewrite(at(s), s.to, metaOf(s));
    }
  };
  run(entry.steps);
}
