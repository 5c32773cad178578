import type { Kysely } from 'kysely';
import { widenToText } from './column-types.ts';

/*
 * Sensitive fields are stored encrypted (AES-256-GCM, see db/crypto) with keyed blind indexes beside them
 * for exact lookups. This needs no key: rows written before it stay plaintext (no `enc1:` prefix) and are
 * encrypted and indexed at the next start-up or by `kedang keys rotate`.
 */
const blindIndexes = {
  customers: ['mobile_bidx', 'mobile_tail_bidx', 'email_bidx', 'id_card_bidx', 'uscc_bidx'],
  contacts: ['mobile_bidx', 'email_bidx'],
} as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  // an index on ciphertext finds nothing (random nonces) and would only keep old plaintext pages around
  for (const name of ['customers_mobile_idx', 'customers_email_idx', 'customers_uscc_idx', 'customers_id_card_no_idx']) {
    await db.schema.dropIndex(name).ifExists().execute();
  }
  await widenToText(db, 'customers', ['mobile', 'email', 'address', 'id_card_no', 'uscc']);
  await widenToText(db, 'contacts', ['mobile', 'email']);
  for (const [table, columns] of Object.entries(blindIndexes)) {
    for (const column of columns) {
      await db.schema.alterTable(table).addColumn(column, 'varchar(32)').execute();
      await db.schema.createIndex(`${table}_${column}_idx`).on(table).column(column).execute();
    }
  }
}

export async function down(): Promise<void> {
  throw new Error('Kedang migrations are forward-only');
}
