// One expression through named parts (src/derive/parts.ts, deriveProgram at `textbook`): which
// parts are named and how, names that clash with nothing of the input, and — for every golden
// one-expression case, G1–G4 in one-expression form and the n-layer network for n = 2, 3 — the
// same result tree as the rewrite-by-rewrite derivation (`full`), every derivation verified.
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/ast/nodes.js';
import { children, equal, freeSymbols, withChildren } from '../../src/ast/traverse.js';
import { checkDerivation, checkEquivalent } from '../../src/check/index.js';
import { substitute } from '../../src/derive/chain.js';
import { namesIn, nameParts } from '../../src/derive/parts.js';
import { deriveProgram, type ChainResult, type ExpressionResult } from '../../src/derive/program.js';
import { canonicalSymbol } from '../../src/parse/index.js';
import { parseTextProgram } from '../../src/parse/text.js';
import { toText, toUnicode } from '../../src/render/index.js';
import { stepProblems } from './trace.js';

const P = (s: string): Expr => parseTextProgram(s).program.body!;
const V = canonicalSymbol;
const partsOf = (s: string, wrt: string[]) => {
  const e = P(s);
  return nameParts(e, wrt, new Set([...namesIn(e), ...wrt]));
};
const shown = (s: string, wrt: string[]) => partsOf(s, wrt)?.definitions.map((d) => `${toUnicode(P(d.name))} = ${toUnicode(d.expr)}`);

/** A network of n σ layers in one expression: BCE(σ(w_n … σ(w_1 x + b_1) … + b_n), y). */
function network(n: number): string {
  let s = 'x';
  for (let i = 1; i <= n; i++) s = `σ(w_${i} ${s} + b_${i})`;
  return `BCE(${s}, y)`;
}

describe('naming the parts', () => {
  it('G1 as the notes name it: u = wx + b, s = σ(u), L = BCE(s, ŷ)', () => {
    expect(shown('BCE(σ(wx+b), ŷ)', ['w'])).toEqual(['u = wx + b', 's = σ(u)', 'L = BCE(s, ŷ)']);
  });
  it('layers are numbered from the input up', () => {
    expect(shown(network(2), ['w_1'])).toEqual(['u₁ = w₁x + b₁', 's₁ = σ(u₁)', 'u₂ = w₂s₁ + b₂', 's₂ = σ(u₂)', 'L = BCE(s₂, y)']);
  });
  it('BCE written out: σ(wx + b) repeats, 1 − s stays inline', () => {
    expect(shown('−(ŷ·log(σ(wx+b)) + (1−ŷ)·log(1−σ(wx+b)))', ['w'])).toEqual(['u = wx + b', 's = σ(u)', 'f = −(ŷ·log(s) + (1 − ŷ)·log(1 − s))']);
  });
  it('a repeated sub-expression is named once; its pieces are not counted again', () => {
    expect(shown('(x^2+1)^3 + sin(x^2+1)', ['x'])).toEqual(['u = x² + 1', 'f = u³ + sin(u)']);
  });
  it('short expressions with one part, and expressions without parts, keep the full trace', () => {
    for (const s of ['σ(wx+b)', '−log(σ(z))', 'x^2 + 2x + 1', '(y − (a x + b))^2', 'e^x/(e^x+1)', 'log(x/3 + 2/3)']) {
      expect(partsOf(s, [V(s.includes('w') ? 'w' : s.includes('a x') ? 'a' : s.includes('z') ? 'z' : 'x')]), s).toBeUndefined();
    }
  });
  it("the names clash with none of the input's, not even by their letter", () => {
    const e = 'BCE(σ(u s + a_1), L)';
    const d = partsOf(e, ['u'])!;
    const names = d.definitions.map((x) => x.name);
    const used = new Set(namesIn(P(e)));
    for (const n of names) expect(used.has(n), n).toBe(false);
    expect(names.map((n) => n[0])).not.toContain('u');
    expect(names.map((n) => n[0])).not.toContain('s');
    expect(names).not.toContain('L');
    // and the derivation through them is still right
    const r = deriveProgram({ definitions: [], body: P(e) }, ['u'], 1) as ChainResult;
    expect(r.parts!.names).toEqual(names);
    expect(equal(r.substituted[0]![1], (deriveProgram({ definitions: [], body: P(e) }, ['u'], 1, { steps: 'full' }) as ExpressionResult).results[0]!.derivation.result)).toBe(true);
  });
  it('declared names are avoided too', () => {
    const e = P('BCE(σ(wx+b), ŷ)');
    const d = nameParts(e, ['w'], new Set([...namesIn(e), 'u', 'v', 's_2']))!;
    expect(d.definitions.map((x) => x.name)).toEqual(['q', 'p', 'L']);
  });
});

