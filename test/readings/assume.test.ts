// Issue 9, part 6: `assume` — domain facts and linear constraints, used by derive, simplify and
// verify in named steps, checks sampled under them, verdicts that say "correct if …", and every
// bad assumption a positioned error. Driven through the ops (runOp), as every door calls them.
import { describe, expect, it } from 'vitest';
import { runOp } from '../../src/api/run.js';
import { ChainruleError } from '../../src/errors.js';
import { ASSUME_STEP } from '../../src/rules/registry.js';
import { runCli } from '../helpers/cli.js';

/** Deck 004: softmax + cross-entropy for three classes, written out. */
const SOFTMAX_CE = [
  'y1 = exp(a1)/(exp(a1)+exp(a2)+exp(a3))',
  'y2 = exp(a2)/(exp(a1)+exp(a2)+exp(a3))',
  'y3 = exp(a3)/(exp(a1)+exp(a2)+exp(a3))',
  'L = -(t1 log(y1) + t2 log(y2) + t3 log(y3))',
].join('; ');

async function errorOf(p: Promise<unknown>): Promise<{ code: string; span?: { start: number; end: number }; field?: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ChainruleError) return { code: e.code, ...(e.span ? { span: e.span } : {}), ...('field' in e ? { field: (e as { field: string }).field } : {}) };
    throw e;
  }
  throw new Error('expected an error');
}

type Step = { rule: string; label: string; check?: { status: string } };

describe('softmax + cross-entropy under t1 + t2 + t3 = 1 (golden)', () => {
  it('derive ends at y1 − t1, through the named steps, every step verified', async () => {
    const r = (await runOp('derive', { expr: SOFTMAX_CE, wrt: 'a1', assume: 't1 + t2 + t3 = 1' })) as Record<string, unknown>;
    expect(r['result']).toBe('y1 - t1');
    expect(r['unicode']).toBe('y1 − t1');
    const assumed = (r['chain'] as { gradients: Record<string, { assumed?: { result: string; steps: Step[]; check?: { status: string } } }> }).gradients['a_1']!.assumed!;
    expect(assumed.result).toBe('y1 - t1');
    const rules = assumed.steps.map((s) => s.rule);
    expect(rules[0]).toBe(ASSUME_STEP.use.id);
    expect(assumed.steps[0]!.label).toBe('use the assumption t1 + t2 + t3 = 1');
    expect(rules[rules.length - 1]).toBe(ASSUME_STEP.names.id);
    expect(assumed.steps.every((s) => s.check?.status === 'verified')).toBe(true);
    expect(assumed.check?.status).toBe('verified');
  });

  it('without the assumption the result is not y1 − t1 and has no assumed steps', async () => {
    const r = (await runOp('derive', { expr: SOFTMAX_CE, wrt: 'a1' })) as Record<string, unknown>;
    expect(r['result']).not.toBe('y1 - t1');
    expect(JSON.stringify(r)).not.toContain(ASSUME_STEP.use.id);
  });

  it('verify accepts y1 − t1 "given t1+t2+t3 = 1", as data and as text', async () => {
    const r = await runOp('verify', { problem: { expr: SOFTMAX_CE, wrt: 'a1' }, answer: 'y1 - t1', assume: 't1+t2+t3 = 1' });
    expect(r.verdict).toBe('correct');
    expect(r.premise).toEqual({ assumptions: ['t1+t2+t3 = 1'], text: 'correct given t1+t2+t3 = 1' });
  });

  it('verify without the assumption does not accept y1 − t1', async () => {
    const r = await runOp('verify', { problem: { expr: SOFTMAX_CE, wrt: 'a1' }, answer: 'y1 - t1' });
    expect(r.verdict).not.toBe('correct');
    expect(r.premise).toBeUndefined();
  });

  it('a wrong answer stays wrong under the assumption', async () => {
    const r = await runOp('verify', { problem: { expr: SOFTMAX_CE, wrt: 'a1' }, answer: 't1 - y1', assume: 't1+t2+t3 = 1' });
    expect(r.verdict).toBe('incorrect');
  });
});

describe('the logit under 0 < p < 1', () => {
  it.each(['σ(ln(p/(1-p)))', 'σ(logit(p))', 'logit(σ(p))'])('%s = p is "correct if 0 < p < 1"', async (answer) => {
    const r = await runOp('verify', { expected: 'p', answer, assume: '0 < p < 1' });
    expect(r.verdict).toBe('correct');
    if (answer !== 'logit(σ(p))') expect(r.premise?.text).toBe('correct if 0 < p < 1');
  });

  it('σ(ln(p/(1−p))) = p is not accepted without the assumption', async () => {
    const r = await runOp('verify', { expected: 'p', answer: 'σ(ln(p/(1-p)))' });
    expect(r.verdict).not.toBe('correct');
  });

  it('only the assumption the verdict needs is named', async () => {
    const r = await runOp('verify', { expected: 'p', answer: 'σ(ln(p/(1-p)))', assume: 'q > 0; 0 < p < 1' });
    expect(r.premise?.assumptions).toEqual(['0 < p < 1']);
  });

  it('an answer correct without the assumptions has no premise', async () => {
    const r = await runOp('verify', { expected: '2p', answer: 'p + p', assume: '0 < p < 1' });
    expect(r.verdict).toBe('correct');
    expect(r.premise).toBeUndefined();
  });
});

