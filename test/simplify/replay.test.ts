// A sub-tree equal to one already simplified in the same derivation takes the remembered steps
// again (src/simplify/replay.ts): they must be exactly the steps simplifying it afresh takes —
// same rules, labels, conditions, substeps, same keys in the same order, paths moved to its place.
import { describe, expect, it } from 'vitest';
import { add, call, mul } from '../../src/ast/build.js';
import type { Expr } from '../../src/ast/nodes.js';
import { mainExpr, parse } from '../../src/parse/index.js';
import { toText } from '../../src/render/index.js';
import { simplifyAt } from '../../src/simplify/simplify.js';
import { Recorder } from '../../src/trace/recorder.js';
import type { Step } from '../../src/trace/types.js';

const P = (s: string): Expr => mainExpr(parse(s));

/** A step as data: every key in order, trees printed, paths relative to `base` levels deep. */
function shape(s: Step, base: number): unknown {
  return Object.entries(s).map(([k, v]) => {
    if (k === 'path') return [k, (v as number[]).slice(base)];
    if (k === 'before' || k === 'after') return [k, 'whole'];
    if (k === 'substeps') return [k, (v as Step[]).map((x) => shape(x, base))];
    if (k === 'conditions') return [k, (v as Expr[]).map(toText)];
    if (k === 'bindings') return [k, Object.entries(v as Record<string, Expr>).map(([n, e]) => [n, toText(e)])];
    return [k, v && typeof v === 'object' && 'kind' in v ? toText(v as Expr) : v];
  });
}

const INNER = [
  '-(W2/(1 + exp(-(W1*X + b1))) + b2)',
  'w*x + b',
  '(1/3)*x/(x/3 + 2/3)',
  '-(y_hat/y - (1 - y_hat)/(1 - y))',
  'exp(-z)*(0 - 1)*(-1)/(1 + exp(-z))^2',
  'x*x + 0',
];

describe('simplifying an equal sub-tree again replays the same steps', () => {
  it.each(INNER)('%s, three separate copies inside calls', (src) => {
    // on its own: the steps simplifying it afresh takes (the whole expression is never replayed)
    const alone = new Recorder(call('exp', P(src)));
    simplifyAt(alone, [0]);
    // w*x + b takes no step: an unchanged copy is remembered as such
    expect(alone.steps.length === 0).toBe(src === 'w*x + b');
    // three copies parsed apart (equal, not the same nodes), each simplified where it stands
    const whole = add(call('exp', P(src)), mul(P('q'), call('log', P(src))), call('exp', P(src)));
    const rec = new Recorder(whole);
    for (const at of [[0, 0], [1, 1, 0], [2, 0]]) {
      const mark = rec.steps.length;
      simplifyAt(rec, at);
      const steps = rec.steps.slice(mark);
      expect(steps.map((s) => shape(s, at.length))).toEqual(alone.steps.map((s) => shape(s, 1)));
      expect(toText(rec.at(at))).toBe(toText(alone.at([0])));
    }
    // every step starts where the last ended
    for (let i = 1; i < rec.steps.length; i++) expect(rec.steps[i]!.before).toBe(rec.steps[i - 1]!.after);
  });
  it('Σ_i and Σ_j are not taken for one another (the index is printed in the steps)', () => {
    const a = P('Σ_i (0 + x_i)');
    const b = P('Σ_j (0 + x_j)');
    const rec = new Recorder(add(call('exp', a), call('exp', b)));
    simplifyAt(rec, [0, 0]);
    simplifyAt(rec, [1, 0]);
    expect(toText(rec.current)).toBe(toText(add(call('exp', P('Σ_i x_i')), call('exp', P('Σ_j x_j')))));
  });
});
