import { InvalidArgumentError, type Command } from 'commander';
import { progressBar } from '../progress-bar.ts';
import { loadConfig } from '../../config/load-config.ts';
import { renderIssueMessage, type Locale } from '../../domain/i18n/messages.ts';
import { duplicateActions, importEncodings, importMatchKeys } from '../../domain/imports/import-options.ts';
import { importKinds } from '../../domain/imports/import-fields.ts';
import { importPresets } from '../../domain/imports/presets.ts';
import { systemActor } from '../../domain/users/user.ts';
import { importFile, type ImportProgress, type ImportSummary } from '../../services/imports/import-file.ts';
import { listImports } from '../../services/imports/list-imports.ts';
import { resumeImports } from '../../services/imports/resume-imports.ts';
import { undoImport } from '../../services/imports/undo-import.ts';
import { openKedang } from '../../wiring.ts';

const n = (v: number) => v.toLocaleString('en-US');
const locale: Locale = process.env.LANG?.startsWith('en') ? 'en' : 'zh-CN';

function choice<T extends string>(values: readonly T[]) {
  return (raw: string): T => {
    if (!(values as readonly string[]).includes(raw)) throw new InvalidArgumentError(`可选 one of: ${values.join(', ')}`);
    return raw as T;
  };
}

function json(raw: string): Record<string, string | null> {
  try {
    const v = JSON.parse(raw) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, string | null>;
  } catch {
    // reported below
  }
  throw new InvalidArgumentError('需要 JSON 对象 expected a JSON object: {"mobile":"手机号码"}');
}

/** A bar over the bytes of the file (row totals are unknown until the end); nothing when stderr is piped. */
const importBar = () =>
  progressBar<ImportProgress>(' 导入 import |{bar}| {percentage}% {rows} rows {rate}/s, {invalid} invalid', (p, seconds) => {
    const total = Math.max(p.fileSize, 1);
    return { value: Math.min(p.bytesRead, total), total, payload: { rows: n(p.rowsRead), rate: n(Math.round(p.rowsRead / seconds)), invalid: n(p.counts.invalid) } };
  });

