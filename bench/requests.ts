// Seeded random requests over every op, grammar-valid by construction (small sizes): what the
// fuzz test in `npm test` (test/fuzz/requests.test.ts) and the soak in `npm run bench`
// (bench/soak.ts) send. Same seed → same requests, so a failure is replayed from its seed.
import { mulberry32, type Rng } from '../src/numeric/random.js';

/** The project's seeded generator (mulberry32, src/numeric/random.ts), uniform in [0, 1). */
export const rng = (seed: number): Rng => mulberry32(seed);

const SYMBOLS = ['x', 'y', 'w', 'b'];
const FUNCTIONS = ['sin', 'cos', 'exp', 'log', 'tanh', 'σ', 'sqrt', 'abs', 'relu'];
const OPS = ['parse', 'evaluate', 'latex', 'derive', 'simplify', 'verify', 'graph', 'descend'] as const;
export type FuzzOp = (typeof OPS)[number];

/** A random expression as text, at most `depth` operators deep. */
export function randomExpr(r: () => number, depth: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  if (depth <= 0 || r() < 0.25) {
    const u = r();
    if (u < 0.6) return pick(SYMBOLS);
    if (u < 0.85) return String(1 + Math.floor(r() * 9));
    return pick(['0.5', '1/3', '2.25', 'e', 'π']);
  }
  const sub = () => randomExpr(r, depth - 1);
  switch (Math.floor(r() * 7)) {
    case 0:
      return `${sub()} + ${sub()}`;
    case 1:
      return `(${sub()}) - (${sub()})`;
    case 2:
      return `(${sub()})*(${sub()})`;
    case 3:
      return `(${sub()})/(${sub()})`;
    case 4:
      return `(${sub()})^${r() < 0.7 ? String(1 + Math.floor(r() * 4)) : pick(SYMBOLS)}`;
    case 5:
      return `-(${sub()})`;
    default:
      return `${pick(FUNCTIONS)}(${sub()})`;
  }
}

const usedSymbols = (text: string): string[] => SYMBOLS.filter((s) => new RegExp(`\\b${s}\\b`).test(text));
const point = (r: () => number, syms: readonly string[]): Record<string, number> => Object.fromEntries(syms.map((s) => [s, Math.round((r() * 4 - 1) * 8) / 8 || 0.5]));

/** One random request (without id) for `op`, or for a random op. */
export function randomRequest(r: () => number, op?: FuzzOp, depth = 3): Record<string, unknown> {
  const o = op ?? OPS[Math.floor(r() * OPS.length)]!;
  const expr = randomExpr(r, depth);
  const syms = usedSymbols(expr);
  const wrt = syms.length ? syms[Math.floor(r() * syms.length)]! : 'x';
  switch (o) {
    case 'parse':
    case 'latex':
      return { op: o, expr };
    case 'evaluate':
      return { op: o, expr, at: point(r, syms) };
    case 'simplify':
      return { op: o, expr, check: r() < 0.5 };
    case 'derive':
      return { op: o, expr, wrt, ...(r() < 0.3 ? { check: false } : {}) };
    case 'verify':
      return { op: o, problem: { expr, wrt }, answer: r() < 0.5 ? randomExpr(r, 2) : `d/d${wrt}(${expr})` };
    case 'graph':
      return { op: o, expr, at: point(r, syms), ...(r() < 0.3 ? { granularity: 'primitive' } : {}) };
    case 'descend': {
      const loss = `(w*${randomExpr(r, 1)} + b - 1)^2`;
      return { op: o, expr: loss, start: point(r, usedSymbols(loss)), rate: 0.01, steps: 1 + Math.floor(r() * 5) };
    }
  }
}

export const FUZZ_OPS: readonly FuzzOp[] = OPS;
