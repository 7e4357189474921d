// Checks every parser entry point runs on raw input before lexing: type, size, NUL bytes and
// invalid Unicode (lone surrogates), emptiness. Each failure is a ChainruleError with a span.
import { ChainruleError } from '../errors.js';
import { LIMITS } from './limits.js';

export function checkInput(input: unknown): string {
  if (typeof input !== 'string') throw new ChainruleError('BAD_REQUEST', 'The expression must be a string.');
  if (input.length > LIMITS.maxLength)
    throw new ChainruleError('INPUT_TOO_LONG', `The input has ${input.length} characters; the limit is ${LIMITS.maxLength}.`, { start: LIMITS.maxLength, end: input.length });
  const nul = input.indexOf('\0');
  if (nul >= 0) throw new ChainruleError('NUL_BYTE', undefined, { start: nul, end: nul + 1 });
  // a lone surrogate: a high one not followed by a low one, or a low one not preceded by a high one
  const bad = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.exec(input);
  if (bad) throw new ChainruleError('INVALID_UNICODE', undefined, { start: bad.index, end: bad.index + 1 });
  if (input.trim() === '') throw new ChainruleError('EMPTY_INPUT', undefined, { start: 0, end: input.length });
  return input;
}
