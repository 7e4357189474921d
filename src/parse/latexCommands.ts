// The LaTeX commands the LaTeX front end knows, as one table (docs/notation-latex.md). Function
// commands are DERIVED from the registry: a spec whose `latex` head is a bare command (\sin,
// \sigma, \log_{10}), plus every spelling of a function that KaTeX has as a built-in operator
// (\ln, \arcsin, \cosec). Everything else maps to what the lexer does with it.
import { GREEK, GREEK_BY_CHAR } from '../ast/names.js';
import { FUNCTIONS } from '../functions/index.js';
import { editDistance } from './words.js';

export type Command =
  | { kind: 'space' } // \, \; \quad … and \displaystyle: nothing
  | { kind: 'op'; value: '*' | '/' } // \cdot \times \ast \div
  | { kind: 'func'; name: string } // registry function, canonical name
  | { kind: 'greek'; name: string } // symbol, canonical ASCII name
  | { kind: 'pi' }
  | { kind: 'accent'; accent: 'hat' | 'bar' | 'tilde' | 'dot' }
  | { kind: 'name'; operator: boolean } // \mathrm{…} \text{…}; \operatorname{…} (must be a function)
  | { kind: 'frac' }
  | { kind: 'sqrt' }
  | { kind: 'left' }
  | { kind: 'right' }
  | { kind: 'size' } // \big( \Bigr) …: the delimiter that follows counts as a plain one
  | { kind: 'bar'; side: 'open' | 'close' | 'either' } // \lvert \rvert \vert
  | { kind: 'newline' } // \\ separates statements
  | { kind: 'begin' }
  | { kind: 'end' }
  | { kind: 'sum' } // \sum_{i=1}^{K}: the sum node
  | { kind: 'unsupported'; why: string };

/** KaTeX's built-in operator names (katex src/functions/op.js, "\arcsin" … "\th"). */
const KATEX_OPERATORS = new Set([
  'arcsin', 'arccos', 'arctan', 'arctg', 'arcctg', 'arg', 'ch', 'cos', 'cosec', 'cosh', 'cot', 'cotg', 'coth', 'csc',
  'ctg', 'cth', 'deg', 'dim', 'exp', 'hom', 'ker', 'lg', 'ln', 'log', 'sec', 'sin', 'sinh', 'sh', 'tan', 'tanh', 'tg', 'th',
]);

const table = new Map<string, Command>();
/** `\log_{10}` style heads: command → subscript → canonical function name */
export const SUBSCRIPTED_FUNCTIONS = new Map<string, Map<string, string>>();

for (const f of FUNCTIONS) {
  const bare = /^\\([A-Za-z]+)$/.exec(f.latex);
  if (bare) table.set(bare[1]!, { kind: 'func', name: f.name });
  const sub = /^\\([A-Za-z]+)_\{([A-Za-z0-9]+)\}$/.exec(f.latex);
  if (sub) {
    const m = SUBSCRIPTED_FUNCTIONS.get(sub[1]!) ?? new Map<string, string>();
    m.set(sub[2]!, f.name);
    SUBSCRIPTED_FUNCTIONS.set(sub[1]!, m);
  }
  for (const s of [f.name, ...f.aliases]) if (KATEX_OPERATORS.has(s) && !table.has(s)) table.set(s, { kind: 'func', name: f.name });
}
// \sqrt is a construct of its own (optional [3] index, braced argument), not a plain head
table.set('sqrt', { kind: 'sqrt' });
for (const [name, ch] of Object.entries(GREEK)) table.set(name, { kind: 'greek', name: GREEK_BY_CHAR.get(ch) ?? name });
table.set('pi', { kind: 'pi' });

