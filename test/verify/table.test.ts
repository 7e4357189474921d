// The verification table of issue 5 ("Done when"): rows built from the golden cases G1–G5 of
// SEEDS.md — [problem (expr + wrt) or teacher answer, student answer as typed (plain text or LaTeX),
// expected verdict, expected finding id or null]. Every row goes through `verifyRow`: the teacher
// answer is derive(problem).result (or the given one), the verdict comes from the equivalence
// function (src/verify/equivalence.ts `equivalent`; an import failure fails the file), the finding
// from diagnose. Assertions: no false accepts, no false rejects, the right diagnosis on ≥ 95 % of the single-mistake rows (misdiagnosed rows are printed), no
// finding on a wrong answer no single mistake explains, every finding's LaTeX passes KaTeX strict.
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/ast/nodes.js';
import { derive } from '../../src/derive/derive.js';
import { canonicalSymbol, mainExpr, parseAsync } from '../../src/parse/index.js';
import { diagnose } from '../../src/verify/diagnose.js';
import { equivalent } from '../../src/verify/equivalence.js';
import { numericEquivalent, type EquivalenceFn } from '../../src/verify/lines.js';
import { naturalRoles, type Role } from '../../src/verify/natural.js';
import type { Counterexample, Finding, VerdictKind, VerifyOptions } from '../../src/verify/types.js';

/** The real equivalence (src/verify/equivalence.ts): an import failure fails the test file.
 * TABLE_EQUIVALENCE=numeric runs the table against src/check's step comparison instead, for
 * comparison only (never a silent fallback). */
function pickEquivalent(): { fn: EquivalenceFn; name: string } {
  if (process.env['TABLE_EQUIVALENCE'] === 'numeric') {
    return { fn: numericEquivalent, name: 'numeric step comparison (src/verify/lines.ts numericEquivalent)' };
  }
  return { fn: equivalent, name: 'src/verify/equivalence.ts equivalent' };
}

interface Problem {
  readonly expr?: string;
  readonly wrt?: string;
  /** the teacher's answer, when no problem is given */
  readonly expected?: string;
}
type Rewrite = 'as-is' | 'expanded' | 'factored' | 'sigma-vs-exp' | 'common-denominator' | 'reordered' | 'latex' | 'unsimplified';
interface Row {
  readonly p: Problem;
  readonly answer: string;
  readonly verdict: VerdictKind;
  /** the expected finding id; null = no finding */
  readonly finding: string | null;
  /** for correct rows: the kind of rewrite; for wrong ones: 'single' (one mistake) or 'other' */
  readonly tag: Rewrite | 'single' | 'other';
  readonly requireSimplified?: boolean;
}

const prob = (expr: string, wrt: string): Problem => ({ expr, wrt });
const given = (expected: string): Problem => ({ expected });
const rows: Row[] = [];
/** a correct answer of the given rewrite kind */
const ok = (p: Problem, tag: Rewrite, ...answers: string[]) => answers.forEach((answer) => rows.push({ p, answer, verdict: 'correct', finding: null, tag }));
/** a wrong answer with one mistake, and the finding that names it */
const bad = (p: Problem, finding: string, ...answers: string[]) => answers.forEach((answer) => rows.push({ p, answer, verdict: 'incorrect', finding, tag: 'single' }));
/** a wrong answer that no single mistake explains: the verdict, and no finding */
const wrong = (p: Problem, ...answers: string[]) => answers.forEach((answer) => rows.push({ p, answer, verdict: 'incorrect', finding: null, tag: 'other' }));
/** the problem asks for the simplified form */
const simp = (p: Problem, finding: string | null, ...answers: string[]) =>
  answers.forEach((answer) => rows.push({ p, answer, verdict: 'correct', finding, tag: 'unsimplified', requireSimplified: true }));
const L = String.raw;

// ---------------------------------------------------------------- G1: one neuron, σ, BCE
const G1w = prob('BCE(σ(w x + b), ŷ)', 'w'); // (σ(wx + b) − ŷ)x
ok(G1w, 'as-is', 'x(σ(wx+b) - ŷ)', 'x*(sigmoid(w*x + b) - y_hat)');
ok(G1w, 'reordered', '(σ(b + wx) - ŷ)x', '(-ŷ + σ(xw + b))·x', '-x(ŷ - σ(wx+b))');
ok(G1w, 'expanded', 'xσ(wx+b) - xŷ', 'xσ(wx+b)(1 - ŷ) - xŷ(1 - σ(wx+b))');
ok(G1w, 'sigma-vs-exp', 'x(1/(1 + e^(-(wx+b))) - ŷ)', 'x e^(wx+b)/(1 + e^(wx+b)) - xŷ', 'x/(1 + exp(-w x - b)) - x ŷ');
ok(G1w, 'common-denominator', 'x(1 - ŷ(1 + e^(-(wx+b))))/(1 + e^(-(wx+b)))', '(x - xŷ - xŷe^(-wx-b))/(1 + e^(-wx-b))');
ok(G1w, 'unsimplified', '-(ŷ/σ(wx+b) - (1 - ŷ)/(1 - σ(wx+b)))·σ(wx+b)(1 - σ(wx+b))·x');
ok(G1w, 'latex', L`x\left(\sigma(wx+b)-\hat{y}\right)`, L`\frac{x}{1+e^{-(wx+b)}}-x\hat{y}`, L`x\cdot\sigma(w x+b)-\hat{y}\, x`, L`\frac{x\left(1-\hat{y}-\hat{y}e^{-wx-b}\right)}{1+e^{-wx-b}}`);
bad(G1w, 'swapped-prediction-label', 'x(ŷ - σ(wx+b))', '(ŷ - σ(wx+b))·x', L`x\left(\hat{y}-\sigma(wx+b)\right)`, 'xŷ - xσ(wx+b)');
bad(G1w, 'sign-error', '-x(σ(wx+b) - ŷ)', '-xσ(wx+b) - (-xŷ)');
bad(G1w, 'missing-chain-factor', 'σ(wx+b) - ŷ', L`\sigma(wx+b)-\hat{y}`, '(σ(wx+b) - ŷ)/(σ(wx+b)(1 - σ(wx+b)))', 'x(σ(wx+b) - ŷ)/(σ(wx+b)(1 - σ(wx+b)))', '1/(1+e^(-wx-b)) - ŷ');
bad(G1w, 'extra-factor', 'x^2(σ(wx+b) - ŷ)', 'x(σ(wx+b) - ŷ)σ(wx+b)(1 - σ(wx+b))', L`x^{2}\left(\sigma(wx+b)-\hat{y}\right)`);
bad(G1w, 'constant-factor', '2x(σ(wx+b) - ŷ)', 'x(σ(wx+b) - ŷ)/2', '-2x(σ(wx+b) - ŷ)');
bad(G1w, 'constant-offset', 'x(σ(wx+b) - ŷ) + 1', 'x(σ(wx+b) - ŷ) - 1/2');
bad(G1w, 'dropped-term', 'xσ(wx+b)', '-xŷ', L`x\sigma(wx+b)`);
bad(G1w, 'sign-error', 'xσ(wx+b) + xŷ', '-xσ(wx+b) - xŷ');
wrong(G1w, 'w(σ(wx+b) - ŷ)', 'x σ(wx+b)(1 - σ(wx+b))', 'log(σ(wx+b))', '0');

