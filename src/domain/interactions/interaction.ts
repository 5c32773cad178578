import { z } from 'zod';
import { idSchema, isoDateSchema, isoDateTimeSchema, optionalText, requiredText } from '../shared/primitives.ts';

export const interactionChannels = ['phone', 'visit', 'email', 'wechat', 'meeting', 'other'] as const;
export type InteractionChannel = (typeof interactionChannels)[number];

const interactionShape = {
  channel: z.enum(interactionChannels),
  occurredAt: isoDateTimeSchema,
  subject: requiredText(200),
  summary: optionalText(5000),
  byUserId: idSchema.nullable().optional(),
  nextFollowUpOn: isoDateSchema.nullable().optional(),
};
export const interactionDraftSchema = z.strictObject(interactionShape);
export type InteractionDraft = z.infer<typeof interactionDraftSchema>;

export const interactionPatchSchema = interactionDraftSchema.partial();
export type InteractionPatch = z.infer<typeof interactionPatchSchema>;

export type Interaction = {
  id: number;
  customerId: number;
  channel: InteractionChannel;
  occurredAt: string;
  subject: string;
  summary: string | null;
  byUserId: number | null;
  nextFollowUpOn: string | null;
  createdAt: string;
  updatedAt: string;
};
