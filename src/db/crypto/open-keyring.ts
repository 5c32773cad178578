import type { Db } from '../connect.ts';
import { newRing, openRing, wrap, type KeyRing, type StoredRing } from './keyring.ts';

const settingKey = 'crypto.keyring';

/** The ring from the database, created (and wrapped by the master key) the first time. */
export async function openKeyRing(db: Db, master: Buffer, at: string): Promise<KeyRing & { stored: StoredRing }> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', settingKey).executeTakeFirst();
  if (row) return openRing(master, (JSON.parse(row.value) as { wrapped: string }).wrapped);
  const value = JSON.stringify({ wrapped: wrap(master, JSON.stringify(newRing(at))) });
  // two processes starting at once: the first insert wins, both then read the same ring
  await db.insertInto('settings').values({ key: settingKey, value, updatedAt: at }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const saved = await db.selectFrom('settings').select('value').where('key', '=', settingKey).executeTakeFirstOrThrow();
  return openRing(master, (JSON.parse(saved.value) as { wrapped: string }).wrapped);
}

/** The ring as saved now (e.g. after another process rotated) with the saved text for saveKeyRing's check; undefined before the first start made one. */
export async function readKeyRing(db: Db, master: Buffer): Promise<(KeyRing & { stored: StoredRing; savedValue: string }) | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', settingKey).executeTakeFirst();
  return row && { ...openRing(master, (JSON.parse(row.value) as { wrapped: string }).wrapped), savedValue: row.value };
}

/**
 * Saves a changed ring (new data key, or re-wrapped under a new master key). With `expected` (readKeyRing's
 * savedValue) only if nobody saved another ring since: two rotations must never each save a different new key.
 */
export async function saveKeyRing(db: Db, master: Buffer, stored: StoredRing, at: string, expected?: string): Promise<boolean> {
  const value = JSON.stringify({ wrapped: wrap(master, JSON.stringify(stored)) });
  let q = db.updateTable('settings').set({ value, updatedAt: at }).where('key', '=', settingKey);
  if (expected !== undefined) q = q.where('value', '=', expected);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
