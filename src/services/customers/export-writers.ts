import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Cell, ExportEncoding } from '../../domain/exports/customer-export.ts';

/** Rows as cells, a batch at a time; each writer yields the file's bytes a batch at a time, so memory stays flat. */
export type CellBatches = AsyncIterable<Cell[][]>;

/** One CSV cell (RFC 4180); formula neutralisation happened when the cell was rendered. */
function csvCell(v: Cell): string {
  if (v === null) return '';
  const s = typeof v === 'number' ? String(v) : v;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
const csvLine = (cells: readonly Cell[]) => {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i ? ',' : '') + csvCell(cells[i]!);
  return `${line}\r\n`;
};

/** UTF-8 starts with a byte order mark, or Excel reads Chinese as mojibake; GBK needs none. */
export async function* csvFile(header: readonly string[], batches: CellBatches, encoding: ExportEncoding): AsyncGenerator<Buffer> {
  const encode = (s: string) => (encoding === 'gbk' ? iconv.encode(s, 'gbk') : Buffer.from(s, 'utf8'));
  yield encode(`${encoding === 'utf8' ? '\uFEFF' : ''}${csvLine(header)}`);
  for await (const batch of batches) {
    let text = '';
    for (const row of batch) text += csvLine(row);
    yield encode(text);
  }
}

const maxBacklog = 4 * 2 ** 20;
/** Bytes of sheet XML written but not yet taken by the zip (exceljs internals; 0 where they differ). */
type StreamState = { length?: number };
function zipBacklog(sheet: ExcelJS.Worksheet): number {
  // archiver wraps the sheet in a readable-stream v2 PassThrough: its buffered bytes are in the two states
  const pipe = (sheet as unknown as { stream?: { pipes?: { _writableState?: StreamState; _readableState?: StreamState }[] } }).stream?.pipes?.[0];
  return (pipe?._writableState?.length ?? 0) + (pipe?._readableState?.length ?? 0);
}

/** An XLSX sheet holds 1,048,576 rows; a larger export continues on a second sheet, headers repeated. */
export const rowsPerSheet = 1_000_000;

/**
 * exceljs' streaming writer without shared strings or styles (both would grow with the row count); what
 * the zip has produced is handed on after every batch, and the next batch is read only when it was taken.
 */
export async function* xlsxFile(header: readonly string[], widths: readonly number[], batches: CellBatches, sheetName: string): AsyncGenerator<Buffer> {
  const out = new PassThrough();
  const ready: Buffer[] = [];
  out.on('data', (b: Buffer) => ready.push(b));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  // level 1: a sheet of a million rows compresses about as well, at a fraction of the CPU
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false, zip: { zlib: { level: 1 } } });
  let sheets = 0;
  const addSheet = () => {
    sheets++;
    const ws = workbook.addWorksheet(sheets === 1 ? sheetName : `${sheetName} ${sheets}`, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = header.map((h, i) => ({ header: h, width: widths[i] ?? 14 }));
    return ws;
  };
  const take = () => (ready.length ? Buffer.concat(ready.splice(0)) : undefined);
  let sheet = addSheet();
  let inSheet = 0;
  for await (const batch of batches) {
    for (const row of batch) {
      if (inSheet === rowsPerSheet) {
        sheet.commit();
        sheet = addSheet();
        inSheet = 0;
      }
      sheet.addRow(row).commit();
      inSheet++;
    }
    // exceljs writes the sheet into the zip without backpressure: wait until the zip has taken most of it
    for (let waited = 0; zipBacklog(sheet) > maxBacklog && waited < 30_000; waited += 5) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setImmediate(r));
    const chunk = take();
    if (chunk) yield chunk;
  }
  sheet.commit();
  await workbook.commit();
  await ended;
  const rest = take();
  if (rest) yield rest;
}
