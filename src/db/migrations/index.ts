import type { Migration } from 'kysely';
import * as m0001 from './0001-create-archive.ts';
import * as m0002 from './0002-create-roles.ts';
import * as m0003 from './0003-encrypt-sensitive-fields.ts';
import * as m0004 from './0004-chain-audit-entries.ts';
import * as m0005 from './0005-secure-sign-in.ts';
import * as m0006 from './0006-create-shares.ts';
import * as m0007 from './0007-create-classification.ts';
import * as m0008 from './0008-create-import-batches.ts';
import * as m0009 from './0009-add-classification-digests.ts';
import * as m0010 from './0010-create-search-index.ts';
import * as m0011 from './0011-index-customer-lists.ts';
import * as m0012 from './0012-index-live-sorts.ts';
import * as m0013 from './0013-drop-superseded-customer-indexes.ts';
import * as m0014 from './0014-count-live-customers.ts';

/** Every migration in order. Append only; a landed entry is never edited or removed. */
export const migrations: Record<string, Migration> = {
  '0001-create-archive': m0001,
  '0002-create-roles': m0002,
  '0003-encrypt-sensitive-fields': m0003,
  '0004-chain-audit-entries': m0004,
  '0005-secure-sign-in': m0005,
  '0006-create-shares': m0006,
  '0007-create-classification': m0007,
  '0008-create-import-batches': m0008,
  '0009-add-classification-digests': m0009,
  '0010-create-search-index': m0010,
  '0011-index-customer-lists': m0011,
  '0012-index-live-sorts': m0012,
  '0013-drop-superseded-customer-indexes': m0013,
  '0014-count-live-customers': m0014,
};