const G1b = prob('BCE(σ(w x + b), ŷ)', 'b'); // σ(wx + b) − ŷ
ok(G1b, 'as-is', 'σ(wx+b) - ŷ');
ok(G1b, 'reordered', '-ŷ + σ(b + xw)', '-(ŷ - σ(wx+b))');
ok(G1b, 'sigma-vs-exp', '1/(1 + e^(-wx-b)) - ŷ', 'e^(wx+b)/(1 + e^(wx+b)) - ŷ', '1 - 1/(1 + e^(wx+b)) - ŷ');
ok(G1b, 'common-denominator', '(1 - ŷ - ŷe^(-(wx+b)))/(1 + e^(-(wx+b)))', '(e^(wx+b) - ŷ - ŷe^(wx+b))/(1 + e^(wx+b))');
ok(G1b, 'latex', L`\sigma(wx+b)-\hat{y}`, L`\frac{1}{1+e^{-(wx+b)}}-\hat{y}`, L`\frac{e^{wx+b}}{1+e^{wx+b}}-\hat y`);
bad(G1b, 'swapped-prediction-label', 'ŷ - σ(wx+b)', L`\hat{y}-\sigma(wx+b)`);
bad(G1b, 'missing-chain-factor', '(σ(wx+b) - ŷ)/(σ(wx+b)(1 - σ(wx+b)))');
bad(G1b, 'extra-factor', 'x(σ(wx+b) - ŷ)', '(σ(wx+b) - ŷ)σ(wx+b)(1 - σ(wx+b))');
bad(G1b, 'constant-factor', '2(σ(wx+b) - ŷ)', '(σ(wx+b) - ŷ)/3');
bad(G1b, 'constant-offset', 'σ(wx+b) - ŷ + 1', 'σ(wx+b) - ŷ - 1/2');
bad(G1b, 'dropped-term', 'σ(wx+b)', '-ŷ');
bad(G1b, 'sign-error', '-σ(wx+b) - ŷ', 'σ(wx+b) + ŷ');

const G1x = prob('BCE(σ(w x + b), ŷ)', 'x'); // w(σ(wx + b) − ŷ)
ok(G1x, 'as-is', 'w(σ(wx+b) - ŷ)');
ok(G1x, 'expanded', 'wσ(wx+b) - wŷ');
ok(G1x, 'latex', L`w\left(\sigma(wx+b)-\hat{y}\right)`);
bad(G1x, 'missing-chain-factor', 'σ(wx+b) - ŷ');
bad(G1x, 'swapped-prediction-label', 'w(ŷ - σ(wx+b))');

const G1y = prob('BCE(y, ŷ)', 'y'); // step 1: (y − ŷ)/(y(1 − y))
ok(G1y, 'as-is', '(y - ŷ)/(y(1 - y))');
ok(G1y, 'unsimplified', '-(ŷ/y - (1 - ŷ)/(1 - y))', '(1 - ŷ)/(1 - y) - ŷ/y');
ok(G1y, 'common-denominator', '-(ŷ(1 - y) - (1 - ŷ)y)/(y(1 - y))', '(y - ŷ)/(y - y^2)');
ok(G1y, 'factored', '(y - ŷ)/y · 1/(1 - y)', '1/(1 - y) - ŷ/(y(1 - y))');
ok(G1y, 'latex', L`\frac{y-\hat{y}}{y(1-y)}`, L`\frac{1-\hat{y}}{1-y}-\frac{\hat{y}}{y}`, L`-\left(\frac{\hat{y}}{y}-\frac{1-\hat{y}}{1-y}\right)`);
bad(G1y, 'swapped-prediction-label', '(ŷ - y)/(y(1 - y))', '(ŷ - y)/(ŷ(1 - ŷ))', L`\frac{\hat{y}-y}{y(1-y)}`);
bad(G1y, 'sign-error', '-(ŷ/y + (1 - ŷ)/(1 - y))', 'ŷ/y - (1 - ŷ)/(1 - y)', '-(1 - ŷ)/(1 - y) + ŷ/y');
bad(G1y, 'dropped-term', '-ŷ/y', '(1 - ŷ)/(1 - y)', L`-\frac{\hat{y}}{y}`);
bad(G1y, 'constant-factor', '2(y - ŷ)/(y(1 - y))');
bad(G1y, 'constant-offset', '(y - ŷ)/(y(1 - y)) + 1');
bad(G1y, 'extra-factor', '(y - ŷ)/y');

