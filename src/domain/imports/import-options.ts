import { z } from 'zod';
import { importKinds } from './import-fields.ts';
import { importPresets } from './presets.ts';

export const importMatchKeys = ['code', 'uscc', 'mobile', 'email', 'name_mobile'] as const;
export type ImportMatchKey = (typeof importMatchKeys)[number];
export const duplicateActions = ['create', 'update', 'skip'] as const;
export const importEncodings = ['auto', 'utf8', 'gbk'] as const;
export type ImportEncoding = (typeof importEncodings)[number];

const templateName = z.string().trim().min(1).max(60).refine((s) => /^[\p{L}\p{N} _.-]+$/u.test(s), { params: { code: 'invalid_format', format: 'template name' } });

/** field key → header text; null un-maps a field that matched automatically. */
export const columnMappingSchema = z.record(z.string().max(40), z.string().max(200).nullable());

/** How one import runs; the same for the CLI, the API and the bench. */
export const importOptionsSchema = z.strictObject({
  kind: z.enum(importKinds).default('customers'),
  preset: z.enum(Object.keys(importPresets) as [string, ...string[]]).optional(),
  template: templateName.optional(),
  mapping: columnMappingSchema.optional(),
  dryRun: z.boolean().default(false),
  onDuplicate: z.enum(duplicateActions).default('skip'),
  match: z.enum(importMatchKeys).default('code'),
  encoding: z.enum(importEncodings).default('auto'),
  /** child rows whose customer code is unknown create that customer (the UCI preset turns it on) */
  createCustomers: z.boolean().optional(),
  chunkSize: z.number().int().min(1).max(50_000).default(10_000),
  /** the name users know the file by (uploads live under a generated name) */
  fileName: z.string().trim().min(1).max(300).optional(),
});
export type ImportOptions = z.output<typeof importOptionsSchema>;
export type ImportOptionsInput = z.input<typeof importOptionsSchema>;

export const importTemplateSchema = z.strictObject({ name: templateName, kind: z.enum(importKinds), mapping: columnMappingSchema });
export type ImportTemplate = z.output<typeof importTemplateSchema>;
