// Verification speed (issue 5): per-verification time over answer pairs built from the golden
// cases and STACK's fixtures, p50/p95, and mathjs `symbolicEqual` on the same pairs in the same
// run (σ and BCE written out for mathjs, which has neither).
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as math from 'mathjs';
import { mainExpr } from '../src/parse/index.js';
import { parseTextProgram } from '../src/parse/text.js';
import { equivalent } from '../src/verify/index.js';

const GOLDEN: Array<[string, string]> = [
  ['x*(sigmoid(w*x + b) - y_hat)', '(sigmoid(w*x+b) - y_hat)*x'],
  ['x*(sigmoid(w*x + b) - y_hat)', '(y_hat - sigmoid(w*x+b))*x'],
  ['x*(sigmoid(w*x + b) - y_hat)', 'sigmoid(w*x+b) - y_hat'],
  ['(y - y_hat)/(y*(1 - y))', '-(y_hat/y - (1 - y_hat)/(1 - y))'],
  ['sigmoid(z)*(1 - sigmoid(z))', 'exp(-z)/(1 + exp(-z))^2'],
  ['s - y', '((1 - y)/(1 - s) - y/s)*s*(1 - s)'],
  ['6000*(x - a)^5999', '5999*(x - a)^5999'],
  ['x', 'sqrt(x^2)'],
  ['x', 'x + x^2/10^6'],
  ['2*x + 2', '2*(x + 1)'],
];

const forMathjs = (s: string) => s.replaceAll('sigmoid', 'sig').replaceAll('y_hat', 'yh');

function pairs(root: string): Array<[string, string]> {
  const out = [...GOLDEN];
  const f = join(root, '..', 'shared', 'conformance', 'stack-answertests.jsonl');
  if (existsSync(f)) {
    for (const l of readFileSync(f, 'utf8').split('\n').filter(Boolean)) {
      const r = JSON.parse(l) as { test: string; student: string | null; teacher: string | null };
      if ((r.test === 'AlgEquiv' || r.test === 'Diff') && r.student && r.teacher) out.push([r.teacher, r.student]);
    }
  }
  return out;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

export async function benchVerify(root: string): Promise<void> {
  const ps = pairs(root).flatMap(([t, s]) => {
    try {
      return [[mainExpr(parseTextProgram(t)), mainExpr(parseTextProgram(s)), t, s] as const];
    } catch {
      return [];
    }
  });
  await equivalent(ps[0]![1], ps[0]![0]); // warm-up (loads the precise path's mathjs once)
  const ours: number[] = [];
  for (const [t, s] of ps) {
    const t0 = performance.now();
    await equivalent(s, t);
    ours.push(performance.now() - t0);
  }
  const theirs: number[] = [];
  let mjFailed = 0;
  for (const [, , t, s] of ps) {
    const t0 = performance.now();
    try {
      const expand = (x: string) => math.parse(forMathjs(x).replaceAll(/sig\(([^()]*(\([^()]*\))?[^()]*)\)/g, '(1/(1+exp(-($1))))'));
      math.symbolicEqual(expand(s), expand(t));
    } catch {
      mjFailed++;
    }
    theirs.push(performance.now() - t0);
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  console.log(`verify: ${ps.length} answer pairs (golden + STACK AlgEquiv/Diff)`);
  console.log(`  chainrule p50 ${pct(ours, 0.5).toFixed(2)} ms, p95 ${pct(ours, 0.95).toFixed(2)} ms, ${(ps.length / (sum(ours) / 1000)).toFixed(0)} verifications/s`);
  console.log(`  mathjs symbolicEqual p50 ${pct(theirs, 0.5).toFixed(2)} ms, p95 ${pct(theirs, 0.95).toFixed(2)} ms, ${(ps.length / (sum(theirs) / 1000)).toFixed(0)} /s (${mjFailed} threw); ratio of totals chainrule/mathjs = ${(sum(ours) / sum(theirs)).toFixed(2)}`);
}
