// Schemas of `derive` and `simplify`: a derivation is a list of steps (rule id, position, before
// and after, bindings, conditions, substeps, proof, numeric verdict); in chain mode the response
// adds the chain through the definitions. Steps nest (substeps, a proof's own steps): the step
// schema is unrolled to a fixed depth instead of a $ref cycle, so it stays plain JSON Schema.
import { Type, type TSchema } from 'typebox';
import { Check, Expr, Readings, readingFields, Rendered, Status, Verdict } from './common.js';
import { MatrixDerive, Shapes } from './matrix.js';

const StepLatex = Type.Object({ before: Type.String(), after: Type.String(), from: Type.String(), to: Type.String() });

/** The English label beside a translated one (requests with `lang`). */
const LabelEn = Type.String({ description: 'the English label, when `lang` asked for another language' });

/** The deepest nesting the schema spells out; below it a step is an open object. */
const DEPTH = 4;

function stepSchema(depth: number): TSchema {
  if (depth === 0) return Type.Object({ rule: Type.String(), label: Type.String() });
  return Type.Object({
    rule: Type.String({ description: 'the rule id (docs/rules.md)' }),
    label: Type.String(),
    labelEn: Type.Optional(LabelEn),
    path: Type.Array(Type.Integer()),
    before: Type.String(),
    after: Type.String(),
    latex: StepLatex,
    unicode: Type.Object({ before: Type.String(), after: Type.String() }),
    from: Type.String(),
    to: Type.String(),
    bindings: Type.Optional(Type.Record(Type.String(), Type.String())),
    justification: Type.Optional(Type.String()),
    conditions: Type.Optional(Type.Array(Type.String())),
    conditionsLatex: Type.Optional(Type.Array(Type.String())),
    conditionsUnicode: Type.Optional(Type.Array(Type.String())),
    check: Type.Optional(Verdict),
    substeps: Type.Optional(Type.Array(stepSchema(depth - 1))),
    proof: Type.Optional(derivationSchema(depth - 1)),
  });
}

export const DerivationCheck = Type.Object({
  status: Status,
  verified: Type.Integer(),
  refuted: Type.Integer(),
  unverifiable: Type.Integer(),
  result: Type.Optional(Verdict),
});

function derivationProperties(depth: number) {
  return {
    wrt: Type.Optional(Type.String()),
    input: Rendered,
    start: Rendered,
    result: Type.String({ description: 'plain text with explicit operators; parses back to the same tree' }),
    unicode: Type.String(),
    latex: Type.String(),
    steps: Type.Array(stepSchema(depth)),
    check: Type.Optional(DerivationCheck),
  };
}
function derivationSchema(depth: number): TSchema {
  return depth === 0 ? Type.Object({ steps: Type.Array(Type.Object({ rule: Type.String() })) }) : Type.Object(derivationProperties(depth));
}

export const Derivation = Type.Object(derivationProperties(DEPTH));

const ChainStep = Type.Object({
  rule: Type.String({ description: 'the step id (src/rules/registry.ts CHAIN_STEP): chain.local or chain.upstream' }),
  label: Type.String(),
  labelEn: Type.Optional(LabelEn),
  of: Type.Optional(Type.String()),
  wrt: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  before: Type.Optional(Type.String()),
  after: Type.String(),
  latex: Type.String(),
});

const Chain = Type.Object({
  target: Type.String(),
  wrt: Type.Array(Type.String()),
  paths: Type.Record(Type.String(), Type.Array(Type.Array(Type.String()))),
  locals: Type.Array(Type.Object({ of: Type.String(), wrt: Type.String(), text: Type.String(), unicode: Type.String(), latex: Type.String(), derivation: Derivation })),
  adjoints: Type.Array(Type.Object({ name: Type.String(), via: Type.Array(Type.String()), text: Type.String(), unicode: Type.String(), latex: Type.String(), derivation: Derivation })),
  gradients: Type.Record(
    Type.String(),
    Type.Object({
      text: Type.String(),
      unicode: Type.String(),
      latex: Type.String(),
      substituted: Type.Optional(Rendered),
      assumed: Type.Optional(Type.Object(derivationProperties(DEPTH), { description: 'the substituted gradient simplified under `assume` (steps simp.use-assumption, simp.defined-names)' })),
      substitution: Type.Optional(Type.Object(derivationProperties(DEPTH), { description: 'named parts: from the gradient with the parts written out (`start`) to the result, each step checked; the check compares the result with a numerical derivative of the input' })),
    }),
  ),
});

