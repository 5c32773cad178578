import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../domain/exports/customer-export.ts';
import { openTable } from '../imports/read-table.ts';
import { xlsxFile } from './export-writers.ts';

async function* batchesOf(rows: Cell[][], size: number) {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}
const bytesOf = async (file: AsyncIterable<Buffer>) => {
  const parts: Buffer[] = [];
  for await (const b of file) parts.push(b);
  return Buffer.concat(parts);
};
const load = async (bytes: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.read(Readable.from([bytes]));
  return wb;
};
const valuesOf = (ws: ExcelJS.Worksheet) => ws.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));

const header = ['客户编号', '客户名称', '年营业额（元）', '备注'];
const rows: Cell[][] = [
  ['C0001', '张伟', 12345.5, '"<&>\n第二行'],
  ['C0002', null, 0, "'=1+1"],
  ['C0003', '控制\u0001字符\u001F', -3, '  两端空格 '],
  ['C0004', '李娜', null, null],
];

describe('xlsxFile', () => {
  it('writes cells that Excel readers read back, under a frozen header row, in the given widths', async () => {
    const wb = await load(await bytesOf(xlsxFile(header, [16, 30], batchesOf(rows, 3), '客户')));
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['客户']);
    const ws = wb.worksheets[0]!;
    expect(valuesOf(ws)).toEqual([
      header,
      ['C0001', '张伟', 12345.5, '"<&>\n第二行'],
      ['C0002', undefined, 0, "'=1+1"],
      ['C0003', '控制字符', -3, '  两端空格 '],
      ['C0004', '李娜'],
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
    expect(ws.columns.map((c) => c.width)).toEqual([16, 30, 14, 14]);
  });

  it('writes a file the import reads back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedang-xlsx-'));
    try {
      const file = path.join(dir, 'export.xlsx');
      fs.writeFileSync(file, await bytesOf(xlsxFile(header, [], batchesOf(rows, 2), '客户')));
      const table = await openTable(file);
      expect(table.headers).toEqual(header);
      const read: string[][] = [];
      for await (const r of table.rows) read.push(r.cells);
      expect(read[0]).toEqual(['C0001', '张伟', '12345.5', '"<&>\n第二行']);
      expect(read[1]).toEqual(['C0002', '', '0', "'=1+1"]);
      expect(read).toHaveLength(4);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('continues past the row limit on a further sheet with the header repeated', async () => {
    const many = Array.from({ length: 5 }, (_, i): Cell[] => [`C${i}`, `客户${i}`, i, null]);
    const wb = await load(await bytesOf(xlsxFile(header, [], batchesOf(many, 3), 'Customers', 2)));
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Customers', 'Customers 2', 'Customers 3']);
    expect(wb.worksheets.map(valuesOf)).toEqual([
      [header, ['C0', '客户0', 0], ['C1', '客户1', 1]],
      [header, ['C2', '客户2', 2], ['C3', '客户3', 3]],
      [header, ['C4', '客户4', 4]],
    ]);
    expect(wb.worksheets[2]!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const exact = await load(await bytesOf(xlsxFile(header, [], batchesOf(many.slice(0, 4), 4), 'Customers', 2)));
    expect(exact.worksheets).toHaveLength(2);
  });

  it('makes sheet names Excel accepts', async () => {
    const many = Array.from({ length: 3 }, (_, i): Cell[] => [`C${i}`]);
    const wb = await load(await bytesOf(xlsxFile(header, [], batchesOf(many, 3), 'Customers: [all] of them, from A/B?*', 2)));
    const names = wb.worksheets.map((ws) => ws.name);
    expect(names).toEqual(['Customers   all  of them, from ', 'Customers   all  of them, fro 2']);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(31);
  });

  it('reads the next batch only as the file is read, and closes the batches when the reader goes away', async () => {
    let read = 0;
    let closed = false;
    async function* endless() {
      try {
        for (;; read++) yield Array.from({ length: 500 }, (_, i): Cell[] => [`C${read}-${i}`, '客户', i, null]);
      } finally {
        closed = true;
      }
    }
    const file = xlsxFile(header, [], endless(), '客户');
    await file.next();
    await file.next();
    const readSoFar = read;
    await new Promise((r) => setTimeout(r, 50));
    expect(read).toBe(readSoFar);
    await file.return(undefined);
    expect(closed).toBe(true);
  });
});
