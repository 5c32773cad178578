import { z } from 'zod';
import { sensitiveFields } from '../access/permissions.ts';
import { customerListQuerySchema } from '../customers/customer.ts';
import { idSchema, idTextSchema, isoDateSchema, optionalText, requiredText } from '../shared/primitives.ts';

export const shareAccesses = ['read', 'edit'] as const;
export type ShareAccess = (typeof shareAccesses)[number];

/** A saved filter ("segment"): the list filters without paging, reusable and shareable. */
export const segmentQuerySchema = customerListQuerySchema
  .omit({ page: true, pageSize: true, sort: true, order: true, deleted: true, after: true, withTotal: true })
  // a stored query comes back with numeric ids; the list URL sends it as text
  .extend({ ownerId: z.union([idSchema, idTextSchema]).optional(), departmentId: z.union([idSchema, idTextSchema]).optional() });
export type SegmentQuery = z.infer<typeof segmentQuerySchema>;

export const savedFilterDraftSchema = z.strictObject({ name: requiredText(60), query: segmentQuerySchema });
export type SavedFilterDraft = z.infer<typeof savedFilterDraftSchema>;
export type SavedFilter = { id: number; name: string; ownerId: number | null; query: SegmentQuery; createdAt: string };

/** Exactly one of each pair; checked here so every door gives the same message. */
const oneOf = (a: string, b: string) => (v: Record<string, unknown>, ctx: z.RefinementCtx) => {
  const has = (k: string) => v[k] !== undefined && v[k] !== null;
  if (has(a) === has(b)) ctx.addIssue({ code: 'custom', path: [a], params: { code: 'one_of', other: b }, input: v[a] });
};

export const internalShareDraftSchema = z
  .strictObject({
    customerId: idSchema.optional(),
    savedFilterId: idSchema.optional(),
    granteeUserId: idSchema.optional(),
    granteeDepartmentId: idSchema.optional(),
    access: z.enum(shareAccesses).default('read'),
    expiresOn: isoDateSchema.nullable().optional(),
    note: optionalText(200),
  })
  .superRefine(oneOf('customerId', 'savedFilterId'))
  .superRefine(oneOf('granteeUserId', 'granteeDepartmentId'));
export type InternalShareDraft = z.infer<typeof internalShareDraftSchema>;

export type InternalShare = {
  id: number;
  customerId: number | null;
  savedFilterId: number | null;
  granteeUserId: number | null;
  granteeDepartmentId: number | null;
  access: ShareAccess;
  expiresAt: string | null;
  note: string | null;
  createdBy: number | null;
  createdAt: string;
  revokedAt: string | null;
};

/** Fields a partner may be shown; sensitive ones can be passed masked instead of in full. */
export const partnerFields = ['code', 'name', 'kind', 'stage', 'province', 'city', 'district', 'industry', 'shortName', 'website', 'tags', ...sensitiveFields] as const;
export type PartnerField = (typeof partnerFields)[number];

export const partnerDraftSchema = z.strictObject({ name: requiredText(100), contactName: optionalText(50), contactEmail: optionalText(254), note: optionalText(500) });
export type PartnerDraft = z.infer<typeof partnerDraftSchema>;
export const partnerPatchSchema = partnerDraftSchema.partial();
export type PartnerPatch = z.infer<typeof partnerPatchSchema>;
export type Partner = { id: number; name: string; contactName: string | null; contactEmail: string | null; note: string | null; createdAt: string };

export const partnerShareDraftSchema = z
  .strictObject({
    partnerId: idSchema,
    title: requiredText(100),
    purpose: requiredText(500),
    customerIds: z.array(idSchema).min(1).max(10_000).optional(),
    savedFilterId: idSchema.optional(),
    fields: z.array(z.enum(partnerFields)).min(1).transform((f) => [...new Set(f)]),
    maskedFields: z.array(z.enum(sensitiveFields)).default([]),
    allowDownload: z.boolean().default(false),
    expiresOn: isoDateSchema,
  })
  .superRefine(oneOf('customerIds', 'savedFilterId'))
  .superRefine((v, ctx) => {
    for (const f of v.maskedFields) if (!v.fields.includes(f)) ctx.addIssue({ code: 'custom', path: ['maskedFields'], params: { code: 'not_in_fields', field: f }, input: f });
  });
export type PartnerShareDraft = z.infer<typeof partnerShareDraftSchema>;

export type PartnerShare = {
  id: number;
  partnerId: number;
  title: string;
  purpose: string;
  customerIds: number[] | null;
  savedFilterId: number | null;
  fields: PartnerField[];
  maskedFields: string[];
  allowDownload: boolean;
  expiresAt: string;
  tokenPrefix: string;
  createdBy: number | null;
  createdAt: string;
  revokedAt: string | null;
};

export type PartnerAccess = { id: number; shareId: number; at: string; action: 'view' | 'download'; rows: number; ip: string | null; userAgent: string | null };

/** End of the given day in China Standard Time, as an ISO instant: "until 2026-12-31" includes that whole day. */
export const endOfDayCst = (date: string) => new Date(Date.parse(`${date}T23:59:59.999+08:00`)).toISOString();
