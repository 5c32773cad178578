import type { Customer, CustomerListQuery } from '../domain/customers/customer.ts';
import type { Contact } from '../domain/customers/contact.ts';
import type { Purchase } from '../domain/purchases/purchase.ts';
import type { Interaction } from '../domain/interactions/interaction.ts';
import type { CustomFieldDef } from '../domain/custom-fields/custom-field.ts';
import type { Department, Role, User } from '../domain/users/user.ts';
import type { FieldChange } from '../domain/audit/diff.ts';
import type { Page } from '../domain/shared/primitives.ts';
import type { RoleGrants } from '../domain/access/permissions.ts';

/** What services need from storage; db/ implements it on both engines. */

/**
 * Which customers a read or write may touch, made only by services/access.ts. Every customer query
 * takes one, so list, get, counts, search and export cannot disagree about what a user may see.
 * Scoped: owned by ownerId, or in one of departmentIds, or shared to the user or their department.
 */
export type RecordFilter =
  | { kind: 'all' }
  | { kind: 'scoped'; ownerId: number | null; departmentIds: number[]; sharedTo: { userId: number; departmentId: number | null; access: ('read' | 'edit')[] } | null };
export const everyRecord: RecordFilter = { kind: 'all' };

export type CustomerRow = Omit<Customer, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'deletedBy'>;
export type CustomerSummary = Pick<
  Customer,
  'id' | 'code' | 'kind' | 'name' | 'stage' | 'ownerId' | 'departmentId' | 'mobile' | 'email' | 'province' | 'city' | 'industry' | 'tags' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'version'
>;

export interface CustomerStore {
  insert(row: CustomerRow, at: string): Promise<Customer>;
  findById(id: number, opts: { filter: RecordFilter; includeDeleted?: boolean }): Promise<Customer | undefined>;
  /** Writes only when the stored version matches; undefined means someone else changed it. */
  update(id: number, expectedVersion: number, changes: Partial<CustomerRow>, at: string): Promise<Customer | undefined>;
  /** Locks a live customer row until the transaction ends (PostgreSQL FOR UPDATE; SQLite has one writer); false if absent. */
  lockForWrite(id: number): Promise<boolean>;
  setDeleted(id: number, deleted: { at: string; by: number | null } | null): Promise<Customer>;
  list(query: CustomerListQuery, filter: RecordFilter): Promise<Page<CustomerSummary>>;
  codeExists(code: string): Promise<boolean>;
  count(filter: RecordFilter): Promise<number>;
}

export interface CounterStore {
  /** Atomically increments and returns the next value of a counter; safe under concurrent writers. */
  next(scope: string, period: string): Promise<number>;
}

export type ContactRow = Omit<Contact, 'id' | 'createdAt' | 'updatedAt'>;
export interface ContactStore {
  listByCustomer(customerId: number): Promise<Contact[]>;
  findById(id: number): Promise<Contact | undefined>;
  insert(row: ContactRow, at: string): Promise<Contact>;
  update(id: number, changes: Partial<ContactRow>, at: string): Promise<Contact>;
  delete(id: number): Promise<void>;
  clearPrimary(customerId: number, exceptId?: number): Promise<void>;
}

export type PurchaseRow = Omit<Purchase, 'id' | 'createdAt' | 'updatedAt' | 'grossProfitFen'>;
export interface PurchaseStore {
  listByCustomer(customerId: number, page: { page: number; pageSize: number }): Promise<Page<Purchase>>;
  findById(id: number): Promise<Purchase | undefined>;
  findByOrderNo(orderNo: string): Promise<Purchase | undefined>;
  insert(row: PurchaseRow, at: string): Promise<Purchase>;
  update(id: number, changes: Partial<PurchaseRow>, at: string): Promise<Purchase>;
  delete(id: number): Promise<void>;
  summary(customerId: number): Promise<{ orders: number; revenueFen: number; grossProfitFen: number; lastOrderedOn: string | null }>;
}

export type InteractionRow = Omit<Interaction, 'id' | 'createdAt' | 'updatedAt'>;
export interface InteractionStore {
  listByCustomer(customerId: number, page: { page: number; pageSize: number }): Promise<Page<Interaction>>;
  findById(id: number): Promise<Interaction | undefined>;
  insert(row: InteractionRow, at: string): Promise<Interaction>;
  update(id: number, changes: Partial<InteractionRow>, at: string): Promise<Interaction>;
  delete(id: number): Promise<void>;
}

export type CustomFieldRow = Omit<CustomFieldDef, 'id' | 'createdAt' | 'updatedAt'>;
export interface CustomFieldStore {
  list(): Promise<CustomFieldDef[]>;
  findById(id: number): Promise<CustomFieldDef | undefined>;
  findByKey(key: string): Promise<CustomFieldDef | undefined>;
  insert(row: CustomFieldRow, at: string): Promise<CustomFieldDef>;
  update(id: number, changes: Partial<CustomFieldRow>, at: string): Promise<CustomFieldDef>;
}

export type UserWithSecret = User & { passwordHash: string; failedSignIns: number; lockedUntil: string | null };
export type UserRow = Omit<User, 'id' | 'createdAt' | 'updatedAt'> & { passwordHash: string };
export interface UserStore {
  list(): Promise<User[]>;
  findById(id: number): Promise<UserWithSecret | undefined>;
  findByUsername(username: string): Promise<UserWithSecret | undefined>;
  insert(row: UserRow, at: string): Promise<User>;
  update(id: number, changes: Partial<UserRow & { failedSignIns: number; lockedUntil: string | null }>, at: string): Promise<User>;
  countActiveAdmins(): Promise<number>;
  count(): Promise<number>;
}

