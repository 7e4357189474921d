// Functions of indices (docs/architecture.md, "Indexed scalars"): the Kronecker δ, which is also
// the indicator [j = u]. Its arguments are index values (letters bound by a sum, free indices
// such as j and u, or integers once a check instantiates them), never variables: its partials
// are 0, and its value is 1 exactly when the two indices are equal.
import { int } from '../ast/build.js';
import type { FunctionSpec } from './spec.js';

export const indexed: readonly FunctionSpec[] = [
  {
    name: 'kronecker', aliases: [], arity: 2, params: ['j', 'u'],
    doc: 'Kronecker delta δ_ju = [j = u]: 1 when the indices are equal, else 0 (also written δ_{ju}, [j = u])',
    unicode: 'δ', latex: '\\delta',
    latexForm: ([j, u]) => `\\delta_{${j}${u}}`,
    eval: (j, u) => (j === u ? 1 : 0), js: ([a, b]) => `(${a} === ${b} ? 1 : 0)`, exactZero: true,
    partials: [() => int(0), () => int(0)],
    partialNote: 'its arguments are indices, not variables: nothing varies continuously',
  },
];
