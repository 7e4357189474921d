// Schemas of the reading ops: `parse` (an expression or program printed back, with its tree),
// `evaluate` (the value at a point, exact when rational) and `latex`.
import { Type } from 'typebox';
import { Expr, NumberOrWord, PointValue, Readings, readingFields } from './common.js';

/** The JSON tree of an expression (src/ast/json.ts): nodes tagged by `kind`. */
const Tree = Type.Object({ kind: Type.String() }, { description: 'the JSON tree (`{"kind": "sym", "name": "x"}`, …)' });

export const parse = {
  summary: 'read an expression (or definitions) and print it back',
  description: 'The expression as plain text that parses back, Unicode and LaTeX, with its JSON tree; each definition likewise. A program with only definitions has no top-level `text`/`tree`.',
  request: Type.Object({ expr: Expr, ...readingFields }, { additionalProperties: false }),
  response: Type.Object({
    text: Type.Optional(Type.String()),
    unicode: Type.Optional(Type.String()),
    latex: Type.Optional(Type.String()),
    tree: Type.Optional(Tree),
    definitions: Type.Array(Type.Object({ name: Type.String(), text: Type.String(), unicode: Type.String(), latex: Type.String(), tree: Tree })),
    readings: Type.Optional(Readings),
  }),
};

export const evaluate = {
  summary: 'evaluate at a point',
  description: 'Definitions in order, then the main expression; `exact` when the value is rational and every input exact (it then decides the value). A value that doubles lose to rounding is re-evaluated at 64 and 128 digits; one that even those cannot settle has `approximate: true` and `errorBound`. A value outside a domain is a `DOMAIN` error with its position; a value that overflows is `NOT_FINITE`.',
  request: Type.Object(
    {
      expr: Expr,
      at: Type.Optional(Type.Record(Type.String(), PointValue, { description: 'the point: symbol name → number, or a string `"1.5"`, `"1/3"` kept exact' })),
      ...readingFields,
    },
    { additionalProperties: false },
  ),
  response: Type.Object({
    value: NumberOrWord,
    exact: Type.Optional(Type.String()),
    approximate: Type.Optional(Type.Literal(true, { description: 'the value could not be settled to double precision' })),
    errorBound: Type.Optional(Type.Number({ description: 'with `approximate`: |value − true value| ≤ errorBound' })),
    readings: Type.Optional(Readings),
  }),
};

export const latex = {
  summary: 'print an expression as LaTeX',
  description: 'The main expression (or the last definition) as KaTeX-valid LaTeX.',
  request: Type.Object(
    { expr: Expr, layerIndex: Type.Optional(Type.Boolean({ description: 'print numeric subscripts of capitals as layer indices `W^{(1)}`' })), ...readingFields },
    { additionalProperties: false },
  ),
  response: Type.Object({ latex: Type.String(), readings: Type.Optional(Readings) }),
};
