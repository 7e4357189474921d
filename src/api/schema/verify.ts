// Schema of `verify`: a problem (expr + wrt) or an expected answer, and the student's answer as
// typed and/or the lines of a worked solution. An answer that does not parse is a verdict
// (method "parse-error" with the error), not a failed request.
import { Type } from 'typebox';
import { ERROR_SCHEMA, Readings, readingFields } from './common.js';
import { MatrixVerifyDetail, Shapes } from './matrix.js';

const Finding = Type.Object({
  id: Type.String(),
  message: Type.String(),
  messageEn: Type.Optional(Type.String({ description: 'the English message, when `lang` asked for another language' })),
  latex: Type.String(),
  expr: Type.Optional(Type.String()),
});

export const verify = {
  summary: "check a student's answer (or worked lines) against a problem or an expected answer",
  description: 'A wrong answer is data: `verdict` is `correct`, `incorrect` or `undetermined`, with how it was decided, the diagnosis of common mistakes and, for a rejection, a counterexample.',
  request: Type.Object(
    {
      problem: Type.Optional(
        Type.Object(
          { expr: Type.String({ description: 'the expression differentiated' }), wrt: Type.String({ description: 'the variable' }) },
          { additionalProperties: false, description: 'the problem `{"expr", "wrt"}` (or give `expected`)' },
        ),
      ),
      expected: Type.Optional(Type.String({ description: "the teacher's answer (instead of `problem`)" })),
      answer: Type.Optional(Type.String({ description: "the student's answer as typed (plain text or LaTeX)" })),
      lines: Type.Optional(Type.Array(Type.String(), { description: 'the lines of a worked solution, in order' })),
      requireSimplified: Type.Optional(Type.Boolean({ description: 'the problem asks for the simplified form' })),
      form: Type.Optional(Type.Union([Type.Literal('equal-comm-assoc'), Type.Literal('identical')], { description: 'judge the form, not only the value' })),
      ranges: Type.Optional(Type.Record(Type.String(), Type.Array(Type.Number()), { description: 'declared open ranges, e.g. `{"y": [0, 1]}`' })),
      ...readingFields,
      shapes: Type.Optional(Shapes),
    },
    { additionalProperties: false },
  ),
  response: Type.Object({
    verdict: Type.Union([Type.Literal('correct'), Type.Literal('incorrect'), Type.Literal('undetermined')]),
    method: Type.Union([Type.Literal('symbolic'), Type.Literal('numeric'), Type.Literal('parse-error'), Type.Literal('lines'), Type.Literal('matrix')]),
    expected: Type.Optional(Type.Object({ text: Type.String(), latex: Type.String() })),
    error: Type.Optional(ERROR_SCHEMA),
    readings: Type.Optional(Readings),
    diagnosis: Type.Array(Finding),
    reason: Type.Optional(Type.String()),
    reasonEn: Type.Optional(Type.String({ description: 'the English reason, when `lang` asked for another language' })),
    counterexample: Type.Optional(
      Type.Object({
        point: Type.Record(Type.String(), Type.Union([Type.Number(), Type.Null()])),
        student: Type.Union([Type.Number(), Type.Null()]),
        expected: Type.Union([Type.Number(), Type.Null()]),
        precise: Type.Optional(Type.Object({ student: Type.String(), expected: Type.String() })),
        reason: Type.Optional(Type.String()),
        inNaturalDomain: Type.Optional(
          Type.Boolean({ description: "the point lies in every variable's natural domain (labels in [0, 1], probabilities in (0, 1), other values |v| ≤ 3); false: the answers agree everywhere there" }),
        ),
      }),
    ),
    conditions: Type.Optional(Type.Array(Type.String())),
    premise: Type.Optional(
      Type.Object(
        { assumptions: Type.Array(Type.String(), { description: 'the assumptions the verdict needs' }), text: Type.String({ description: '"correct if 0 < p < 1"' }) },
        { description: 'present when the answer is correct only under `assume`' },
      ),
    ),
    domainDifference: Type.Optional(
      Type.Object(
        {
          where: Type.String({ description: 'where one answer is defined and the other is not, e.g. "x = 0"' }),
          undefinedIn: Type.Union([Type.Literal('answer'), Type.Literal('expected')], { description: 'whose answer is undefined there' }),
          point: Type.Optional(Type.Record(Type.String(), Type.Number())),
          removable: Type.Optional(Type.Boolean({ description: 'the undefined side is 0/0 there' })),
        },
        { description: 'a correct answer that agrees only where both answers are defined (docs/numeric.md, "Domain differences")' },
      ),
    ),
    lines: Type.Optional(
      Type.Object({
        ok: Type.Boolean(),
        firstBad: Type.Optional(Type.Integer()),
        fine: Type.Array(Type.Integer()),
        findings: Type.Optional(Type.Array(Type.Object({ id: Type.String(), message: Type.String(), latex: Type.String() }))),
      }),
    ),
    matrix: Type.Optional(MatrixVerifyDetail),
  }),
};
