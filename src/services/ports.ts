import type { Assignment, ClassChange, ClassRun } from '../domain/classification/assignment.ts';
import type { Inputs } from '../domain/classification/evaluate.ts';
import type { CustomerTable } from '../domain/classification/metrics.ts';
import type { Scheme, SchemeVersion } from '../domain/classification/scheme.ts';
import type { Customer, CustomerListQuery } from '../domain/customers/customer.ts';
import type { Contact } from '../domain/customers/contact.ts';
import type { Purchase } from '../domain/purchases/purchase.ts';
import type { Interaction } from '../domain/interactions/interaction.ts';
import type { CustomFieldDef } from '../domain/custom-fields/custom-field.ts';
import type { Department, Role, User } from '../domain/users/user.ts';
import type { FieldChange } from '../domain/audit/diff.ts';
import type { Page } from '../domain/shared/primitives.ts';
import type { RoleGrants } from '../domain/access/permissions.ts';
import type { ImportMatchKey } from '../domain/imports/import-options.ts';
import type { InternalShare, Partner, PartnerAccess, PartnerShare, SavedFilter, SegmentQuery } from '../domain/sharing/share.ts';

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

/** The list's filters without paging or sort (exports read in id order). */
export type CustomerFilterQuery = Omit<CustomerListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;
/** What an export reads: customer fields, and values of these custom fields (`custom` then holds only them). */
export type ExportSelection = { fields: readonly Exclude<keyof Customer, 'custom'>[]; customKeys: readonly string[] };
export type ExportRow = Partial<Customer> & { id: number };

/** Encrypted fields that can still be matched exactly (keyed blind index of the normalized value). */
export type BlindIndexField = 'mobile' | 'mobileTail' | 'email' | 'idCardNo' | 'uscc';

export interface CustomerStore {
  insert(row: CustomerRow, at: string): Promise<Customer>;
  findById(id: number, opts: { filter: RecordFilter; includeDeleted?: boolean }): Promise<Customer | undefined>;
  /** Writes only when the stored version matches; undefined means someone else changed it. */
  update(id: number, expectedVersion: number, changes: Partial<CustomerRow>, at: string): Promise<Customer | undefined>;
  /** Locks a live customer row until the transaction ends (PostgreSQL FOR UPDATE; SQLite has one writer); false if absent. */
  lockForWrite(id: number): Promise<boolean>;
  setDeleted(id: number, deleted: { at: string; by: number | null } | null): Promise<Customer>;
  /** `ids` narrows to given customers (partner shares); it is not a client filter. */
  list(query: CustomerListQuery & { ids?: number[] }, filter: RecordFilter): Promise<CustomerPage>;
  codeExists(code: string): Promise<boolean>;
  count(filter: RecordFilter): Promise<number>;
  /**
   * The customers of the list's filters in id order, `batchSize` at a time (keyset, so memory stays flat),
   * holding only the selected fields: sealed ones decrypted, nothing else opened.
   */
  exportBatches(query: CustomerFilterQuery, filter: RecordFilter, selection: ExportSelection, batchSize: number): AsyncIterable<ExportRow[]>;
  /** Live customers whose field equals `value` once normalized (mobileTail: the last 4 digits), for searches and duplicate checks. */
  findIdsByBlindIndex(field: BlindIndexField, value: string, filter: RecordFilter): Promise<number[]>;
  /** Live customers in reach matching a search box entry, best first (see SearchMatch), at most `limit`. */
  search(q: string, limit: number, filter: RecordFilter): Promise<CustomerSearchHit[]>;
}

/** A list page; `nextCursor` asks for the page after it (keyset), `total` is null when the query said withTotal=false. */
export type CustomerPage = Omit<Page<CustomerSummary>, 'total'> & { total: number | null; nextCursor: string | null };

/** Why a search hit matched, in rank order: code / mobile / e-mail / USCC / ID card, name prefix, substring, pinyin. */
export type SearchMatch = 'exact' | 'prefix' | 'substring' | 'pinyin';
export type CustomerSearchHit = CustomerSummary & { match: SearchMatch };

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

