import type { z } from 'zod';
import type { CodeScheme } from '../domain/customers/code-scheme.ts';
import type { ContactPatch, Contact, contactDraftSchema } from '../domain/customers/contact.ts';
import type { Customer, CustomerListQuery, CustomerPatch, customerDraftSchema } from '../domain/customers/customer.ts';
import type { CustomFieldDef, CustomFieldPatch, customFieldDraftSchema } from '../domain/custom-fields/custom-field.ts';
import type { Locale } from '../domain/i18n/messages.ts';
import type { Interaction, InteractionPatch, interactionDraftSchema } from '../domain/interactions/interaction.ts';
import type { Purchase, PurchasePatch, purchaseDraftSchema } from '../domain/purchases/purchase.ts';
import type { Page } from '../domain/shared/primitives.ts';
import type { Department, DepartmentDraft, User, UserPatch, userDraftSchema } from '../domain/users/user.ts';
import type { CustomerView } from '../services/customers/get-customer.ts';
import type { ExportColumnChoice } from '../services/customers/list-export-columns.ts';
import type { AuditEntry, CustomerPage, CustomerSearchHit } from '../services/ports.ts';
import type { SessionView } from '../services/auth/sessions.ts';
import type { InternalShare, Partner, PartnerAccess, PartnerPatch, PartnerShare, SavedFilter, internalShareDraftSchema, partnerDraftSchema, partnerShareDraftSchema, savedFilterDraftSchema } from '../domain/sharing/share.ts';
import type { RoleView, roleDraftSchema, rolePatchSchema } from '../services/admin/roles.ts';
import type { departmentPatchSchema } from '../services/admin/departments.ts';
import type { AuditChainReport } from '../services/audit/verify-audit-chain.ts';
import type { PortalPage } from '../services/sharing/partner-shares.ts';
import type { ClassRun } from '../domain/classification/assignment.ts';
import type { Criterion } from '../domain/classification/criteria.ts';
import type { draftEditSchema } from '../domain/classification/edits.ts';
import type { Scheme, SchemeDefinition, SchemeVersion } from '../domain/classification/scheme.ts';
import type { ValidationReport } from '../services/classification/evaluate-draft.ts';
import type { SchemeDetail } from '../services/classification/schemes.ts';
import type { ClassMove } from '../services/classification/class-moves.ts';
import type { ClassTimelineEntry, CustomerClass, Distribution, Preview, PublishResult, RunProgress } from './features/classification/classification-types.ts';
import type { ImportSummary, ImportProgress } from '../services/imports/import-file.ts';
import type { ImportBatchView } from '../services/imports/list-imports.ts';
import type { ImportOptionsInput } from '../domain/imports/import-options.ts';

/** One problem with one field, as the server reports it (message already in the UI language). */
export type ApiIssue = { path: (string | number)[]; code: string; message: string };

/** Every failed call becomes one of these; status 0 means the server could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Me = { user: User; permissions: string[] };
export type SignedIn = { user: User; expiresAt: string };
/** The password was right; the account asks for a code from the authenticator app next. */
export type TotpChallenge = { totpRequired: true; challenge: string; challengeExpiresAt: string };
export type { SessionView };
export type CustomerDraftInput = z.input<typeof customerDraftSchema>;
export type CustomerExportParams = Omit<CustomerListParams, 'page' | 'pageSize' | 'sort' | 'order'> & { format: 'csv' | 'xlsx'; encoding?: 'utf8' | 'gbk'; columns: string; lang?: string };
export type { ExportColumnChoice };
export type CustomerListParams = Partial<Omit<CustomerListQuery, 'deleted'>> & { deleted?: 'only' | 'exclude' };
export type CodeSchemeView = CodeScheme & { example: string };
export type AuditQuery = { customerId?: number; actorId?: number; action?: string; entityType?: string; from?: string; to?: string; page?: number; pageSize?: number };

