// STACK's answer-test fixtures (../shared/conformance/stack-answertests.jsonl, GPL test data kept
// beside the project, read here and never copied): every translated AlgEquiv and Diff row through
// our parser and equivalent(), every EqualComAss/CasEqual row through sameForm/sameTree. Asserts
// the agreement rate with STACK's intended result, that every known STACK failure that is a true
// identity is accepted, that no STACK error row is accepted, and that docs/verify-stack.md lists
// exactly the current disagreements (its tables are the record; update them with the reasons).
// Diff rows are AlgEquiv between the two derivatives (the fixture README: nothing is differentiated).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { mainExpr, parse } from '../../src/parse/index.js';
import { equivalent } from '../../src/verify/equivalence.js';
import { sameForm, sameTree } from '../../src/verify/symbolic.js';
import { HAS_SHARED, readJsonl } from '../helpers/shared.js';

interface Row {
  source_line: number;
  test: 'AlgEquiv' | 'Diff' | 'EqualComAss' | 'CasEqual';
  student: string | null;
  teacher: string | null;
  intended_result: 0 | 1 | null;
  known_stack_failure: boolean;
  caution: string | null;
}

type Ours = 0 | 1 | 'undetermined';
interface Outcome {
  readonly row: Row;
  readonly ours?: Ours;
  readonly parseError?: string;
  readonly reason?: string;
}

const DOC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'verify-stack.md');
/** The bar for AlgEquiv + Diff rows with an intended result. */
const MIN_AGREEMENT = 0.95;

const show = (o: Ours | undefined): string => (o === undefined ? 'unparsed' : String(o));

/** Rows of the markdown table that follows `heading`: first cell = source line. */
function tableRows(doc: string, heading: string): string[][] {
  const start = doc.indexOf(`\n## ${heading}`);
  if (start < 0) return [];
  const end = doc.indexOf('\n## ', start + 4);
  return doc
    .slice(start, end < 0 ? undefined : end)
    .split('\n')
    .filter((l) => /^\|\s*\d+\s*\|/.test(l))
    .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
}

describe.skipIf(!HAS_SHARED)('STACK answer tests (../shared/conformance/stack-answertests.jsonl)', () => {
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    const rows = readJsonl<Row>('stack-answertests.jsonl').filter((r) => r.student !== null && r.teacher !== null);
    for (const row of rows) {
      let s, t;
      try {
        s = mainExpr(parse(row.student!, { notation: 'text' }));
        t = mainExpr(parse(row.teacher!, { notation: 'text' }));
      } catch (err) {
        outcomes.push({ row, parseError: (err as Error).message });
        continue;
      }
      if (row.test === 'EqualComAss') outcomes.push({ row, ours: sameForm(s, t) ? 1 : 0 });
      else if (row.test === 'CasEqual') outcomes.push({ row, ours: sameTree(s, t) ? 1 : 0 });
      else {
        const e = await equivalent(s, t);
        outcomes.push({ row, ours: e.verdict === 'correct' ? 1 : e.verdict === 'incorrect' ? 0 : 'undetermined', reason: e.reason });
      }
    }
    if (process.env.STACK_REPORT) {
      for (const o of outcomes) {
        const r = o.row;
        console.log(`| ${r.source_line} | ${r.test} | \`${r.student}\` | \`${r.teacher}\` | ${r.intended_result} | ${show(o.ours)} | ${o.parseError ?? o.reason ?? ''} |`);
      }
    }
  }, 120_000);

  const value = (o: Outcome) => o.row.test === 'AlgEquiv' || o.row.test === 'Diff';
  const decided = (o: Outcome) => o.row.intended_result !== null && o.ours !== undefined;
  const disagrees = (o: Outcome) => decided(o) && o.ours !== o.row.intended_result;

  it('parses every translated row (the unparsed ones are listed with their error)', () => {
    const unparsed = outcomes.filter((o) => o.parseError).map((o) => `${o.row.source_line}: ${o.parseError}`);
    const listed = tableRows(readFileSync(DOC, 'utf8'), 'Unparsed rows').map((c) => Number(c[0]));
    expect(listed.sort()).toEqual(outcomes.filter((o) => o.parseError).map((o) => o.row.source_line).sort());
    expect(unparsed.length).toBeLessThanOrEqual(outcomes.length);
  });

  it(`agrees with STACK's intended result on ≥ ${MIN_AGREEMENT * 100} % of the AlgEquiv and Diff rows`, () => {
    const rows = outcomes.filter((o) => value(o) && decided(o));
    const agreed = rows.filter((o) => !disagrees(o)).length;
    expect(rows.length).toBeGreaterThan(100);
    expect(agreed / rows.length).toBeGreaterThanOrEqual(MIN_AGREEMENT);
    // the summary line of the doc states the current numbers
    const doc = readFileSync(DOC, 'utf8');
    const unparsed = outcomes.filter((o) => value(o) && o.parseError).length;
    expect(doc).toContain(`AlgEquiv + Diff: ${rows.length} rows run, ${agreed} agreed, ${rows.length - agreed} disagreed, ${unparsed} unparsed`);
  });

  it('accepts every known STACK failure that is a true identity', () => {
    const known = outcomes.filter((o) => o.row.known_stack_failure && o.row.intended_result === 1);
    expect(known.length).toBeGreaterThan(10);
    expect(known.filter((o) => o.ours !== 1).map((o) => o.row.source_line)).toEqual([]);
  });

  it('accepts none of the STACK error rows (1/0 and the like)', () => {
    const errors = outcomes.filter((o) => o.row.intended_result === null && value(o));
    expect(errors.filter((o) => o.ours === 1).map((o) => o.row.source_line)).toEqual([]);
    const listed = tableRows(readFileSync(DOC, 'utf8'), 'STACK error rows').map((c) => `${c[0]} ${c[5]}`);
    expect(listed.sort()).toEqual(outcomes.filter((o) => o.row.intended_result === null).map((o) => `${o.row.source_line} ${show(o.ours)}`).sort());
  });

  it('docs/verify-stack.md lists exactly the current disagreements', () => {
    const doc = readFileSync(DOC, 'utf8');
    const listed = tableRows(doc, 'Disagreements').map((c) => `${c[0]} ${c[1]} ${c[5]}`);
    const current = outcomes.filter(disagrees).map((o) => `${o.row.source_line} ${o.row.test} ${show(o.ours)}`);
    expect(listed.sort()).toEqual(current.sort());
    // every row listed has a reason
    for (const c of tableRows(doc, 'Disagreements')) expect(c[6]?.length ?? 0).toBeGreaterThan(20);
  });

  it('docs/verify-stack.md gives chainrule’s verdict on every caution row', () => {
    const listed = tableRows(readFileSync(DOC, 'utf8'), 'Caution rows: the policy chainrule takes').map((c) => `${c[0]} ${c[2]}`);
    const current = outcomes.filter((o) => o.row.caution).map((o) => `${o.row.source_line} ${show(o.ours)}`);
    expect(listed.sort()).toEqual(current.sort());
  });

  it('form rows (EqualComAss, CasEqual): agreement stated in the doc', () => {
    const rows = outcomes.filter((o) => !value(o) && decided(o));
    const agreed = rows.filter((o) => !disagrees(o)).length;
    expect(readFileSync(DOC, 'utf8')).toContain(`EqualComAss + CasEqual: ${rows.length} rows run, ${agreed} agreed, ${rows.length - agreed} disagreed`);
  });
});
