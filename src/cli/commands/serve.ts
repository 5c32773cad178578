import type { Command } from 'commander';
import { loadConfig } from '../../config/load-config.ts';
import { startServer } from '../../server/main.ts';

export function registerServe(program: Command) {
  program
    .command('serve')
    .description('Start the web server and API (applies migrations; first start creates the admin)')
    .option('-p, --port <port>', 'port (default KEDANG_PORT or 3000)')
    .option('--host <host>', 'address to listen on (default KEDANG_HOST or 127.0.0.1)')
    .action(async (opts: { port?: string; host?: string }) => {
      const config = loadConfig({ ...process.env, ...(opts.port ? { KEDANG_PORT: opts.port } : {}), ...(opts.host ? { KEDANG_HOST: opts.host } : {}) });
      const server = await startServer(config);
      const shutdown = async () => {
        await server.stop();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
