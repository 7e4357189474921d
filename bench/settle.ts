// Warming a process up until V8's compiler has settled: how much CPU the process's other threads
// (TurboFan compiling on background threads, GC helpers) spend beside the main thread, read per
// thread from /proc/self/task (Linux). After 2 s of held-out requests those threads still used as
// much CPU as the main thread did (docs/performance.md, "Where the held-out batch's CPU goes"):
// a process that has not settled charges compilation to whatever it measures next.
import { readdirSync, readFileSync } from 'node:fs';

/** CPU milliseconds of the main thread and of every other thread of this process so far; undefined
 * where /proc/self/task is not readable. */
export function threadCpu(): { main: number; other: number } | undefined {
  try {
    let main = 0;
    let other = 0;
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // fields after the command name (which may hold spaces): utime and stime are the 12th and 13th
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = ((Number(f[11]) + Number(f[12])) * 1000) / TICKS;
      if (tid === String(process.pid)) main += ms;
      else other += ms;
    }
    return { main, other };
  } catch {
    return undefined;
  }
}
/** USER_HZ: 100 on Linux. */
const TICKS = 100;

export interface Settled {
  /** CPU ms spent warming up (the whole process) */
  readonly cpuMs: number;
  /** the other threads' CPU as a share of the main thread's over the last window; undefined without /proc */
  readonly otherShare: number | undefined;
  /** the share fell below the aim (or no /proc: the minimum warm-up only) */
  readonly settled: boolean;
}

/**
 * Run `step` (one request) until at least `minCpuMs` of the process's CPU is spent and, over the
 * last window of `window` steps, the other threads used less than `aim` of the main thread's CPU;
 * at most `maxCpuMs`. `step(i)` gets a running index (callers cycle through their problems).
 */
export async function warmUntilSettled(step: (i: number) => Promise<unknown>, opts: { minCpuMs: number; maxCpuMs: number; window?: number; aim?: number }): Promise<Settled> {
  const window = opts.window ?? 150;
  const aim = opts.aim ?? 0.1;
  const c0 = process.cpuUsage();
  const spent = () => {
    const d = process.cpuUsage(c0);
    return (d.user + d.system) / 1000;
  };
  let share: number | undefined;
  let i = 0;
  for (;;) {
    const before = threadCpu();
    for (let k = 0; k < window; k++) await step(i++);
    const after = threadCpu();
    share = before && after && after.main > before.main ? (after.other - before.other) / (after.main - before.main) : undefined;
    const cpu = spent();
    if (cpu >= opts.minCpuMs && (share === undefined || share < aim)) return { cpuMs: cpu, otherShare: share, settled: true };
    if (cpu >= opts.maxCpuMs) return { cpuMs: cpu, otherShare: share, settled: false };
  }
}
