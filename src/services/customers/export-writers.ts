import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import archiver from 'archiver';
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

/** An XLSX sheet holds 1,048,576 rows; a larger export continues on a further sheet, headers repeated. */
export const rowsPerSheet = 1_000_000;

/** Characters XML 1.0 cannot carry (a file holding one does not open), and the four written as entities. */
const xmlUnsafe = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF&<>"]/g;
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const xmlText = (s: string) => s.replace(xmlUnsafe, (c) => entities[c] ?? '');
/** Text that cannot be copied as it is: something to escape or drop, or a tab, line break or space that must be kept. */
const special = /[\x00-\x1F\uFFFE\uFFFF&<>"]/;

/** An inline string; most cells need neither escaping nor xml:space="preserve" (Excel adds it only where needed too). */
function textCell(ref: string, s: string): string {
  return special.test(s) || s.charCodeAt(0) === 32 || s.charCodeAt(s.length - 1) === 32
    ? `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(s)}</t></is></c>`
    : `<c r="${ref}" t="inlineStr"><is><t>${s}</t></is></c>`;
}

/** A, B, … Z, AA: the letters of a cell reference. */
function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** One row of sheet XML: text inline (no shared-string table to grow with the rows), empty cells left out. */
function rowXml(r: number, cells: readonly Cell[], letters: readonly string[]): string {
  let xml = `<row r="${r}">`;
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (v === null || v === undefined) continue;
    // readers place a cell by its reference (exceljs' streaming reader, and so the import, needs it)
    xml += typeof v === 'number' ? `<c r="${letters[i]}${r}"><v>${v}</v></c>` : textCell(`${letters[i]}${r}`, v);
  }
  return `${xml}</row>`;
}

const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const mainNs = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const relNs = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const sheetEnd = '</sheetData></worksheet>';

/** Up to the first data row: the header row frozen, column widths, the header itself. */
function sheetStart(header: readonly string[], widths: readonly number[], letters: readonly string[]): string {
  const cols = header.map((_, i) => `<col min="${i + 1}" max="${i + 1}" width="${widths[i] ?? 14}" customWidth="1"/>`).join('');
  const frozen = '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>';
  return `${xmlDeclaration}<worksheet xmlns="${mainNs}">${frozen}<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>${rowXml(1, header, letters)}`;
}

/** Excel refuses a sheet name over 31 characters or holding any of []:*?/\ ; the " 2" of a further sheet must fit too. */
function sheetTitle(name: string, n: number): string {
  const suffix = n === 1 ? '' : ` ${n}`;
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31 - suffix.length) + suffix;
}

/** The package around the sheets; written after them, when their number is known. */
function packageParts(titles: readonly string[]): [name: string, xml: string][] {
  const sheetType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
  const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="${relNs}/${type}" Target="${target}"/>`;
  const relationships = (rels: string) => `${xmlDeclaration}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`;
  return [
    [
      '[Content_Types].xml',
      `${xmlDeclaration}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        titles.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${sheetType}"/>`).join('') +
        '</Types>',
    ],
    ['_rels/.rels', relationships(rel('rId1', 'officeDocument', 'xl/workbook.xml'))],
    [
      'xl/workbook.xml',
      `${xmlDeclaration}<workbook xmlns="${mainNs}" xmlns:r="${relNs}"><sheets>${titles.map((t, i) => `<sheet name="${xmlText(t)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ],
    ['xl/_rels/workbook.xml.rels', relationships(titles.map((_, i) => rel(`rId${i + 1}`, 'worksheet', `worksheets/sheet${i + 1}.xml`)).join('') + rel(`rId${titles.length + 1}`, 'styles', 'styles.xml'))],
    [
      'xl/styles.xml',
      `${xmlDeclaration}<styleSheet xmlns="${mainNs}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
    ],
  ];
}

/** Sheet XML the zip may hold before the next batch is read: about a batch, so rendering and deflate overlap. */
const maxBacklog = 4 * 2 ** 20;
const bufferBytes = 2 ** 20;

/**
 * Rows as UTF-8, each written straight into a megabyte buffer: twice as fast as one string a batch, which
 * the first Chinese character makes two bytes a character and which is copied once more to be encoded.
 */
function utf8Buffers() {
  let buf = Buffer.allocUnsafe(bufferBytes);
  let start = 0;
  let used = 0;
  const filled: Buffer[] = [];
  return {
    add(s: string) {
      // a UTF-16 unit is at most 3 bytes of UTF-8
      if (used + s.length * 3 > buf.length) {
        if (used > start) filled.push(buf.subarray(start, used));
        buf = Buffer.allocUnsafe(Math.max(bufferBytes, s.length * 3));
        start = used = 0;
      }
      used += buf.write(s, used);
    },
    /** What was added since the last call; the rest of the current buffer keeps filling. */
    take(): Buffer[] {
      if (used > start) filled.push(buf.subarray(start, used));
      start = used;
      return filled.splice(0);
    },
  };
}

/**
 * The sheet XML written by hand into archiver's zip (deflate level 1: a sheet of a million rows compresses
 * about as well, at a fraction of the CPU). What the zip produced is handed on after every batch; the next
 * batch is read only once the zip holds less than `maxBacklog` of the sheet. `sheetRows` is for tests.
 */
export async function* xlsxFile(header: readonly string[], widths: readonly number[], batches: CellBatches, sheetName: string, sheetRows = rowsPerSheet): AsyncGenerator<Buffer> {
  const zip = archiver('zip', { zlib: { level: 1 } });
  const ready: Buffer[] = [];
  zip.on('data', (b: Buffer) => ready.push(b));
  const ended = new Promise<void>((resolve, reject) => {
    zip.on('end', resolve);
    zip.on('error', reject);
  });
  // awaited below; this only keeps a failure before then from counting as unhandled
  ended.catch(() => undefined);
  const take = () => (ready.length ? Buffer.concat(ready.splice(0)) : undefined);

  const letters = header.map((_, i) => columnLetters(i));
  const titles: string[] = [];
  const xml = utf8Buffers();
  const newSheet = () => {
    titles.push(sheetTitle(sheetName, titles.length + 1));
    const sheet = new PassThrough({ highWaterMark: maxBacklog });
    zip.append(sheet, { name: `xl/worksheets/sheet${titles.length}.xml` });
    xml.add(sheetStart(header, widths, letters));
    return sheet;
  };
  let sheet = newSheet();
  /** false when the zip has more than `maxBacklog` of the sheet still to take */
  const flush = () => {
    let room = true;
    for (const b of xml.take()) room = sheet.write(b);
    return room;
  };

  let finished = false;
  try {
    let rows = 0;
    for await (const batch of batches) {
      for (const row of batch) {
        if (rows === sheetRows) {
          flush();
          sheet.end(sheetEnd);
          sheet = newSheet();
          rows = 0;
        }
        xml.add(rowXml(++rows + 1, row, letters));
      }
      if (!flush()) await Promise.race([once(sheet, 'drain'), ended]);
      // a turn of the event loop, in which deflate's finished work reaches the zip's output
      await nextTurn();
      const chunk = take();
      if (chunk) yield chunk;
    }
    flush();
    sheet.end(sheetEnd);
    for (const [name, part] of packageParts(titles)) zip.append(part, { name });
    await zip.finalize();
    await ended;
    finished = true;
    const rest = take();
    if (rest) yield rest;
  } finally {
    // a reader that went away, or a failed read: the zip is dropped half-made
    if (!finished) {
      sheet.destroy();
      zip.abort();
    }
  }
}
