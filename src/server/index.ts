// Starting and stopping the server (`chainrule serve`, `npm start`): listen on the configured
// host and port, log where, and on SIGTERM/SIGINT stop accepting, finish the requests in flight,
// then stop the workers. Everything else is in app.ts.
import { buildApp } from './app.js';
import { loadConfig, type Config } from './config.js';

export { buildApp } from './app.js';
export { loadConfig, type Config } from './config.js';

export async function serve(config: Config = loadConfig()): Promise<{ url: string; close: () => Promise<void> }> {
  const { app, pool } = await buildApp(config);
  await pool.ready();
  const url = await app.listen({ host: config.host, port: config.port });
  app.log.info({ url, workers: pool.threads, timeoutMs: config.timeoutMs, apiKeys: config.apiKeys.length > 0, rateLimit: config.rateLimit }, `chainrule listening on ${url} (playground /, docs /docs)`);
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= app.close());
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.once(sig, () => {
      app.log.info({ signal: sig }, 'shutting down: finishing requests in flight');
      void close().then(() => process.exit(0), () => process.exit(1));
    });
  }
  return { url, close };
}
