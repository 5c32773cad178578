import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config/load-config.ts';
import { DomainError } from '../domain/errors.ts';
import { renderErrorMessage, renderIssueMessage, pickLocale } from '../domain/i18n/messages.ts';
import { KeyError } from '../wiring.ts';
import { registerServe } from './commands/serve.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerUser } from './commands/user.ts';
import { registerToken } from './commands/token.ts';
import { registerSeed } from './commands/seed.ts';
import { registerKeys } from './commands/keys.ts';
import { registerAudit } from './commands/audit.ts';
import { registerBench } from './commands/bench.ts';
import { registerClassify } from './commands/classify.ts';
import { registerImport } from './commands/import.ts';
import { registerExport } from './commands/export.ts';
import { registerSearch } from './commands/search.ts';

const program = new Command('kedang')
  .description('Kedang 客档 — customer archive management / 客户档案分类管理系统')
  .version('0.1.0')
  .showHelpAfterError();

registerServe(program);
registerMigrate(program);
registerSeed(program);
registerUser(program);
registerToken(program);
registerKeys(program);
registerAudit(program);
registerBench(program);
registerClassify(program);
registerImport(program);
registerExport(program);
registerSearch(program);

/** Exit codes: 0 ok, 1 user or input error, 2 usage, 3 configuration, 70 internal. */
export async function runCli(argv: string[]) {
  try {
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
