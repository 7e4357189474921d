// The `lang` request field (every op) and the CLI's `--lang`: step labels and diagnoses come back in
// Korean with the English beside them (`labelEn`, `messageEn`); ids, expressions and numbers are
// untouched; an unknown language is a BAD_REQUEST naming the field.
import { describe, expect, it } from 'vitest';
import { handleRequest, runOp } from '../../src/api/run.js';
import { runCli } from '../helpers/cli.js';

const HANGUL = /[\uac00-\ud7a3]/;

const cli = runCli;

describe('lang on requests', () => {
  it('derives with Korean step labels, keeping ids, English labels and the result', async () => {
    const en = await runOp('derive', { expr: 'BCE(σ(wx+b), ŷ)', wrt: 'w', check: false, steps: 'full' });
    const ko = await runOp('derive', { expr: 'BCE(σ(wx+b), ŷ)', wrt: 'w', check: false, steps: 'full', lang: 'ko' });
    const enSteps = (en as { steps: Array<{ rule: string; label: string }> }).steps;
    const koSteps = (ko as { steps: Array<{ rule: string; label: string; labelEn?: string }> }).steps;
    expect(koSteps.map((s) => s.rule)).toEqual(enSteps.map((s) => s.rule));
    expect(koSteps.map((s) => s.labelEn)).toEqual(enSteps.map((s) => s.label));
    for (const s of koSteps) expect(s.label, s.rule).toMatch(HANGUL);
    // the function the chain rule goes through is kept, with its particle
    expect(koSteps[0]!.label).toBe('BCE를 거치는 연쇄 법칙');
    expect(koSteps[1]!.label).toBe('σ를 거치는 연쇄 법칙');
    expect((ko as { result: string }).result).toBe((en as { result: string }).result);
  });

  it('labels chain-rule derivations through definitions', async () => {
    const ko = (await runOp('derive', { expr: 'z = wx + b; y = σ(z); L = BCE(y, ŷ)', wrt: 'w', check: false, lang: 'ko' })) as unknown as { locals?: Array<{ label: string }> };
    const text = JSON.stringify(ko);
    expect(text).toContain('국소 기울기');
    expect(text).toContain('상류 기울기');
  });

  it('translates diagnoses and keeps the English sentence', async () => {
    const res = (await runOp('verify', { problem: { expr: 'sin(x^2)', wrt: 'x' }, answer: 'cos(x^2)', lang: 'ko' })) as {
      verdict: string;
      diagnosis: Array<{ id: string; message: string; messageEn?: string }>;
    };
    expect(res.verdict).toBe('incorrect');
    const d = res.diagnosis.find((f) => f.id === 'missing-chain-factor');
    expect(d).toBeDefined();
    expect(d!.message).toMatch(/연쇄 법칙/);
    expect(d!.message).toMatch(/x/);
    expect(d!.messageEn).toMatch(/chain rule/);
  });

  it('says why in Korean, from the counterexample, keeping the English reason', async () => {
    const res = (await runOp('verify', { problem: { expr: 'BCE(σ(wx+b), ŷ)', wrt: 'w' }, answer: 'σ(wx+b) − ŷ', lang: 'ko' })) as {
      reason: string;
      reasonEn?: string;
      counterexample: { reason?: string; point: Record<string, number> };
    };
    expect(res.reason).toMatch(/에서 답은 .+이지만 기대한 답은 .+입니다$/);
    expect(res.reason).toContain(`w = ${res.counterexample.point['w']}`);
    expect(res.counterexample.reason).toBe(res.reason);
    expect(res.reasonEn).toMatch(/^at .* your answer is .* but the expected answer is /);
  });

  it('leaves English requests unchanged (no labelEn)', async () => {
    const res = await runOp('derive', { expr: 'x^2', wrt: 'x', check: false, lang: 'en' });
    expect(JSON.stringify(res)).not.toContain('labelEn');
  });

  it('rejects an unknown language naming the field', async () => {
    const res = await handleRequest({ id: 1, op: 'derive', expr: 'x^2', wrt: 'x', lang: 'fr' });
    expect(res['ok']).toBe(false);
    const error = res['error'] as { code: string; field?: string };
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.field).toBe('lang');
  });
});

describe('--lang on the CLI', () => {
  it.each([
    [['derive', 'x^2', '--wrt', 'x', '--no-check', '--lang', 'ko']],
    [['--lang', 'ko', 'derive', 'x^2', '--wrt', 'x', '--no-check']],
  ])('%j prints Korean labels', async (args) => {
    const r = await cli(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(HANGUL);
    expect(r.stdout).toContain('결과: 2x');
    expect(r.stdout).toContain('검산: 하지 않음');
  });
  it('prints a verdict in Korean', async () => {
    const r = await cli(['verify', '--problem', 'BCE(σ(wx+b), ŷ)', '--wrt', 'w', '--answer', 'σ(wx+b) − ŷ', '--lang', 'ko']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^판정: 오답 \(수치 비교\)\n기대한 답: /);
    expect(r.stdout).toMatch(/이유: .+에서 답은 .+이지만 기대한 답은 .+입니다/);
  });
  it('prints the readings in Korean', async () => {
    const r = await cli(['derive', '(yhat - y)^2 + g(x)', '--wrt', 'x', '--steps', 'none', '--lang', 'ko']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('참고: yhat를 곱 y·h·a·t(으)로 읽었습니다.');
    expect(r.stderr).toContain('참고: g(…)를 곱 g·(…)(으)로 읽었습니다. g가 함수라면');
    const p = (await runOp('derive', { expr: 'BCE(σ(wx+b), ŷ)', wrt: 'w', steps: 'none', lang: 'ko' })) as { readings: Array<{ message: string; messageEn?: string }> };
    expect(p.readings[0]!.message).toBe('BCE: 인수 순서에 따라 σ(wx + b)를 예측값으로, ŷ를 정답 레이블로 읽었습니다.');
    expect(p.readings[0]!.messageEn).toMatch(/is taken as the prediction/);
  });
  it('refuses an unknown language with the user-error code', async () => {
    const r = await cli(['derive', 'x^2', '--wrt', 'x', '--lang', 'fr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--lang/);
  });
});
