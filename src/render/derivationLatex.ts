// The LaTeX form of a derive/simplify response (the CLI's `--format latex`): an `aligned` block,
// one line per step with its rule as \text{…}. Built from the op's typed response
// (ResponseOf<'derive'> / <'simplify'>), so it shows exactly what the API returns.
import type { ResponseOf } from '../api/schema/index.js';
import { latexName } from '../ast/names.js';

type Derive = ResponseOf<'derive'>;
type Simplify = ResponseOf<'simplify'>;
/** A derivation response (one expression, or simplify). */
type Derivation = Simplify;
type Chained = Extract<Derive, { chain: unknown }>;
/** What the printer reads of a step (the step schema nests; every level has these). */
interface StepView {
  readonly rule: string;
  readonly label: string;
  readonly latex?: { readonly before: string; readonly after: string };
}

const isChain = (r: Derive | Simplify): r is Chained => 'chain' in r && r.chain !== undefined;

function texLabel(s: string): string {
  // \text{} content: escape the characters TeX treats specially
  return s.replace(/[\\{}$&#^_%~]/g, (c) => `\\${c === '\\' ? 'textbackslash ' : c}`).replace(/[^\x20-\x7e]/g, '');
}

/** The LaTeX form: an aligned block, the start then one `&= …` line per step. */
export function formatLatex(r: Derive | Simplify): string {
  const gradient = (r as { gradient?: Readonly<Record<string, Derivation>> }).gradient;
  if (!isChain(r) && gradient && Object.keys(gradient).length > 1) {
    // a gradient: one aligned block per component, each headed by its variable
    return Object.entries(gradient)
      .map(([w, g]) => `\\frac{\\partial}{\\partial ${latexName(w)}}\\colon\n${formatLatex(g)}`)
      .join('\n');
  }
  const lines: string[] = [];
  if (!isChain(r)) {
    const d = r as Derivation;
    const steps = d.steps as readonly StepView[];
    const start = steps[0] ? steps[0].latex!.before : d.latex;
    steps.forEach((s, i) => lines.push(`${i === 0 ? start + ' ' : ''}&= ${s.latex!.after} && \\text{${texLabel(s.label)}}`));
    if (steps.length === 0) lines.push(`${start}`);
  } else {
    const target = r.chain.target;
    for (const a of r.chain.adjoints) {
      const start = a.derivation.start.latex;
      lines.push(`\\frac{\\partial ${latexName(target)}}{\\partial ${latexName(a.name)}} &= ${start}${start === a.latex ? '' : ` = ${a.latex}`}`);
    }
  }
  return `\\begin{aligned}\n${lines.join(' \\\\\n')}\n\\end{aligned}\n`;
}
