// Korean CLI output of deck 004's network by index (issue 12 with issue 14's `--lang ko`): the
// proof headings ("where … is derived step by step", "… from the definition") come from the
// catalogs (src/i18n/words.ts TextWords), so no English word is left beside the expressions.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const NET = 's_i = σ(Σ_{k=1}^{2} w_ik x_k); h_j = σ(Σ_{i=1}^{3} v_ji s_i); y_j = softmax(h_j); L = -Σ_{j=1}^{3} t_j log y_j';
/** English words of the terminal form; rule ids ([chain.indexed]) and the first line (the input) removed first. */
const ENGLISH = /\b(where|derived|step|steps|result|check|checks|verified|refuted|definition|from|rule|gradient)\b/i;
const words = (out: string) => out.split('\n').slice(1).map((l) => l.replace(/\[[a-z.-]+\]/g, '')).join('\n');

describe('--lang ko on the network by index', () => {
  it('the whole derivation has Korean words only, the proof headings included', async () => {
    const ko = await runCli(['--lang', 'ko', 'derive', NET, '--wrt', 'w_11']);
    expect(ko.code).toBe(0);
    expect(words(ko.stdout)).not.toMatch(ENGLISH);
    expect(ko.stdout).toContain('단, 규칙으로 한 단계씩 유도한 d/dy_u(−Σ_{j=1}^{3} (t_j·log(y_j))) = −(t_u/y_u):');
    expect(ko.stdout.match(/^ {2}단, 규칙으로 한 단계씩 유도한 /gm)).toHaveLength(4);
    expect(ko.stdout).toMatch(/^결과: Σ_\{i=1\}\^\{3\} /m);
  });

  it('the same lines in English; σ′ from its definition in both languages', async () => {
    const en = await runCli(['derive', NET, '--wrt', 'w_11']);
    expect(en.stdout).toContain('  where d/dy_u(−Σ_{j=1}^{3} (t_j·log(y_j))) = −(t_u/y_u) is derived step by step:');
    const ko = await runCli(['--lang', 'ko', 'derive', 'σ(z)', '--wrt', 'z']);
    expect(ko.stdout).toContain('  단, 정의 σ(z) = 1/(1 + e^(−z))에서 유도한 σ′(z) = σ(z)(1 − σ(z)):');
    expect(words(ko.stdout)).not.toMatch(ENGLISH);
    const enS = await runCli(['derive', 'σ(z)', '--wrt', 'z']);
    expect(enS.stdout).toContain('  where σ′(z) = σ(z)(1 − σ(z)) is derived from the definition σ(z) = 1/(1 + e^(−z)):');
  });
});
