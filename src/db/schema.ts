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
}

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
}

export interface CustomerTagsTable { customerId: number; tag: string }

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
}

export interface RolesTable { key: string; nameZh: string; nameEn: string | null; grants: Json; createdAt: CreatedAt; updatedAt: string }

export interface Database {
  departments: DepartmentsTable;
  users: UsersTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  settings: SettingsTable;
  codeCounters: CodeCountersTable;
  customers: CustomersTable;
  customerTags: CustomerTagsTable;
  contacts: ContactsTable;
  purchases: PurchasesTable;
  interactions: InteractionsTable;
  customFieldDefs: CustomFieldDefsTable;
  auditEntries: AuditEntriesTable;
  roles: RolesTable;
}
