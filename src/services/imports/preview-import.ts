import { parseOrThrow } from '../../domain/errors.ts';
import { autoMapping, importFields, requiredImportFields } from '../../domain/imports/import-fields.ts';
import { importOptionsSchema } from '../../domain/imports/import-options.ts';
import { importPresets } from '../../domain/imports/presets.ts';
import type { Actor } from '../../domain/users/user.ts';
import type { Deps } from '../deps.ts';
import { openTable } from './read-table.ts';

/** What the mapping screen shows: the file's headers and first rows, the fields of the kind, and the headers matched to them. */
export async function previewImport(deps: Deps, actor: Actor, path: string, input: unknown) {
  deps.access.assertCan(actor, 'customer.import');
  const o = parseOrThrow(importOptionsSchema.pick({ kind: true, encoding: true, preset: true }), input);
  const table = await openTable(path, o.encoding);
  const sample: string[][] = [];
  try {
    for await (const r of table.rows) {
      sample.push(r.cells);
      if (sample.length >= 5) break;
    }
  } finally {
    await table.rows.return(undefined);
  }
  const kind = o.preset ? importPresets[o.preset]!.kind : o.kind;
  return {
    format: table.format,
    encoding: table.encoding,
    headers: table.headers,
    sample,
    kind,
    fields: importFields[kind].map((f) => ({ key: f.key, labelZh: f.labelZh, labelEn: f.labelEn, required: requiredImportFields[kind].includes(f.key) })),
    mapping: o.preset ? importPresets[o.preset]!.mapping : autoMapping(kind, table.headers),
  };
}
