import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../config/load-config.ts';
import { systemActor } from '../domain/users/user.ts';
import { seedArchive } from '../services/seed/seed-archive.ts';
import { closeContext, openContext, openRaw } from './context.ts';
import { peakRssMb } from './measure.ts';
import { meetsTarget, ratio, type BenchStep, type StepResult } from './step.ts';
import { benchSteps } from './steps/index.ts';
import { openKedang } from '../wiring.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type BenchOptions = {
  customers: number;
  orders: number;
  /** SQLite data folder of the bench archive (ignored with KEDANG_DATABASE_URL) */
  dir: string;
  steps: string[];
  seed: number;
  asOf: string;
};

export type BenchReport = {
  machine: { cpu: string; cores: number; memoryGb: number; node: string; engine: string; os: string };
  archive: { customers: number; orders: number; seededSeconds?: number | undefined };
  at: string;
  command: string;
  results: StepResult[];
};

/** The bench's own configuration: the normal one, with the data folder moved to the bench's. */
export function benchConfig(dir: string, env: NodeJS.ProcessEnv = process.env): Config {
  return loadConfig({ ...env, KEDANG_DATA_DIR: path.resolve(dir) });
}

/** Makes sure the bench archive has the wanted size: seeds an empty one, refuses a different one. */
async function ensureArchive(config: Config, opts: BenchOptions, log: (s: string) => void) {
  fs.mkdirSync(config.dataDir, { recursive: true });
  const raw = openRaw(config);
  let customers: number;
  let orders: number;
  try {
    const [c] = await raw.all<{ n: number | string }>('select count(*) as n from customers').catch(() => [{ n: 0 }]);
    const [o] = await raw.all<{ n: number | string }>('select count(*) as n from purchases').catch(() => [{ n: 0 }]);
    customers = Number(c?.n ?? 0);
    orders = Number(o?.n ?? 0);
  } finally {
    await raw.close();
  }
  if (customers === opts.customers && orders >= opts.orders * 0.9) {
    log(`复用 Reusing the bench archive: ${customers.toLocaleString('en-US')} customers, ${orders.toLocaleString('en-US')} orders`);
    return { customers, orders };
  }
  if (customers > 0) {
    throw new Error(
      `基准库已有 ${customers} 个客户，与 --customers ${opts.customers} 不符 / The bench archive at ${config.databaseUrl ? 'KEDANG_DATABASE_URL' : config.dataDir} holds ${customers} customers, not ${opts.customers}: ` +
        'point --dir at another folder (or another database) or delete this one.',
    );
  }
  log(`生成 Seeding ${opts.customers.toLocaleString('en-US')} customers and ${opts.orders.toLocaleString('en-US')} orders (once; later runs reuse them)…`);
  const started = performance.now();
  const kedang = await openKedang(config);
  try {
    let last = 0;
    const summary = await seedArchive(kedang.deps, systemActor('bench'), kedang.bulk, { customers: opts.customers, orders: opts.orders, seed: opts.seed, asOf: new Date(`${opts.asOf}T12:00:00+08:00`) }, (p) => {
      const now = performance.now();
      if (now - last > 5000) {
        last = now;
        log(`  … ${p.written.customers.toLocaleString('en-US')} customers, ${p.written.purchases.toLocaleString('en-US')} orders`);
      }
    });
    return { customers: summary.counts.customers, orders: summary.counts.purchases, seededSeconds: (performance.now() - started) / 1000 };
  } finally {
    await kedang.connection.close();
  }
}

/** Runs one step in this process (the child's side) and returns its figures with this process's peak memory. */
export async function runStepHere(step: BenchStep, config: Config): Promise<StepResult> {
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const ctx = await openContext(config, log);
  const started = performance.now();
  try {
    const figures = await step.run(ctx);
    return { step: step.name, title: step.title, figures, peakRssMb: peakRssMb(), seconds: (performance.now() - started) / 1000 };
  } finally {
    await closeContext(ctx);
  }
}

export const RESULT_MARK = 'BENCH-RESULT ';

