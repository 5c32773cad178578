import type { Command } from 'commander';
import { loadConfig } from '../../config/load-config.ts';
import { notFound } from '../../domain/errors.ts';
import { systemActor } from '../../domain/users/user.ts';
import { createUser, updateUser } from '../../services/admin/users.ts';
import { resetTotp } from '../../services/auth/totp.ts';
import { openKedang } from '../../wiring.ts';
import { readSecret } from '../read-secret.ts';

const cli = systemActor('cli');

export function registerUser(program: Command) {
  const user = program.command('user').description('Manage users');
  user
    .command('create')
    .description('Create a user; the password comes from --password, KEDANG_NEW_PASSWORD or a prompt')
    .requiredOption('-u, --username <name>', 'sign-in name (a-z 0-9 _ . -)')
    .option('-n, --name <displayName>', 'display name (default: the username)')
    .option('-r, --role <role>', 'admin | manager | sales | service | data_steward | auditor | readonly', 'sales')
    .option('--password <password>', 'password (avoid on shared machines: it stays in shell history)')
    .action(async (opts: { username: string; name?: string; role: string; password?: string }) => {
      const password = opts.password ?? process.env.KEDANG_NEW_PASSWORD ?? (await readSecret('密码 Password: '));
      const { deps, connection } = await openKedang(loadConfig());
      try {
        const u = await createUser(deps, cli, { username: opts.username, displayName: opts.name ?? opts.username, role: opts.role, password });
        console.log(`已创建用户 Created user ${u.username} (id ${u.id}, role ${u.role})`);
      } finally {
        await connection.close();
      }
    });
  user
    .command('reset-password')
    .description('Set a new password for a user and end their sessions')
    .requiredOption('-u, --username <name>', 'sign-in name')
    .option('--password <password>', 'new password (default: KEDANG_NEW_PASSWORD or a prompt)')
    .action(async (opts: { username: string; password?: string }) => {
      const password = opts.password ?? process.env.KEDANG_NEW_PASSWORD ?? (await readSecret('新密码 New password: '));
      const { deps, connection } = await openKedang(loadConfig());
      try {
        const found = await deps.db.users.findByUsername(opts.username.trim().toLowerCase());
        if (!found) throw notFound('user', opts.username);
        await updateUser(deps, cli, found.id, { password, isActive: true });
        console.log(`已重置密码 Password reset for ${found.username}; their sessions have ended`);
      } finally {
        await connection.close();
      }
    });
  user
    .command('reset-totp')
    .description('Turn off two-step verification for a user who lost their authenticator app')
    .requiredOption('-u, --username <name>', 'sign-in name')
    .action(async (opts: { username: string }) => {
      const { deps, connection } = await openKedang(loadConfig());
      try {
        const found = await deps.db.users.findByUsername(opts.username.trim().toLowerCase());
        if (!found) throw notFound('user', opts.username);
        await resetTotp(deps, cli, found.id);
        console.log(`已关闭两步验证 Two-step verification is off for ${found.username}; they sign in with the password alone until they enrol again`);
      } finally {
        await connection.close();
      }
    });
}