type RecordTypes = {
  contacts: { item: Contact; draft: z.input<typeof contactDraftSchema>; patch: ContactPatch };
  purchases: { item: Purchase; draft: z.input<typeof purchaseDraftSchema>; patch: PurchasePatch };
  interactions: { item: Interaction; draft: z.input<typeof interactionDraftSchema>; patch: InteractionPatch };
};
export type RecordKind = keyof RecordTypes;
export type RecordItem<K extends RecordKind> = RecordTypes[K]['item'];
export type RecordDraft<K extends RecordKind> = RecordTypes[K]['draft'];
export type RecordPatch<K extends RecordKind> = RecordTypes[K]['patch'];

let language: Locale = 'zh-CN';
let unauthenticated: (() => void) | undefined;

/** The UI language goes with every request so server messages match the screen. */
export function setApiLanguage(lang: Locale) {
  language = lang;
}

/** Called on any 401 outside sign-in, so the app can send the user to the sign-in page. */
export function onUnauthenticated(listener: () => void) {
  unauthenticated = listener;
}

type QueryValue = string | number | boolean | null | undefined;

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The session's CSRF token: the server sets it as a readable cookie; every write echoes it in a header. */
function csrfToken(): string | undefined {
  const m = /(?:^|;\s*)kedang_csrf=([^;]*)/.exec(document.cookie);
  return m?.[1] ? decodeURIComponent(m[1]) : undefined;
}

async function request<T>(method: string, path: string, opts: { body?: unknown; query?: Record<string, QueryValue> } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const csrf = method === 'GET' ? undefined : csrfToken();
  if (csrf) headers['x-csrf-token'] = csrf;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}${queryString(opts.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? null : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; issues?: ApiIssue[] } } | undefined)?.error;
    const apiError = new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? '', err?.issues ?? []);
    if (res.status === 401 && !path.startsWith('/auth/')) unauthenticated?.();
    throw apiError;
  }
  return data as T;
}

const customerPath = (id: number) => `/customers/${id}`;
const schemePath = (key: string) => `/classification/schemes/${encodeURIComponent(key)}`;

export type DraftEditInput = z.input<typeof draftEditSchema>;
export type SchemePreset = { key: string; nameZh: string; nameEn: string; description: string };
/** The validation report with each issue's message in the UI language. */
export type ReportView = Omit<ValidationReport, 'issues'> & { issues: (ValidationReport['issues'][number] & { message: string })[] };
export type MovesQuery = { scheme: string; from?: string; to?: string; since?: string; page: number; pageSize: number };
export type ClassOverrideInput = { categoryKey: string; reason: string; expiresAt?: string | null };

export type ImportUpload = { uploadId: string; fileName: string; size: number; format: 'csv' | 'xlsx'; encoding: string | null; headers: string[]; sample: string[][]; kind: string; fields: { key: string; labelZh: string; labelEn: string; required: boolean }[]; mapping: Record<string, string> };
export type { ImportSummary, ImportProgress, ImportBatchView };

/** A file upload: multipart, the one request that is not JSON. */
async function upload<T>(path: string, file: File, query: Record<string, QueryValue>): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  const csrf = csrfToken();
  const res = await fetch(`/api/v1${path}${queryString(query)}`, { method: 'POST', body: form, credentials: 'same-origin', headers: { accept: 'application/json', 'accept-language': language, ...(csrf ? { 'x-csrf-token': csrf } : {}) } });
  const data = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string; issues?: ApiIssue[] } } | undefined;
  if (!res.ok) throw new ApiError(res.status, data?.error?.code ?? `HTTP_${res.status}`, data?.error?.message ?? '', data?.error?.issues ?? []);
  return data as T;
}

