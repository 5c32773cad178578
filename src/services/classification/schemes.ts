import { diffFields } from '../../domain/audit/diff.ts';
import { codingRule } from '../../domain/classification/codes.ts';
import type { Criterion } from '../../domain/classification/criteria.ts';
import { definitionSchema, schemeDraftSchema, schemePatchSchema, type Scheme, type SchemeVersion } from '../../domain/classification/scheme.ts';
import { structuralIssues } from '../../domain/classification/validate.ts';
import { DomainError, invalid, parseOrThrow } from '../../domain/errors.ts';
import type { Actor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nowIso, type Deps } from '../deps.ts';
import { actorId, asOfDayFor, draftVersion, emptyDefinition, getSchemeByKey, registryOf } from './scheme-helpers.ts';

export type SchemeDetail = {
  scheme: Scheme;
  published: (SchemeVersion & { codingRule: string }) | null;
  /** only for those who may manage schemes */
  draft: (SchemeVersion & { codingRule: string }) | null;
};

const withRule = (v: SchemeVersion | undefined) => (v ? { ...v, codingRule: codingRule(v.definition.levels) } : null);

/** Everyone who reads customers sees the schemes, to show class badges and filters. */
export async function listSchemes(deps: Deps, actor: Actor): Promise<Scheme[]> {
  deps.access.assertCan(actor, 'customer.read');
  return deps.db.classification.listSchemes();
}

export async function getScheme(deps: Deps, actor: Actor, key: string): Promise<SchemeDetail> {
  deps.access.assertCan(actor, 'customer.read');
  const scheme = await getSchemeByKey(deps.db, key);
  const manages = deps.access.can(actor, 'schemes.manage');
  const [published, draft] = await Promise.all([
    scheme.publishedVersion === null ? undefined : deps.db.classification.findVersion(scheme.id, scheme.publishedVersion),
    scheme.draftVersion === null || !manages ? undefined : deps.db.classification.findVersion(scheme.id, scheme.draftVersion),
  ]);
  return { scheme, published: withRule(published), draft: withRule(draft) };
}

/** The criteria a level may use in this archive (built-ins and select custom fields), for the tree editor. */
export async function listCriteria(deps: Deps, actor: Actor): Promise<Criterion[]> {
  deps.access.assertCan(actor, 'customer.read');
  return [...(await registryOf(deps.db)).values()];
}

/** A new scheme starts as a draft (version 1); it classifies nobody until published. */
export async function createScheme(deps: Deps, actor: Actor, input: unknown, opts: { preset?: string } = {}): Promise<SchemeDetail> {
  deps.access.assertCan(actor, 'schemes.manage');
  const draft = parseOrThrow(schemeDraftSchema, input);
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    if (await tx.classification.findScheme(draft.key)) throw new DomainError('CONFLICT', 'duplicate_value', [{ path: ['schemeKey'], code: 'duplicate' }], { field: 'schemeKey' });
    const definition = draft.definition ?? emptyDefinition();
    if (draft.definition) refuseStructuralErrors(definition, await registryOf(tx), asOfDayFor(deps));
    const scheme = await tx.classification.insertScheme({ key: draft.key, nameZh: draft.nameZh, nameEn: draft.nameEn ?? null, description: draft.description ?? null, preset: opts.preset ?? null }, at);
    const version: SchemeVersion = { schemeId: scheme.id, version: 1, status: 'draft', definition, note: null, createdAt: at, createdBy: actorId(actor), publishedAt: null, publishedBy: null };
    await tx.classification.insertVersion(version);
    const saved = await tx.classification.updateScheme(scheme.id, { draftVersion: 1 }, at);
    await recordAudit(tx, actor, at, {
      action: 'classification.scheme_created',
      entityType: 'class_scheme',
      entityId: scheme.key,
      changes: diffFields(null, { nameZh: draft.nameZh, nameEn: draft.nameEn ?? null, description: draft.description ?? null }),
      meta: { preset: opts.preset ?? null, categories: definition.categories.length },
    });
    return { scheme: saved, published: null, draft: withRule(version) };
  });
}

