import dayjs, { type Dayjs } from 'dayjs';
import type { Customer, CustomerKind, CustomerPatch, CustomFieldValue, Gender, LifecycleStage } from '../../../domain/customers/customer.ts';
import type { CustomFieldDef } from '../../../domain/custom-fields/custom-field.ts';
import type { IndustryCode } from '../../../domain/customers/industries.ts';
import type { CustomerDraftInput } from '../../api-client.ts';
import { fenToYuan, yuanToFen } from '../../ui/format.ts';

type ContactRow = { name?: string; title?: string; mobile?: string; email?: string };

/** What the antd form holds: dates as Dayjs, money in yuan, region as one cascader value. */
export type CustomerFormValues = {
  kind: CustomerKind;
  name?: string;
  stage: LifecycleStage;
  source?: string | null;
  tags?: string[];
  notes?: string | null;
  ownerId?: number | null;
  mobile?: string | null;
  email?: string | null;
  region?: string[];
  address?: string | null;
  gender?: Gender | null;
  birthday?: Dayjs | null;
  idCardNo?: string | null;
  occupation?: string | null;
  shortName?: string | null;
  uscc?: string | null;
  legalRepresentative?: string | null;
  industry?: IndustryCode | null;
  employees?: number | null;
  annualRevenueYuan?: number | null;
  website?: string | null;
  custom?: Record<string, unknown>;
  contacts?: ContactRow[];
};

/** Definitions that show on the form of this kind of customer, in their order. */
export const activeDefsFor = (defs: readonly CustomFieldDef[], kind: CustomerKind) =>
  defs.filter((d) => !d.archived && (d.appliesTo === 'all' || d.appliesTo === kind)).sort((a, b) => a.position - b.position || a.id - b.id);

const text = (v: string | null | undefined) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function customToForm(def: CustomFieldDef, v: CustomFieldValue | undefined): unknown {
  if (v === undefined || v === null) return undefined;
  if (def.type === 'date' && typeof v === 'string') return dayjs(v);
  return v;
}

function customFromForm(def: CustomFieldDef, v: unknown): CustomFieldValue {
  if (v === undefined || v === null || v === '') return null;
  if (def.type === 'date') return dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : String(v);
  if (def.type === 'multiselect') return Array.isArray(v) && v.length ? v.map(String) : null;
  if (def.type === 'number') return typeof v === 'number' ? v : null;
  if (def.type === 'boolean') return Boolean(v);
  return typeof v === 'string' ? v.trim() || null : String(v);
}

/** New customers start owned by whoever creates them (roles scoped to their own records need that). */
export function toFormValues(customer: Customer | undefined, defs: readonly CustomFieldDef[], me?: number): CustomerFormValues {
  if (!customer) return { kind: 'individual', stage: 'potential', tags: [], custom: {}, contacts: [], ownerId: me ?? null };
  const c = customer;
  return {
    kind: c.kind,
    name: c.name,
    stage: c.stage,
    source: c.source,
    tags: c.tags,
    notes: c.notes,
    ownerId: c.ownerId,
    mobile: c.mobile,
    email: c.email,
    region: [c.province, c.city, c.district].filter((x): x is string => Boolean(x)),
    address: c.address,
    gender: c.gender,
    birthday: c.birthday ? dayjs(c.birthday) : null,
    idCardNo: c.idCardNo,
    occupation: c.occupation,
    shortName: c.shortName,
    uscc: c.uscc,
    legalRepresentative: c.legalRepresentative,
    industry: c.industry as IndustryCode | null,
    employees: c.employees,
    annualRevenueYuan: fenToYuan(c.annualRevenueFen),
    website: c.website,
    custom: Object.fromEntries(defs.map((d) => [d.key, customToForm(d, c.custom[d.key])])),
  };
}

/** The writable fields of this kind, as the API wants them (empty → null). */
function apiFields(v: CustomerFormValues, defs: readonly CustomFieldDef[]): Record<string, unknown> {
  const [province, city, district] = v.region ?? [];
  const common = {
    name: (v.name ?? '').trim(),
    stage: v.stage,
    source: text(v.source),
    tags: v.tags ?? [],
    notes: text(v.notes),
    ownerId: v.ownerId ?? null,
    mobile: text(v.mobile),
    email: text(v.email),
    province: province ?? null,
    city: city ?? null,
    district: district ?? null,
    address: text(v.address),
    custom: Object.fromEntries(activeDefsFor(defs, v.kind).map((d) => [d.key, customFromForm(d, v.custom?.[d.key])])),
  };
  if (v.kind === 'individual') {
    return { ...common, gender: v.gender ?? null, birthday: v.birthday ? v.birthday.format('YYYY-MM-DD') : null, idCardNo: text(v.idCardNo), occupation: text(v.occupation) };
  }
  return {
    ...common,
    shortName: text(v.shortName),
    uscc: text(v.uscc),
    legalRepresentative: text(v.legalRepresentative),
    industry: v.industry ?? null,
    employees: num(v.employees),
    annualRevenueFen: yuanToFen(num(v.annualRevenueYuan)),
    website: text(v.website),
  };
}

export function toDraft(v: CustomerFormValues, defs: readonly CustomFieldDef[]): CustomerDraftInput {
  const contacts = v.kind === 'organization' ? (v.contacts ?? []).filter((c) => text(c.name)) : [];
  const { ownerId, ...fields } = apiFields(v, defs);
  return {
    kind: v.kind,
    ...(fields as Omit<CustomerDraftInput, 'kind'>),
    // no owner chosen: the server makes the creator the owner
    ...(ownerId ? { ownerId: ownerId as number } : {}),
    contacts: contacts.map((c) => ({ name: (c.name ?? '').trim(), title: text(c.title), mobile: text(c.mobile), email: text(c.email) })),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Only what changed, plus the version read, so concurrent edits of other fields are not overwritten. */
export function toPatch(v: CustomerFormValues, original: Customer, defs: readonly CustomFieldDef[]): CustomerPatch {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(apiFields({ ...v, kind: original.kind }, defs))) {
    if (key === 'custom') {
      const changed = Object.entries(value as Record<string, CustomFieldValue>).filter(([k, cv]) => !same(cv, original.custom[k]));
      if (changed.length) patch.custom = Object.fromEntries(changed);
    } else if (!same(value, original[key as keyof Customer])) {
      patch[key] = value;
    }
  }
  return { ...(patch as Omit<CustomerPatch, 'version'>), version: original.version };
}

/** Server issue paths onto this form's field names. */
export function formPath(path: (string | number)[]): (string | number)[] {
  const [head] = path;
  if (head === 'annualRevenueFen') return ['annualRevenueYuan'];
  if (head === 'province' || head === 'city' || head === 'district') return ['region'];
  return path;
}
