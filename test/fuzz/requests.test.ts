// Fuzzing as a habit (issue 10, item 6): seeded random grammar-valid requests over every op, small
// sizes, through the batch entry (handleRequest). Each must be answered — a result or a user
// error — never INTERNAL, and never TIME_LIMIT at a generous budget (a budget check, not a clock
// assertion). The seed is in the test name; CHAINRULE_FUZZ_SEED replays or varies it.
import { describe, expect, it } from 'vitest';
import { FUZZ_OPS, randomRequest, rng } from '../../bench/requests.js';
import { handleRequest } from '../../src/api/run.js';

const SEED = Number(process.env['CHAINRULE_FUZZ_SEED'] ?? 20261204);
const PER_OP = 16;
const GENEROUS_MS = 120_000;

describe(`fuzzed requests (seed ${SEED})`, () => {
  it.each(FUZZ_OPS)('%s: every answer is a result or a user error within the budget', async (op) => {
    const r = rng(SEED + FUZZ_OPS.indexOf(op));
    let ok = 0;
    for (let i = 0; i < PER_OP; i++) {
      const req = { id: i, ...randomRequest(r, op), budgetMs: GENEROUS_MS };
      const res = await handleRequest(req);
      const what = `seed ${SEED}, ${op} #${i}: ${JSON.stringify(req)} → ${JSON.stringify(res).slice(0, 300)}`;
      expect(res['id'], what).toBe(i);
      if (res['ok'] === true) ok++;
      else {
        const code = (res['error'] as { code: string }).code;
        expect(code, what).not.toBe('INTERNAL');
        expect(code, what).not.toBe('TIME_LIMIT');
      }
    }
    // the generator makes mostly answerable requests: a fuzz of nothing but errors tests little
    expect(ok, `${op}: answered ok`).toBeGreaterThanOrEqual(PER_OP / 2);
  });
});
