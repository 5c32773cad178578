import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTls, type Config } from '../config/load-config.ts';
import { ensureAdmin } from '../services/admin/ensure-admin.ts';
import { openKedang } from '../wiring.ts';
import { buildApp } from './app.ts';
import { resumeImports } from '../services/imports/resume-imports.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const defaultWebRoot = path.join(root, 'dist/web');
export const packageVersion = '0.1.0';

/** Starts Kedang: migrations, first admin, HTTP. Returns a stop function for signals and tests. */
export async function startServer(config: Config, opts: { webRoot?: string; print?: (line: string) => void; logger?: boolean } = {}) {
  const print = opts.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  // a missing or unreadable certificate stops start-up before the database is touched
  const tls = loadTls(config);
  const kedang = await openKedang(config);
  const { deps, connection } = kedang;
  const admin = await ensureAdmin(deps, config.adminPassword);
  const app = await buildApp({ deps, bulk: kedang.bulk, config, webRoot: opts.webRoot ?? defaultWebRoot, logger: opts.logger ?? true, engine: connection.engine, version: packageVersion, tls });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `${tls ? 'https' : 'http'}://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  print('');
  print(`  Kedang 客档 is running at ${url}`);
  print(`  数据库 Database: ${connection.describe}${kedang.migrated.length ? ` (applied ${kedang.migrated.join(', ')})` : ''}`);
  print(`  API docs: ${url}/api/docs`);
  for (const w of kedang.warnings) print(`  ⚠ ${w}`);
  if (kedang.keyNotice) print(`  🔑 ${kedang.keyNotice}`);
  if (admin) {
    print('');
    print(`  首次启动 First start — sign in as: ${admin.username}`);
    print(admin.generated ? `  初始密码 Password (shown once, change it after signing in): ${admin.password}` : '  Password: the value of KEDANG_ADMIN_PASSWORD');
  }
  print('');
  // imports a crashed process left running finish (or roll back) in the background
  const resuming = resumeImports(deps, kedang.bulk)
    .then((done) => done.forEach((r) => print(`  导入批次 Import batch #${r.batchId}: ${r.outcome === 'resumed' ? 'resumed and finished' : 'rolled back'}`)))
    .catch((err: unknown) => print(`  ⚠ import resume failed: ${err instanceof Error ? err.message : String(err)}`));
  const stop = async () => {
    await resuming;
    await app.close();
    await connection.close();
  };
  return { app, url, port, deps, stop };
}