const G1s = prob('σ(z)', 'z'); // step 2: σ(z)(1 − σ(z))
ok(G1s, 'as-is', 'σ(z)(1 - σ(z))');
ok(G1s, 'expanded', 'σ(z) - σ(z)^2');
ok(G1s, 'sigma-vs-exp', 'e^(-z)/(1 + e^(-z))^2', 'e^z/(1 + e^z)^2', 'σ(z)σ(-z)', 'σ(z)(1 - 1/(1 + e^(-z)))');
ok(G1s, 'factored', '1/(1 + e^(-z)) · e^(-z)/(1 + e^(-z))');
ok(G1s, 'latex', L`\sigma(z)\left(1-\sigma(z)\right)`, L`\frac{e^{-z}}{\left(1+e^{-z}\right)^{2}}`);
bad(G1s, 'sign-error', '-σ(z)(1 - σ(z))', 'σ(z)(1 + σ(z))', '-e^(-z)/(1 + e^(-z))^2');
bad(G1s, 'dropped-term', '-σ(z)^2');
// issue 11 item 5: σ′ written wrongly (σ(z) alone was 'dropped-term' before: it is a missing factor of σ′)
bad(G1s, 'sigmoid-derivative-power', 'σ(z)^2(1 - σ(z))', 'σ(z)(1 - σ(z))^2', L`\sigma(z)^{2}\left(1-\sigma(z)\right)`);
bad(G1s, 'sigmoid-derivative-missing-factor', 'σ(z)', '1 - σ(z)', 'e^(-z)/(1 + e^(-z))', '1/(1 + e^(-z))');
bad(G1s, 'sigmoid-derivative-reciprocal-square', '1/(1 + e^(-z))^2', 'σ(z)^2', L`\frac{1}{\left(1+e^{-z}\right)^{2}}`);
bad(G1s, 'constant-factor', '2σ(z)(1 - σ(z))');
bad(G1s, 'constant-offset', 'σ(z)(1 - σ(z)) + 1');

const G1d = prob('1/(1 + e^(-z))', 'z'); // σ from its definition
ok(G1d, 'sigma-vs-exp', 'e^(-z)/(1 + e^(-z))^2', 'σ(z)(1 - σ(z))');
ok(G1d, 'unsimplified', '-1/(1 + e^(-z))^2 · (-e^(-z))');
ok(G1d, 'latex', L`\frac{e^{-z}}{\left(1+e^{-z}\right)^{2}}`);
bad(G1d, 'sign-error', '-e^(-z)/(1 + e^(-z))^2');
bad(G1d, 'missing-chain-factor', '-1/(1 + e^(-z))^2');
bad(G1d, 'wrong-exponent', 'e^(-z)/(1 + e^(-z))^3');
// issue 11 item 5 (e^(−z)/(1 + e^(−z)) was 'wrong-exponent' before: it is 1 − σ(z), σ′ without σ)
bad(G1d, 'sigmoid-derivative-missing-factor', 'e^(-z)/(1 + e^(-z))', '1/(1 + e^(-z))');
bad(G1d, 'sigmoid-derivative-reciprocal-square', '1/(1 + e^(-z))^2');
bad(G1d, 'sigmoid-derivative-power', 'σ(z)(1 - σ(z))^2');

const G1prod = prob('x(σ(w x + b) - ŷ)', 'x'); // a product: (uv)′
ok(G1prod, 'as-is', 'σ(wx+b) - ŷ + xwσ(wx+b)(1 - σ(wx+b))');
ok(G1prod, 'reordered', 'wxσ(wx+b)(1 - σ(wx+b)) + σ(wx+b) - ŷ');
bad(G1prod, 'product-of-derivatives', 'wσ(wx+b)(1 - σ(wx+b))');
bad(G1prod, 'dropped-term', 'σ(wx+b) - ŷ', 'xwσ(wx+b)(1 - σ(wx+b))');

const G1py = prob('y(1 - y)', 'y'); // ∂y/∂z = y(1 − y), differentiated once more
ok(G1py, 'as-is', '1 - 2y');
ok(G1py, 'unsimplified', '(1 - y) - y');
bad(G1py, 'product-of-derivatives', '-1');
bad(G1py, 'dropped-term', '1 - y', '-y');

const G1g = given('(y - ŷ)x'); // step 4, the teacher's answer only
ok(G1g, 'reordered', 'x(y - ŷ)', '(-ŷ + y)x');
ok(G1g, 'expanded', 'xy - xŷ');
ok(G1g, 'latex', L`(y-\hat{y})x`, L`x\left(y - \hat y\right)`);
bad(G1g, 'sign-error', 'x(ŷ - y)');
bad(G1g, 'constant-factor', '2x(y - ŷ)');
bad(G1g, 'constant-offset', 'x(y - ŷ) + 1');
bad(G1g, 'dropped-term', 'xy', '-xŷ');
wrong(G1g, 'y - ŷ');

simp(G1w, 'not-simplified', '-(ŷ/σ(wx+b) - (1 - ŷ)/(1 - σ(wx+b)))·σ(wx+b)(1 - σ(wx+b))·x', 'x(1 - ŷ(1 + e^(-(wx+b))))/(1 + e^(-(wx+b)))');
simp(G1w, null, 'x(σ(wx+b) - ŷ)', '(σ(wx+b) - ŷ)x');
simp(G1y, 'not-simplified', '-(ŷ/y - (1 - ŷ)/(1 - y))');
simp(G1y, null, '(y - ŷ)/(y(1 - y))');
simp(G1s, 'not-simplified', 'e^(-z)/(1 + e^(-z))^2');
simp(G1s, null, 'σ(z)(1 - σ(z))');

