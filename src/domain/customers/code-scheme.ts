import { z } from 'zod';
import { formatRule } from '../errors.ts';

export const codeDateParts = ['none', 'YYYY', 'YYYYMM', 'YYYYMMDD'] as const;

export const codeSchemeSchema = z.strictObject({
  prefix: z.string().trim().toUpperCase().refine(...formatRule(/^[A-Z0-9-]{0,10}$/, 'A-Z 0-9 -')),
  datePart: z.enum(codeDateParts),
  sequenceWidth: z.number().int().min(3).max(10),
});
export type CodeScheme = z.infer<typeof codeSchemeSchema>;

export const defaultCodeScheme: CodeScheme = { prefix: 'KH', datePart: 'YYYYMM', sequenceWidth: 5 };

/** The period a sequence counts within; the sequence restarts per period, so codes never repeat. */
export function codePeriod(scheme: CodeScheme, at: Date): string {
  // business dates are China Standard Time (UTC+8, no DST)
  const iso = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  const ymd = iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10);
  switch (scheme.datePart) {
    case 'none': return '';
    case 'YYYY': return ymd.slice(0, 4);
    case 'YYYYMM': return ymd.slice(0, 6);
    case 'YYYYMMDD': return ymd;
  }
}

export function formatCustomerCode(scheme: CodeScheme, period: string, sequence: number): string {
  return `${scheme.prefix}${period}${String(sequence).padStart(scheme.sequenceWidth, '0')}`;
}
