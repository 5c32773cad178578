import fs from 'node:fs';
import { parse, CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { DomainError } from '../../domain/errors.ts';
import type { ImportEncoding } from '../../domain/imports/import-options.ts';


export type TableRow = { row: number; cells: string[] };
/** A file opened as a table: its header row and its data rows, streamed (the file is never held in memory). */
export type OpenedTable = { format: 'csv' | 'xlsx'; encoding: 'utf8' | 'gb18030' | null; headers: string[]; rows: AsyncGenerator<TableRow>; bytesRead: () => number };

/** A problem with the whole file, reported before (or instead of) any row. */
export const fileError = (code: string, params: Record<string, unknown> = {}) => new DomainError('INVALID_INPUT', 'import_file_invalid', [{ path: ['file'], code, params }]);

const SAMPLE = 64 * 1024;

async function readSample(path: string): Promise<Buffer> {
  const fh = await fs.promises.open(path, 'r');
  try {
    const buf = Buffer.alloc(SAMPLE);
    const { bytesRead } = await fh.read(buf, 0, SAMPLE, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** UTF-8 when the sample decodes strictly (a character cut at the sample's end is fine), else GB18030, a superset of GBK. */
export function detectEncoding(sample: Buffer): 'utf8' | 'gb18030' {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/**
 * Opens CSV (UTF-8, UTF-8 with BOM, GBK/GB18030; detected from the first 64 KiB unless told) or XLSX
 * (recognised by content, not by name; read as a stream, first worksheet). Row numbers are those a
 * spreadsheet shows: the header is row 1.
 */
export async function openTable(path: string, encoding: ImportEncoding = 'auto'): Promise<OpenedTable> {
  const sample = await readSample(path);
  if (sample.length === 0) throw fileError('empty_file');
  if (isZip(sample)) return openXlsx(path);
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) throw fileError('utf16_file');
  // text has no NUL bytes; a binary file renamed .csv does
  if (sample.includes(0)) throw fileError('not_a_table');
  const enc = encoding === 'auto' ? detectEncoding(sample) : encoding === 'gbk' ? 'gb18030' : 'utf8';
  return openCsv(path, enc);
}

async function openCsv(path: string, enc: 'utf8' | 'gb18030'): Promise<OpenedTable> {
  const file = fs.createReadStream(path, { highWaterMark: 1 << 20 });
  const options = { relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true } as const;
  // csv-parse reads UTF-8 bytes itself (a bad sequence becomes U+FFFD either way); GB18030 is decoded first
  const parser = enc === 'utf8' ? file.pipe(parse({ ...options, encoding: 'utf8' })) : file.pipe(iconv.decodeStream(enc, { stripBOM: true })).pipe(parse(options));
  const records = recordBatches(parser);
  const first = await records.next().catch((err: unknown) => rethrow(err, 1));
  if (first.done || first.value.length === 0) throw fileError('empty_file');
  const headers = checkHeaders(first.value[0]!);
  let carry = first.value.slice(1);
  async function* rows(): AsyncGenerator<TableRow> {
    let row = 1;
    try {
      for (;;) {
        for (const cells of carry) yield { row: ++row, cells };
        const r = await records.next().catch((err: unknown) => rethrow(err, row + 1));
        if (r.done) return;
        carry = r.value;
      }
    } finally {
      parser.destroy();
    }
  }
  return { format: 'csv', encoding: enc, headers, rows: rows(), bytesRead: () => file.bytesRead };
}

/** Records as they come, a buffer-full at a time: one await per batch rather than per row. */
async function* recordBatches(parser: ReturnType<typeof parse>): AsyncGenerator<string[][]> {
  let failed: unknown;
  let ended = false;
  let wake: (() => void) | undefined;
  const signal = () => {
    wake?.();
    wake = undefined;
  };
  parser.on('readable', signal);
  parser.on('end', () => ((ended = true), signal()));
  parser.on('error', (err) => ((failed = err), signal()));
  for (;;) {
    const batch: string[][] = [];
    let rec: string[] | null;
    while (batch.length < 4096 && (rec = parser.read() as string[] | null) !== null) batch.push(rec);
    if (batch.length) {
      yield batch;
      continue;
    }
    if (failed) throw failed;
    if (ended) return;
    await new Promise<void>((resolve) => (wake = resolve));
  }
}

/** Parser errors as file errors that name the row (an unclosed quote is only found at the end of the file). */
function rethrow(err: unknown, row: number): never {
  if (err instanceof CsvError) {
    const code = err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'unclosed_quote' : 'bad_csv';
    throw fileError(code, { row, line: (err as CsvError & { lines?: number }).lines, detail: err.message });
  }
  throw err;
}

export function checkHeaders(raw: readonly string[]): string[] {
  const headers = raw.map((h) => String(h ?? '').replace(/^\uFEFF/, '').trim());
  if (headers.every((h) => h === '')) throw fileError('no_headers');
  if (headers.some((h) => h.includes('\uFFFD'))) throw fileError('bad_encoding_header');
  const seen = new Set<string>();
  for (const h of headers) {
    if (h !== '' && seen.has(h)) throw fileError('duplicate_header', { header: h });
    seen.add(h);
  }
  return headers;
}

type XlsxValue = ExcelJS.CellValue;

/** A cell as the text a person sees; dates as ISO (a date without a time as YYYY-MM-DD); formulas by their cached result. */
function cellText(v: XlsxValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as { result?: XlsxValue }).result;
      // a formula the file holds no value for cannot be imported; readCell refuses "=" cells
      return result === undefined || (typeof result === 'object' && result !== null && 'error' in result) ? `=${'formula' in v ? v.formula : 'formula'}` : cellText(result);
    }
    if ('error' in v) return `=${String(v.error)}`;
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v);
}

/** XML chunks as text, a character cut between two chunks joined again. */
async function* utf8Chunks(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const c of chunks) yield typeof c === 'string' ? c : decoder.decode(c, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

type ReaderInternals = {
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): unknown;
  _parseSharedStrings(entry: NodeJS.ReadableStream): unknown;
};

/**
 * exceljs' streaming reader decodes each inflated chunk on its own, so a Chinese character cut between two
 * chunks became U+FFFD (about one row in a thousand; exceljs issues #2063, #2084, open in 4.4.0). Its
 * worksheet and shared-string XML reach it here as text decoded across chunks instead.
 */
class Utf8WorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  constructor(...args: ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookReader>) {
    super(...args);
    const base = Object.getPrototypeOf(Utf8WorkbookReader.prototype) as ReaderInternals;
    const self = this as unknown as ReaderInternals;
    self._parseWorksheet = (iterator, sheetNo) => base._parseWorksheet.call(this, utf8Chunks(iterator), sheetNo);
    self._parseSharedStrings = (entry) => base._parseSharedStrings.call(this, entry.setEncoding('utf8'));
  }
}

async function openXlsx(path: string): Promise<OpenedTable> {
  const file = fs.createReadStream(path, { highWaterMark: 1 << 20 });
  const reader = new Utf8WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  const sheets = reader[Symbol.asyncIterator]();
  let headers: string[];
  let rowsIt: AsyncIterator<ExcelJS.Row>;
  try {
    const sheet = await sheets.next();
    if (sheet.done) throw fileError('empty_file');
    rowsIt = (sheet.value as unknown as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator]();
    const first = await rowsIt.next();
    if (first.done) throw fileError('empty_file');
    const values = first.value.values as XlsxValue[];
    headers = checkHeaders(values.slice(1).map(cellText));
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw fileError('bad_xlsx', { detail: err instanceof Error ? err.message : String(err) });
  }
  const width = headers.length;
  async function* rows(): AsyncGenerator<TableRow> {
    for (;;) {
      let r: IteratorResult<ExcelJS.Row>;
      try {
        r = await rowsIt.next();
      } catch (err) {
        throw fileError('bad_xlsx', { detail: err instanceof Error ? err.message : String(err) });
      }
      if (r.done) return;
      const values = (r.value.values as XlsxValue[]).slice(1);
      const cells: string[] = [];
      for (let i = 0; i < Math.max(width, values.length); i++) cells.push(cellText(values[i]));
      // cells past the headers that are empty are not a ragged row (spreadsheets pad rows unevenly)
      while (cells.length > width && cells.at(-1) === '') cells.pop();
      if (cells.every((c) => c === '')) continue;
      yield { row: r.value.number, cells };
    }
  }
  return { format: 'xlsx', encoding: null, headers, rows: rows(), bytesRead: () => file.bytesRead };
}
