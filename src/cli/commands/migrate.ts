import type { Command } from 'commander';
import { loadConfig } from '../../config/load-config.ts';
import { openKedang } from '../../wiring.ts';

export function registerMigrate(program: Command) {
  program
    .command('migrate')
    .description('Apply pending database migrations (start-up does this too)')
    .action(async () => {
      const config = loadConfig();
      const { connection, migrated } = await openKedang(config);
      console.log(migrated.length ? `已应用 Applied: ${migrated.join(', ')}` : '数据库已是最新 Database is up to date');
      console.log(connection.describe);
      await connection.close();
    });
}
