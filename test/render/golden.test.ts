// Golden rows (test/render/rows.ts) through the three printers. Every row also checks: KaTeX
// strict accepts the LaTeX (with and without layer indices), the text reads back to the same tree
// and the Unicode to the same unicodeNormal, with the reference reader (notation-reader.ts).
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { equal } from '../../src/ast/traverse.js';
import { toLatex, toText, toUnicode, unicodeNormal } from '../../src/render/index.js';
import { asSpelled, readNotation } from './notation-reader.js';
import { EDGES, LAYERS, SEEDS } from './rows.js';

const katexStrict = (s: string): string => katex.renderToString(s, { throwOnError: true, strict: 'error' });

describe.each([
  ['SEEDS golden cases', SEEDS],
  ['precedence and spelling edge cases', EDGES],
])('%s', (_title, rows) => {
  const table = Object.entries(rows).map(([name, r]) => [name, ...r] as const);
  it.each(table)('%s', (_name, tree, text, unicode, latex) => {
    expect(toText(tree)).toBe(text);
    expect(toUnicode(tree)).toBe(unicode);
    expect(toLatex(tree)).toBe(latex);
    expect(() => katexStrict(latex)).not.toThrow();
    expect(() => katexStrict(toLatex(tree, { layerIndex: true }))).not.toThrow();
    expect(equal(readNotation(text), asSpelled(tree))).toBe(true);
    expect(equal(unicodeNormal(readNotation(unicode)), unicodeNormal(tree))).toBe(true);
  });
});

describe('layer-indexed LaTeX', () => {
  it.each(Object.entries(LAYERS))('%s', (_name, [tree, latex]) => {
    expect(toLatex(tree, { layerIndex: true })).toBe(latex);
    expect(() => katexStrict(latex)).not.toThrow();
  });
});
