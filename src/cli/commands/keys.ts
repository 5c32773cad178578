import { InvalidArgumentError, type Command } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig } from '../../config/load-config.ts';
import { systemActor } from '../../domain/users/user.ts';
import { rotateDataKey } from '../../services/crypto/rotate-data-key.ts';
import { openKedang, type KeyStatus, type ReencryptProgress, type RotationSummary } from '../../wiring.ts';

const n = (v: number) => v.toLocaleString('en-US');
const tableLabels: Record<string, string> = { customers: '客户 customers', contacts: '联系人 contacts' };

function positive(raw: string): number {
  const v = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(v) || v < 1) throw new InvalidArgumentError('需要正整数 expected a whole number ≥ 1');
  return v;
}

/** Terminal columns: CJK characters take two. */
const width = (s: string) => [...s].reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1), 0);
const pad = (s: string, w: number, left: boolean) => (left ? s + ' '.repeat(Math.max(0, w - width(s))) : ' '.repeat(Math.max(0, w - width(s))) + s);

function table(head: string[], rows: string[][]): string {
  const w = head.map((_, i) => Math.max(...[head, ...rows].map((r) => width(r[i] ?? ''))) + 2);
  return [head, ...rows].map((r) => r.map((c, i) => pad(c, w[i]!, i === 0)).join('')).join('\n');
}

export function renderKeyStatus(s: KeyStatus): string {
  const lines = [`当前数据密钥 Current data key: ${s.currentKeyId}`];
  lines.push(`密钥 Keys: ${s.keys.map((k) => `${k.id} (${k.createdAt.slice(0, 19)}Z${k.current ? ', current' : ''})`).join(', ')}`);
  const r = s.rotation;
  if (r) {
    lines.push(
      r.finishedAt
        ? `上次轮换 Last rotation: ${r.previousKeyId} → ${r.keyId}, finished ${r.finishedAt}`
        : `未完成的轮换 Unfinished rotation: ${r.previousKeyId} → ${r.keyId} since ${r.startedAt}; run \`kedang keys rotate\` to continue`,
    );
  }
  const labels = [...new Set(Object.values(s.usage).flatMap((u) => Object.keys(u.byKey)))].sort((a, b) => (a === 'plaintext' ? 1 : b === 'plaintext' ? -1 : a.localeCompare(b, 'en', { numeric: true })));
  const head = ['表 table', '行 rows', ...labels.map((l) => (l === 'plaintext' ? '明文 plaintext' : l))];
  const rows = Object.entries(s.usage).map(([t, u]) => [tableLabels[t] ?? t, n(u.rows), ...labels.map((l) => n(u.byKey[l] ?? 0))]);
  lines.push('', '含敏感值的行，按密钥 Rows with sensitive values, by data key:', table(head, rows));
  return lines.join('\n');
}

function renderRotation(s: RotationSummary, seconds: number): string {
  const r = s.result;
  const lines = [
    s.resumed ? `继续轮换 Resumed the rotation ${s.previousKeyId} → ${s.keyId}` : `新数据密钥 New data key ${s.keyId} (was ${s.previousKeyId})`,
    table(
      ['表 table', '行 rows', '重新加密 re-encrypted'],
      Object.keys(r.scanned).map((t) => [tableLabels[t] ?? t, n(r.scanned[t as keyof typeof r.scanned]), n(r.rewritten[t as keyof typeof r.rewritten])]),
    ),
    `${r.passes} 遍 pass(es), ${seconds.toFixed(1)} s${r.conflicts ? `; ${n(r.conflicts)} rows changed meanwhile were looked at again` : ''}`,
  ];
  if (r.interrupted) lines.push('已中断 Interrupted: run `kedang keys rotate` again to continue where it stopped');
  else if (!r.converged) lines.push('仍有行在旧密钥下（服务器仍在用旧密钥写入）/ Some rows are still under an older key (a server still writing with it): run `kedang keys rotate` again');
  else lines.push('完成 Done: every sensitive value is under the current key');
  return lines.join('\n');
}

/** One bar per table and pass on a terminal; nothing when stderr is piped. */
function progressBars() {
  if (!process.stderr.isTTY) return { update: (_p: ReencryptProgress) => undefined, stop: () => undefined };
  const multi = new cliProgress.MultiBar(
    { format: ' {label} |{bar}| {percentage}% {value}/{total} ({rewritten} re-encrypted)', hideCursor: true, clearOnComplete: false, barsize: 30 },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  return {
    update(p: ReencryptProgress) {
      const key = `${p.pass}:${p.table}`;
      const label = pad(`${tableLabels[p.table] ?? p.table}${p.pass > 1 ? ` (check ${p.pass})` : ''}`, 26, true);
      let bar = bars.get(key);
      if (!bar) bars.set(key, (bar = multi.create(p.total, 0, { label, rewritten: '0' })));
      bar.setTotal(p.total);
      bar.update(p.scanned, { label, rewritten: n(p.rewritten) });
    },
    stop: () => multi.stop(),
  };
}

export function registerKeys(program: Command) {
  const keys = program.command('keys').description('Data keys that encrypt sensitive fields at rest / 敏感字段加密密钥');
  keys
    .command('status')
    .description('The current data key and how many rows each key (or plaintext) holds')
    .option('--json', 'print the status as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { keys: admin, connection } = await openKedang(loadConfig());
      try {
        const s = await admin.status();
        console.log(opts.json ? JSON.stringify(s) : renderKeyStatus(s));
      } finally {
        await connection.close();
      }
    });
  keys
    .command('rotate')
    .description('Add a data key and re-encrypt every sensitive value under it in short batches while the server keeps running; an interrupted run continues where it stopped')
    .option('--batch-size <n>', 'rows per transaction', positive, 1000)
    .action(async (opts: { batchSize: number }) => {
      const { keys: admin, deps, connection } = await openKedang(loadConfig());
      const controller = new AbortController();
      const stop = () => {
        controller.abort();
        process.stderr.write('\n正在停止 Stopping after the current batch…\n');
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        const started = performance.now();
        const bars = progressBars();
        const summary = await rotateDataKey(deps, systemActor('cli'), admin, { batchSize: opts.batchSize, signal: controller.signal, onProgress: (p: ReencryptProgress) => bars.update(p) });
        bars.stop();
        const r = summary.result;
        console.log(renderRotation(summary, (performance.now() - started) / 1000));
        if (!r.converged) process.exitCode = 1;
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        await connection.close();
      }
    });
}
