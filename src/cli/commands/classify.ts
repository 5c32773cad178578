import { InvalidArgumentError, type Command } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig } from '../../config/load-config.ts';
import { presetKeys } from '../../domain/classification/presets.ts';
import { buildTree } from '../../domain/classification/scheme.ts';
import { renderIssueMessage } from '../../domain/i18n/messages.ts';
import { notFound } from '../../domain/errors.ts';
import { systemActor } from '../../domain/users/user.ts';
import { customerClassChanges, customerClasses } from '../../services/classification/customer-classes.ts';
import type { ValidationReport } from '../../services/classification/evaluate-draft.ts';
import { installPreset } from '../../services/classification/install-preset.ts';
import type { Progress } from '../../services/classification/population.ts';
import { previewDraft, publishDraft, validateDraft } from '../../services/classification/publish-draft.ts';
import { runClassification } from '../../services/classification/run-classification.ts';
import { getScheme, listSchemes } from '../../services/classification/schemes.ts';
import { listCustomers } from '../../services/customers/list-customers.ts';
import { openKedang, type Kedang } from '../../wiring.ts';
import { benchClassification } from '../bench-classification.ts';

const actor = systemActor('cli');
const n = (v: number) => v.toLocaleString('en-US');

const phases: Record<Progress['phase'], string> = {
  customers: '读取客户 customers',
  facts: '汇总订单 facts',
  metrics: '计算指标 metrics',
  evaluate: '分类 evaluate',
  write: '写入 write',
  switch: '切换 switch',
};

function day(raw: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) throw new InvalidArgumentError('需要日期 expected YYYY-MM-DD');
  return raw;
}

