import type { ColumnType, Generated } from 'kysely';

/** Column types as the stores see them (camelCase; CamelCasePlugin maps to snake_case tables). */
type Id = Generated<number>;
type CreatedAt = ColumnType<string, string, never>;
/** SQLite has no boolean; both engines store 0/1 so SQL stays identical. */
type Flag = number;
/** JSON as text on SQLite and jsonb on PostgreSQL; read back as text on both (see connect.ts). */
type Json = string;

export interface DepartmentsTable { id: Id; name: string; parentId: number | null; createdAt: CreatedAt }

export interface UsersTable {
  id: Id;
  username: string;
  displayName: string;
  passwordHash: string;
  role: string;
  departmentId: number | null;
  email: string | null;
  isActive: Flag;
  failedSignIns: number;
  lockedUntil: string | null;
  createdAt: CreatedAt;
  updatedAt: string;
  /** TOTP secrets sealed with a data key (migration 0005); the pending one waits for its first code */
  totpSecret: string | null;
  totpPendingSecret: string | null;
  totpEnabledAt: string | null;
  totpLastStep: number | null;
}

/** Between the password and the code of a two-step sign-in; id is the SHA-256 of the challenge. */
export interface SignInChallengesTable { id: string; userId: number; createdAt: CreatedAt; expiresAt: string }

