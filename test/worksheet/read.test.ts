// Errors in a worksheet file point at the line and column in the YAML: syntax, schema violations,
// and engine errors inside a problem's expression; the CLI then writes nothing at all.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { toApiError } from '../../src/api/errors.js';
import { solveWorksheet } from '../../src/worksheet/build.js';
import { batchRunner } from '../../src/worksheet/runner.js';
import { readWorksheet } from '../../src/worksheet/read.js';
import Value from 'typebox/value';
import { parseDocument } from 'yaml';
import { check } from '../../src/api/schema/check.js';
import { WORKSHEET_FILE_SCHEMA } from '../../src/worksheet/schema.js';
import { WORKSHEET_FILE_JSON } from '../../src/worksheet/schema.generated.js';
import { worksheetSchemaModule } from '../../src/worksheet/schemaGen.js';

const sheet = (problems: string) => `title: T\nlanguage: en\nproblems:\n${problems}`;

async function errorOf(yaml: string) {
  try {
    await solveWorksheet(yaml, batchRunner);
  } catch (e) {
    return toApiError(e);
  }
  throw new Error('expected an error');
}

describe('worksheet file errors carry the YAML position', { timeout: 60_000 }, () => {
  it.each([
    // [yaml, code, line, column, message part]
    ['title: T\nproblems: [\n', 'BAD_REQUEST', 3, 1, 'not valid YAML'],
    ['problems:\n  - expr: x\n', 'BAD_REQUEST', 1, 1, '"title"'],
    [sheet('  - expr: "x^2"\n    wrt: x\n    colour: red\n'), 'BAD_REQUEST', 6, 5, 'Unknown field "colour"'],
    [sheet('  - expr: "x^2"\n    show: [derivation, proof]\n'), 'BAD_REQUEST', 5, 24, 'must be one of'],
    [sheet('  - expr: "x^2"\n    points: -1\n'), 'BAD_REQUEST', 5, 13, 'points'],
    [sheet('  - expr: "x^2"\n  - wrt: x\n'), 'BAD_REQUEST', 5, 5, 'exactly one of'],
    [sheet('  - id: a\n    expr: x\n  - id: a\n    expr: y\n'), 'BAD_REQUEST', 6, 9, 'used twice'],
    [sheet('  - expr: "x^2"\n  - expr: "BCE(σ(wx + b), ŷ"\n    wrt: w\n'), 'UNBALANCED_PAREN', 5, 15, 'problems[1].expr'], // the unmatched (
    [sheet('  - definitions: "z = wx + ; y = σ(z)"\n    wrt: w\n'), 'UNEXPECTED_TOKEN', 4, 28, 'problems[0].definitions'],
    [sheet('  - definitions: "z = w0 + w1*x1; p = σ(z)"\n    show: [graph]\n'), 'BAD_REQUEST', 4, 5, '"at"'],
    [sheet("  - expr: x^2\n    answer: '\\frac{2x'\n"), 'BAD_REQUEST', 5, 13, 'does not typeset'],
    [sheet("  - expr: x^2\n    prompt: 'Find $\\foo{x}$.'\n"), 'BAD_REQUEST', 5, 13, 'problems[0].prompt'],
    [sheet("  - expr: x^2 + 1\n    wrt: x\n    answer: '2x + 1'\n"), 'ANSWER_KEY_WRONG', 6, 13, 'problems[0].answer: the answer key'],
    [sheet("  - definitions: 'z = wx + b; L = z^2'\n    wrt: [w, b]\n    answer: {w: '2zx', b: '2x'}\n"), 'ANSWER_KEY_WRONG', 6, 27, 'problems[0].answer.b'],
  ])('%#: %s', async (yaml, code, line, column, part) => {
    const e = await errorOf(yaml);
    expect(e.message).toContain(part);
    expect(e.code).toBe(code);
    expect(e.field).toBe('yaml');
    expect(e.position).toMatchObject({ line, column });
  });

  it('reads a good file', async () => {
    const r = await readWorksheet(sheet('  - expr: "x^2"\n    wrt: x\n    points: 2\n'));
    expect(r.spec.problems[0]).toMatchObject({ expr: 'x^2', wrt: 'x', points: 2 });
  });
});

describe('the JSON copy of the worksheet schema (read without loading typebox)', () => {
  it('is current (npm run docs:api writes it)', () => {
    const path = fileURLToPath(new URL('../../src/worksheet/schema.generated.ts', import.meta.url));
    if (process.env['UPDATE_DOCS']) writeFileSync(path, worksheetSchemaModule());
    expect(readFileSync(path, 'utf8')).toBe(worksheetSchemaModule());
  });
  it.each([
    ['the example', readFileSync(fileURLToPath(new URL('../../docs/examples/backprop.yaml', import.meta.url)), 'utf8')],
    ['the Korean example', readFileSync(fileURLToPath(new URL('../../docs/examples/backprop.ko.yaml', import.meta.url)), 'utf8')],
    ['a bad paper', 'title: T\npaper: a5\nproblems:\n  - expr: x\n'],
    ['points 0', 'title: T\nproblems:\n  - expr: x\n    points: 0\n'],
    ['an empty title', 'title: ""\nproblems:\n  - expr: x\n'],
    ['no problems', 'title: T\nproblems: []\n'],
    ['an unknown field', 'title: T\nproblems:\n  - expr: x\n    colour: red\n'],
    ['a bad show', 'title: T\nproblems:\n  - expr: x\n    show: [proof]\n'],
  ])('the JSON check agrees with TypeBox on %s', async (_name, yaml) => {
    const value = parseDocument(yaml).toJS();
    expect(check(WORKSHEET_FILE_JSON, value)).toBe(Value.Check(WORKSHEET_FILE_SCHEMA, value));
  });
});

describe('chainrule worksheet writes whole or nothing', { timeout: 120_000 }, () => {
  const cli = fileURLToPath(new URL('../../dist/src/api/cli.js', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'ws-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the bad problem with its line and column, exit 2, and writes nothing', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, sheet('  - expr: "x^2"\n    wrt: x\n  - expr: "σ(wx + "\n    wrt: w\n'));
    const out = join(dir, 'out');
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, [cli, 'worksheet', file, '--out', out, '--format', 'html,tex'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      status = (e as { status: number }).status;
      stderr = String((e as { stderr: string }).stderr);
    }
    expect(status).toBe(2);
    expect(stderr).toMatch(/problems\[1\]\.expr/);
    expect(stderr).toMatch(/line 6, column \d+/);
    expect(stderr).toContain('^');
    expect(stderr).toContain('[1/2]'); // progress lines
    expect(existsSync(out)).toBe(false);
  });

  it('writes every file of a good sheet', () => {
    const file = join(dir, 'good.yaml');
    writeFileSync(file, sheet('  - expr: "x^2"\n    wrt: x\n'));
    const out = join(dir, 'good');
    const stdout = execFileSync(process.execPath, [cli, 'worksheet', file, '--out', out, '--format', 'html,tex', '--lang', 'ko', '-q'], { encoding: 'utf8' });
    expect(stdout).toContain('good.ko.solution.tex');
    expect(readdirSync(out).sort()).toEqual(['good.ko.solution.html', 'good.ko.solution.tex', 'good.ko.student.html', 'good.ko.student.tex']);
  });
});
