import { InvalidArgumentError, type Command } from 'commander';
import { benchConfig, formatReport, RESULT_MARK, runBench, runStepHere } from '../../bench/run-bench.ts';
import { benchSteps } from '../../bench/steps/index.ts';

function count(raw: string): number {
  const n = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('需要正整数 expected a whole number ≥ 1');
  return n;
}

export function registerBench(program: Command) {
  program
    .command('bench')
    .description('Measure Kedang beside the raw engine on a large synthetic archive (seeded once, then reused); prints a Markdown table')
    .option('--customers <n>', 'customers in the bench archive', count, 1_000_000)
    .option('--orders <n>', 'orders in the bench archive', count, 10_000_000)
    .option('--dir <path>', 'SQLite data folder of the bench archive (with KEDANG_DATABASE_URL the bench uses that database)', 'data/bench')
    .option('--steps <list>', `comma-separated steps (${benchSteps.map((s) => s.name).join(', ')})`, benchSteps.map((s) => s.name).join(','))
    .option('--seed <n>', 'random seed of the archive', count, 1)
    .option('--as-of <date>', "the archive's today", '2026-12-01')
    .option('--json', 'print the report as JSON instead of a table')
    .option('--step-in-process <name>')
    .action(async (opts: { customers: number; orders: number; dir: string; steps: string; seed: number; asOf: string; json?: boolean; stepInProcess?: string }) => {
      if (opts.stepInProcess) {
        const step = benchSteps.find((s) => s.name === opts.stepInProcess);
        if (!step) throw new InvalidArgumentError(`unknown step ${opts.stepInProcess}`);
        const result = await runStepHere(step, benchConfig(opts.dir));
        process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`);
        return;
      }
      const steps = opts.steps.split(',').map((s) => s.trim()).filter(Boolean);
      const report = await runBench({ customers: opts.customers, orders: opts.orders, dir: opts.dir, steps, seed: opts.seed, asOf: opts.asOf }, (s) => process.stderr.write(`${s}\n`));
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
      if (report.results.some((r) => r.error)) process.exitCode = 1;
    });
}
