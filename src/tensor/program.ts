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
/** Which request field an error is about, so the api can point into the right input. */
export type MatrixField = 'given' | 'expr' | 'shapes' | 'wrt' | 'answer' | 'values';

/** A user error tagged with the request field its span refers to. */
export class MatrixFieldError extends ChainruleError {
  readonly field: MatrixField;
  constructor(field: MatrixField, e: ChainruleError) {
    super(e.code, e.message, e.span);
    this.field = field;
  }
}

/** Run `f`, tagging a user error it throws with `field` (an error already tagged keeps its field). */
export function inField<T>(field: MatrixField, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ChainruleError && !(e instanceof MatrixFieldError)) throw new MatrixFieldError(field, e);
    throw e;
  }
}

export function readMatrixProgram(given: string | undefined, expr: string, shapesSpec: Readonly<Record<string, unknown>>) {
  const shapes = inField('shapes', () => parseShapes(shapesSpec, canonicalMatName));
  const head = given?.trim() ? `${given}\n` : '';
  const e = expr.trim();
  const definedInGiven = head ? inField('given', () => readMatrices(head, shapes)) : null;
  const names = new Set(definedInGiven?.program.definitions.map((d) => d.name) ?? []);
  const bare = canonicalMatName(e);
  if (names.has(bare)) return { ...definedInGiven!, readings: definedInGiven!.readings.map((x) => ({ ...x, field: 'given' as const })), loss: bare };
  const loss = LOSS_NAMES.find((n) => !names.has(n) && !shapes.has(n)) ?? 'L';
  const text = `${head}${loss} = ${e}`;
  // offsets into `text` of expr's first non-blank character, and of expr itself
  const offset = head.length + loss.length + 3;
  const lead = expr.length - expr.trimStart().length;
  try {
    const r = readMatrices(text, shapes);
    // a reading in expr points into expr, one in given into given (given starts the text)
    const readings = r.readings.map((x) =>
      x.span.start >= offset ? { ...x, span: { start: x.span.start - offset + lead, end: x.span.end - offset + lead }, field: 'expr' as const } : { ...x, field: 'given' as const });
    return { ...r, readings, loss };
  } catch (err) {
    if (err instanceof ChainruleError && (!err.span || err.span.start >= offset)) {
      const span: Span | undefined = err.span && { start: err.span.start - offset + lead, end: err.span.end - offset + lead };
      throw new MatrixFieldError('expr', new ChainruleError(err.code, err.message, span));
    }
    if (err instanceof ChainruleError) throw new MatrixFieldError('given', err);
    throw err;
  }
}

/**
 * One text holding the whole program (the graph op's `expr`, verify's `problem.expr`) as the
 * `given` and `expr` of a MatrixRequest: ending in a definition (`…; L = CE(P, T)`), the text is
 * the given and its last name the loss; ending in an expression, that expression is the loss and
 * what precedes it the given. `offset` is where `expr` starts in the text (for positions).
 */
export function splitProgram(text: string): { given?: string; expr: string; offset: number } {
  const body = text.replace(/[;\s]+$/, '');
  const cut = Math.max(body.lastIndexOf(';'), body.lastIndexOf('\n'));
  const last = body.slice(cut + 1);
  const def = /^\s*([^=\s]+)\s*=(?!=)/.exec(last);
  if (def) return { given: text, expr: def[1]!, offset: 0 };
  return cut < 0 ? { expr: body, offset: 0 } : { given: body.slice(0, cut), expr: last, offset: cut + 1 };
}
