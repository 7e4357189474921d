// A derivation's checks evaluated together on one stream of points (src/check/shared.ts): each
// step's verdict is the one its own check gives on that stream (the shared stamps change no value),
// a wrong step among right ones is still refuted, and the verdicts are deterministic.
import { describe, expect, it } from 'vitest';
import { diff, int, mul } from '../../src/ast/build.js';
import { checkDerivation, checkEquivalent, type Verdict } from '../../src/check/index.js';
import { derive } from '../../src/derive/derive.js';
import { mainExpr, parse } from '../../src/parse/index.js';
import type { Derivation, Step } from '../../src/trace/types.js';

const P = (s: string) => mainExpr(parse(s));
const flat = (steps: readonly Step[]): Step[] => steps.flatMap((s) => [s, ...flat(s.substeps ?? [])]);
const verdicts = (c: ReturnType<typeof checkDerivation>): Verdict[] => {
  const out: Verdict[] = [];
  const walk = (cs: typeof c.steps): void =>
    cs.forEach((s) => {
      out.push(s.verdict);
      walk(s.substeps ?? []);
    });
  walk(c.steps);
  return out;
};
const json = (x: unknown) => JSON.parse(JSON.stringify(x));

const CASES: [string, string][] = [
  ['BCE(σ(w*x + b), y)', 'w'],
  ['x^2*sin(x)/(1 + exp(-x))', 'x'],
  ['log(1 + exp(a*b))*tanh(b)', 'b'],
  ['sqrt(x^2 + 1)*log(x)', 'x'],
];

describe('a derivation checked on one stream of points', () => {
  it.each(CASES)("%s by %s: each step's verdict is its own check's on the same stream", (e, v) => {
    const d = derive(P(e), v);
    // with a seed given, every check of the derivation and a check on its own read the same stream
    const together = checkDerivation(d, { seed: 12345 });
    const alone = flat(d.steps).map((s) => checkEquivalent(s.before, s.after, { seed: 12345, domain: [d.input] }));
    expect(json(verdicts(together))).toEqual(json(alone));
    expect(json(together.result)).toEqual(json(checkEquivalent(diff(d.input, v), d.result, { seed: 12345, domain: [d.input, d.input] })));
  });

  it.each(CASES)('%s by %s: deterministic, and verified', (e, v) => {
    const d = derive(P(e), v);
    const a = checkDerivation(d);
    expect(json(checkDerivation(d))).toEqual(json(a));
    expect(a.status).toBe('verified');
  });

  it('a wrong step among right ones is refuted, the others still verified', () => {
    const d = derive(P('x^2*sin(x)/(1 + exp(-x))'), 'x');
    const k = Math.floor(d.steps.length / 2);
    // step k claims twice its true after; the steps around it are unchanged
    const bad: Derivation = { ...d, steps: d.steps.map((s, i) => (i === k ? { ...s, after: mul(int(2), s.after) } : s)) };
    const c = checkDerivation(bad);
    expect(c.status).toBe('refuted');
    expect(c.steps[k]!.verdict.status).toBe('refuted');
    expect(c.steps.filter((s, i) => i !== k && s.verdict.status !== 'verified')).toEqual([]);
  });
});