// ---------------------------------------------------------------- G2: logistic regression graph
const G2w1 = prob('BCE(σ(w0 + w1 x1 + w2 x2), y)', 'w1'); // x₁(σ(z) − y)
ok(G2w1, 'as-is', 'x1(σ(w0 + w1 x1 + w2 x2) - y)');
ok(G2w1, 'expanded', 'x_1 σ(w_0 + w_1 x_1 + w_2 x_2) - x_1 y');
ok(G2w1, 'reordered', '(σ(w2 x2 + w1 x1 + w0) - y)x1');
ok(G2w1, 'sigma-vs-exp', 'x1/(1 + e^(-w0 - w1 x1 - w2 x2)) - x1 y');
ok(G2w1, 'latex', L`x_{1}\left(\sigma(w_{0}+w_{1}x_{1}+w_{2}x_{2})-y\right)`, L`\frac{x_1}{1+e^{-(w_0+w_1x_1+w_2x_2)}}-x_1y`);
bad(G2w1, 'swapped-prediction-label', 'x1(y - σ(w0 + w1 x1 + w2 x2))');
bad(G2w1, 'missing-chain-factor', 'σ(w0 + w1 x1 + w2 x2) - y');
bad(G2w1, 'sign-error', '-x1(σ(w0 + w1 x1 + w2 x2) - y)');
bad(G2w1, 'constant-factor', '2x1(σ(w0 + w1 x1 + w2 x2) - y)');
bad(G2w1, 'dropped-term', 'x1 σ(w0 + w1 x1 + w2 x2)');
bad(G2w1, 'extra-factor', 'x1^2(σ(w0 + w1 x1 + w2 x2) - y)');
wrong(G2w1, 'x2(σ(w0 + w1 x1 + w2 x2) - y)');

const G2w0 = prob('BCE(σ(w0 + w1 x1 + w2 x2), y)', 'w0'); // σ(z) − y
ok(G2w0, 'as-is', 'σ(w0 + w1 x1 + w2 x2) - y');
ok(G2w0, 'sigma-vs-exp', '1/(1 + e^(-(w0 + w1 x1 + w2 x2))) - y');
ok(G2w0, 'latex', L`\sigma\left(w_0+w_1x_1+w_2x_2\right)-y`);
bad(G2w0, 'extra-factor', 'x1(σ(w0 + w1 x1 + w2 x2) - y)');
bad(G2w0, 'swapped-prediction-label', 'y - σ(w0 + w1 x1 + w2 x2)');

const G2x2 = prob('BCE(σ(w0 + w1 x1 + w2 x2), y)', 'x2'); // w₂(σ(z) − y)
ok(G2x2, 'as-is', 'w2(σ(w0 + w1 x1 + w2 x2) - y)');
ok(G2x2, 'expanded', 'w2 σ(w0 + w1 x1 + w2 x2) - w2 y');
bad(G2x2, 'missing-chain-factor', 'σ(w0 + w1 x1 + w2 x2) - y');

const G2n = prob('-log(σ(z))', 'z'); // the fused gate for y = 1: σ(z) − 1
ok(G2n, 'as-is', 'σ(z) - 1');
ok(G2n, 'sigma-vs-exp', '-e^(-z)/(1 + e^(-z))', '-1/(1 + e^z)', '-σ(-z)');
ok(G2n, 'reordered', '-(1 - σ(z))', '-1 + σ(z)');
ok(G2n, 'latex', L`-\frac{e^{-z}}{1+e^{-z}}`, L`\sigma(z)-1`);
bad(G2n, 'sign-error', '1 - σ(z)', 'e^(-z)/(1 + e^(-z))', 'σ(z) + 1');
bad(G2n, 'missing-chain-factor', '-1/σ(z)', L`-\frac{1}{\sigma(z)}`);
bad(G2n, 'dropped-term', 'σ(z)');
bad(G2n, 'missing-chain-factor', '-e^(-z)/(1 + e^(-z))^2'); // −σ′(z): log′(σ(z)) = 1/σ(z) left out
bad(G2n, 'constant-offset', 'σ(z) - 2');

// ---------------------------------------------------------------- G3: least squares, chain rule
const G3a = prob('(-1 - (-2a + b))^2 + (1 - b)^2 + (2 - (a + b))^2', 'a'); // 10a − 2b − 8
ok(G3a, 'as-is', '10a - 2b - 8');
ok(G3a, 'factored', '2(5a - b - 4)');
ok(G3a, 'reordered', '-8 - 2b + 10a');
ok(G3a, 'unsimplified', '4(-1 + 2a - b) - 2(2 - a - b)', '-2·(-2)(-1 - (-2a + b)) - 2·1·(2 - (a + b))');
ok(G3a, 'latex', L`10a-2b-8`, L`2\left(5a-b-4\right)`);
bad(G3a, 'dropped-term', '4(-1 + 2a - b)', '10a - 2b');
bad(G3a, 'sign-error', '-(10a - 2b - 8)', '2(-2)(-1 - (-2a + b)) + 2(2 - (a + b))');
bad(G3a, 'constant-factor', '20a - 4b - 16', '5a - b - 4');
bad(G3a, 'constant-offset', '10a - 2b - 4');
wrong(G3a, '2(-1 - (-2a + b)) + 2(1 - b) + 2(2 - (a + b))');

const G3b = prob('(-1 - (-2a + b))^2 + (1 - b)^2 + (2 - (a + b))^2', 'b'); // −2a + 6b − 4
ok(G3b, 'as-is', '-2a + 6b - 4');
ok(G3b, 'factored', '2(3b - a - 2)');
ok(G3b, 'unsimplified', '-2(-1 + 2a - b) - 2(1 - b) - 2(2 - a - b)');
bad(G3b, 'sign-error', '2a - 6b + 4');
bad(G3b, 'dropped-term', '-2(-1 + 2a - b) - 2(2 - a - b)');
bad(G3b, 'constant-factor', '-a + 3b - 2');

