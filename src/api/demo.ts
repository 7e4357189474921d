// `npm start`: the worked example of the golden case G1 (SEEDS.md): one neuron, sigmoid, binary
// cross-entropy, differentiated through its definitions as the notes do (local gradients,
// upstream gradients, the cancellation to y − ŷ), then as one expression with every step shown,
// every step checked numerically.
import { deriveCommand } from './commands.js';

export async function demo(): Promise<string> {
  const parts = [
    'chainrule — golden case G1: z = wx + b, y = σ(z), L = BCE(y, ŷ)\n',
    await deriveCommand('z = wx + b; y = σ(z); L = BCE(y, ŷ)', ['w', 'b'], undefined, 1, true, 'text', [], 'auto'),
    '\nThe same as one expression, rewrite by rewrite (--steps full; the default names the parts u = wx + b, s = σ(u)):\n',
    await deriveCommand('BCE(σ(wx+b), ŷ)', ['w'], undefined, 1, true, 'text', [], 'auto', undefined, 'full'),
  ];
  return parts.join('\n');
}