export async function updateScheme(deps: Deps, actor: Actor, key: string, input: unknown): Promise<Scheme> {
  deps.access.assertCan(actor, 'schemes.manage');
  const patch = parseOrThrow(schemePatchSchema, input);
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    const before = await getSchemeByKey(tx, key);
    const after = await tx.classification.updateScheme(before.id, patch, at);
    const pick = (s: Scheme) => ({ nameZh: s.nameZh, nameEn: s.nameEn, description: s.description });
    await recordAudit(tx, actor, at, { action: 'classification.scheme_updated', entityType: 'class_scheme', entityId: key, changes: diffFields(pick(before), pick(after)) });
    return after;
  });
}

/** Archives a scheme: it stops classifying and disappears from lists; its history stays. */
export async function archiveScheme(deps: Deps, actor: Actor, key: string): Promise<void> {
  deps.access.assertCan(actor, 'schemes.manage');
  const at = nowIso(deps);
  await deps.db.transaction(async (tx) => {
    const scheme = await getSchemeByKey(tx, key);
    await tx.classification.updateScheme(scheme.id, { archivedAt: at }, at);
    await recordAudit(tx, actor, at, { action: 'classification.scheme_archived', entityType: 'class_scheme', entityId: key, meta: { publishedVersion: scheme.publishedVersion } });
  });
}

/** Replaces the whole draft definition (import, bulk save from the editor); structural errors are refused, overlaps and gaps are for validation. */
export async function replaceDraft(deps: Deps, actor: Actor, key: string, input: unknown): Promise<SchemeVersion> {
  deps.access.assertCan(actor, 'schemes.manage');
  const definition = parseOrThrow(definitionSchema, input);
  const at = nowIso(deps);
  return deps.db.transaction(async (tx) => {
    refuseStructuralErrors(definition, await registryOf(tx), asOfDayFor(deps));
    const scheme = await getSchemeByKey(tx, key);
    const draft = await draftVersion(tx, scheme, actor, at, true);
    await tx.classification.updateVersion(scheme.id, draft.version, { definition });
    await recordAudit(tx, actor, at, {
      action: 'classification.draft_replaced',
      entityType: 'class_scheme',
      entityId: key,
      meta: { version: draft.version, categories: definition.categories.length, before: draft.definition.categories.length },
    });
    return { ...draft, definition };
  });
}

export async function discardDraft(deps: Deps, actor: Actor, key: string): Promise<void> {
  deps.access.assertCan(actor, 'schemes.manage');
  const at = nowIso(deps);
  await deps.db.transaction(async (tx) => {
    const scheme = await getSchemeByKey(tx, key);
    const draft = await draftVersion(tx, scheme, actor, at, false);
    await tx.classification.deleteVersion(scheme.id, draft.version);
    await tx.classification.updateScheme(scheme.id, { draftVersion: null }, at);
    await recordAudit(tx, actor, at, { action: 'classification.draft_discarded', entityType: 'class_scheme', entityId: key, meta: { version: draft.version } });
  });
}

export async function listVersions(deps: Deps, actor: Actor, key: string): Promise<SchemeVersion[]> {
  deps.access.assertCan(actor, 'schemes.manage');
  const scheme = await getSchemeByKey(deps.db, key);
  return deps.db.classification.listVersions(scheme.id);
}

function refuseStructuralErrors(definition: Parameters<typeof structuralIssues>[0], registry: Parameters<typeof structuralIssues>[1], asOfDay: number) {
  const errors = structuralIssues(definition, registry, asOfDay).filter((i) => i.severity === 'error' && i.code !== 'no_categories');
  if (errors.length) throw invalid(errors.map(({ severity: _s, ...i }) => i));
}
