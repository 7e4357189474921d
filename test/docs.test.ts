// Docs stay true: every error code has its section in docs/errors.md, every registry function
// appears in docs/notation.md.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS } from '../src/errors.js';
import { FUNCTIONS } from '../src/functions/index.js';

const errorsDoc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
const notationDoc = readFileSync(new URL('../docs/notation.md', import.meta.url), 'utf8');

describe('docs', () => {
  it.each(Object.keys(ERRORS))('docs/errors.md explains %s', (code) => {
    expect(errorsDoc).toContain(`## ${code}\n`);
  });
  it.each(FUNCTIONS.map((f) => f.name))('docs/notation.md lists %s', (name) => {
    expect(notationDoc).toMatch(new RegExp(`\\b${name}\\b`));
  });
});