const G3s = prob('(y - (a x + b))^2', 'a'); // −2x(y − (ax + b))
ok(G3s, 'as-is', '-2x(y - (ax + b))');
ok(G3s, 'reordered', '2x(ax + b - y)', '2(ax + b - y)x');
ok(G3s, 'expanded', '2ax^2 + 2bx - 2xy');
ok(G3s, 'latex', L`-2x\left(y-(ax+b)\right)`, L`2x(ax+b-y)`);
bad(G3s, 'missing-chain-factor', '2(y - (ax + b))', L`2\left(y-(ax+b)\right)`);
bad(G3s, 'sign-error', '2x(y - (ax + b))', '-2x(y - ax + b)');
bad(G3s, 'constant-factor', '-x(y - (ax + b))');
bad(G3s, 'wrong-exponent', '-2x(y - (ax + b))^2', '-2x');
// issue 11 item 5: the inside's derivative −x taken as −1
bad(G3s, 'squared-error-inner-factor', '-2(y - (ax + b))', '2(ax + b - y)', L`-2\left(y-(ax+b)\right)`);
const G3sb = prob('(y - (a x^2 + b))^2', 'a'); // −2x²(y − (ax² + b))
ok(G3sb, 'as-is', '-2x^2(y - (ax^2 + b))');
bad(G3sb, 'squared-error-inner-factor', '-2(y - (ax^2 + b))');
const G3sum = prob('(y1 - (a x1 + b))^2 + (y2 - (a x2 + b))^2', 'a'); // two data points
ok(G3sum, 'as-is', '-2x1(y1 - (a x1 + b)) - 2x2(y2 - (a x2 + b))');
bad(G3sum, 'squared-error-inner-factor', '-2(y1 - (a x1 + b)) - 2(y2 - (a x2 + b))');
const G1sw = prob('BCE(σ(w x + b), ŷ)', 'b'); // σ′ inside the chain: −(ŷ/σ − (1 − ŷ)/(1 − σ))·σ′
bad(G1sw, 'sigmoid-derivative-missing-factor', '(1 - ŷ) - ŷ(1 - σ(wx+b))/σ(wx+b)');
bad(G1sw, 'sigmoid-derivative-power', '(σ(wx+b) - ŷ)σ(wx+b)');

const G3m = prob('MSE(a x + b, y)', 'a'); // one data point of G3's loss, as MSE(prediction, target)
ok(G3m, 'as-is', '2(ax + b - y)x');
ok(G3m, 'reordered', '-2x(y - (ax + b))', 'x·2(b + ax - y)');
ok(G3m, 'expanded', '2ax^2 + 2bx - 2xy');
ok(G3m, 'latex', L`2x\left(ax+b-y\right)`);
bad(G3m, 'swapped-prediction-label', '2(y - (ax + b))x', '2x(y - ax - b)', L`2x\left(y-(ax+b)\right)`);
bad(G3m, 'missing-chain-factor', '2(ax + b - y)');
bad(G3m, 'constant-factor', '(ax + b - y)x');

const G3c = prob('log(x/3 + 2/3)', 'x'); // (1/3)·1/y = 1/(x + 2)
ok(G3c, 'as-is', '1/(x + 2)');
ok(G3c, 'unsimplified', '(1/3)·1/(x/3 + 2/3)', '1/(3(x/3 + 2/3))');
ok(G3c, 'latex', L`\frac{1}{x+2}`, L`\frac{1}{3}\cdot\frac{1}{\frac{x}{3}+\frac{2}{3}}`);
bad(G3c, 'missing-chain-factor', '1/(x/3 + 2/3)', '3/(x + 2)');
bad(G3c, 'extra-factor', '1/(3(x + 2))', '1/(9(x/3 + 2/3))');
bad(G3c, 'sign-error', '-1/(x + 2)');
bad(G3c, 'constant-offset', '1/(x + 2) + 1');

// ---------------------------------------------------------------- G4: two-layer network
const G4W2 = prob('BCE(σ(W2 a1 + b2), y)', 'W2'); // (a² − y)a¹
ok(G4W2, 'as-is', '(σ(W2 a1 + b2) - y)a1');
ok(G4W2, 'expanded', 'a1 σ(W2 a1 + b2) - a1 y');
ok(G4W2, 'sigma-vs-exp', 'a1/(1 + e^(-W2 a1 - b2)) - a1 y');
ok(G4W2, 'latex', L`\left(\sigma(W_{2}a_{1}+b_{2})-y\right)a_{1}`);
bad(G4W2, 'missing-chain-factor', 'σ(W2 a1 + b2) - y');
bad(G4W2, 'swapped-prediction-label', '(y - σ(W2 a1 + b2))a1');
bad(G4W2, 'sign-error', '-(σ(W2 a1 + b2) - y)a1');

const G4b2 = prob('BCE(σ(W2 a1 + b2), y)', 'b2'); // a² − y
ok(G4b2, 'as-is', 'σ(W2 a1 + b2) - y');
ok(G4b2, 'latex', L`\sigma(W_2 a_1+b_2)-y`);
bad(G4b2, 'extra-factor', '(σ(W2 a1 + b2) - y)a1');
bad(G4b2, 'swapped-prediction-label', 'y - σ(W2 a1 + b2)');

