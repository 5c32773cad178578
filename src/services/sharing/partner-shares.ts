import { diffFields } from '../../domain/audit/diff.ts';
import { maskValue } from '../../domain/access/masking.ts';
import { DomainError, invalid, notFound, parseOrThrow } from '../../domain/errors.ts';
import { customerListQuerySchema } from '../../domain/customers/customer.ts';
import { endOfDayCst, partnerDraftSchema, partnerPatchSchema, partnerShareDraftSchema, type Partner, type PartnerAccess, type PartnerShare } from '../../domain/sharing/share.ts';
import type { Actor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { hashSecret, newSecret } from '../auth/tokens.ts';
import { nowIso, type Deps } from '../deps.ts';
import type { RecordFilter, Stores } from '../ports.ts';
import { ownReach } from './internal-shares.ts';

const maxShareDays = 366;

export async function createPartner(deps: Deps, actor: Actor, input: unknown): Promise<Partner> {
  deps.access.assertCan(actor, 'customer.share');
  const draft = parseOrThrow(partnerDraftSchema, input);
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    const p = await tx.sharing.insertPartner({ name: draft.name, contactName: draft.contactName ?? null, contactEmail: draft.contactEmail ?? null, note: draft.note ?? null }, at);
    await recordAudit(tx, actor, at, { action: 'partner.created', entityType: 'partner', entityId: p.id, changes: diffFields(null, { name: p.name }) });
    return p;
  });
}

/** Name and contact details of a partner; its shares and their links stay as they are. */
export async function updatePartner(deps: Deps, actor: Actor, id: number, input: unknown): Promise<Partner> {
  deps.access.assertCan(actor, 'customer.share');
  const patch = parseOrThrow(partnerPatchSchema, input);
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    const before = await tx.sharing.findPartner(id);
    if (!before) throw notFound('partner', id);
    const changed = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (Object.keys(changed).length === 0) return before;
    const after = await tx.sharing.updatePartner(id, changed);
    const pick = (p: Partner) => ({ name: p.name, contactName: p.contactName, contactEmail: p.contactEmail, note: p.note });
    await recordAudit(tx, actor, at, { action: 'partner.updated', entityType: 'partner', entityId: id, changes: diffFields(pick(before), pick(after)) });
    return after;
  });
}

export async function listPartners(deps: Deps, actor: Actor): Promise<Partner[]> {
  deps.access.assertCan(actor, 'customer.share');
  return deps.db.sharing.listPartners();
}

/**
 * Gives a named partner read-only access to chosen customers or a saved filter: only the listed fields,
 * sensitive ones masked if asked, until a date, for a stated purpose. The link is shown once.
 */
export async function shareWithPartner(deps: Deps, actor: Actor, input: unknown): Promise<PartnerShare & { token: string; portalPath: string }> {
  deps.access.assertCan(actor, 'customer.share');
  deps.access.assertCan(actor, 'customer.export');
  const draft = parseOrThrow(partnerShareDraftSchema, input);
  const today = deps.clock();
  const expiresAt = endOfDayCst(draft.expiresOn);
  if (expiresAt <= today.toISOString() || Date.parse(expiresAt) - today.getTime() > maxShareDays * 86_400_000) {
    throw invalid([{ path: ['expiresOn'], code: 'share_expiry_range', params: { days: maxShareDays } }]);
  }
  const reach = ownReach(deps.access, actor, 'customer.share');
  const token = newSecret('kps_');
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    if (!(await tx.sharing.findPartner(draft.partnerId))) throw invalid([{ path: ['partnerId'], code: 'unknown_reference' }]);
    if (draft.customerIds) {
      for (const [i, id] of draft.customerIds.entries()) {
        if (!(await tx.customers.findById(id, { filter: reach }))) throw invalid([{ path: ['customerIds', i], code: 'unknown_reference' }]);
      }
    } else {
      const f = await tx.sharing.findSavedFilter(draft.savedFilterId!);
      if (!f || (actor.kind === 'user' && f.ownerId !== actor.userId)) throw invalid([{ path: ['savedFilterId'], code: 'unknown_reference' }]);
    }
    const share = await tx.sharing.insertPartnerShare(
      {
        partnerId: draft.partnerId,
        title: draft.title,
        purpose: draft.purpose,
        customerIds: draft.customerIds ?? null,
        savedFilterId: draft.savedFilterId ?? null,
        fields: draft.fields,
        maskedFields: draft.maskedFields,
        allowDownload: draft.allowDownload,
        expiresAt,
        tokenHash: hashSecret(token),
        tokenPrefix: token.slice(0, 12),
        createdBy: actor.kind === 'user' ? actor.userId : null,
        sharerScope: reach,
      },
      at,
    );
    await recordAudit(tx, actor, at, {
      action: 'partner_share.created',
      entityType: 'partner_share',
      entityId: share.id,
      changes: diffFields(null, { partnerId: share.partnerId, title: share.title, purpose: share.purpose, fields: share.fields, maskedFields: share.maskedFields, expiresAt, customerIds: share.customerIds, savedFilterId: share.savedFilterId }),
    });
    const { sharerScope: _s, ...shown } = share;
    return { ...shown, token, portalPath: `/portal/${token}` };
  });
}

