// A peer system (Maxima, SymPy) as one long-lived child process spoken to by lines, so that the
// bench interleaves it with chainrule in one run and the peer times itself with its own clock
// (no process start-up in any figure). `startPeer` returns undefined when the program is absent:
// the bench then prints "not installed, skipped" and goes on.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface Peer {
  /** Send `text`; resolve with the stdout lines written before the line `end` (exclusive). */
  ask(text: string, end: string, timeoutMs: number): Promise<string[] | 'timeout'>;
  close(): void;
}

/** Is `cmd` runnable (`args` is a cheap probe such as --version)? */
export function installed(cmd: string, args: readonly string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: 'pipe', timeout: 30_000 });
  return !r.error && r.status === 0;
}

export function startPeer(cmd: string, args: readonly string[]): Peer {
  let child: ChildProcessWithoutNullStreams = spawn(cmd, args, { stdio: 'pipe' });
  let buffer = '';
  let waiting: { end: string; resolve: (lines: string[] | 'timeout') => void; timer: NodeJS.Timeout } | undefined;
  /** Answer the waiting question if its end line has arrived (it may have arrived before the question). */
  const drain = (): void => {
    if (!waiting) return;
    const lines = buffer.split('\n');
    const at = lines.findIndex((l) => l.trim() === waiting!.end);
    if (at < 0) return;
    buffer = lines.slice(at + 1).join('\n');
    const w = waiting;
    waiting = undefined;
    clearTimeout(w.timer);
    w.resolve(lines.slice(0, at).map((l) => l.trim()).filter(Boolean));
  };
  const wire = (c: ChildProcessWithoutNullStreams): void => {
    c.stdout.setEncoding('utf8');
    c.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      drain();
    });
    c.stderr.resume();
  };
  wire(child);
  return {
    ask(text, end, timeoutMs) {
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          // a peer stuck on one input is replaced; the answer is "timeout"
          waiting = undefined;
          buffer = '';
          child.kill('SIGKILL');
          child = spawn(cmd, args, { stdio: 'pipe' });
          wire(child);
          resolve('timeout');
        }, timeoutMs);
        waiting = { end, resolve, timer };
        if (text) child.stdin.write(text);
        drain();
      });
    },
    close() {
      child.stdin.end();
      child.kill();
    },
  };
}

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** The q-quantile (nearest rank). */
export const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
};
export const fmtMs = (ms: number): string => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(1)} ms`);
