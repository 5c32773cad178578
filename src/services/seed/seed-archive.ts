import { z } from 'zod';
import { defaultCodeScheme, type CodeScheme } from '../../domain/customers/code-scheme.ts';
import { parseOrThrow } from '../../domain/errors.ts';
import { systemActor, type Actor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { codeSchemeKey } from '../customers/create-customer.ts';
import type { Deps } from '../deps.ts';
import { bulkTables, type ArchiveBatch, type BulkLoader, type BulkTable, type CodeBlock } from '../ports.ts';
import { planArchive, type ArchiveSeedOptions } from './archive-plan.ts';
import { generateArchive, pause } from './generate-archive.ts';

export const seedArchiveInputSchema = z.strictObject({
  customers: z.number().int().min(1).max(50_000_000),
  orders: z.number().int().min(0).max(1_000_000_000),
  /** default: two per customer */
  interactions: z.number().int().min(0).max(1_000_000_000).optional(),
  seed: z.number().int().min(0).max(0xffff_ffff).default(1),
  /** the archive's "today"; default now */
  asOf: z.date().optional(),
  batchSize: z.number().int().min(1).max(100_000).default(5_000),
});
export type SeedArchiveInput = z.input<typeof seedArchiveInputSchema>;

export type TableCounts = Record<BulkTable, number>;
export type SeedProgress = { written: TableCounts; expected: TableCounts };
export type SeedSummary = {
  seed: number;
  counts: TableCounts;
  /** milliseconds spent writing each table */
  writeMs: TableCounts;
  generateMs: number;
  elapsedMs: number;
  firstCode: string | null;
  lastCode: string | null;
};

/** Scope of the order-number sequence: one per archive, so a second seed never repeats an order number. */
export const seedOrderScope = 'seed:order';

const zero = (): TableCounts => ({ customers: 0, customerTags: 0, contacts: 0, purchases: 0, interactions: 0 });

/**
 * Adds a realistic synthetic archive: customers with contacts, tags, orders and interactions.
 * Codes follow the current scheme and are reserved up front (the counters end at the last code
 * used), so the API never collides with them. Each batch commits on its own: an interrupted seed
 * leaves whole customers, and running it again adds more rather than resuming.
 * Writes one `archive.seeded` audit entry for the whole run.
 */
export async function seedArchive(deps: Deps, actor: Actor, bulk: BulkLoader, input: SeedArchiveInput, onProgress?: (p: SeedProgress) => void): Promise<SeedSummary> {
  // bulk-writing the archive is an administrator's act
  deps.access.assertCan(actor, 'settings.manage');
  const o = parseOrThrow(seedArchiveInputSchema, input);
  const started = performance.now();
  const codeScheme = (await deps.db.settings.get<CodeScheme>(codeSchemeKey)) ?? defaultCodeScheme;
  const users = (await deps.db.users.list()).filter((u) => u.isActive);
  const sellers = users.filter((u) => ['sales', 'manager', 'service'].includes(u.role));
  const options: ArchiveSeedOptions = {
    seed: o.seed,
    customers: o.customers,
    orders: o.orders,
    interactions: o.interactions ?? 2 * o.customers,
    now: o.asOf ?? deps.clock(),
    codeScheme,
    owners: (sellers.length > 0 ? sellers : users).map((u) => ({ id: u.id, departmentId: u.departmentId })),
    departmentIds: (await deps.db.departments.list()).map((d) => d.id),
  };
  const plan = planArchive(options);
  const expected: TableCounts = {
    customers: o.customers,
    customerTags: Math.round(o.customers * 0.62),
    contacts: Math.round(o.customers * 0.59),
    purchases: o.orders,
    interactions: options.interactions,
  };

  const session = await bulk.open();
  const written = zero();
  const writeMs = zero();
  let generateMs = 0;
  let firstCode: string | null = null;
  let lastCode: string | null = null;
  let inFlight: Promise<void> = Promise.resolve();
  try {
    const blocks: CodeBlock[] = plan.periods.map((p) => ({ scope: `customer:${codeScheme.prefix}`, period: p.period, count: p.count, codeStem: codeScheme.prefix + p.period }));
    if (o.orders > 0) blocks.push({ scope: seedOrderScope, period: '', count: o.orders, codeStem: null });
    const firsts = await session.reserveCodeBlocks(blocks);
    const codes = new Map(plan.periods.map((p, i) => [p.period, firsts[i]!]));
    const batches = generateArchive(plan, { codes, order: firsts[plan.periods.length] ?? 1 }, o.batchSize, 250);
    // one batch is written while the next is generated: PostgreSQL ingests on its own core meanwhile
    const write = async (batch: ArchiveBatch) => {
      const ms = await session.writeBatch(batch);
      for (const table of bulkTables) writeMs[table] += ms[table];
      written.customers += batch.customers.length;
      written.customerTags += batch.customers.reduce((n, c) => n + c.tags.length, 0);
      written.contacts += batch.contacts.length;
      written.purchases += batch.purchases.length;
      written.interactions += batch.interactions.length;
      firstCode ??= batch.customers[0]?.code ?? null;
      lastCode = batch.customers.at(-1)?.code ?? lastCode;
      onProgress?.({ written: { ...written }, expected });
    };
    for (;;) {
      const t = performance.now();
      const next = batches.next();
      generateMs += performance.now() - t;
      if (next.done) break;
      if (next.value === pause) {
        // let the write in flight, timers (the progress bar) and signals run
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      await inFlight;
      inFlight = write(next.value);
      inFlight.catch(() => undefined); // observed by the next await; must not count as unhandled meanwhile
    }
    await inFlight;
  } finally {
    await inFlight.catch(() => undefined);
    await session.close();
  }

  const elapsedMs = performance.now() - started;
  const at = deps.clock().toISOString();
  await deps.db.transaction((tx) =>
    recordAudit(tx, systemActor('seed'), at, {
      action: 'archive.seeded',
      entityType: 'archive',
      entityId: null,
      meta: {
        seed: o.seed,
        counts: written,
        asOf: options.now.toISOString(),
        codeScheme,
        firstCode,
        lastCode,
        requestedBy: actor.kind === 'user' ? actor.username : `system:${actor.name}`,
        elapsedMs: Math.round(elapsedMs),
      },
    }),
  );
  return { seed: o.seed, counts: written, writeMs, generateMs, elapsedMs, firstCode, lastCode };
}
