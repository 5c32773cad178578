import type { z } from 'zod';
import { diffFields } from '../../domain/audit/diff.ts';
import { contactDraftSchema, contactPatchSchema } from '../../domain/customers/contact.ts';
import { invalid, notFound, parseOrThrow, type Issue } from '../../domain/errors.ts';
import { interactionDraftSchema, interactionPatchSchema } from '../../domain/interactions/interaction.ts';
import { purchaseDraftSchema, purchasePatchSchema } from '../../domain/purchases/purchase.ts';
import type { Actor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nowIso, type Deps } from '../deps.ts';
import type { Stores } from '../ports.ts';
import { guardFieldWrites, presentRecord } from '../customers/field-security.ts';
import { fieldRulesFor, scopedCustomer } from '../customers/scoped-customer.ts';

const withoutNulls = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

type Row = { id: number; customerId: number; createdAt: string; updatedAt: string };

/** What differs between contacts, purchase records and interactions; the use cases below are shared. */
type RecordKind<R extends Row> = {
  entityType: 'contact' | 'purchase' | 'interaction';
  draft: z.ZodType;
  patch: z.ZodType;
  store: (s: Stores) => {
    findById(id: number): Promise<R | undefined>;
    insert(row: never, at: string): Promise<R>;
    update(id: number, changes: never, at: string): Promise<R>;
    delete(id: number): Promise<void>;
  };
  defaults: (actor: Actor) => Record<string, unknown>;
  /** Cross-field and cross-record checks after merging; returns issues. */
  check: (tx: Stores, merged: Record<string, unknown>, self: number | null) => Promise<Issue[]>;
  /** Fields computed from others, left out of the audit trail. */
  derived?: readonly string[];
  /** Runs after a write, inside the transaction (e.g. keep one primary contact); audits what it changes. */
  afterWrite?: (tx: Stores, saved: R, actor: Actor, at: string) => Promise<void>;
};

/** What the history shows: stored fields only, so a derived value (gross profit) is not reported as an edit. */
const auditFields = (r: Row | null, derived: readonly string[] = []) => {
  if (!r) return null;
  const { id: _i, customerId: _c, createdAt: _a, updatedAt: _u, ...rest } = r as Row & Record<string, unknown>;
  for (const f of derived) delete rest[f];
  return rest;
};

/**
 * The customer must be within the actor's update reach; then it is locked so concurrent writes to its
 * records (e.g. two "make primary") run one after the other.
 */
async function writableCustomer(deps: Deps, tx: Stores, actor: Actor, customerId: number) {
  await scopedCustomer(deps, tx, actor, 'customer.update', customerId);
  if (!(await tx.customers.lockForWrite(customerId))) throw notFound('customer', customerId);
  return fieldRulesFor(deps, tx, actor);
}

export function recordUseCases<R extends Row>(kind: RecordKind<R>) {
  const owned = async (tx: Stores, customerId: number, id: number) => {
    const row = await kind.store(tx).findById(id);
    if (!row || row.customerId !== customerId) throw notFound(kind.entityType, id);
    return row;
  };
  return {
    async add(deps: Deps, actor: Actor, customerId: number, input: unknown): Promise<R> {
      const parsed = parseOrThrow(kind.draft, input) as Record<string, unknown>;
      const at = nowIso(deps);
      return deps.db.transaction(async (tx) => {
        const rules = await writableCustomer(deps, tx, actor, customerId);
        const draft = { ...kind.defaults(actor), ...guardFieldWrites(rules, null, withoutNulls(parsed)) };
        const issues = await kind.check(tx, draft, null);
        if (issues.length) throw invalid(issues);
        const saved = await kind.store(tx).insert({ ...draft, customerId } as never, at);
        await kind.afterWrite?.(tx, saved, actor, at);
        await recordAudit(tx, actor, at, { action: `${kind.entityType}.created`, entityType: kind.entityType, entityId: saved.id, customerId, changes: diffFields(null, auditFields(saved, kind.derived)) });
        return presentRecord(rules, saved);
      });
    },
    async update(deps: Deps, actor: Actor, customerId: number, id: number, input: unknown): Promise<R> {
      const requested = parseOrThrow(kind.patch, input) as Record<string, unknown>;
      const at = nowIso(deps);
      return deps.db.transaction(async (tx) => {
        const rules = await writableCustomer(deps, tx, actor, customerId);
        const before = await owned(tx, customerId, id);
        const patch = guardFieldWrites(rules, before as Record<string, unknown>, requested);
        const issues = await kind.check(tx, { ...before, ...patch }, id);
        if (issues.length) throw invalid(issues);
        const saved = await kind.store(tx).update(id, patch as never, at);
        await kind.afterWrite?.(tx, saved, actor, at);
        const changes = diffFields(auditFields(before, kind.derived), auditFields(saved, kind.derived));
        if (changes.length) await recordAudit(tx, actor, at, { action: `${kind.entityType}.updated`, entityType: kind.entityType, entityId: id, customerId, changes });
        return presentRecord(rules, saved);
      });
    },
    async remove(deps: Deps, actor: Actor, customerId: number, id: number): Promise<void> {
      const at = nowIso(deps);
      await deps.db.transaction(async (tx) => {
        await writableCustomer(deps, tx, actor, customerId);
        const before = await owned(tx, customerId, id);
        await kind.store(tx).delete(id);
        await recordAudit(tx, actor, at, { action: `${kind.entityType}.deleted`, entityType: kind.entityType, entityId: id, customerId, changes: diffFields(auditFields(before, kind.derived), null) });
      });
    },
  };
}