function printSummary(s: ImportSummary) {
  const c = s.counts;
  const secs = s.elapsedMs / 1000;
  console.log(`${s.status === 'dry_run' ? '试运行（未写入） Dry run, nothing written' : `批次 batch #${s.batchId}: ${s.status}`} — ${s.format}${s.encoding ? ` ${s.encoding}` : ''}, ${s.kind}`);
  console.log(`  映射 mapping: ${Object.entries(s.mapping).map(([f, h]) => `${h} → ${f}`).join(', ')}`);
  console.log(`  行 rows ${n(c.rows)}: 新建 created ${n(c.created)}, 更新 updated ${n(c.updated)}, 合并 merged ${n(c.merged)}, 跳过 skipped ${n(c.skipped)}, 有误 invalid ${n(c.invalid)}${c.customersCreated ? `, 新客户 customers created ${n(c.customersCreated)}` : ''}`);
  console.log(`  ${secs.toFixed(1)} s, ${n(Math.round(c.rows / Math.max(secs, 0.001)))} rows/s`);
  for (const i of s.issues.slice(0, 10)) console.log(`  第 ${i.row} 行 row ${i.row}${i.column ? ` [${i.column}]` : ''}: ${renderIssueMessage({ path: [], code: i.code, ...(i.params ? { params: i.params } : {}) }, locale)}`);
  if (c.invalid > 10) console.log(`  … 完整错误报告见 --report / full list with --report FILE.csv|.xlsx`);
}

type ImportOpts = { kind: (typeof importKinds)[number]; mapping?: Record<string, string | null>; template?: string; preset?: string; dryRun?: boolean; onDuplicate: (typeof duplicateActions)[number]; match: (typeof importMatchKeys)[number]; encoding: (typeof importEncodings)[number]; report?: string; createCustomers?: boolean; chunkSize?: number };

export function registerImport(program: Command) {
  const cmd = program
    .command('import')
    .description('Import customers, contacts, purchases or interactions from CSV (UTF-8/GBK) or XLSX; `import list`, `import undo ID`')
    .argument('[file]', 'CSV or XLSX file')
    .option('--kind <kind>', `what the rows are: ${importKinds.join(' | ')}`, choice(importKinds), 'customers')
    .option('--mapping <json>', 'field → header overrides, e.g. {"mobile":"联系电话","notes":null}', json)
    .option('--template <name>', 'a saved mapping template')
    .option('--preset <name>', `a built-in layout: ${Object.keys(importPresets).join(', ')} (--preset uci works too)`, (v) => (v === 'uci' ? 'uci-online-retail' : v))
    .option('--dry-run', 'validate every row and report; write nothing')
    .option('--on-duplicate <action>', `a row that matches an existing customer: ${duplicateActions.join(' | ')}`, choice(duplicateActions), 'skip')
    .option('--match <key>', `how rows match existing customers: ${importMatchKeys.join(' | ')}`, choice(importMatchKeys), 'code')
    .option('--encoding <enc>', `CSV encoding: ${importEncodings.join(' | ')}`, choice(importEncodings), 'auto')
    .option('--create-customers', 'contacts/purchases/interactions whose customer code is unknown create that customer')
    .option('--chunk-size <n>', 'rows per transaction (default 10000)', (v) => Number(v))
    .option('--report <file>', 'write the error report (row, column, reason in Chinese and English) to FILE.csv or FILE.xlsx')
    .action(async (file: string | undefined, opts: ImportOpts) => {
      if (!file) {
        cmd.help({ error: true });
        return;
      }
      const { deps, connection, bulk } = await openKedang(loadConfig());
      try {
        for (const r of await resumeImports(deps, bulk)) console.log(`批次 batch #${r.batchId}: ${r.outcome === 'resumed' ? '已续完 resumed and finished' : '已回滚 rolled back'}`);
        const bar = importBar();
        try {
          const summary = await importFile(
            deps,
            systemActor('cli'),
            bulk,
            {
              path: file,
              kind: opts.kind,
              mapping: opts.mapping,
              template: opts.template,
              preset: opts.preset,
              dryRun: opts.dryRun ?? false,
              onDuplicate: opts.onDuplicate,
              match: opts.match,
              encoding: opts.encoding,
              createCustomers: opts.createCustomers,
              ...(opts.chunkSize === undefined ? {} : { chunkSize: opts.chunkSize }),
            },
            { onProgress: (p) => bar.update(p), reportPath: opts.report },
          );
          bar.stop();
          printSummary(summary);
        } finally {
          bar.stop();
        }
      } finally {
        await connection.close();
      }
    });

  cmd
    .command('list')
    .description('Import batches, newest first')
    .action(async () => {
      const { deps, connection, bulk } = await openKedang(loadConfig());
      try {
        await resumeImports(deps, bulk);
        const page = await listImports(deps, systemActor('cli'), { pageSize: 50 });
        for (const b of page.items) {
          const c = b.counts;
          console.log(`#${b.id}\t${b.status}\t${b.kind}\t${b.fileName}\t${b.createdAt}\t行 rows ${n(c.rows)} 新建 created ${n(c.created)} 更新 updated ${n(c.updated)} 有误 invalid ${n(c.invalid)}`);
        }
        if (page.items.length === 0) console.log('没有导入批次 No import batches');
      } finally {
        await connection.close();
      }
    });

  cmd
    .command('undo')
    .description('Undo a committed import: remove what it created, put back what it updated')
    .argument('<batchId>', 'batch id (see kedang import list)', (v) => {
      if (!/^\d+$/.test(v)) throw new InvalidArgumentError('需要批次号 expected a batch id');
      return Number(v);
    })
    .action(async (batchId: number) => {
      const { deps, connection } = await openKedang(loadConfig());
      try {
        const r = await undoImport(deps, systemActor('cli'), batchId);
        const x = r.removed;
        console.log(`已撤销批次 Undid batch #${batchId}: 删除 removed ${n(x.customers)} customers, ${n(x.contacts)} contacts, ${n(x.purchases)} purchases, ${n(x.interactions)} interactions; 还原 restored ${n(x.restored)} customers`);
      } finally {
        await connection.close();
      }
    });
}
