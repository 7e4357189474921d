// Schemas of the matrix form of derive, verify and graph (src/tensor, docs/matrices.md): the
// `shapes` request field, and the responses when it is present — steps in matrix form beside
// their index form, each checked at random matrices per instantiation of the dimensions (m = 1,
// m = 4), and matrix graph nodes with their shapes. `form: "matrix"` tells them from the scalar ones.
import { Type } from 'typebox';
import { Readings, Status } from './common.js';

export const Shapes = Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.Union([Type.String(), Type.Integer({ minimum: 1 })]))]), {
  description: 'matrix shapes, e.g. `{"X": "4x2", "W1": "2x3"}` or symbolic `{"X": "m×2"}` (or `["m", 2]`): the request is then read as a matrix program (docs/matrices.md)',
});

const Forms = Type.Object({ unicode: Type.String(), latex: Type.String() });

const NumOrNull = Type.Union([Type.Number(), Type.Null()]);

/** A matrix check at one instantiation of the dimensions: the same statuses as a scalar verdict. */
const MatrixVerdict = Type.Union([
  Type.Object({ status: Type.Literal('verified'), points: Type.Number({ description: 'entries compared' }), maxRelError: NumOrNull }),
  Type.Object({ status: Type.Literal('refuted'), entry: Type.String({ description: 'e.g. `W1[2,3]`' }), numeric: NumOrNull, formula: NumOrNull }),
  Type.Object({ status: Type.Literal('unverifiable'), reason: Type.String() }),
]);
const MatrixCheck = Type.Object({
  status: Status,
  checks: Type.Array(Type.Object({ dims: Type.Record(Type.String(), Type.Integer(), { description: 'the value of each batch dimension, e.g. `{"m": 4}`' }), verdict: MatrixVerdict })),
});

const MatrixStep = Type.Object({
  rule: Type.String({ description: 'the rule id (tensor.*, docs/rules.md)' }),
  label: Type.String(),
  unicode: Type.String(),
  latex: Type.String(),
  index: Type.String({ description: 'the same step in index notation: the notes’ transpose-free form' }),
  indexLatex: Type.String(),
  link: Type.Optional(Type.String({ description: 'the step linking the matrix form to the index form: each transpose read entry by entry' })),
  via: Type.Optional(Type.Array(Type.String())),
  through: Type.Optional(Type.String()),
  partial: Type.Optional(Type.Boolean()),
  premise: Type.Optional(Type.String()),
  note: Type.Optional(Type.String()),
  check: Type.Optional(MatrixCheck),
});

const StatusOrSkipped = Type.Union([Status, Type.Literal('skipped')]);

const gradientFields = {
  loss: Type.String(),
  wrt: Type.String(),
  shape: Type.String({ description: 'the shape of the gradient: the shape of the variable' }),
  shapeNote: Type.String(),
  result: Forms,
  expanded: Forms,
  steps: Type.Array(MatrixStep),
  check: StatusOrSkipped,
  checkedAt: Type.Array(Type.Record(Type.String(), Type.Integer()), { description: 'the instantiations of the dimensions the checks ran at' }),
  normalEquations: Type.Optional(Type.Object({ solution: Forms, steps: Type.Array(MatrixStep), check: StatusOrSkipped })),
};

export const MatrixDerive = Type.Object({
  form: Type.Literal('matrix'),
  ...gradientFields,
  unicode: Type.String(),
  latex: Type.String(),
  shapes: Type.Record(Type.String(), Type.String(), { description: 'the shape of every name, declared or inferred' }),
  gradient: Type.Optional(Type.Record(Type.String(), Type.Object(gradientFields))),
  readings: Type.Optional(Readings),
});

export const MatrixVerifyDetail = Type.Object({
  shape: Type.String({ description: 'the shape of the gradient (the variable’s)' }),
  answer: Type.Optional(Type.String({ description: 'the answer as read' })),
});

const MatrixGraphNode = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('input'), Type.Literal('op'), Type.Literal('loss')]),
  op: Type.String(),
  gate: Type.String({ description: 'the gate: input, matmul, add, sigmoid, softmax, CE, softmax + CE, …' }),
  shape: Type.String(),
  size: Type.String({ description: 'the shape at the instantiated dimensions' }),
  inputs: Type.Array(Type.String()),
  local: Type.Optional(Type.String({ description: 'the local gradient (vector–Jacobian rule) of the gate' })),
  value: Type.Optional(Type.Array(Type.Array(NumOrNull), { description: 'the entries, when at most 4×4' })),
  grad: Type.Optional(Type.Array(Type.Array(NumOrNull), { description: 'the adjoint ∂L/∂node, when at most 4×4' })),
  fused: Type.Optional(Type.Object({ localGradient: Type.String(), premise: Type.String() })),
  opLatex: Type.String({ description: '`op` in LaTeX (the TikZ picture writes it)' }),
  localLatex: Type.Optional(Type.String({ description: '`local` in LaTeX' })),
});

export const MatrixGraph = Type.Object({
  form: Type.Literal('matrix'),
  granularity: Type.String(),
  loss: Type.String(),
  dims: Type.Record(Type.String(), Type.Integer()),
  sampled: Type.Boolean(),
  nodes: Type.Array(MatrixGraphNode),
  readings: Type.Optional(Readings),
  svg: Type.Optional(Type.String({ description: 'with `format: "svg"`: the picture, one box per matrix (shape, values and ∂L/∂ when at most 4×4)' })),
  tikz: Type.Optional(Type.String({ description: 'with `format: "tikz"`: the same picture as a tikzpicture (tikz and amsmath)' })),
});

export const MatrixValues = Type.Record(Type.String(), Type.Array(Type.Array(Type.Number())), {
  description: 'with `shapes`: the entries of input matrices, row by row (else drawn at random, seeded)',
});
