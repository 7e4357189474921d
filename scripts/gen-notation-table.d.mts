// Types of scripts/gen-notation-table.mjs for the TypeScript tests that import it.
import type { FunctionSpec } from '../src/functions/spec.js';
export const BEGIN: string;
export const END: string;
export function loadDist(root?: string): Promise<readonly FunctionSpec[]>;
export function functionTable(functions: readonly FunctionSpec[]): string;
export function withTable(page: string, functions: readonly FunctionSpec[]): string;
