// The derive op's `steps` field (docs/api.md): textbook (default) derives one expression that
// nests or repeats through named parts and says which names it introduced; full is the
// rewrite-by-rewrite trace; none is the result and its check only. The result is the same at
// every level, every response matches the response schema, and the CLI takes --steps / --detail.
import { Writable, Readable } from 'node:stream';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/api/cliMain.js';
import { runOp } from '../../src/api/run.js';
import { OP_SCHEMAS } from '../../src/api/schema/index.js';

const G1E = 'BCE(σ(wx+b), ŷ)';
const G1 = 'z = wx + b; y = σ(z); L = BCE(y, ŷ)';
// biome-ignore lint/suspicious/noExplicitAny: responses are read field by field, as JSON
type J = Record<string, any>;
const size = (r: unknown) => JSON.stringify(r).length;
const valid = (r: unknown) => [...Value.Errors(OP_SCHEMAS.derive.response, JSON.parse(JSON.stringify(r)))].slice(0, 3);

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = new Writable({
    write: (c, _e, cb) => {
      out += String(c);
      cb();
    },
  });
  const code = await main(args, { stdin: Readable.from([]), stdout, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

describe('derive: steps', () => {
  it('textbook (the default): G1 as one expression through u = wx + b, s = σ(u), L = BCE(s, ŷ)', async () => {
    const r = (await runOp('derive', { expr: G1E, wrt: 'w' })) as J;
    expect(valid(r)).toEqual([]);
    expect(r['parts']).toEqual([
      { name: 'u', text: 'w*x + b', unicode: 'wx + b', latex: 'wx + b' },
      { name: 's', text: 'sigmoid(u)', unicode: 'σ(u)', latex: '\\sigma(u)' },
      { name: 'L', text: 'BCE(s, y_hat)', unicode: 'BCE(s, ŷ)', latex: '\\operatorname{BCE}(s, \\hat{y})' },
    ]);
    expect(r['result']).toBe('(sigmoid(w*x + b) - y_hat)*x');
    expect(r['target']).toBe('L');
    const rules = (r['steps'] as { rule: string }[]).map((s) => s.rule);
    expect(rules[0]).toBe('chain.parts');
    expect(rules.at(-1)).toBe('chain.substitute');
    expect(r['chain']['gradients']['w']).toMatchObject({ text: '(s - y_hat)*x', substitution: { start: { text: '(sigmoid(w*x + b) - y_hat)*x' }, result: '(sigmoid(w*x + b) - y_hat)*x', check: { status: 'verified' } } });
    expect(r['check']['status']).toBe('verified');
    // no line of the derivation repeats σ(wx + b): only the substitution back writes it
    for (const l of r['chain']['locals']) expect(JSON.stringify(l)).not.toContain('sigmoid(w*x + b)');
  });
  it('the result is the same tree at every level, as one expression and as a gradient', async () => {
    for (const wrt of ['w', ['w', 'b']]) {
      const [t, f, n] = await Promise.all((['textbook', 'full', 'none'] as const).map((steps) => runOp('derive', { expr: G1E, wrt, steps })));
      for (const r of [t, f, n]) expect(valid(r)).toEqual([]);
      expect(f.result).toBe(t.result);
      expect(n.result).toBe(t.result);
      expect('chain' in f).toBe(false);
      if (Array.isArray(wrt)) expect((n as J)['gradient']['b']['text']).toBe('sigmoid(w*x + b) - y_hat');
    }
  });
  it('none: the result and its check only, a small fraction of the response', async () => {
    const [t, f, n] = await Promise.all((['textbook', 'full', 'none'] as const).map((steps) => runOp('derive', { expr: G1E, wrt: 'w', steps })));
    expect(n).toMatchObject({ wrt: 'w', result: '(sigmoid(w*x + b) - y_hat)*x', check: { status: 'verified' } });
    expect(n).not.toHaveProperty('steps');
    expect(size(n) * 20).toBeLessThan(size(t));
    expect(size(n) * 20).toBeLessThan(size(f));
    const unchecked = await runOp('derive', { expr: G1E, wrt: 'w', steps: 'none', check: false });
    expect(unchecked).not.toHaveProperty('check');
  });
  it('none through definitions: the gradient in the names and substituted', async () => {
    const n = (await runOp('derive', { expr: G1, wrt: ['w', 'b'], steps: 'none' })) as J;
    expect(valid(n)).toEqual([]);
    expect(n['result']).toBe('(y - y_hat)*x');
    expect(n['gradient']['w']['substituted']['text']).toBe('(sigmoid(w*x + b) - y_hat)*x');
    expect(n['check']['status']).toBe('verified');
    expect(n['check']['gradient']).toHaveLength(2);
  });
  it('definitions are the same at textbook and full (the user named the parts)', async () => {
    const [t, f] = await Promise.all((['textbook', 'full'] as const).map((steps) => runOp('derive', { expr: G1, wrt: 'w', steps })));
    expect(t).toEqual(f);
    expect(t).not.toHaveProperty('parts');
  });
  it('a short expression keeps its full trace at textbook', async () => {
    const r = await runOp('derive', { expr: 'σ(wx+b)', wrt: 'w' });
    expect(r).not.toHaveProperty('chain');
    expect(r.result).toBe('sigmoid(w*x + b)*(1 - sigmoid(w*x + b))*x');
  });
  it('a bad level is a field error', async () => {
    await expect(runOp('derive', { expr: G1E, wrt: 'w', steps: 'all' })).rejects.toMatchObject({ code: 'BAD_REQUEST', field: 'steps' });
  });
});

describe('CLI: --steps and --detail', () => {
  it('textbook text: the parts, each factor in the names, the substitution back', async () => {
    const { code, out } = await cli(['derive', G1E, '--wrt', 'w']);
    expect(code).toBe(0);
    expect(out).toContain('parts: u = wx + b, s = σ(u), L = BCE(s, ŷ)');
    expect(out).toContain('∂L/∂u = (s − ŷ)/(s(1 − s))·s(1 − s) = s − ŷ  ✓');
    expect(out).toContain('∂L/∂w = (s − ŷ)x = (σ(wx + b) − ŷ)x  ✓');
    expect(out).toContain('result: (σ(wx + b) − ŷ)x');
    // no line repeats the whole expression: σ(wx + b) only in the substitution and the result
    expect(out.split('\n').filter((l) => l.includes('σ(wx + b)'))).toHaveLength(2);
  });
  it('--steps full is the rewrite-by-rewrite trace; --detail is the same option', async () => {
    const full = await cli(['derive', G1E, '--wrt', 'w', '--steps', 'full']);
    expect(full.out).toContain('chain rule through BCE  [diff.chain]');
    expect(full.out).toContain('result: (σ(wx + b) − ŷ)x');
    expect((await cli(['derive', G1E, '--wrt', 'w', '--detail', 'full'])).out).toBe(full.out);
  });
  it('--steps none prints the result and the verdict', async () => {
    const { code, out } = await cli(['derive', G1E, '--wrt', 'w,b', '--steps', 'none']);
    expect(code).toBe(0);
    expect(out).toBe('d/dw, d/db BCE(σ(wx+b), ŷ)\n∂/∂w: (σ(wx + b) − ŷ)x\n∂/∂b: σ(wx + b) − ŷ\ncheck: verified (each result against a numerical derivative)\n');
    const latex = await cli(['derive', G1E, '--wrt', 'w', '--steps', 'none', '-f', 'latex']);
    expect(latex.out).toContain('\\begin{align*}\n\\frac{\\partial}{\\partial w} &= (\\sigma(wx + b) - \\hat{y})x\n\\end{align*}');
  });
  it('textbook LaTeX: the parts, the upstream gradients, the substitution back', async () => {
    const { out } = await cli(['derive', G1E, '--wrt', 'w', '-f', 'latex']);
    expect(out).toContain('u &= wx + b \\\\\ns &= \\sigma(u) \\\\\nL &= \\operatorname{BCE}(s, \\hat{y})');
    expect(out).toContain('&= (\\sigma(wx + b) - \\hat{y})x && \\quad \\text{definitions substituted}\n\\end{align*}');
  });
  it('a wrong level, or two levels that disagree, is a user error', async () => {
    expect((await cli(['derive', G1E, '--steps', 'some'])).code).toBe(2);
    const both = await cli(['derive', G1E, '--steps', 'none', '--detail', 'full']);
    expect(both.code).toBe(2);
    expect(both.err).toContain('disagree');
  });
});
