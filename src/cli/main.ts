import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config/load-config.ts';
import { DomainError } from '../domain/errors.ts';
import { renderErrorMessage, renderIssueMessage, pickLocale } from '../domain/i18n/messages.ts';
import { KeyError } from '../wiring.ts';

const program = new Command('kedang')
  .description('Kedang 客档 — customer archive management / 客户档案分类管理系统')
  .version('0.1.0')
  .showHelpAfterError();

type Register = (program: Command) => void;
/*
 * Each command's module, loaded only when that command runs (or for the help, which lists them all): the
 * server, the bench and the file formats are heavy, and `kedang search` should not start Fastify and
 * exceljs (start-up and the process's memory, which the export's own figure includes).
 */
const commands: Record<string, () => Promise<Register>> = {
  serve: async () => (await import('./commands/serve.ts')).registerServe,
  migrate: async () => (await import('./commands/migrate.ts')).registerMigrate,
  seed: async () => (await import('./commands/seed.ts')).registerSeed,
  user: async () => (await import('./commands/user.ts')).registerUser,
  token: async () => (await import('./commands/token.ts')).registerToken,
  keys: async () => (await import('./commands/keys.ts')).registerKeys,
  audit: async () => (await import('./commands/audit.ts')).registerAudit,
  bench: async () => (await import('./commands/bench.ts')).registerBench,
  classify: async () => (await import('./commands/classify.ts')).registerClassify,
  import: async () => (await import('./commands/import.ts')).registerImport,
  export: async () => (await import('./commands/export.ts')).registerExport,
  search: async () => (await import('./commands/search.ts')).registerSearch,
};

async function registerCommands(argv: string[]) {
  const named = argv[2];
  const wanted = named !== undefined && named in commands ? [named] : Object.keys(commands);
  for (const name of wanted) (await commands[name]!())(program);
}

/** Exit codes: 0 ok, 1 user or input error, 2 usage, 3 configuration, 70 internal. */
export async function runCli(argv: string[]) {
  // `kedang search 张 | head`: the reader went away, which is not an error of ours
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  try {
    await registerCommands(argv);
    await program.parseAsync(argv);
  } catch (err) {
    const locale = pickLocale(process.env.LANG?.startsWith('en') ? 'en' : 'zh-CN');
    if (err instanceof ConfigError || err instanceof KeyError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(3);
    }
    if (err instanceof DomainError) {
      process.stderr.write(`错误 Error: ${renderErrorMessage(err, locale)}\n`);
      for (const i of err.issues) process.stderr.write(`  - ${renderIssueMessage(i, locale)}\n`);
      process.exit(1);
    }
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(70);
  }
}

export { loadConfig };