const A1 = 'σ(W1 X + b1)';
const A2 = `σ(W2 ${A1} + b2)`;
const G4W1 = prob(`BCE(${A2}, y)`, 'W1'); // (a² − y)W²a¹(1 − a¹)X
ok(G4W1, 'as-is', `(${A2} - y)W2 ${A1}(1 - ${A1})X`);
ok(G4W1, 'reordered', `X W2 (${A2} - y) ${A1}(1 - ${A1})`);
ok(G4W1, 'expanded', `(${A2} - y)W2 X(${A1} - ${A1}^2)`);
ok(G4W1, 'latex', L`\left(\sigma(W_2\sigma(W_1X+b_1)+b_2)-y\right)W_2\sigma(W_1X+b_1)\left(1-\sigma(W_1X+b_1)\right)X`);
bad(G4W1, 'missing-chain-factor', `(${A2} - y)W2 X`, `(${A2} - y)W2 ${A1}(1 - ${A1})`);
bad(G4W1, 'swapped-prediction-label', `(y - ${A2})W2 ${A1}(1 - ${A1})X`);
bad(G4W1, 'sign-error', `-(${A2} - y)W2 ${A1}(1 - ${A1})X`);
bad(G4W1, 'constant-factor', `2(${A2} - y)W2 ${A1}(1 - ${A1})X`);
wrong(G4W1, `(${A2} - y)${A1}(1 - ${A1})X`);

const G4b1 = prob(`BCE(${A2}, y)`, 'b1'); // (a² − y)W²a¹(1 − a¹)
ok(G4b1, 'as-is', `(${A2} - y)W2 ${A1}(1 - ${A1})`);
bad(G4b1, 'extra-factor', `(${A2} - y)W2 ${A1}(1 - ${A1})X`);
bad(G4b1, 'missing-chain-factor', `(${A2} - y)W2`);

const G4m = prob('(1/m) BCE(σ(w x + b), y)', 'w'); // the mean over m samples
ok(G4m, 'as-is', 'x(σ(wx+b) - y)/m');
ok(G4m, 'reordered', '(1/m)(σ(wx+b) - y)x');
ok(G4m, 'expanded', 'xσ(wx+b)/m - xy/m');
ok(G4m, 'latex', L`\frac{1}{m}x\left(\sigma(wx+b)-y\right)`, L`\frac{x\sigma(wx+b)-xy}{m}`);
bad(G4m, 'missing-mean', 'x(σ(wx+b) - y)', L`x\left(\sigma(wx+b)-y\right)`, 'xσ(wx+b) - xy');
bad(G4m, 'missing-chain-factor', '(σ(wx+b) - y)/m');
bad(G4m, 'swapped-prediction-label', 'x(y - σ(wx+b))/m');
bad(G4m, 'sign-error', '-x(σ(wx+b) - y)/m');

const G4sum = prob('(1/m)(BCE(σ(w x1 + b), y1) + BCE(σ(w x2 + b), y2))', 'w'); // two samples
ok(G4sum, 'as-is', '(x1(σ(w x1 + b) - y1) + x2(σ(w x2 + b) - y2))/m');
ok(G4sum, 'expanded', 'x1(σ(w x1 + b) - y1)/m + x2(σ(w x2 + b) - y2)/m');
ok(G4sum, 'latex', L`\frac{1}{m}\left(x_1(\sigma(wx_1+b)-y_1)+x_2(\sigma(wx_2+b)-y_2)\right)`);
bad(G4sum, 'missing-mean', 'x1(σ(w x1 + b) - y1) + x2(σ(w x2 + b) - y2)');
bad(G4sum, 'dropped-term', 'x1(σ(w x1 + b) - y1)/m');
bad(G4sum, 'swapped-prediction-label', '(x1(y1 - σ(w x1 + b)) + x2(σ(w x2 + b) - y2))/m');

const G4g = given('(a2 - y) W2 a1 (1 - a1) X'); // ∂L/∂W¹ per sample, the teacher's answer only
ok(G4g, 'reordered', 'X W2 (a2 - y) a1 (1 - a1)');
ok(G4g, 'expanded', '(a2 - y) W2 X (a1 - a1^2)');
ok(G4g, 'latex', L`(a_2-y)W_2a_1(1-a_1)X`, L`\left(a^{(2)}-y\right)W^{(2)}a^{(1)}\left(1-a^{(1)}\right)X`);
bad(G4g, 'sign-error', '(y - a2) W2 a1 (1 - a1) X');
bad(G4g, 'constant-factor', '2(a2 - y) W2 a1 (1 - a1) X');

// ---------------------------------------------------------------- G5: softmax, chain-rule check
const S3 = (i: number) => `e^(x${i})/(e^(x1) + e^(x2) + e^(x3))`;
const G5s3 = prob(`-(t1 log(${S3(1)}) + t2 log(${S3(2)}) + (1 - t1 - t2) log(${S3(3)}))`, 'x1'); // y₁ − t₁ (Σ t = 1)
ok(G5s3, 'as-is', `${S3(1)} - t1`);
ok(G5s3, 'reordered', `-(t1 - ${S3(1)})`, `-t1 + ${S3(1)}`);
ok(G5s3, 'common-denominator', '(e^(x1) - t1(e^(x1) + e^(x2) + e^(x3)))/(e^(x1) + e^(x2) + e^(x3))');
ok(G5s3, 'sigma-vs-exp', '1/(1 + e^(x2 - x1) + e^(x3 - x1)) - t1');
ok(G5s3, 'latex', L`\frac{e^{x_1}}{e^{x_1}+e^{x_2}+e^{x_3}}-t_1`);
bad(G5s3, 'softmax-elementwise', `-t1(1 - ${S3(1)})`, L`-t_1\left(1-\frac{e^{x_1}}{e^{x_1}+e^{x_2}+e^{x_3}}\right)`, '-t1(e^(x2) + e^(x3))/(e^(x1) + e^(x2) + e^(x3))');
bad(G5s3, 'sign-error', `t1 - ${S3(1)}`);
bad(G5s3, 'constant-factor', `2(${S3(1)} - t1)`);

const S2 = (i: number) => `e^(x${i})/(e^(x1) + e^(x2))`;
const G5s2 = prob(`-(t1 log(${S2(1)}) + (1 - t1) log(${S2(2)}))`, 'x1'); // 2 classes: σ(x₁ − x₂) − t₁
ok(G5s2, 'as-is', `${S2(1)} - t1`);
ok(G5s2, 'sigma-vs-exp', 'σ(x1 - x2) - t1', '1/(1 + e^(x2 - x1)) - t1');
ok(G5s2, 'latex', L`\sigma(x_1-x_2)-t_1`);
bad(G5s2, 'softmax-elementwise', `-t1(1 - ${S2(1)})`, '-t1 e^(x2)/(e^(x1) + e^(x2))', '-t1(1 - σ(x1 - x2))');
bad(G5s2, 'sign-error', 't1 - σ(x1 - x2)');

