// `npm start`: a worked example of the golden case G1 (SEEDS.md), from notation to LaTeX and a
// value — what chainrule does today. The derivation steps join here as the engine grows.
import { evaluateProgram } from './ops.js';
import { parseAsync } from '../parse/index.js';
import { toLatex, toUnicode } from '../render/index.js';

export async function demo(): Promise<string> {
  const src = 'z = wx + b; y = σ(z); L = BCE(y, ŷ)';
  const p = await parseAsync(src);
  const out: string[] = ['chainrule — G1: one neuron, sigmoid, binary cross-entropy', '', `input: ${src}`, ''];
  for (const d of p.program.definitions) out.push(`  ${d.name} = ${toUnicode(d.expr)}        LaTeX: ${d.name} = ${toLatex(d.expr)}`);
  const at = new Map<string, string>([['w', '0.5'], ['x', '2'], ['b', '-0.5'], ['y_hat', '1']]);
  const v = evaluateProgram(p, at);
  out.push('', `at w = 0.5, x = 2, b = −0.5, ŷ = 1:  L = ${String(v['value'])}`);
  return out.join('\n') + '\n';
}
