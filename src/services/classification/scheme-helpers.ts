import { buildCriteria, type CriteriaRegistry } from '../../domain/classification/criteria.ts';
import { cstDay, epochDay } from '../../domain/classification/dates.ts';
import type { Scheme, SchemeDefinition, SchemeVersion } from '../../domain/classification/scheme.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/users/user.ts';
import type { Deps } from '../deps.ts';
import type { Stores } from '../ports.ts';

/** A scheme by key, or NOT_FOUND. */
export async function getSchemeByKey(stores: Stores, key: string): Promise<Scheme> {
  const s = await stores.classification.findScheme(key);
  if (!s) throw notFound('scheme', key);
  return s;
}

export async function registryOf(stores: Stores): Promise<CriteriaRegistry> {
  return buildCriteria(await stores.customFields.list());
}

/** The classification day: the given date, or today in China Standard Time. */
export const asOfDayFor = (deps: Pick<Deps, 'clock'>, asOf?: string) => (asOf ? epochDay(asOf) : cstDay(deps.clock()));

export const actorId = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

export const emptyDefinition = (): SchemeDefinition => ({ levels: [{ codeLength: 2, criterion: 'manual' }], categories: [], reassignments: {} });

/** The published version customers are classified by; CONFLICT when the scheme was never published. */
export async function publishedVersion(stores: Stores, scheme: Scheme): Promise<SchemeVersion> {
  const v = scheme.publishedVersion === null ? undefined : await stores.classification.findVersion(scheme.id, scheme.publishedVersion);
  if (!v) throw new DomainError('CONFLICT', 'scheme_not_published', [], { scheme: scheme.key });
  return v;
}

/** The draft; with `create`, a new one copied from the published version (or empty) when there is none. */
export async function draftVersion(stores: Stores, scheme: Scheme, actor: Actor, at: string, create: boolean): Promise<SchemeVersion> {
  if (scheme.draftVersion !== null) {
    const v = await stores.classification.findVersion(scheme.id, scheme.draftVersion);
    if (v) return v;
  }
  if (!create) throw new DomainError('NOT_FOUND', 'not_found', [], { what: 'draft', id: scheme.key });
  const base = scheme.publishedVersion === null ? undefined : await stores.classification.findVersion(scheme.id, scheme.publishedVersion);
  const version = (await stores.classification.maxVersion(scheme.id)) + 1;
  const draft: SchemeVersion = {
    schemeId: scheme.id,
    version,
    status: 'draft',
    definition: base ? { ...base.definition, reassignments: {} } : emptyDefinition(),
    note: null,
    createdAt: at,
    createdBy: actorId(actor),
    publishedAt: null,
    publishedBy: null,
  };
  await stores.classification.insertVersion(draft);
  await stores.classification.updateScheme(scheme.id, { draftVersion: version }, at);
  return draft;
}
