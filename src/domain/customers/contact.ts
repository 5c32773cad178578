import { z } from 'zod';
import { optionalText, requiredText } from '../shared/primitives.ts';
import { chineseMobileSchema, emailSchema } from './validators.ts';

export const contactDraftSchema = z.strictObject({
  name: requiredText(100),
  title: optionalText(100),
  mobile: chineseMobileSchema.nullable().optional(),
  email: emailSchema.nullable().optional(),
  isPrimary: z.boolean().default(false),
  notes: optionalText(1000),
});
export type ContactDraft = z.infer<typeof contactDraftSchema>;

export const contactPatchSchema = contactDraftSchema.partial().extend({ isPrimary: z.boolean().optional() });
export type ContactPatch = z.infer<typeof contactPatchSchema>;

export type Contact = {
  id: number;
  customerId: number;
  name: string;
  title: string | null;
  mobile: string | null;
  email: string | null;
  isPrimary: boolean;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
};
