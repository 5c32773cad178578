import type { ImportOptions } from '../../domain/imports/import-options.ts';
import type { ParsedRow, RowIssue } from '../../domain/imports/import-row.ts';
import type { Actor } from '../../domain/users/user.ts';
import { emptyContact, emptyCustomer } from '../customers/create-customer.ts';
import type { Deps } from '../deps.ts';
import type { ArchiveBatch, BulkCustomerRow, CustomerRow, ExistingRow, ImportChunk, ImportCounts } from '../ports.ts';
import type { ImportPlan } from './import-plan.ts';

export type PendingRow = { row: number; parsed: ParsedRow; provided: string[] };

/** What a chunk needs from its run: who imports, where new customers go, the batch (null in a dry run). */
export type ChunkContext = {
  deps: Deps;
  actor: Actor;
  o: ImportOptions;
  plan: ImportPlan;
  batchId: number | null;
  at: string;
  home: { ownerId: number | null; departmentId: number | null };
  /** codes for new customers without one: reserved per chunk in a commit, not needed in a dry run */
  reserveCodes: (n: number) => Promise<string[]>;
  /**
   * A dry run writes nothing, so the next chunk's lookups cannot see what this one would have written.
   * It remembers it here instead, so a dry run counts exactly what the commit will do (a customer or an
   * order seen in an earlier chunk is an update / an order line merged, not a second create).
   */
  dryRun?: DryRunMemory | undefined;
};

export type DryRunMemory = { matchKeys: Set<string>; codes: Set<string>; customerCodes: Set<string>; orders: Set<string> };

export const dryRunMemory = (): DryRunMemory => ({ matchKeys: new Set(), codes: new Set(), customerCodes: new Set(), orders: new Set() });

export type BuiltChunk = { write: Omit<ImportChunk, 'rowsDone' | 'counts'>; issues: RowIssue[]; delta: Partial<ImportCounts> };

const bump = (d: Partial<ImportCounts>, k: keyof ImportCounts, n = 1) => (d[k] = (d[k] ?? 0) + n);

function newCustomer(ctx: ChunkContext, fields: Partial<CustomerRow> & Pick<CustomerRow, 'kind' | 'name'>, code: string | undefined): BulkCustomerRow {
  const by = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  // assigned one by one: a literal spreading several objects took ~80 µs per row in V8, the biggest cost of an import
  const row = Object.assign({}, emptyCustomer, { stage: 'potential', tags: [], custom: {} }) as unknown as BulkCustomerRow;
  const target = row as unknown as Record<string, unknown>;
  for (const k in fields) if (k !== 'contacts') target[k] = (fields as Record<string, unknown>)[k];
  row.code = code ?? '';
  row.ownerId = ctx.home.ownerId;
  row.departmentId = ctx.home.departmentId;
  row.createdBy = by;
  row.updatedBy = by;
  row.createdAt = ctx.at;
  row.updatedAt = ctx.at;
  return row;
}

/** Turns validated rows into one chunk write: duplicates matched, codes checked, children linked to their customers. */
export async function buildChunk(ctx: ChunkContext, rows: PendingRow[]): Promise<BuiltChunk> {
  const batch: ArchiveBatch & { importBatchId: number } = { customers: [], contacts: [], purchases: [], interactions: [], importBatchId: ctx.batchId ?? 0 };
  const write: BuiltChunk['write'] = { batch, customerUpdates: [], purchaseMerges: [], at: ctx.at, by: ctx.actor.kind === 'user' ? ctx.actor.userId : null };
  const issues: RowIssue[] = [];
  const delta: Partial<ImportCounts> = {};
  if (ctx.o.kind === 'customers') await customersChunk(ctx, rows, write, issues, delta);
  else await childrenChunk(ctx, rows, write, issues, delta);
  // customers without a code get the next codes of the scheme, reserved for this chunk only
  const uncoded = batch.customers.filter((c) => c.code === '');
  if (uncoded.length) {
    const codes = await ctx.reserveCodes(uncoded.length);
    uncoded.forEach((c, i) => (c.code = codes[i]!));
  }
  return { write, issues, delta };
}

