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

const DATETIME_RE = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;

/** An instant with a time zone; stored as ISO UTC. The day must exist (Date.parse rolls 02-30 over to March). */
export const isoDateTimeSchema = z
  .string()
  .trim()
  .refine(
    (s) => {
      const day = DATETIME_RE.exec(s)?.[1];
      return !!day && isRealDate(day) && day >= '1900-01-01' && day <= '2999-12-31' && !Number.isNaN(Date.parse(s));
    },
    { params: { code: 'bad_datetime' } },
  )
  .transform((s) => new Date(s).toISOString());

/** Money in integer fen; up to a trillion yuan. */
export const fenSchema = z.number().int().min(0).max(100_000_000_000_000);

/** A record id in a JSON body: a positive whole number; a string or boolean is the wrong type. */
export const idSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A record id in a path or query string: decimal digits only, so "1e3", "0x10" and " 1" are not ids. */
export const idTextSchema = z
  .string()
  .refine((s) => /^[0-9]{1,16}$/.test(s), { params: { code: 'invalid_type', expected: 'id' } })
  .transform(Number)
  .pipe(idSchema);

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
