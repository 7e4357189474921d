// The LaTeX lines a derivation through named parts adds to the chain's aligned block (the names
// introduced first, the gradients substituted back last), and the block of a `steps: "none"`
// response. Minimal on purpose: derivationText.ts (or derivationLatex.ts) places these lines.
import type { ResponseOf } from '../api/schema/index.js';
import { latexName } from '../ast/names.js';

type Derive = ResponseOf<'derive'>;
type Chained = Extract<Derive, { chain: unknown }>;
type ResultOnly = Exclude<Derive, { steps: unknown }>;

const partial = (of: string, wrt: string) => `\\frac{\\partial ${latexName(of)}}{\\partial ${latexName(wrt)}}`;

/** Lines before the upstream gradients (the parts) and after them (each gradient written out). */
export function partsLatex(r: Chained): { before: string[]; after: string[] } {
  if (!r.parts) return { before: [], after: [] };
  const before = r.parts.map((p) => `${latexName(p.name)} &= ${p.latex}`);
  const after: string[] = [];
  for (const [w, g] of Object.entries(r.chain.gradients)) {
    const d = g.substitution;
    if (!d) continue;
    const forms = [...new Set([d.start.latex, d.latex])];
    after.push(`${partial(r.chain.target, w)} &= ${[g.latex, ...forms].join(' = ')}`);
  }
  return { before, after };
}

/** `steps: "none"`: one line per variable. */
export function resultOnlyLatex(r: ResultOnly): string {
  const rows = r.gradient ? Object.entries(r.gradient) : [[r.wrt ?? 'x', { latex: r.latex }] as const];
  const lines = rows.map(([w, g]) => `\\frac{\\partial}{\\partial ${latexName(w)}} &= ${g.latex}`);
  return `\\begin{aligned}\n${lines.join(' \\\\\n')}\n\\end{aligned}\n`;
}
