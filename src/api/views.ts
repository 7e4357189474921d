// Which notations a derivation response is printed in. A JSON client (library, batch, HTTP, the
// CLI's `--format json`) gets all three — text, Unicode and LaTeX of every step — and this is the
// default. The CLI's text output shows Unicode only and its LaTeX output LaTeX only: around its
// runOp it asks serialize.ts for just that view, and the other notation's fields hold ''
// (the response is for the printer beside it, never shown as JSON). Per async context, so an
// invocation in-process beside JSON requests (the CLI tests, a host embedding main()) never
// changes theirs.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface Views {
  readonly unicode: boolean;
  readonly latex: boolean;
}

export const ALL_VIEWS: Views = { unicode: true, latex: true };

const store = new AsyncLocalStorage<Views>();

/** Run `f` (and every async call it makes) with responses printed in `views` only. */
export function printedIn<T>(views: Views, f: () => T): T {
  return store.run(views, f);
}

/** The views asked for here: every notation unless printedIn says otherwise. */
export function currentViews(): Views {
  return store.getStore() ?? ALL_VIEWS;
}
