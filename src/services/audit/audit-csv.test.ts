import { describe, expect, it } from 'vitest';
import { auditCsvLines, csvCell } from './audit-csv.ts';

describe('audit CSV', () => {
  it.each([
    ['=HYPERLINK("http://evil","点我")', `"'=HYPERLINK(""http://evil"",""点我"")"`],
    ['+86 138', "'+86 138"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['＝1+1', "'＝1+1"],
    ['张三', '张三'],
    ['a,b', '"a,b"'],
    ['第一行\n第二行', '"第一行\n第二行"'],
  ])('writes the text %j as a harmless cell', (text, cell) => {
    expect(csvCell(text)).toBe(cell);
  });

  it('writes numbers, booleans and null as values and objects as JSON', () => {
    expect([csvCell(-5), csvCell(true), csvCell(null), csvCell(undefined), csvCell({ a: 1 })]).toEqual(['-5', 'true', '', '', '"{""a"":1}"']);
  });

  it('writes one line per changed field and one for an entry without changes', () => {
    const entry = { id: 7, at: '2024-05-01T08:00:00.000Z', actorId: 1, actorName: 'admin', action: 'customer.updated', entityType: 'customer', entityId: '3', customerId: 3, meta: {} };
    expect(auditCsvLines({ ...entry, changes: [{ field: 'name', before: '甲', after: '=乙' }, { field: 'tags', before: [], after: ['VIP'] }] })).toBe(
      `7,2024-05-01T08:00:00.000Z,1,admin,customer.updated,customer,3,3,name,甲,'=乙,\r\n7,2024-05-01T08:00:00.000Z,1,admin,customer.updated,customer,3,3,tags,[],"[""VIP""]",\r\n`,
    );
    expect(auditCsvLines({ ...entry, changes: [], meta: { ip: '127.0.0.1' } })).toBe(`7,2024-05-01T08:00:00.000Z,1,admin,customer.updated,customer,3,3,,,,"{""ip"":""127.0.0.1""}"\r\n`);
  });
});