const G5c = prob('(x + 1)^2', 'x'); // f = g(h(x)), f′ = 2(x + 1)
ok(G5c, 'as-is', '2(x + 1)');
ok(G5c, 'expanded', '2x + 2');
ok(G5c, 'reordered', '(1 + x)·2');
ok(G5c, 'latex', L`2\left(x+1\right)`, L`2x+2`);
bad(G5c, 'constant-factor', 'x + 1');
bad(G5c, 'wrong-exponent', '2(x + 1)^2', '2');
bad(G5c, 'constant-offset', '2(x + 1) + 1');
bad(G5c, 'sign-error', '-2(x + 1)');
bad(G5c, 'dropped-term', '2x');

const G5p = prob('x^2 + 2x + 1', 'x'); // the same f, expanded
ok(G5p, 'as-is', '2x + 2');
ok(G5p, 'factored', '2(x + 1)');
bad(G5p, 'dropped-term', '2x', '2');
bad(G5p, 'wrong-exponent', '2x^2 + 2x');
bad(G5p, 'constant-offset', '2x + 3');
wrong(G5p, 'x + 2');

const G5e = prob('e^x/(e^x + 1)', 'x'); // S = eˣ/(eˣ + 1): S′ = S(1 − S)
ok(G5e, 'sigma-vs-exp', 'σ(x)(1 - σ(x))', 'e^x/(e^x + 1)^2');
ok(G5e, 'unsimplified', '(e^x(e^x + 1) - e^x e^x)/(e^x + 1)^2', 'e^x/(e^x + 1) - e^(2x)/(e^x + 1)^2');
ok(G5e, 'latex', L`\frac{e^{x}}{\left(e^{x}+1\right)^{2}}`);
// issue 11 item 5: eˣ/(eˣ + 1) for S′ is S alone, σ′ without 1 − σ (was 'extra-factor' before)
bad(G5e, 'sigmoid-derivative-missing-factor', 'e^x/(e^x + 1)', '1/(e^x + 1)');
bad(G5e, 'sigmoid-derivative-power', 'e^(2x)/(e^x + 1)^3');
bad(G5e, 'sign-error', '(e^x(e^x + 1) + e^x e^x)/(e^x + 1)^2', '-e^x/(e^x + 1)^2');

const G5l = prob('log(p/(1 - p))', 'p'); // the logit
ok(G5l, 'as-is', '1/(p(1 - p))');
ok(G5l, 'expanded', '1/p + 1/(1 - p)', '1/(p - p^2)');
ok(G5l, 'unsimplified', '(1 - p)/p · 1/(1 - p)^2');
ok(G5l, 'latex', L`\frac{1}{p(1-p)}`, L`\frac{1}{p}+\frac{1}{1-p}`);
bad(G5l, 'missing-chain-factor', '(1 - p)/p');
bad(G5l, 'sign-error', '-1/(p(1 - p))');

const G5sp = prob('σ(z)(1 - σ(z))', 'z'); // S′ = S(1 − S), differentiated again (a product)
ok(G5sp, 'as-is', 'σ(z)(1 - σ(z))(1 - 2σ(z))');
ok(G5sp, 'expanded', 'σ(z) - 3σ(z)^2 + 2σ(z)^3');
bad(G5sp, 'product-of-derivatives', '-σ(z)^2(1 - σ(z))^2');
bad(G5sp, 'dropped-term', 'σ(z)(1 - σ(z))^2');

// ---------------------------------------------------------------- running the table
interface Outcome {
  readonly verdict: VerdictKind;
  readonly findings: Finding[];
  readonly counterexample?: Counterexample;
  readonly reason?: string;
  readonly roles: Record<string, Role>;
}

const parsed = async (s: string): Promise<Expr> => mainExpr(await parseAsync(s));

async function verifyRow(row: Row, equivalent: EquivalenceFn): Promise<Outcome> {
  const { p } = row;
  const problem = p.expr ? await parsed(p.expr) : undefined;
  const wrt = p.wrt ? canonicalSymbol(p.wrt) : undefined;
  const teacher = p.expected ? await parsed(p.expected) : derive(problem!, wrt!).result;
  const student = await parsed(row.answer);
  const opts: VerifyOptions = {
    requireSimplified: row.requireSimplified ?? false,
    seedText: `${p.expr ?? p.expected}|${row.answer}`,
    ...(problem ? { problem } : {}),
  };
  const eq = await equivalent(student, teacher, opts);
  const findings =
    eq.verdict === 'undetermined'
      ? []
      : diagnose(student, teacher, { ...(problem && wrt ? { problem, wrt } : {}), opts, verdict: eq.verdict });
  const vars = eq.counterexample ? Object.keys(eq.counterexample.point).sort() : [];
  const roles = naturalRoles([...(problem ? [problem] : []), student, teacher], vars);
  return { verdict: eq.verdict, findings, roles, ...(eq.counterexample ? { counterexample: eq.counterexample } : {}), ...(eq.reason ? { reason: eq.reason } : {}) };
}

const show = (r: Row) => `${r.p.expr ? `d/d${r.p.wrt} ${r.p.expr}` : `expected ${r.p.expected}`}  ⟵  ${r.answer}`;

