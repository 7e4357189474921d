// The stream that cannot die (issue 10, item 3) and budgets on every request (item 2): each input
// the issue quotes gets a result or a clean budget error (TIME_LIMIT / TOO_LARGE / INPUT_TOO_LONG)
// and the batch answers the next line; ids are echoed as sent; a BOM is read; a closed stdout
// (`| head -1`) ends the real process quietly. Budgets here are small so the rows stay quick; the
// assertions are on codes, never on elapsed time.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rawTopLevel, readLines } from '../../src/api/lines.js';
import { MAX_LINE, runBatch } from '../../src/api/batch.js';
import { runOp } from '../../src/api/run.js';
import { ChainruleError } from '../../src/errors.js';

const NEXT = { id: 'next', op: 'latex', expr: 'x' };
const NEXT_ANSWER = { id: 'next', ok: true, latex: 'x' };

/** Run a batch over `input` (a string, or chunks) and return its output lines as text. */
async function batchText(input: string | Iterable<string | Buffer> | AsyncIterable<string | Buffer>): Promise<string[]> {
  let out = '';
  const output = new Writable({
    write(chunk: Buffer, _enc, cb) {
      out += chunk.toString();
      cb();
    },
  });
  await runBatch(Readable.from(typeof input === 'string' ? [input] : input), output);
  const lines = out.split('\n');
  expect(lines.pop()).toBe('');
  for (const l of lines) expect(l, 'no stack trace').not.toMatch(/\n\s+at |node:internal|\.[jt]s:\d+:\d+/);
  return lines;
}
const batch = async (reqs: Array<Record<string, unknown>>): Promise<Array<Record<string, unknown>>> =>
  (await batchText(reqs.map((r) => JSON.stringify(r)).join('\n') + '\n')).map((l) => JSON.parse(l) as Record<string, unknown>);

const nest = (n: number, f: (s: string) => string, s = 'x'): string => (n === 0 ? s : nest(n - 1, f, f(s)));
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

type Quoted = [name: string, req: Record<string, unknown>, codes: ReadonlyArray<string | true>];
// [the quoted input, the request, the answers it may get: true = a result]
const QUOTED: Quoted[] = [
  ['σ nested 20 deep', { op: 'derive', expr: nest(20, (s) => `σ(${s})`), wrt: 'x', budgetMs: 1500 }, [true, 'TIME_LIMIT', 'TOO_LARGE']],
  // derived through named parts and named upstream factors, the result kept in the names
  // (RESULT_IN_NAMES): linear in the depth (it was refused TOO_LARGE when the result was substituted)
  ['σ nested 200 deep', { op: 'derive', expr: nest(200, (s) => `σ(${s})`), wrt: 'x', budgetMs: 120_000 }, [true]],
  ['x^x^…^x 10 levels', { op: 'derive', expr: Array(10).fill('x').join('^'), wrt: 'x', budgetMs: 1500 }, [true, 'TIME_LIMIT', 'TOO_LARGE']],
  ['Σ k·x^k, k ≤ 200', { op: 'derive', expr: range(200).map((k) => `${k}*x^${k}`).join(' + '), wrt: 'x', budgetMs: 1500 }, ['TIME_LIMIT', 'TOO_LARGE']],
  ['product of 300 sin(x+k)', { op: 'derive', expr: range(300).map((k) => `sin(x+${k})`).join('*'), wrt: 'x', budgetMs: 1500 }, ['TIME_LIMIT', 'TOO_LARGE']],
  ['latex of a 16-level -(x+-(x+…)*y)*y', { op: 'latex', expr: nest(16, (s) => `-(x+${s})*y`), budgetMs: 1500 }, [true, 'TIME_LIMIT']],
  ['parse of y*(x+y*(x+…)) 24 levels', { op: 'parse', expr: nest(24, (s) => `y*(x+${s})`), budgetMs: 1500 }, [true, 'TIME_LIMIT']],
  [
    'graph of a data sum with 10⁵ rows',
    { op: 'graph', expr: 'L = Σ_i (w x_i - y_i)^2', data: `x=${range(100_000).map((i) => i % 10).join(',')}; y=${range(100_000).map((i) => i % 7).join(',')}`, at: { w: 1 } },
    // the size guard answers at once on an idle machine; on a loaded one reading 10⁵ rows can pass
    // the default budget first — either way a clean code, and the next line is answered
    ['TOO_LARGE', 'TIME_LIMIT'],
  ],
];

