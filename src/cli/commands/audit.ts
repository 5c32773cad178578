import type { Command } from 'commander';
import { loadConfig } from '../../config/load-config.ts';
import { systemActor } from '../../domain/users/user.ts';
import { verifyAuditChain, type AuditChainReport, type ChainProblemKind } from '../../services/audit/verify-audit-chain.ts';
import { openKedang } from '../../wiring.ts';

const n = (v: number) => v.toLocaleString('en-US');

const explain: Record<ChainProblemKind, (previousId: number | null) => string> = {
  altered: () => '已被篡改 altered: its content no longer matches its hash',
  inserted: () => '被插入 inserted: it is not part of the chain (forged, or out of place)',
  deleted: (previousId) => `之前有条目被删除 deleted: entries are missing ${previousId === null ? 'before it (at the start of the chain)' : `between #${previousId} and it`}`,
};

export function renderChainReport(r: AuditChainReport): string {
  if (r.intact) return `审计链完整 Audit chain intact: ${n(r.entries)} entries, last hash ${r.lastHash}${r.lastId === null ? '' : ` (#${r.lastId})`}`;
  const p = r.problem;
  return [
    `审计链异常 Audit chain broken at entry #${p.entryId} (${p.at}, ${p.action})`,
    `  #${p.entryId} ${explain[p.kind](p.previousId)}`,
    `  此前 ${n(r.entries)} 条完整 ${n(r.entries)} entries before it are intact${p.previousId === null ? '' : ` (last intact #${p.previousId})`}`,
  ].join('\n');
}

export function registerAudit(program: Command) {
  const audit = program.command('audit').description('The audit log');
  audit
    .command('verify')
    .description('Check the audit hash chain; exit 1 naming the first altered, inserted or deleted entry')
    .option('--json', 'print the result as JSON (as GET /api/v1/audit/verify)')
    .action(async (opts: { json?: boolean }) => {
      const { deps, connection } = await openKedang(loadConfig());
      try {
        const started = performance.now();
        const progress = process.stderr.isTTY && !opts.json ? (checked: number) => process.stderr.write(`\r  ${n(checked)} …`) : undefined;
        const report = await verifyAuditChain(deps, systemActor('cli'), progress);
        if (progress) process.stderr.write('\r\x1b[K');
        console.log(opts.json ? JSON.stringify(report) : renderChainReport(report));
        if (!opts.json) process.stderr.write(`${connection.describe}, ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
        if (!report.intact) process.exitCode = 1;
      } finally {
        await connection.close();
      }
    });
}