/** TOTP state as stored: secrets sealed by deps.secrets, the last accepted 30-second step against replays. */
export type UserTotp = { totpSecret: string | null; totpPendingSecret: string | null; totpEnabledAt: string | null; totpLastStep: number | null };
export type UserWithSecret = User & { passwordHash: string; failedSignIns: number; lockedUntil: string | null } & UserTotp;
export type UserRow = Omit<User, 'id' | 'createdAt' | 'updatedAt' | 'totpEnabled'> & { passwordHash: string };
export interface UserStore {
  list(): Promise<User[]>;
  findById(id: number): Promise<UserWithSecret | undefined>;
  findByUsername(username: string): Promise<UserWithSecret | undefined>;
  insert(row: UserRow, at: string): Promise<User>;
  update(id: number, changes: Partial<UserRow & { failedSignIns: number; lockedUntil: string | null } & UserTotp>, at: string): Promise<User>;
  /** Records `step` as the last TOTP step used unless one at or after it was already used (replay); false then. */
  claimTotpStep(id: number, step: number): Promise<boolean>;
  countActiveAdmins(): Promise<number>;
  count(): Promise<number>;
}

export interface DepartmentStore {
  list(): Promise<Department[]>;
  findById(id: number): Promise<Department | undefined>;
  insert(row: { name: string; parentId: number | null }, at: string): Promise<Department>;
  update(id: number, changes: { name?: string; parentId?: number | null }): Promise<Department>;
}

export type SessionRecord = { id: string; userId: number; createdAt: string; expiresAt: string; lastSeenAt: string };
export type SessionDetail = SessionRecord & { ip: string | null; userAgent: string | null };
export type SignInChallenge = { id: string; userId: number; createdAt: string; expiresAt: string };
export type TokenRecord = { id: number; userId: number; name: string; tokenPrefix: string; createdAt: string; lastUsedAt: string | null; expiresAt: string | null; revokedAt: string | null };
/** The user a session or token belongs to, read with it in one query: what an actor is made of. */
export type SignedInUser = Pick<User, 'id' | 'username' | 'role' | 'departmentId' | 'isActive'>;
export interface AuthStore {
  insertSession(s: SessionDetail): Promise<void>;
  findSession(id: string): Promise<(SessionRecord & { user: SignedInUser }) | undefined>;
  /** A user's sessions that have not expired by `now`, most recently seen first. */
  listSessions(userId: number, now: string): Promise<SessionDetail[]>;
  touchSession(id: string, lastSeenAt: string, expiresAt: string): Promise<void>;
  deleteSession(id: string): Promise<void>;
  /** Ends every session of the user (but `exceptId`); returns how many ended. */
  deleteSessionsOfUser(userId: number, exceptId?: string): Promise<number>;
  deleteExpiredSessions(now: string): Promise<number>;
  /** Stores a two-step sign-in challenge; expired ones go at the same time. */
  insertChallenge(c: SignInChallenge): Promise<void>;
  findChallenge(id: string): Promise<SignInChallenge | undefined>;
  deleteChallenge(id: string): Promise<void>;
  insertToken(t: { userId: number; name: string; tokenHash: string; tokenPrefix: string; expiresAt: string | null; createdAt: string }): Promise<TokenRecord>;
  findTokenByHash(hash: string): Promise<(TokenRecord & { user: SignedInUser }) | undefined>;
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
/** The list filters without paging; `upToId` pins a walk to the entries that existed when it began. */
export type AuditFilter = Omit<AuditQuery, 'page' | 'pageSize'>;
/** One entry as the hash chain sees it; `hashMatches` says whether its stored hash is the keyed hash of its content. */
export type AuditChainLink = { id: number; at: string; action: string; prevHash: string | null; hash: string | null; hashMatches: boolean };
export interface AuditStore {
  /** Appends to the hash chain inside the caller's transaction (one of its own when there is none). */
  record(entry: Omit<AuditEntry, 'id'>): Promise<void>;
  list(query: AuditQuery): Promise<Page<AuditEntry>>;
  count(filter: AuditFilter, upToId: number): Promise<number>;
  /** Filtered entries newest first, `batchSize` at a time, none newer than `upToId` (exports). */
  scan(filter: AuditFilter, upToId: number, batchSize: number): AsyncIterable<AuditEntry[]>;
  /** The newest entry; undefined while there is none. */
  head(): Promise<{ id: number; hash: string | null } | undefined>;
  /** The prev_hash of the first entry. */
  readonly genesisHash: string;
  /** Entries in id order after `afterId` up to `upToId`, at most `limit` (verification). */
  chainLinks(afterId: number, upToId: number, limit: number): Promise<AuditChainLink[]>;
  /** Hashes entries written before the chain existed, in id order; only while no entry has a hash yet. Returns how many. */
  sealLegacy(): Promise<number>;
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
  sharing: SharingStore;
  classification: ClassificationStore;
  imports: ImportStore;
}

/** The stores plus one way to run several writes atomically. */
export interface UnitOfWork extends Stores {
  readonly engine: 'sqlite' | 'postgres';
  transaction<T>(work: (tx: Stores) => Promise<T>): Promise<T>;
}

export type { Role };

/** Rows for the bulk loader; children point at their customer by index in the same batch. */
export type BulkCustomerRow = CustomerRow & { createdAt: string; updatedAt: string };
/** A child's customer: its index among the batch's customers, or an existing customer by id (imports). */
type BulkChild<R> = Omit<R, 'customerId'> & { customer: number | { id: number }; createdAt: string; updatedAt: string };
export type BulkContactRow = BulkChild<ContactRow>;
export type BulkPurchaseRow = BulkChild<PurchaseRow>;
export type BulkInteractionRow = BulkChild<InteractionRow>;
/** `importBatchId` marks every row written as created by that import batch (undo removes them). */
export type ArchiveBatch = { customers: BulkCustomerRow[]; contacts: BulkContactRow[]; purchases: BulkPurchaseRow[]; interactions: BulkInteractionRow[]; importBatchId?: number };
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
  /** One import chunk in one transaction: its creates, its updates (stored before-values kept first) and the batch's watermark. Returns the ids of created customers. */
  writeImportChunk(chunk: ImportChunk): Promise<number[]>;
  close(): Promise<void>;
}

