// Access to ../shared (the golden seeds and peers' conformance data). CI has it; a user's clone
// may not, so tests that read it skip with a notice instead of failing.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared');
export const HAS_SHARED = existsSync(join(SHARED, 'conformance'));

if (!HAS_SHARED) console.warn(`notice: ${SHARED} is absent; tests that read ../shared are skipped.`);

export function readJsonl<T>(name: string): T[] {
  return readFileSync(join(SHARED, 'conformance', name), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}
