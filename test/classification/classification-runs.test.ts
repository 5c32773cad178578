import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetKeys } from '../../src/domain/classification/presets.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { customerClassChanges } from '../../src/services/classification/customer-classes.ts';
import { installPreset } from '../../src/services/classification/install-preset.ts';
import { publishDraft, validateDraft } from '../../src/services/classification/publish-draft.ts';
import { runClassification } from '../../src/services/classification/run-classification.ts';
import { startRun } from '../../src/services/classification/run-lock.ts';
import { everyRecord } from '../../src/services/ports.ts';
import { purchaseRecords } from '../../src/services/records/customer-records.ts';
import { seedArchive } from '../../src/services/seed/seed-archive.ts';
import { testEngines } from '../support/engines.ts';
import { openTestKedang, type TestKedang } from '../support/kedang.ts';

/*
 * The presets on a seeded archive (2,000 customers, 20,000 orders) on both engines: each publishes with
 * full coverage and no overlap. Then runs: incremental recomputes only the customer with a new order,
 * an interrupted run leaves every assignment as it was, and one job runs at a time.
 */

const asOf = '2026-11-30';
const DAY = 86_400_000;

describe.each(testEngines())('classification runs on a seeded archive on %s', (engine) => {
  let k: TestKedang;
  // the clock starts a day after anything the seed wrote, and moves only when a test moves it
  let now = Date.now() + DAY;
  const tick = (ms: number) => (now += ms);

  const liveCounts = async () => {
    const out: Record<string, Record<string, number>> = {};
    for (const s of await k.deps.db.classification.listSchemes()) {
      if (s.publishedVersion === null) continue;
      const counts = await k.deps.db.classification.countByCategory(s.id, s.publishedVersion, everyRecord);
      out[s.key] = Object.fromEntries(counts.map((c) => [c.categoryKey, c.count]));
    }
    return out;
  };

  beforeAll(async () => {
    k = await openTestKedang(engine, { clock: () => new Date(now) });
    await seedArchive(k.deps, k.admin, k.bulk, { customers: 2_000, orders: 20_000, seed: 7, asOf: new Date(`${asOf}T12:00:00+08:00`) });
  }, 240_000);
  afterAll(() => k?.close());

  it('publishes every preset with full coverage and no overlap', async () => {
    for (const preset of presetKeys) {
      await installPreset(k.deps, k.admin, { preset });
      const report = await validateDraft(k.deps, k.admin, preset, { asOf });
      expect({ preset, errors: report.issues.filter((i) => i.severity === 'error') }).toEqual({ preset, errors: [] });
      expect(report.data).toMatchObject({ customers: 2_000, uncovered: { count: 0 }, overlapping: { count: 0 } });
      const published = await publishDraft(k.deps, k.admin, preset, { asOf });
      expect(published).toMatchObject({ version: 1, customers: 2_000 });
    }
    const counts = await liveCounts();
    for (const preset of presetKeys) expect(Object.values(counts[preset]!).reduce((a, b) => a + b, 0), preset).toBe(2_000);
  }, 240_000);

  it('recomputes only customers whose records changed in an incremental run', async () => {
    tick(60_000);
    const full = await runClassification(k.deps, k.admin, { mode: 'full', asOf });
    expect(full).toMatchObject({ kind: 'full', customers: 2_000, recomputed: 2_000 });
    expect(full.schemes.every((s) => s.uncovered === 0)).toBe(true);

    tick(3_600_000);
    const customer = (await k.deps.db.customers.list({ kind: 'organization', deleted: 'exclude', sort: 'createdAt', order: 'asc', page: 1, pageSize: 1 }, everyRecord)).items[0]!;
    await purchaseRecords.add(k.deps, k.admin, customer.id, { orderNo: 'BIG-1', orderedOn: '2026-11-29', amountFen: 900_000_000, costFen: 10_000 });
    tick(3_600_000);
    const incremental = await runClassification(k.deps, k.admin, { mode: 'incremental', asOf });
    expect(incremental).toMatchObject({ kind: 'incremental', customers: 2_000, recomputed: 1 });

    // ¥9,000,000 at a 99.999% margin (shown rounded): now the most valuable and most profitable customer, and the timeline says why
    const timeline = await customerClassChanges(k.deps, k.admin, customer.id, { scheme: 'profit' });
    expect(timeline.items[0]?.summaryZh).toMatch(/→ 高盈利：毛利率 (无|[\d.]+%) → 100%，方案 v1$/);
    const scale = await customerClassChanges(k.deps, k.admin, customer.id, { scheme: 'purchase-scale' });
    expect(scale.items[0]?.summaryZh ?? '').toContain('¥');
  }, 120_000);

  it('leaves every assignment as it was when a run is interrupted, and frees the lock', async () => {
    const before = await liveCounts();
    tick(3_600_000);
    const interrupted = runClassification(k.deps, k.admin, { mode: 'full', asOf: '2027-06-30' }, {
      progress: (p) => {
        if (p.phase === 'switch') throw new Error('power cut');
      },
    });
    await expect(interrupted).rejects.toThrow('power cut');
    expect(await liveCounts()).toEqual(before);
    const runs = await k.deps.db.classification.listRuns({ page: 1, pageSize: 1 });
    expect(runs.items[0]).toMatchObject({ status: 'failed', error: 'power cut' });
    expect(await k.deps.db.classification.lockHolder()).toBeUndefined();
  }, 120_000);

  it('runs one classification job at a time', async () => {
    const holder = await startRun(k.deps, k.admin, 'full', [], asOf);
    const busy = await runClassification(k.deps, k.admin, { asOf }).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(DomainError);
    expect(busy).toMatchObject({ code: 'CONFLICT', messageKey: 'classification_busy', params: { runId: holder.id } });
    await k.deps.db.transaction((tx) => tx.classification.releaseLock(holder.id));
  });
});
