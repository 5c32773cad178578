import fs from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { renderIssueMessage } from '../../domain/i18n/messages.ts';
import type { RowIssue } from '../../domain/imports/import-row.ts';

export type ReportWriter = { add(issue: RowIssue): Promise<void>; close(): Promise<void> };

export const reportHeader = ['行 Row', '列 Column', '字段 Field', '原因', 'Reason'];

/** The columns of one report line; the reason in both languages. */
export function reportLine(i: RowIssue): (string | number)[] {
  const issue = { path: [], code: i.code, ...(i.params ? { params: i.params } : {}) };
  return [i.row, i.column ?? '', i.field ?? '', renderIssueMessage(issue, 'zh-CN'), renderIssueMessage(issue, 'en')];
}

/** Text a spreadsheet would run as a formula gets a leading apostrophe (the report quotes what the file held). */
const neutral = (v: string | number) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const csvCell = (v: string | number) => {
  const s = String(neutral(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Streams the error report to `path`: CSV (UTF-8 with BOM, so Excel reads Chinese) or XLSX by its extension. */
export async function createReportWriter(path: string): Promise<ReportWriter> {
  if (path.toLowerCase().endsWith('.xlsx')) {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
    const sheet = wb.addWorksheet('errors');
    sheet.addRow(reportHeader).commit();
    return {
      async add(i) {
        sheet.addRow(reportLine(i).map(neutral)).commit();
      },
      async close() {
        sheet.commit();
        await wb.commit();
      },
    };
  }
  const out = fs.createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(`\uFEFF${reportHeader.map(csvCell).join(',')}\r\n`);
  return {
    add: (i) => write(`${reportLine(i).map(csvCell).join(',')}\r\n`),
    close: () => new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve()))),
  };
}
