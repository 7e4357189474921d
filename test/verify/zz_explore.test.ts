import { it } from 'vitest';
import { parseAsync, mainExpr, canonicalSymbol } from '/work/main/src/parse/index.js';
import { derive } from '/work/main/src/derive/derive.js';
import { toText, toLatex } from '/work/main/src/render/index.js';
import { checkEquivalent } from '/work/main/src/check/index.js';
const probs: [string, string][] = [
  ['BCE(σ(w x + b), ŷ)', 'w'], ['BCE(σ(w x + b), ŷ)', 'b'], ['BCE(y, ŷ)', 'y'], ['σ(z)', 'z'], ['1/(1+e^(-z))', 'z'],
  ['BCE(σ(w0 + w1 x1 + w2 x2), y)', 'w1'], ['-log(σ(z))', 'z'], ['(y - (a x + b))^2', 'a'], ['log(x/3 + 2/3)', 'x'],
  ['(x+1)^2', 'x'], ['x^2 + 2x + 1', 'x'], ['BCE(σ(W2 a1 + b2), y)', 'W2'], ['BCE(σ(W2 σ(W1 X + b1) + b2), y)', 'W1'],
  ['(1/m) BCE(σ(w x + b), y)', 'w'], ['MSE(w x + b, y)', 'w'], ['x sin(x)', 'x'], ['x^3', 'x'],
  ['-t1 log(e^(x1)/(e^(x1)+e^(x2)+e^(x3))) - t2 log(e^(x2)/(e^(x1)+e^(x2)+e^(x3)))', 'x1'],
];
it('explore', async () => {
  for (const [p, w] of probs) {
    const e = mainExpr(await parseAsync(p));
    const d = derive(e, canonicalSymbol(w));
    console.log(p, '|', w, '=>', toText(d.result), '   LaTeX:', toLatex(d.result));
  }
  const l = mainExpr(await parseAsync('\\frac{x}{\\hat{y}} \\sigma(wx+b)(1-\\sigma(wx+b))'));
  console.log(toText(l));
});
