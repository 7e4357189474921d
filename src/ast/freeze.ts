// Run-time immutability of trees, where it is checked. Trees are immutable by type (`readonly`
// everywhere, enforced by the compiler); Object.freeze on every node cost 20–40 % of a small
// derivation (each node frozen twice, itself and its child list: ~70 ns a node; profile in
// docs/performance.md), so it runs where it catches a mistake — under the test suite (vitest
// sets VITEST) or with CHAINRULE_FREEZE=1 — and not in production. No imports (a leaf module).

const on = typeof process !== 'undefined' && (process.env['VITEST'] !== undefined || process.env['CHAINRULE_FREEZE'] === '1');

/** Object.freeze under the tests, the identity otherwise: see the header. */
export const freezeNode: <T>(x: T) => Readonly<T> = on ? Object.freeze : (x) => x;

/** Whether trees are frozen in this process (a test asserts that they are under vitest). */
export const nodesFrozen = on;