/** [case, expression, variables]: the goldens asked as one expression. */
const TABLE: readonly (readonly [string, string, readonly string[]])[] = [
  ['G1', 'BCE(σ(wx + b), ŷ)', ['w', 'b']],
  ['G1 BCE written out', '−(ŷ·log(σ(wx+b)) + (1−ŷ)·log(1−σ(wx+b)))', ['w', 'b']],
  ['G1 step 1', 'BCE(y, ŷ)', ['y']],
  ['G1 step 2: σ from its definition', '1/(1+e^(−z))', ['z']],
  ['G1 through σ written out', 'BCE(1/(1+exp(−(wx+b))), ŷ)', ['w']],
  ['G2 y = 1', '−log(σ(z))', ['z']],
  ['G2 logistic regression', 'BCE(σ(w0 + w1 x1 + w2 x2), y)', ['w1', 'w2', 'x1']],
  ['G2 the loss as the slide writes it', '−y·log(σ(w0 + w1 x1 + w2 x2)) − (1−y)·log(1−σ(w0 + w1 x1 + w2 x2))', ['w1']],
  ['G3 squared residual', '(y − (a x + b))^2', ['a', 'b']],
  ['G3 log(x/3 + 2/3)', 'log(x/3 + 2/3)', ['x']],
  ['G4 two layers', 'BCE(σ(W2 σ(W1 X + b1) + b2), y)', ['W1', 'W2', 'b1', 'b2']],
  ['G5 S = eˣ/(eˣ+1)', 'e^x/(e^x+1)', ['x']],
  ['G5 g(h(x))', '(x + 1)^2', ['x']],
  ['G5 logit', 'log(p/(1−p))', ['p']],
  ['MSE through σ', 'MSE(σ(w x + b), y)', ['w']],
  ['tanh of tanh', 'tanh(w_2 tanh(w_1 x))', ['w_1']],
  ['exp of sin of a square', 'exp(sin(x^2))', ['x']],
  ['n-layer network, n = 2', network(2), ['w_1', 'b_2']],
  ['n-layer network, n = 3', network(3), ['w_1', 'w_2', 'b_3']],
];

/** The tree with every product's factors in one fixed order (by their text). */
function factorsSorted(e: Expr): Expr {
  const kids = children(e).map(factorsSorted);
  const w = withChildren(e, kids);
  if (w.kind !== 'mul') return w;
  return { ...w, factors: [...w.factors].sort((a, b) => (toText(a) < toText(b) ? -1 : toText(a) > toText(b) ? 1 : 0)) };
}

describe('textbook (named parts) ends where full ends', () => {
  it.each(TABLE)('%s', (_, s, vars) => {
    const e = P(s);
    const ws = vars.map((v) => V(v));
    const full = deriveProgram({ definitions: [], body: e }, ws, 1, { steps: 'full' }) as ExpressionResult;
    expect(full.mode).toBe('expression');
    const text = deriveProgram({ definitions: [], body: e }, ws, 1, { steps: 'textbook' });
    const results = text.mode === 'expression' ? text.results.map((x) => x.derivation.result) : text.substituted.map(([, r]) => r);
    // the same tree up to the order of a product's factors: the textbook moves keep the order the
    // notes write ((σ(wx + b) − ŷ)x), a whole-expression normal form may put x first
    full.results.forEach((x, i) => expect(toText(factorsSorted(results[i]!)), `∂/∂${x.wrt}`).toBe(toText(factorsSorted(x.derivation.result))));
    if (text.mode !== 'chain') return;
    // every local and upstream derivation and every substitution back verifies
    for (const d of [...text.chain.locals, ...text.chain.adjoints].map((x) => x.derivation)) expect(checkDerivation(d).status, toText(d.start)).toBe('verified');
    for (const b of text.parts!.back) {
      const d = b.derivation;
      expect(equal(d.start, substitute(text.chain.gradients[b.wrt]!, text.definitions))).toBe(true);
      expect(stepProblems(d.steps, d.start, d.result).filter((p) => !p.includes('rule id'))).toEqual([]);
      expect(checkDerivation(d).status, `back ∂/∂${b.wrt}`).toBe('verified');
    }
    // the target written out is the input, and no introduced name is left in a result
    expect(equal(substitute(P(text.target), text.definitions), e)).toBe(true);
    for (const r of results) for (const n of text.parts!.names) expect(freeSymbols(r)).not.toContain(n);
  });
});

describe('larger networks', () => {
  it('n = 6: named parts give a result equal in value to the full derivation', () => {
    const e = P(network(6));
    const text = deriveProgram({ definitions: [], body: e }, ['w_1'], 1) as ChainResult;
    expect(text.parts!.names).toHaveLength(13);
    const full = deriveProgram({ definitions: [], body: e }, ['w_1'], 1, { steps: 'full' }) as ExpressionResult;
    expect(checkEquivalent(text.substituted[0]![1], full.results[0]!.derivation.result).status).toBe('verified');
  });
});
