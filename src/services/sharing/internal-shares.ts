import { diffFields } from '../../domain/audit/diff.ts';
import { DomainError, invalid, notFound, parseOrThrow } from '../../domain/errors.ts';
import { endOfDayCst, internalShareDraftSchema, savedFilterDraftSchema, type InternalShare, type SavedFilter } from '../../domain/sharing/share.ts';
import type { Actor } from '../../domain/users/user.ts';
import type { Access } from '../access.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { scopedCustomer } from '../customers/scoped-customer.ts';
import { nowIso, type Deps } from '../deps.ts';
import type { RecordFilter } from '../ports.ts';

/** What someone may pass on: their own reach for an action, never what others shared with them. */
export function ownReach(access: Access, actor: Actor, action: 'customer.share' | 'customer.update'): RecordFilter {
  const f = access.filter(actor, action);
  return f.kind === 'all' ? f : { ...f, sharedTo: null };
}

export async function saveFilter(deps: Deps, actor: Actor, input: unknown): Promise<SavedFilter> {
  deps.access.assertCan(actor, 'customer.read');
  const draft = parseOrThrow(savedFilterDraftSchema, input);
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    const saved = await tx.sharing.insertSavedFilter({ ...draft, ownerId: actor.kind === 'user' ? actor.userId : null, ownerScope: ownReach(deps.access, actor, 'customer.share') }, at);
    await recordAudit(tx, actor, at, { action: 'saved_filter.created', entityType: 'saved_filter', entityId: saved.id, changes: diffFields(null, { name: saved.name, query: saved.query }) });
    return saved;
  });
}

export async function listSavedFilters(deps: Deps, actor: Actor): Promise<SavedFilter[]> {
  deps.access.assertCan(actor, 'customer.read');
  return actor.kind === 'user' ? deps.db.sharing.listSavedFilters(actor.userId) : [];
}

/**
 * Shares one customer or a saved filter with a user or a department, to read or to edit, optionally
 * until a date. Nobody can give more than they have: sharing needs the share permission on the
 * customer, and an edit share also needs update on it; a shared filter never reaches past the reach
 * of whoever saved it.
 */
export async function shareWithColleagues(deps: Deps, actor: Actor, input: unknown): Promise<InternalShare> {
  deps.access.assertCan(actor, 'customer.share');
  const draft = parseOrThrow(internalShareDraftSchema, input);
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    if (draft.customerId) {
      await scopedCustomer(deps, tx, actor, 'customer.share', draft.customerId);
      if (draft.access === 'edit') await scopedCustomer(deps, tx, actor, 'customer.update', draft.customerId);
    } else {
      const f = await tx.sharing.findSavedFilter(draft.savedFilterId!);
      if (!f || (actor.kind === 'user' && f.ownerId !== actor.userId)) throw invalid([{ path: ['savedFilterId'], code: 'unknown_reference' }]);
    }
    if (draft.granteeUserId) {
      const u = await tx.users.findById(draft.granteeUserId);
      if (!u || !u.isActive) throw invalid([{ path: ['granteeUserId'], code: 'unknown_reference' }]);
    }
    if (draft.granteeDepartmentId && !(await tx.departments.findById(draft.granteeDepartmentId))) throw invalid([{ path: ['granteeDepartmentId'], code: 'unknown_reference' }]);
    const share = await tx.sharing.insertShare(
      {
        customerId: draft.customerId ?? null,
        savedFilterId: draft.savedFilterId ?? null,
        granteeUserId: draft.granteeUserId ?? null,
        granteeDepartmentId: draft.granteeDepartmentId ?? null,
        access: draft.access,
        expiresAt: draft.expiresOn ? endOfDayCst(draft.expiresOn) : null,
        note: draft.note ?? null,
        createdBy: actor.kind === 'user' ? actor.userId : null,
      },
      at,
    );
    await recordAudit(tx, actor, at, {
      action: 'customer.shared',
      entityType: 'share',
      entityId: share.id,
      customerId: share.customerId,
      changes: diffFields(null, { granteeUserId: share.granteeUserId, granteeDepartmentId: share.granteeDepartmentId, access: share.access, expiresAt: share.expiresAt, savedFilterId: share.savedFilterId }),
    });
    return share;
  });
}

/** Shares on a customer, for its page: whoever may read the customer may see who else can. */
export async function listCustomerShares(deps: Deps, actor: Actor, customerId: number): Promise<InternalShare[]> {
  await scopedCustomer(deps, deps.db, actor, 'customer.read', customerId);
  return deps.db.sharing.listShares({ customerId });
}

/** The one who shared it, or anyone who may share that customer, can take a share back. */
export async function revokeShare(deps: Deps, actor: Actor, shareId: number): Promise<void> {
  const at = nowIso(deps);
  await deps.db.transaction(async (tx) => {
    const share = await tx.sharing.findShare(shareId);
    if (!share || share.revokedAt) throw notFound('share', shareId);
    const isCreator = actor.kind === 'user' && share.createdBy === actor.userId;
    if (!isCreator) {
      if (!share.customerId) throw new DomainError('FORBIDDEN', 'forbidden', [], { action: 'customer.share' });
      await scopedCustomer(deps, tx, actor, 'customer.share', share.customerId);
    }
    await tx.sharing.revokeShare(shareId, actor.kind === 'user' ? actor.userId : null, at);
    await recordAudit(tx, actor, at, { action: 'customer.share_revoked', entityType: 'share', entityId: shareId, customerId: share.customerId, changes: [{ field: 'revokedAt', before: null, after: at }] });
  });
}