/** Import batches (migration 0008). */
export const importBatchStatuses = ['running', 'committed', 'failed', 'undone'] as const;
export type ImportBatchStatus = (typeof importBatchStatuses)[number];
export type ImportCounts = { rows: number; created: number; updated: number; merged: number; skipped: number; invalid: number; customersCreated: number };
export type ImportBatch = {
  id: number;
  kind: string;
  status: ImportBatchStatus;
  fileName: string;
  filePath: string;
  fileSize: number;
  options: Record<string, unknown>;
  rowsDone: number;
  counts: ImportCounts;
  error: string | null;
  runner: string | null;
  createdBy: number | null;
  createdByName: string;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
};
export type ImportChunk = {
  batch: ArchiveBatch & { importBatchId: number };
  /** customer changes as services see them (plain values); the session encrypts them like the store does */
  customerUpdates: { id: number; changes: Partial<CustomerRow> }[];
  /** further lines of an order this batch created: amounts and quantities add up */
  purchaseMerges: { id: number; amountFen: number; quantity: number }[];
  /** source rows read so far, committed with the chunk so a resume starts after them */
  rowsDone: number;
  counts: ImportCounts;
  at: string;
  by: number | null;
};
export type ExistingRow = { id: number; importBatchId: number | null };
export interface ImportStore {
  insertBatch(row: Pick<ImportBatch, 'kind' | 'fileName' | 'filePath' | 'fileSize' | 'options' | 'counts' | 'createdBy' | 'createdByName' | 'runner'>, at: string): Promise<ImportBatch>;
  /** Takes over a running batch whose runner is gone; false when another process took it first. */
  claimBatch(id: number, fromRunner: string | null, runner: string, at: string): Promise<boolean>;
  findBatch(id: number): Promise<ImportBatch | undefined>;
  listBatches(page: { page: number; pageSize: number }): Promise<Page<ImportBatch>>;
  listRunning(): Promise<ImportBatch[]>;
  finishBatch(id: number, changes: { status: ImportBatchStatus; counts?: ImportCounts; error?: string | null }, at: string): Promise<void>;
  /** Deletes what the batch created and writes back the stored before-values of what it updated. */
  revert(id: number, at: string): Promise<{ customers: number; contacts: number; purchases: number; interactions: number; restored: number }>;
  /** Live customers within the filter whose key equals one of `values` (name_mobile: name + "\u0000" + mobile); keyed by the value given. */
  matchCustomers(key: ImportMatchKey, values: string[], filter: RecordFilter): Promise<Map<string, ExistingRow>>;
  /** Customers by code whatever the filter (codes are unique across the archive, deleted ones included). */
  codesTaken(codes: string[]): Promise<Set<string>>;
  findPurchasesByOrderNo(orderNos: string[]): Promise<Map<string, ExistingRow>>;
}

