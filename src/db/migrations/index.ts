import type { Migration } from 'kysely';
import * as m0001 from './0001-create-archive.ts';
import * as m0002 from './0002-create-roles.ts';

/** Every migration in order. Append only; a landed entry is never edited or removed. */
export const migrations: Record<string, Migration> = {
  '0001-create-archive': m0001,
  '0002-create-roles': m0002,
};
