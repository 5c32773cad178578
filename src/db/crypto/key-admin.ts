import type { Db, Engine } from '../connect.ts';
import { parseJson } from '../db-errors.ts';
import { addDataKey, KeyError } from './keyring.ts';
import { readKeyRing, saveKeyRing } from './open-keyring.ts';
import type { RecordCipher } from './record-cipher.ts';
import { keyUsage, reencryptAll, type ReencryptProgress, type ReencryptResult } from './reencrypt.ts';
import type { SealedTable } from './sensitive-columns.ts';

const rotationKey = 'crypto.rotation';

/** The last rotation; one without finishedAt is resumed by the next `keys rotate` instead of adding another key. */
export type RotationState = { keyId: string; previousKeyId: string; startedAt: string; finishedAt: string | null };
export type KeyStatus = {
  currentKeyId: string;
  keys: { id: string; createdAt: string; current: boolean }[];
  rotation: RotationState | null;
  usage: Record<SealedTable, { rows: number; byKey: Record<string, number> }>;
};
export type RotationOptions = { batchSize?: number; signal?: AbortSignal; onProgress?: (p: ReencryptProgress) => void };
export type RotationSummary = RotationState & { resumed: boolean; result: ReencryptResult };

export type KeyAdmin = {
  status(): Promise<KeyStatus>;
  /** Adds a data key (or resumes the unfinished rotation to the current one) and re-encrypts every row under it. */
  rotate(opts?: RotationOptions): Promise<RotationSummary>;
};

export function createKeyAdmin(d: { db: Db; engine: Engine; cipher: RecordCipher; master: Buffer; clock?: () => Date }): KeyAdmin {
  const { db, cipher, master } = d;
  const now = () => (d.clock ?? (() => new Date()))().toISOString();
  const readState = async (q: Db = db) => {
    const r = await q.selectFrom('settings').select('value').where('key', '=', rotationKey).executeTakeFirst();
    return r ? parseJson<RotationState | null>(r.value, null) : null;
  };
  const writeState = async (q: Db, s: RotationState) => {
    const value = JSON.stringify(s);
    const at = now();
    await q.insertInto('settings').values({ key: rotationKey, value, updatedAt: at }).onConflict((oc) => oc.column('key').doUpdateSet({ value, updatedAt: at })).execute();
  };
  const savedRing = async () => {
    const saved = await readKeyRing(db, master);
    if (!saved) throw new KeyError('数据库中没有密钥环 / This database has no key ring yet');
    return saved;
  };

  return {
    async status() {
      const saved = await savedRing();
      return {
        currentKeyId: saved.currentKeyId,
        keys: saved.stored.dataKeys.map((k) => ({ id: k.id, createdAt: k.createdAt, current: k.id === saved.currentKeyId })),
        rotation: await readState(),
        usage: await keyUsage(db),
      };
    },
    async rotate(opts = {}) {
      const saved = await savedRing();
      const last = await readState();
      const resumed = !!last && last.finishedAt === null && last.keyId === saved.currentKeyId;
      let state: RotationState;
      if (resumed) state = last;
      else {
        const at = now();
        const next = addDataKey(saved.stored, at);
        state = { keyId: next.currentKeyId, previousKeyId: saved.currentKeyId, startedAt: at, finishedAt: null };
        await db.transaction().execute(async (trx) => {
          // two rotations at once must not each save a different new key: values under the loser's would be lost
          if (!(await saveKeyRing(trx, master, next, at, saved.savedValue))) {
            throw new KeyError('另一个进程刚刚修改了密钥环，请重试 / Another process changed the key ring meanwhile; run the command again');
          }
          await writeState(trx, state);
        });
      }
      await cipher.refresh(db);
      const result = await reencryptAll(db, cipher, { mode: 'rotate', batchSize: opts.batchSize, signal: opts.signal, onProgress: opts.onProgress });
      if (result.converged) {
        state = { ...state, finishedAt: now() };
        await writeState(db, state);
      }
      return { ...state, resumed, result };
    },
  };
}
