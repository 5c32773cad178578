import { z } from 'zod';
import { fenSchema, isoDateSchema, optionalText, requiredText } from '../shared/primitives.ts';

export const purchaseStatuses = ['completed', 'cancelled', 'refunded'] as const;
export type PurchaseStatus = (typeof purchaseStatuses)[number];

const purchaseShape = {
  orderNo: requiredText(64),
  orderedOn: isoDateSchema,
  amountFen: fenSchema,
  costFen: fenSchema.nullable().optional(),
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/),
  productLine: optionalText(100),
  quantity: z.number().int().min(0).max(1_000_000_000),
  status: z.enum(purchaseStatuses),
  dueOn: isoDateSchema.nullable().optional(),
  paidOn: isoDateSchema.nullable().optional(),
  notes: optionalText(1000),
};

export const purchaseDraftSchema = z.strictObject({
  ...purchaseShape,
  currency: purchaseShape.currency.default('CNY'),
  quantity: purchaseShape.quantity.default(1),
  status: purchaseShape.status.default('completed'),
});
export type PurchaseDraft = z.infer<typeof purchaseDraftSchema>;

export const purchasePatchSchema = z.strictObject(
  Object.fromEntries(Object.entries(purchaseShape).map(([k, s]) => [k, (s as z.ZodType).optional()])) as {
    [K in keyof typeof purchaseShape]: z.ZodOptional<(typeof purchaseShape)[K]>;
  },
);
export type PurchasePatch = Partial<PurchaseDraft>;

export type Purchase = {
  id: number;
  customerId: number;
  orderNo: string;
  orderedOn: string;
  amountFen: number;
  costFen: number | null;
  /** amount - cost when cost is known */
  grossProfitFen: number | null;
  currency: string;
  productLine: string | null;
  quantity: number;
  status: PurchaseStatus;
  dueOn: string | null;
  paidOn: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
};