describe('each quoted input gets a result or a clean budget error, and the next line is answered', () => {
  it.each(QUOTED)('%s', async (_name, req, codes) => {
    const [res, next] = await batch([{ id: 'q', ...req }, NEXT]);
    expect(res!['id']).toBe('q');
    const got = res!['ok'] === true ? true : (res!['error'] as { code: string }).code;
    expect(codes).toContain(got);
    if (got !== true) expect((res!['error'] as { message: string }).message.length).toBeGreaterThan(20);
    expect(next).toEqual(NEXT_ANSWER);
  });

  it('a budget of 1 ms stops a long derivation with TIME_LIMIT saying what it reached', async () => {
    const [res, next] = await batch([{ id: 1, op: 'derive', expr: range(300).map((k) => `sin(x+${k})`).join('*'), wrt: 'x', budgetMs: 1 }, NEXT]);
    expect(res).toMatchObject({ id: 1, ok: false, error: { code: 'TIME_LIMIT', message: expect.stringMatching(/budget of 1 ms while /) } });
    expect(next).toEqual(NEXT_ANSWER);
  });

  it('the library entry takes budgetMs too, and rejects a budget that is not a positive whole number', async () => {
    await expect(runOp('derive', { expr: range(300).map((k) => `sin(x+${k})`).join('*'), wrt: 'x', budgetMs: 1 })).rejects.toMatchObject({ code: 'TIME_LIMIT' });
    for (const budgetMs of [0, -5, 1.5, '100']) {
      await expect(runOp('latex', { expr: 'x', budgetMs })).rejects.toBeInstanceOf(ChainruleError);
      await expect(runOp('latex', { expr: 'x', budgetMs })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await runOp('latex', { expr: 'x^2', budgetMs: 5000 })).toEqual({ latex: 'x^{2}' });
  });
});

describe('lines', () => {
  it('a 600 MB line is answered INPUT_TOO_LONG with its id, without holding it, and the next line is answered', async () => {
    const mb = Buffer.alloc(1 << 20, 'x');
    async function* chunks(): AsyncGenerator<Buffer> {
      yield Buffer.from('{"id":"big","op":"latex","expr":"');
      for (let i = 0; i < 600; i++) yield mb;
      yield Buffer.from(`"}\n${JSON.stringify(NEXT)}\n`);
    }
    const out = (await batchText(chunks())).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toEqual([{ id: 'big', ok: false, error: { code: 'INPUT_TOO_LONG', message: expect.any(String) } }, NEXT_ANSWER]);
  });

  it('a line just over MAX_LINE characters is answered with its id too', async () => {
    const [res, next] = await batch([{ id: 77, op: 'latex', expr: 'x'.repeat(MAX_LINE) }, NEXT]);
    expect(res).toMatchObject({ id: 77, ok: false, error: { code: 'INPUT_TOO_LONG' } });
    expect(next).toEqual(NEXT_ANSWER);
  });

  it('an over-long line whose prefix shows no id is answered with id null', async () => {
    const [res] = await batch([{ op: 'latex', expr: 'x'.repeat(5_000_000), id: 3 }]);
    expect(res).toMatchObject({ id: null, ok: false, error: { code: 'INPUT_TOO_LONG' } });
  });

  it('ids are echoed exactly as sent: big integers, exponents, strings with escapes', async () => {
    const ids = ['12345678901234567890123', '1e400', '-0.1000000000000000055511151231257827', '"a\\"b\\u00e9"', '9007199254740993'];
    const out = await batchText(`${ids.map((id) => `{"id": ${id}, "op": "latex", "expr": "x"}`).join('\n')}\n`);
    expect(out.map((l) => l.slice(0, l.indexOf(',"ok"')))).toEqual(ids.map((id) => `{"id":${id === '"a\\"b\\u00e9"' ? '"a\\"bé"' : id}`));
    for (const l of out) expect(l.endsWith(',"ok":true,"latex":"x"}')).toBe(true);
  });

  it('a UTF-8 byte order mark before a line is accepted', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const out = await batchText([Buffer.concat([bom, Buffer.from(`${JSON.stringify({ id: 1, op: 'latex', expr: 'y' })}\n`)])]);
    expect(JSON.parse(out[0]!)).toEqual({ id: 1, ok: true, latex: 'y' });
  });

  it('readLines caps the bytes it holds and keeps a prefix', async () => {
    const lines = [];
    for await (const l of readLines(Readable.from([`${'a'.repeat(50)}\nshort\r\nlast`]), 20)) lines.push(l);
    expect(lines).toEqual([
      { text: 'a'.repeat(50), truncated: true },
      { text: 'short', truncated: false },
      { text: 'last', truncated: false },
    ]);
  });

  it.each<[string, string | undefined]>([
    ['{"id": 5, "op": "x"}', '5'],
    ['{"op": "x", "id": "s"}', '"s"'],
    ['{"a": {"id": 1}, "id": 2}', '2'],
    ['{"a": "{\\"id\\": 1}"}', undefined],
    ['{"id": [1, 2]}', undefined],
    ['{"id": 12', undefined],
    ['[{"id": 1}]', undefined],
  ])('rawTopLevel(%s) is %s', (text, raw) => {
    expect(rawTopLevel(text, 'id')).toBe(raw);
  });
});

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'dist', 'src', 'api', 'cli.js');

describe.skipIf(!existsSync(CLI))('the real batch process', () => {
  it('`| head -1`: a stdout closed after the first line ends the process quietly', async () => {
    const child = spawn(process.execPath, [CLI, 'batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const first = new Promise<string>((resolve) => {
      let buf = '';
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        const nl = buf.indexOf('\n');
        if (nl >= 0) {
          child.stdout.destroy();
          resolve(buf.slice(0, nl));
        }
      });
    });
    child.stdin.on('error', () => {});
    for (let i = 0; i < 3000; i++) child.stdin.write(`${JSON.stringify({ id: i, op: 'latex', expr: `x^${i}` })}\n`);
    child.stdin.end();
    expect(JSON.parse(await first)).toEqual({ id: 0, ok: true, latex: 'x^{0}' });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|\n\s+at |node:internal/);
    expect(code).toBe(0);
  });

  it('a request that does not stop by itself is stopped from outside (TIME_LIMIT), and the next line is answered', async () => {
    // cosh(x^2) vs cosh(abs(x)^2): the decimal tier's series on a huge argument has no checkpoint inside
    const child = spawn(process.execPath, [CLI, 'batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(`${JSON.stringify({ id: 'slow', op: 'verify', expected: 'cosh(x^2)', answer: 'cosh(abs(x)^2)', budgetMs: 500 })}\n${JSON.stringify(NEXT)}\n`);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const out = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out[0]).toMatchObject({ id: 'slow' });
    // stopped from outside, or by a checkpoint if the verifier gains one: either way a budget answer or a result
    expect([true, 'TIME_LIMIT']).toContain(out[0]!['ok'] === true ? true : (out[0]!['error'] as { code: string }).code);
    expect(out[1]).toEqual(NEXT_ANSWER);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
