import { z } from 'zod';
import { plainTextSchema } from '../customers/validators.ts';

const isRealDate = (s: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};

/** A calendar date, YYYY-MM-DD, that exists. */
export const isoDateSchema = z
  .string()
  .trim()
  .refine((s) => isRealDate(s) && s >= '1900-01-01' && s <= '2999-12-31', { params: { code: 'bad_date' } });

/** An instant with a time zone; stored as ISO UTC. */
export const isoDateTimeSchema = z
  .string()
  .trim()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), {
    params: { code: 'bad_datetime' },
  })
  .transform((s) => new Date(s).toISOString());

/** Money in integer fen; up to a trillion yuan. */
export const fenSchema = z.number().int().min(0).max(100_000_000_000_000);

export const idSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Trimmed text without control characters, length counted in code points (an emoji is one). */
export const plainText = plainTextSchema;

/** Optional text that may be cleared with null or ""; "" is stored as null. */
export function optionalText(max: number) {
  return plainText(max)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();
}

export function requiredText(max: number) {
  return plainText(max).refine((s) => s.length > 0, { params: { code: 'required' } });
}

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
