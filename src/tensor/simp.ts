// The few folds the vector–Jacobian rules need so that a rule's output reads as the notes write it:
// 1·A → A, −(−A) → A, (Aᵀ)ᵀ → A, A ⊙ 1 → A, and `tidy`, which pulls signs and numbers out of
// products and collects a sum of two equal terms (x + x → 2x). Each fold is an identity of
// matrices (no commutativity of the matrix product is ever assumed).
import * as M from './expr.js';
import type { MatExpr } from './types.js';

export function isOne(e: MatExpr): boolean {
  return (e.kind === 'num' || e.kind === 'fill') && e.value === 1;
}
export function scaleBy(c: MatExpr, a: MatExpr): MatExpr {
  if (isOne(c)) return a;
  if (c.kind === 'num' && (a.kind === 'num' || a.kind === 'fill')) return a.kind === 'num' ? M.num(c.value * a.value) : M.fill(c.value * a.value, a.shape);
  if (c.kind === 'num' && c.value === -1) return negate(a);
  return M.scale(c, a);
}
export function negate(a: MatExpr): MatExpr {
  if (a.kind === 'neg') return a.arg;
  return M.neg(a);
}
export function transposeOf(a: MatExpr): MatExpr {
  if (a.kind === 'transpose') return a.arg;
  if (a.kind === 'num') return a;
  return M.transpose(a);
}
export function had(a: MatExpr, b: MatExpr): MatExpr {
  if (isOne(a)) return b;
  if (isOne(b)) return a;
  // a constant matrix times B entry by entry is that number times B
  if (a.kind === 'fill') return scaleBy(M.num(a.value), b);
  if (b.kind === 'fill') return scaleBy(M.num(b.value), a);
  // a constant over a count (the adjoint of a mean) times B is B over that count
  if (a.kind === 'divdim' && (a.arg.kind === 'fill' || a.arg.kind === 'num')) return M.divdim(scaleBy(M.num(a.arg.value), b), a.dims);
  if (b.kind === 'divdim' && (b.arg.kind === 'fill' || b.arg.kind === 'num')) return M.divdim(scaleBy(M.num(b.arg.value), a), b.dims);
  return M.hadamard(a, b);
}

/** Structural equality (shapes follow from structure). */
export function same(a: MatExpr, b: MatExpr): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  for (const k of Object.keys(x)) {
    if (k === 'shape') continue;
    const u = x[k];
    const v = y[k];
    if (Array.isArray(u)) {
      if (JSON.stringify(u) !== JSON.stringify(v)) return false;
    } else if (typeof u === 'object' && u !== null) {
      if (!same(u as MatExpr, v as MatExpr)) return false;
    } else if (u !== v) return false;
  }
  return a.shape.rows === b.shape.rows && a.shape.cols === b.shape.cols;
}

/** A number times a matrix: c·A as (c, A), with c = 1 when there is no numeric factor. */
function coeff(e: MatExpr): [number, MatExpr] {
  if (e.kind === 'neg') {
    const [c, a] = coeff(e.arg);
    return [-c, a];
  }
  if (e.kind === 'scale' && e.c.kind === 'num') {
    const [c, a] = coeff(e.arg);
    return [e.c.value * c, a];
  }
  return [1, e];
}
function withCoeff(c: number, a: MatExpr): MatExpr {
  if (c === 1) return a;
  if (c === -1) return M.neg(a);
  return M.scale(M.num(c), a);
}

/** Pull numbers and signs out of matrix products and transposes; collect x + x. Bottom-up. */
export function tidy(e: MatExpr): MatExpr {
  switch (e.kind) {
    case 'matmul': {
      const [c1, a] = coeff(tidy(e.left));
      const [c2, b] = coeff(tidy(e.right));
      return withCoeff(c1 * c2, M.matmul(a, b));
    }
    case 'transpose': {
      const [c, a] = coeff(tidy(e.arg));
      return withCoeff(c, transposeOf(a));
    }
    case 'neg': {
      const [c, a] = coeff(tidy(e.arg));
      return withCoeff(-c, a);
    }
    case 'scale': {
      if (e.c.kind !== 'num') return M.scale(tidy(e.c), tidy(e.arg));
      const [c, a] = coeff(tidy(e.arg));
      return withCoeff(e.c.value * c, a);
    }
    case 'add': case 'sub': {
      const l = tidy(e.left);
      const r = tidy(e.right);
      const [c1, a] = coeff(l);
      const [c2, b] = coeff(r);
      if (same(a, b)) {
        const c = e.kind === 'add' ? c1 + c2 : c1 - c2;
        return c === 0 ? M.fill(0, e.shape) : withCoeff(c, a);
      }
      if (e.kind === 'add' && c2 < 0) return M.sub(l, withCoeff(-c2, b));
      return e.kind === 'add' ? M.add(l, r) : M.sub(l, r);
    }
    default:
      return e;
  }
}
