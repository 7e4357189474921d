// The example worksheets (docs/examples/backprop{,.ko}.yaml, G1–G4) built to HTML and .tex, both
// views: golden files reviewed as diffs (UPDATE_GOLDEN=1 rewrites them), every math string of the
// .tex passes KaTeX strict, the student sheet holds no solution, the solution every result.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import katex from 'katex';
import { beforeAll, describe, expect, it } from 'vitest';
import { toApiError } from '../../src/api/errors.js';
import type { SolvedWorksheet } from '../../src/worksheet/model.js';
import { solveWorksheet } from '../../src/worksheet/build.js';
import { batchRunner } from '../../src/worksheet/runner.js';
import { toHtml } from '../../src/worksheet/html.js';
import { worksheetOp } from '../../src/worksheet/op.js';
import { toTex } from '../../src/worksheet/tex.js';
import { mathOfTex } from './texMath.js';

const examples = { en: 'backprop.yaml', ko: 'backprop.ko.yaml' } as const;
const read = (f: string) => readFileSync(fileURLToPath(new URL(`../../docs/examples/${f}`, import.meta.url)), 'utf8');
const goldenDir = fileURLToPath(new URL('./golden/', import.meta.url));
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

/** Math as its source in the golden HTML (KaTeX's own output is not ours to review). */
const source = (latex: string, display: boolean) => `<m${display ? ' display' : ''}>${latex.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</m>`;

function golden(name: string, text: string): void {
  const path = goldenDir + name;
  if (UPDATE || !existsSync(path)) {
    if (!UPDATE && process.env['CI']) throw new Error(`golden file ${name} is missing (run UPDATE_GOLDEN=1 vitest run test/worksheet)`);
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(path, text);
  }
  expect(text, `golden ${name} (UPDATE_GOLDEN=1 after review)`).toBe(readFileSync(path, 'utf8'));
}

describe.each(Object.entries(examples))('%s example', (lang, file) => {
  let ws: SolvedWorksheet;
  beforeAll(async () => {
    ws = await solveWorksheet(read(file), batchRunner);
  }, 120_000); // the engine's derivations and checks: seconds on a loaded 2-core machine

  it('solves G1–G4 with every check verified', () => {
    expect(ws.problems.map((p) => p.id)).toEqual(['g1-chain', 'g1-direct', 'g2-graph', 'g3-descent', 'g3-chain', 'g4']);
    expect(ws.problems.map((p) => p.status)).toEqual(Array(6).fill('verified'));
    const r = Object.fromEntries(ws.problems.map((p) => [p.id, p.results.map((x) => `${x.lhs} = ${x.rhs}`)]));
    expect(r['g1-chain']).toEqual(['\\frac{\\partial L}{\\partial w} = (y - \\hat{y})x', '\\frac{\\partial L}{\\partial b} = y - \\hat{y}']);
    expect(r['g2-graph']).toContain('\\frac{\\partial L}{\\partial w_{2}} = 0.5379');
    expect(r['g2-graph']).toContain('\\frac{\\partial L}{\\partial x_{2}} = 0.8068');
    expect(r['g3-descent']).toEqual(['L = 5', '\\frac{\\partial L}{\\partial a} = 10', '\\frac{\\partial L}{\\partial b} = -2', 'a_{\\text{new}} = 1', 'b_{\\text{new}} = 1.2', 'L_{\\text{new}} = 0.12']);
    expect(r['g4']).toContain('\\frac{\\partial L}{\\partial W_{1}} = (a_{2} - y)W_{2}a_{1}(1 - a_{1})X');
  });

  it.each(['student', 'solution'] as const)('%s .tex and HTML match the golden files', { timeout: 60_000 }, (view) => {
    golden(`backprop.${lang}.${view}.tex`, toTex(ws, lang as 'en' | 'ko', view));
    golden(`backprop.${lang}.${view}.html`, toHtml(ws, lang as 'en' | 'ko', view, source));
  });

  it('every math string of the .tex passes KaTeX strict', { timeout: 60_000 }, () => {
    for (const view of ['student', 'solution'] as const) {
      const maths = mathOfTex(toTex(ws, lang as 'en' | 'ko', view));
      expect(maths.length).toBeGreaterThan(view === 'solution' ? 200 : 10);
      for (const m of maths) expect(() => katex.renderToString(m, { throwOnError: true, strict: 'error', displayMode: true }), m).not.toThrow();
    }
  });

  it('shows the cancellation the course builds towards with \\cancel', () => {
    const tex = toTex(ws, lang as 'en' | 'ko', 'solution');
    expect(tex).toContain('\\frac{(y - \\hat{y})\\cancel{y}\\cancel{(1 - y)}}{\\cancel{y}\\cancel{(1 - y)}}');
  });

  it('the student sheet holds no solution; the solution sheet holds every result', { timeout: 60_000 }, () => {
    const student = toTex(ws, lang as 'en' | 'ko', 'student');
    const solution = toTex(ws, lang as 'en' | 'ko', 'solution');
    expect(student).not.toContain('\\boxed');
    expect(student).not.toContain('\\cancel');
    expect(student).not.toContain('tikzpicture');
    for (const p of ws.problems) {
      for (const r of p.results) {
        expect(solution).toContain(`\\boxed{${r.lhs} = ${r.rhs}}`);
        if (r.rhs.length > 3) expect(student, r.rhs).not.toContain(r.rhs);
      }
    }
    const html = toHtml(ws, lang as 'en' | 'ko', 'student');
    expect(html).toContain('<details>'); // solutions folded away in the student HTML
    expect(html).not.toContain('<script');
    expect(toHtml(ws, lang as 'en' | 'ko', 'solution')).not.toContain('<details>');
  });
});

