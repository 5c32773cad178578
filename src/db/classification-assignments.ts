import type { CustomerTable } from '../domain/classification/metrics.ts';
import type { CategoryCodes, CurrentAssignments, CurrentOverride } from '../services/ports.ts';
import { rowIndex, type RawRow } from './classification-facts.ts';

/*
 * Reading a scheme's live classes back, for both engines. A run compares a million customers per
 * scheme, so it reads only (customer, category code) from class_assignments_code_idx — covering, a
 * fraction of the table, whose rows carry the inputs JSON — and the few manual rows from their partial
 * index. On SQLite each row comes back as ONE number, customer id × 65536 + the code's position in a
 * list passed as a parameter, so a million rows are a million doubles, not a million arrays and strings.
 */

export const PACK = 65_536;

export type CodeList = { list: string; keyAt: Int32Array; keys: string[]; keyIndex: Map<string, number> };

/** '|code|code|…|' and, for each 1-based position where a code starts, the index of its key. */
export function codeList(categories: CategoryCodes): CodeList {
  const keys = categories.map((c) => c.key);
  const list = `|${categories.map((c) => c.code).join('|')}|`;
  const keyAt = new Int32Array(list.length + 2).fill(-1);
  let pos = 1;
  categories.forEach((c, k) => {
    keyAt[pos] = k; // instr('|a|b|', '|b|') = position of the leading '|'
    pos += c.code.length + 1;
  });
  return { list, keyAt, keys, keyIndex: new Map(keys.map((k, i) => [k, i])) };
}

export class AssignmentsBuilder {
  readonly keyOf: Int32Array;
  readonly manual: Uint8Array;
  readonly overrides = new Map<number, CurrentOverride>();
  readonly keys: string[];
  private readonly keyIndex: Map<string, number>;
  private readonly find: (id: number) => number;
  /** customer ids whose code was not in the list (a code the version does not know): read by key */
  readonly unknown: number[] = [];

  constructor(table: CustomerTable, codes: CodeList) {
    this.keyOf = new Int32Array(table.size).fill(-1);
    this.manual = new Uint8Array(table.size);
    this.keys = [...codes.keys];
    this.keyIndex = new Map(codes.keyIndex);
    this.find = rowIndex(table);
  }

  /** Packed rows (id × PACK + position). */
  addPacked(values: readonly number[], keyAt: Int32Array) {
    const { keyOf, find } = this;
    for (const v of values) {
      const id = Math.floor(v / PACK);
      const row = find(id);
      if (row < 0) continue;
      const k = keyAt[v - id * PACK] ?? -1;
      if (k < 0) this.unknown.push(id);
      else keyOf[row] = k;
    }
  }

  /** One customer's class by key. */
  setKey(id: number, key: string): number {
    const row = this.find(id);
    if (row < 0) return -1;
    let k = this.keyIndex.get(key);
    if (k === undefined) {
      k = this.keys.push(key) - 1;
      this.keyIndex.set(key, k);
    }
    this.keyOf[row] = k;
    return row;
  }

  /** Manual rows [customer_id, category_key, expires_at, reason, assigned_by]. */
  addManual(rows: Iterable<RawRow>) {
    const text = (v: RawRow[number] | undefined) => (v === null || v === undefined ? null : String(v));
    for (const r of rows) {
      const row = this.setKey(Number(r[0]), String(r[1]));
      if (row < 0) continue;
      this.manual[row] = 1;
      this.overrides.set(row, { expiresAt: text(r[2]), reason: text(r[3]), assignedBy: r[4] === null || r[4] === undefined ? null : Number(r[4]) });
    }
  }

  build(): CurrentAssignments {
    return { keyOf: this.keyOf, keys: this.keys, manual: this.manual, overrides: this.overrides };
  }
}