/** Shares, saved filters and partner shares (controlled sharing). */
export type SavedFilterRow = { name: string; ownerId: number | null; query: SegmentQuery; ownerScope: RecordFilter };
export type InternalShareRow = Omit<InternalShare, 'id' | 'createdAt' | 'revokedAt'>;
export type PartnerShareRow = Omit<PartnerShare, 'id' | 'createdAt' | 'revokedAt'> & { tokenHash: string; sharerScope: RecordFilter };
export interface SharingStore {
  insertSavedFilter(row: SavedFilterRow, at: string): Promise<SavedFilter>;
  listSavedFilters(ownerId: number): Promise<SavedFilter[]>;
  findSavedFilter(id: number): Promise<(SavedFilter & { ownerScope: RecordFilter }) | undefined>;
  deleteSavedFilter(id: number): Promise<void>;
  insertShare(row: InternalShareRow, at: string): Promise<InternalShare>;
  listShares(where: { customerId?: number; savedFilterId?: number; includeRevoked?: boolean }): Promise<InternalShare[]>;
  findShare(id: number): Promise<InternalShare | undefined>;
  revokeShare(id: number, by: number | null, at: string): Promise<void>;
  /** Saved filters shared to this user or their department, each with the scope of whoever saved it. */
  segmentSharesFor(grantee: { userId: number; departmentId: number | null }, access: ('read' | 'edit')[], at: string): Promise<{ query: SegmentQuery; scope: RecordFilter }[]>;
  insertPartner(row: Omit<Partner, 'id' | 'createdAt'>, at: string): Promise<Partner>;
  listPartners(): Promise<Partner[]>;
  findPartner(id: number): Promise<Partner | undefined>;
  updatePartner(id: number, patch: Partial<Omit<Partner, 'id' | 'createdAt'>>): Promise<Partner>;
  insertPartnerShare(row: PartnerShareRow, at: string): Promise<PartnerShare & { sharerScope: RecordFilter }>;
  listPartnerShares(): Promise<(PartnerShare & { sharerScope: RecordFilter })[]>;
  findPartnerShare(id: number): Promise<(PartnerShare & { sharerScope: RecordFilter }) | undefined>;
  findPartnerShareByTokenHash(hash: string): Promise<(PartnerShare & { sharerScope: RecordFilter }) | undefined>;
  revokePartnerShare(id: number, at: string): Promise<void>;
  logPartnerAccess(e: Omit<PartnerAccess, 'id'>): Promise<void>;
  listPartnerAccess(shareId: number): Promise<PartnerAccess[]>;
}

/** Classification: schemes and versions, live assignments, class changes, runs and the run lock. */
export type AssignmentWrite = Omit<Assignment, 'schemeId' | 'version'>;
export type ClassChangeRow = Omit<ClassChange, 'id'>;
export type ClassChangeQuery = {
  schemeId?: number | undefined;
  customerId?: number | undefined;
  fromKeys?: string[] | undefined;
  toKeys?: string[] | undefined;
  since?: string | undefined;
  page: number;
  pageSize: number;
};
export type CategoryCount = { categoryKey: string; categoryCode: string; count: number };
export type SchemeRow = Pick<Scheme, 'key' | 'nameZh' | 'nameEn' | 'description' | 'preset'>;
export interface ClassificationStore {
  listSchemes(): Promise<Scheme[]>;
  findScheme(key: string): Promise<Scheme | undefined>;
  insertScheme(row: SchemeRow, at: string): Promise<Scheme>;
  updateScheme(id: number, changes: Partial<Pick<Scheme, 'nameZh' | 'nameEn' | 'description' | 'publishedVersion' | 'draftVersion'>> & { archivedAt?: string }, at: string): Promise<Scheme>;
  findVersion(schemeId: number, version: number): Promise<SchemeVersion | undefined>;
  listVersions(schemeId: number): Promise<SchemeVersion[]>;
  maxVersion(schemeId: number): Promise<number>;
  insertVersion(v: SchemeVersion): Promise<void>;
  updateVersion(schemeId: number, version: number, changes: Partial<Pick<SchemeVersion, 'status' | 'definition' | 'note' | 'publishedAt' | 'publishedBy'>>): Promise<void>;
  deleteVersion(schemeId: number, version: number): Promise<void>;
  findAssignment(schemeId: number, version: number, customerId: number): Promise<Assignment | undefined>;
  /** The customer's assignments in the live version of every scheme. */
  liveAssignmentsOf(customerId: number): Promise<Assignment[]>;
  /** Province values of live customers (for the region preset: countries abroad), most used first. */
  provinces(): Promise<string[]>;
  /** Product lines seen in purchase records (for the product-line preset), most used first. */
  productLines(): Promise<string[]>;
  /** Live customers per category of a version, within the filter. */
  countByCategory(schemeId: number, version: number, filter: RecordFilter): Promise<CategoryCount[]>;
  upsertAssignments(schemeId: number, version: number, rows: AssignmentWrite[]): Promise<void>;
  deleteAssignments(schemeId: number, version: number, customerIds: number[]): Promise<void>;
  insertChanges(rows: ClassChangeRow[]): Promise<void>;
  /** Class changes of customers within the filter, newest first. */
  listChanges(q: ClassChangeQuery, filter: RecordFilter): Promise<Page<ClassChange>>;
  insertRun(run: Omit<ClassRun, 'id'>): Promise<ClassRun>;
  updateRun(id: number, changes: Partial<Pick<ClassRun, 'status' | 'finishedAt' | 'stats' | 'error'>>): Promise<void>;
  findRun(id: number): Promise<ClassRun | undefined>;
  listRuns(page: { page: number; pageSize: number }): Promise<Page<ClassRun>>;
  /** Takes the one run lock when it is free or its holder stopped heart-beating before `staleBefore`. */
  acquireLock(runId: number, holder: string, at: string, staleBefore: string): Promise<boolean>;
  heartbeat(runId: number, at: string): Promise<void>;
  releaseLock(runId: number): Promise<void>;
  lockHolder(): Promise<{ runId: number; holder: string; heartbeatAt: string } | undefined>;
}

