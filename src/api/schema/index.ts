// PROVISIONAL: replaced at merge by the restructure's version (issue: one typed schema per op).
// The contract the HTTP server, its workers and the MCP server build on: OP_NAMES, OP_SCHEMAS
// (request = the op's fields without the batch envelope `id`/`op`; response = the success payload
// without `id`/`ok`) and ERROR_SCHEMA, written here from docs/api.md with TypeBox.
import { Type, type TObject, type TSchema } from '@sinclair/typebox';

export const OP_NAMES = ['parse', 'evaluate', 'latex', 'derive', 'simplify', 'verify', 'graph', 'descend'] as const;
export type OpName = (typeof OP_NAMES)[number];

/** An optional field; `null` means absent, as the ops read it. */
const opt = <T extends TSchema>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
const expr = Type.String({ description: 'an expression or a program of definitions (docs/notation.md)' });
const notation = opt(Type.Union([Type.Literal('auto'), Type.Literal('text'), Type.Literal('latex')], { description: 'how to read expr; auto reads LaTeX when it contains a backslash' }));
const names = opt(Type.Array(Type.String(), { description: 'declared multi-letter symbol names, e.g. ["loss", "lr"]' }));
const value = Type.Union([Type.Number(), Type.String()], { description: 'a number, or a string such as "1.5" or "1/3" (kept exact)' });
const point = Type.Record(Type.String(), value, { description: 'values by symbol name, e.g. {"x": 1.5, "w_1": "1/3"}' });
const pointOrText = Type.Union([point, Type.String({ description: 'e.g. "w0=-3, w1=2"' })]);
const check = opt(Type.Boolean({ description: 'false skips the numeric checks' }));
const data = opt(Type.Union([Type.String(), Type.Record(Type.String(), Type.Array(Type.Number())), Type.Array(Type.Record(Type.String(), Type.Number()))], { description: 'rows for Σ_i: text, an object of columns, or an array of rows' }));
const common = { expr, notation, names };
const closed = { additionalProperties: false } as const;
const open = { additionalProperties: true } as const;

const verdict = Type.Object({ status: Type.String() }, open);
const step = Type.Object({ rule: Type.String() }, open);

export const OP_SCHEMAS = {
  parse: {
    summary: 'Read an expression or definitions',
    description: 'Reads the input and prints it back as plain text, Unicode and LaTeX, with its JSON tree.',
    request: Type.Object({ ...common }, closed),
    response: Type.Object({ text: Type.Optional(Type.String()), unicode: Type.Optional(Type.String()), latex: Type.Optional(Type.String()), tree: Type.Optional(Type.Unknown()), definitions: Type.Array(Type.Object({ name: Type.String() }, open)) }, open),
  },
  evaluate: {
    summary: 'Evaluate at a point',
    description: 'The value of an expression (or of the last statement of a program) at a point; exact when every input is.',
    request: Type.Object({ ...common, at: opt(point) }, closed),
    response: Type.Object({ value: Type.Union([Type.Number(), Type.String()]), exact: Type.Optional(Type.String()) }, open),
  },
  latex: {
    summary: 'Print as LaTeX',
    description: 'The main expression as LaTeX.',
    request: Type.Object({ ...common }, closed),
    response: Type.Object({ latex: Type.String() }, open),
  },
  derive: {
    summary: 'Differentiate step by step',
    description: 'One expression differentiated step by step, or definitions differentiated through their names (the chain rule); every step checked numerically.',
    request: Type.Object({
      ...common,
      wrt: opt(Type.Union([Type.String(), Type.Array(Type.String())], { description: 'a variable, a list (the gradient), or "*"' })),
      given: opt(Type.String({ description: 'definitions the expression uses' })),
      order: opt(Type.Integer({ description: '2 for the second derivative' })),
      check,
    }, closed),
    response: Type.Object({ result: Type.String(), unicode: Type.String(), latex: Type.String(), steps: Type.Array(step), check: Type.Optional(verdict) }, open),
  },
  simplify: {
    summary: 'Simplify step by step',
    description: 'Simplify to the textbook form at textbook granularity, every step checked.',
    request: Type.Object({ ...common, check }, closed),
    response: Type.Object({ result: Type.String(), unicode: Type.String(), latex: Type.String(), steps: Type.Array(step), check: Type.Optional(verdict) }, open),
  },
  verify: {
    summary: "Check a student's answer",
    description: "A problem (expr + wrt) or an expected answer, and the student's answer or worked lines: verdict and diagnosis.",
    request: Type.Object({
      problem: opt(Type.Object({ expr: Type.String(), wrt: Type.String() }, closed)),
      expected: opt(Type.String()),
      answer: opt(Type.String()),
      lines: opt(Type.Array(Type.String())),
      ranges: opt(Type.Record(Type.String(), Type.Array(Type.Number()))),
      requireSimplified: opt(Type.Boolean()),
      form: opt(Type.String()),
      notation,
      names,
    }, closed),
    response: Type.Object({ verdict: Type.String(), method: Type.String(), diagnosis: Type.Array(Type.Object({}, open)) }, open),
  },
  graph: {
    summary: 'Computational graph',
    description: 'The graph of an expression or definitions, its forward pass and its backward pass (optionally as SVG/TikZ and backward frames).',
    request: Type.Object({
      ...common,
      at: opt(pointOrText),
      granularity: opt(Type.String()),
      data,
      csv: opt(Type.String()),
      check,
      format: opt(Type.String()),
      frames: opt(Type.Boolean()),
    }, closed),
    response: Type.Object({ nodes: Type.Array(Type.Object({ id: Type.String() }, open)), edges: Type.Array(Type.Object({}, open)), backward: Type.Array(Type.Object({}, open)), gradients: Type.Record(Type.String(), Type.Unknown()) }, open),
  },
  descend: {
    summary: 'Gradient descent',
    description: 'θ ← θ − rate·∇L(θ) over data, exact while it can be, one table row per step.',
    request: Type.Object({ ...common, start: pointOrText, rate: value, steps: opt(Type.Integer()), data, csv: opt(Type.String()) }, closed),
    response: Type.Object({ parameters: Type.Array(Type.String()), table: Type.Array(Type.Object({}, open)) }, open),
  },
} as const satisfies { readonly [K in OpName]: { summary: string; description: string; request: TObject; response: TSchema } };

export const ERROR_SCHEMA: TSchema = Type.Object({
  code: Type.String({ description: 'a code from docs/errors.md' }),
  message: Type.String(),
  field: Type.Optional(Type.String({ description: 'the request field the position is in' })),
  position: Type.Optional(Type.Object({ line: Type.Integer(), column: Type.Integer(), offset: Type.Integer(), end: Type.Integer() })),
}, open);
