import type { Command } from 'commander';
import { loadConfig } from '../../config/load-config.ts';
import { systemActor } from '../../domain/users/user.ts';
import { searchCustomers } from '../../services/customers/search-customers.ts';
import { openKedang } from '../../wiring.ts';

const matchWords = { exact: '精确 exact', prefix: '名称开头 name prefix', substring: '名称包含 substring', pinyin: '拼音 pinyin' } as const;

export function registerSearch(program: Command) {
  program
    .command('search <q>')
    .description('Find customers as the search box does: name substring, pinyin or initials, company with or without suffix and region, code, mobile or its last 4 digits, e-mail, USCC')
    .option('--limit <n>', 'most hits to show (1–50)', '10')
    .option('--json', 'print the hits as JSON (as GET /api/v1/customers/search)')
    .action(async (q: string, opts: { limit: string; json?: boolean }) => {
      const { deps, connection } = await openKedang(loadConfig());
      try {
        const { items } = await searchCustomers(deps, systemActor('cli'), { q, limit: opts.limit });
        if (opts.json) console.log(JSON.stringify(items));
        else if (!items.length) console.log('没有找到 No customer found');
        else for (const c of items) console.log([c.code, c.name, c.mobile ?? '', matchWords[c.match]].join('\t'));
      } finally {
        await connection.close();
      }
    });
}
