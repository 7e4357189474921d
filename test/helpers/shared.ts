// Access to ../shared (the golden seeds and peers' conformance data). CI has it; a user's clone
// may not, so tests that read it skip with a loud notice instead of failing — except under CI
// (the CI variable set), where ../shared is expected and its absence fails every such test file.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared');
export const HAS_SHARED = existsSync(join(SHARED, 'conformance'));

if (!HAS_SHARED) {
  if (process.env['CI']) throw new Error(`${SHARED} is absent, but CI is set and expects it: the conformance tests cannot run.`);
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\n!! NOTICE: ${SHARED} is absent;\n!! the tests that read ../shared (conformance, golden seeds) are SKIPPED.\n${bar}\n`);
}

export function readJsonl<T>(name: string): T[] {
  return readFileSync(join(SHARED, 'conformance', name), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}
