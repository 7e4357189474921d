// English message catalog (Fluent syntax). Rule messages are keyed by the frozen step ids of
// docs/rules.md, written `rule-` + the id with dots as underscores (Fluent ids allow no dots).
// Placeables named $…Math are LaTeX, typeset by the caller; the others are plain text.
export const EN = `
rule-chain_local = local gradient { $fracMath }
rule-chain_upstream = upstream gradient { $fracMath }
step-chain-through = chain rule through { $fnMath }
rule-chain_parts = name the parts
rule-chain_substitute = substitute the parts back
rule-diff_constant = constant rule
rule-diff_variable = derivative of the variable
rule-diff_sum = sum rule
rule-diff_negation = constant multiple −1
rule-diff_constant-multiple = constant multiple rule
rule-diff_product = product rule
rule-diff_constant-divisor = constant divisor
rule-diff_reciprocal = reciprocal rule
rule-diff_quotient = quotient rule
rule-diff_power = power rule
rule-diff_exponential = exponential rule
rule-diff_zero-base = zero to a power
rule-diff_general-power = general power rule
rule-diff_chain = chain rule
rule-diff_fn_exp = derivative of exp
rule-diff_fn_log = derivative of log
rule-diff_fn_log10 = derivative of log10
rule-diff_fn_sqrt = derivative of √
rule-diff_fn_cbrt = derivative of cbrt
rule-diff_fn_abs = derivative of abs
rule-diff_fn_sign = derivative of sign
rule-diff_fn_sin = derivative of sin
rule-diff_fn_cos = derivative of cos
rule-diff_fn_tan = derivative of tan
rule-diff_fn_sec = derivative of sec
rule-diff_fn_csc = derivative of csc
rule-diff_fn_cot = derivative of cot
rule-diff_fn_asin = derivative of asin
rule-diff_fn_acos = derivative of acos
rule-diff_fn_atan = derivative of atan
rule-diff_fn_asec = derivative of asec
rule-diff_fn_acsc = derivative of acsc
rule-diff_fn_acot = derivative of acot
rule-diff_fn_sinh = derivative of sinh
rule-diff_fn_cosh = derivative of cosh
rule-diff_fn_tanh = derivative of tanh
rule-diff_fn_sech = derivative of sech
rule-diff_fn_csch = derivative of csch
rule-diff_fn_coth = derivative of coth
rule-diff_fn_asinh = derivative of asinh
rule-diff_fn_acosh = derivative of acosh
rule-diff_fn_atanh = derivative of atanh
rule-diff_fn_asech = derivative of asech
rule-diff_fn_acsch = derivative of acsch
rule-diff_fn_acoth = derivative of acoth
rule-diff_fn_sigmoid = derivative of σ
rule-diff_fn_relu = derivative of relu
rule-diff_abstract = derivative of an abstract function
rule-diff_fn_logit = derivative of logit
rule-diff_fn_softplus = derivative of softplus
rule-diff_fn_silu = derivative of SiLU
rule-diff_fn_elu = derivative of ELU
rule-diff_fn_leakyrelu = derivative of leaky ReLU
rule-diff_fn_erf = derivative of erf
rule-diff_fn_gelu = derivative of GELU
rule-diff_fn_heaviside = derivative of H
rule-diff_fn_BCE = derivative of BCE
rule-diff_fn_MSE = derivative of MSE
rule-diff_sum-index = derivative of a sum over an index
rule-diff_index = derivative of an indexed name
rule-diff_softmax = softmax Jacobian
rule-diff_definition = by the definition
rule-simp_flatten-sum = remove brackets in a sum
rule-simp_flatten-product = remove brackets in a product
rule-simp_add-zero = add zero
rule-simp_mul-zero = multiply by zero
rule-simp_mul-one = multiply by one
rule-simp_double-negation = double negation
rule-simp_sign-out-of-product = move the sign in front
rule-simp_signs-of-quotient = signs cancel in a quotient
rule-simp_divide-numbers = a quotient of whole numbers is a fraction
rule-simp_divide-by-one = divide by one
rule-simp_zero-over = zero divided
rule-simp_power-one = power one
rule-simp_power-zero = power zero
rule-simp_power-numbers = compute the power
rule-simp_fold-sum = add the numbers
rule-simp_fold-product = multiply the numbers
rule-simp_function-value = exact value of a function
rule-simp_times-reciprocal = times a reciprocal is a quotient
rule-simp_sum-delta = the sum collapses on δ
rule-simp_delta-same = δ of equal indices
rule-simp_delta-numbers = δ of two different numbers
rule-simp_sum-zero = a sum of zeros
rule-simp_like-factors = equal factors as a power
rule-simp_sum-linear = split the sum
rule-simp_sum-constant = a constant factor out of the sum
rule-simp_premise = premise of CE: the target sums to 1
rule-simp_tidy = tidy up
rule-simp_combine-fractions = combine the fractions
rule-simp_expand-numerator = expand the numerator
rule-simp_cancel = cancel the common factor
rule-simp_collect = collect like terms and factor
rule-simp_sigmoid-substitute = write eᵘ through σ
rule-simp_use-assumption = use the assumption
rule-simp_defined-names = write in the defined names
rule-simp_like-terms = collect like terms
rule-simp_sign-into-numerator = move the minus sign into the numerator
rule-simp_split-fraction = split the fraction
rule-simp_recognise-sigmoid = recognise σ

text-parts = parts
text-locals = local gradients
text-upstream = upstream gradients (each computed once)
text-substitute-back = substitute the parts back
text-result = result
text-check = check
text-not-run = not run
text-nothing-to-check = nothing to check (no step was taken)
text-where = where
text-status-verified = verified
text-status-refuted = refuted
text-status-unverifiable = unverifiable
text-counts = { $verified } checks verified, { $refuted } refuted, { $unverifiable } unverifiable
text-against-numeric = each result against a numerical derivative
text-from-definition = where { $derivative } is derived from the definition { $definition }
text-step-by-step = where { $derivative } is derived step by step
rule-simp_softmax-substitute = recognise softmax
rule-chain_indexed = chain rule over the components
rule-chain_component = local gradient of a component
rule-chain_collapse = collapse the sum over the components
rule-chain_into-sum = the factors into the sum over the components

verify-counterexample = at { $point } your answer is { $student } but the expected answer is { $expected }
verify-undefined = undefined
verdict-word = verdict
verdict-expected = expected
verdict-why = why
verdict-correct = correct
verdict-incorrect = incorrect
verdict-undetermined = undetermined
verdict-symbolic = symbolic
verdict-numeric = numeric
verdict-parse-error = parse error
verdict-lines = lines
verdict-where-both-defined = { " " }where both are defined
reading-implicit-product = { $name }(…) was read as the product { $read }; if { $name } is a function, declare or define it.
reading-letters-split = { $word } was read as the product { $read }; to mean one symbol, declare { $word } as a name.
reading-argument-roles = { $fn }: { $prediction } is taken as the prediction and { $label } as the label (by position).
reading-result-in-names = { $g } is given in { $where ->
    [parts] the names of the parts (listed in \`parts\`)
   *[definitions] the names of the definitions
  }{ $factors ->
    [yes] { " " }and named upstream factors (listed in \`factors\`)
   *[no] {""}
  }: written in the inputs it would print at least { $chars } characters.
reading-implicit-product-defined = { $name } is a defined name, so { $name }(…) was read as the product { $read }, not { $name } applied to its arguments; write { $name } alone for what it stands for.
reading-derivative-scope = { $op } applies to the next factor only, { $arg }; to differentiate more, put it in brackets: { $op }(…).
reading-read-as = { $typed } was read as { $read }: { $why ->
    [function] a function without parentheses takes one factor; put the whole argument in parentheses.
    [exponent] an exponent is one factor; put a longer exponent in parentheses.
    [division] everything multiplied after a / is in the denominator; for a coefficient use parentheses, as (1/2)(…).
    [index] for an index write it with an underscore (x_i).
   *[layer] a layer index (a subscript); for a power write it without parentheses (W^2).
  }
reading-roles-suspicious = { $fn }: the label { $label } depends on { $vars } and the prediction { $prediction } does not — were the arguments swapped? { $fn } takes the prediction first.
text-note = note
sheet-student = Student sheet
sheet-solution = Solutions
field-name = Name
field-id = Student ID
field-course = Course
field-date = Date
instructions = Instructions
problem = Problem { $n }
points = { $points ->
    [one] { $points } point
   *[other] { $points } points
  }
total-points = Total: { $points } points
given = Given
assumptions = Assumptions
shapes = Shapes
data = Data
answer = Answer
answer-key = Answer key
work-space = Show your work.
check-your-answer = Check your answer: { $hint }
check-hint = substitute your own numbers and compare with a finite difference.

prompt-chain = Given the definitions below, use the chain rule to find { $targetsMath }.
prompt-expr = Differentiate { $exprMath } with respect to { $varsMath }.
prompt-graph = Draw the computational graph and run the forward pass and the backward pass at { $pointMath }.
prompt-descent = With the data below, compute the loss { $lossMath } and its gradient at { $startMath }, then take { $steps ->
    [one] one step
   *[other] { $steps } steps
  } of gradient descent with learning rate { $rateMath }.

section-locals = Local gradients
section-upstream = Upstream gradients (each computed once and reused)
section-result = Result
section-graph = Computational graph
section-forward = Forward pass
section-backward = Backward pass: upstream × local = downstream
section-gradients = Gradients
section-descent = Gradient descent
section-rows = Per data point, step { $step }

col-node = node
col-gate = gate
col-formula = formula
col-value = value
col-edge = edge
col-upstream = upstream
col-local = local gradient
col-downstream = downstream
col-input = input
col-gradient = gradient
col-check = check
col-step = step
col-loss = loss
col-total = total

verdict-verified = ✓ checked numerically
verdict-refuted = ✗ a numeric check failed
verdict-unverifiable = ? not checkable numerically
assuming = assuming { $condsMath }
progress = [{ $n }/{ $total }] { $id }
diagnosis-sign-error = sign error
diagnosis-domain-difference = equal only where both are defined
diagnosis-missing-chain-factor = missing chain-rule factor { $factorMath }
diagnosis-extra-factor = extra factor { $factorMath }
diagnosis-constant-factor = off by a constant factor
diagnosis-constant-offset = off by a constant
diagnosis-wrong-exponent = wrong exponent
diagnosis-dropped-term = a term is missing
diagnosis-swapped-prediction-label = prediction and label swapped
diagnosis-missing-mean = the mean 1/m is missing
diagnosis-softmax-elementwise = softmax differentiated element-wise (its Jacobian is not diagonal)
diagnosis-product-of-derivatives = the derivative of a product is not the product of the derivatives
diagnosis-not-simplified = correct, but not simplified
diagnosis-removable-singularity = equal except where the expression is undefined
diagnosis-squared-error-inner-factor = chain rule: the derivative of the inside of the square is missing a factor
diagnosis-sigmoid-derivative-power = wrong power in σ′ = σ(1 − σ)
diagnosis-sigmoid-derivative-missing-factor = a factor of σ′ = σ(1 − σ) is missing
diagnosis-sigmoid-derivative-reciprocal-square = the derivative of 1/g is −g′/g², not 1/g²
`;