/** One bar that follows the phases on a terminal; phase lines when stderr is piped. */
function progressBar() {
  if (!process.stderr.isTTY) {
    let last = '';
    return {
      update: (p: Progress) => {
        if (p.phase !== last) process.stderr.write(`  ${phases[p.phase]}${p.note ? ` ${p.note}` : ''}\n`);
        last = p.phase;
      },
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar({ format: ' {phase} |{bar}| {value}/{total} {note}', hideCursor: true, barsize: 30 }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update: (p: Progress) => {
      if (!started) bar.start(Math.max(p.total, 1), p.done, { phase: phases[p.phase], note: p.note ?? '' });
      started = true;
      bar.setTotal(Math.max(p.total, 1));
      bar.update(p.done, { phase: phases[p.phase], note: p.note ?? '' });
    },
    stop: () => started && bar.stop(),
  };
}

async function withKedang<T>(work: (k: Kedang) => Promise<T>): Promise<T> {
  const kedang = await openKedang(loadConfig());
  try {
    return await work(kedang);
  } finally {
    await kedang.connection.close();
  }
}

function printReport(r: ValidationReport) {
  console.log(`方案 Scheme ${r.scheme} v${r.version} · 编码方案 coding rule ${r.codingRule} · 基准日 as of ${r.asOf}`);
  if (r.data) {
    console.log(`客户 Customers ${n(r.data.customers)} · 未覆盖 uncovered ${n(r.data.uncovered.count)} · 重叠 overlapping ${n(r.data.overlapping.count)}`);
    for (const c of r.data.categories) if (c.leaf) console.log(`  ${c.code.padEnd(10)} ${c.nameZh}  ${n(c.count)}`);
  }
  for (const i of r.issues) console.log(`  ${i.severity === 'error' ? '✗' : '!'} ${renderIssueMessage(i, 'zh-CN')} / ${renderIssueMessage(i, 'en')}`);
  console.log(r.publishable ? '✓ 可以发布 publishable: every customer falls in exactly one leaf' : '✗ 不能发布 not publishable');
}

export function registerClassify(program: Command) {
  const classify = program.command('classify').description('Classification schemes: list, validate, preview, publish, run, history');
  const json = (o: unknown) => console.log(JSON.stringify(o, null, 2));

  classify
    .command('list')
    .description('Schemes with their live and draft versions')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) =>
      withKedang(async ({ deps }) => {
        const schemes = await listSchemes(deps, actor);
        if (opts.json) return json(schemes);
        for (const s of schemes) console.log(`${s.key.padEnd(16)} ${s.nameZh}  live v${s.publishedVersion ?? '–'}  draft v${s.draftVersion ?? '–'}`);
      }),
    );

  classify
    .command('show <key>')
    .description('The category tree of the live version (or the draft)')
    .option('--draft', 'show the draft instead')
    .option('--json', 'print JSON')
    .action(async (key: string, opts: { draft?: boolean; json?: boolean }) =>
      withKedang(async ({ deps }) => {
        const detail = await getScheme(deps, actor, key);
        if (opts.json) return json(detail);
        const v = opts.draft ? detail.draft : (detail.published ?? detail.draft);
        if (!v) throw notFound('version', key);
        console.log(`${detail.scheme.nameZh} (${key}) v${v.version} ${v.status} · 编码方案 ${v.codingRule} · 级次 levels: ${v.definition.levels.map((l) => l.criterion).join(' → ')}`);
        const tree = buildTree(v.definition);
        const walk = (parent: string | null, depth: number) => {
          for (const c of tree.children.get(parent) ?? []) {
            console.log(`${'  '.repeat(depth + 1)}${c.code} ${c.nameZh}`);
            walk(c.key, depth + 1);
          }
        };
        walk(null, 0);
      }),
    );

  classify
    .command('install <presets...>')
    .description(`Install built-in schemes as drafts: ${presetKeys.join(', ')} (or "all")`)
    .action(async (names: string[]) =>
      withKedang(async ({ deps }) => {
        const list = names.includes('all') ? [...presetKeys] : names;
        for (const preset of list) {
          const d = await installPreset(deps, actor, { preset });
          console.log(`✓ ${d.scheme.key} ${d.scheme.nameZh}: draft v${d.draft?.version ?? 1}, ${d.draft?.definition.categories.length ?? 0} categories`);
        }
      }),
    );

  classify
    .command('validate <key>')
    .description('Prove the draft: coverage and exclusivity by the rules, confirmed on every customer')
    .option('--as-of <date>', 'the day metrics are computed for', day)
    .option('--json', 'print JSON')
    .action(async (key: string, opts: { asOf?: string; json?: boolean }) =>
      withKedang(async ({ deps }) => {
        const report = await validateDraft(deps, actor, key, opts.asOf ? { asOf: opts.asOf } : {});
        if (opts.json) json(report);
        else printReport(report);
        if (!report.publishable) process.exitCode = 1;
      }),
    );

  classify
    .command('preview <key>')
    .description('Customers moving in and out of each category if the draft were published')
    .option('--as-of <date>', 'the day metrics are computed for', day)
    .option('--json', 'print JSON')
    .action(async (key: string, opts: { asOf?: string; json?: boolean }) =>
      withKedang(async ({ deps }) => {
        const p = await previewDraft(deps, actor, key, opts.asOf ? { asOf: opts.asOf } : {});
        if (opts.json) return json(p);
        console.log(`${key} v${p.liveVersion ?? '–'} → v${p.version}: ${n(p.changed)} of ${n(p.customers)} customers change class`);
        for (const c of p.categories.filter((x) => x.leaf)) {
          console.log(`  ${c.code.padEnd(10)} ${c.nameZh.padEnd(12)} ${n(c.before).padStart(9)} → ${n(c.after).padStart(9)}  +${n(c.movedIn)} −${n(c.movedOut)}${c.status === 'kept' ? '' : ` (${c.status})`}`);
        }
        if (!p.publishable) printReport(p.report);
      }),
    );

  classify
    .command('publish <key>')
    .description('Publish the draft: refused while coverage or exclusivity fails; reassigns in one batch')
    .option('--as-of <date>', 'the day metrics are computed for', day)
    .option('--note <text>', 'a note kept with the version')
    .action(async (key: string, opts: { asOf?: string; note?: string }) =>
      withKedang(async ({ deps }) => {
        const bar = progressBar();
        try {
          const r = await publishDraft(deps, actor, key, { ...(opts.asOf ? { asOf: opts.asOf } : {}), ...(opts.note ? { note: opts.note } : {}) }, bar.update);
          bar.stop();
          console.log(`✓ ${key} v${r.version} 已发布 published: ${n(r.customers)} customers, ${n(r.changed)} changed class (run #${r.runId})`);
        } finally {
          bar.stop();
        }
      }),
    );

  classify
    .command('run')
    .description('Classify customers by every published scheme (incremental: only customers whose inputs changed)')
    .option('--scheme <key...>', 'only these schemes')
    .option('--full', 'aggregate every customer again instead of only those whose records changed')
    .option('--as-of <date>', 'the day metrics are computed for (default: today, China time)', day)
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { scheme?: string[]; full?: boolean; asOf?: string; json?: boolean }) =>
      withKedang(async ({ deps, connection }) => {
        const bar = opts.json ? { update: () => undefined, stop: () => undefined } : progressBar();
        const started = performance.now();
        const summary = await runClassification(deps, actor, { mode: opts.full ? 'full' : 'incremental', ...(opts.scheme ? { schemes: opts.scheme } : {}), ...(opts.asOf ? { asOf: opts.asOf } : {}) }, { progress: bar.update });
        bar.stop();
        if (opts.json) return json(summary);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        console.log(`✓ run #${summary.runId} ${summary.kind} as of ${summary.asOf}: ${n(summary.customers)} customers, ${n(summary.recomputed)} recomputed, ${seconds} s (${connection.describe})`);
        for (const s of summary.schemes) console.log(`  ${s.scheme.padEnd(16)} v${s.version}: ${n(s.changed)} changed, ${n(s.uncovered)} uncovered, ${n(s.manualKept)} manual`);
        console.log(`  timings ms: ${Object.entries(summary.timingsMs).map(([k, v]) => `${k} ${n(v)}`).join(', ')}`);
      }),
    );

  classify
    .command('bench')
    .description('Time a full run of every published scheme on a worker thread, the customer list meanwhile, and the raw purchase aggregate')
    .option('--as-of <date>', 'the day metrics are computed for', day)
    .option('--json', 'print JSON')
    .action(async (opts: { asOf?: string; json?: boolean }) => {
      const bar = opts.json ? { update: () => undefined, stop: () => undefined } : progressBar();
      const r = await benchClassification(loadConfig(), { ...(opts.asOf ? { asOf: opts.asOf } : {}), onProgress: bar.update });
      bar.stop();
      if (opts.json) return json(r);
      console.log(`${r.engine}: ${n(r.customers)} customers × ${r.schemes} schemes`);
      console.log(`  full run 完整分类      ${(r.runMs / 1000).toFixed(1)} s (${(r.fullRunMs / 1000).toFixed(1)} s with worker start-up; CPU ${(r.fullRunCpuMs / 1000).toFixed(1)} s) — ${Object.entries(r.phasesMs).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}; ${n(r.factsWritten)} facts rows written`);
      console.log(`  raw aggregate 原始聚合  ${(r.rawAggregate.ms / 1000).toFixed(1)} s (CPU ${(r.rawAggregate.cpuMs / 1000).toFixed(1)} s), ${n(r.rawAggregate.rows)} rows: ${r.rawAggregate.sql}`);
      console.log(`  customer list during the run 运行期间客户列表: p50 ${r.listLatencyMs.p50} ms, p95 ${r.listLatencyMs.p95} ms, max ${r.listLatencyMs.max} ms (${r.listLatencyMs.samples} samples)`);
    });

  classify
    .command('history <customerCode>')
    .description("A customer's classes and class changes, each explained")
    .option('--json', 'print JSON')
    .action(async (code: string, opts: { json?: boolean }) =>
      withKedang(async ({ deps }) => {
        const found = (await listCustomers(deps, actor, { q: code, pageSize: 5 })).items.find((c) => c.code === code);
        if (!found) throw notFound('customer', code);
        const [classes, changes] = await Promise.all([customerClasses(deps, actor, found.id), customerClassChanges(deps, actor, found.id, { pageSize: 200 })]);
        if (opts.json) return json({ customer: { id: found.id, code, name: found.name }, classes, changes: changes.items });
        console.log(`${code} ${found.name}`);
        for (const c of classes) {
          const why = c.why.map((w) => `${w.labelZh} ${w.displayZh}（${w.ruleZh}）`).join('；');
          console.log(`  ${c.scheme.nameZh}: ${c.path.map((p) => p.nameZh).join(' › ')} [${c.source === 'manual' ? `手工 manual: ${c.reason ?? ''}` : '规则 rule'}] since ${c.since.slice(0, 10)}${why ? ` — ${why}` : ''}`);
        }
        for (const ch of changes.items) console.log(`  ${ch.summaryZh}`);
      }),
    );
}
