// Property: random well-shaped matrix programs (fast-check seeds a small generator of trees over
// products, transposes, broadcasts, ⊙, σ, tanh, exp, softmax, sums) — every step of their
// derivation is verified against finite differences at m = 1 and m = 4, and every step has the
// shape of its variable. Failures print the seed and the program.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32, type Rng } from '../../src/numeric/random.js';
import * as M from '../../src/tensor/expr.js';
import { checkMatrixSteps, deriveAll, matrixUnicode, type MatExpr } from '../../src/tensor/index.js';
import { type Dim, shape, type Shape, showShape } from '../../src/tensor/shape.js';

const DIMS: Dim[] = ['m', 2, 3];
const inputs = new Map<string, Shape>();
for (const r of [...DIMS, 1]) for (const c of [...DIMS, 1]) inputs.set(`X${r}${c}`, shape(r, c));
inputs.set('T', shape('m', 3));

function gen(rng: Rng, s: Shape, depth: number): MatExpr {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const leaf = () => M.mat(`X${s.rows}${s.cols}`, s);
  if (depth === 0 || rng() < 0.25) return leaf();
  const d = depth - 1;
  const options: (() => MatExpr)[] = [
    () => M.map(pick(['sigmoid', 'tanh'] as const), gen(rng, s, d)),
    () => M.hadamard(gen(rng, s, d), gen(rng, s, d)),
    () => M.add(gen(rng, s, d), gen(rng, s, d)),
    () => M.sub(gen(rng, s, d), gen(rng, s, d)),
    () => M.scale(M.num(pick([2, -0.5])), gen(rng, s, d)),
    () => { const k = pick(DIMS); return M.matmul(gen(rng, shape(s.rows, k), d), gen(rng, shape(k, s.cols), d)); },
    () => M.transpose(gen(rng, shape(s.cols, s.rows), d)),
    () => M.softmax(gen(rng, s, d), pick(['rows', 'cols'] as const)),
    () => M.map('exp', M.scale(M.num(0.5), gen(rng, s, d))),
  ];
  if (s.rows === 'm') options.push(() => M.broadcast(gen(rng, shape(1, s.cols), d), 'rows', 'm'));
  if (s.rows === 1 && s.cols !== 1) options.push(() => M.sum(gen(rng, shape('m', s.cols), d), 'rows'));
  return pick(options)();
}

function program(seed: number) {
  const rng = mulberry32(seed);
  const body = gen(rng, shape('m', 3), 3);
  const loss = rng() < 0.5 ? M.sum(body, 'all') : M.loss('ce', M.softmax(body), M.mat('T', shape('m', 3)));
  const a = M.mat('a', body.shape);
  // half the time through a named definition, so adjoints of names are checked too
  const definitions = rng() < 0.5
    ? [{ name: 'a', expr: body }, { name: 'L', expr: loss.kind === 'sum' ? M.sum(a, 'all') : M.loss('ce', M.softmax(a), M.mat('T', shape('m', 3))) }]
    : [{ name: 'L', expr: loss }];
  return { definitions, inputs };
}

describe('random matrix programs', () => {
  it('every step is verified at m = 1 and m = 4 and has the shape of its variable', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const p = program(seed);
        const d = deriveAll(p, 'L');
        const c = checkMatrixSteps(p, d, d.steps);
        for (const s of c.steps) {
          const what = `${matrixUnicode(s.step.lhs)} = ${matrixUnicode(s.step.rhs)} in L = ${matrixUnicode(p.definitions.at(-1)!.expr)}`;
          expect(s.status, what).toBe('verified');
          if (s.step.lhs.kind === 'grad') expect(showShape(s.step.rhs.shape), what).toBe(showShape(d.shapes.get(s.step.lhs.wrt)!));
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000); // a budget for a loaded machine, not a speed assertion (400 runs took 4 s idle)
});
