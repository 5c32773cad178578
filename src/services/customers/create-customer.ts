import { codePeriod, defaultCodeScheme, formatCustomerCode, type CodeScheme } from '../../domain/customers/code-scheme.ts';
import { customerDraftSchema, type Customer } from '../../domain/customers/customer.ts';
import type { Contact } from '../../domain/customers/contact.ts';
import { parseOrThrow } from '../../domain/errors.ts';
import type { Actor } from '../../domain/users/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { nowIso, type Deps } from '../deps.ts';
import type { Stores } from '../ports.ts';
import { diffFields } from '../../domain/audit/diff.ts';
import { assertTransferAllowed, checkCustomerAgainstStore, customerDiff } from './customer-rules.ts';
import { guardFieldWrites, presentRecord } from './field-security.ts';
import { fieldRulesFor } from './scoped-customer.ts';

/** null and empty values are not writes: a form may send every field, filled or not. */
const stripEmpty = <T extends object>(o: T): Partial<T> => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined && !(k === 'custom' && Object.keys(v as object).length === 0)) out[k] = v;
  return out as Partial<T>;
};

export const codeSchemeKey = 'customer.code_scheme';

/** Next code inside the caller's transaction; skips any code already taken, so none is ever reused. */
export async function nextCustomerCode(tx: Stores, at: Date): Promise<string> {
  const scheme = (await tx.settings.get<CodeScheme>(codeSchemeKey)) ?? defaultCodeScheme;
  const period = codePeriod(scheme, at);
  const scope = `customer:${scheme.prefix}`;
  for (;;) {
    const code = formatCustomerCode(scheme, period, await tx.counters.next(scope, period));
    if (!(await tx.customers.codeExists(code))) return code;
  }
}

export async function createCustomer(deps: Deps, actor: Actor, input: unknown): Promise<Customer & { contacts: Contact[] }> {
  const draft = parseOrThrow(customerDraftSchema, input);
  const userId = actor.kind === 'user' ? actor.userId : null;
  const now = deps.clock();
  const at = nowIso(deps);
  // the actor's own customer unless they say otherwise; saying otherwise is a transfer
  const home = { ownerId: userId, departmentId: actor.kind === 'user' ? actor.departmentId : null };
  const placed = { ownerId: draft.ownerId === undefined ? home.ownerId : draft.ownerId, departmentId: draft.departmentId === undefined ? home.departmentId : draft.departmentId };
  assertTransferAllowed(deps, actor, home, placed);
  deps.access.assertCan(actor, 'customer.create', placed);
  return deps.db.transaction(async (tx) => {
    const rules = await fieldRulesFor(deps, tx, actor);
    const { contacts: requestedContacts, ...requested } = draft;
    const fields = guardFieldWrites(rules, null, stripEmpty(requested)) as typeof requested;
    const contactDrafts = requestedContacts.map((c, i) => guardFieldWrites(rules, null, stripEmpty(c), ['contacts', i]) as typeof c);
    const custom = await checkCustomerAgainstStore(tx, draft.kind, { ...fields, custom: fields.custom ?? {} });
    const customer = await tx.customers.insert(
      {
        code: await nextCustomerCode(tx, now),
        ...emptyCustomer,
        ...fields,
        custom,
        ...placed,
        createdBy: userId,
        updatedBy: userId,
      },
      at,
    );
    await recordAudit(tx, actor, at, { action: 'customer.created', entityType: 'customer', entityId: customer.id, customerId: customer.id, changes: customerDiff(null, customer) });
    const hasPrimary = contactDrafts.some((c) => c.isPrimary);
    const contacts: Contact[] = [];
    let primaryTaken = false;
    for (const [i, c] of contactDrafts.entries()) {
      // exactly one primary contact: the first marked one, or the first contact if none is marked
      const isPrimary: boolean = hasPrimary ? c.isPrimary && !primaryTaken : i === 0;
      primaryTaken ||= isPrimary;
      const contact = await tx.contacts.insert({ ...emptyContact, ...c, isPrimary, customerId: customer.id }, at);
      contacts.push(contact);
      await recordAudit(tx, actor, at, { action: 'contact.created', entityType: 'contact', entityId: contact.id, customerId: customer.id, changes: diffFields(null, contactFields(contact)) });
    }
    return { ...presentRecord(rules, customer), contacts: contacts.map((c) => presentRecord(rules, c)) };
  });
}

export const contactFields = ({ id: _i, customerId: _c, createdAt: _a, updatedAt: _u, ...rest }: Contact) => rest;

export const emptyContact = { title: null, mobile: null, email: null, notes: null };

/** Every optional customer column, empty: what a new row holds for the fields nobody gave. */
export const emptyCustomer = {
  ownerId: null,
  departmentId: null,
  source: null,
  notes: null,
  mobile: null,
  email: null,
  province: null,
  city: null,
  district: null,
  address: null,
  gender: null,
  birthday: null,
  idCardNo: null,
  occupation: null,
  shortName: null,
  uscc: null,
  legalRepresentative: null,
  industry: null,
  employees: null,
  annualRevenueFen: null,
  website: null,
  lastVerifiedAt: null,
};
