// Korean message catalog (Fluent syntax), the course's terms: 연쇄 법칙, 순전파/역전파, 국소 기울기,
// 상류 기울기, 손실 함수, 경사 하강법, 약분, 통분. A particle after a variable is chosen by the JOSA
// function from how the name is read aloud (src/i18n/particles.ts): { JOSA($last, "을") } → 을/를.
// Placeables named $…Math are LaTeX, typeset by the caller.
export const KO = `
rule-chain_local = 국소 기울기 { $fracMath }
rule-chain_upstream = 상류 기울기 { $fracMath }
step-chain-through = { $fnMath }{ JOSA($fn, "을") } 거치는 연쇄 법칙
rule-chain_parts = 부분에 이름 붙이기
rule-chain_substitute = 부분을 다시 대입하기
rule-diff_constant = 상수의 미분
rule-diff_variable = 변수의 미분
rule-diff_sum = 합의 미분법
rule-diff_negation = 상수배 −1
rule-diff_constant-multiple = 상수배의 미분법
rule-diff_product = 곱의 미분법
rule-diff_constant-divisor = 상수로 나눈 식의 미분
rule-diff_reciprocal = 역수의 미분법
rule-diff_quotient = 몫의 미분법
rule-diff_power = 거듭제곱의 미분법
rule-diff_exponential = 지수함수의 미분법
rule-diff_zero-base = 0의 거듭제곱의 미분
rule-diff_general-power = 일반 거듭제곱의 미분법
rule-diff_chain = 연쇄 법칙
rule-diff_fn_exp = exp의 도함수
rule-diff_fn_log = log의 도함수
rule-diff_fn_log10 = log10의 도함수
rule-diff_fn_sqrt = √의 도함수
rule-diff_fn_cbrt = 세제곱근의 도함수
rule-diff_fn_abs = 절댓값의 도함수
rule-diff_fn_sign = 부호 함수의 도함수
rule-diff_fn_sin = sin의 도함수
rule-diff_fn_cos = cos의 도함수
rule-diff_fn_tan = tan의 도함수
rule-diff_fn_sec = sec의 도함수
rule-diff_fn_csc = csc의 도함수
rule-diff_fn_cot = cot의 도함수
rule-diff_fn_asin = arcsin의 도함수
rule-diff_fn_acos = arccos의 도함수
rule-diff_fn_atan = arctan의 도함수
rule-diff_fn_asec = arcsec의 도함수
rule-diff_fn_acsc = arccsc의 도함수
rule-diff_fn_acot = arccot의 도함수
rule-diff_fn_sinh = sinh의 도함수
rule-diff_fn_cosh = cosh의 도함수
rule-diff_fn_tanh = tanh의 도함수
rule-diff_fn_sech = sech의 도함수
rule-diff_fn_csch = csch의 도함수
rule-diff_fn_coth = coth의 도함수
rule-diff_fn_asinh = arsinh의 도함수
rule-diff_fn_acosh = arcosh의 도함수
rule-diff_fn_atanh = artanh의 도함수
rule-diff_fn_asech = arsech의 도함수
rule-diff_fn_acsch = arcsch의 도함수
rule-diff_fn_acoth = arcoth의 도함수
rule-diff_fn_sigmoid = 시그모이드 σ의 도함수
rule-diff_fn_relu = ReLU의 도함수
rule-diff_abstract = 추상 함수의 도함수
rule-diff_fn_logit = 로짓(logit)의 도함수
rule-diff_fn_softplus = 소프트플러스(softplus)의 도함수
rule-diff_fn_silu = SiLU의 도함수
rule-diff_fn_elu = ELU의 도함수
rule-diff_fn_leakyrelu = Leaky ReLU의 도함수
rule-diff_fn_erf = 오차 함수(erf)의 도함수
rule-diff_fn_gelu = GELU의 도함수
rule-diff_fn_heaviside = 계단 함수 H의 도함수
rule-diff_fn_BCE = 이진 교차 엔트로피(BCE)의 도함수
rule-diff_fn_MSE = 평균 제곱 오차(MSE)의 도함수
rule-diff_sum-index = 첨자에 대한 합(Σ)의 미분
rule-diff_index = 첨자 붙은 변수의 미분
rule-diff_softmax = softmax의 야코비안
rule-diff_definition = 정의에 따라
rule-simp_flatten-sum = 합의 괄호 풀기
rule-simp_flatten-product = 곱의 괄호 풀기
rule-simp_add-zero = 0 더하기 정리
rule-simp_mul-zero = 0 곱하기
rule-simp_mul-one = 1 곱하기 정리
rule-simp_double-negation = 이중 부호 정리
rule-simp_sign-out-of-product = 부호를 앞으로 내기
rule-simp_signs-of-quotient = 몫의 부호 약분
rule-simp_divide-numbers = 정수의 몫을 분수로
rule-simp_divide-by-one = 1로 나누기 정리
rule-simp_zero-over = 0을 나누기
rule-simp_power-one = 1제곱 정리
rule-simp_power-zero = 0제곱
rule-simp_power-numbers = 거듭제곱 계산하기
rule-simp_fold-sum = 수끼리 더하기
rule-simp_fold-product = 수끼리 곱하기
rule-simp_function-value = 함숫값 계산
rule-simp_times-reciprocal = 역수를 곱하면 나눗셈
rule-simp_sum-delta = δ로 합(Σ)이 한 항으로 줄어듦
rule-simp_delta-same = 같은 첨자의 δ는 1
rule-simp_delta-numbers = 서로 다른 두 수의 δ는 0
rule-simp_sum-zero = 0들의 합
rule-simp_like-factors = 같은 인수를 거듭제곱으로
rule-simp_sum-linear = 합(Σ)을 항별로 나누기
rule-simp_sum-constant = 상수를 합(Σ) 밖으로
rule-simp_premise = CE의 전제: 목표값의 합은 1
rule-simp_tidy = 식 정리
rule-simp_combine-fractions = 통분
rule-simp_expand-numerator = 분자 전개
rule-simp_cancel = 공통인수 약분
rule-simp_collect = 동류항 정리와 인수분해
rule-simp_sigmoid-substitute = eᵘ를 σ로 나타내기
rule-simp_use-assumption = 가정 사용
rule-simp_defined-names = 정의한 이름으로 나타내기
rule-simp_like-terms = 동류항 정리
rule-simp_sign-into-numerator = 마이너스 부호를 분자로 넣기
rule-simp_split-fraction = 분수를 둘로 나누기
rule-simp_recognise-sigmoid = σ로 알아보기

text-parts = 부분식
text-locals = 국소 기울기
text-upstream = 상류 기울기 (각각 한 번씩 계산)
text-substitute-back = 부분식을 다시 대입
text-result = 결과
text-check = 검산
text-not-run = 하지 않음
text-nothing-to-check = 검산할 것 없음 (바뀐 단계가 없음)
text-where = 단,
text-status-verified = 검산됨
text-status-refuted = 반례 있음
text-status-unverifiable = 검산 불가
text-counts = 검산 { $verified }개 통과, { $refuted }개 반례, { $unverifiable }개 검산 불가
text-against-numeric = 각 결과를 수치 미분과 비교
text-from-definition = 단, 정의 { $definition }에서 유도한 { $derivative }
text-step-by-step = 단, 규칙으로 한 단계씩 유도한 { $derivative }
rule-simp_softmax-substitute = softmax로 알아보기
rule-chain_indexed = 성분에 대한 연쇄 법칙
rule-chain_component = 한 성분의 국소 기울기
rule-chain_collapse = 성분에 대한 합(Σ) 줄이기
rule-chain_into-sum = 공통 인수를 성분에 대한 합(Σ) 안으로

verify-counterexample = { $point }에서 답은 { $student }이지만 기대한 답은 { $expected }입니다
verify-undefined = 정의되지 않음
verdict-word = 판정
verdict-expected = 기대한 답
verdict-why = 이유
verdict-correct = 정답
verdict-incorrect = 오답
verdict-undetermined = 판정 불가
verdict-symbolic = 기호 계산
verdict-numeric = 수치 비교
verdict-parse-error = 읽기 오류
verdict-lines = 풀이 줄
verdict-where-both-defined = { " " }(둘 다 정의된 곳에서)
reading-implicit-product = { $name }(…){ JOSA($name, "을") } 곱 { $read }(으)로 읽었습니다. { $name }{ JOSA($name, "이") } 함수라면 선언하거나(--functions { $name }) 정의하세요.
reading-letters-split = { $word }{ JOSA($word, "을") } 곱 { $read }(으)로 읽었습니다. 하나의 기호라면 이름으로 선언하세요(--vars { $word }).
reading-argument-roles = { $fn }: 인수 순서에 따라 { $prediction }{ JOSA($prediction, "을") } 예측값으로, { $label }{ JOSA($label, "을") } 정답 레이블로 읽었습니다.
reading-result-in-names = { $g }{ JOSA($g, "을") } { $where ->
    [parts] 부분의 이름(\`parts\`에 나열)
   *[definitions] 정의된 이름
  }{ $factors ->
    [yes] 과 이름 붙인 상류 기울기(\`factors\`에 나열)
   *[no] {""}
  }으로 나타냈습니다. 입력 변수로 모두 풀어 쓰면 적어도 { $chars }자가 됩니다.
reading-implicit-product-defined = { $name }{ JOSA($name, "은") } 정의된 이름이므로 { $name }(…){ JOSA($name, "을") } 곱 { $read }(으)로 읽었습니다({ $name }에 인수를 넣은 값이 아닙니다). { $name }{ JOSA($name, "이") } 나타내는 식은 { $name }만 써서 나타내세요.
reading-derivative-scope = { $op }{ JOSA($op, "은") } 바로 다음 인수 { $arg }에만 적용됩니다. 더 넓게 미분하려면 괄호로 묶으세요: { $op }(…).
reading-read-as = { $typed }{ JOSA($typed, "을") } { $read }(으)로 읽었습니다. { $why ->
    [function] 괄호 없는 함수는 바로 다음 인수 하나만 받습니다. 인수 전체를 괄호로 묶으세요.
    [exponent] 지수는 바로 다음 인수 하나입니다. 더 긴 지수는 괄호로 묶으세요.
    [division] / 뒤에 곱해진 것은 모두 분모에 들어갑니다. 계수라면 괄호로 묶으세요(예: (1/2)(…)).
    [index] 첨자라면 밑줄로 쓰세요(예: x_i).
   *[layer] 층 번호(첨자)입니다. 거듭제곱이라면 괄호 없이 쓰세요(예: W^2).
  }
reading-roles-suspicious = { $fn }: 레이블 { $label }{ JOSA($label, "은") } { $vars }에 의존하고 예측값 { $prediction }{ JOSA($prediction, "은") } 의존하지 않습니다. 인수 순서가 바뀌지 않았나요? { $fn }{ JOSA($fn, "은") } 예측값을 먼저 받습니다.
text-note = 참고
sheet-student = 학생용 문제지
sheet-solution = 풀이
field-name = 이름
field-id = 학번
field-course = 과목
field-date = 날짜
instructions = 안내
problem = 문제 { $n }
points = { $points }점
total-points = 총점: { $points }점
given = 주어진 식
assumptions = 가정
shapes = 행렬의 크기
data = 데이터
answer = 최종 답
answer-key = 정답
work-space = 풀이 과정을 쓰시오.
check-your-answer = 답 확인: { $hint }
check-hint = 임의의 값을 넣어 유한 차분과 비교해 보시오.

prompt-chain = 아래 정의에서 연쇄 법칙으로 { $targetsMath }{ JOSA($last, "을") } 구하시오.
prompt-expr = { $exprMath }{ JOSA($exprLast, "을") } { $varsMath }에 대하여 미분하시오.
prompt-graph = 계산 그래프를 그리고 { $pointMath }에서 순전파와 역전파를 수행하시오.
prompt-descent = 아래 데이터로 { $startMath }에서 손실 함수 { $lossMath }{ JOSA($lossLast, "과") } 그 기울기를 구하고, 학습률 { $rateMath }{ JOSA($rateLast, "으로") } 경사 하강법을 { $steps }번 수행하시오.

section-locals = 국소 기울기
section-upstream = 상류 기울기 (한 번 계산하여 재사용)
section-result = 결과
section-graph = 계산 그래프
section-forward = 순전파
section-backward = 역전파: 상류 기울기 × 국소 기울기 = 하류 기울기
section-gradients = 기울기
section-descent = 경사 하강법
section-rows = 데이터별 표, { $step }단계

col-node = 노드
col-gate = 게이트
col-formula = 식
col-value = 값
col-edge = 간선
col-upstream = 상류 기울기
col-local = 국소 기울기
col-downstream = 하류 기울기
col-input = 입력
col-gradient = 기울기
col-check = 검증
col-step = 단계
col-loss = 손실
col-total = 합계

verdict-verified = ✓ 수치 검증됨
verdict-refuted = ✗ 수치 검증 실패
verdict-unverifiable = ? 수치로 검증할 수 없음
assuming = 가정: { $condsMath }
progress = [{ $n }/{ $total }] { $id }
diagnosis-sign-error = 부호 오류
diagnosis-domain-difference = 둘 다 정의된 곳에서만 같음
diagnosis-missing-chain-factor = 연쇄 법칙의 인수 { $factorMath } 누락
diagnosis-extra-factor = 불필요한 인수 { $factorMath }
diagnosis-constant-factor = 상수배만큼 다름
diagnosis-constant-offset = 상수만큼 다름
diagnosis-wrong-exponent = 지수 오류
diagnosis-dropped-term = 빠진 항이 있음
diagnosis-swapped-prediction-label = 예측값과 정답 레이블이 바뀜
diagnosis-missing-mean = 평균 1/m 누락
diagnosis-softmax-elementwise = 소프트맥스를 원소별로 미분함 (야코비 행렬은 대각 행렬이 아님)
diagnosis-product-of-derivatives = 곱의 미분은 미분의 곱이 아님
diagnosis-not-simplified = 맞지만 정리되지 않음
diagnosis-removable-singularity = 식이 정의되지 않는 점을 빼면 같음
diagnosis-squared-error-inner-factor = 연쇄 법칙: 제곱 안쪽 식의 미분에서 인수가 빠짐
diagnosis-sigmoid-derivative-power = σ′ = σ(1 − σ)의 거듭제곱이 틀림
diagnosis-sigmoid-derivative-missing-factor = σ′ = σ(1 − σ)의 인수 하나가 빠짐
diagnosis-sigmoid-derivative-reciprocal-square = 1/g의 미분은 1/g²이 아니라 −g′/g²임
`;