function matchValue(o: ImportOptions, p: Extract<ParsedRow, { kind: 'customers' }>): string | undefined {
  const d = p.draft;
  switch (o.match) {
    case 'code':
      return p.code;
    case 'name_mobile':
      return d.mobile ? `${d.name}\u0000${d.mobile}` : undefined;
    default:
      return d[o.match] ?? undefined;
  }
}

async function customersChunk(ctx: ChunkContext, rows: PendingRow[], write: BuiltChunk['write'], issues: RowIssue[], delta: Partial<ImportCounts>) {
  const { deps, actor, o } = ctx;
  const list = rows as (PendingRow & { parsed: Extract<ParsedRow, { kind: 'customers' }> })[];
  const keys = o.onDuplicate === 'create' ? [] : list.map((r) => matchValue(o, r.parsed)).filter((k): k is string => k !== undefined);
  const existing = keys.length ? await deps.db.imports.matchCustomers(o.match, keys, deps.access.filter(actor, o.onDuplicate === 'update' ? 'customer.update' : 'customer.read')) : new Map<string, ExistingRow>();
  const codes = list.map((r) => r.parsed.code).filter((c): c is string => c !== undefined);
  const taken = codes.length ? await deps.db.imports.codesTaken(codes) : new Set<string>();
  const codeColumn = ctx.plan.mapping.code ?? null;
  /** in-chunk: match value → the create or update it already became */
  const pending = new Map<string, { create?: BulkCustomerRow; update?: { id: number; changes: Partial<CustomerRow> } }>();
  const chunkCodes = new Set<string>();
  for (const r of list) {
    const { draft, code } = r.parsed;
    const key = o.onDuplicate === 'create' ? undefined : matchValue(o, r.parsed);
    const hit = key === undefined ? undefined : (existing.get(key) ?? (ctx.dryRun?.matchKeys.has(key) ? { id: 0 } : undefined));
    const earlier = key === undefined ? undefined : pending.get(key);
    if (hit || earlier) {
      if (o.onDuplicate === 'skip') {
        bump(delta, 'skipped');
        continue;
      }
      const changes = pick(draft, r.provided);
      if (earlier?.create) Object.assign(earlier.create, changes);
      else if (earlier?.update) Object.assign(earlier.update.changes, changes);
      else {
        const update = { id: hit!.id, changes };
        write.customerUpdates.push(update);
        pending.set(key!, { update });
      }
      bump(delta, 'updated');
      continue;
    }
    if (code !== undefined && (taken.has(code) || chunkCodes.has(code) || ctx.dryRun?.codes.has(code))) {
      issues.push({ row: r.row, column: codeColumn, field: 'code', code: 'duplicate' });
      continue;
    }
    if (code !== undefined) chunkCodes.add(code);
    const create = newCustomer(ctx, draft, code);
    write.batch.customers.push(create);
    if (key !== undefined) pending.set(key, { create });
    bump(delta, 'created');
  }
  if (ctx.dryRun) {
    for (const k of pending.keys()) ctx.dryRun.matchKeys.add(k);
    for (const c of chunkCodes) ctx.dryRun.codes.add(c);
  }
}

/** The fields a row gave (non-empty cells); what an update writes. Code and kind never change. */
function pick(draft: Record<string, unknown>, provided: string[]): Partial<CustomerRow> {
  const out: Record<string, unknown> = {};
  for (const k of provided) if (k !== 'code' && k !== 'kind' && draft[k] !== undefined) out[k] = draft[k];
  return out as Partial<CustomerRow>;
}