describe('verification table (issue 5, built from G1–G5)', async () => {
  const { fn: equivalent, name } = pickEquivalent();
  const outcomes = await Promise.all(rows.map((r) => verifyRow(r, equivalent)));
  const pairs = rows.map((r, i) => ({ r, o: outcomes[i]! }));

  it('has at least 200 rows, every rewrite type and every mistake type', () => {
    expect(rows.length).toBeGreaterThanOrEqual(200);
    const rewrites = new Set(rows.filter((r) => r.verdict === 'correct').map((r) => r.tag));
    for (const t of ['expanded', 'factored', 'sigma-vs-exp', 'common-denominator', 'reordered', 'latex']) expect(rewrites).toContain(t);
    const ids = new Set(rows.map((r) => r.finding));
    for (const id of [
      'sign-error', 'missing-chain-factor', 'extra-factor', 'constant-factor', 'constant-offset', 'wrong-exponent', 'dropped-term',
      'swapped-prediction-label', 'missing-mean', 'softmax-elementwise', 'product-of-derivatives', 'not-simplified',
      'squared-error-inner-factor', 'sigmoid-derivative-power', 'sigmoid-derivative-missing-factor', 'sigmoid-derivative-reciprocal-square',
    ]) expect(ids).toContain(id);
  });

  it(`0 false accepts, 0 false rejects (equivalence: ${name})`, () => {
    const falseAccepts = pairs.filter(({ r, o }) => r.verdict === 'incorrect' && o.verdict === 'correct');
    const falseRejects = pairs.filter(({ r, o }) => r.verdict === 'correct' && o.verdict === 'incorrect');
    const undecided = pairs.filter(({ r, o }) => o.verdict !== r.verdict && o.verdict === 'undetermined');
    const report = (xs: typeof pairs) => xs.map(({ r, o }) => `  ${show(r)}: expected ${r.verdict}, got ${o.verdict}`).join('\n');
    console.log(
      `table: ${rows.length} rows (${rows.filter((r) => r.verdict === 'correct').length} correct, ` +
        `${rows.filter((r) => r.verdict === 'incorrect').length} incorrect); equivalence: ${name}\n` +
        `false accepts: ${falseAccepts.length}, false rejects: ${falseRejects.length}, undetermined: ${undecided.length}`,
    );
    expect(report(falseAccepts)).toBe('');
    expect(report(falseRejects)).toBe('');
    expect(report(undecided)).toBe('');
  });

  it('names the mistake on at least 95 % of the single-mistake rows', () => {
    const single = pairs.filter(({ r }) => r.tag === 'single');
    const miss = single.filter(({ r, o }) => o.findings[0]?.id !== r.finding);
    const rate = 1 - miss.length / single.length;
    console.log(
      `diagnosis: ${single.length - miss.length}/${single.length} single-mistake rows right (${(100 * rate).toFixed(1)} %)` +
        (miss.length ? '\nmisdiagnosed:\n' + miss.map(({ r, o }) => `  ${show(r)}: expected ${r.finding}, got ${o.findings.map((f) => f.id).join(', ') || 'nothing'}`).join('\n') : ''),
    );
    expect(rate).toBeGreaterThanOrEqual(0.95);
  });

  it.runIf(process.env['TABLE_VERBOSE'])('prints every finding (for review)', () => {
    for (const { r, o } of pairs) if (o.findings.length) console.log(`${show(r)}\n    ${o.findings.map((f) => `${f.id}: ${f.message}  |  ${f.latex}`).join('\n    ')}`);
  });

  it('says nothing when no single mistake explains the answer, and nothing on a correct one', () => {
    const spurious = pairs.filter(({ r, o }) => r.finding === null && o.findings.length > 0);
    expect(spurious.map(({ r, o }) => `${show(r)}: ${o.findings.map((f) => `${f.id} (${f.message})`).join('; ')}`)).toEqual([]);
  });

  it('not-simplified only with requireSimplified, and only on correct answers', () => {
    for (const { r, o } of pairs) {
      if (r.tag === 'unsimplified' && r.requireSimplified) expect(o.findings.map((f) => f.id), show(r)).toEqual(r.finding ? [r.finding] : []);
      if (!r.requireSimplified) expect(o.findings.some((f) => f.id === 'not-simplified')).toBe(false);
    }
  });

  it('shows every counterexample inside the variables\' natural domains, as a point that is one', () => {
    // labels in [0, 1], probabilities in (0, 1), everything else |v| ≤ 3 (docs/numeric.md)
    const inside = (role: Role, v: number) => (role === 'label' ? v >= 0 && v <= 1 : role === 'probability' ? v > 0 && v < 1 : Math.abs(v) <= 3);
    const outside: string[] = [];
    let shown = 0;
    for (const { r, o } of pairs) {
      if (o.verdict !== 'incorrect') continue;
      const cx = o.counterexample;
      expect(cx, show(r)).toBeDefined();
      shown++;
      // the message's point is the point checked, written as it is (no long decimals)
      const said = Object.fromEntries([...(o.reason ?? '').matchAll(/(\w+) = (-?[0-9.]+)/g)].map((m) => [m[1]!, Number(m[2])]));
      for (const [k, v] of Object.entries(cx!.point)) {
        expect(said[k], `${show(r)}: ${o.reason}`).toBe(v);
        if (!inside(o.roles[k]!, v)) outside.push(`${show(r)}: ${k} = ${v} (${o.roles[k]})`);
      }
      expect(cx!.inNaturalDomain, show(r)).toBe(true);
      // the values shown differ, and the student's differs from the expected at the point shown
      expect(cx!.student === cx!.expected, show(r)).toBe(false);
    }
    console.log(`counterexamples shown: ${shown}, outside the natural domains: ${outside.length}`);
    expect(outside).toEqual([]);
  });

  it('every finding has a sentence and KaTeX-valid LaTeX', () => {
    for (const { o } of pairs) {
      for (const f of o.findings) {
        expect(f.message.length).toBeGreaterThan(10);
        expect(() => katex.renderToString(f.latex, { throwOnError: true, strict: 'error' }), f.latex).not.toThrow();
      }
    }
  });
});
