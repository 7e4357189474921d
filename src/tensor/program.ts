// Reading a matrix request: `given` definitions and the loss `expr` (a defined name or an
// expression) into one program, with the declared shapes; an error in `expr` points into `expr`.
import type { Span } from '../ast/spans.js';
import { ChainruleError } from '../errors.js';
import type { MatCheckOptions } from './check.js';
import { canonicalMatName } from './print.js';
import { readMatrices } from './read.js';
import { parseShapes } from './shape.js';

export interface MatrixRequest {
  /** the loss: a name defined in `given`, or an expression (`CE(softmax(X W + b), T)`) */
  readonly expr: string;
  /** the variable, e.g. "W1" (W₁ and \beta spellings accepted) */
  readonly wrt: string;
  /** definitions `a = X W1 + b1; S = σ(a); …` */
  readonly given?: string;
  /** declared shapes: {"X": "4x2", "W1": "2x3"} or symbolic {"X": "m×2"} */
  readonly shapes: Readonly<Record<string, unknown>>;
  /** false: no checks; otherwise the batch sizes etc. (m = 1 and m = 4 by default) */
  readonly check?: false | MatCheckOptions;
}

const LOSS_NAMES = ['L', 'E', 'J', 'loss'];

/** Read `given` and `expr` into one program; an error in `expr` points into `expr`. */
export function readMatrixProgram(given: string | undefined, expr: string, shapesSpec: Readonly<Record<string, unknown>>) {
  const shapes = parseShapes(shapesSpec, canonicalMatName);
  const head = given?.trim() ? `${given}\n` : '';
  const e = expr.trim();
  const definedInGiven = head ? readMatrices(head, shapes) : null;
  const names = new Set(definedInGiven?.program.definitions.map((d) => d.name) ?? []);
  const bare = canonicalMatName(e);
  if (names.has(bare)) return { ...definedInGiven!, loss: bare };
  const loss = LOSS_NAMES.find((n) => !names.has(n) && !shapes.has(n)) ?? 'L';
  const text = `${head}${loss} = ${e}`;
  const offset = head.length + loss.length + 3;
  try {
    return { ...readMatrices(text, shapes), loss };
  } catch (err) {
    if (err instanceof ChainruleError && err.span && err.span.start >= offset) {
      const span: Span = { start: err.span.start - offset, end: err.span.end - offset };
      throw new ChainruleError(err.code, err.message, span);
    }
    throw err;
  }
}

