import type { Stores, UnitOfWork } from '../services/ports.ts';
import type { Db, Engine, ScanConnection } from './connect.ts';
import type { RecordCipher } from './crypto/record-cipher.ts';
import { customerStore } from './stores/customer-store.ts';
import { contactStore, interactionStore, purchaseStore } from './stores/related-stores.ts';
import { authStore, counterStore, customFieldStore, departmentStore, roleStore, settingsStore, userStore } from './stores/admin-stores.ts';
import { auditStore } from './stores/audit-store.ts';
import { sharingStore } from './stores/sharing-store.ts';
import { withAuditCipher } from './stores/audit-cipher.ts';
import { classificationStore } from './stores/classification-store.ts';
import { importStore } from './stores/import-store.ts';

function createStores(db: Db, engine: Engine, cipher: RecordCipher, openScan?: () => ScanConnection): Stores {
  return {
    customers: customerStore(db, engine, cipher, openScan),
    counters: counterStore(db),
    contacts: contactStore(db, cipher),
    purchases: purchaseStore(db),
    interactions: interactionStore(db),
    customFields: customFieldStore(db),
    users: userStore(db),
    departments: departmentStore(db),
    auth: authStore(db),
    settings: settingsStore(db),
    audit: withAuditCipher(auditStore(db, engine, cipher.ring.auditKey), db, cipher),
    roles: roleStore(db),
    sharing: sharingStore(db),
    classification: classificationStore(db),
    imports: importStore(db, engine, cipher),
  };
}

/**
 * The stores over a connection; transaction() hands the same stores bound to one transaction. Sensitive
 * fields are encrypted in the stores. `openScan` (SQLite files) gives exports a reading connection of their own.
 */
export function createUnitOfWork(db: Db, engine: Engine, cipher: RecordCipher, openScan?: () => ScanConnection): UnitOfWork {
  return {
    engine,
    ...createStores(db, engine, cipher, openScan),
    transaction: (work) => db.transaction().execute((trx) => work(createStores(trx, engine, cipher))),
  };
}
