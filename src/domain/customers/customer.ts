import { z } from 'zod';
import { fenSchema, idSchema, idTextSchema, isoDateSchema, isoDateTimeSchema, optionalText, plainText, requiredText } from '../shared/primitives.ts';
import { chineseMobileSchema, emailSchema, idCardSchema, urlSchema, usccSchema } from './validators.ts';
import { industryCodes } from './industries.ts';
import { contactDraftSchema } from './contact.ts';
import { decodeListCursor } from './list-cursor.ts';

export const customerKinds = ['individual', 'organization'] as const;
export type CustomerKind = (typeof customerKinds)[number];

export const lifecycleStages = ['potential', 'active', 'churned'] as const;
export type LifecycleStage = (typeof lifecycleStages)[number];

export const genders = ['male', 'female', 'unknown'] as const;
export type Gender = (typeof genders)[number];

export const customFieldValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);
export type CustomFieldValue = z.infer<typeof customFieldValueSchema>;

const nullable = <S extends z.ZodType>(s: S) => s.nullable().optional();

const tagSchema = requiredText(30);

/** Fields a client may write; code, audit fields and version are the server's. */
const writableShape = {
  name: requiredText(200),
  stage: z.enum(lifecycleStages),
  ownerId: nullable(idSchema),
  departmentId: nullable(idSchema),
  source: optionalText(50),
  tags: z.array(tagSchema).max(30).transform((t) => [...new Set(t)]),
  notes: optionalText(5000),
  custom: z.record(z.string().max(40), customFieldValueSchema),
  mobile: nullable(chineseMobileSchema),
  email: nullable(emailSchema),
  province: optionalText(30),
  city: optionalText(30),
  district: optionalText(30),
  address: optionalText(300),
  // individual
  gender: nullable(z.enum(genders)),
  birthday: nullable(isoDateSchema),
  idCardNo: nullable(idCardSchema),
  occupation: optionalText(100),
  // organisation
  shortName: optionalText(100),
  uscc: nullable(usccSchema),
  legalRepresentative: optionalText(50),
  industry: nullable(z.enum(industryCodes)),
  employees: nullable(z.number().int().min(0).max(10_000_000)),
  annualRevenueFen: nullable(fenSchema),
  // the column holds 300 characters; a longer address is the client's mistake, not a database error
  website: nullable(urlSchema.max(300)),
  lastVerifiedAt: nullable(isoDateTimeSchema),
};

export const individualOnlyFields = ['gender', 'birthday', 'idCardNo', 'occupation'] as const;
export const organizationOnlyFields = ['shortName', 'uscc', 'legalRepresentative', 'industry', 'employees', 'annualRevenueFen', 'website'] as const;

/** The draft's one rule across fields: fields of the other kind stay empty. Returns the offending fields. */
export function foreignKindFields(kind: CustomerKind, value: Record<string, unknown>): string[] {
  const foreign = kind === 'individual' ? organizationOnlyFields : individualOnlyFields;
  return foreign.filter((f) => value[f] !== undefined && value[f] !== null);
}

function checkKindFields(kind: CustomerKind, value: Record<string, unknown>, ctx: z.RefinementCtx) {
  for (const f of foreignKindFields(kind, value)) {
    ctx.addIssue({ code: 'custom', path: [f], params: { code: 'wrong_kind', kind: kind === 'individual' ? 'organization' : 'individual' }, input: value[f] });
  }
}

export const customerDraftSchema = z
  .strictObject({
    kind: z.enum(customerKinds),
    ...writableShape,
    stage: writableShape.stage.default('potential'),
    tags: writableShape.tags.default([]),
    custom: writableShape.custom.default({}),
    contacts: z.array(contactDraftSchema).max(50).default([]),
  })
  .superRefine((v, ctx) => checkKindFields(v.kind, v, ctx));
export type CustomerDraft = z.infer<typeof customerDraftSchema>;

const immutable = z.unknown().optional();

export const customerPatchSchema = z
  .strictObject({
    version: z.number().int().min(1),
    kind: immutable,
    code: immutable,
    ...Object.fromEntries(Object.entries(writableShape).map(([k, s]) => [k, s.optional()])),
  })
  .superRefine((v, ctx) => {
    for (const f of ['kind', 'code'] as const) {
      if (v[f] !== undefined) ctx.addIssue({ code: 'custom', path: [f], params: { code: 'immutable' }, input: v[f] });
    }
  });
export type CustomerPatch = Omit<Partial<Omit<CustomerDraft, 'kind' | 'contacts'>>, never> & { version: number };

/** A stored customer as every layer above db sees it. */
export type Customer = {
  id: number;
  code: string;
  kind: CustomerKind;
  name: string;
  stage: LifecycleStage;
  ownerId: number | null;
  departmentId: number | null;
  source: string | null;
  tags: string[];
  notes: string | null;
  custom: Record<string, CustomFieldValue>;
  mobile: string | null;
  email: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  address: string | null;
  gender: Gender | null;
  birthday: string | null;
  idCardNo: string | null;
  occupation: string | null;
  shortName: string | null;
  uscc: string | null;
  legalRepresentative: string | null;
  industry: string | null;
  employees: number | null;
  annualRevenueFen: number | null;
  website: string | null;
  lastVerifiedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: number | null;
  updatedBy: number | null;
  deletedAt: string | null;
  deletedBy: number | null;
};

/** The snapshot compared by the audit trail: every business field, no bookkeeping. */
export type CustomerFields = Omit<Customer, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy' | 'deletedAt' | 'deletedBy'>;

export const customerSortFields = ['code', 'name', 'createdAt', 'updatedAt', 'stage', 'deletedAt'] as const;

export const customerListQuerySchema = z.strictObject({
  kind: z.enum(customerKinds).optional(),
  stage: z.enum(lifecycleStages).optional(),
  ownerId: idTextSchema.optional(),
  departmentId: idTextSchema.optional(),
  tag: plainText(30).optional(),
  province: plainText(30).optional(),
  city: plainText(30).optional(),
  industry: z.enum(industryCodes).optional(),
  createdFrom: isoDateSchema.optional(),
  createdTo: isoDateSchema.optional(),
  q: plainText(100).optional(),
  /** `schemeKey:categoryCode` of a published classification scheme; the category's descendants included */
  category: z.string().trim().refine((v) => /^[a-z][a-z0-9_-]{1,39}:[0-9]{1,30}$/.test(v), { params: { code: 'bad_category_filter' } }).optional(),
  deleted: z.enum(['only', 'exclude']).default('exclude'),
  sort: z.enum(customerSortFields).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  /** `nextCursor` of the previous page (same filters and sort): the page after it, whatever `page` says */
  after: z
    .string()
    .max(1000)
    .refine((v) => decodeListCursor(v) !== undefined, { params: { code: 'bad_cursor' } })
    .optional(),
  /** `false` leaves the total out (null): a client paging on with a cursor already has it */
  withTotal: z.enum(['true', 'false']).optional(),
});
export type CustomerListQuery = z.infer<typeof customerListQuerySchema>;

/** The search box: one entry (name, pinyin, company, code, mobile or its last 4 digits, e-mail, USCC), best hits first. */
export const customerSearchQuerySchema = z.strictObject({
  q: requiredText(50),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type CustomerSearchQuery = z.infer<typeof customerSearchQuerySchema>;
