// Building blocks shared by the op schemas (schema/*.ts): the request fields several ops take
// (expr, notation, names, points, data, check) and the response pieces several ops return
// (an expression in three forms, a value with its exact rational, a numeric verdict, an error).
// Plain JSON Schema through TypeBox: no transforms or functions, so the HTTP server can hand the
// same objects to its validator and to OpenAPI.
import { Type, type TSchema } from 'typebox';

// ---- request fields ----

export const Expr = Type.String({ description: 'an expression or a program of definitions (docs/notation.md)' });
export const Notation = Type.Union([Type.Literal('auto'), Type.Literal('text'), Type.Literal('latex')], {
  description: 'how to read the expressions; `auto` (default) reads LaTeX when the text contains a backslash',
});
export const Names = Type.Array(Type.String(), { description: 'declared multi-letter symbol names, e.g. `["loss", "lr"]`' });
export const Check = (what: string) => Type.Boolean({ description: `\`false\` skips ${what} (default \`true\`)` });
/** A value in a point: a JSON number, or a decimal/fraction string kept exact ("1/3"). */
export const PointValue = Type.Union([Type.Number(), Type.String()]);
export const PointObject = Type.Record(Type.String(), PointValue);
/** A point as an object, or as text "w=2, b=1/3" (graph, descend). */
export const PointOrText = (description: string) => Type.Union([PointObject, Type.String()], { description });
export const DataField = Type.Union([Type.String(), Type.Record(Type.String(), Type.Array(Type.Union([Type.Number(), Type.String()]))), Type.Array(Type.Record(Type.String(), Type.Union([Type.Number(), Type.String()])))], {
  description: 'rows for `Σ_i`: text `"x=-2,0,1; y=-1,1,2"`, an object of columns, or an array of rows',
});
export const Csv = Type.String({ description: 'rows for `Σ_i` as the text of a CSV file (instead of `data`)' });

export const Functions = Type.Array(Type.String(), {
  description: 'declared abstract functions, e.g. `["f", "g"]`: `g(f(x))` is g applied to f(x) and d/dx g(f(x)) = g′(f(x))·f′(x)',
});

/** The request's time budget (src/ast/budget.ts): past it the answer is TIME_LIMIT. */
export const BudgetMs = Type.Integer({ minimum: 1, description: 'the time budget in milliseconds (default: the process default, 10,000; at most 600,000); past it the answer is `TIME_LIMIT`' });

/** The language of step labels and diagnosis messages (src/i18n); ids and expressions stay as they are. */
export const Lang = Type.Union([Type.Literal('en'), Type.Literal('ko')], {
  description: 'language of step labels and diagnosis messages: `en` (default) or `ko`; the English text is kept beside each translated one (`labelEn`, `messageEn`)',
});

/** Assumptions (src/api/assume.ts): domain facts and linear constraints, `;`-separated. */
export const Assume = Type.String({
  description: 'assumptions, `;`-separated: domain facts (`0 < p < 1`, `x > 0`, `t ∈ {0, 1}`) and linear constraints (`t1 + t2 + t3 = 1`); derive, simplify and verify use them in named steps and sample only points that satisfy them',
});

/** The fields every op takes besides its own: how to read the expressions, the budget, the assumptions, the language. */
export const readingFields = {
  notation: Type.Optional(Notation),
  names: Type.Optional(Names),
  functions: Type.Optional(Functions),
  budgetMs: Type.Optional(BudgetMs),
  assume: Type.Optional(Assume),
  lang: Type.Optional(Lang),
};

// ---- response pieces ----

/** An expression as plain text (parses back), Unicode and LaTeX. */
export const Rendered = Type.Object({ text: Type.String(), unicode: Type.String(), latex: Type.String() });
/** A number: JSON number, or "Infinity"/"-Infinity"/"NaN" as a string; `exact` when rational. */
export const NumberOrWord = Type.Union([Type.Number(), Type.String()]);
export const Value = Type.Object({ value: NumberOrWord, exact: Type.Optional(Type.String()) });

/** A numeric verdict of a step or result (src/check/equivalent.ts Verdict). */
export const Verdict = Type.Union([
  Type.Object({ status: Type.Literal('verified'), points: Type.Number(), maxRelError: Type.Union([Type.Number(), Type.Null()]), oneSided: Type.Number() }),
  Type.Object({ status: Type.Literal('refuted'), point: Type.Record(Type.String(), Type.Union([Type.Number(), Type.Null()])), left: Type.Union([Type.Number(), Type.Null()]), right: Type.Union([Type.Number(), Type.Null()]) }),
  Type.Object({ status: Type.Literal('unverifiable'), reason: Type.String(), points: Type.Optional(Type.Number()) }),
]);
export const Status = Type.Union([Type.Literal('verified'), Type.Literal('refuted'), Type.Literal('unverifiable')]);

export const Position = Type.Object({ line: Type.Integer(), column: Type.Integer(), offset: Type.Integer(), end: Type.Integer() });
/** A choice the engine made that the input did not spell out (docs/notation.md, "How chainrule reads
 * what you type"): where, what was read, and how to write the other thing. */
export const Reading = Type.Object(
  {
    code: Type.String({ description: 'IMPLICIT_PRODUCT_BEFORE_PAREN, LETTERS_SPLIT, ARGUMENT_ROLES, ARGUMENT_ROLES_SUSPICIOUS, DERIVATIVE_SCOPE, DERIVATIVE_TWICE, RESULT_IN_NAMES, FUNCTION_SCOPE, EXPONENT_SCOPE, DIVISION_SCOPE, INDEX_AS_LETTER or LAYER_INDEX' }),
    field: Type.String({ description: 'the request field the position is in' }),
    position: Position,
    read: Type.String(),
    alternative: Type.String(),
    message: Type.String(),
    messageEn: Type.Optional(Type.String({ description: 'the English message, when `lang` asked for another language' })),
  },
  { additionalProperties: false },
);
export const Readings = Type.Array(Reading, { description: 'the choices the engine made in reading the input; absent when there were none' });

export const ERROR_SCHEMA = Type.Object(
  {
    code: Type.String({ description: 'an error code of docs/errors.md' }),
    message: Type.String(),
    field: Type.Optional(Type.String({ description: 'the request field the error concerns (`expr`, `at`, `at.<key>`, `line`, …)' })),
    position: Type.Optional(Position),
  },
  { additionalProperties: false },
);

/** Sorted keys of an object schema, for docs and messages. */
export function fieldNames(s: TSchema): string[] {
  return Object.keys((s as unknown as { properties: Record<string, unknown> }).properties ?? {});
}
