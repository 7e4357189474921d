// Schemas of `graph` (the computational graph with its forward and backward passes, optionally
// drawn as SVG/TikZ) and `descend` (gradient descent on a loss over data, exact while it can be).
import { Type } from 'typebox';
import { Check, Csv, DataField, Expr, PointOrText, readingFields, Readings, Rendered, Status, Value } from './common.js';
import { MatrixGraph, MatrixValues, Shapes } from './matrix.js';

const GradientCheck = Type.Object({ status: Status, numeric: Type.Optional(Type.Number()), reason: Type.Optional(Type.String()) });

/** A per-row table of a loss over data (graph with data, descend). */
export const RowTable = Type.Object({
  index: Type.String(),
  columns: Type.Array(Type.Object({ kind: Type.String(), role: Type.Optional(Type.String()), param: Type.Optional(Type.String()), text: Type.String(), unicode: Type.String(), latex: Type.String() })),
  rows: Type.Array(Type.Array(Value)),
  totals: Type.Array(Type.Union([Value, Type.Null()])),
});

const Node = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('input'), Type.Literal('gate')]),
  name: Type.String(),
  named: Type.Boolean(),
  op: Type.String(),
  label: Type.String(),
  latexLabel: Type.String(),
  rank: Type.Integer(),
  expr: Rendered,
  gate: Type.Optional(Rendered),
  inputs: Type.Array(Type.String()),
  outputs: Type.Array(Type.String()),
  value: Value.properties.value,
  exact: Type.Optional(Type.String()),
  grad: Value,
  terms: Type.Array(Type.String()),
  inner: Type.Optional(Type.Array(Type.Object({ label: Type.String(), name: Type.Optional(Type.String()), gate: Rendered, value: Value.properties.value, exact: Type.Optional(Type.String()) }))),
  check: Type.Optional(GradientCheck),
});

export const graph = {
  summary: 'computational graph: forward values, and upstream × local = downstream gradients on every edge',
  description: 'The graph of an expression or of definitions (or of a loss over data, written out row by row), its forward pass and its backward pass at `at`, every gradient checked against finite differences of the whole function.',
  request: Type.Object(
    {
      expr: Expr,
      at: Type.Optional(PointOrText('the inputs: `{"w_0": -3, "x_1": "1/2"}` or `"w0=-3, w1=2"`')),
      granularity: Type.Optional(Type.Union([Type.Literal('primitive'), Type.Literal('standard'), Type.Literal('fused')], { description: 'the gates (default `standard`)' })),
      data: Type.Optional(DataField),
      csv: Type.Optional(Csv),
      check: Type.Optional(Check('the finite-difference checks')),
      format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('svg'), Type.Literal('tikz')], { description: 'also return the picture under `svg` / `tikz` (default `json`: none)' })),
      frames: Type.Optional(Type.Boolean({ description: 'also return `frames`: the backward pass as SVGs, one per edge' })),
      ...readingFields,
      shapes: Type.Optional(Shapes),
      values: Type.Optional(MatrixValues),
    },
    { additionalProperties: false },
  ),
  response: Type.Union([ScalarGraph(), MatrixGraph]),
};

function ScalarGraph() {
  return Type.Object({
    readings: Type.Optional(Readings),
    granularity: Type.String(),
    output: Type.String(),
    target: Type.String(),
    value: Value,
    nodes: Type.Array(Node),
    edges: Type.Array(Type.Object({ id: Type.String(), from: Type.String(), to: Type.String(), port: Type.Integer(), portName: Type.String() })),
    order: Type.Array(Type.String()),
    backward: Type.Array(
      Type.Object({
        edge: Type.String(),
        from: Type.String(),
        to: Type.String(),
        forward: Value,
        upstream: Value,
        local: Type.Object({ gate: Rendered, named: Rendered, value: Value.properties.value, exact: Type.Optional(Type.String()) }),
        downstream: Value,
      }),
    ),
    gradients: Type.Record(Type.String(), Type.Object({ value: Value.properties.value, exact: Type.Optional(Type.String()), terms: Type.Array(Type.String()), check: Type.Optional(GradientCheck) })),
    check: Type.Optional(Type.Object({ status: Status })),
    loss: Type.Optional(Rendered),
    tables: Type.Optional(Type.Array(RowTable)),
    svg: Type.Optional(Type.String()),
    tikz: Type.Optional(Type.String()),
    frames: Type.Optional(Type.Array(Type.String())),
  });
}

const Params = Type.Record(Type.String(), Value);

export const descend = {
  summary: 'gradient descent on a loss over data: one row per step (parameters, loss, gradient)',
  description: 'θ ← θ − rate·∇L(θ), the gradient differentiated by linearity (Σ_i of the per-row term derived once). Exact rationals while the start, rate and data are exact and the loss rational.',
  request: Type.Object(
    {
      expr: Expr,
      start: Type.Optional(PointOrText('a starting value for every parameter, as `at`: `"a=2, b=1"`')),
      rate: Type.Union([Type.Number(), Type.String()], { description: 'the learning rate, positive: `0.1` or `"1/10"` (kept exact)' }),
      steps: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: '^\\s*\\d+\\s*$' })], { description: 'number of steps, 0 to 10,000 (default 1)' })),
      data: Type.Optional(DataField),
      csv: Type.Optional(Csv),
      ...readingFields,
    },
    { additionalProperties: false },
  ),
  response: Type.Object({
    readings: Type.Optional(Readings),
    parameters: Type.Array(Type.String()),
    loss: Rendered,
    gradient: Type.Record(Type.String(), Rendered),
    rate: Value,
    steps: Type.Integer(),
    exact: Type.Boolean(),
    exactUntil: Type.Optional(Type.Object({ step: Type.Integer(), reason: Type.String() })),
    stopped: Type.Optional(Type.Object({ step: Type.Integer(), reason: Type.String() })),
    table: Type.Array(Type.Object({ step: Type.Integer(), parameters: Params, loss: Value, gradient: Params })),
    rows: Type.Array(Type.Object({ step: Type.Integer(), sums: Type.Array(RowTable) })),
  }),
};
