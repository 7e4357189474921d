// The index-notation view of a matrix formula: the entry (i, j) of each side written with scalar
// components and explicit sums, `(∂L/∂W₁)ᵢⱼ = Σₖ Xₖᵢ (∂L/∂a)ₖⱼ` — the notes' transpose-free
// form of the same step. A side whose dimension is 1 carries no index for it (`(b₁)ⱼ`).
import { latex, latexMatName, subscript, unicode, unicodeMatName } from './print.js';
import type { MatExpr } from './types.js';

/** How one notation spells the pieces: Unicode for text, LaTeX for KaTeX. */
interface Style {
  name(n: string): string;
  grad(of: string, wrt: string): string;
  /** a base with subscripts; `simple` bases need no parentheses */
  sub(base: string, idx: string, simple: boolean): string;
  sigma(idx: string): string;
  paren(s: string): string;
  minus: string;
  fn(f: string): string;
  div(a: string, b: string): string;
  times: string;
  transpose(base: string): string;
  inverse(e: MatExpr): string;
}

const FN_U: Readonly<Record<string, string>> = { sigmoid: 'σ', heaviside: 'step' };
const FN_L: Readonly<Record<string, string>> = {
  sigmoid: '\\sigma', heaviside: '\\operatorname{step}', exp: '\\exp', log: '\\log', tanh: '\\tanh', relu: '\\operatorname{relu}',
};

const U: Style = {
  name: unicodeMatName,
  grad: (of, wrt) => `∂${unicodeMatName(of)}/∂${unicodeMatName(wrt)}`,
  sub: (base, idx, simple) => (simple ? base : `(${base})`) + subscript(idx),
  sigma: (idx) => `Σ${subscript(idx)}`,
  paren: (x) => `(${x})`,
  minus: '−',
  fn: (f) => FN_U[f] ?? f,
  div: (a, b) => `${a}/${b}`,
  times: '·',
  transpose: (b) => `${b}ᵀ`,
  inverse: (e) => (e.kind === 'mat' ? `${unicodeMatName(e.name)}⁻¹` : `(${unicode(e)})⁻¹`),
};
const L: Style = {
  name: latexMatName,
  grad: (of, wrt) => `\\frac{\\partial ${latexMatName(of)}}{\\partial ${latexMatName(wrt)}}`,
  sub: (base, idx, simple) => `${simple ? base : `\\left(${base}\\right)`}_{${idx}}`,
  sigma: (idx) => `\\sum_{${idx}}`,
  paren: (x) => `\\left(${x}\\right)`,
  minus: '-',
  fn: (f) => FN_L[f] ?? `\\operatorname{${f}}`,
  div: (a, b) => `${a}/${b}`,
  times: ' \\cdot ',
  transpose: (b) => `${b}^{\\top}`,
  inverse: (e) => (e.kind === 'mat' ? `${latexMatName(e.name)}^{-1}` : `\\left(${latex(e)}\\right)^{-1}`),
};

const POOL = ['k', 'l', 'p', 's', 't', 'u', 'v', 'h', 'r'];

/** A Σ reaches to the end of its term: looser than a product, tighter than + and −. */
const SIGMA = 1.5;

interface Out { readonly s: string; readonly prec: number }

function indexed(st: Style, base: string, e: MatExpr, r: string, c: string): Out {
  const idx = (e.shape.rows === 1 ? '' : r) + (e.shape.cols === 1 ? '' : c);
  if (!idx) return { s: base, prec: 5 };
  const simple = /^([A-Za-zα-ω]|\\[a-z]+)$/.test(base);
  return { s: st.sub(base, idx, simple), prec: 5 };
}

