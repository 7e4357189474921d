// Shapes of matrices: rows×cols, each dimension a positive integer or a symbol (`m`, `n`).
// Invariant: two dimensions agree only when they are the same number or the same symbol — `m`
// never silently equals 4; symbolic dimensions get numbers only by `instantiate`, for checks.
import { ChainruleError } from '../errors.js';

export type Dim = number | string;
export interface Shape {
  readonly rows: Dim;
  readonly cols: Dim;
}

export const SCALAR: Shape = Object.freeze({ rows: 1, cols: 1 });

export function shape(rows: Dim, cols: Dim): Shape {
  return Object.freeze({ rows, cols });
}
export function sameDim(a: Dim, b: Dim): boolean {
  return a === b;
}
export function sameShape(a: Shape, b: Shape): boolean {
  return a.rows === b.rows && a.cols === b.cols;
}
export function isScalar(s: Shape): boolean {
  return s.rows === 1 && s.cols === 1;
}
export function showShape(s: Shape): string {
  return `${s.rows}×${s.cols}`;
}
export function transposed(s: Shape): Shape {
  return shape(s.cols, s.rows);
}

const DIM = String.raw`(?:[1-9]\d*|[A-Za-z][A-Za-z0-9]*?)`;
// `4x2`, `4 x 2`, `m×n`, `mxn` (lazy first dimension: `mxn` is m by n), `m*n`, `m,n`
const SHAPE_RE = new RegExp(String.raw`^\s*(${DIM})\s*[x×X*,]\s*(${DIM.replace('*?', '*')})\s*$`);

function dimOf(s: string): Dim {
  return /^\d+$/.test(s) ? Number(s) : s;
}

/** Read one shape: `"4x2"`, `"m×n"`, `"m x n"`, or a pair `[4, 2]` / `["m", 2]`. */
export function parseShape(spec: unknown, name: string): Shape {
  if (Array.isArray(spec) && spec.length === 2) {
    const [r, c] = spec as unknown[];
    const ok = (d: unknown) =>
      (typeof d === 'number' && Number.isSafeInteger(d) && d > 0) || (typeof d === 'string' && /^[A-Za-z][A-Za-z0-9]*$/.test(d));
    if (ok(r) && ok(c)) return shape(r as Dim, c as Dim);
  }
  if (typeof spec === 'string') {
    const m = SHAPE_RE.exec(spec);
    if (m) {
      const rows = dimOf(m[1]!);
      const cols = dimOf(m[2]!);
      if ((typeof rows !== 'number' || Number.isSafeInteger(rows)) && (typeof cols !== 'number' || Number.isSafeInteger(cols))) {
        return shape(rows, cols);
      }
    }
  }
  throw new ChainruleError('SHAPE_BAD', `The shape of ${name}, ${JSON.stringify(spec)}, is not of the form rows×cols (e.g. "4x2", "m×n").`);
}

/** Read a shapes record `{"X": "4x2", "W1": "2x3"}`; keys are canonicalised by `canonical`. */
export function parseShapes(spec: unknown, canonical: (name: string) => string = (n) => n): Map<string, Shape> {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new ChainruleError('SHAPE_BAD', 'shapes must be an object such as {"X": "4x2", "W": "2x3"}.');
  }
  const out = new Map<string, Shape>();
  for (const [k, v] of Object.entries(spec as Record<string, unknown>)) out.set(canonical(k), parseShape(v, k));
  return out;
}

/** The symbolic dimensions occurring in some shapes, in first-seen order. */
export function symbolicDims(shapes: Iterable<Shape>): string[] {
  const out: string[] = [];
  for (const s of shapes) for (const d of [s.rows, s.cols]) if (typeof d === 'string' && !out.includes(d)) out.push(d);
  return out;
}

export type DimValues = ReadonlyMap<string, number>;

/** A dimension as a number, with the symbolic ones given values. */
export function dimValue(d: Dim, dims: DimValues): number {
  if (typeof d === 'number') return d;
  const v = dims.get(d);
  if (v === undefined) throw new ChainruleError('SHAPE_BAD', `The dimension ${d} has no value.`);
  return v;
}
