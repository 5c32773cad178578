import type { Selectable } from 'kysely';
import type { Contact } from '../../domain/customers/contact.ts';
import type { Purchase, PurchaseStatus } from '../../domain/purchases/purchase.ts';
import type { Interaction, InteractionChannel } from '../../domain/interactions/interaction.ts';
import type { ContactStore, InteractionStore, PurchaseStore } from '../../services/ports.ts';
import type { ContactsTable, InteractionsTable, PurchasesTable } from '../schema.ts';
import type { Db } from '../connect.ts';
import { toFlag, uniqueAs } from '../db-errors.ts';
import type { RecordCipher } from '../crypto/record-cipher.ts';
import { openRow, sealWrite } from '../crypto/sensitive-columns.ts';

const toPurchase = (r: Selectable<PurchasesTable>): Purchase => ({
  ...r,
  status: r.status as PurchaseStatus,
  grossProfitFen: r.costFen === null ? null : r.amountFen - r.costFen,
});

const toInteraction = (r: Selectable<InteractionsTable>): Interaction => ({ ...r, channel: r.channel as InteractionChannel });

const withFlag = <T extends { isPrimary?: boolean }>(c: T) => {
  const { isPrimary, ...rest } = c;
  return isPrimary === undefined ? rest : { ...rest, isPrimary: toFlag(isPrimary) };
};

/** Contacts keep mobile and e-mail encrypted (see crypto/sensitive-columns.ts); services see plaintext. */
export function contactStore(db: Db, cipher: RecordCipher): ContactStore {
  const toContacts = (rows: Selectable<ContactsTable>[]): Promise<Contact[]> =>
    cipher.reading(db, () => rows.map((r) => ({ ...openRow(cipher, 'contacts', r), isPrimary: r.isPrimary === 1 })));
  const toContact = async (r: Selectable<ContactsTable>) => (await toContacts([r]))[0]!;
  const seal = <T extends object>(changes: T) => sealWrite(cipher, 'contacts', changes as Record<string, unknown>) as T;
  return {
    async listByCustomer(customerId) {
      const rows = await db.selectFrom('contacts').selectAll().where('customerId', '=', customerId).orderBy('isPrimary', 'desc').orderBy('id').execute();
      return toContacts(rows);
    },
    async findById(id) {
      const r = await db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
      return r && (await toContact(r));
    },
    async insert(row, at) {
      const r = await db.insertInto('contacts').values({ ...seal(withFlag(row)), isPrimary: toFlag(row.isPrimary), createdAt: at, updatedAt: at }).returningAll().executeTakeFirstOrThrow();
      return toContact(r);
    },
    async update(id, changes, at) {
      const r = await db.updateTable('contacts').set({ ...seal(withFlag(changes)), updatedAt: at }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      return toContact(r);
    },
    async delete(id) {
      await db.deleteFrom('contacts').where('id', '=', id).execute();
    },
    async clearPrimary(customerId, exceptId) {
      let q = db.updateTable('contacts').set({ isPrimary: 0 }).where('customerId', '=', customerId).where('isPrimary', '=', 1);
      if (exceptId) q = q.where('id', '!=', exceptId);
      await q.execute();
    },
  };
}

export function purchaseStore(db: Db): PurchaseStore {
  return {
    async listByCustomer(customerId, { page, pageSize }) {
      const [rows, total] = await Promise.all([
        db.selectFrom('purchases').selectAll().where('customerId', '=', customerId).orderBy('orderedOn', 'desc').orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
        db.selectFrom('purchases').select((eb) => eb.fn.countAll<number>().as('n')).where('customerId', '=', customerId).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toPurchase), total: Number(total.n), page, pageSize };
    },
    async findById(id) {
      const r = await db.selectFrom('purchases').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toPurchase(r);
    },
    async findByOrderNo(orderNo) {
      const r = await db.selectFrom('purchases').selectAll().where('orderNo', '=', orderNo).executeTakeFirst();
      return r && toPurchase(r);
    },
    async insert(row, at) {
      const r = await uniqueAs('orderNo', () => db.insertInto('purchases').values({ ...row, createdAt: at, updatedAt: at }).returningAll().executeTakeFirstOrThrow());
      return toPurchase(r);
    },
    async update(id, changes, at) {
      const r = await uniqueAs('orderNo', () => db.updateTable('purchases').set({ ...changes, updatedAt: at }).where('id', '=', id).returningAll().executeTakeFirstOrThrow());
      return toPurchase(r);
    },
    async delete(id) {
      await db.deleteFrom('purchases').where('id', '=', id).execute();
    },
    async summary(customerId) {
      const r = await db
        .selectFrom('purchases')
        .select((eb) => [
          eb.fn.countAll<number>().as('orders'),
          eb.fn.coalesce(eb.fn.sum<number>('amountFen'), eb.lit(0)).as('revenueFen'),
          eb.fn.coalesce(eb.fn.sum<number>(eb('amountFen', '-', eb.ref('costFen'))), eb.lit(0)).as('grossProfitFen'),
          eb.fn.max('orderedOn').as('lastOrderedOn'),
        ])
        .where('customerId', '=', customerId)
        .where('status', '=', 'completed')
        .executeTakeFirstOrThrow();
      return { orders: Number(r.orders), revenueFen: Number(r.revenueFen), grossProfitFen: Number(r.grossProfitFen), lastOrderedOn: r.lastOrderedOn ?? null };
    },
  };
}

export function interactionStore(db: Db): InteractionStore {
  return {
    async listByCustomer(customerId, { page, pageSize }) {
      const [rows, total] = await Promise.all([
        db.selectFrom('interactions').selectAll().where('customerId', '=', customerId).orderBy('occurredAt', 'desc').orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
        db.selectFrom('interactions').select((eb) => eb.fn.countAll<number>().as('n')).where('customerId', '=', customerId).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toInteraction), total: Number(total.n), page, pageSize };
    },
    async findById(id) {
      const r = await db.selectFrom('interactions').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toInteraction(r);
    },
    async insert(row, at) {
      const r = await db.insertInto('interactions').values({ ...row, createdAt: at, updatedAt: at }).returningAll().executeTakeFirstOrThrow();
      return toInteraction(r);
    },
    async update(id, changes, at) {
      const r = await db.updateTable('interactions').set({ ...changes, updatedAt: at }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      return toInteraction(r);
    },
    async delete(id) {
      await db.deleteFrom('interactions').where('id', '=', id).execute();
    },
  };
}