/** The typed client: the only place in the web app that talks HTTP. */
export const api = {
  imports: {
    upload: (file: File, query: { kind: string; preset?: string | undefined }) => upload<ImportUpload>('/imports/uploads', file, query),
    dryRun: (body: ImportOptionsInput & { uploadId: string }) => request<Omit<ImportSummary, 'issues'> & { issues: (ImportSummary['issues'][number] & { message: string })[]; report: string }>('POST', '/imports', { body: { ...body, dryRun: true } }),
    commit: (body: ImportOptionsInput & { uploadId: string }) => request<{ batchId: number }>('POST', '/imports', { body: { ...body, dryRun: false } }),
    get: (id: number) => request<ImportBatchView & { progress: ImportProgress | null }>('GET', `/imports/${id}`),
    list: () => request<Page<ImportBatchView>>('GET', '/imports', { query: { pageSize: 50 } }),
    undo: (id: number) => request<unknown>('POST', `/imports/${id}/undo`),
  },
  auth: {
    signIn: (username: string, password: string) => request<SignedIn | TotpChallenge>('POST', '/auth/sign-in', { body: { username, password } }),
    signInTotp: (challenge: string, code: string) => request<SignedIn>('POST', '/auth/sign-in/totp', { body: { challenge, code } }),
    signOut: () => request<void>('POST', '/auth/sign-out'),
    sessions: () => request<SessionView[]>('GET', '/auth/sessions'),
    revokeSession: (id: string) => request<void>('DELETE', `/auth/sessions/${encodeURIComponent(id)}`),
    signOutOthers: () => request<{ ended: number }>('POST', '/auth/sessions/sign-out-others'),
    totpSetup: () => request<{ secret: string; uri: string }>('POST', '/auth/totp/setup'),
    totpEnable: (code: string) => request<User>('POST', '/auth/totp/enable', { body: { code } }),
    totpDisable: (password: string, code: string) => request<User>('POST', '/auth/totp/disable', { body: { password, code } }),
    /** The signed-in user, or null when signed out. */
    me: async (): Promise<Me | null> => {
      try {
        return await request<Me>('GET', '/auth/me');
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
  },
  customers: {
    list: (params: CustomerListParams) => request<CustomerPage>('GET', '/customers', { query: params }),
    /** Ranked hits for the search box's typeahead (name, pinyin, company, code, mobile or its last 4 digits, e-mail, USCC). */
    search: (q: string, limit = 8) => request<{ items: CustomerSearchHit[] }>('GET', '/customers/search', { query: { q, limit } }),
    get: (id: number) => request<CustomerView>('GET', customerPath(id)),
    create: (draft: CustomerDraftInput) => request<CustomerView>('POST', '/customers', { body: draft }),
    update: (id: number, patch: CustomerPatch) => request<Customer>('PATCH', customerPath(id), { body: patch }),
    remove: (id: number) => request<Customer>('DELETE', customerPath(id)),
    restore: (id: number) => request<Customer>('POST', `${customerPath(id)}/restore`),
    history: (id: number, page: { page: number; pageSize: number }) => request<Page<AuditEntry>>('GET', `${customerPath(id)}/history`, { query: page }),
    /** Columns the user may export, which are masked, and the default choice. */
    exportColumns: () => request<{ columns: ExportColumnChoice[] }>('GET', '/customers/export/columns'),
    /** A link, not a call: the browser streams the file to disk itself with the session cookie. */
    exportUrl: (query: CustomerExportParams) => `/api/v1/customers/export${queryString(query)}`,
    /** Plain values of masked fields (paths like idCardNo, custom.vip); every call is audited. */
    reveal: (id: number, fields: string[]) => request<Record<string, unknown>>('POST', `${customerPath(id)}/reveal`, { body: { fields } }),
  },
  records: {
    list: <K extends RecordKind>(customerId: number, kind: K, page = { page: 1, pageSize: 200 }) =>
      request<Page<RecordItem<K>>>('GET', `${customerPath(customerId)}/${kind}`, { query: page }),
    add: <K extends RecordKind>(customerId: number, kind: K, draft: RecordDraft<K>) => request<RecordItem<K>>('POST', `${customerPath(customerId)}/${kind}`, { body: draft }),
    update: <K extends RecordKind>(customerId: number, kind: K, id: number, patch: RecordPatch<K>) =>
      request<RecordItem<K>>('PATCH', `${customerPath(customerId)}/${kind}/${id}`, { body: patch }),
    remove: (customerId: number, kind: RecordKind, id: number) => request<void>('DELETE', `${customerPath(customerId)}/${kind}/${id}`),
  },
  customFields: {
    list: () => request<CustomFieldDef[]>('GET', '/custom-fields'),
    create: (draft: z.input<typeof customFieldDraftSchema>) => request<CustomFieldDef>('POST', '/custom-fields', { body: draft }),
    update: (id: number, patch: CustomFieldPatch) => request<CustomFieldDef>('PATCH', `/custom-fields/${id}`, { body: patch }),
  },
  users: {
    list: () => request<User[]>('GET', '/users'),
    create: (draft: z.input<typeof userDraftSchema>) => request<User>('POST', '/users', { body: draft }),
    update: (id: number, patch: UserPatch) => request<User>('PATCH', `/users/${id}`, { body: patch }),
    signOutEverywhere: (id: number) => request<{ ended: number }>('POST', `/users/${id}/sign-out-everywhere`),
  },
  departments: {
    list: () => request<Department[]>('GET', '/departments'),
    create: (draft: DepartmentDraft) => request<Department>('POST', '/departments', { body: draft }),
    update: (id: number, patch: z.input<typeof departmentPatchSchema>) => request<Department>('PATCH', `/departments/${id}`, { body: patch }),
  },
  codeScheme: {
    get: () => request<CodeSchemeView>('GET', '/settings/customer-code'),
    put: (scheme: CodeScheme) => request<CodeSchemeView>('PUT', '/settings/customer-code', { body: scheme }),
  },
  audit: {
    list: (query: AuditQuery) => request<Page<AuditEntry>>('GET', '/audit', { query }),
    /** A link, not a call: the browser downloads the CSV itself with the session cookie. */
    exportUrl: (query: Omit<AuditQuery, 'page' | 'pageSize'>) => `/api/v1/audit/export${queryString({ format: 'csv', ...query })}`,
    verify: () => request<AuditChainReport>('GET', '/audit/verify'),
  },
  roles: {
    list: () => request<RoleView[]>('GET', '/roles'),
    create: (draft: RoleDraftInput) => request<RoleView>('POST', '/roles', { body: draft }),
    update: (key: string, patch: RolePatchInput) => request<RoleView>('PATCH', `/roles/${encodeURIComponent(key)}`, { body: patch }),
    remove: (key: string) => request<void>('DELETE', `/roles/${encodeURIComponent(key)}`),
  },
  savedFilters: {
    list: () => request<SavedFilter[]>('GET', '/saved-filters'),
    create: (draft: z.input<typeof savedFilterDraftSchema>) => request<SavedFilter>('POST', '/saved-filters', { body: draft }),
  },
  shares: {
    forCustomer: (customerId: number) => request<InternalShare[]>('GET', `${customerPath(customerId)}/shares`),
    create: (draft: z.input<typeof internalShareDraftSchema>) => request<InternalShare>('POST', '/shares', { body: draft }),
    revoke: (id: number) => request<void>('DELETE', `/shares/${id}`),
  },
  partners: {
    list: () => request<Partner[]>('GET', '/partners'),
    create: (draft: z.input<typeof partnerDraftSchema>) => request<Partner>('POST', '/partners', { body: draft }),
    update: (id: number, patch: PartnerPatch) => request<Partner>('PATCH', `/partners/${id}`, { body: patch }),
  },
  partnerShares: {
    list: () => request<PartnerShare[]>('GET', '/partner-shares'),
    /** The token and portal path come back in this answer only. */
    create: (draft: z.input<typeof partnerShareDraftSchema>) => request<CreatedPartnerShare>('POST', '/partner-shares', { body: draft }),
    revoke: (id: number) => request<void>('DELETE', `/partner-shares/${id}`),
    accessLog: (id: number) => request<PartnerAccess[]>('GET', `/partner-shares/${id}/access-log`),
  },
  classification: {
    schemes: () => request<Scheme[]>('GET', '/classification/schemes'),
    presets: () => request<SchemePreset[]>('GET', '/classification/presets'),
    create: (draft: { key: string; nameZh: string; nameEn?: string | null; description?: string | null }) => request<SchemeDetail>('POST', '/classification/schemes', { body: draft }),
    createFromPreset: (preset: string) => request<SchemeDetail>('POST', '/classification/schemes', { body: { preset } }),
    scheme: (key: string) => request<SchemeDetail>('GET', schemePath(key)),
    versions: (key: string) => request<SchemeVersion[]>('GET', `${schemePath(key)}/versions`),
    edit: (key: string, edit: DraftEditInput) => request<SchemeVersion & { key?: string }>('POST', `${schemePath(key)}/draft/edits`, { body: edit }),
    replaceDraft: (key: string, definition: SchemeDefinition) => request<SchemeVersion>('PUT', `${schemePath(key)}/draft`, { body: definition }),
    discardDraft: (key: string) => request<void>('DELETE', `${schemePath(key)}/draft`),
    validate: (key: string) => request<ReportView>('POST', `${schemePath(key)}/draft/validate`, { body: {} }),
    preview: (key: string) => request<Preview>('POST', `${schemePath(key)}/draft/preview`, { body: {} }),
    publish: (key: string, note: string | undefined) => request<PublishResult>('POST', `${schemePath(key)}/draft/publish`, { body: note ? { note } : {} }),
    distribution: (key: string) => request<Distribution>('GET', `${schemePath(key)}/distribution`),
    criteria: () => request<Criterion[]>('GET', '/classification/criteria'),
    runs: (page: { page: number; pageSize: number }) => request<Page<ClassRun>>('GET', '/classification/runs', { query: page }),
    run: (id: number) => request<ClassRun & { progress: RunProgress | null }>('GET', `/classification/runs/${id}`),
    startRun: (mode: 'incremental' | 'full', schemes?: string[]) => request<{ runId: number }>('POST', '/classification/runs', { body: schemes?.length ? { mode, schemes } : { mode } }),
    moves: (query: MovesQuery) => request<Page<ClassMove>>('GET', '/classification/changes', { query }),
    customerClasses: (customerId: number) => request<CustomerClass[]>('GET', `${customerPath(customerId)}/classes`),
    customerChanges: (customerId: number, page: { page: number; pageSize: number }) => request<Page<ClassTimelineEntry>>('GET', `${customerPath(customerId)}/class-changes`, { query: page }),
    override: (customerId: number, scheme: string, input: ClassOverrideInput) => request<CustomerClass>('PUT', `${customerPath(customerId)}/classes/${encodeURIComponent(scheme)}`, { body: input }),
    clearOverride: (customerId: number, scheme: string) => request<CustomerClass | null>('DELETE', `${customerPath(customerId)}/classes/${encodeURIComponent(scheme)}`),
  },
  portal: {
    view: (token: string, page: { page: number; pageSize: number }) => portalRequest<PortalPage>(token, page),
    downloadUrl: (token: string) => `/api/portal/${encodeURIComponent(token)}/download`,
  },
};

export type RoleDraftInput = z.input<typeof roleDraftSchema>;
export type RolePatchInput = z.input<typeof rolePatchSchema>;
export type CreatedPartnerShare = PartnerShare & { token: string; portalPath: string };

/** The public partner portal lives outside /api/v1 and has no session: no cookies, no CSRF, no sign-in redirect. */
async function portalRequest<T>(token: string, query: Record<string, QueryValue>): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/portal/${encodeURIComponent(token)}${queryString(query)}`, { headers: { accept: 'application/json', 'accept-language': language }, credentials: 'omit' });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '');
  }
  const data = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
  if (!res.ok) throw new ApiError(res.status, data?.error?.code ?? `HTTP_${res.status}`, data?.error?.message ?? '');
  return data as T;
}
