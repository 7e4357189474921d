// Named upstream factors (docs/architecture.md, "Named upstream factors"): past a size threshold an
// upstream gradient enters the gradients below it as the symbol ∂L/∂v. Every such chain must still
// be right: with every factor named (threshold 0) the gradient, factors expanded and definitions
// substituted, equals the numerical derivative, and every adjoint derivation checks. The printed
// forms, and that a factor is never taken for an input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sym } from '../../src/ast/build.js';
import { factorName, factorParts, isFactorName } from '../../src/ast/names.js';
import { checkDerivation, checkDerivative, checkEquivalent } from '../../src/check/index.js';
import { deriveChain, expandFactors, NAMED_FACTOR_SIZE, substitute } from '../../src/derive/chain.js';
import { programInputs } from '../../src/derive/program.js';
import { parseTextProgram } from '../../src/parse/text.js';
import { toLatex, toText, toUnicode } from '../../src/render/index.js';
import { arbChain } from './arbitrary.js';
import { networkDefinitions } from '../../bench/programs.js';

const defs = (s: string) => parseTextProgram(s).program.definitions;

const network = networkDefinitions;

describe('the symbol', () => {
  it('is a name no parse produces, read back into its two names', () => {
    const n = factorName('L', 'z_2');
    expect(factorParts(n)).toEqual({ of: 'L', wrt: 'z_2' });
    expect(isFactorName('z_2')).toBe(false);
    // typed, ∂L/∂z_2 is Leibniz notation: the operator ∂/∂z_2 applied to L, never this symbol
    const typed = parseTextProgram(n).program.body!;
    expect(typed.kind === 'diff' && typed.wrt === 'z_2' && typed.arg.kind === 'sym' && typed.arg.name === 'L').toBe(true);
  });
  it('prints ∂L/∂z₂, with a dot after it, and as a LaTeX fraction', () => {
    const e = parseTextProgram('W_2*a_1*(1 - a_1)').program.body!;
    const f = sym(factorName('L', 'z_2'));
    const m = { kind: 'mul', factors: [f, ...(e.kind === 'mul' ? e.factors : [e])] } as const;
    expect(toUnicode(m)).toBe('∂L/∂z₂·W₂a₁(1 − a₁)');
    expect(toText(m)).toBe('∂L/∂z_2*W_2*a_1*(1 - a_1)');
    expect(toLatex(m)).toBe('\\frac{\\partial L}{\\partial z_{2}} \\cdot W_{2}a_{1}(1 - a_{1})');
    expect(toLatex(f)).toBe('\\frac{\\partial L}{\\partial z_{2}}');
  });
});

describe('through definitions', () => {
  it('G4 keeps every upstream gradient written out at the engine threshold', () => {
    const c = deriveChain(defs('z1 = W1 X + b1; a1 = σ(z1); z2 = W2 a1 + b2; a2 = σ(z2); L = BCE(a2, y)'), ['W_1'], undefined, { namedFactors: NAMED_FACTOR_SIZE });
    expect(c.factors).toBeUndefined();
    expect(toText(c.gradients['W_1']!)).toBe('(a_2 - y)*W_2*a_1*(1 - a_1)*X');
  });
  it('a deep network names its large upstream gradients; each adjoint stays small', () => {
    const d = defs(network(24));
    const c = deriveChain(d, ['w_1'], undefined, { namedFactors: NAMED_FACTOR_SIZE });
    expect(Object.keys(c.factors ?? {}).length).toBeGreaterThan(3);
    for (const a of c.adjoints) expect(toText(a.result).length).toBeLessThan(4 * NAMED_FACTOR_SIZE);
    // the factors are never inputs of the program, and never left in the substituted gradient
    expect(programInputs({ definitions: d, body: null }).some(isFactorName)).toBe(false);
    const flat = substitute(expandFactors(c.gradients['w_1']!, c), d);
    expect(toText(flat)).not.toContain('∂');
    expect(checkDerivative(substitute(sym('L'), d), 'w_1', flat).status).toBe('verified');
  });
  it('every factor named (threshold 0): gradients right, every adjoint verified', () => {
    fc.assert(
      fc.property(arbChain, ({ defs: ds, inputs }) => {
        // the same function as the gradient with nothing named (the existing property tests
        // check that one against the numerical derivative, with a high-precision re-check)
        const c = deriveChain(ds, inputs, undefined, { namedFactors: 0 });
        const plain = deriveChain(ds, inputs);
        for (const w of inputs) {
          const flat = substitute(expandFactors(c.gradients[w]!, c), ds);
          const v = checkEquivalent(flat, substitute(plain.gradients[w]!, ds));
          expect(v.status, `${toText(c.gradients[w]!)}: ${JSON.stringify(v)}`).toBe('verified');
        }
        for (const a of c.adjoints) expect(checkDerivation(a.derivation).status).not.toBe('refuted');
      }),
      { seed: 0x5eed_fac7, numRuns: 40 },
    );
  });
  it('without the option nothing is named (the gradients are in the definitions\u2019 names)', () => {
    const c = deriveChain(defs(network(24)), ['w_1']);
    expect(c.factors).toBeUndefined();
    expect(toText(c.gradients['w_1']!)).not.toContain('∂');
  });
});
