import { defaultExportColumns, exportColumnsOf, type ExportColumn } from '../../domain/exports/customer-export.ts';
import type { Actor } from '../../domain/users/user.ts';
import type { Deps } from '../deps.ts';
import { sensitiveRules } from './field-security.ts';

export type ExportColumnChoice = ExportColumn & { masked: boolean; selected: boolean };

/** The columns this actor may export (hidden ones are not offered), which are masked, and the default choice. */
export async function listExportColumns(deps: Deps, actor: Actor): Promise<{ columns: ExportColumnChoice[] }> {
  deps.access.assertCan(actor, 'customer.export');
  const defs = await deps.db.customFields.list();
  const modes = new Map(sensitiveRules(deps.access.fieldModes(actor), defs).map((r) => [r.path, r.mode]));
  const columns = exportColumnsOf(defs)
    .filter((c) => modes.get(c.key) !== 'hidden')
    .map((c) => ({ ...c, masked: modes.get(c.key) === 'masked', selected: (defaultExportColumns as string[]).includes(c.key) }));
  return { columns };
}
