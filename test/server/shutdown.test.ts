// `chainrule serve` as a real process: it logs JSON lines with request ids and timings (never the
// body), and on SIGTERM it finishes the request in flight, answers it, and exits 0.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../dist/src/api/cli.js', import.meta.url));
const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('chainrule serve', () => {
  it('logs requests without their bodies and finishes the request in flight on SIGTERM', { timeout: 180_000 }, async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [cli, 'serve', '--host', '127.0.0.1', '--port', String(port), '--workers', '1', '--timeout-ms', '60000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const logs: Array<Record<string, unknown>> = [];
    let onLog: ((l: Record<string, unknown>) => void) | undefined;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const l = JSON.parse(line) as Record<string, unknown>;
      logs.push(l);
      onLog?.(l);
    });
    const listening = new Promise<void>((r) => (onLog = (l) => String(l['msg']).startsWith('chainrule listening') && r()));
    await listening;
    const secret = '(x+y+z+1)^12 + ξ';
    const incoming = new Promise<void>((r) => (onLog = (l) => l['msg'] === 'incoming request' && (l['req'] as { url: string }).url === '/v1/simplify' && r()));
    const inFlight = fetch(`http://127.0.0.1:${port}/v1/simplify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ expr: secret }) });
    await incoming;
    child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { result: string }).result).toMatch(/\bxi\b/);
    expect(await exited).toBe(0);
    const done = logs.find((l) => l['msg'] === 'request completed' && (l['res'] as { statusCode: number }).statusCode === 200 && typeof l['responseTime'] === 'number');
    expect(done?.['reqId']).toMatch(/^[0-9a-f-]{36}$/);
    expect(logs.some((l) => l['signal'] === 'SIGTERM')).toBe(true);
    expect(JSON.stringify(logs)).not.toMatch(/ξ|\\u03be|\^12/);
  });
});
