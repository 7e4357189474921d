// docs/notation.md's function table is generated from the function specs
// (scripts/gen-notation-table.mjs) and must never drift: it is regenerated here in memory from the
// TypeScript sources and compared, and the script's --stdout path (from dist/) prints the same page.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../src/functions/index.js';
import { BEGIN, END, functionTable, withTable } from '../../scripts/gen-notation-table.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const doc = readFileSync(fileURLToPath(new URL('../../docs/notation.md', import.meta.url)), 'utf8');
const script = fileURLToPath(new URL('../../scripts/gen-notation-table.mjs', import.meta.url));
const HAS_DIST = existsSync(fileURLToPath(new URL('../../dist/src/functions/index.js', import.meta.url)));

describe('docs/notation.md function table', () => {
  it('is up to date with the specs (run `npm run build && node scripts/gen-notation-table.mjs`)', () => {
    expect(doc).toContain(functionTable(FUNCTIONS));
    expect(withTable(doc, FUNCTIONS)).toBe(doc);
  });

  it.skipIf(!HAS_DIST)('is what `node scripts/gen-notation-table.mjs --stdout` prints (from dist/)', () => {
    const out = execFileSync(process.execPath, [script, '--stdout'], { cwd: root, encoding: 'utf8' });
    expect(out).toBe(doc);
  });

  it('has one row per function, with every spelling, the domain, exact values and loss roles', () => {
    const table = doc.slice(doc.indexOf(BEGIN), doc.indexOf(END));
    for (const f of FUNCTIONS) {
      const row = table.split('\n').find((l) => l.startsWith('| `' + f.name + '` |'));
      expect(row, f.name).toBeDefined();
      for (const a of f.aliases) expect(row).toContain('`' + a + '`');
      if (f.domainText) expect(row).toContain(f.domainText.replaceAll('|', '\\|'));
      for (const p of f.exactValues ?? []) expect(row).toContain(`(${p.at.n}) = `);
      if (f.loss) expect(row).toMatch(/a loss: the 1st argument is the prediction/);
    }
  });

  it('fails loudly without its markers', () => {
    expect(() => withTable('# Notation\n', FUNCTIONS)).toThrow(/markers/);
  });
});
