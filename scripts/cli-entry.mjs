// The entry of the bundled CLI (scripts/build-cli.mjs → dist/bin/core.js, loaded by dist/bin/load.js):
// what the binary and the batch's worker thread call. Modules load as each command asks for them
// (esbuild keeps a dynamically imported module's evaluation lazy inside the one bundle).
import { writeSync } from 'node:fs';

/** The CLI on these arguments and the process's streams; resolves to the exit code. The command
 * line (commander and the option tables) loads here, not with the bundle: the batch's worker
 * thread evaluates the same bundle and never parses a command line. */
export async function runCli(argv, io) {
  const { main } = await import('../src/api/cliMain.ts');
  return main(argv, io ?? processIo());
}

/** The process's streams, each built only when a command uses it (building process.stdin,
 * stdout or stderr costs start-up): a one-shot command's output and the messages on stderr are
 * written straight to the file descriptors; the batch reads stdin and writes stdout as streams. */
function processIo() {
  return {
    get stdin() {
      return process.stdin;
    },
    get stdout() {
      return process.stdout;
    },
    stderr: direct(2, () => process.stderr),
    out: direct(1, () => process.stdout),
  };
}

/**
 * A writer to file descriptor `fd`, synchronous — as process.stdout and stderr are on Linux and
 * macOS for files, pipes and terminals — without building the stream (≈ 3 ms of a start, more for
 * a terminal). A reader that has gone away (EPIPE: `chainrule … | head -1`) ends the output
 * quietly, where the stream threw an unhandled 'error' with a stack trace. A descriptor that would
 * block (EAGAIN: a non-blocking pipe), any other failure, and Windows hand the rest to the stream.
 */
function direct(fd, stream) {
  let viaStream = process.platform === 'win32';
  let gone = false;
  return {
    write(s) {
      if (gone) return true;
      if (viaStream) return stream().write(s);
      let buf = Buffer.from(s, 'utf8');
      try {
        while (buf.length > 0) buf = buf.subarray(writeSync(fd, buf));
      } catch (e) {
        if (e?.code === 'EPIPE') {
          gone = true;
          return true;
        }
        viaStream = true;
        return stream().write(buf);
      }
      return true;
    },
  };
}

/** The batch worker thread's body (src/api/batchWorker.ts listens on its port when evaluated). */
export async function startBatchWorker() {
  await import('../src/api/batchWorker.ts');
}