export interface SessionsTable {
  id: string;
  userId: number;
  createdAt: CreatedAt;
  expiresAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface ApiTokensTable {
  id: Id;
  userId: number;
  name: string;
  tokenHash: string;
  tokenPrefix: string;
  createdAt: CreatedAt;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface SettingsTable { key: string; value: Json; updatedAt: string }

export interface CodeCountersTable { scope: string; period: string; lastValue: number }

export interface CustomersTable {
  id: Id;
  code: string;
  kind: string;
  name: string;
  stage: string;
  ownerId: number | null;
  departmentId: number | null;
  source: string | null;
  tags: Json;
  notes: string | null;
  custom: Json;
  mobile: string | null;
  email: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  address: string | null;
  gender: string | null;
  birthday: string | null;
  idCardNo: string | null;
  occupation: string | null;
  shortName: string | null;
  uscc: string | null;
  legalRepresentative: string | null;
  industry: string | null;
  employees: number | null;
  annualRevenueFen: number | null;
  website: string | null;
  lastVerifiedAt: string | null;
  version: number;
  createdAt: CreatedAt;
  updatedAt: string;
  createdBy: number | null;
  updatedBy: number | null;
  deletedAt: string | null;
  deletedBy: number | null;
  /** keyed blind indexes of the encrypted fields (migration 0003); never leave db/ */
  mobileBidx: string | null;
  mobileTailBidx: string | null;
  emailBidx: string | null;
  idCardBidx: string | null;
  usccBidx: string | null;
  /** the import batch that created the row (migration 0008) */
  importBatchId: number | null;
}

export interface CustomerTagsTable { customerId: number; tag: string }
/** kind is the rank weight of the term (1 name prefix, 2 substring, 3 pinyin); see domain/customers/search-terms.ts */
export interface CustomerSearchTermsTable { kind: number; term: string; customerId: number }

export interface ContactsTable {
  id: Id;
  customerId: number;
  name: string;
  title: string | null;
  mobile: string | null;
  email: string | null;
  isPrimary: Flag;
  notes: string | null;
  createdAt: CreatedAt;
  updatedAt: string;
  mobileBidx: string | null;
  emailBidx: string | null;
  /** the import batch that created the row (migration 0008) */
  importBatchId: number | null;
}

export interface PurchasesTable {
  id: Id;
  customerId: number;
  orderNo: string;
  orderedOn: string;
  amountFen: number;
  costFen: number | null;
  currency: string;
  productLine: string | null;
  quantity: number;
  status: string;
  dueOn: string | null;
  paidOn: string | null;
  notes: string | null;
  createdAt: CreatedAt;
  updatedAt: string;
  /** the import batch that created the row (migration 0008) */
  importBatchId: number | null;
}

export interface InteractionsTable {
  id: Id;
  customerId: number;
  channel: string;
  occurredAt: string;
  subject: string;
  summary: string | null;
  byUserId: number | null;
  nextFollowUpOn: string | null;
  createdAt: CreatedAt;
  updatedAt: string;
  /** the import batch that created the row (migration 0008) */
  importBatchId: number | null;
}

export interface CustomFieldDefsTable {
  id: Id;
  key: string;
  labelZh: string;
  labelEn: string | null;
  type: string;
  required: Flag;
  options: Json;
  appliesTo: string;
  sensitive: Flag;
  position: number;
  archived: Flag;
  createdAt: CreatedAt;
  updatedAt: string;
}

export interface AuditEntriesTable {
  id: Id;
  at: string;
  actorId: number | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  customerId: number | null;
  changes: Json;
  meta: Json;
  /** Hash chain (0004): HMAC-SHA256(audit key, prevHash + canonical JSON of the entry); never sent to clients. */
  prevHash: string | null;
  hash: string | null;
}

export interface RolesTable { key: string; nameZh: string; nameEn: string | null; grants: Json; createdAt: CreatedAt; updatedAt: string }

export interface SavedFiltersTable { id: Id; name: string; ownerId: number | null; query: Json; ownerScope: Json; createdAt: CreatedAt }
export interface CustomerSharesTable {
  id: Id;
  customerId: number | null;
  savedFilterId: number | null;
  granteeUserId: number | null;
  granteeDepartmentId: number | null;
  access: string;
  expiresAt: string | null;
  note: string | null;
  createdBy: number | null;
  createdAt: CreatedAt;
  revokedAt: string | null;
  revokedBy: number | null;
}
export interface PartnersTable { id: Id; name: string; contactName: string | null; contactEmail: string | null; note: string | null; createdAt: CreatedAt }
export interface PartnerSharesTable {
  id: Id;
  partnerId: number;
  title: string;
  purpose: string;
  customerIds: Json | null;
  savedFilterId: number | null;
  sharerScope: Json;
  fields: Json;
  maskedFields: Json;
  allowDownload: Flag;
  expiresAt: string;
  tokenHash: string;
  tokenPrefix: string;
  createdBy: number | null;
  createdAt: CreatedAt;
  revokedAt: string | null;
}
export interface PartnerAccessLogTable { id: Id; shareId: number; at: string; action: string; rows: number; ip: string | null; userAgent: string | null }

/** Classification (migration 0006): schemes, versions, metric facts, assignments, class changes, runs. */
export interface ClassSchemesTable {
  id: Id;
  key: string;
  nameZh: string;
  nameEn: string | null;
  description: string | null;
  preset: string | null;
  publishedVersion: number | null;
  draftVersion: number | null;
  archivedAt: string | null;
  createdAt: CreatedAt;
  updatedAt: string;
}
export interface ClassSchemeVersionsTable {
  schemeId: number;
  version: number;
  status: string;
  definition: Json;
  note: string | null;
  createdAt: CreatedAt;
  createdBy: number | null;
  publishedAt: string | null;
  publishedBy: number | null;
}
export interface CustomerMetricsTable {
  customerId: number;
  computedAt: string;
  asOf: string;
  windowDays: number;
  orderCount: number;
  frequency: number;
  monetaryFen: number;
  costedRevenueFen: number;
  grossProfitFen: number | null;
  firstPurchaseOn: string | null;
  lastPurchaseOn: string | null;
  refundCount: number;
  windowFrequency: number;
  windowMonetaryFen: number;
  mainProductLine: string | null;
  interactionCount: number;
  lastInteractionAt: string | null;
  /** 52-bit digest of the fact columns (0009): a run rewrites a row only when it differs */
  digest: number | null;
}
export interface ClassAssignmentsTable {
  schemeId: number;
  version: number;
  customerId: number;
  categoryKey: string;
  categoryCode: string;
  source: string;
  reason: string | null;
  expiresAt: string | null;
  assignedBy: number | null;
  inputs: Json;
  assignedAt: string;
}
export interface ClassChangesTable {
  id: Id;
  schemeId: number;
  customerId: number;
  at: string;
  runId: number | null;
  schemeVersion: number;
  fromKey: string | null;
  fromCode: string | null;
  fromName: string | null;
  toKey: string | null;
  toCode: string | null;
  toName: string | null;
  cause: string;
  rule: Json | null;
  inputsBefore: Json | null;
  inputsAfter: Json | null;
  reason: string | null;
  actorId: number | null;
}
export interface ClassRunsTable {
  id: Id;
  kind: string;
  status: string;
  schemeKeys: Json;
  asOf: string;
  actorId: number | null;
  actorName: string;
  startedAt: string;
  finishedAt: string | null;
  stats: Json;
  error: string | null;
}
export interface ClassLockTable { id: number; runId: number | null; holder: string | null; heartbeatAt: string | null }

/** Imports (migration 0008): one batch per file; updated rows keep their stored before-values. */
export interface ImportBatchesTable {
  id: Id;
  kind: string;
  status: string;
  fileName: string;
  filePath: string;
  fileSize: number;
  options: Json;
  rowsDone: number;
  counts: Json;
  error: string | null;
  runner: string | null;
  createdBy: number | null;
  createdByName: string;
  createdAt: CreatedAt;
  updatedAt: string;
  finishedAt: string | null;
}
export interface ImportBatchRowsTable { batchId: number; entityType: string; entityId: number; before: Json }

export interface Database {
  departments: DepartmentsTable;
  users: UsersTable;
  sessions: SessionsTable;
  signInChallenges: SignInChallengesTable;
  apiTokens: ApiTokensTable;
  settings: SettingsTable;
  codeCounters: CodeCountersTable;
  customers: CustomersTable;
  customerTags: CustomerTagsTable;
  customerSearchTerms: CustomerSearchTermsTable;
  contacts: ContactsTable;
  purchases: PurchasesTable;
  interactions: InteractionsTable;
  customFieldDefs: CustomFieldDefsTable;
  auditEntries: AuditEntriesTable;
  roles: RolesTable;
  savedFilters: SavedFiltersTable;
  customerShares: CustomerSharesTable;
  partners: PartnersTable;
  partnerShares: PartnerSharesTable;
  partnerAccessLog: PartnerAccessLogTable;
  classSchemes: ClassSchemesTable;
  classSchemeVersions: ClassSchemeVersionsTable;
  customerMetrics: CustomerMetricsTable;
  classAssignments: ClassAssignmentsTable;
  classChanges: ClassChangesTable;
  classRuns: ClassRunsTable;
  classLock: ClassLockTable;
  importBatches: ImportBatchesTable;
  importBatchRows: ImportBatchRowsTable;
}
