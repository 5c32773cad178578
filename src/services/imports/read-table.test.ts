import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { customerFileRows, writeCustomerXlsx } from '../../bench/customer-file.ts';
import { openTable } from './read-table.ts';

describe('reading XLSX as a stream', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedang-xlsx-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps Chinese text whole where the inflated XML is cut between chunks', async () => {
    const file = path.join(dir, 'customers.xlsx');
    const n = 20_000;
    await writeCustomerXlsx(file, n);
    const table = await openTable(file);
    const expected = customerFileRows(n);
    let rows = 0;
    for await (const r of table.rows) {
      const want = expected.next().value as string[];
      // trailing empty cells are not cells in a sheet
      expect(r.cells.slice(0, want.length).join('|').replace(/\|+$/, '')).toBe(want.join('|').replace(/\|+$/, ''));
      rows++;
    }
    expect(rows).toBe(n);
  }, 120_000);
});