class IndexPrinter {
  private next = 0;
  /** print (Xᵀ)ᵢⱼ as it stands instead of Xⱼᵢ: the matrix form read entry by entry */
  constructor(private readonly keepTranspose = false, private readonly st: Style = U) {}
  fresh(): string {
    return POOL[this.next++ % POOL.length]!;
  }
  wrap(o: Out, min: number): string {
    return o.prec < min ? this.st.paren(o.s) : o.s;
  }
  at(e: MatExpr, r: string, c: string): Out {
    const st = this.st;
    switch (e.kind) {
      case 'mat': return indexed(st, st.name(e.name), e, r, c);
      case 'grad': return indexed(st, st.grad(e.of, e.wrt), e, r, c);
      case 'num': case 'fill': return { s: String(e.value).replace('-', st.minus), prec: e.value < 0 ? 2 : 5 };
      case 'matmul': {
        if (e.left.shape.cols === 1) return { s: `${this.wrap(this.at(e.left, r, '1'), 3)} ${this.wrap(this.at(e.right, '1', c), 3)}`, prec: 3 };
        const k = this.fresh();
        return { s: `${st.sigma(k)} ${this.wrap(this.at(e.left, r, k), 3)} ${this.wrap(this.at(e.right, k, c), 3)}`, prec: SIGMA };
      }
      case 'transpose':
        if (this.keepTranspose && (e.arg.kind === 'mat' || e.arg.kind === 'grad')) {
          const base = e.arg.kind === 'mat' ? st.name(e.arg.name) : st.grad(e.arg.of, e.arg.wrt);
          return indexed(st, st.transpose(base), e, r, c);
        }
        return this.at(e.arg, c, r);
      case 'add': return { s: `${this.wrap(this.at(e.left, r, c), 1)} + ${this.wrap(this.at(e.right, r, c), SIGMA)}`, prec: 1 };
      case 'sub': return { s: `${this.wrap(this.at(e.left, r, c), 1)} ${st.minus} ${this.wrap(this.at(e.right, r, c), SIGMA)}`, prec: 1 };
      case 'neg': return { s: `${st.minus}${this.wrap(this.at(e.arg, r, c), SIGMA)}`, prec: 2 };
      case 'hadamard': return { s: `${this.wrap(this.at(e.left, r, c), 3)} ${this.wrap(this.at(e.right, r, c), 3)}`, prec: 3 };
      case 'hdiv': return { s: st.div(this.wrap(this.at(e.left, r, c), 4), this.wrap(this.at(e.right, r, c), 4)), prec: 3 };
      case 'scale':
        if (e.c.kind === 'num') return { s: `${this.at(e.c, '1', '1').s} ${this.wrap(this.at(e.arg, r, c), SIGMA)}`, prec: e.c.value < 0 ? 2 : 3 };
        return { s: `${this.wrap(this.at(e.c, '1', '1'), 3)} ${this.wrap(this.at(e.arg, r, c), 3)}`, prec: 3 };
      case 'broadcast': return e.axis === 'rows' ? this.at(e.arg, '1', c) : this.at(e.arg, r, '1');
      case 'map': {
        return { s: `${st.fn(e.fn)}${st.paren(this.at(e.arg, r, c).s)}`, prec: 5 };
      }
      case 'softmax': {
        const k = this.fresh();
        const den = e.axis === 'rows' ? this.at(e.arg, r, k) : this.at(e.arg, k, c);
        return { s: st.div(`${st.fn('exp')}${st.paren(this.at(e.arg, r, c).s)}`, `${st.sigma(k)} ${st.fn('exp')}${st.paren(den.s)}`), prec: 3 };
      }
      case 'ce': case 'bce': {
        const k = this.fresh();
        const l = this.fresh();
        const t = this.wrap(this.at(e.target, k, l), 3);
        const p = this.at(e.pred, k, l).s;
        const log = (x: string) => `${st.fn('log')}${st.paren(x)}`;
        const body = e.kind === 'ce' ? `${t} ${log(p)}` : `${t} ${log(p)} + ${st.paren(`1 ${st.minus} ${t}`)} ${log(`1 ${st.minus} ${p}`)}`;
        return { s: `${st.minus}${st.sigma(k)}${st === U ? subscript(l) : ` ${st.sigma(l)}`} ${e.kind === 'ce' ? body : st.paren(body)}`, prec: 2 };
      }
      case 'sum': {
        const k = this.fresh();
        if (e.over === 'rows') return { s: `${st.sigma(k)} ${this.wrap(this.at(e.arg, k, c), 3)}`, prec: SIGMA };
        if (e.over === 'cols') return { s: `${st.sigma(k)} ${this.wrap(this.at(e.arg, r, k), 3)}`, prec: SIGMA };
        const l = this.fresh();
        return { s: `${st.sigma(k)}${st === U ? subscript(l) : ` ${st.sigma(l)}`} ${this.wrap(this.at(e.arg, k, l), 3)}`, prec: SIGMA };
      }
      case 'divdim': return { s: st.div(this.wrap(this.at(e.arg, r, c), 3), e.dims.length === 1 ? String(e.dims[0]) : st.paren(e.dims.join(st.times))), prec: 3 };
      case 'inv': return indexed(st, st.inverse(e.arg), e, r, c);
    }
  }
}

/** The step linking the matrix form to the notes' transpose-free form, when a transpose occurs:
 * `(∂L/∂W₁)ᵢⱼ = Σₖ (Xᵀ)ᵢₖ (∂L/∂a)ₖⱼ = Σₖ Xₖᵢ (∂L/∂a)ₖⱼ`; undefined when there is nothing to link. */
export function indexLink(lhs: MatExpr, rhs: MatExpr): string | undefined {
  const kept = new IndexPrinter(true).at(rhs, 'i', 'j').s;
  const p = new IndexPrinter();
  const l = p.at(lhs, 'i', 'j').s;
  const free = p.at(rhs, 'i', 'j').s;
  return kept === new IndexPrinter().at(rhs, 'i', 'j').s ? undefined : `${l} = ${kept} = ${free}`;
}

/** `lhs_ij = rhs_ij` in index notation. */
export function indexEquation(lhs: MatExpr, rhs: MatExpr): string {
  const p = new IndexPrinter();
  return `${p.at(lhs, 'i', 'j').s} = ${p.at(rhs, 'i', 'j').s}`;
}

/** The same in LaTeX (KaTeX-valid): `\\left(\\frac{\\partial L}{\\partial W_{1}}\\right)_{ij} = \\sum_{k} X_{ki} …`. */
export function indexEquationLatex(lhs: MatExpr, rhs: MatExpr): string {
  const p = new IndexPrinter(false, L);
  return `${p.at(lhs, 'i', 'j').s} = ${p.at(rhs, 'i', 'j').s}`;
}
