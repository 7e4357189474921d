// Turning any thrown value into the API's error object, and deciding user error vs internal
// fault. A ChainruleError is the user's (exit 2 / HTTP 400); anything else is ours (exit 1 /
// HTTP 500) and is reported without a stack trace, as INTERNAL.
import { BudgetError } from '../ast/budget.js';
import { positionAt, type Position, type Span } from '../ast/spans.js';
import { caret, ChainruleError, type ErrorCode } from '../errors.js';

export interface ApiError {
  readonly code: ErrorCode;
  readonly message: string;
  /** the request field the position is in (`expr`, `at`, `answer`, …) */
  readonly field?: string;
  readonly position?: Position & { readonly end: number };
}

/** A ChainruleError tagged with the request field whose text its span points into. */
export class FieldError extends ChainruleError {
  constructor(
    readonly field: string,
    readonly text: string,
    cause: ChainruleError,
  ) {
    super(cause.code, cause.message, cause.span);
  }
}

export function fieldError(field: string, text: string, code: ErrorCode, message?: string, span?: Span): FieldError {
  return new FieldError(field, text, new ChainruleError(code, message, span));
}

/** Run `f`, re-tagging a ChainruleError from it with the field and text it concerns. */
export function inField<T>(field: string, text: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ChainruleError && !(e instanceof FieldError)) throw new FieldError(field, text, e);
    throw e;
  }
}
export async function inFieldAsync<T>(field: string, text: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof ChainruleError && !(e instanceof FieldError)) throw new FieldError(field, text, e);
    throw e;
  }
}

/** A user error (exit 2 / HTTP 400): anything toApiError does not report as INTERNAL — including
 * a stack overflow on deep input, which it reports as NESTING_TOO_DEEP. */
export function isUserError(e: unknown): boolean {
  return toApiError(e).code !== 'INTERNAL';
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof ChainruleError) {
    const base = { code: e.code, message: e.message };
    if (e instanceof FieldError) {
      return e.span
        ? { ...base, field: e.field, position: { ...positionAt(e.text, e.span.start), end: e.span.end } }
        : { ...base, field: e.field };
    }
    return base;
  }
  if (e instanceof BudgetError) return { code: e.code, message: e.message };
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return { code: 'NESTING_TOO_DEEP', message: 'The expression is nested too deeply to process.' };
  }
  return { code: 'INTERNAL', message: `Internal error (a bug in chainrule): ${e instanceof Error ? e.message : String(e)}` };
}

/** Human-readable error for the terminal: message, then the input with a caret under the span. */
export function formatError(e: unknown): string {
  const api = toApiError(e);
  let s = `error ${api.code}: ${api.message}`;
  if (e instanceof FieldError && e.span) {
    const pos = positionAt(e.text, e.span.start);
    s += ` (${e.field}, line ${pos.line}, column ${pos.column})\n${caret(e.text, e.span)}`;
  }
  return s;
}
