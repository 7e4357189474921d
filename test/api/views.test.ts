// The notations a derivation response is printed in (src/api/views.ts): the CLI's text output asks
// for Unicode only and its LaTeX output for LaTeX only; every other field is the full response's,
// and a request running beside it in the same process (no views asked) gets every notation.
import { describe, expect, it } from 'vitest';
import { runOp } from '../../src/api/run.js';
import { printedIn } from '../../src/api/views.js';

/** Every string at a key `k` (at any depth) of a JSON value, in document order. */
function stringsAt(v: unknown, k: string, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) stringsAt(x, k, out);
  else if (v && typeof v === 'object') {
    for (const [key, x] of Object.entries(v)) {
      if (key === k && typeof x === 'string') out.push(x);
      else stringsAt(x, k, out);
    }
  }
  return out;
}

/** The response with every string under `notation` keys (and the LaTeX-only fields) blanked. */
function without(v: unknown, keys: readonly string[]): unknown {
  if (Array.isArray(v)) return v.map((x) => without(x, keys));
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, keys.includes(k) ? blank(x) : without(x, keys)]));
  }
  return v;
}
const blank = (x: unknown): unknown => (typeof x === 'string' ? '' : Array.isArray(x) ? x.map(blank) : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).map(([k, y]) => [k, blank(y)])) : x);

const REQUESTS = [
  { expr: 'BCE(σ(wx+b), ŷ)', wrt: 'w' },
  { expr: 'BCE(σ(wx+b), ŷ)', wrt: 'w', steps: 'full' },
  { expr: 'z = wx + b; y = σ(z); L = BCE(y, ŷ)', wrt: ['w', 'b'] },
  { expr: 'log(x/3 + 2/3)', wrt: 'x', steps: 'none' },
];

describe('response views', () => {
  it.each(REQUESTS)('the text view: no LaTeX printed, everything else as in the full response ($expr)', async (req) => {
    const full = await runOp('derive', req);
    const text = await printedIn({ unicode: true, latex: false }, () => runOp('derive', req));
    expect(stringsAt(full, 'latex').some((s) => s.length > 0)).toBe(true);
    // the σ′ proof is printed whole whatever the view (its length is charged at each later use)
    const proofless = (r: unknown) => without(JSON.parse(JSON.stringify(r, (k, x) => (k === 'proof' ? undefined : x))), ['latex', 'justification', 'conditionsLatex']);
    expect(proofless(text)).toEqual(proofless(full));
    // no expression printed in LaTeX: at most the separators of a line built from several (` = `, `,\ `)
    const latex = stringsAt(JSON.parse(JSON.stringify(text, (k, x) => (k === 'proof' ? undefined : x))), 'latex');
    expect(latex.filter((s) => s.replace(/[\s=,\\]/g, '') !== '')).toEqual([]);
  });

  it('the LaTeX view: no Unicode printed, the LaTeX as in the full response', async () => {
    const req = REQUESTS[2]!;
    const full = await runOp('derive', req);
    const latex = await printedIn({ unicode: false, latex: true }, () => runOp('derive', req));
    expect(stringsAt(latex, 'latex')).toEqual(stringsAt(full, 'latex'));
    expect(stringsAt(latex, 'unicode').every((s) => s === '')).toBe(true);
    expect(stringsAt(full, 'unicode').every((s) => s.length > 0)).toBe(true);
  });

  it('a request beside a view-limited one, in the same process, gets every notation', async () => {
    const req = REQUESTS[0]!;
    const alone = JSON.stringify(await runOp('derive', req));
    const [limited, beside] = await Promise.all([printedIn({ unicode: true, latex: false }, () => runOp('derive', req)), runOp('derive', req)]);
    expect(JSON.stringify(beside)).toBe(alone);
    expect(JSON.stringify(limited)).not.toBe(alone);
  });
});
