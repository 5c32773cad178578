import { sensitiveFields } from '../../domain/access/permissions.ts';
import type { FieldChange } from '../../domain/audit/diff.ts';
import type { BlindIndexField } from '../../services/ports.ts';
import type { Db } from '../connect.ts';
import type { RecordCipher } from './record-cipher.ts';

/** Columns stored encrypted: the customer fields the access rules call sensitive, and a contact's mobile and e-mail. */
export const sealedColumns = {
  customers: sensitiveFields,
  contacts: ['mobile', 'email'],
} as const satisfies Record<string, readonly string[]>;
export type SealedTable = keyof typeof sealedColumns;

/** Blind-index column → what it indexes (field kind, source column). */
export const blindIndexColumns = {
  customers: {
    mobileBidx: ['mobile', 'mobile'],
    mobileTailBidx: ['mobileTail', 'mobile'],
    emailBidx: ['email', 'email'],
    idCardBidx: ['idCardNo', 'idCardNo'],
    usccBidx: ['uscc', 'uscc'],
  },
  contacts: {
    mobileBidx: ['mobile', 'mobile'],
    emailBidx: ['email', 'email'],
  },
} as const satisfies Record<SealedTable, Record<string, readonly [BlindIndexField, string]>>;

export const customerIndexColumn: Record<BlindIndexField, keyof (typeof blindIndexColumns)['customers']> = {
  mobile: 'mobileBidx',
  mobileTail: 'mobileTailBidx',
  email: 'emailBidx',
  idCardNo: 'idCardBidx',
  uscc: 'usccBidx',
};

/** Keys of custom fields marked sensitive, whose values are stored encrypted inside `custom`. */
export async function sensitiveCustomKeys(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('customFieldDefs').select('key').where('sensitive', '=', 1).execute();
  return new Set(rows.map((r) => r.key));
}

type Values = Record<string, unknown>;

export function sealCustom(cipher: RecordCipher, custom: Values, keys: ReadonlySet<string>): Values {
  const out: Values = { ...custom };
  for (const k of keys) {
    const v = out[k];
    if (v !== null && v !== undefined) out[k] = cipher.sealJson(v);
  }
  return out;
}

export function openCustom(cipher: RecordCipher, custom: Values): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(custom)) out[k] = cipher.openJson(v);
  return out;
}

/** A write as stored: sensitive values encrypted, blind indexes beside them (only for the columns written). */
export function sealWrite(cipher: RecordCipher, table: SealedTable, changes: Values, customKeys?: ReadonlySet<string>): Values {
  const out: Values = { ...changes };
  for (const c of sealedColumns[table]) {
    const v = changes[c];
    if (typeof v === 'string') out[c] = cipher.seal(v);
  }
  for (const [column, [field, source]] of Object.entries(blindIndexColumns[table])) {
    if (source in changes) out[column] = cipher.index(field, changes[source] as string | null);
  }
  if (customKeys && changes.custom && typeof changes.custom === 'object') out.custom = sealCustom(cipher, changes.custom as Values, customKeys);
  return out;
}

/** A row as services see it: values decrypted, blind indexes dropped. Custom values are opened by the caller after parsing. */
export function openRow<T extends Values>(cipher: RecordCipher, table: SealedTable, row: T): T {
  const out: Values = { ...row };
  for (const c of sealedColumns[table]) {
    const v = row[c];
    if (typeof v === 'string') out[c] = cipher.open(v);
  }
  for (const column of Object.keys(blindIndexColumns[table])) delete out[column];
  return out as T;
}

const sensitiveNames = new Set<string>([...sealedColumns.customers, ...sealedColumns.contacts]);

/** Audit before/after values of sensitive fields (and sensitive custom values) encrypted like the records. */
export function sealChanges(cipher: RecordCipher, changes: FieldChange[], customKeys: ReadonlySet<string>): FieldChange[] {
  const seal = (field: string, v: unknown) => {
    if (v === null || v === undefined) return v;
    if (sensitiveNames.has(field)) return cipher.sealJson(v);
    if (field === 'custom' && typeof v === 'object' && !Array.isArray(v)) return sealCustom(cipher, v as Values, customKeys);
    return v;
  };
  return changes.map((c) => (sensitiveNames.has(c.field) || c.field === 'custom' ? { ...c, before: seal(c.field, c.before), after: seal(c.field, c.after) } : c));
}

export function openChanges(cipher: RecordCipher, changes: FieldChange[]): FieldChange[] {
  const open = (v: unknown) => {
    if (isPlainObject(v)) return openCustom(cipher, v);
    return cipher.openJson(v);
  };
  return changes.map((c) => (sensitiveNames.has(c.field) || c.field === 'custom' ? { ...c, before: open(c.before), after: open(c.after) } : c));
}

const isPlainObject = (v: unknown): v is Values => typeof v === 'object' && v !== null && !Array.isArray(v) && !('$enc' in v);
