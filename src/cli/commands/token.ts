import type { Command } from 'commander';
import { loadConfig } from '../../config/load-config.ts';
import { notFound } from '../../domain/errors.ts';
import { systemActor } from '../../domain/users/user.ts';
import { createApiToken } from '../../services/auth/api-tokens.ts';
import { openKedang } from '../../wiring.ts';

export function registerToken(program: Command) {
  const token = program.command('token').description('API tokens for scripts (Authorization: Bearer …)');
  token
    .command('create')
    .description('Create an API token for a user; the secret is printed once')
    .requiredOption('-u, --user <name>', 'the user the token acts as')
    .option('--name <label>', 'what the token is for', 'cli')
    .option('--days <n>', 'expire after n days (default: never)')
    .action(async (opts: { user: string; name: string; days?: string }) => {
      const { deps, connection } = await openKedang(loadConfig());
      try {
        const user = await deps.db.users.findByUsername(opts.user.trim().toLowerCase());
        if (!user) throw notFound('user', opts.user);
        const t = await createApiToken(deps, systemActor('cli'), user.id, { name: opts.name, expiresInDays: opts.days ? Number(opts.days) : null });
        process.stderr.write(`已为 ${user.username} 创建令牌 Token created for ${user.username}${t.expiresAt ? `, expires ${t.expiresAt}` : ''}. It is shown only once:\n`);
        process.stdout.write(`${t.token}\n`);
      } finally {
        await connection.close();
      }
    });
}
