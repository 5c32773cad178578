import { InvalidArgumentError, type Command } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig } from '../../config/load-config.ts';
import { systemActor } from '../../domain/users/user.ts';
import { bulkTables, type BulkTable } from '../../services/ports.ts';
import { seedArchive, type SeedProgress, type SeedSummary } from '../../services/seed/seed-archive.ts';
import { openKedang } from '../../wiring.ts';

const labels: Record<BulkTable, string> = {
  customers: '客户 customers',
  customerTags: '标签 customer_tags',
  contacts: '联系人 contacts',
  purchases: '订单 purchases',
  interactions: '跟进 interactions',
};

/** A count: digits with optional _ or , separators (1_000_000, 1,000,000). */
function count(raw: string): number {
  const n = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('需要非负整数 expected a whole number ≥ 0');
  return n;
}

function date(raw: string): Date {
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T12:00:00+08:00` : raw);
  if (Number.isNaN(d.getTime())) throw new InvalidArgumentError('需要日期 expected YYYY-MM-DD or an ISO instant');
  return d;
}

/** Terminal columns: CJK characters take two. */
const displayWidth = (s: string) => [...s].reduce((w, ch) => w + ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1), 0);
const padEnd = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - displayWidth(s)));
const padStart = (s: string, w: number) => ' '.repeat(Math.max(0, w - displayWidth(s))) + s;

/** One bar per table on a terminal; nothing when stderr is piped (logs get the summary only). */
function progressBars() {
  if (!process.stderr.isTTY) return { update: () => undefined, finish: () => undefined };
  const multi = new cliProgress.MultiBar(
    { format: ' {label} |{bar}| {percentage}% {value}/{total} {rate}/s', hideCursor: true, clearOnComplete: false, stopOnComplete: false, etaBuffer: 50, barsize: 30 },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  const bars = new Map<BulkTable, cliProgress.SingleBar>();
  return {
    update(p: SeedProgress) {
      const seconds = (performance.now() - started) / 1000;
      for (const table of bulkTables) {
        const value = p.written[table];
        const total = Math.max(p.expected[table], value, 1);
        let bar = bars.get(table);
        if (!bar) bars.set(table, (bar = multi.create(total, 0, { label: padEnd(labels[table], 20), rate: '0' })));
        bar.setTotal(total);
        bar.update(value, { label: padEnd(labels[table], 20), rate: Math.round(value / Math.max(seconds, 0.001)).toLocaleString('en-US') });
      }
    },
    finish(p: SeedSummary) {
      for (const table of bulkTables) bars.get(table)?.setTotal(Math.max(p.counts[table], 1));
      for (const table of bulkTables) bars.get(table)?.update(p.counts[table]);
      multi.stop();
    },
  };
}

function printSummary(s: SeedSummary) {
  const n = (v: number) => Math.round(v).toLocaleString('en-US');
  const rows = bulkTables.map((t) => [labels[t], n(s.counts[t]), (s.writeMs[t] / 1000).toFixed(1), n((s.counts[t] * 1000) / Math.max(s.writeMs[t], 1))]);
  const total = bulkTables.reduce((a, t) => a + s.counts[t], 0);
  rows.push(['生成 generating', '', (s.generateMs / 1000).toFixed(1), '']);
  rows.push(['合计 total', n(total), (s.elapsedMs / 1000).toFixed(1), n((total * 1000) / s.elapsedMs)]);
  const head = ['表 table', '行 rows', '秒 seconds', '行/秒 rows/s'];
  const width = (i: number) => Math.max(...[head, ...rows].map((r) => displayWidth(r[i] ?? ''))) + 2;
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? padEnd(c, width(i)) : padStart(c, width(i)))).join('');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  console.log(`种子 seed ${s.seed}; 客户编号 codes ${s.firstCode ?? '-'} … ${s.lastCode ?? '-'}`);
}

export function registerSeed(program: Command) {
  program
    .command('seed')
    .description('Add a realistic synthetic archive (customers, contacts, tags, orders, interactions); deterministic per --seed')
    .requiredOption('--customers <n>', 'customers to add', count)
    .requiredOption('--orders <n>', 'purchase records to add, spread over the customers (about 15% get none)', count)
    .option('--interactions <n>', 'interactions to add (default: 2 per customer)', count)
    .option('--seed <n>', 'random seed; the same seed gives the same archive', count, 1)
    .option('--as-of <date>', "the archive's today (default: now); fixes dates for a reproducible archive", date)
    .option('--batch-size <n>', 'customers per transaction', count, 5_000)
    .action(async (opts: { customers: number; orders: number; interactions?: number; seed: number; asOf?: Date; batchSize: number }) => {
      const { deps, connection, bulk } = await openKedang(loadConfig());
      try {
        console.log(`${connection.describe}`);
        const bars = progressBars();
        const summary = await seedArchive(
          deps,
          systemActor('cli'),
          bulk,
          { customers: opts.customers, orders: opts.orders, interactions: opts.interactions, seed: opts.seed, asOf: opts.asOf, batchSize: opts.batchSize },
          (p) => bars.update(p),
        );
        bars.finish(summary);
        printSummary(summary);
      } finally {
        await connection.close();
      }
    });
}