export interface DepartmentStore {
  list(): Promise<Department[]>;
  findById(id: number): Promise<Department | undefined>;
  insert(row: { name: string; parentId: number | null }, at: string): Promise<Department>;
  update(id: number, changes: { name?: string; parentId?: number | null }): Promise<Department>;
}

export type SessionRecord = { id: string; userId: number; expiresAt: string; lastSeenAt: string };
export type TokenRecord = { id: number; userId: number; name: string; tokenPrefix: string; createdAt: string; lastUsedAt: string | null; expiresAt: string | null; revokedAt: string | null };
export interface AuthStore {
  insertSession(s: SessionRecord & { ip: string | null; userAgent: string | null; createdAt: string }): Promise<void>;
  findSession(id: string): Promise<SessionRecord | undefined>;
  touchSession(id: string, lastSeenAt: string, expiresAt: string): Promise<void>;
  deleteSession(id: string): Promise<void>;
  deleteSessionsOfUser(userId: number): Promise<void>;
  deleteExpiredSessions(now: string): Promise<number>;
  insertToken(t: { userId: number; name: string; tokenHash: string; tokenPrefix: string; expiresAt: string | null; createdAt: string }): Promise<TokenRecord>;
  findTokenByHash(hash: string): Promise<TokenRecord | undefined>;
  touchToken(id: number, at: string): Promise<void>;
  listTokens(userId: number): Promise<TokenRecord[]>;
  revokeToken(id: number, at: string): Promise<void>;
  revokeTokensOfUser(userId: number, at: string): Promise<number>;
}

export type CustomRole = { key: string; nameZh: string; nameEn: string | null; grants: RoleGrants; createdAt: string; updatedAt: string };
export interface RoleStore {
  list(): Promise<CustomRole[]>;
  find(key: string): Promise<CustomRole | undefined>;
  insert(role: Omit<CustomRole, 'createdAt' | 'updatedAt'>, at: string): Promise<CustomRole>;
  update(key: string, changes: Partial<Pick<CustomRole, 'nameZh' | 'nameEn' | 'grants'>>, at: string): Promise<CustomRole>;
  delete(key: string): Promise<void>;
  countUsers(key: string): Promise<number>;
}

export interface SettingsStore {
  get<T>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown, at: string): Promise<void>;
}

export type AuditEntry = {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  customerId: number | null;
  changes: FieldChange[];
  meta: Record<string, unknown>;
};
export type AuditQuery = {
  customerId?: number | undefined;
  actorId?: number | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
};
export interface AuditStore {
  record(entry: Omit<AuditEntry, 'id'>): Promise<void>;
  list(query: AuditQuery): Promise<Page<AuditEntry>>;
}

export interface Stores {
  customers: CustomerStore;
  counters: CounterStore;
  contacts: ContactStore;
  purchases: PurchaseStore;
  interactions: InteractionStore;
  customFields: CustomFieldStore;
  users: UserStore;
  departments: DepartmentStore;
  auth: AuthStore;
  settings: SettingsStore;
  audit: AuditStore;
  roles: RoleStore;
}

/** The stores plus one way to run several writes atomically. */
export interface UnitOfWork extends Stores {
  readonly engine: 'sqlite' | 'postgres';
  transaction<T>(work: (tx: Stores) => Promise<T>): Promise<T>;
}

export type { Role };

/** Rows for the bulk loader; children point at their customer by index in the same batch. */
export type BulkCustomerRow = CustomerRow & { createdAt: string; updatedAt: string };
type BulkChild<R> = Omit<R, 'customerId'> & { customer: number; createdAt: string; updatedAt: string };
export type BulkContactRow = BulkChild<ContactRow>;
export type BulkPurchaseRow = BulkChild<PurchaseRow>;
export type BulkInteractionRow = BulkChild<InteractionRow>;
export type ArchiveBatch = { customers: BulkCustomerRow[]; contacts: BulkContactRow[]; purchases: BulkPurchaseRow[]; interactions: BulkInteractionRow[] };
export const bulkTables = ['customers', 'customerTags', 'contacts', 'purchases', 'interactions'] as const;
export type BulkTable = (typeof bulkTables)[number];
/** Counter `scope`/`period` to advance by `count`; with `codeStem`, also past every existing customer code `${codeStem}<digits>`. */
export type CodeBlock = { scope: string; period: string; count: number; codeStem: string | null };

/** Writes whole archives fast (seed, benchmarks); one session holds its own connection. */
export interface BulkLoader {
  readonly engine: 'sqlite' | 'postgres';
  open(): Promise<BulkSession>;
}
export interface BulkSession {
  /** Reserves each block in one transaction; returns the first value of each, the counter ends at its last. */
  reserveCodeBlocks(blocks: CodeBlock[]): Promise<number[]>;
  /** Writes one batch atomically, customer_tags from each customer's tags; returns milliseconds spent per table. */
  writeBatch(batch: ArchiveBatch): Promise<Record<BulkTable, number>>;
  close(): Promise<void>;
}
