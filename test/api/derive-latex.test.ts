// Every LaTeX string a derivation's JSON carries (steps, justifications, conditions, proofs,
// chain results) and every math part of the CLI's LaTeX form (display blocks, `$…$` in its text
// lines) pass KaTeX with strict: 'error'.
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { OPS } from '../../src/api/ops.js';
import { latexParts } from '../../src/render/derivationLatex.js';

function latexStrings(v: unknown, key = '', out: string[] = []): string[] {
  if (typeof v === 'string') {
    if (/latex|justification/i.test(key)) out.push(v);
  } else if (Array.isArray(v)) for (const x of v) latexStrings(x, key, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) latexStrings(x, /latex|justification/i.test(key) ? key : k, out);
  return out;
}

const REQUESTS: Array<Record<string, unknown>> = [
  { op: 'derive', expr: 'BCE(σ(wx+b), ŷ)', wrt: 'w' },
  { op: 'derive', expr: 'z = wx + b; y = σ(z); L = BCE(y, ŷ)', wrt: ['w', 'b'] },
  { op: 'derive', expr: 'z1 = W1 X + b1; a1 = σ(z1); z2 = W2 a1 + b2; a2 = σ(z2); L = BCE(a2, y)', wrt: ['W_1'] },
  { op: 'derive', expr: 'e^x/(e^x+1)', wrt: 'x' },
  { op: 'derive', expr: '(x^3 + x)^(5x + 2)', wrt: 'x' },
  { op: 'derive', expr: 'asec(2x) + relu(x) + MSE(w x, y) + tanh(x) + log10(x)', wrt: 'x' },
  { op: 'simplify', expr: '((1−y)/(1−s) − y/s)·s(1−s)' },
];

describe('LaTeX in derivations', () => {
  it.each(REQUESTS.map((r) => [JSON.stringify(r), r] as const))('%s', async (_l, req) => {
    const res = await OPS[req['op'] as string]!(req);
    const all = latexStrings(res);
    expect(all.length).toBeGreaterThan(3);
    for (const s of all) expect(() => katex.renderToString(s, { throwOnError: true, strict: 'error' }), s).not.toThrow();
    const parts = latexParts(res as Parameters<typeof latexParts>[0]);
    const maths = parts.flatMap((p) => ('math' in p ? [p.math] : [...p.text.matchAll(/\$([^$]*)\$/g)].map((m) => m[1]!)));
    expect(maths.length).toBeGreaterThan(0);
    for (const s of maths) expect(() => katex.renderToString(s, { displayMode: true, throwOnError: true, strict: 'error' }), s).not.toThrow();
  });
});