describe('Korean sheets', () => {
  it('carry the Korean labels and particles', async () => {
    const ws = await solveWorksheet(read('backprop.ko.yaml'), batchRunner);
    const tex = toTex(ws, 'ko', 'solution');
    for (const term of ['국소 기울기', '상류 기울기', '순전파', '역전파', '경사 하강법', '연쇄 법칙', '통분', '공통인수 약분', '\\usepackage{kotex}']) expect(tex).toContain(term);
    // ∂L/∂w, ∂L/∂b를: b reads 비 (no final consonant) → 를; x (엑스) → 를; 0.1 (일) → 로
    expect(tex).toContain('$를 구하시오.');
    expect(tex).toContain('\\alpha = 0.1$로 경사 하강법을 1번');
    // the English file in Korean: the same sheet
    const en = await solveWorksheet(read('backprop.yaml'), batchRunner);
    expect(toTex(en, 'ko', 'student')).toContain('학생용 문제지');
  }, 120_000);
});

describe('worksheet op', { timeout: 60_000 }, () => {
  it('takes the answer key, prompt and paper of the file', async () => {
    const yaml = [
      'title: Override',
      'paper: letter',
      'problems:',
      '  - expr: "x^2 + 1"',
      '    wrt: x',
      '    prompt: "Find the slope of $x^2 + 1$."',
      "    answer: '2 \\cdot x'", // single-quoted YAML: the backslash is literal
      '    assumptions: ["$x$ is real"]',
      '    shapes: {x: "1×1"}',
    ].join('\n');
    const res = await worksheetOp({ yaml, view: 'solution' }, batchRunner);
    expect(res.tex).toContain('\\boxed{\\frac{d}{dx}\\left(x^{2} + 1\\right) = 2 \\cdot x}');
    expect(res.tex).toContain('Find the slope of $x^2 + 1$.');
    expect(res.tex).toContain('letterpaper');
    expect(res.tex).toContain('$x$ is real');
    expect(res.html).toContain('size:letter');
    for (const m of mathOfTex(res.tex!)) katex.renderToString(m, { throwOnError: true, strict: 'error' });
  });

  it('checks the answer key: a wrong key is refused at its place in the YAML, nothing is written', async () => {
    const yaml = ['title: Keys', 'problems:', '  - expr: "x^2 + 1"', '    wrt: x', "    answer: '2x + 1'"].join('\n');
    const err = await worksheetOp({ yaml, view: 'solution' }, batchRunner).then(
      () => undefined,
      (e: unknown) => toApiError(e),
    );
    expect(err?.code).toBe('ANSWER_KEY_WRONG');
    expect(err?.message).toMatch(/problems\[0\]\.answer: the answer key "2x \+ 1" is not the derivative with respect to x/);
    expect(err?.position).toMatchObject({ line: 5, column: 13 });
  });
  it('accepts a key written in the intermediate names or substituted back, one per variable', async () => {
    const yaml = [
      'title: Keys',
      'problems:',
      '  - definitions: "z = wx + b; y = σ(z); L = BCE(y, ŷ)"',
      '    wrt: [w, b]',
      '    answer:',
      "      w: '(y - \\hat{y}) x'",
      "      b: '\\sigma(wx + b) - \\hat{y}'",
    ].join('\n');
    const res = await worksheetOp({ yaml, view: 'solution' }, batchRunner);
    expect(res.tex).toContain('(y - \\hat{y}) x');
    const wrong = yaml.replace("b: '\\sigma(wx + b) - \\hat{y}'", "b: '(y - \\hat{y}) x'");
    await expect(worksheetOp({ yaml: wrong, view: 'solution' }, batchRunner)).rejects.toMatchObject({ code: 'ANSWER_KEY_WRONG' });
  });

  it('returns HTML and .tex for one view', async () => {
    const res = await worksheetOp({ yaml: 'title: T\nproblems:\n  - expr: "x^2"\n    wrt: x\n', view: 'solution', lang: 'ko' }, batchRunner);
    expect(res.tex).toContain('\\boxed{\\frac{d}{dx}\\left(x^{2}\\right) = 2x}');
    expect(res.html).toContain('<html lang="ko">');
    expect(res.sheets.student).toBeUndefined();
    expect(res.pdf).toBeUndefined();
  });
  it('returns both sheets by default', async () => {
    const res = await worksheetOp({ yaml: 'title: T\nproblems:\n  - expr: "x^2"\n', format: ['tex'] }, batchRunner);
    expect(Object.keys(res.sheets).sort()).toEqual(['solution', 'student']);
    expect(res.tex).toBeUndefined();
    expect(res.sheets.student?.html).toBeUndefined();
  });
  it.each([
    [{ yaml: '' }, 'yaml'],
    [{ yaml: 'title: T\nproblems: []\n', format: ['docx'] }, 'format'],
    [{ yaml: 'title: T\nproblems: []\n', lang: 'fr' }, 'lang'],
  ])('rejects %j', async (req, part) => {
    await expect(worksheetOp(req as Record<string, unknown>, batchRunner)).rejects.toThrow(part);
  });
  it('positions a YAML error in the file', async () => {
    const e = await worksheetOp({ yaml: 'title: T\nproblems: []\n' }, batchRunner).catch((x: unknown) => toApiError(x));
    expect(e).toMatchObject({ code: 'BAD_REQUEST', field: 'yaml', position: { line: 2, column: 11 } });
  });
});
