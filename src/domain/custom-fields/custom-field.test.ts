import { describe, expect, it } from 'vitest';
import { validateCustomValues, type CustomFieldDef } from './custom-field.ts';

const def = (over: Partial<CustomFieldDef>): CustomFieldDef => ({
  id: 1, key: 'level', labelZh: '等级', labelEn: null, type: 'text', required: false, options: [], appliesTo: 'all',
  sensitive: false, position: 0, archived: false, createdAt: '', updatedAt: '', ...over,
});

describe('custom field values', () => {
  const defs = [
    def({ key: 'level', type: 'select', options: ['A', 'B'], required: true }),
    def({ key: 'budget', type: 'number' }),
    def({ key: 'since', type: 'date' }),
    def({ key: 'channels', type: 'multiselect', options: ['微信', '电话'] }),
    def({ key: 'vip', type: 'boolean', appliesTo: 'organization' }),
    def({ key: 'old', type: 'text', archived: true }),
  ];

  it('accepts good values and keeps archived ones untouched', () => {
    const r = validateCustomValues(defs, 'organization', { level: 'A', budget: 12.5, since: '2024-02-29', channels: ['微信', '微信'], vip: true, old: 'x' });
    expect(r.issues).toEqual([]);
    expect(r.values).toEqual({ level: 'A', budget: 12.5, since: '2024-02-29', channels: ['微信'], vip: true, old: 'x' });
  });

  it('names every bad value by its path', () => {
    const r = validateCustomValues(defs, 'individual', { budget: '12', since: '2023-02-29', channels: ['短信'], vip: true, nope: 1 });
    expect(r.issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['custom.vip', 'wrong_kind'],
      ['custom.nope', 'unknown_field'],
      ['custom.level', 'required'],
      ['custom.budget', 'invalid_type'],
      ['custom.since', 'bad_date'],
      ['custom.channels', 'unknown_option'],
    ]);
  });
});
