// The index-notation view of a matrix formula: the entry (i, j) of each side written with scalar
// components and explicit sums, `(∂L/∂W₁)ᵢⱼ = Σₖ Xₖᵢ (∂L/∂a)ₖⱼ` — the notes' transpose-free
// form of the same step. A side whose dimension is 1 carries no index for it (`(b₁)ⱼ`).
import { subscript, unicode, unicodeMatName } from './print.js';
import type { MatExpr } from './types.js';

const POOL = ['k', 'l', 'p', 's', 't', 'u', 'v', 'h', 'r'];

/** A Σ reaches to the end of its term: looser than a product, tighter than + and −. */
const SIGMA = 1.5;

interface Out { readonly s: string; readonly prec: number }

function indexed(base: string, e: MatExpr, r: string, c: string): Out {
  const idx = (e.shape.rows === 1 ? '' : r) + (e.shape.cols === 1 ? '' : c);
  if (!idx) return { s: base, prec: 5 };
  const simple = /^[A-Za-zα-ω]$/.test(base);
  return { s: (simple ? base : `(${base})`) + subscript(idx), prec: 5 };
}

class IndexPrinter {
  private next = 0;
  /** print (Xᵀ)ᵢⱼ as it stands instead of Xⱼᵢ: the matrix form read entry by entry */
  constructor(private readonly keepTranspose = false) {}
  fresh(): string {
    return POOL[this.next++ % POOL.length]!;
  }
  wrap(o: Out, min: number): string {
    return o.prec < min ? `(${o.s})` : o.s;
  }
  at(e: MatExpr, r: string, c: string): Out {
    switch (e.kind) {
      case 'mat': return indexed(unicodeMatName(e.name), e, r, c);
      case 'grad': return indexed(`∂${unicodeMatName(e.of)}/∂${unicodeMatName(e.wrt)}`, e, r, c);
      case 'num': case 'fill': return { s: String(e.value).replace('-', '−'), prec: e.value < 0 ? 2 : 5 };
      case 'matmul': {
        if (e.left.shape.cols === 1) return { s: `${this.wrap(this.at(e.left, r, '1'), 3)} ${this.wrap(this.at(e.right, '1', c), 3)}`, prec: 3 };
        const k = this.fresh();
        return { s: `Σ${subscript(k)} ${this.wrap(this.at(e.left, r, k), 3)} ${this.wrap(this.at(e.right, k, c), 3)}`, prec: SIGMA };
      }
      case 'transpose':
        if (this.keepTranspose && (e.arg.kind === 'mat' || e.arg.kind === 'grad')) {
          const base = e.arg.kind === 'mat' ? unicodeMatName(e.arg.name) : `∂${unicodeMatName(e.arg.of)}/∂${unicodeMatName(e.arg.wrt)}`;
          return indexed(`${base}ᵀ`, e, r, c);
        }
        return this.at(e.arg, c, r);
      case 'add': return { s: `${this.wrap(this.at(e.left, r, c), 1)} + ${this.wrap(this.at(e.right, r, c), SIGMA)}`, prec: 1 };
      case 'sub': return { s: `${this.wrap(this.at(e.left, r, c), 1)} − ${this.wrap(this.at(e.right, r, c), SIGMA)}`, prec: 1 };
      case 'neg': return { s: `−${this.wrap(this.at(e.arg, r, c), SIGMA)}`, prec: 2 };
      case 'hadamard': return { s: `${this.wrap(this.at(e.left, r, c), 3)} ${this.wrap(this.at(e.right, r, c), 3)}`, prec: 3 };
      case 'hdiv': return { s: `${this.wrap(this.at(e.left, r, c), 4)}/${this.wrap(this.at(e.right, r, c), 4)}`, prec: 3 };
      case 'scale':
        if (e.c.kind === 'num') return { s: `${this.at(e.c, '1', '1').s} ${this.wrap(this.at(e.arg, r, c), SIGMA)}`, prec: e.c.value < 0 ? 2 : 3 };
        return { s: `${this.wrap(this.at(e.c, '1', '1'), 3)} ${this.wrap(this.at(e.arg, r, c), 3)}`, prec: 3 };
      case 'broadcast': return e.axis === 'rows' ? this.at(e.arg, '1', c) : this.at(e.arg, r, '1');
      case 'map': {
        const f = ({ sigmoid: 'σ', heaviside: 'step' } as Record<string, string>)[e.fn] ?? e.fn;
        return { s: `${f}(${this.at(e.arg, r, c).s})`, prec: 5 };
      }
      case 'softmax': {
        const k = this.fresh();
        const den = e.axis === 'rows' ? this.at(e.arg, r, k) : this.at(e.arg, k, c);
        return { s: `exp(${this.at(e.arg, r, c).s})/Σ${subscript(k)} exp(${den.s})`, prec: 3 };
      }
      case 'ce': case 'bce': {
        const k = this.fresh();
        const l = this.fresh();
        const t = this.wrap(this.at(e.target, k, l), 3);
        const p = this.at(e.pred, k, l).s;
        const body = e.kind === 'ce' ? `${t} log(${p})` : `${t} log(${p}) + (1 − ${t}) log(1 − ${p})`;
        return { s: `−Σ${subscript(k)}${subscript(l)} ${e.kind === 'ce' ? body : `(${body})`}`, prec: 2 };
      }
      case 'sum': {
        const k = this.fresh();
        if (e.over === 'rows') return { s: `Σ${subscript(k)} ${this.wrap(this.at(e.arg, k, c), 3)}`, prec: SIGMA };
        if (e.over === 'cols') return { s: `Σ${subscript(k)} ${this.wrap(this.at(e.arg, r, k), 3)}`, prec: SIGMA };
        const l = this.fresh();
        return { s: `Σ${subscript(k)}${subscript(l)} ${this.wrap(this.at(e.arg, k, l), 3)}`, prec: SIGMA };
      }
      case 'divdim': return { s: `${this.wrap(this.at(e.arg, r, c), 3)}/${e.dims.length === 1 ? e.dims[0] : `(${e.dims.join('·')})`}`, prec: 3 };
      case 'inv': return indexed(e.arg.kind === 'mat' ? `${unicodeMatName(e.arg.name)}⁻¹` : `(${unicode(e.arg)})⁻¹`, e, r, c);
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