/** Each step in a process of its own, so its peak memory is its own. */
function runStepInChild(name: string, opts: BenchOptions): Promise<StepResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/kedang.js', 'bench', '--step-in-process', name, '--dir', opts.dir], { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let lastError = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    // the step's log goes on to ours as it comes; its error line names the failure in the report
    child.stderr.on('data', (b: Buffer) => {
      process.stderr.write(b);
      lastError = b.toString().split('\n').find((l) => l.startsWith('Error: '))?.slice('Error: '.length) ?? lastError;
    });
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_MARK));
      if (code === 0 && line) resolve(JSON.parse(line.slice(RESULT_MARK.length)) as StepResult);
      else reject(new Error(`${lastError || 'failed'} (exit ${code})`));
    });
  });
}

export async function runBench(opts: BenchOptions, log: (s: string) => void): Promise<BenchReport> {
  const config = benchConfig(opts.dir);
  const unknown = opts.steps.filter((s) => !benchSteps.some((b) => b.name === s));
  if (unknown.length) throw new Error(`未知步骤 Unknown step(s): ${unknown.join(', ')}; steps: ${benchSteps.map((s) => s.name).join(', ')}`);
  const archive = await ensureArchive(config, opts, log);
  const results: StepResult[] = [];
  for (const step of benchSteps.filter((s) => opts.steps.includes(s.name))) {
    log(`▶ ${step.title}`);
    const started = performance.now();
    try {
      results.push(await runStepInChild(step.name, opts));
    } catch (err) {
      // one step's failure (a port, a timeout) costs its own row, not the figures of the steps before it
      const error = (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
      log(`  ✗ ${error}`);
      results.push({ step: step.name, title: step.title, figures: [], peakRssMb: Number.NaN, seconds: (performance.now() - started) / 1000, error });
    }
  }
  const cpu = os.cpus();
  return {
    machine: { cpu: cpu[0]?.model ?? 'unknown', cores: cpu.length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, engine: config.databaseUrl ? 'postgres' : 'sqlite', os: `${os.type()} ${os.release()}` },
    archive,
    at: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(3).join(' ')}`.trim(),
    results,
  };
}

const fmt = (v: number | undefined, unit: string) => {
  if (v === undefined || Number.isNaN(v)) return '–';
  const digits = unit === 'ms' && v < 10 ? 2 : (unit === 'ms' || unit === 's') && v < 100 ? 1 : 0;
  return `${v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
};

/** The report as a Markdown table: what `npm run bench` prints and docs/benchmarks.md keeps. */
export function formatReport(r: BenchReport): string {
  const lines = [
    `${r.machine.engine} · ${r.archive.customers.toLocaleString('en-US')} customers · ${r.archive.orders.toLocaleString('en-US')} orders · ${r.machine.cores} × ${r.machine.cpu} · ${r.machine.memoryGb} GB · Node ${r.machine.node} · ${r.at}`,
    '',
    '| step | metric | Kedang | raw engine | Kedang ÷ raw | target | peak RSS |',
    '| --- | --- | ---: | ---: | ---: | --- | ---: |',
  ];
  for (const s of r.results) {
    if (s.error) lines.push(`| ${s.step} | 失败 failed: ${s.error.replaceAll('|', '\\|')} | – | – | – | | – |`);
    s.figures.forEach((f, i) => {
      const x = ratio(f);
      const ok = meetsTarget(f);
      const target = f.target ? `${f.target.op} ${fmt(f.target.value, f.unit)} ${ok ? '✓' : '✗'}` : '';
      lines.push(`| ${i === 0 ? s.step : ''} | ${f.metric}${f.note ? ` (${f.note})` : ''} | ${fmt(f.kedang, f.unit)} | ${fmt(f.raw, f.unit)} | ${x === undefined ? '–' : `${x.toFixed(2)}×`} | ${target} | ${i === 0 ? `${Math.round(s.peakRssMb)} MB` : ''} |`);
    });
  }
  return lines.join('\n');
}
