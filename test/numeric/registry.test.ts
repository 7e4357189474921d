// Every function spec in the registry, sampled numerically (the Herbie test-rules idea): the walk
// and the compiled code give spec.eval inside the domain and DOMAIN / NaN outside it, and every
// partial derivative in the spec matches a central finite difference of spec.eval.
import { describe, expect, it } from 'vitest';
import { call, sym } from '../../src/ast/build.js';
import { compile, evaluate } from '../../src/numeric/index.js';
import { FUNCTIONS, type FunctionSpec } from '../../src/functions/index.js';

/** Candidate arguments: both signs, inside and outside (−1, 1), avoiding 0 and ±1 where
 * abs/relu/sign/heaviside/cbrt are not differentiable and the inverse functions have edges. */
const CANDIDATES = [-3, -1.5, -0.7, -0.2, 0.3, 0.6, 0.9, 1.2, 2.5, 4];
/** Second arguments (labels, targets): the two classes and one soft label. */
const SECOND = [0, 0.3, 1];
/** Points that must be OUTSIDE a domain that excludes them (boundaries included). */
const EDGES = [0, 1, -1];

function points(spec: FunctionSpec): number[][] {
  return spec.arity === 1 ? CANDIDATES.map((a) => [a]) : CANDIDATES.flatMap((a) => SECOND.map((t) => [a, t]));
}
const inDomain = (spec: FunctionSpec, p: number[]) => spec.domain?.(...p) ?? true;
const argSyms = (spec: FunctionSpec) => spec.params.map((_, i) => sym(`a_${i}`));
const bind = (p: number[]) => Object.fromEntries(p.map((v, i) => [`a_${i}`, v]));
const names = (spec: FunctionSpec) => spec.params.map((_, i) => `a_${i}`);

describe.each(FUNCTIONS.map((s) => [s.name, s] as const))('%s', (_name, spec) => {
  const tree = call(spec.name, ...argSyms(spec));
  const good = points(spec).filter((p) => inDomain(spec, p));
  const bad = [...points(spec), ...EDGES.map((a) => (spec.arity === 1 ? [a] : [a, 1]))].filter((p) => !inDomain(spec, p));

  it('has enough sample points inside its domain', () => {
    expect(good.length).toBeGreaterThanOrEqual(3);
  });

  it('evaluates to spec.eval inside its domain, walked and compiled', () => {
    const f = compile(tree, names(spec));
    for (const p of good) {
      const want = spec.eval(...p);
      expect(Number.isFinite(want)).toBe(true);
      expect(evaluate(tree, bind(p))).toEqual({ ok: true, value: want });
      expect(f(p)).toBe(want);
    }
  });

  it.runIf(spec.domain !== undefined)('reports DOMAIN outside its domain (and the compiled code NaN)', () => {
    expect(bad.length).toBeGreaterThan(0);
    const f = compile(tree, names(spec));
    for (const p of bad) {
      const r = evaluate(tree, bind(p));
      expect(r.ok, `${spec.name}(${p.join(', ')})`).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe('DOMAIN');
        expect(r.message).toContain(`${spec.name} is undefined at`);
        expect(r.message).toContain(spec.domainText!);
        expect(r.node).toBe(tree);
      }
      expect(f(p)).toBeNaN();
    }
  });

  it('has partials that match a central finite difference of spec.eval', () => {
    expect(spec.partials).toHaveLength(spec.arity);
    spec.partials.forEach((partial, i) => {
      const d = partial(argSyms(spec));
      let checked = 0;
      for (const p of good) {
        // h ∝ |x|: truncation error O(h²) ≈ 1e-10 and rounding error ε/h ≈ 1e-11, both far
        // below the 1e-6 tolerance. Points whose ±h neighbours leave the domain are skipped.
        const h = 1e-5 * Math.max(1, Math.abs(p[i]!));
        const at = (dx: number) => p.map((v, j) => (j === i ? v + dx : v));
        if (!inDomain(spec, at(h)) || !inDomain(spec, at(-h))) continue;
        const fd = (spec.eval(...at(h)) - spec.eval(...at(-h))) / (2 * h);
        const r = evaluate(d, bind(p));
        checked++;
        expect(r.ok, `∂${spec.name}/∂${spec.params[i]} at ${p.join(', ')}`).toBe(true);
        if (r.ok) {
          expect(Math.abs(r.value - fd), `∂${spec.name}/∂${spec.params[i]} at ${p.join(', ')}: ${r.value} vs ${fd}`)
            .toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(fd)));
        }
      }
      expect(checked, `∂${spec.name}/∂${spec.params[i]}: points checked`).toBeGreaterThanOrEqual(3);
    });
  });
});
