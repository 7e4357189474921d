// What one CLI invocation adds to every request (`--functions`, `--assume`) and collects from every response
// (its readings, printed as `note:` lines on stderr). Held in an AsyncLocalStorage, so invocations
// running at once in one process (the in-process CLI tests, a host embedding main()) never see
// each other's; a module of its own so cliMain.ts can set it without loading the commands.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface CliContext {
  functions: string[];
  /** `--lang`: the language of step labels and diagnoses (undefined: English) */
  lang?: 'en' | 'ko';
  /** `--assume`: sent as every request's `assume` */
  assume?: string;
  readonly notes: string[];
}

export const cliContext = new AsyncLocalStorage<CliContext>();