/** A manual override as the engine reads it to compare with a new evaluation. */
export type CurrentOverride = { expiresAt: string | null; reason: string | null; assignedBy: number | null };
/**
 * The live assignments of one scheme version, aligned with the rows of a customer table: `keyOf[row]`
 * is an index into `keys` (-1 when the customer has no assignment); manual rows are flagged, with their
 * override details by row. Customers not in the table (deleted ones) are left out.
 */
export type CurrentAssignments = { keyOf: Int32Array; keys: readonly string[]; manual: Uint8Array; overrides: ReadonlyMap<number, CurrentOverride> };
/** The categories of the version the assignments belong to, to read them back from their codes. */
export type CategoryCodes = readonly { key: string; code: string }[];
export type FactsWrite = { at: string; asOf: string; windowDays: number };

/**
 * The heavy side of classification, on a connection of its own (like the bulk loader): columnar reads
 * of a million customers, one aggregate over purchases, batched writes of facts and of a new version's
 * assignments (invisible until the version is switched to, so an interrupted publish leaves nothing).
 */
export interface ClassificationEngine {
  readonly engine: 'sqlite' | 'postgres';
  open(): Promise<ClassificationSession>;
}
export interface ClassificationSession {
  /** Live (not deleted) customers ordered by id with the attributes criteria read; `custom` JSON only when asked. */
  loadCustomers(opts: { withCustom: boolean }): Promise<CustomerTable>;
  /** Purchase and interaction facts for all rows of the table (rows = null) or the given rows. */
  aggregate(table: CustomerTable, rows: Int32Array | null, opts: { asOfDay: number; windowDays: number }): Promise<void>;
  /** Stored facts into the table; returns the rows that have none. */
  readFacts(table: CustomerTable): Promise<Int32Array>;
  /** Customers whose facts may differ since `since`: records written after it, orders dated in the given day ranges. */
  changedSince(since: string, orderedIn: [fromExclusive: string, toInclusive: string][]): Promise<Set<number>>;
  /**
   * Stores facts of all rows (null) or the given rows, in batches of their own; only rows whose facts
   * differ from the stored ones (by digest) are written. Returns how many were.
   */
  writeFacts(table: CustomerTable, rows: Int32Array | null, meta: FactsWrite): Promise<number>;
  /** The live classes of a scheme version, read by category code from the code index (no inputs, no JSON). */
  readAssignments(schemeId: number, version: number, table: CustomerTable, categories: CategoryCodes): Promise<CurrentAssignments>;
  readInputs(schemeId: number, version: number, customerIds: number[]): Promise<Map<number, Inputs>>;
  /** Writes rows of a version that is not live yet, in transactions of their own. */
  writeAssignments(schemeId: number, version: number, rows: AssignmentWrite[]): Promise<void>;
  /** Copies every row of one version into another (not live yet) version, then gives moved codes their new code. */
  copyVersion(schemeId: number, from: number, to: number, codes: ReadonlyMap<string, string>): Promise<void>;
  deleteRows(schemeId: number, version: number, customerIds: number[]): Promise<void>;
  /** Deletes rows of every version of the scheme except `keep`; returns how many. */
  purgeVersions(schemeId: number, keep: number): Promise<number>;
  close(): Promise<void>;
}

/** What a key rotation reports (db/crypto/key-admin.ts implements the rotation itself). */
export type KeyRotationSummary = {
  keyId: string;
  previousKeyId: string;
  resumed: boolean;
  result: { converged: boolean; interrupted: boolean; passes: number; rewritten: Record<string, number> };
};
/** Adds a data key (or resumes the unfinished rotation) and re-encrypts every sensitive value under it. */
export interface DataKeyRotator<S extends KeyRotationSummary = KeyRotationSummary, O = unknown> {
  rotate(opts?: O): Promise<S>;
}
