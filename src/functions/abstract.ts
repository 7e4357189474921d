// Abstract functions: f, g, h declared by the user (`functions: ["f", "g"]`), so the chain rule
// lesson itself can be typed: d/dx g(f(x)) = g'(f(x))·f'(x). A name with primes is a derivative
// (Lagrange notation). They are not in the registry array; getFunction makes their spec on demand.
// Numerically each stands for one fixed smooth test function, chosen from its name, so every step
// of a derivation with abstract functions is still checked: f(u) = a·sin(b·u + c) + d·u.
import { call } from '../ast/build.js';
import type { FunctionSpec } from './spec.js';

/** The shape of an abstract function's name: a letter, letters/digits, then primes. */
const ABSTRACT = /^([A-Za-z][A-Za-z0-9]*)('*)$/;

/** Constants of the test function, from a hash of the base name (FNV-1a): deterministic. */
function constants(base: string): { a: number; b: number; c: number; d: number } {
  let h = 0x811c9dc5;
  for (const ch of base) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const u = (k: number) => ((Math.imul(h ^ (k * 0x9e3779b9), 0x85ebca6b) >>> 0) % 10007) / 10007;
  // a, b in [0.6, 1.4]: neither flat nor fast; c any phase; d in [0.2, 0.8]
  return { a: 0.6 + 0.8 * u(1), b: 0.6 + 0.8 * u(2), c: 2 * Math.PI * u(3), d: 0.2 + 0.6 * u(4) };
}

/** The k-th derivative of the test function of `base` at u. */
function testValue(base: string, k: number, u: number): number {
  const { a, b, c, d } = constants(base);
  const wave = a * b ** k * Math.sin(b * u + c + (k * Math.PI) / 2);
  return wave + (k === 0 ? d * u : k === 1 ? d : 0);
}

const cache = new Map<string, FunctionSpec>();

/** Is `name` the name of an abstract function (or of one of its derivatives)? Registry names are
 * looked up first by the caller, so this only decides the shape. */
export function isAbstractName(name: string): boolean {
  return ABSTRACT.test(name);
}

/** The spec of the abstract function `name` (`f`, `f'`, `g''`), or undefined if the name cannot be one. */
export function abstractFunction(name: string): FunctionSpec | undefined {
  const m = ABSTRACT.exec(name);
  if (!m) return undefined;
  let spec = cache.get(name);
  if (!spec) {
    const base = m[1]!;
    const k = m[2]!.length;
    spec = {
      name, aliases: [], arity: 1, params: ['u'],
      doc: k === 0 ? `abstract function ${base}` : `derivative ${name} of the abstract function ${base}`,
      latex: base.length > 1 ? `\\operatorname{${base}}${m[2]}` : name,
      eval: (u) => testValue(base, k, u),
      partials: [([u]) => call(`${name}'`, u!)],
    };
    cache.set(name, spec);
  }
  return spec;
}
