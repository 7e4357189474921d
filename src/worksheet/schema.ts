// Schemas (TypeBox) of a worksheet file and of the `worksheet` op request. The file schema drives
// validation of the YAML (src/worksheet/read.ts turns each schema error into the YAML position of
// the offending node); the request schema is for the api layer's op table (docs/worksheets.md).
import Type, { type Static } from 'typebox';

const Text = Type.String({ minLength: 1 });
const Point = Type.Union([Text, Type.Record(Type.String(), Type.Union([Type.Number(), Text]))], {
  description: 'values, as text "a=2, b=1" or an object {a: 2, b: 1}',
});
const Data = Type.Union([Text, Type.Record(Type.String(), Type.Array(Type.Number()))], {
  description: 'rows for Σ_i: "x=-2,0,1; y=-1,1,2" or columns {x: [-2, 0, 1], y: [-1, 1, 2]}',
});

export const SHOW = ['derivation', 'graph', 'descent', 'check'] as const;
export type Show = (typeof SHOW)[number];

export const PROBLEM_SCHEMA = Type.Object(
  {
    id: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]+$', description: 'a short id: letters, digits, - and _' })),
    title: Type.Optional(Text),
    prompt: Type.Optional(Type.String({ description: 'the question, replacing the generated one; $…$ is math' })),
    expr: Type.Optional(Type.String({ description: 'an expression (plain text or LaTeX)' })),
    definitions: Type.Optional(Type.String({ description: 'definitions "z = wx + b; y = σ(z); L = BCE(y, ŷ)"' })),
    notation: Type.Optional(Type.Enum(['auto', 'text', 'latex'])),
    names: Type.Optional(Type.Array(Text)),
    wrt: Type.Optional(Type.Union([Text, Type.Array(Text, { minItems: 1 })])),
    given: Type.Optional(Text),
    assumptions: Type.Optional(Type.Array(Text)),
    shapes: Type.Optional(Type.Record(Type.String(), Text)),
    show: Type.Optional(Type.Array(Type.Enum([...SHOW]), { minItems: 1 })),
    at: Type.Optional(Point),
    granularity: Type.Optional(Type.Enum(['primitive', 'standard', 'fused'])),
    data: Type.Optional(Data),
    start: Type.Optional(Point),
    rate: Type.Optional(Type.Union([Type.Number({ exclusiveMinimum: 0 }), Text])),
    steps: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    points: Type.Optional(Type.Number({ minimum: 0 })),
    answer: Type.Optional(Type.Union([Text, Type.Record(Type.String(), Text)], { description: 'answer key override (LaTeX), or one per variable' })),
  },
  { additionalProperties: false },
);

export const WORKSHEET_FILE_SCHEMA = Type.Object(
  {
    title: Text,
    course: Type.Optional(Type.String()),
    date: Type.Optional(Type.String()),
    language: Type.Optional(Type.Enum(['en', 'ko'])),
    instructions: Type.Optional(Type.String()),
    paper: Type.Optional(Type.Enum(['a4', 'letter'])),
    problems: Type.Array(PROBLEM_SCHEMA, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export type ProblemSpec = Static<typeof PROBLEM_SCHEMA>;
export type WorksheetSpec = Static<typeof WORKSHEET_FILE_SCHEMA>;

/** The `worksheet` op: the YAML text in, the sheets out (PDF as base64, when TeX is installed). */
export const WORKSHEET_SCHEMA = Type.Object(
  {
    yaml: Type.String({ minLength: 1, description: 'the worksheet file (YAML, docs/worksheets.md)' }),
    format: Type.Optional(Type.Array(Type.Enum(['html', 'tex', 'pdf']), { minItems: 1, description: 'default ["html", "tex"]' })),
    lang: Type.Optional(Type.Enum(['en', 'ko'], { description: "default: the file's language, else en" })),
    view: Type.Optional(Type.Enum(['student', 'solution', 'both'], { description: 'default both' })),
  },
  { additionalProperties: true },
);
export type WorksheetRequest = Static<typeof WORKSHEET_SCHEMA>;

/** One sheet per view; `both` answers with `student` and `solution`. */
export interface SheetFiles {
  html?: string;
  tex?: string;
  /** base64 */
  pdf?: string;
}
export interface WorksheetResponse {
  html?: string;
  tex?: string;
  pdf?: string;
  sheets: { student?: SheetFiles; solution?: SheetFiles };
  /** why a requested PDF is missing (no TeX on this machine) */
  pdfUnavailable?: string;
}
