import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { progressBar } from '../progress-bar.ts';
import { loadConfig } from '../../config/load-config.ts';
import { exportEncodings, exportFormats } from '../../domain/exports/customer-export.ts';
import { notFound } from '../../domain/errors.ts';
import { locales } from '../../domain/i18n/messages.ts';
import { systemActor, type Actor } from '../../domain/users/user.ts';
import { actorForUser } from '../../services/auth/actor.ts';
import type { Deps } from '../../services/deps.ts';
import { exportCustomers, type ExportProgress } from '../../services/customers/export-customers.ts';
import { openKedang } from '../../wiring.ts';

const n = (v: number) => v.toLocaleString('en-US');

function choice<T extends string>(values: readonly T[]) {
  return (raw: string): T => {
    if (!(values as readonly string[]).includes(raw)) throw new InvalidArgumentError(`可选 one of: ${values.join(', ')}`);
    return raw as T;
  };
}

/** A bar over the rows the filters matched; nothing when stderr is piped. */
const exportBar = () =>
  progressBar<ExportProgress>(' 导出 export |{bar}| {percentage}% {value}/{total} rows {rate}/s', (p, seconds) => ({
    value: p.rows,
    total: Math.max(p.expectedRows, p.rows, 1),
    payload: { rate: n(Math.round(p.rows / seconds)) },
  }));

/** The CLI acts as the system (everything, unmasked) unless --user names whose permissions and masks apply. */
async function actorFor(deps: Deps, username: string | undefined): Promise<Actor> {
  if (!username) return systemActor('cli');
  const user = await deps.db.users.findByUsername(username);
  if (!user || !user.isActive) throw notFound('user', username);
  return actorForUser(deps.db, user);
}

type ExportOpts = {
  output: string;
  format?: (typeof exportFormats)[number];
  columns?: string;
  encoding: (typeof exportEncodings)[number];
  language: (typeof locales)[number];
  user?: string;
  q?: string;
  kind?: string;
  stage?: string;
  owner?: string;
  department?: string;
  province?: string;
  city?: string;
  industry?: string;
  tag?: string;
  category?: string;
  createdFrom?: string;
  createdTo?: string;
  deleted?: boolean;
};

export function registerExport(program: Command) {
  program
    .command('export')
    .description('Export customers (the list filters) to CSV (UTF-8 with BOM, or GBK) or XLSX with chosen columns; audited')
    .requiredOption('-o, --output <file>', 'the file to write (.csv or .xlsx)')
    .option('--format <format>', `${exportFormats.join(' | ')} (default: from the file name)`, choice(exportFormats))
    .option('--columns <list>', 'comma-separated columns, e.g. code,name,mobile,custom.vip_level (default: code,name,kind,stage,ownerId,mobile,email,province,city,industry,tags,createdAt)')
    .option('--encoding <enc>', `CSV encoding: ${exportEncodings.join(' | ')}`, choice(exportEncodings), 'utf8')
    .option('--language <lang>', `header language: ${locales.join(' | ')}`, choice(locales), process.env.LANG?.startsWith('en') ? 'en' : 'zh-CN')
    .option('--user <username>', "export as this user (their record scope and field masks); default: the system, everything")
    .option('--q <text>', 'search text, as in the list')
    .option('--kind <kind>', 'individual | organization')
    .option('--stage <stage>', 'potential | active | churned')
    .option('--owner <id>', 'owner user id')
    .option('--department <id>', 'department id')
    .option('--province <name>', 'province, e.g. 浙江省')
    .option('--city <name>', 'city, e.g. 杭州市')
    .option('--industry <code>', 'industry section code (A–T)')
    .option('--tag <tag>', 'tag')
    .option('--category <scheme:code>', 'classification category, e.g. value:0101')
    .option('--created-from <date>', 'created on or after (YYYY-MM-DD)')
    .option('--created-to <date>', 'created on or before (YYYY-MM-DD)')
    .option('--deleted', 'export the recycle bin instead')
    .action(async (opts: ExportOpts) => {
      const { deps, connection } = await openKedang(loadConfig());
      const part = `${opts.output}.part`;
      const bar = exportBar();
      try {
        const actor = await actorFor(deps, opts.user);
        const started = performance.now();
        let written = 0;
        const file = await exportCustomers(
          deps,
          actor,
          {
            format: opts.format ?? (/\.xlsx$/i.test(opts.output) ? 'xlsx' : 'csv'),
            encoding: opts.encoding,
            language: opts.language,
            columns: opts.columns,
            q: opts.q,
            kind: opts.kind,
            stage: opts.stage,
            ownerId: opts.owner,
            departmentId: opts.department,
            province: opts.province,
            city: opts.city,
            industry: opts.industry,
            tag: opts.tag,
            category: opts.category,
            createdFrom: opts.createdFrom,
            createdTo: opts.createdTo,
            deleted: opts.deleted ? 'only' : 'exclude',
          },
          {
            onProgress: (p) => {
              written = p.rows;
              bar.update(p);
            },
          },
        );
        // written beside the target and renamed at the end, so a failed export never leaves a partial file under its name
        await pipeline(Readable.from(file.body, { objectMode: false }), fs.createWriteStream(part));
        fs.renameSync(part, opts.output);
        bar.stop();
        const secs = (performance.now() - started) / 1000;
        console.log(`已导出 Exported ${n(written)} rows (${file.format}, ${file.columns.length} columns) to ${opts.output}: ${secs.toFixed(1)} s, ${n(Math.round(written / Math.max(secs, 0.001)))} rows/s`);
        if (file.omittedColumns.length) console.log(`  对您隐藏的列未导出 Hidden from this user, left out: ${file.omittedColumns.join(', ')}`);
      } catch (err) {
        fs.rmSync(part, { force: true });
        throw err;
      } finally {
        bar.stop();
        await connection.close();
      }
    });
}
