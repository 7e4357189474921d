// The entry of the bundled CLI (scripts/build-cli.mjs → dist/bin/core.js, loaded by dist/bin/load.js):
// what the binary and the batch's worker thread call. Modules load as each command asks for them
// (esbuild keeps a dynamically imported module's evaluation lazy inside the one bundle).
import { main } from '../src/api/cliMain.ts';

/** The CLI on these arguments and the process's streams; resolves to the exit code. */
export function runCli(argv, io) {
  return main(argv, io ?? processIo());
}

/** The process's streams; stdin only when a command reads it (building process.stdin costs start-up). */
function processIo() {
  return {
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
  };
}

/** The batch worker thread's body (src/api/batchWorker.ts listens on its port when evaluated). */
export async function startBatchWorker() {
  await import('../src/api/batchWorker.ts');
}
