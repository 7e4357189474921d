// The CLI in-process for tests: main() with captured stdout/stderr and the given stdin.
import { Readable, Writable } from 'node:stream';
import { main } from '../../src/api/cliMain.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], stdin?: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      stdout += chunk.toString();
      cb();
    },
  });
  const code = await main(args, { stdin: Readable.from(stdin ? [stdin] : []), stdout: out, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}
