// The function registry: ONE exported array of specs, and lookups built from it. Parsers take
// function names from here (never from grammar keywords); printers, evaluators and the
// differentiator read the spec. No side-effect registration.
import { abstractFunction } from './abstract.js';
import { activations } from './activations.js';
import { elementary } from './elementary.js';
import { hyperbolic } from './hyperbolic.js';
import { indexed } from './indexed.js';
import { ml } from './ml.js';
import type { FunctionSpec } from './spec.js';
import { trigonometric } from './trig.js';

export type { FunctionSpec, SampleInterval } from './spec.js';

export const FUNCTIONS: readonly FunctionSpec[] = [...elementary, ...trigonometric, ...hyperbolic, ...ml, ...activations];

/** Functions of indices and vectors (δ, softmax, CE, logsumexp: src/functions/indexed.ts): in the
 * lookups like every spec, but not in FUNCTIONS, whose every spec has a value call by call (the
 * scalar tables, generators and numeric tests iterate it). */
export const INDEXED_FUNCTIONS: readonly FunctionSpec[] = indexed;

const byName = new Map<string, FunctionSpec>();
const byAlias = new Map<string, FunctionSpec>();
for (const f of [...FUNCTIONS, ...INDEXED_FUNCTIONS]) {
  if (byName.has(f.name)) throw new Error(`duplicate function ${f.name}`);
  byName.set(f.name, f);
  for (const a of [f.name, ...f.aliases]) {
    if (byAlias.has(a)) throw new Error(`duplicate function alias ${a}`);
    byAlias.set(a, f);
  }
}

export { abstractFunction, isAbstractName } from './abstract.js';

/** Is `name` a function of the registry (not an abstract one)? */
export function isRegistered(name: string): boolean {
  return byName.has(name);
}

/** The spec for a canonical name (as stored in `call.fn`): a registry function, else an abstract
 * function the user declared (`f`, `g'`, src/functions/abstract.ts). */
export function getFunction(name: string): FunctionSpec {
  const f = byName.get(name) ?? abstractFunction(name);
  if (!f) throw new Error(`no function ${name} in the registry`);
  return f;
}

/** The spec a user's spelling names (canonical name or alias), or undefined. */
export function lookupFunction(spelling: string): FunctionSpec | undefined {
  // a name with a prime is the derivative of an abstract function (f'): no registry spelling has one
  return byAlias.get(spelling) ?? (spelling.endsWith("'") ? abstractFunction(spelling) : undefined);
}

/** Every spelling the parsers accept, longest first (for splitting runs of letters). */
export const FUNCTION_SPELLINGS: readonly string[] = [...byAlias.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