const noChecks = async () => [];

export const contactRecords = recordUseCases({
  entityType: 'contact',
  draft: contactDraftSchema,
  patch: contactPatchSchema,
  store: (s) => s.contacts,
  defaults: () => ({ title: null, mobile: null, email: null, notes: null }),
  check: noChecks,
  async afterWrite(tx, saved, actor, at) {
    // one primary contact per customer: marking one unmarks the others, each change in the history
    if (!saved.isPrimary) return;
    const unmarked = (await tx.contacts.listByCustomer(saved.customerId)).filter((c) => c.isPrimary && c.id !== saved.id);
    await tx.contacts.clearPrimary(saved.customerId, saved.id);
    for (const c of unmarked) {
      await recordAudit(tx, actor, at, { action: 'contact.updated', entityType: 'contact', entityId: c.id, customerId: c.customerId, changes: [{ field: 'isPrimary', before: true, after: false }] });
    }
  },
});

export const purchaseRecords = recordUseCases({
  entityType: 'purchase',
  draft: purchaseDraftSchema,
  patch: purchasePatchSchema,
  store: (s) => s.purchases,
  derived: ['grossProfitFen'],
  defaults: () => ({ costFen: null, productLine: null, dueOn: null, paidOn: null, notes: null }),
  async check(tx, merged, self) {
    const issues: Issue[] = [];
    const other = await tx.purchases.findByOrderNo(String(merged.orderNo));
    if (other && other.id !== self) issues.push({ path: ['orderNo'], code: 'duplicate' });
    if (merged.paidOn && merged.orderedOn && String(merged.paidOn) < String(merged.orderedOn)) issues.push({ path: ['paidOn'], code: 'before_order_date' });
    if (merged.dueOn && merged.orderedOn && String(merged.dueOn) < String(merged.orderedOn)) issues.push({ path: ['dueOn'], code: 'before_order_date' });
    return issues;
  },
});

export const interactionRecords = recordUseCases({
  entityType: 'interaction',
  draft: interactionDraftSchema,
  patch: interactionPatchSchema,
  store: (s) => s.interactions,
  defaults: (actor) => ({ summary: null, nextFollowUpOn: null, byUserId: actor.kind === 'user' ? actor.userId : null }),
  async check(tx, merged) {
    if (merged.byUserId && !(await tx.users.findById(Number(merged.byUserId)))) return [{ path: ['byUserId'], code: 'unknown_reference' }];
    return [];
  },
});

/** Lists for the 360° page tabs; read permission on the customer. */
export async function listCustomerRecords(deps: Deps, actor: Actor, customerId: number, what: 'contacts' | 'purchases' | 'interactions', page = { page: 1, pageSize: 50 }) {
  await scopedCustomer(deps, deps.db, actor, 'customer.read', customerId);
  const rules = await fieldRulesFor(deps, deps.db, actor);
  if (what === 'contacts') {
    const items = (await deps.db.contacts.listByCustomer(customerId)).map((c) => presentRecord(rules, c));
    return { items, total: items.length, page: 1, pageSize: items.length };
  }
  return what === 'purchases' ? deps.db.purchases.listByCustomer(customerId, page) : deps.db.interactions.listByCustomer(customerId, page);
}
