// The bundled binary (dist/bin/chainrule.js, package.json `bin`, built by scripts/build-cli.mjs)
// answers exactly as the tsc output it is bundled from (dist/src/api/cli.js), for one-shot
// commands and for the batch, whose requests it runs in its own bundled worker.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUNDLE = join(root, 'dist', 'bin', 'chainrule.js');
const PLAIN = join(root, 'dist', 'src', 'api', 'cli.js');
const run = (bin: string, args: string[], input?: string): string => execFileSync(process.execPath, [bin, ...args], { input, encoding: 'utf8' });

describe.skipIf(!existsSync(BUNDLE))('the bundled CLI', () => {
  it.each([
    [['derive', 'BCE(σ(wx+b), ŷ)', '--wrt', 'w', '-f', 'json']],
    [['derive', 'z = wx + b; y = σ(z); L = BCE(y, ŷ)', '--wrt', 'w']],
    [['eval', 'σ(1)']],
    [['latex', 'x^2/(1+x)']],
  ])('%j answers as the unbundled CLI', (args) => {
    const out = run(BUNDLE, args);
    expect(out.length).toBeGreaterThan(0);
    expect(out).toBe(run(PLAIN, args));
  });

  it('the batch answers as the unbundled batch, each line', () => {
    const lines = `${[
      { id: 1, op: 'derive', expr: 'σ(x)', wrt: 'x' },
      { id: 2, op: 'verify', expr: 'σ(x)', wrt: 'x', answer: 'σ(x)(1-σ(x))' },
      { id: 3, op: 'parse', expr: '((x' },
    ].map((r) => JSON.stringify(r)).join('\n')}\n`;
    const out = run(BUNDLE, ['batch'], lines);
    expect(out.trim().split('\n')).toHaveLength(3);
    expect(out).toBe(run(PLAIN, ['batch'], lines));
  });
});
