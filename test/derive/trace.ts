// The trace invariants of ARCHITECTURE.md and src/trace/types.ts as one checker returning the
// violations in words (empty = all hold), for property and golden tests alike:
// the first step starts at the start, each step starts where the previous ended, the last ends at
// the result, no step is a no-op, each step's `from` is the node at `path` of `before` and its
// `after` is `before` with `to` put there, the rule id is `group.kebab-name` (diff.fn.BCE keeps the
// function's registry name); substeps obey the same within their step, proofs within themselves.
import { diff } from '../../src/ast/build.js';
import type { Expr } from '../../src/ast/nodes.js';
import { equal, nodeAt, replaceAt } from '../../src/ast/traverse.js';
import { toText } from '../../src/render/index.js';
import type { Derivation, Step } from '../../src/trace/types.js';

/** `group.kebab-name`, plus `diff.fn.<registry name>` (docs/rules.md). */
const RULE_ID = /^(diff|simp)\.([a-z0-9]+(-[a-z0-9]+)*|fn\.[A-Za-z][A-Za-z0-9_]*)$/;

const clip = (e: Expr): string => {
  const s = toText(e);
  return s.length > 160 ? `${s.slice(0, 160)}…` : s;
};

/** Violations of the invariants by `steps` going from `start` to `end`. */
export function stepProblems(steps: readonly Step[], start: Expr, end: Expr, where = 'step'): string[] {
  const out: string[] = [];
  if (steps.length === 0 && !equal(start, end)) out.push(`${where}s: none, yet the start ${clip(start)} differs from the end ${clip(end)}`);
  steps.forEach((s, i) => {
    const at = `${where} ${i + 1} (${s.rule})`;
    const prev = i === 0 ? start : steps[i - 1]!.after;
    if (!equal(s.before, prev)) {
      out.push(`${at}: before ${clip(s.before)} is not ${i === 0 ? 'the start' : 'the previous after'} ${clip(prev)}`);
    }
    if (equal(s.before, s.after)) out.push(`${at}: no-op, before = after = ${clip(s.after)}`);
    if (!RULE_ID.test(s.rule)) out.push(`${at}: rule id ${JSON.stringify(s.rule)} is not group.kebab-name`);
    let here: Expr | undefined;
    try {
      here = nodeAt(s.before, s.path);
    } catch {
      out.push(`${at}: path [${s.path.join(',')}] does not exist in before ${clip(s.before)}`);
    }
    if (here) {
      if (!equal(here, s.from)) out.push(`${at}: node at path [${s.path.join(',')}] is ${clip(here)}, from is ${clip(s.from)}`);
      const rebuilt = replaceAt(s.before, s.path, s.to);
      if (!equal(rebuilt, s.after)) out.push(`${at}: before with to at [${s.path.join(',')}] is ${clip(rebuilt)}, after is ${clip(s.after)}`);
    }
    if (s.substeps) {
      if (s.substeps.length === 0) out.push(`${at}: an empty substeps list`);
      out.push(...stepProblems(s.substeps, s.before, s.after, `${at} substep`));
    }
    if (s.proof) out.push(...derivationProblems(s.proof, `${at} proof`));
  });
  if (steps.length > 0 && !equal(steps[steps.length - 1]!.after, end)) {
    out.push(`${where} ${steps.length}: after ${clip(steps[steps.length - 1]!.after)} is not the end ${clip(end)}`);
  }
  return out;
}

/** Violations by a whole derivation: its start must be d/dwrt(input) (or the input) as well. */
export function derivationProblems(d: Derivation, where = 'step'): string[] {
  const out: string[] = [];
  const start = d.wrt === undefined ? d.input : diff(d.input, d.wrt);
  if (!equal(d.start, start)) out.push(`${where}: start ${clip(d.start)} is not ${clip(start)}`);
  // d/dx(input) is never its own result: at least the first differentiation rule must be a step
  if (d.wrt !== undefined && d.steps.length === 0) out.push(`${where}: a derivative without steps`);
  return [...out, ...stepProblems(d.steps, d.start, d.result, where)];
}

/** Every step and substep, depth first (for counting and for per-step checks). */
export function allSteps(steps: readonly Step[]): Step[] {
  return steps.flatMap((s) => [s, ...allSteps(s.substeps ?? [])]);
}
