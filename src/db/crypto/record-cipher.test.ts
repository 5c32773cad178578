import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Db } from '../connect.ts';
import { createBulkOpener, createBulkSealer } from './bulk-sealer.ts';
import { decryptValue, UnknownDataKeyError } from './field-cipher.ts';
import type { KeyRing } from './keyring.ts';
import { createRecordCipher } from './record-cipher.ts';

const ringOf = (ids: string[]): KeyRing => ({ dataKeys: new Map(ids.map((id) => [id, randomBytes(32)])), currentKeyId: ids.at(-1)!, indexKey: randomBytes(32), auditKey: randomBytes(32) });
const noDb = {} as Db;

describe('record cipher', () => {
  it('gives one blind index per normalized value and none for nothing', () => {
    const c = createRecordCipher(ringOf(['k1']), async () => undefined);
    const mobile = c.index('mobile', '13800138000');
    for (const same of ['+86 138 0013 8000', '0086-13800138000', '８６１３８００１３８０００', '(138)0013-8000']) expect(c.index('mobile', same)).toBe(mobile);
    expect(c.index('mobileTail', '13800138000')).toBe(c.index('mobileTail', '8000'));
    expect(c.index('mobileTail', '8000')).not.toBe(c.index('mobile', '8000'));
    expect(c.index('email', 'Zhang.Wei@Example.COM ')).toBe(c.index('email', 'zhang.wei@example.com'));
    expect(c.index('idCardNo', '11010519491231002x')).toBe(c.index('idCardNo', '11010519491231002X'));
    expect(c.index('uscc', '91350100m000100y43')).toBe(c.index('uscc', '91350100M000100Y43'));
    expect(c.index('mobile', null)).toBeNull();
    expect(c.index('mobileTail', '12')).toBeNull();
    expect(c.index('mobile', '13800138000')).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // another index key, another index: the key is what makes guessing impossible
    expect(createRecordCipher(ringOf(['k1']), async () => undefined).index('mobile', '13800138000')).not.toBe(mobile);
  });

  it('encrypts with a fresh nonce each time and reads plaintext written before encryption as is', () => {
    const c = createRecordCipher(ringOf(['k1']), async () => undefined);
    const a = c.seal('13800138000');
    expect(a).toMatch(/^enc1:k1:/);
    expect(c.seal('13800138000')).not.toBe(a);
    expect(c.open(a)).toBe('13800138000');
    expect(c.open('13800138000')).toBe('13800138000');
    const sealed = c.sealJson(['a', 'b']);
    expect(c.openJson(sealed)).toEqual(['a', 'b']);
    expect(c.openJson('plain')).toBe('plain');
  });

  it('reloads the ring once when a value is under a key it has not seen, and adopts the current key', async () => {
    const newer = ringOf(['k1', 'k2']);
    const mine: KeyRing = { ...newer, dataKeys: new Map([['k1', newer.dataKeys.get('k1')!]]), currentKeyId: 'k1' };
    let reloads = 0;
    const c = createRecordCipher(mine, async () => {
      reloads++;
      await new Promise((r) => setTimeout(r, 5));
      return newer;
    });
    const underK2 = createRecordCipher(newer, async () => undefined).seal('13800138000');
    expect(() => c.open(underK2)).toThrow(UnknownDataKeyError);
    // concurrent readers share one reload
    const read = () => c.reading(noDb, () => c.open(underK2));
    expect(await Promise.all([read(), read(), read()])).toEqual(['13800138000', '13800138000', '13800138000']);
    expect(reloads).toBe(1);
    expect(c.ring.currentKeyId).toBe('k2');
    expect(c.seal('x')).toMatch(/^enc1:k2:/);
    // a key the database does not have either is an error, after one reload
    const stranger = createRecordCipher(ringOf(['k9']), async () => undefined).seal('x');
    await expect(c.reading(noDb, () => c.open(stranger))).rejects.toThrow(/unknown data key k9/);
    expect(reloads).toBe(2);
  });

  it('seals bulk batches off the main thread exactly as the stores do', async () => {
    const ring = ringOf(['k1']);
    const c = createRecordCipher(ring, async () => undefined);
    const sealer = createBulkSealer(c);
    try {
      const values = ['13800138000', null, '浙江省杭州市'];
      const inputs = [c.indexInput('mobile', '+86 13800138000'), null, c.indexInput('email', 'A@B.CN')];
      const out = await sealer.run({ seal: values, index: inputs, names: [{ kind: 'individual', name: '单丽', shortName: null }] });
      expect(out.seal.map((v) => (v === null ? null : decryptValue(ring, v)))).toEqual(values);
      expect(out.index).toEqual([c.index('mobile', '13800138000'), null, c.index('email', 'a@b.cn')]);
      // search terms are made there too, the surname read as a surname
      expect(out.terms[0]!.map(([, term]) => term)).toEqual(expect.arrayContaining(['单丽', 'shanli', 'sl']));
      expect(sealer.onWorker).toBe(true);
    } finally {
      await sealer.close();
    }
  });

  it('opens large reads off the main thread, leaving values under a key rotated in since for the ring', async () => {
    const ring = ringOf(['k1']);
    const c = createRecordCipher(ring, async () => undefined);
    const underK1 = c.seal('13800138000');
    const opener = createBulkOpener(c);
    try {
      // another process rotated to k2 after the export started: the worker was given k1 only
      ring.dataKeys.set('k2', randomBytes(32));
      ring.currentKeyId = 'k2';
      const underK2 = c.seal('浙江省杭州市');
      expect(await opener.run([underK1, 'plain before encryption', underK2])).toEqual(['13800138000', 'plain before encryption', null]);
      expect(opener.onWorker).toBe(true);
    } finally {
      await opener.close();
    }
  });
});