async function childrenChunk(ctx: ChunkContext, rows: PendingRow[], write: BuiltChunk['write'], issues: RowIssue[], delta: Partial<ImportCounts>) {
  const { deps, actor, o, plan } = ctx;
  const list = rows as (PendingRow & { parsed: Exclude<ParsedRow, { kind: 'customers' }> })[];
  const codes = list.map((r) => r.parsed.customer.code);
  const existing = await deps.db.imports.matchCustomers('code', codes, deps.access.filter(actor, 'customer.update'));
  const missing = [...new Set(codes.filter((c) => !existing.has(c)))];
  // a code that exists but is out of reach is not created again (codes are unique), it is an unknown customer
  const outOfReach = plan.createCustomers && missing.length ? await deps.db.imports.codesTaken(missing) : new Set<string>();
  const created = new Map<string, number>();
  const orders = o.kind === 'purchases' ? await deps.db.imports.findPurchasesByOrderNo(list.map((r) => (r.parsed as Extract<ParsedRow, { kind: 'purchases' }>).draft.orderNo)) : new Map<string, ExistingRow>();
  const pendingOrders = new Map<string, ArchiveBatch['purchases'][number]>();
  const codeColumn = plan.mapping.customerCode ?? null;
  for (const r of list) {
    const ref = r.parsed.customer;
    let customer: number | { id: number } | undefined = existing.get(ref.code) ? { id: existing.get(ref.code)!.id } : ctx.dryRun?.customerCodes.has(ref.code) ? { id: 0 } : undefined;
    if (!customer && plan.createCustomers && !outOfReach.has(ref.code)) {
      let index = created.get(ref.code);
      if (index === undefined) {
        index = write.batch.customers.length;
        created.set(ref.code, index);
        write.batch.customers.push(newCustomer(ctx, { kind: 'organization', name: ref.name ?? ref.code, province: ref.province ?? null }, ref.code));
        bump(delta, 'customersCreated');
      }
      customer = index;
    }
    if (customer === undefined) {
      issues.push({ row: r.row, column: codeColumn, field: 'customerCode', code: 'unknown_customer', params: { code: ref.code } });
      continue;
    }
    const stamp = { customer, createdAt: ctx.at, updatedAt: ctx.at };
    const p = r.parsed;
    if (p.kind === 'purchases') {
      const d = p.draft;
      const before = orders.get(d.orderNo);
      const inChunk = pendingOrders.get(d.orderNo);
      // rows with the same order number in one import are lines of one order: amounts and quantities add up
      if (before && ctx.batchId !== null && before.importBatchId === ctx.batchId) {
        write.purchaseMerges.push({ id: before.id, amountFen: d.amountFen, quantity: d.quantity });
        bump(delta, 'merged');
      } else if (ctx.dryRun?.orders.has(d.orderNo)) {
        bump(delta, 'merged');
      } else if (before) {
        if (o.onDuplicate === 'skip') bump(delta, 'skipped');
        else issues.push({ row: r.row, column: plan.mapping.orderNo ?? null, field: 'orderNo', code: 'duplicate' });
      } else if (inChunk) {
        inChunk.amountFen += d.amountFen;
        inChunk.quantity += d.quantity;
        bump(delta, 'merged');
      } else {
        const row = { ...d, costFen: d.costFen ?? null, productLine: d.productLine ?? null, notes: d.notes ?? null, dueOn: d.dueOn ?? null, paidOn: d.paidOn ?? null, ...stamp };
        write.batch.purchases.push(row);
        pendingOrders.set(d.orderNo, row);
        bump(delta, 'created');
      }
    } else if (p.kind === 'contacts') {
      write.batch.contacts.push({ ...emptyContact, ...p.draft, title: p.draft.title ?? null, notes: p.draft.notes ?? null, mobile: p.draft.mobile ?? null, email: p.draft.email ?? null, ...stamp });
      bump(delta, 'created');
    } else {
      write.batch.interactions.push({ ...p.draft, summary: p.draft.summary ?? null, byUserId: p.draft.byUserId ?? null, nextFollowUpOn: p.draft.nextFollowUpOn ?? null, ...stamp });
      bump(delta, 'created');
    }
  }  if (ctx.dryRun) {
    for (const c of created.keys()) ctx.dryRun.customerCodes.add(c);
    for (const n of pendingOrders.keys()) ctx.dryRun.orders.add(n);
  }
}