describe('value sets: t ∈ {0, 1}', () => {
  it('t² = t holds for a label in {0, 1}, and not without it', async () => {
    const yes = await runOp('verify', { expected: 't x', answer: 't^2 x', assume: 't ∈ {0, 1}' });
    expect(yes.verdict).toBe('correct');
    expect(yes.premise?.text).toBe('correct if t ∈ {0, 1}');
    const no = await runOp('verify', { expected: 't x', answer: 't^2 x' });
    expect(no.verdict).toBe('incorrect');
  });
});

describe('simplify and derive use a constraint in a named, checked step', () => {
  it('simplify t1 x + t2 x under t1 + t2 = 1 gives x', async () => {
    const r = (await runOp('simplify', { expr: 't1 x + t2 x', assume: 't1 + t2 = 1' })) as { result: string; steps: Step[]; check?: { status: string } };
    expect(r.result).toBe('x');
    expect(r.steps.map((s) => s.rule)).toContain(ASSUME_STEP.use.id);
    expect(r.check?.status).toBe('verified');
  });

  it('derive d/dx (t1 x² + t2 x²) under t1 + t2 = 1 gives 2x', async () => {
    const r = (await runOp('derive', { expr: 't1 x^2 + t2 x^2', wrt: 'x', assume: 't1 + t2 = 1' })) as { result: string; check?: { status: string } };
    expect(r.result).toBe('2*x');
    expect(r.check?.status).toBe('verified');
  });

  it('an assumption that does not help adds no step', async () => {
    const r = (await runOp('simplify', { expr: 'x + 1', assume: 'a + b = 1' })) as { steps: Step[] };
    expect(r.steps.map((s) => s.rule)).not.toContain(ASSUME_STEP.use.id);
  });
});

describe('bad assumptions are positioned errors', () => {
  it.each([
    ['x*y = 1', 'BAD_ASSUMPTION', 0, 7],
    ['p', 'BAD_ASSUMPTION', 0, 1],
    ['0 < (p < 1', 'BAD_ASSUMPTION', 4, 5],
    ['0 < p + q < 1', 'BAD_ASSUMPTION', 3, 10],
    ['0 < p > 1', 'BAD_ASSUMPTION', 0, 9],
    ['t ∈ 0, 1', 'BAD_ASSUMPTION', 3, 8],
    ['0 < x < 1; x > 3', 'CONTRADICTORY_ASSUMPTIONS', 11, 16],
    ['a + b = 1; a + b = 2', 'CONTRADICTORY_ASSUMPTIONS', 11, 20],
    ['t ∈ {0, 1}; t > 2', 'CONTRADICTORY_ASSUMPTIONS', 0, 17],
  ] as const)('%s → %s at [%i, %i)', async (assume, code, start, end) => {
    const e = await errorOf(runOp('simplify', { expr: 'x + 1', assume }));
    expect(e.code).toBe(code);
    expect(e.field).toBe('assume');
    expect(e.span).toEqual({ start, end });
  });

  it('a constraint on the variable of differentiation is refused', async () => {
    const e = await errorOf(runOp('derive', { expr: 'x^2 t', wrt: 'x', assume: 'x + t = 1' }));
    expect(e.code).toBe('BAD_ASSUMPTION');
  });
});

describe('the CLI: --assume on derive, simplify and verify', () => {
  const cli = runCli;

  it('derive prints the assumed steps and y1 − t1', async () => {
    const r = await cli(['derive', SOFTMAX_CE, '--wrt', 'a1', '--assume', 't1 + t2 + t3 = 1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('use the assumption t1 + t2 + t3 = 1  [simp.use-assumption]');
    expect(r.stdout).toContain('∂L/∂a₁ = y1 − t1  ✓');
  });

  it('verify prints "correct if 0 < p < 1"', async () => {
    const r = await cli(['verify', '--expected', 'p', '--answer', 'σ(ln(p/(1-p)))', '--assume', '0 < p < 1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('verdict: correct (symbolic)\ncorrect if 0 < p < 1\n');
  });

  it('a bad assumption is exit code 2 with the caret under it', async () => {
    const r = await cli(['simplify', 'x', '--assume', 'x*y = 1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('BAD_ASSUMPTION');
    expect(r.stderr).toContain('(assume, line 1, column 1)');
  });
});