/** Whoever may share every customer manages every partner share; others only the ones they made (the rest is NOT_FOUND). */
const managesShare = (deps: Deps, actor: Actor, share: Pick<PartnerShare, 'createdBy'>) =>
  deps.access.filter(actor, 'customer.share').kind === 'all' || (actor.kind === 'user' && share.createdBy === actor.userId);

export async function listPartnerShares(deps: Deps, actor: Actor) {
  deps.access.assertCan(actor, 'customer.share');
  return (await deps.db.sharing.listPartnerShares()).filter((s) => managesShare(deps, actor, s)).map(({ sharerScope: _s, ...s }) => s);
}

export async function revokePartnerShare(deps: Deps, actor: Actor, id: number): Promise<void> {
  deps.access.assertCan(actor, 'customer.share');
  const at = nowIso(deps);
  await deps.db.transaction(async (tx) => {
    const share = await tx.sharing.findPartnerShare(id);
    if (!share || share.revokedAt || !managesShare(deps, actor, share)) throw notFound('partner share', id);
    await tx.sharing.revokePartnerShare(id, at);
    await recordAudit(tx, actor, at, { action: 'partner_share.revoked', entityType: 'partner_share', entityId: id, changes: [{ field: 'revokedAt', before: null, after: at }] });
  });
}

export async function partnerAccessLog(deps: Deps, actor: Actor, id: number): Promise<PartnerAccess[]> {
  deps.access.assertCan(actor, 'customer.share');
  const share = await deps.db.sharing.findPartnerShare(id);
  if (!share || !managesShare(deps, actor, share)) throw notFound('partner share', id);
  return deps.db.sharing.listPartnerAccess(id);
}

type Client = { ip: string | null; userAgent: string | null };
export type PortalPage = { title: string; purpose: string; partner: string; expiresAt: string; fields: string[]; allowDownload: boolean; items: Record<string, unknown>[]; total: number; page: number; pageSize: number };

/** A live share for a portal token; revoked, expired and unknown links look the same. */
async function liveShare(stores: Stores, token: string, now: string) {
  const share = await stores.sharing.findPartnerShareByTokenHash(hashSecret(token));
  if (!share || share.revokedAt || share.expiresAt <= now) throw new DomainError('NOT_FOUND', 'share_link_invalid');
  return share;
}

/** Exactly the shared fields; masked ones masked. Nothing else of the customer leaves. */
const project = (share: PartnerShare, c: Record<string, unknown>) =>
  Object.fromEntries(share.fields.map((f) => [f, share.maskedFields.includes(f) ? maskValue(f, c[f]) : (c[f] ?? null)]));

async function sharedPage(stores: Stores, share: PartnerShare & { sharerScope: RecordFilter }, page: number, pageSize: number): Promise<{ items: Record<string, unknown>[]; total: number }> {
  let segment = {};
  if (share.savedFilterId) {
    const saved = await stores.sharing.findSavedFilter(share.savedFilterId);
    if (!saved) return { items: [], total: 0 }; // the filter was deleted: the share shows nothing
    segment = saved.query;
  }
  const query = { ...customerListQuerySchema.parse({ page, pageSize, sort: 'code', order: 'asc' }), ...segment, ids: share.customerIds ?? undefined };
  const result = await stores.customers.list(query, share.sharerScope);
  // the list has summary columns only; partners may be given any shared field, so read each in full
  const full = await Promise.all(result.items.map((c) => stores.customers.findById(c.id, { filter: share.sharerScope })));
  return { items: full.filter((c) => c !== undefined).map((c) => project(share, c as unknown as Record<string, unknown>)), total: result.total ?? 0 };
}

/** The partner's read-only page; every view is logged. */
export async function viewPartnerPortal(deps: Deps, token: string, input: { page?: number; pageSize?: number }, client: Client): Promise<PortalPage> {
  const now = nowIso(deps);
  const share = await liveShare(deps.db, token, now);
  const partner = await deps.db.sharing.findPartner(share.partnerId);
  const page = Math.max(1, Math.min(100_000, Number(input.page) || 1));
  const pageSize = Math.max(1, Math.min(200, Number(input.pageSize) || 50));
  const result = await sharedPage(deps.db, share, page, pageSize);
  await deps.db.sharing.logPartnerAccess({ shareId: share.id, at: now, action: 'view', rows: result.items.length, ip: client.ip, userAgent: client.userAgent?.slice(0, 300) ?? null });
  return {
    title: share.title,
    purpose: share.purpose,
    partner: partner?.name ?? '',
    expiresAt: share.expiresAt,
    fields: share.fields,
    allowDownload: share.allowDownload,
    items: result.items,
    total: result.total,
    page,
    pageSize,
  };
}

/** All shared rows, page by page, for a download; logged with the row count. */
export async function* downloadPartnerShare(deps: Deps, token: string, client: Client): AsyncGenerator<Record<string, unknown>[]> {
  const now = nowIso(deps);
  const share = await liveShare(deps.db, token, now);
  if (!share.allowDownload) throw new DomainError('FORBIDDEN', 'download_not_allowed');
  let rows = 0;
  for (let page = 1; ; page++) {
    const result = await sharedPage(deps.db, share, page, 200);
    rows += result.items.length;
    yield result.items;
    if (result.items.length < 200) break;
  }
  await deps.db.sharing.logPartnerAccess({ shareId: share.id, at: now, action: 'download', rows, ip: client.ip, userAgent: client.userAgent?.slice(0, 300) ?? null });
}