/** One expression: a derivation (with `first` for order 2, `gradient` for several wrt). */
const ExpressionDerive = Type.Object({
  ...derivationProperties(DEPTH),
  first: Type.Optional(Derivation),
  gradient: Type.Optional(Type.Record(Type.String(), Type.Object({ ...derivationProperties(DEPTH), first: Type.Optional(Derivation) }))),
  readings: Type.Optional(Readings),
});

/** Named upstream factors (docs/architecture.md): a large upstream gradient enters the gradients
 * below it as the symbol ∂L/∂z₂; each is listed with its value. */
const Factors = Type.Array(Type.Object({ name: Type.String(), symbol: Rendered, text: Type.String(), unicode: Type.String(), latex: Type.String() }), {
  description: 'the named upstream factors the gradients use, in the order made: `name` is the symbol (`∂L/∂z_2`), `symbol` it printed (∂L/∂z₂, in the user\'s spelling), text/unicode/latex its value (which may use earlier factors)',
});

/** Definitions: the chain rule through the names. */
const ChainDerive = Type.Object({
  text: Type.String(),
  unicode: Type.String(),
  latex: Type.String(),
  result: Type.String(),
  target: Type.String(),
  steps: Type.Array(ChainStep),
  chain: Chain,
  check: Type.Optional(Type.Object({ status: Status, gradient: Type.Array(Verdict) })),
  readings: Type.Optional(Readings),
  parts: Type.Optional(Type.Array(Type.Object({ name: Type.String(), text: Type.String(), unicode: Type.String(), latex: Type.String() }), { description: 'one expression through named parts: the names introduced (none is a name of the input), innermost first, then the target, each with its definition; `result` is then in the variables of the input (unless a RESULT_IN_NAMES reading says it is in these names)' })),
  factors: Type.Optional(Factors),
});

const ResultGradient = Type.Object({ text: Type.String(), unicode: Type.String(), latex: Type.String(), substituted: Type.Optional(Rendered) });

/** `steps: "none"`: the result and its verdict only. */
const ResultOnly = Type.Object({
  wrt: Type.Optional(Type.String()),
  text: Type.String(),
  unicode: Type.String(),
  latex: Type.String(),
  result: Type.String(),
  gradient: Type.Optional(Type.Record(Type.String(), ResultGradient, { description: 'every variable asked for; through definitions, in their names with `substituted` in the inputs' })),
  check: Type.Optional(Type.Object({ status: Status, gradient: Type.Array(Verdict) }, { description: 'each result against a numerical derivative of the input' })),
  readings: Type.Optional(Readings),
  parts: Type.Optional(Type.Array(Type.Object({ name: Type.String(), text: Type.String(), unicode: Type.String(), latex: Type.String() }), { description: 'when a RESULT_IN_NAMES reading says the result is in the names of the parts: each part with its definition' })),
  factors: Type.Optional(Factors),
});

export const derive = {
  summary: 'differentiate step by step, every step checked numerically',
  description: 'One expression → a derivation (steps with rule ids, each numerically checked). Definitions → the chain rule through the names: local gradients, upstream gradients (each computed once), the gradients in intermediate names and substituted.',
  request: Type.Object(
    {
      expr: Expr,
      wrt: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())], { description: 'a variable, a list of variables (the gradient), or `"*"`/absent: every input' })),
      given: Type.Optional(Type.String({ description: 'definitions the expression uses, e.g. `"z = wx+b; y = σ(z)"`' })),
      order: Type.Optional(Type.Union([Type.Literal(1), Type.Literal(2)], { description: '`2` for the second derivative (expressions only)' })),
      check: Type.Optional(Check('the numeric checks')),
      steps: Type.Optional(
        Type.Union([Type.Literal('none'), Type.Literal('textbook'), Type.Literal('full')], {
          description: '`"textbook"` (default): one expression whose parts nest or repeat is derived through named parts (`u = wx + b`, `s = σ(u)`) and substituted back; `"full"`: every rewrite of the whole expression; `"none"`: the result and its check only',
        }),
      ),
      ...readingFields,
      shapes: Type.Optional(Shapes),
    },
    { additionalProperties: false },
  ),
  response: Type.Union([ChainDerive, ExpressionDerive, ResultOnly, MatrixDerive]),
};

export const simplify = {
  summary: 'simplify step by step to the textbook form, every step checked',
  description: 'Steps at textbook granularity: tidy up (its fine rewrites as substeps), combine the fractions, expand the numerator, cancel the common factor (with its conditions), recognise σ.',
  request: Type.Object({ expr: Expr, check: Type.Optional(Check('the numeric checks')), ...readingFields }, { additionalProperties: false }),
  response: Type.Object({ ...derivationProperties(DEPTH), readings: Type.Optional(Readings) }),
};
