import type { zhCNExport } from './zh-cn-export.ts';

/** English UI strings of the customer export; merged into en.ts. */
export const enExport: Record<keyof typeof zhCNExport, string> = {
  'export.button': 'Export',
  'export.title': 'Export customers',
  'export.scope': 'Exports the {count} customers of the current filters (all pages). Every export is audited.',
  'export.columns': 'Columns',
  'export.selectAll': 'Select all',
  'export.defaults': 'Defaults',
  'export.masked': 'masked',
  'export.format': 'Format',
  'export.encoding': 'Encoding',
  'export.utf8': 'UTF-8 (Excel and WPS)',
  'export.gbk': 'GBK (older Excel)',
  'export.start': 'Export',
  'export.started': 'The download has started; large exports take a while',
  'export.noColumns': 'Choose at least one column',
};
