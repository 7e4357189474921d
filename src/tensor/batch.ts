// The batch dimension of a program declared with concrete shapes only ("X": "4x2", "T": "4x3"),
// made symbolic for the checks, so a gradient is checked at m = 1 and m = 4 (and at the declared
// size) although the request named one batch size: the derivation's steps do not depend on the
// batch size, and a step that did would be a bug the second size exposes.
import { ChainruleError } from '../errors.js';
import { deriveAll, type MatDerivation } from './derive.js';
import { readMatrixProgram } from './program.js';
import { type Dim, type Shape, showShape, symbolicDims } from './shape.js';

/** The symbol the batch dimension gets (one the program does not already use as a dimension). */
const BATCH = 'm';
/** The usual names of data matrices, whose rows (or columns) are the samples. */
const DATA_NAMES = ['X', 'T', 'Y'];

export interface GeneralisedBatch {
  readonly read: ReturnType<typeof readMatrixProgram>;
  readonly d: MatDerivation;
  /** the declared batch size (the rows — or, one sample per column, the columns — of the first matrix) */
  readonly size: number;
}

/**
 * The program with its batch dimension symbolic, or null when it has a symbolic dimension already,
 * or no candidate gives the same derivation. The candidate is the rows of the data matrix (X, T or
 * Y, else the first declared) (one sample per row), then its columns (one sample per column, as deck 003): every
 * declared dimension on that axis with that size becomes `m`. Accepted only when the program
 * still reads and derives with the same rules in the same order as the concrete one.
 */
export function generaliseBatch(given: string | undefined, expr: string, declared: ReadonlyMap<string, Shape>, concrete: MatDerivation): GeneralisedBatch | null {
  if (symbolicDims(declared.values()).length) return null;
  const data = DATA_NAMES.find((n) => declared.has(n));
  const first = data ? declared.get(data) : declared.values().next().value;
  if (!first) return null;
  for (const axis of ['rows', 'cols'] as const) {
    const size = first[axis];
    if (typeof size !== 'number' || size < 2) continue;
    const spec: Record<string, string> = {};
    for (const [name, s] of declared) {
      const swap = (d: Dim) => (d === size ? BATCH : d);
      spec[name] = showShape(axis === 'rows' ? { rows: swap(s.rows), cols: s.cols } : { rows: s.rows, cols: swap(s.cols) });
    }
    try {
      const read = readMatrixProgram(given, expr, spec);
      const d = deriveAll(read.program, read.loss);
      if (sameRules(d, concrete)) return { read, d, size };
    } catch (e) {
      // this axis is not the batch (a weight shares its size): try the other
      if (!(e instanceof ChainruleError)) throw e;
    }
  }
  return null;
}

function sameRules(a: MatDerivation, b: MatDerivation): boolean {
  return a.steps.length === b.steps.length && a.steps.every((s, k) => s.rule === b.steps[k]!.rule && s.lhs.kind === b.steps[k]!.lhs.kind);
}
