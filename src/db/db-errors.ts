import { DomainError } from '../domain/errors.ts';

type DbError = { code?: string; constraint?: string; message?: string };

/** Same meaning on both engines: SQLite's and PostgreSQL's error codes for a broken constraint. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as DbError;
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === '23505';
}

export function isForeignKeyViolation(err: unknown): boolean {
  const e = err as DbError;
  return e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || e?.code === '23503';
}

/** Runs a write and turns a unique violation into CONFLICT naming the field. */
export async function uniqueAs<T>(field: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new DomainError('CONFLICT', 'duplicate_value', [{ path: [field], code: 'duplicate' }], { field });
    }
    if (isForeignKeyViolation(err)) {
      throw new DomainError('INVALID_INPUT', 'invalid_input', [{ path: [], code: 'unknown_reference' }]);
    }
    throw err;
  }
}

export const parseJson = <T>(v: string | null | undefined, fallback: T): T => {
  if (v === null || v === undefined || v === '') return fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
};

export const toFlag = (b: boolean | undefined | null) => (b ? 1 : 0);