const more: Record<string, Command> = {
  ',': { kind: 'space' }, ';': { kind: 'space' }, ':': { kind: 'space' }, '>': { kind: 'space' }, '!': { kind: 'space' },
  ' ': { kind: 'space' }, '\n': { kind: 'space' }, '\t': { kind: 'space' }, quad: { kind: 'space' }, qquad: { kind: 'space' },
  enspace: { kind: 'space' }, thinspace: { kind: 'space' }, medspace: { kind: 'space' }, thickspace: { kind: 'space' },
  negthinspace: { kind: 'space' }, displaystyle: { kind: 'space' }, textstyle: { kind: 'space' },
  cdot: { kind: 'op', value: '*' }, times: { kind: 'op', value: '*' }, ast: { kind: 'op', value: '*' },
  div: { kind: 'op', value: '/' },
  hat: { kind: 'accent', accent: 'hat' }, widehat: { kind: 'accent', accent: 'hat' },
  bar: { kind: 'accent', accent: 'bar' }, overline: { kind: 'accent', accent: 'bar' },
  tilde: { kind: 'accent', accent: 'tilde' }, widetilde: { kind: 'accent', accent: 'tilde' },
  dot: { kind: 'accent', accent: 'dot' },
  mathrm: { kind: 'name', operator: false }, text: { kind: 'name', operator: false },
  textrm: { kind: 'name', operator: false }, mathit: { kind: 'name', operator: false },
  textit: { kind: 'name', operator: false }, operatorname: { kind: 'name', operator: true },
  frac: { kind: 'frac' }, dfrac: { kind: 'frac' }, tfrac: { kind: 'frac' },
  left: { kind: 'left' }, right: { kind: 'right' },
  lvert: { kind: 'bar', side: 'open' }, rvert: { kind: 'bar', side: 'close' }, vert: { kind: 'bar', side: 'either' },
  '|': { kind: 'unsupported', why: 'Norms \\| … \\| are not supported.' },
  '\\': { kind: 'newline' },
  begin: { kind: 'begin' }, end: { kind: 'end' },
  '{': { kind: 'unsupported', why: 'Braces \\{ \\} do not group here: use ( ) or [ ].' },
  '}': { kind: 'unsupported', why: 'Braces \\{ \\} do not group here: use ( ) or [ ].' },
  partial: { kind: 'unsupported', why: 'Derivative notation (\\partial, \\frac{d}{dx}) is not input: give the expression and choose the variable to differentiate by separately.' },
  nabla: { kind: 'unsupported', why: 'Gradients (\\nabla) are not input: give the expression and choose the variables separately.' },
  sum: { kind: 'sum' },
  prod: { kind: 'unsupported', why: 'Products (\\prod) are not supported: write the factors out.' },
  int: { kind: 'unsupported', why: 'Integrals are not supported.' },
  lim: { kind: 'unsupported', why: 'Limits are not supported.' },
  top: { kind: 'unsupported', why: 'Transposes are not supported: the engine works with scalars.' },
  odot: { kind: 'unsupported', why: 'Element-wise products are not supported: the engine works with scalars.' },
  infty: { kind: 'unsupported', why: 'Infinity is not a number the engine works with.' },
  pm: { kind: 'unsupported', why: '± gives two expressions: write one of them.' },
  mp: { kind: 'unsupported', why: '∓ gives two expressions: write one of them.' },
  vec: { kind: 'unsupported', why: 'The accent \\vec is not supported (only \\hat, \\bar, \\tilde and \\dot).' },
  check: { kind: 'unsupported', why: 'The accent \\check is not supported (only \\hat, \\bar, \\tilde and \\dot).' },
  ddot: { kind: 'unsupported', why: 'The accent \\ddot is not supported (only \\hat, \\bar, \\tilde and \\dot).' },
  mathbf: { kind: 'unsupported', why: 'Bold symbols (vectors, matrices) are not supported: the engine works with scalars; write the plain letter.' },
  boldsymbol: { kind: 'unsupported', why: 'Bold symbols (vectors, matrices) are not supported: the engine works with scalars; write the plain letter.' },
};
for (const size of ['big', 'Big', 'bigg', 'Bigg']) for (const side of ['', 'l', 'r', 'm']) more[size + side] = { kind: 'size' };
for (const [k, v] of Object.entries(more)) table.set(k, v);

/** What a command (without its backslash) is, or undefined when it is not part of the subset. */
export function command(name: string): Command | undefined {
  return table.get(name);
}

/** A "did you mean" for an unknown command: a known command it starts with (\sigmaz → \sigma z)
 * or one within two edits (\sigam → \sigma). */
export function suggestCommand(name: string): string | undefined {
  const usable = [...table.entries()].filter(([k, v]) => v.kind !== 'unsupported' && /^[A-Za-z]{2,}$/.test(k)).map(([k]) => k);
  const prefix = usable.filter((k) => name.startsWith(k) && name.length > k.length).sort((a, b) => b.length - a.length)[0];
  if (prefix) return `\\${prefix} ${name.slice(prefix.length)}`;
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of usable.sort()) {
    const d = editDistance(name, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best !== undefined && bestD <= 2 && bestD <= Math.ceil(name.length / 3) ? `\\${best}` : undefined;
}
