// The message catalogs: every step id of the registry (src/rules/registry.ts, the frozen ids) has an
// English and a Korean message, both catalogs hold the same
// keys, and Korean particles follow how a variable name is read aloud.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EN } from '../../src/i18n/en.js';
import { KO } from '../../src/i18n/ko.js';
import { hasMessage, LANGS, message, plain, ruleKey } from '../../src/i18n/index.js';
import { finalSound, particle } from '../../src/i18n/particles.js';
import { STEPS } from '../../src/rules/registry.js';

const keysOf = (ftl: string) => [...ftl.matchAll(/^([a-zA-Z][\w-]*) =/gm)].map((m) => m[1]!);

describe('catalogs', () => {
  const ids = STEPS.map((s) => s.id);
  it('finds the documented ids', () => {
    expect(ids.length).toBeGreaterThan(60);
    expect(ids).toContain('simp.cancel');
    expect(ids).toContain('diff.fn.BCE');
  });
  it.each(ids)('%s has an English and a Korean message', (id) => {
    for (const lang of LANGS) expect(hasMessage(lang, ruleKey(id)), `${lang} ${id}`).toBe(true);
    expect(plain('ko', ruleKey(id), { fracMath: 'x' })).toMatch(/[\uac00-\ud7a3]|[a-zA-Zσ√]/);
  });
  it('maps ids to message keys one to one', () => {
    expect(new Set(ids.map(ruleKey)).size).toBe(ids.length);
  });
  it('English and Korean hold the same keys', () => {
    expect(keysOf(KO).sort()).toEqual(keysOf(EN).sort());
  });
  it('uses the course terms', () => {
    expect(plain('ko', ruleKey('diff.chain'))).toBe('연쇄 법칙');
    expect(plain('ko', ruleKey('simp.cancel'))).toContain('약분');
    expect(plain('ko', ruleKey('simp.combine-fractions'))).toBe('통분');
    expect(plain('ko', 'section-forward')).toBe('순전파');
    expect(plain('ko', 'section-locals')).toBe('국소 기울기');
  });
  it('keeps math as math segments', () => {
    expect(message('en', 'rule-chain_local', { fracMath: '\\frac{\\partial y}{\\partial z}' })).toEqual([{ text: 'local gradient ' }, { math: '\\frac{\\partial y}{\\partial z}' }]);
  });
});

describe('Korean particles', () => {
  it.each([
    // [word, form, particle] — names read the Korean way: w 더블유, b 비, L 엘, m 엠, 1 일, 3 삼
    ['w', '을', '를'],
    ['b', '을', '를'],
    ['L', '을', '을'],
    ['m', '은', '은'],
    ['x', '이', '가'],
    ['w₁', '을', '을'],
    ['W_2', '을', '를'],
    ['x_3', '이', '이'],
    ['ŷ', '과', '와'],
    ['σ', '을', '를'],
    ['0.1', '으로', '로'], // 일: ㄹ takes 로
    ['0.3', '으로', '으로'], // 삼
    ['0.2', '으로', '로'], // 이
    ['손실', '은', '은'],
    ['기울기', '은', '는'],
    ['BCE(σ(wx + b), ŷ)', '을', '를'],
  ])('%s + %s → %s', (word, form, expected) => {
    expect(particle(word, form)).toBe(expected);
  });
  it('reads Hangul 받침', () => {
    expect(finalSound('길')).toBe('rieul');
    expect(finalSound('값')).toBe('other');
    expect(finalSound('나')).toBe('none');
  });
  it('puts the particle in the prompt', () => {
    const s = plain('ko', 'prompt-chain', { targetsMath: 'T', last: 'b' });
    expect(s).toBe('아래 정의에서 연쇄 법칙으로 T를 구하시오.');
    expect(plain('ko', 'prompt-chain', { targetsMath: 'T', last: 'W_1' })).toContain('T을 구하시오');
  });
});

describe('diagnoses', () => {
  // the finding ids of src/verify (types.ts lists them in the Finding comment)
  const types = readFileSync(fileURLToPath(new URL('../../src/verify/types.ts', import.meta.url)), 'utf8');
  const ids = [...(/stable id: ([^*]+)\*/.exec(types.replace(/\n\s*\*/g, ' '))?.[1] ?? '').matchAll(/'([a-z-]+)'/g)].map((m) => m[1]!);
  it('finds the finding ids', () => expect(ids.length).toBeGreaterThanOrEqual(13));
  it.each(ids)('%s has an English and a Korean name', (id) => {
    for (const lang of LANGS) expect(plain(lang, `diagnosis-${id}`, { factorMath: 'x' }).length).toBeGreaterThan(3);
  });
});

describe('localise', () => {
  it('puts Korean labels on a derive response, keeping the English', async () => {
    const { handleLine } = await import('../../src/api/batch.js');
    const { localise } = await import('../../src/i18n/localise.js');
    const res = await handleLine(JSON.stringify({ op: 'derive', expr: 'z = wx + b; y = σ(z); L = BCE(y, ŷ)', wrt: 'w' }));
    const ko = localise(res, 'ko') as { steps: { rule: string; label: string; labelEn: string }[] };
    expect(ko.steps[0]).toMatchObject({ rule: 'chain.local', label: '국소 기울기 ∂L/∂y', labelEn: 'local gradient ∂L/∂y' });
    expect(ko.steps.find((s) => s.rule === 'chain.upstream')?.label).toMatch(/^상류 기울기 ∂L\/∂/);
    expect(JSON.stringify(ko)).toContain('"label":"통분"');
    expect(localise(res, 'en')).toBe(res);
  }, 60_000);
});

// the readings of the slides' notation in Korean too (they stayed in English)
describe('localise: readings', () => {
  it.each([
    ['d/dw σ(wx+b)(1-σ(wx+b))', 'DERIVATIVE_SCOPE', '바로 다음 인수 σ(wx+b)에만'],
    ['1/2 (y-wx)^2', 'DIVISION_SCOPE', '1/(2 (y-wx)^2)(으)로 읽었습니다'],
    ['σ wx + b', 'FUNCTION_SCOPE', '괄호 없는 함수'],
    ['e^-wx', 'EXPONENT_SCOPE', '지수는'],
    ['(yi - w xi)^2', 'INDEX_AS_LETTER', '첨자라면'],
    ['BCE(y, σ(wx))', 'ARGUMENT_ROLES_SUSPICIOUS', '인수 순서가 바뀌지 않았나요?'],
  ])('%s: %s in Korean', async (expr, code, words) => {
    const { runOp } = await import('../../src/api/run.js');
    const { localise } = await import('../../src/i18n/localise.js');
    const res = await runOp('derive', { expr, wrt: 'w', steps: 'none' });
    const ko = localise(res, 'ko') as { readings: { code: string; message: string; messageEn?: string }[] };
    const r = ko.readings.find((x) => x.code === code)!;
    expect(r.message).toContain(words);
    expect(r.messageEn).toBeDefined();
  });
});
