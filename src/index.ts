// The library entry (`import { derive, verify } from 'chainrule'`): each function is one op of the
// API with a typed request and response (the op schemas of src/api/schema), validated exactly as
// the batch protocol, the CLI and the HTTP server validate it. A user error is thrown as a
// ChainruleError (code, message, and `toApiError(e)` for the field and position).
import { runOp } from './api/run.js';
import type { RequestOf, ResponseOf } from './api/schema/index.js';

export { runOp, handleRequest, opNames } from './api/run.js';
export { OP_NAMES, OP_SCHEMAS, ERROR_SCHEMA, type OpName, type OpSchema, type RequestOf, type ResponseOf, type ApiErrorJson } from './api/schema/index.js';
export { toApiError, type ApiError } from './api/errors.js';
export { ChainruleError, ERRORS, type ErrorCode } from './errors.js';

export type ParseRequest = RequestOf<'parse'>;
export type ParseResponse = ResponseOf<'parse'>;
export type EvaluateRequest = RequestOf<'evaluate'>;
export type EvaluateResponse = ResponseOf<'evaluate'>;
export type LatexRequest = RequestOf<'latex'>;
export type DeriveRequest = RequestOf<'derive'>;
export type DeriveResponse = ResponseOf<'derive'>;
export type SimplifyRequest = RequestOf<'simplify'>;
export type SimplifyResponse = ResponseOf<'simplify'>;
export type VerifyRequest = RequestOf<'verify'>;
export type VerifyResponse = ResponseOf<'verify'>;
export type GraphRequest = RequestOf<'graph'>;
export type GraphResponse = ResponseOf<'graph'>;
export type DescendRequest = RequestOf<'descend'>;
export type DescendResponse = ResponseOf<'descend'>;

/** Read an expression or program and print it back (text, Unicode, LaTeX, tree). */
export function parse(req: ParseRequest): Promise<ParseResponse> {
  return runOp('parse', req);
}

/** Evaluate at a point: `{expr: 'σ(wx+b)', at: {w: 2, x: 1.5, b: '-1/2'}}`. */
export function evaluate(req: EvaluateRequest): Promise<EvaluateResponse> {
  return runOp('evaluate', req);
}

/** The LaTeX of an expression: `await toLatex('σ(wx+b)')` → `\sigma(wx + b)`. */
export async function toLatex(expr: string, opts: Omit<LatexRequest, 'expr'> = {}): Promise<string> {
  return (await runOp('latex', { ...opts, expr })).latex;
}

/** Differentiate step by step, every step checked: `{expr: 'BCE(σ(wx+b), ŷ)', wrt: 'w'}`. */
export function derive(req: DeriveRequest): Promise<DeriveResponse> {
  return runOp('derive', req);
}

/** Simplify step by step to the textbook form. */
export function simplify(req: SimplifyRequest): Promise<SimplifyResponse> {
  return runOp('simplify', req);
}

/** Check a student's answer: `{problem: {expr, wrt}, answer}` → a verdict (never a throw for a wrong answer). */
export function verify(req: VerifyRequest): Promise<VerifyResponse> {
  return runOp('verify', req);
}

/** The computational graph with its forward and backward passes at a point. */
export function graph(req: GraphRequest): Promise<GraphResponse> {
  return runOp('graph', req);
}

/** Gradient descent on a loss over data. */
export function descend(req: DescendRequest): Promise<DescendResponse> {
  return runOp('descend', req);
}
