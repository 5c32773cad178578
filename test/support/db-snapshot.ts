import { sql } from 'kysely';
import { connect } from '../../src/db/connect.ts';
import type { TestDatabase } from './engines.ts';

const tables = [
  'customers', 'customer_tags', 'contacts', 'purchases', 'interactions', 'audit_entries', 'users',
  'departments', 'sessions', 'api_tokens', 'custom_field_defs', 'settings',
] as const;

/**
 * A second connection to a test server's database, to prove from outside the API that a refused
 * request wrote nothing: row counts of every table plus the customer code counters.
 */
export function openSnapshot(db: TestDatabase) {
  const connection = connect({ databaseUrl: db.config.databaseUrl, sqlitePath: db.config.sqlitePath, poolSize: 2 });
  const scalar = async (query: string) => {
    const r = await sql<{ n: number | string | null }>`${sql.raw(query)}`.execute(connection.db);
    return Number(r.rows[0]?.n ?? 0);
  };
  return {
    async counts(): Promise<Record<string, number>> {
      const out: Record<string, number> = {};
      for (const t of tables) out[t] = await scalar(`select count(*) as n from ${t}`);
      out.code_counters = await scalar('select coalesce(sum(last_value), 0) as n from code_counters');
      return out;
    },
    count: (table: (typeof tables)[number]) => scalar(`select count(*) as n from ${table}`),
    close: () => connection.close(),
  };
}
