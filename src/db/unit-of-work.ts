import type { Stores, UnitOfWork } from '../services/ports.ts';
import type { Db, Engine } from './connect.ts';
import type { KeyRing } from './crypto/keyring.ts';
import { customerStore } from './stores/customer-store.ts';
import { contactStore, interactionStore, purchaseStore } from './stores/related-stores.ts';
import { authStore, counterStore, customFieldStore, departmentStore, roleStore, settingsStore, userStore } from './stores/admin-stores.ts';
import { auditStore } from './stores/audit-store.ts';

function createStores(db: Db, engine: Engine, _ring: KeyRing): Stores {
  return {
    customers: customerStore(db, engine),
    counters: counterStore(db),
    contacts: contactStore(db),
    purchases: purchaseStore(db),
    interactions: interactionStore(db),
    customFields: customFieldStore(db),
    users: userStore(db),
    departments: departmentStore(db),
    auth: authStore(db),
    settings: settingsStore(db),
    audit: auditStore(db),
    roles: roleStore(db),
  };
}

/** The stores over a connection; transaction() hands the same stores bound to one transaction. */
export function createUnitOfWork(db: Db, engine: Engine, ring: KeyRing): UnitOfWork {
  return {
    engine,
    ...createStores(db, engine, ring),
    transaction: (work) => db.transaction().execute((trx) => work(createStores(trx, engine, ring))),
  };
}
